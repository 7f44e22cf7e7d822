"""How the claim's parse treats a target in news register: sentences we wrote, one failure class each.

The classes come from surveying where the rules fired wrongly on real news claims
(``data/stance/eval/polnear_train_findings.csv``, then ``polnear_train_findings2.csv`` from 32 other
articles, then ``polnear_train_findings3.csv`` from 90 more); the sentences are our own, over an
invented politician and policy, on the real spaCy model. A fourth set, ``polnear_train_findings4.csv`` (107
more articles, drawn like the third), is checked here with the others: it loads, and shares no article.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluation.offset_labels import read_offset_labels
from pipeline.stance.features import claim_parser, target_polarity
from pipeline.stance.model import StanceClassifier, proposition_targets
from pipeline.stance.targeted import FEATURE_NAMES, target_heads, targeted_features

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FINDINGS = [PROJECT_ROOT / "data" / "stance" / "eval" / name
            for name in ("polnear_train_findings.csv", "polnear_train_findings2.csv", "polnear_train_findings3.csv",
                         "polnear_train_findings4.csv")]
POLNEAR_TRAIN = PROJECT_ROOT.parent / "shared" / "polnear" / "train"
PERSON = ("Maria Delgado", ("Delgado", "Senator Delgado"))
POLICY = ("the parking levy", ())


def net(text: str, target=PERSON) -> float:
    name, aliases = target
    nlp = claim_parser()
    row = targeted_features(nlp(text), [name, *aliases], target_heads(nlp(name)), target_polarity(name))
    return dict(zip(FEATURE_NAMES, row))["net"]


# Where the target stands, what it said or did, what is supposed or asked, and what is said of someone or
# something else: none of it is a verdict on the target, so the rules must stay silent.
@pytest.mark.parametrize("text", [
    "Delgado promised to meet the families next week.",             # the target speaking
    "Delgado opposed the bridge tax in 2012.",                       # the target's position
    "Delgado welcomed the news that the mayor would resign.",
    "The Delgado campaign will join the lawsuit on Friday.",
    "Delgado is a strong advocate for cheaper bus fares.",           # a position, named by a noun
    "If Delgado wins, the party could hold the seat.",               # supposed
    "Reporters asked whether Delgado can be trusted with the budget.",  # asked
    "Tom Delgado is a disgrace to the league.",                      # another person of the same name
    "The mayor is friendly with Delgado's wealthy brother.",         # something the target owns
    "Lawyers questioned Delgado's eligibility to run.",
    "Voters who supported Delgado in the primary stayed at home.",   # a group named by an act
    "Carl Ortiz, the senator who is running against Delgado, joined the lawsuit.",
    "Delgado effectively ended the debate on Tuesday.",              # a sentence adverb judges nothing
    "The governor welcomed the news that Delgado would quit.",       # an act on the news, not on Delgado
    "Delgado has moved toward the centre since the spring.",         # "has" is the perfect, not "has to"
])
def test_no_verdict_on_the_target(text):
    assert abs(net(text)) < 0.3, text


@pytest.mark.parametrize(("text", "sign"), [
    ("Many voters will not vote for Delgado.", -1),                 # negation on the verb before "for"
    ("Neither man was impressed by Delgado.", -1),                  # a denied approval
    ("No one should be fooled by Delgado.", -1),                    # … unlike a denied harm
    ("Delgado's record is a disgrace.", -1),                        # what stands for its owner
    ("The Delgado campaign is a shambles.", -1),
    ("Delgado is a hypocrite.", -1),                                 # verdicts on people VADER lacks
    ("Delgado is a principled and decent leader.", 1),
    ("Delgado's bigotry shocked the room.", -1),
    ("Senator Delgado is a disgrace.", -1),                          # a title is no other person
    ("Republican Maria Delgado is a disgrace.", -1),
    ("There is no doubt that the levy will protect residents.", 1),  # "no doubt" stresses, does not deny
    ("Delgado, a principled reformer, won the vote.", 1),            # an apposition right after the name
    ('Delgado the "ultimate hypocrite"', -1),                       # a claim cut from "called X Y"
    ("Delgado treated the families disrespectfully.", -1),          # how the target acted
    ("The Delgado campaign is unfairly attacking the mayor.", -1),
    ("Delgado handled the crisis brilliantly.", 1),
    ("Residents back the plan to scrap the levy.", -1),             # an act reaching X through "the plan to …"
])
def test_verdicts_still_read(text, sign):
    target = POLICY if "levy" in text else PERSON
    value = net(text, target)
    assert abs(value) >= 0.3 and value * sign > 0, (text, value)


# Second round (``polnear_train_findings2.csv``): where a person stands in a race, polls, and feelings about
# a clause that names the target deeper down say nothing for or against it.
@pytest.mark.parametrize("text", [
    "Delgado won the primary in Ohio on Tuesday.",                  # a contest won
    "Delgado is crushing Ortiz in the latest polls.",
    "Delgado could win the general election.",
    "Delgado drew strong support among older voters.",              # a tally held
    "Delgado may struggle to win support among the delegates.",
    "Sixty percent of the members said they would back Delgado.",   # a share of a population: a poll
    "A majority of the delegates will back Delgado.",
    "Choosing between Delgado and Ortiz is a pointless exercise.",  # neither of two is judged
    "He was furious about the decision to let Delgado speak.",      # the feeling is about the decision
    "She was upset by the paper saying Delgado had enough votes.",
    "He was angry about the press suggesting Delgado would run again.",
    "Delegates backing Delgado stayed at home.",                    # a group named by an act
    "Ortiz is even worse than Delgado.",                            # "worse than X" says X is bad too: unread
    "Delgado is in favor of the parking levy.",                     # where the target stands
])
def test_standings_polls_and_other_things_are_no_verdict(text):
    assert abs(net(text)) < 0.3, text


@pytest.mark.parametrize(("text", "sign"), [
    ("Delgado's conduct in office should disqualify Delgado from becoming governor.", -1),
    ("him a fraud", -1),                                            # cut from "called him a fraud"
    ("her a ''serial liar''", -1),
    ("Delgado of lying about the budget", -1),                      # cut from "accused X of lying"
    ("Most members have no intention of endorsing Delgado.", -1),   # a denied noun
    ("I have not seen any sign that Delgado is honest.", -1),       # what evidence holds, denied
    ("I am voting for anybody but Delgado.", -1),
    ("The best choice for the party is Delgado.", 1),               # the subject says what X is
    ("The voters regard Delgado as a trusted friend.", 1),          # "regard X as Y"
    ("Delgado is the symbol of a cruel and corrupt politics.", -1),  # a hollow noun is what it is of
    ("Delgado should be the next governor.", 1),                    # an office recommended
    ("Delgado shouldn't be president.", -1),
    ("Delgado won the debate.", 1),                                 # an argument won is a verdict
    ("Delgado is losing the war on crime.", -1),
    ("Delgado went too far this time.", -1),                        # idioms
    ("Delgado put his rivals down at every meeting.", -1),
    ("Delgado's math does not add up.", -1),
    ("Delgado has not bothered to meet the families.", -1),
    ("Delgado is playing on the fears of voters.", -1),
    ("Delgado's habit to pick fights with reporters", -1),          # a trait and what it leads to
    ("Delgado's budget arrangement was inappropriate.", -1),        # what stands for its owner
    ("Ortiz condemned Delgado's dangerous rhetoric.", -1),          # fighting the target's bad things
    ("Reporters exposed Delgado's lies.", -1),                      # … does not back the target
    ("Critics doubt the benefits of Delgado's plan.", -1),          # … unlike doubting its good things
    ("Ortiz is a better choice than Delgado.", -1),                 # comparisons
    ("Ortiz is more honest than Delgado.", -1),
    ("Nobody is better qualified than Delgado.", 1),
    ("Delgado is a charlatan.", -1),                                # news verdict words VADER lacks
    ("Delgado's latest gaffe cost her the endorsement.", -1),
    ("The Delgado campaign is in disarray.", -1),                   # a state the target is in
    ("The mayor would not allow the levy to pass.", -1),            # a refused permission
    ("It will result in massive job losses.", -1),                  # an outcome through "in"
    ("The parking levy will result in cleaner air.", 1),
])
def test_second_round_verdicts_read(text, sign):
    target = POLICY if "levy" in text or text.startswith("It ") else PERSON
    value = net(text, target)
    assert abs(value) >= 0.3 and value * sign > 0, (text, value)


def test_a_rival_turning_nasty_is_a_verdict_on_the_rival():
    assert net("Ortiz got very nasty attacking Delgado.", ("Carl Ortiz", ("Ortiz",))) <= -0.3


# Third round (``polnear_train_findings3.csv``, drawn like the dev set): contests named by a noun, polls of views
# and shares, and the target's own position through what it owns are no verdict on it.
@pytest.mark.parametrize("text", [
    "Ortiz is still in the race against Delgado for the nomination.",       # a contest noun
    "Ortiz will win his current battle with Delgado.",
    "Just 18 percent of registered voters have a favorable view of Delgado.",  # a poll of a view
    "Support for Delgado rose from 11 percent in April to 19 percent in June.",  # measured in shares
    "Rural voters favored Delgado by nearly 20 percentage points in 2012.",
    "A poll of the members showed Delgado's support lagging far behind the mayor's.",  # a poll as subject
    "Delgado is backed by 60 percent of likely voters.",                    # a poll in the passive
    "Delgado was opposed by a majority of the committee's members.",
    "Delgado's current support for the parking levy",                      # the target's own position
    "Delgado's opposition to the new stadium",
    "the mayoral hopeful Delgado",                                         # a title, not praise
    "Delgado professed her love for the harbour during the opening.",      # the target's own feeling
    "an assessment of Delgado by the party",                               # a judgement not said
])
def test_third_round_standings_polls_and_positions_are_no_verdict(text):
    assert abs(net(text)) < 0.3, text


@pytest.mark.parametrize(("text", "sign"), [
    ("They will certainly support Ortiz over Delgado.", -1),               # passed over for someone else
    ("She would rather vote for Ortiz than Delgado.", -1),
    ("He won't vote for Ortiz this fall and could end up voting for Delgado.", 1),  # what came to pass
    ("Delgado's vicious attack on the mayor", -1),                         # the target's act, judged
    ("Hundreds of protesters carried anti-Delgado signs outside the hall.", -1),  # prefixes
    ("The pro-Delgado crowd cheered.", 1),
    ("Maria Delgado for mayor", 1),                                        # the slogan
    ("Voters will say no to Delgado in November.", -1),                    # an answer
    ("Maria Delgado as unfit to be governor", -1),                         # cut from "described X as Y"
    ("Delgado as the most qualified person ever to run for mayor", 1),
    ('Delgado\'s remarks as "hurtful and humiliating"', -1),
    ("Voters will say “no” to Delgado's plans.", -1),                      # an answer parsed as an interjection
    ("Delgado's honesty is in question.", -1),                            # a good thing put in doubt
    ("a glowing assessment of Maria Delgado", 1),                         # a judgement's adjectives
    ('Delgado a "petulant child" who acts as if she were a queen', -1),   # cut from "called X a …"
])
def test_third_round_verdicts_read(text, sign):
    value = net(text)
    assert abs(value) >= 0.3 and value * sign > 0, (text, value)


@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="../shared/polnear/train is not beside the repository")
@pytest.mark.parametrize("findings", FINDINGS, ids=lambda path: path.stem)
def test_the_findings_labels_load_and_no_training_file_holds_them(findings):
    frame = read_offset_labels(findings, POLNEAR_TRAIN / "text")
    assert len(frame) >= 150 and set(frame["label"]) == {"supportive", "opposed", "neutral"}
    training = set()
    for path in (PROJECT_ROOT / "data" / "stance").glob("*.csv"):
        training |= set(pd.read_csv(path, usecols=["text"])["text"].astype(str).str.strip())
    assert not set(frame["text"].str.strip()) & training


def test_each_findings_round_reads_articles_no_earlier_round_read():
    articles = [set(pd.read_csv(path, usecols=["article"])["article"]) for path in FINDINGS]
    for later, read in enumerate(articles[1:], start=1):
        assert not read & set().union(*articles[:later])


def test_the_news_temperature_scale_is_taken_off_for_targets_that_are_propositions():
    targets = pd.Series(["Vaccination must be made compulsory", "Maria Delgado", "the parking levy",
                         "We should ban smoking in parks"])
    assert proposition_targets(targets).tolist() == [True, False, False, True]
    classifier = StanceClassifier(temperature_scale=1.5)
    classifier.temperature_ = 3.0
    frame = pd.DataFrame({"target": ["Maria Delgado", "Vaccination must be made compulsory"]})
    assert classifier.row_temperatures(frame).tolist() == [3.0, 2.0]
