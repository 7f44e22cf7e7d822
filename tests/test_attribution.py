"""Attribution, construction by construction, on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.attribution import _nameable, extract_claims
from pipeline.attribution.cues import lexicon
from pipeline.attribution.quotes import find_quotes, looks_like_a_title


def claims_of(nlp, text: str):
    return extract_claims({"a": nlp(text)})


def only(nlp, text: str):
    claims = claims_of(nlp, text)
    assert len(claims) == 1, claims[["speaker", "content"]].to_string()
    return claims.iloc[0]


CASES = [
    # (text, speaker, claim_type, words the content holds)
    ("“The new rules will hurt small farmers,” said Maria Lopez.", "Maria Lopez", "direct", "hurt small farmers"),
    ('"The new rules will hurt small farmers," Maria Lopez said.', "Maria Lopez", "direct", "hurt small farmers"),
    ("‘The new rules will hurt small farmers,’ Maria Lopez said.", "Maria Lopez", "direct", "hurt small farmers"),
    ("Maria Lopez told the committee on Tuesday: “The new rules will hurt small farmers.”",
     "Maria Lopez", "direct", "hurt small farmers"),
    ("“The plan is sound,” said Greenpeace’s Tom Berg.", "Tom Berg", "direct", "plan is sound"),
    ("The union argues that the new contract ignores safety at the plant.", "union", "indirect", "ignores safety"),
    ("Tom Berg warned that prices would rise again next year.", "Tom Berg", "indirect", "prices would rise"),
    ("Prices will rise again next year, Tom Berg said.", "Tom Berg", "indirect", "Prices will rise"),
    # The parser glues a name to the phrase before it, or hangs the clause on the verb as adverbial.
    ("In an interview with the editorial board of the Chicago Tribune Lopez said that the tax would hurt "
     "small farmers.", "Lopez", "indirect", "hurt small farmers"),
    ("Speaking to the Financial Times Merkel said that Europe would stand together.", "Merkel", "indirect",
     "stand together"),
    ("Lopez said after the hearing she would not support the bill if it reached the floor.", "Lopez", "indirect",
     "not support the bill"),
    ("Prices will rise again next year, economists fear.", "economists", "indirect", "Prices will rise"),
    ("According to the ministry, exports fell by a third in March.", "ministry", "indirect", "exports fell"),
    ("Exports fell by a third in March, according to the trade ministry.", "trade ministry", "indirect", "fell by a third"),
    ("The mayor criticised the budget, saying it would close three libraries.", "mayor", "indirect", "close three libraries"),
    ("The senator was quoted as saying that the bill would never pass the house.", "senator", "indirect", "bill would never pass"),
    ("Amnesty International called the new law “a licence to spy on journalists.”",
     "Amnesty International", "mixed", "licence to spy"),
    ("The minister said the reform was “long overdue” and would save money.", "minister", "mixed", "long overdue"),
    ("Unions urged the government to drop the pension reform.", "Unions", "indirect", "drop the pension reform"),
    ("The teachers’ union called for a moratorium on new charter schools.", "teachers’ union", "indirect",
     "moratorium on new charter schools"),
    ("Senator Ruth Okafor has called for raising the minimum wage to fifteen dollars.", "Ruth Okafor", "indirect",
     "raising the minimum wage"),
    ("Governor Ann Price called Friday for the release of the police videos.", "Ann Price", "indirect",
     "release of the police videos"),
    ("The mayor has called the flooding a national emergency.", "mayor", "indirect", "flooding a national emergency"),
    ("The new bridge, the mayor said, would cost five billion dollars over ten years.", "mayor", "indirect",
     "would cost five billion dollars"),
    ("Most of the flooded homes, Maria Lopez argued, could have been saved by a better levee.", "Maria Lopez",
     "indirect", "could have been saved"),
    ("Though the first bridge was cheap, the mayor said, the second one would cost far more.", "mayor", "indirect",
     "second one would cost far more"),
    ("During her two terms, the governor said, most voters have come to believe that taxes are too high.", "governor",
     "indirect", "taxes are too high"),
    ("On Sunday’s episode of “Meet the Voters Tonight,” the senator said the farm bill was dead for this year.",
     "senator", "indirect", "farm bill was dead"),
    ("The border wall would cost twenty billion dollars, per Reuters.", "Reuters", "indirect", "twenty billion dollars"),
    ("Economists doubted the finance minister’s claim that prices would fall by the spring.", "finance minister",
     "indirect", "prices would fall by the spring"),
    ("Maria Lopez spoke first. Her warning that the old dam could fail went unheeded for years.", "Maria Lopez",
     "indirect", "the old dam could fail"),
    ("Maria Lopez tweeted: “THE NEW RULES WILL HURT SMALL FARMERS!”", "Maria Lopez", "direct", "HURT SMALL FARMERS"),
    # coordinated objects: the parser hangs the preposition on the last conjunct
    ("At the rally, the governor accused the unions and their lawyers of stalling the pension talks.", "governor",
     "indirect", "the unions and their lawyers of stalling"),
]


@pytest.mark.parametrize("text, speaker, claim_type, words", CASES)
def test_constructions(nlp, text, speaker, claim_type, words):
    claim = only(nlp, text)
    assert claim["speaker"] == speaker
    assert claim["claim_type"] == claim_type
    assert words in claim["content"]


@pytest.mark.parametrize("text, content", [
    ("Mayor Tom Berg, who has voted against every budget since 2010, according to the Herald, is running again.",
     "who has voted against every budget since 2010"),
    ("The fund had lost 40 percent of its value, most of which came from bad loans, according to the audit.",
     "most of which came from bad loans"),
    # a clause that defines its noun, or tells when or where, leaves the whole sentence vouched for
    ("Half the voters approve of Lopez, compared with 45 percent who disapprove, according to the poll.",
     "Half the voters approve of Lopez, compared with 45 percent who disapprove"),
    ("The senator met with farmers in Iowa, where prices have fallen by a third since March, according to state "
     "figures.", "The senator met with farmers in Iowa, where prices have fallen by a third since March"),
])
def test_according_to_after_a_relative_clause(nlp, text, content):
    assert only(nlp, text)["content"] == content


@pytest.mark.parametrize("text", [
    "Delegates debated the “United Nations Convention against Cybercrime” for a week.",
    "The so-called “reform” passed on Tuesday after a long debate in parliament.",
    "The storm closed schools across the region and cut power to thousands of homes.",
    "She said nothing.",
    "A fisherman called Tom Berg found the boat near the harbour wall.",
    "The old coal plants together emit nearly two billion tons per year of carbon dioxide.",
    "The carmaker unveiled its new electric delivery truck at the motor show in Detroit.",
    "The prime minister called a snap election for the fourth of July.",
    "The minister's warning that fuel prices would double alarmed drivers across the country.",
    "Called “Clean Seas”, the programme pays fishermen to collect plastic.",
    "The old bridge has been called an eyesore by residents for decades.",
    "She said goodbye to her colleagues because she was moving to Lisbon.",
    # attitudes and deeds, not statements
    "The senator defended the farm bill in a long speech on the floor.",
    "The teachers' union endorsed the mayor for a second term.",
    "The council praised the firefighters for their courage during the flood.",
    "The landlord threatened to evict the tenants of the old mill.",
    # a speech act with a pronoun or a bare plural for object reports nothing a reader can name
    "The mayor denied it.",
    "The company announced plans.",
    # an object of "said" that is no clause
    "The pastor said a prayer for the miners who died in the flood.",
    # a passive whose "by" phrase is no speaker, or whose subject is a pronoun
    "The bill was reported out of committee by a vote of twelve to four.",
    "It was confirmed by the hospital.",
    # "as" of time; a naming participle that describes its noun; "reported" without an object a reader can name
    "The crowd cheered loudly as the senator spoke.",
    "A man calling himself a prophet stood outside the court all day.",
    "The officer reported for duty at dawn.",
    "The company reported it.",
    "He said the same thing.",
])
def test_not_claims(nlp, text):
    assert claims_of(nlp, text).empty


@pytest.mark.parametrize("text, content", [
    # the writer or the speaker's next attribution takes over
    ("Officials said the delay was not deliberate; they only heard about the fault on Friday from the builders.",
     "the delay was not deliberate"),
    ("Analysts said the port had grown faster than any other in the region, citing its new rail link to the capital.",
     "the port had grown faster than any other in the region"),
    # a list or a participle of the claim itself stays in it
    ("He said the company has offices in Paris, France; Berlin, Germany; and Rome, Italy.",
     "the company has offices in Paris, France; Berlin, Germany; and Rome, Italy"),
    ("She said the company grew rapidly last year, adding 500 jobs in Ohio and Texas.",
     "the company grew rapidly last year, adding 500 jobs in Ohio and Texas"),
])
def test_where_a_reported_clause_ends(nlp, text, content):
    assert claims_of(nlp, text)["content"].iloc[0] == content


def test_a_clause_before_a_semicolon_is_not_reported_by_the_verb_after_it(nlp):
    claims = claims_of(nlp, "The union said the strike would go ahead; the company has not yet replied to its letter.")
    said = claims[claims["cue"] == "say"]
    assert list(said["content"]) == ["the strike would go ahead"]
    assert not claims["content"].str.contains("go ahead;").any()  # "replied to" reports only its letter


def test_it_speaks_for_the_document_that_spoke_last(nlp):
    claims = claims_of(nlp, "The audit report found that the agency lost track of two hundred laptops. "
                            "It says the agency must count its equipment every year.")
    assert claims["speaker"].tolist() == ["audit report", "audit report"]
    assert claims["resolution"].tolist() == ["explicit", "pronoun"]


def test_it_after_a_company_spoke_is_not_the_earlier_report(nlp):
    claims = claims_of(nlp, "A report by Amnesty International found that abuses were widespread. "
                            "Apple said it would appeal. It added that the report was flawed in many ways.")
    assert claims["speaker"].tolist()[1:] == ["Apple", "Apple"]


def test_it_after_a_person_spoke_names_no_earlier_company(nlp):
    claims = claims_of(nlp, "Apple said it would appeal. Jack Smith said the rules were clear. "
                            "It added that the rules would change.")
    assert claims["speaker"].tolist() == ["Apple", "Jack Smith"]


def test_pronoun_resolves_to_the_earlier_speaker(nlp):
    text = ("“We will appeal,” said Anna Weber, a lawyer for the Berlin Tenants Association.\n\n"
            "“This ruling cannot stand,” she said.")
    claims = claims_of(nlp, text)
    assert list(claims["speaker"]) == ["Anna Weber", "Anna Weber"]
    assert claims.iloc[1]["speaker_mention"] == "she"
    assert claims.iloc[1]["resolution"] == "pronoun"
    assert set(claims["affiliation"]) == {"Berlin Tenants Association"}


def test_surname_resolves_to_the_full_name(nlp):
    text = ("Anna Weber, a lawyer for the tenants, said the ruling was unfair.\n\n"
            "“We will appeal,” Weber said.")
    second = claims_of(nlp, text).iloc[1]
    assert (second["speaker"], second["speaker_mention"], second["resolution"]) == ("Anna Weber", "Weber", "surname")


TRANSCRIPT = ("Senator Ellen Marsh spoke to the host, Dan Cole, on Sunday.\n\n"
              "COLE: Will you vote for the farm bill next week?\n\n"
              "SEN. MARSH: I will not. The bill gives too much to the largest growers.\n\n"
              "COLE: Even with the new subsidy cap?\n\n"
              "\"MARSH: The cap is a fig leaf, and everyone in the chamber knows it.\n\n"
              "UPDATE: This story was updated on Monday.\n\n"
              "LONDON: Wheat prices rose on the news.")


def test_transcript_turns_are_claims_of_the_person_their_label_names(nlp):
    claims = claims_of(nlp, TRANSCRIPT)
    assert claims["speaker"].tolist() == ["Dan Cole", "Ellen Marsh", "Dan Cole", "Ellen Marsh"]
    assert claims["speaker_mention"].tolist() == ["COLE", "SEN. MARSH", "COLE", "MARSH"]
    assert claims["content"].tolist()[1] == "I will not. The bill gives too much to the largest growers."
    assert claims["content"].tolist()[3].startswith("The cap is a fig leaf")
    assert set(claims["claim_type"]) == {"direct"} and set(claims["cue"]) == {":"}


def test_a_label_that_opens_one_paragraph_is_no_speaker(nlp):
    """A dateline or a one-off label is not a transcript; only labels that take turns are."""
    assert claims_of(nlp, "LONDON: Wheat prices rose on the news.\n\nTRADERS: none of them expected it.").empty


def test_nominal_resolves_to_the_earlier_official(nlp):
    text = ("A senior Treasury official said the tax would raise little money.\n\n"
            "The official said that the plan had been shelved for now.")
    claims = claims_of(nlp, text)
    assert claims.iloc[1]["resolution"] == "nominal"
    assert claims.iloc[1]["speaker"] == claims.iloc[0]["speaker"]


def test_anonymous_source_is_flagged(nlp):
    claim = only(nlp, "“The talks are dead,” said a Western diplomat who asked not to be named.")
    assert claim["anonymous"] and claim["speaker_type"] == "anonymous"
    assert claim["speaker"] == "Western diplomat"


def test_rank_words_are_left_out_of_an_unnamed_source(nlp):
    claim = only(nlp, "“We expect a deal by Friday,” said a senior U.S. official.")
    assert (claim["speaker"], claim["affiliation"], claim["anonymous"]) == ("U.S. official", "United States", True)


def test_relative_clause_speaker_without_its_verb(nlp):
    claim = only(nlp, "The law has alarmed farmers and grocers, who argue that it will raise food prices.")
    assert claim["speaker"] == "farmers and grocers"


def test_affiliation_from_a_title_with_a_country(nlp):
    claim = only(nlp, "U.S. ambassador Jane Roe told the council that the vote was premature.")
    assert (claim["speaker"], claim["affiliation"]) == ("Jane Roe", "United States")


def test_quote_across_paragraphs_and_split_by_its_cue(nlp):
    text = ("“The first part of the quote runs on,” the minister said, “and ends here.”\n\n"
            "“A new paragraph keeps quoting the minister without a cue of its own.”")
    claims = claims_of(nlp, text)
    assert len(claims) == 2
    assert "ends here" in claims.iloc[0]["content"] and claims.iloc[0]["claim_type"] == "direct"
    assert claims.iloc[1]["speaker"] == claims.iloc[0]["speaker"]


def test_offsets_point_at_content_and_speaker(nlp):
    text = "Exports fell sharply, the ministry said on Monday. “We expect a recovery,” said Tom Berg."
    for row in claims_of(nlp, text).itertuples():
        assert text[row.start_char:row.end_char] == row.content
        assert text[row.speaker_start_char:row.speaker_end_char] == row.speaker_mention


@pytest.mark.parametrize("text", [
    "An odd “ quote mark never closes, he said.",
    "“Unclosed at the end, she said",
    "”Backwards” quotes and stray ' marks and '' pairs.",
    "",
])
def test_unbalanced_quote_marks_never_crash(nlp, text):
    claims_of(nlp, text)


@pytest.mark.parametrize("text, quotes", [
    ("He called it a ‘bought off’ deal and the countries’ votes odd.", ["bought off"]),
    ("''Archive style,'' he said.", ["Archive style,"]),
    ("“One,” he said. “Two.”", ["One,", "Two."]),
    ("It’s the members’ view, isn’t it?", []),
])
def test_quote_finder(text, quotes):
    assert [text[q.start:q.end] for q in find_quotes(text)] == quotes


@pytest.mark.parametrize("text, title", [
    ("Meet the Voters Tonight,", True), ("Make Your Kid a Millionaire", True), ("Keepin' It Real", True),
    ("Subpoenas are not optional,", False), ("We Will Win. Believe Me.", False), ("The plan is sound.", False),
    ("THE FAKE NEWS MEDIA IS THE ENEMY", False),
])
def test_a_quoted_name_of_a_show_or_book_looks_like_a_title(text, title):
    assert looks_like_a_title(text) is title


@pytest.mark.parametrize("name, nameable", [
    ("Maria Lopez", True), ("UN", True), ("public ―", True), ("'s", False), ("It", False), ("—", False), ("", False),
    ("18%", True), ("18", False),
])
def test_a_speaker_must_be_something_a_reader_can_name(name, nameable):
    assert _nameable(name, lexicon()) is nameable


SPLIT = [
    # (text, speaker, content: the quoted or reported words only, fragments joined by " … ")
    ("“The plan will fail,” Maria Lopez said. “It has no money behind it.”", "Maria Lopez",
     "The plan will fail … It has no money behind it."),
    ("“The plan will fail,” Maria Lopez said, “because it has no money behind it.”", "Maria Lopez",
     "The plan will fail … because it has no money behind it."),
    ("“The plan will fail,” the senator told supporters in Ohio. “We will vote against it next week.”", "senator",
     "The plan will fail … We will vote against it next week."),
    ("“The plan will fail,” said Maria Lopez, speaking of the budget. “It has no money behind it at all.”",
     "Maria Lopez", "The plan will fail … It has no money behind it at all."),
    ("“The plan,” Tom Berg said (speaking to reporters in Ohio), “will fail because nobody funds it.”", "Tom Berg",
     "The plan … will fail because nobody funds it."),
    ("“The plan will fail” (Berg was speaking to reporters in Ohio) “because nobody funds it,” Tom Berg said.",
     "Tom Berg", "The plan will fail … because nobody funds it"),
    ("The new bridge, the mayor said on Friday, would cost five billion dollars over ten years.", "mayor",
     "The new bridge … would cost five billion dollars over ten years"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), SPLIT)
def test_split_and_interrupted_quotes_are_one_claim_of_the_words_said(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert (claim["speaker"], claim["content"]) == (speaker, content)
    fragments = [tuple(map(int, part.split("-"))) for part in claim["spans"].split(";")]
    assert " … ".join(text[s:e] for s, e in fragments) == content
    for lo, hi in ((claim["speaker_start_char"], claim["speaker_end_char"]),
                   (claim["cue_start_char"], claim["cue_end_char"])):
        assert not any(s < hi and lo < e for s, e in fragments)


def test_one_piece_content_leaves_spans_empty(nlp):
    claim = only(nlp, "“The new rules will hurt small farmers,” said Maria Lopez.")
    assert claim["spans"] == ""
    assert claim["content"] == "The new rules will hurt small farmers"
    assert claim["cue_start_char"] < claim["cue_end_char"] <= claim["speaker_start_char"]


def test_a_short_scare_quote_mid_sentence_is_no_claim(nlp):
    claims = claims_of(nlp, "The website rated the claim “mostly true,” saying that the figure was close.")
    assert claims["content"].tolist() == ["the figure was close"]


COLON = [
    # (text, speaker or None for no claim, content)
    ("Trump: Clinton Should Have Congratulated Me for Making History.\n\nDonald Trump spoke in Ohio on Monday.",
     "Donald Trump", "Clinton Should Have Congratulated Me for Making History"),
    ("Poll: Trump and Clinton Hold Narrow Leads in Pennsylvania.\n\nThe race tightened on Monday.",
     "Poll", "Trump and Clinton Hold Narrow Leads in Pennsylvania"),
    ("The Latest: Trump Urges Supporters to Watch the Polls.\n\nThe race tightened on Monday.", None, ""),
    ("UPDATE: The Council Moved the Vote to Friday.\n\nThe race tightened on Monday.", None, ""),
    ("The results did not surprise Republican pollster Daron Shaw: “Lesser-known candidates often beat the "
     "favourites.”", "Daron Shaw", "Lesser-known candidates often beat the favourites."),
    ("The survey has a few weak spots. From the report: “In general, samples with longer field periods produced "
     "more accurate results.”", "report",
     "In general, samples with longer field periods produced more accurate results."),
    ("The mayor answered in one word: “Never again, not in this city.”", None, ""),
    ('FAREWELL—"The Blue Room to close at the end of December," by Times\' Ben Sisario: "The Blue Room, a small '
     'club that gave many singers an early start, will close its doors in December."', None, ""),
    ('—"Sam Mendes leaves the show," by the Times\' Michael Paulson: "Sam Mendes is withdrawing as the director '
     'of the musical, allowing the team free rein."', None, ""),
]


@pytest.mark.parametrize(("text", "speaker", "content"), COLON)
def test_colon_cues_in_headlines_and_before_quotes(nlp, text, speaker, content):
    claims = claims_of(nlp, text)
    if speaker is None:
        assert claims.empty, claims[["speaker", "content"]].to_string()
    else:
        claim = only(nlp, text)
        assert (claim["speaker"], claim["content"], claim["cue"]) == (speaker, content, ":")


BOUNDARIES = [
    # (text, speaker, content): where a claim starts and ends
    ('Particularly in the poorer districts, he said, "we do not know what the effect will be" on how many '
     'schools close.', "he",
     'Particularly in the poorer districts … "we do not know what the effect will be" on how many schools close'),
    ("Ortiz said the plan has “failed every test” in court before adding that the council must act.",
     "Ortiz", "the plan has “failed every test” in court"),
    ("Tom Berg said that is a distortion of the record.", "Tom Berg", "that is a distortion of the record"),
    ("Tom Berg said that the report is a distortion of the record.", "Tom Berg",
     "the report is a distortion of the record"),
    # a "that" that is a determiner stays: it belongs to the noun phrase said
    ("That decision was wrong, the mayor said.", "mayor", "That decision was wrong"),
    ("She argued that idea was never serious.", "She", "that idea was never serious"),
    # what the parser hangs on the cue verb still belongs to what was said, to the end of the sentence
    ("The union urged its members to reject the offer, picket the plant and stay out until the company "
     "returns to talks.", "union",
     "its members to reject the offer, picket the plant and stay out until the company returns to talks"),
    ("Doctors said more staff are needed to clear the backlog, reopen the clinics and train new nurses.",
     "Doctors", "more staff are needed to clear the backlog, reopen the clinics and train new nurses"),
    ("The mayor pointed to her record as both a city councilor and head of the housing board.", "mayor",
     "her record as both a city councilor and head of the housing board"),
    ("The singer announced a tour in support of her new album.", "singer", "a tour in support of her new album"),
    # but not into the writer's words: a clause of its own, the speaker's next deed, a participle, a source
    ("Maria Lopez said the budget was fair, and she voted for it.", "Maria Lopez", "the budget was fair"),
    ("Maria Lopez said the budget was fair, citing the new school funds.", "Maria Lopez", "the budget was fair"),
    ("Maria Lopez denied the newspaper's report and left the council on Friday.", "Maria Lopez",
     "the newspaper's report"),
    ("Maria Lopez said the budget was fair; the council disagreed with her.", "Maria Lopez", "the budget was fair"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), BOUNDARIES)
def test_claim_boundaries(nlp, text, speaker, content):
    claims = claims_of(nlp, text)
    assert claims["speaker"].iloc[0] == speaker
    assert claims["content"].iloc[0] == content


@pytest.mark.parametrize(("text", "contents", "claim_type"), [
    ('This makes it harder to correct false stories, Tom Berg said. Good information can still drive out bad, but '
     'only when "the truth is more exciting than the lie."',
     ['This makes it harder to correct false stories … Good information can still drive out bad, but only when '
      '"the truth is more exciting than the lie."'], "mixed"),
    ('Ortiz said the schools would close. The council called the plan "a disgrace to the city."',
     ["the schools would close"], "indirect"),
    ('Ortiz said the schools would close.\n\nThe closures follow years of cuts that left "nothing for the '
     'buildings."', ["the schools would close"], "indirect"),
    ('Ortiz said the schools would close. The mayor struggles with bragging, which she finds "the hardest part of '
     'the job."', ["the schools would close"], "indirect"),
])
def test_a_quote_in_the_next_sentence_continues_the_claim(nlp, text, contents, claim_type):
    claims = claims_of(nlp, text)
    assert claims["content"].tolist() == contents
    assert claims["claim_type"].iloc[0] == claim_type


def test_a_cue_after_before_is_the_first_speakers(nlp):
    claims = claims_of(nlp, "Ortiz said the plan has “failed every test” in court before adding that the council "
                            "must act.")
    assert claims["speaker"].tolist() == ["Ortiz", "Ortiz"]
    assert claims["content"].tolist()[1] == "the council must act"


def test_a_paragraph_opening_with_a_persons_name_and_a_colon_is_their_claim(nlp):
    text = ("Campaign notes\n\nMark Ortiz: A businessman can run this country, but the senator has gone crazy.\n\n"
            "Ann Lopez: 45 percent\n\nWATCH: The storm reaches the coast.\n")
    found = claims_of(nlp, text)
    assert list(zip(found["speaker"], found["content"])) == [
        ("Mark Ortiz", "A businessman can run this country, but the senator has gone crazy")]


HEADLINE_VERBS = [
    # (text, speaker or None for no claim, cue, content)
    ("Mayor Jane Ortiz Says City Will Close Three Schools.\n\nJane Ortiz spoke to reporters on Monday.",
     "Jane Ortiz", "say", "City Will Close Three Schools"),
    ("Greenpeace Denies Funding The Protest In Berlin.\n\nThe group spoke on Monday.",
     "Greenpeace", "deny", "Funding The Protest In Berlin"),
    ("Wow: Tom Berg Just Said Something Unexpected About The Budget.\n\nTom Berg spoke in Ohio on Monday.",
     "Tom Berg", "say", "Something Unexpected About The Budget"),
    ("Ortiz Vows To Rebuild The Bridge; Council Balks At Cost.\n\nJane Ortiz met the council on Monday.",
     "Jane Ortiz", "vow", "To Rebuild The Bridge"),
    ("Jane Ortiz’s Claim That Schools Are Safe Is Not True.\n\nJane Ortiz spoke in Ohio on Monday.", None, "", ""),
    ("Storm Leaves Thousands Without Power.\n\nThe storm hit the coast on Monday.", None, "", ""),
    ("The Senate Intelligence Committee Report released on Tuesday criticised the agency.\n\nThe committee met "
     "on Monday.", None, "", ""),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), HEADLINE_VERBS)
def test_a_title_case_headline_with_a_verb_of_saying_is_a_claim(nlp, text, speaker, cue, content):
    if speaker is None:
        assert claims_of(nlp, text).empty, claims_of(nlp, text)[["speaker", "content"]].to_string()
    else:
        claim = only(nlp, text)
        assert (claim["speaker"], claim["cue"], claim["content"]) == (speaker, cue, content)


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("Rubio only briefly explained the general utility of increasing the number of visas.", "Rubio",
     "the general utility of increasing the number of visas"),
    ("The mayor stressed the need for a new levee on the east side of the river.", "mayor",
     "the need for a new levee on the east side of the river"),
    ("The company disclosed a cache of documents about the spill.", "company",
     "a cache of documents about the spill"),
    # "reported" with figures for object, "reiterated/stated" with a noun that carries what was said
    ("Last year, the regional police reported 900 attacks on shelters for refugees.", "regional police",
     "900 attacks on shelters for refugees"),
    ("The senator reiterated her belief that the convention would be contested.", "senator",
     "her belief that the convention would be contested"),
    ("The former governor also stated his intention to vote for the mayor.", "former governor",
     "his intention to vote for the mayor"),
    # the role an "as" gives what a speaker points to, which the parser hangs on the verb
    ("Ruiz pointed to Brazil as the model for the region.", "Ruiz", "Brazil as the model for the region"),
    ("Ortiz pointed to Ohio as the state most likely to decide the race.", "Ortiz",
     "Ohio as the state most likely to decide the race"),
    ("The senator mentioned Ohio as one state where she could win.", "senator",
     "Ohio as one state where she could win"),
])
def test_speech_acts_without_a_clause_report_their_object(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert (claim["speaker"], claim["content"], claim["claim_type"]) == (speaker, content, "indirect")


@pytest.mark.parametrize(("text", "speaker", "content"), [
    # the reported clause hangs on the noun of a phrase between verb and clause
    ("The mayor's chief of staff says in a statement that the council will now vote on the budget in March.",
     "mayor's chief of staff", "the council will now vote on the budget in March"),
    ("The developer claimed in an interview with the local paper that he had never met the mayor before the sale.",
     "developer", "he had never met the mayor before the sale"),
    # a verb of saying under an adjective takes the sentence's subject
    ("Young voters were slightly more likely to say they preferred the challenger on housing.", "Young voters",
     "they preferred the challenger on housing"),
    ("The minister was quick to point out that the ferry had never sunk before.", "minister",
     "the ferry had never sunk before"),
    # a share of people the parser takes for a modifier of the verb
    ("About 4 in 10 say they want the next mayor to cut property taxes.", "About 4 in 10",
     "they want the next mayor to cut property taxes"),
    ("Six in 10 said the city was moving in the wrong direction.", "Six in 10",
     "the city was moving in the wrong direction"),
    # an aside without a subject before the reported clause
    ("The governor says, win or lose in next week's vote, she is staying in the race.", "governor",
     "she is staying in the race"),
])
def test_reported_clauses_the_parser_hangs_elsewhere(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert claim["speaker"] == speaker
    assert content in claim["content"]


@pytest.mark.parametrize(("text", "claims"), [
    ("The director said her group never worked with the lobbyists and said the group hired its own lawyers.",
     [("director", "her group never worked with the lobbyists"), ("director", "the group hired its own lawyers")]),
    ("The mayor said the plan was sound and argued that the costs were modest.",
     [("mayor", "the plan was sound"), ("mayor", "the costs were modest")]),
    ("Tom Berg said he would release his tax returns on Friday, calling them “very boring tax returns.”",
     [("Tom Berg", "he would release his tax returns on Friday"), ("Tom Berg", "them “very boring tax returns.”")]),
    # a naming verb's or a speech act's object ends where the speaker's next verb of saying begins
    ('The mayor called it "shameful" and called on the council "not to feed that dark impulse."',
     [("mayor", 'it "shameful"'), ("mayor", "not to feed that dark impulse.")]),
    ('At the rally he was mentioning the need for a new bridge and adding, "I know who should build it."',
     [("he", "the need for a new bridge"), ("he", "I know who should build it.")]),
    # a verb of saying with a plain object is part of the claim
    ("She said the company grew rapidly last year and added 500 jobs in Ohio and Texas.",
     [("She", "the company grew rapidly last year and added 500 jobs in Ohio and Texas")]),
    # a finite verb of saying that reports its object is the speaker's next speech act
    ("The governor said she wanted to cut the sales tax and proposed a new levy on luxury yachts.",
     [("governor", "she wanted to cut the sales tax"), ("governor", "a new levy on luxury yachts")]),
    ('The coach says he admires the referee and calls him "the fairest man in the league."',
     [("coach", "he admires the referee"), ("coach", "the fairest man in the league.")]),
    # a participle of saying after a dash, or one that reports what its preposition takes ("pointing to")
    ("The spokesman said the company had broken no rules — saying its rivals had done the same for years.",
     [("spokesman", "the company had broken no rules"), ("spokesman", "its rivals had done the same for years")]),
    ("The senator argued that the bill would raise prices, pointing to a study by the state auditor.",
     [("senator", "the bill would raise prices"), ("senator", "a study by the state auditor")]),
    # not a base form inside what was said
    ("The mayor said the city would hire 200 teachers and announce a new budget in May.",
     [("mayor", "the city would hire 200 teachers and announce a new budget in May")]),
])
def test_a_claim_ends_where_the_speakers_next_cue_begins(nlp, text, claims):
    found = claims_of(nlp, text)
    assert list(zip(found["speaker"], found["content"])) == claims


@pytest.mark.parametrize(("text", "content"), [
    # a relative clause after a name (or a date) at the end of what was said is the writer's aside
    ("The mayor said the council should hire Maria Lopez, who ran the city's water board for a decade.",
     "the council should hire Maria Lopez"),
    ("The coach said the team had not lost since March, when the new goalkeeper arrived from Spain.",
     "the team had not lost since March"),
    # not after a common noun, nor inside the clause
    ("The mayor said the council should fund the new library, which would open in May.",
     "the council should fund the new library, which would open in May"),
    ("The mayor said Maria Lopez, who ran the water board, would resign in May.",
     "Maria Lopez, who ran the water board, would resign in May"),
])
def test_a_relative_clause_after_a_name_ends_the_claim(nlp, text, content):
    assert only(nlp, text)["content"] == content


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("The senator touted her record on veterans' health care during the debate.", "senator",
     "her record on veterans' health care"),
    ("The mayor later tweeted a photograph of the flooded street.", "mayor", "a photograph of the flooded street"),
    ("The campaign is already claiming a victory in the southern states.", "campaign",
     "a victory in the southern states"),
    ("The senator lamented the council's vote against the housing plan.", "senator",
     "the council's vote against the housing plan"),
    ("The mayor boasted of his skill in cutting the city's debt.", "mayor", "his skill in cutting the city's debt"),
    ("The governor pointed to the jobs report from the state labour office.", "governor",
     "the jobs report from the state labour office"),
    # a determined noun is object enough
    ("The White House confirmed the meeting.", "The White House", "the meeting"),
    ("The mayor denied the accusations.", "mayor", "the accusations"),
])
def test_speech_acts_that_report_their_object(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert (claim["speaker"], claim["content"], claim["claim_type"]) == (speaker, content, "indirect")


@pytest.mark.parametrize("text", [
    "As he spoke to the crowd last Thursday, the senator became the first candidate to buy an advertisement on the site.",
    "In the meantime, as the minister continues to pursue talks, the situation in the region is growing ever murkier.",
    "He left early, because he was tired.",
])
def test_as_and_because_clauses_that_are_not_attributions(nlp, text):
    assert claims_of(nlp, text).empty


def test_a_quote_ending_a_sentence_takes_no_cue_from_a_claim_after_it(nlp):
    claims = claims_of(nlp, "“This is the end of the line for the plan.” Tom Berg said the council would vote again.")
    assert claims["content"].tolist() == ["the council would vote again"]


@pytest.mark.parametrize("text", [
    "The company made a statement to the press.",
    "He made a call to his mother on Sunday.",
    "She made a point of visiting every school in the district.",
])
def test_light_verbs_that_report_nothing(nlp, text):
    assert claims_of(nlp, text).empty


SPEAKER_AND_CONTENT = [
    # directives and descriptions report their complement
    ("The senator has called for the governor to release the transcripts of her paid speeches.", "senator",
     "the governor to release the transcripts of her paid speeches"),
    ("The mayor described a rigged system in which donors get what they want.", "mayor",
     "a rigged system in which donors get what they want"),
    ("He described the scene as chaos.", "He", "the scene as chaos"),
    # cues the parser hangs on the sentence's verb as adverbial clauses
    # the parser hangs a sentence-final or fronted cue on the sentence's verb as an adverbial clause
    ("The Internet has also made it possible for people with like-minded, if bogus, ideas and theories to "
     "organize into communities and reach others, Maria Lopez said.", "Maria Lopez",
     "The Internet has also made it possible for people with like-minded, if bogus, ideas and theories to "
     "organize into communities and reach others"),
    ("As the mayor's spokesman said, the two candidates have become some of the least popular politicians in the "
     "state.", "mayor's spokesman", "the two candidates have become some of the least popular politicians in the state"),
    # questions and their askers
    # a question or an exclamation ends the sentence with the quote; the cue follows as its own sentence
    ("The mayor spoke for an hour. “Can you really fix the port when the council keeps cutting its budget?” "
     "Maria Lopez asked.", "Maria Lopez", "Can you really fix the port when the council keeps cutting its budget?"),
    ("“What does that mean, he kept the city safe?” Tom Berg asked, repeating his attack on the mayor.",
     "Tom Berg", "What does that mean, he kept the city safe?"),
    # the question asked
    ("Reporters asked the mayor whether she would run again.", "Reporters", "whether she would run again"),
    ("Maria Lopez asked the workers if they planned to attend the meeting.", "Maria Lopez",
     "if they planned to attend the meeting"),
    # a light verb and a noun of saying
    ("The mayor made no mention of the budget cuts in her speech on Monday.", "mayor",
     "the budget cuts in her speech on Monday"),
    ("The senator made an impassioned call for love and unity after the shooting.", "senator", "love and unity"),
    ("He renewed his call to ban imports of cheap steel from abroad.", "He", "to ban imports of cheap steel from abroad"),
    ("The governor offered her firmest promise yet that she would not raise taxes.", "governor",
     "she would not raise taxes"),
    ("She made the case that the city had never defaulted on its debt.", "She",
     "the city had never defaulted on its debt"),
    # the parser hangs the name after an inverted cue on its relative clause: the name still speaks
    ("“We need bigger ideas than these,” said Ana Ruiz, who ran the housing office yet endorsed his rival.",
     "Ana Ruiz", "We need bigger ideas than these"),
    ("\"Anybody who crosses her, it's like buyer beware,\" said Tom Berg, who has known the mayor since the "
     "1970s and worked closely with her as she rebuilt the harbor.", "Tom Berg",
     "Anybody who crosses her, it's like buyer beware"),
    ("“How big is that bridge?” asked the girl, who was wearing a school cap and said her name was Rosa, as the "
     "crowd laughed and applauded.", "girl", "How big is that bridge?"),
    # after a question the cue sentence may be long, when it opens with the speaker and the verb
    ("“It looks like we are not going to have a very good relationship, who knows?” the mayor told a local radio "
     "station in an interview aired on Monday when asked about the council.", "mayor",
     "It looks like we are not going to have a very good relationship, who knows?"),
    # what a speech act answers or is about
    ("A spokesman for the council did not respond to requests for comment.", "spokesman for the council",
     "requests for comment"),
    ("The campaign declined to comment on the reaction to the speech.", "campaign", "the reaction to the speech"),
    ("The moderator asked the candidate about his ties to a supplement maker.", "moderator",
     "the candidate about his ties to a supplement maker"),
    ("She wrote about their partnership in her memoir.", "She", "their partnership in her memoir"),
    # the parser may hang a short object's own phrase on the verb
    ("Ortiz recalled her opposition to George H. W. Bush administration efforts to cut federal jobs.", "Ortiz",
     "her opposition to George H. W. Bush administration efforts to cut federal jobs"),
    # the parser may hang the preposition of "accused X of" on the object
    ("The union accused the company's board of lying to its workers.", "union",
     "the company's board of lying to its workers"),
    # a noun of saying names its owner after it
    ("The mayor rejected allegations from the union that the budget had been cut in secret.", "union",
     "the budget had been cut in secret"),
    # a passive before "and" is another verb's: its subject still speaks the cue after it
    ("Local doctors were alarmed by the figures and warned that the clinics would run out of beds by March.",
     "Local doctors", "the clinics would run out of beds by March"),
    # a clause before the cue across a colon is the writer's, not what the cue reports
    ("The mayor cites the budget as her proof: she says the city spends too little on its schools.", "she",
     "the city spends too little on its schools"),    # a verb and particle that report their object
    ("The senator called out the governor for his silence on the flooding.", "senator",
     "the governor for his silence on the flooding"),
    # a story told
    ("At every rally she tells the story of how her father lost the farm.", "she",
     "the story of how her father lost the farm"),
    # what a speaker argues against or testifies about
    ("The economist argued against new tariffs on steel from Canada.", "economist",
     "new tariffs on steel from Canada"),
    ("Next week the director will testify about the agency's handling of the storm.", "director",
     "the agency's handling of the storm"),
    # what a speaker owns up to
    ("The treasurer admitted to moving the club's savings into his own account.", "treasurer",
     "moving the club's savings into his own account"),
    # a name set off from its verb by an appositive or a participle, which the parser loses
    ("Monday, Ohio, leading a group of nine states, asked a federal court to halt the new rules.", "Ohio",
     "a federal court to halt the new rules"),
    # a reported clause the parser took for the object of "says"
    ("Okafor says the rise in rents that the council ignores also makes the strike more likely.", "Okafor",
     "the rise in rents that the council ignores also makes the strike more likely"),
    # a passive speech act with its agent right after it reports its subject
    ("Details of the merger were first reported by the Financial Times.", "the Financial Times",
     "Details of the merger"),
    ("The bombing of the market was claimed by a little-known rebel group.", "little-known rebel group",
     "The bombing of the market"),
    # an "as" clause of saying, set off by commas, reports the clause it hangs on
    ("But as the mayor noted, the new bridge will cost far more than the council planned.", "mayor",
     "the new bridge will cost far more than the council planned"),
    ("The new toll is a classic scare tactic, as Dana Reyes noted in a column for the Herald.", "Dana Reyes",
     "The new toll is a classic scare tactic"),
    ("Just a few weeks ago, as the Gazette reported, the two firms were discussing a merger of their mills.",
     "Gazette", "the two firms were discussing a merger of their mills"),
    # a participle of saying speaks for the noun it hangs on, a statement for whoever issued it
    ("Police received dozens of calls saying shots had been fired inside the school.", "calls",
     "shots had been fired inside the school"),
    ("Minutes later, the Berg campaign issued a statement saying that the senator had been misquoted by the paper.",
     "Berg campaign", "the senator had been misquoted by the paper"),
    # a root verb with a subject is finite though the tagger took it for a participle after an appositive
    ("On Friday, Jane Carter, the Democratic front-runner, called on banks to lend more to farmers.", "Jane Carter",
     "to lend more to farmers"),
    # a verb of saying set off by commas inside its sentence, the speaker after it
    ("The new plan, says Maria Lopez, would cost the city millions.", "Maria Lopez",
     "The new plan … would cost the city millions"),
    ("The vote, said Ana Ruiz, a member of the council, was a disgrace.", "Ana Ruiz", "The vote … was a disgrace"),
    ("The real problem, said the mayor on Tuesday, is the lack of money for repairs.", "mayor",
     "The real problem … is the lack of money for repairs"),
    ("Part of the trouble with the new bridge, say engineers like Tom Berg, is the soft ground itself.",
     "engineers like Tom Berg", "Part of the trouble with the new bridge … is the soft ground itself"),
    # the reason the speaker gave, which the parser hangs on the verb of saying
    ("The agency said it did not count those trips because they were part of the job.", "agency",
     "it did not count those trips because they were part of the job"),
    ("The firm reported its lowest profit in ten years, because demand for steel had fallen.", "firm",
     "its lowest profit in ten years, because demand for steel had fallen"),
    # a dash before a clause of time or contrast opens the writer's aside
    ("Senator Ruiz is pledging to take her fight to the convention floor -- even as the mayor closed in on the "
     "delegates she needs.", "Ruiz", "to take her fight to the convention floor"),
    ("Lopez said the vote would be close — while polls show the mayor far ahead.", "Lopez",
     "the vote would be close"),
    ("Lopez said the vote would be close — and very expensive.", "Lopez",
     "the vote would be close — and very expensive"),
    # not when the sentence does not go on after the speaker
    ("The season will end early, said Tom Berg, a coach whose team has won twice.", "Tom Berg",
     "The season will end early"),
]


@pytest.mark.parametrize(("text", "speaker", "content"), SPEAKER_AND_CONTENT)
def test_speaker_and_content_of_constructions_found_in_news(nlp, text, speaker, content):
    claim = only(nlp, text)
    assert (claim["speaker"], claim["content"]) == (speaker, content)


@pytest.mark.parametrize(("text", "claims"), [
    # a claim reported inside another speaker's claim belongs to the outer claim
    ("The poll found that most voters say the economy is their top issue this year.",
     [("poll", "most voters say the economy is their top issue this year")]),
    ("Most voters say the economy is their top issue this year, according to the poll.",
     [("poll", "Most voters say the economy is their top issue this year")]),
    # side by side, each speaker keeps their own
    ("The mayor said the bridge was safe, but the engineers said it needed repairs.",
     [("mayor", "the bridge was safe"), ("engineers", "it needed repairs")]),
    ("The council said the road was unsafe, but residents think the repairs can wait.",
     [("council", "the road was unsafe"), ("residents", "the repairs can wait")]),
    # a belief in a clause of reason or condition is part of what was said
    ("Ms. Ortiz has since said that she went to the gala because she thought it would be a good cause.",
     [("Ortiz", "she went to the gala because she thought it would be a good cause")]),
    ("The mayor said the pool would stay open, even if she believed the budget was too small.",
     [("mayor", "the pool would stay open, even if she believed the budget was too small")]),
    # a share of people speaks, in a relative clause too
    ("Most voters view him badly, including 18% who say they would be unhappy.", [("18%", "they would be unhappy")]),
    # "said the same of X" is a claim of its own
    ("Six in 10 voters said the mayor is honest, and three-quarters said the same of the governor.",
     [("Six in 10 voters", "the mayor is honest"), ("three-quarters", "the same of the governor")]),
    ("Most voters said the mayor was honest, and a third said the opposite of the council.",
     [("Most voters", "the mayor was honest"), ("third", "the opposite of the council")]),
])
def test_a_claim_inside_another_speakers_claim_is_part_of_it(nlp, text, claims):
    found = claims_of(nlp, text)
    assert list(zip(found["speaker"], found["content"])) == claims


def test_the_subject_of_a_passive_directive_is_not_its_speaker(nlp):
    """ "X have been advised by Y to consider …": X is told, not telling; only a verb joined to the
    passive by "and" keeps its subject ("were alarmed by the figures and warned that …")."""
    claims = claims_of(nlp, "Women in 46 countries where the virus is circulating have been advised by the "
                            "World Health Organization to consider delaying pregnancy.")
    assert not claims["speaker"].str.startswith("Women").any()


def test_a_noun_of_saying_with_an_infinitive_reports_it(nlp):
    claims = claims_of(nlp, "Tom Berg spoke in Ohio on Monday. His promise to build a new port won him many votes.")
    assert list(zip(claims["speaker"], claims["content"])) == [("Tom Berg", "to build a new port")]
    assert claims_of(nlp, "Her phone call to the mayor lasted an hour.").empty


def test_a_participle_the_parser_takes_for_the_subject_leaves_the_speaker_its_own(nlp):
    """ "majorities of voters … going to the polls said": the parser makes "going" the clausal subject."""
    claim = only(nlp, "Large majorities of voters in six states going to the polls on Tuesday said they support "
                      "a ban on new pipelines.")
    assert claim["speaker"].startswith("Large majorities of voters")
    assert claim["content"] == "they support a ban on new pipelines"
