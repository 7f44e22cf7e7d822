"""Speaker resolution as a reader does it, rule by rule, on short articles written for these tests."""

from __future__ import annotations

import pytest

from pipeline.attribution import extract_claims
from pipeline.attribution.view import article_view, nominals


def speaker_of(nlp, text: str, words: str) -> tuple[str, str]:
    """(speaker, resolution) of the one claim whose content holds *words*."""
    claims = extract_claims({"a": nlp(text)})
    rows = claims[claims["content"].str.contains(words, regex=False)]
    assert len(rows) == 1, claims[["speaker", "content"]].to_string()
    return rows.iloc[0]["speaker"], rows.iloc[0]["resolution"]


RESOLUTION = [
    # (article, words of the claim, speaker, resolution)
    # A bare surname takes the fullest name given before it.
    ("Headline about the budget.\n\nMaria Lopez chairs the finance committee.\n\n"
     "Lopez said the city would borrow more money next year.", "borrow more money", "Maria Lopez", "surname"),
    # A surname of several words is a surname too.
    ("Headline about trade.\n\nJuan Carlos de la Vega runs the trade ministry.\n\n"
     "“We will not retaliate this year,” Mr. de la Vega told reporters.", "not retaliate", "Juan Carlos de la Vega",
     "surname"),
    # A surname in the headline takes the full name the first paragraph gives.
    ("Lopez says the budget is broken.\n\nMaria Lopez, the city’s finance chief, spoke on Monday.",
     "budget is broken", "Maria Lopez", "surname"),
    # A short organisation name takes the longer one given before it.
    ("Headline about taxes.\n\nThe New York Times reported the loss on Saturday.\n\n"
     "The Times said the loss could have cut his taxes for years.", "cut his taxes", "New York Times", "surname"),
    # "the agency" is the organisation named before whose name says it is an agency.
    ("Headline about taxes.\n\nThe Congressional Budget Office published its tables on Monday.\n\n"
     "The top earners paid a quarter of all taxes, the agency said in a report.", "quarter of all taxes",
     "Congressional Budget Office", "nominal"),
    # "the paper" is the newspaper named before.
    ("Headline about the mayor.\n\nThe Boston Globe published the emails on Friday.\n\n"
     "The mayor knew about the contract in May, the paper said.", "knew about the contract", "Boston Globe",
     "nominal"),
    # "the poll" is the named poll before it.
    ("Headline about the race.\n\nA Quinnipiac University poll was released on Tuesday.\n\n"
     "The senator leads by four points, according to the poll.", "leads by four points",
     "Quinnipiac University poll", "nominal"),
    # An unnamed document is named by its author.
    ("Headline about taxes.\n\nMiddle earners would pay more, according to an analysis by Lily Chen, "
     "a tax professor.", "Middle earners would pay more", "Lily Chen", "explicit"),
    # "the president" is the person the article titled president.
    ("Headline about the museum.\n\nPresident Obama opened the museum on Saturday.\n\n"
     "The president said the museum told an American story.", "told an American story", "Obama", "nominal"),
    # "she" is the woman who spoke last, not the man who spoke after her.
    ("Headline about schools.\n\nAnna Weber, who runs the teachers union, spoke first. "
     "She said the schools needed more money.\n\nTom Berg, the district’s spokesman, said the schools had "
     "enough money.\n\n"
     "“We are losing teachers every month,” she said.", "losing teachers", "Anna Weber", "pronoun"),
    # A subject named after the last speaker takes the pronoun.
    ("Headline about the debate.\n\nTom Berg said the debate would be rigged.\n\n"
     "Jo Ellen Ruiz, a professor of politics, described the tactic as old.\n\n"
     "“It lowers expectations,” she said.", "lowers expectations", "Jo Ellen Ruiz", "pronoun"),
    # "he added" carries on the last speaker's turn.
    ("Headline about the port.\n\nTom Berg said the port would close.\n\n"
     "Paul Adams, the port director, visited the docks on Monday.\n\n"
     "“Nobody will lose a job,” he added.", "Nobody will lose a job", "Tom Berg", "pronoun"),
    # A pronoun inside a quote is not a subject a later pronoun can take.
    ("Headline about taxes.\n\nAnna Weber said on Monday that “Donald wants tax cuts for the rich.”\n\n"
     "“Cutting taxes on the wealthy has not worked,” she said.", "has not worked", "Anna Weber", "pronoun"),
    # "they" is the organisation just named as a subject.
    ("Headline about a fact check.\n\nPolitiFact checked the claim on Monday. "
     "They said the number was close to the truth.", "close to the truth", "PolitiFact", "pronoun"),
    # "the company" is not the union that spoke before it, nor "the union" a corporation.
    ("Headline about a strike.\n\nThe Teamsters union said the strike would go on until wages rose; the company "
     "said it would not negotiate under pressure.", "not negotiate under pressure", "company", "unresolved"),
    ("Headline about a plant.\n\nAcme Corp. said it would close the plant in May.\n\n"
     "The union said the closure would cost five hundred jobs.", "cost five hundred jobs", "union", "unresolved"),
    # "the company" after another kind of body spoke takes the company named before it.
    ("Headline about a plant.\n\nAcme Corp. said it would close the plant in May.\n\n"
     "The union said the closure would cost five hundred jobs; the company denied that the closure was "
     "linked to the strike.", "linked to the strike", "Acme Corp", "nominal"),
    # A nominal with no word of its own kind ("the group") still takes the body that spoke before it.
    ("Headline about guns.\n\nThe National Rifle Association said the bill would fail.\n\n"
     "The group said its members would campaign against the senator.", "campaign against the senator",
     "The National Rifle Association", "nominal"),
    # A quantifier names nobody.
    ("Headline about taxes.\n\nSome note that the plan helps the rich.", "helps the rich", "Some", "unresolved"),
]


@pytest.mark.parametrize(("text", "words", "speaker", "resolution"), RESOLUTION)
def test_speaker_resolution(nlp, text, words, speaker, resolution):
    assert speaker_of(nlp, text, words) == (speaker, resolution)


def test_view_gives_genders_from_honorifics_roles_and_pronouns(nlp):
    view = article_view(nlp("Headline.\n\nMs. Anna Weber runs the union. Tom Berg spoke later and he was angry. "
                            "His wife, Rita Berg, stayed home."))
    assert view.genders.get("Anna Weber") == "female"
    assert view.genders.get("Tom Berg") == "male"
    assert view.genders.get("Rita Berg") == "female"
    assert view.compatible("Tom Berg", "male") and not view.compatible("Tom Berg", "female")
    assert view.compatible("Nobody Known", "female")


def test_view_does_not_take_a_name_glued_to_an_outlet(nlp):
    view = article_view(nlp("Headline.\n\nIn an interview with the editorial board of the Washington Post Trump "
                            "said the alliance was obsolete. Later Trump repeated it."))
    assert all(m.name != "Washington Post Trump" for m in view.mentions if m.kind == "person")


def test_nominals_resource_reads():
    nom = nominals()
    assert nom.pronoun_gender("She") == "female" and nom.pronoun_gender("they") is None
    assert "Agency" in nom.organisation_words["agency"] and "add" in nom.continuing_cues
