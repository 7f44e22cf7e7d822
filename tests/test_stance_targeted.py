"""How the claim's parse treats its target: sentences we wrote, one construction each, on the real spaCy model."""

from __future__ import annotations

import pytest

from pipeline.stance.features import claim_parser, target_polarity
from pipeline.stance.targeted import FEATURE_NAMES, target_heads, targeted_features

TARGET = "the parking levy"


def features(text: str, target: str = TARGET, aliases: tuple[str, ...] = ()) -> dict[str, float]:
    nlp = claim_parser()
    row = targeted_features(nlp(text), [target, *aliases], target_heads(nlp(target)), target_polarity(target))
    return dict(zip(FEATURE_NAMES, row))


def reads_as(net: float, sign: int) -> bool:
    """Whether a row's net value has the expected side: +1 / -1, or 0 for a claim the rules must leave alone."""
    return net * sign > 0 if sign else net == 0


@pytest.mark.parametrize(("text", "kind", "sign"), [
    ("The levy is a sensible idea.", "called", 1),
    ("The parking levy is not a bad idea at all.", "called", 1),
    ("Critics say the levy is a disaster for the town centre.", "called", -1),
    ("It was a reckless, costly levy.", "called", -1),
    ("Shop owners oppose the levy.", "act", -1),
    ("The union called for scrapping the levy.", "act", -1),
    ("The council refused to back the levy.", "act", -1),
    ("We do not oppose the levy.", "act", 1),
    ("Residents campaigned against the parking levy.", "act", -1),
    ("The levy does not hurt local shops.", "does", 1),
    ("The levy will protect residents.", "does", 1),
    ("The levy will endanger small firms.", "does", -1),
    ("The levy will cut congestion.", "does", 1),
    ("I don't think the levy works.", "does", -1),
    ("The levy should go ahead.", "should", 1),
    ("The levy must be stopped.", "should", -1),
    ("The levy needs to be scrapped.", "should", -1),
    ("Nobody could call the levy a failure.", "called", 1),
    ("Critics branded the levy a sham.", "called", -1),
    ("It would be wrong to scrap the levy.", "should", 1),
    ("The levy is the last thing the town needs.", "called", -1),
    ("There is nothing wrong with the levy.", "called", 1),
    ("Shop owners are not at all pleased with the levy.", "called", -1),
    ("No driver should be afraid of the levy.", "called", 1),
    ("The levy would do nothing to cut pollution.", "does", -1),
    ("The levy will make the streets safer.", "does", 1),
    ("The levy will lead to job losses.", "does", -1),
    ("The council voted down the levy.", "act", -1),
    ("Traders threw their weight behind the levy.", "act", 1),
    ("The council must press ahead with the levy.", "act", 1),
    ("Councillors argued over the levy for a week. In the end they backed it.", "act", 1),
    ("The levy has its flaws; even so, it is the right answer.", "called", 1),
    ("The levy is not flawless, but it deserves our backing.", "called", 1),
    ("Critics call the levy a disaster, but they are wrong.", "called", 1),
    ("Without the levy, the streets would be safer.", "does", -1),
    ("Drivers could not be happier with the levy.", "called", 1),
    ("Getting rid of the levy would make the town a nicer place.", "does", -1),
    ("The levy has no place in a historic town.", "called", -1),
    ("The levy would waste 3 million pounds.", "does", -1),
    ("The levy puts cyclists at risk.", "does", -1),
    ("The levy may look fair, but it will hurt the poorest families.", "does", -1),
    ("Cyclists want the levy to go ahead.", "should", 1),
    ("Drivers have lined up against the levy.", "act", -1),
    ("The council rolled out the levy last spring, and rightly so.", "act", 1),
    # word families VADER lacks: harms and what people pay, verbs of loathing, pausing and objecting
    ("The levy will reduce obesity among children.", "does", 1),
    ("The levy will push up prices in the town centre.", "does", -1),
    ("The levy will lower fares on the buses.", "does", 1),
    ("The levy is a step backwards.", "called", -1),
    ("Shopkeepers have objected to the levy.", "act", -1),
    ("Residents lodged objections to the levy.", "act", -1),
    ("Drivers despise the levy.", "act", -1),
    ("The levy should be paused.", "should", -1),
    ("The council should bring back the levy.", "act", 1),
    # constructions: a thing's own value over its kind, "less" / "fewer", what is put at risk, "far from",
    # what is given to the target
    ("The levy will cut household energy bills.", "does", 1),
    ("The levy will make the roads less safe.", "does", -1),
    ("The levy means fewer jobs on the high street.", "does", -1),
    ("The levy puts local jobs at risk.", "does", -1),
    ("The levy is far from perfect.", "called", -1),
    ("Let's give the levy a chance.", "act", 1),
    ("The council gave the levy the axe.", "act", -1),
    ("The levy is badly needed.", "act", 1),
    ("The levy has to go.", "should", -1),
    ("The levy helps nobody.", "does", -1),
    ("The levy makes perfect sense.", "does", 1),
    ("The levy was rushed through in a single week.", "does", -1),
    ("The levy is a slap in the face for shop owners.", "called", -1),
    ("The levy is a rip-off.", "called", -1),
    ("The levy is more trouble than it is worth.", "called", -1),
    ("The levy is worth every penny.", "called", 1),
    ("It would be madness to drop the levy.", "should", 1),
    ("There is no reason to delay the levy.", "act", 1),
    ("The levy has had its day.", "does", -1),
    ("The levy works.", "does", 1),
    ("The levy is half-baked.", "called", -1),
    ("The levy is a no-brainer.", "called", 1),
    ("The levy is not a no-brainer.", "called", -1),
    ("The levy is a knee-jerk response.", "called", -1),
])
def test_how_a_claim_treats_its_target_is_read_off_the_parse(text, kind, sign):
    found = features(text)
    assert found["evaluated"] == 1.0
    assert found[f"{kind}_{'pos' if sign > 0 else 'neg'}"] > 0, found
    assert found["net"] * sign > 0, found


@pytest.mark.parametrize("text", [
    "The council will debate the levy on Thursday.",
    "The levy was first proposed in 2019.",
    "The new stadium is wonderful.",
    "The levy will cost 2 million pounds.",
    "The levy would take two years to set up.",
    "The levy begins in July.",
    "The council expects the levy to start in May.",
    "The debate on the levy ended in a shouting match.",
    "Will the levy cut congestion?",
    "Is the levy a good idea?",
    "The levy covers up to half the cost of a new boiler.",
])
def test_facts_and_claims_about_something_else_carry_no_evaluation(text):
    assert features(text)["evaluated"] == 0.0


def test_a_denied_or_wh_question_still_says_what_it_asks():
    """A yes/no question asks; "Isn't X a disaster?" and "Why does X hurt small shops?" say it."""
    assert features("Isn't the levy a disaster?")["net"] < 0
    assert features("Why does the levy hurt small shops?")["net"] < 0


@pytest.mark.parametrize("text", [
    "Who could possibly defend the levy?",
    "Can anyone really trust the levy?",
    "Has the levy ever helped a single shop?",
    "Why would anybody back the levy?",
    "Who could defend the levy?",
    "Who would want the levy?",
])
def test_a_question_that_expects_the_answer_no_says_the_reverse_of_what_it_asks(text):
    assert features(text)["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ministers will refrain from backing the levy.", -1),
    ("The group will urge councils to refrain from adopting the levy.", -1),
    ("Councils should refrain from scrapping the levy.", 1),
    ("Nobody should refrain from backing the levy.", 1),  # a refraining denied
    ("Councils should not refrain from adopting the levy.", 1),
    ("Traders abstained from opposing the levy.", 1),
])
def test_what_is_refrained_from_is_not_done(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The plan resembles a tax grab rather than a sensible parking levy.", -1),
    ("The scheme reads like a fine rather than a fair levy.", -1),
    ("Instead of backing the levy, ministers should fund buses.", -1),
    ("Rather than scrapping the levy, the council should improve it.", 1),
    ("We need better buses rather than the levy.", -1),  # passed over, as before
    ("The council backed the levy rather than a congestion charge.", 1),  # the levy is not the one set aside
])
def test_what_a_rather_than_phrase_says_of_the_target_is_denied(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Shareholders said Penhallow's bonus was \"indefensible\" in a year of closures.", -1),
    ("Penhallow's bonus was a disgrace.", -1),
    ("Penhallow's bonus was not indefensible.", 1),
    ("Penhallow's failure was predictable.", -1),  # no verdict on the thing owned: its own word stands
    ("Critics said Penhallow had sold her vote to the mining lobby.", -1),
])
def test_a_verdict_on_a_thing_the_target_owns_outweighs_the_things_own_word(text, sign):
    assert features(text, "Marisol Penhallow", ("Penhallow",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Critics call it an oppression-friendly levy.", -1),
    ("The levy is a family-friendly measure.", 1),
    ("The levy makes the town centre crime-free.", 1),
    ("The levy is recession-proof.", 1),
    ("The levy is a restrictive and intrusive measure.", -1),
])
def test_a_compound_ending_friendly_or_free_takes_its_value_from_its_first_part(text, sign):
    assert features(text)["net"] * sign > 0


def test_fighting_for_something_is_to_the_fighters_credit():
    found = features("Councillor Ames fought hard for the town's buses.", "Councillor Ames")
    assert found["does_pos"] > 0 and found["net"] > 0


def test_the_target_is_found_by_its_head_noun_an_alias_or_a_subject_pronoun():
    assert features("The charge is a good idea.", "the congestion charge")["mentions"] == 1.0
    assert features("The toll is a good idea.", TARGET, aliases=("the toll",))["mentions"] == 1.0
    by_pronoun = features("It is a tax on working families.")
    assert (by_pronoun["mentions"], by_pronoun["pronoun"]) == (0.0, 1.0) and by_pronoun["net"] < 0
    assert features("The stadium is wonderful.")["pronoun"] == 0.0


def test_a_target_with_hyphens_is_found_whole_and_a_ban_named_by_its_head_is_the_proposal():
    found = features("The night-time delivery ban will save taxpayers millions.", "the night-time delivery ban")
    assert found["names_proposal"] == 1.0 and found["net"] < 0  # turned toward what it bans; the sign turns it back


def test_a_person_target_is_found_by_surname():
    found = features("Clinton is a liar.", "Hillary Clinton")
    assert found["mentions"] == 1.0 and found["called_neg"] > 0


def test_a_proposal_against_something_reads_its_object_and_itself_apart():
    """Toward "a ban on X", praising X is read as praise of X (the features' sign turns it later), while
    praising the ban is turned here, so both end up the right way round once read toward the ban."""
    on_object = features("Street parties are a joyful tradition.", "a ban on street parties")
    on_ban = features("The ban is a sensible idea.", "a ban on street parties")
    assert on_object["mentions"] == on_ban["mentions"] == 1.0
    assert on_object["net"] > 0 > on_ban["net"]


@pytest.mark.parametrize(("text", "sign"), [
    ("Prohibiting street parties would be a mistake.", -1),
    ("Outlawing street parties would be a sensible step.", 1),
    ("We should outlaw street parties.", 1),
    ("Nobody wants to outlaw street parties.", -1),
])
def test_a_ban_in_other_words_is_the_proposal(text, sign):
    """Prohibit and outlaw are ways to say ban: what is said of them is said of the ban."""
    assert features(text, "Street parties should be banned")["net"] * target_polarity(
        "Street parties should be banned") * sign > 0


@pytest.mark.parametrize(("target", "names", "proposals", "clause"), [
    ("the UN cybercrime convention", {"convention"}, set(), False),
    ("Hillary Clinton", {"clinton"}, set(), False),
    ("a ban on street parties", {"parties", "party"}, {"ban"}, False),
    ("scrapping the night bus", {"bus"}, {"scrapping", "scrap"}, True),
    ("Street parties should be banned", {"parties", "party"}, {"banned", "ban"}, True),
    ("Fireworks should be outlawed in Brenmoor", {"fireworks", "firework"}, {"outlawed", "outlaw"}, True),
])
def test_target_heads_tell_what_is_named_from_a_proposal_against_it(target, names, proposals, clause):
    found = target_heads(claim_parser()(target))
    assert names <= found.names and found.proposals == proposals and found.clause == clause


@pytest.mark.parametrize(("text", "target", "names_proposal"), [
    # A target that is a thing (the ban): "it" is the ban.
    ("It is a sensible idea.", "a ban on street parties", 1.0),
    ("The ban is popular, and it is a sensible idea.", "a ban on street parties", 1.0),
    # A target that states something of a thing: "it" is the thing, whose harm argues for the target.
    ("It is a menace to everyone nearby.", "Street parties should be banned", 0.0),
    ("It is a serious threat to coastal towns.", "Sea-level rise is a serious concern", 0.0),
    ("Street parties are a menace, and it has to stop.", "a ban on street parties", 0.0),
    # A stated proposal's own act, named as a noun, is the proposal: "the ban" toward "X should be banned".
    ("The ban is a sensible idea.", "Street parties should be banned", 1.0),
])
def test_a_pronoun_stands_for_what_it_follows_or_for_the_thing_a_stated_target_is_about(text, target,
                                                                                         names_proposal):
    """Read as the proposal, "it is a menace" would oppose a ban on the menace."""
    found = features(text, target)
    assert found["names_proposal"] == names_proposal
    assert found["net"] < 0  # toward what is banned or a concern, before the target's sign turns it


def test_a_reversed_target_named_as_a_whole_is_read_as_the_proposal():
    """"The ban should be approved" backs a ban: the ban is the target itself, and the word "parties" inside
    its name is no second mention of what it bans; the row says the claim names the proposal."""
    found = features("The ban on street parties in Elmdon should be approved quickly.", "the ban on street parties")
    assert found["names_proposal"] == 1.0 and found["net"] < 0  # read toward what it bans; the sign turns it later
    on_banned = features("Street parties are a joyful tradition.", "the ban on street parties")
    assert on_banned["names_proposal"] == 0.0 and on_banned["net"] > 0


@pytest.mark.parametrize(("text", "target", "aliases", "whole", "stance_sign"), [
    # An alias naming the thing a stated target is about is that thing: praising it opposes the target.
    ("The merger has cut fares and added trains on every line.", "The Fenwick rail merger was a mistake",
     ("the rail merger", "the merger"), False, -1),
    ("The rail merger has been a disaster for passengers.", "The Fenwick rail merger was a mistake",
     ("the rail merger", "the merger"), False, 1),
    ("Quad bikes are a menace to the dunes.", "Quad bikes should be banned from Harrowdene beach",
     ("quad bikes", "the quad bike ban"), False, 1),
    # … and so does any alias that does not name the proposal ("the tram" of "the tram line", another name).
    ("The tram brought 3,000 jobs to the riverside.", "The Ashby tram line was a waste of money",
     ("the tram line", "the tram"), False, -1),
    ("Home education isolates children from their friends.", "Homeschooling should be banned",
     ("homeschooling", "home education"), False, 1),
    # An alias naming the proposal is the target as a whole, as its own noun is.
    ("The quad bike ban will protect the dunes.", "Quad bikes should be banned from Harrowdene beach",
     ("quad bikes", "the quad bike ban"), True, 1),
])
def test_an_alias_of_a_stated_target_is_the_thing_or_the_proposal_it_names(text, target, aliases, whole,
                                                                            stance_sign):
    """Read as the whole target, "the merger has cut fares" would back "the merger was a mistake"."""
    found = features(text, target, aliases)
    assert found["names_proposal"] == float(whole and target_polarity(target) < 0)
    assert found["net"] * target_polarity(target) * stance_sign > 0  # the side once the target's sign turns it


def test_the_words_of_a_claim_naming_a_ban_are_read_as_they_stand_and_others_turned():
    """Sentiment, vectors and words are signed per claim: "the ban will protect the seals" praises the ban."""
    import pandas as pd

    from pipeline.stance.features import claim_signs

    frame = pd.DataFrame({"text": ["The ban will protect the seals.", "Jet boats are noisy and dangerous.",
                                   "The harbour grant will protect the seals."],
                          "target": ["a ban on jet boats", "a ban on jet boats", "the harbour grant"],
                          "target_aliases": ""})
    assert claim_signs(frame).tolist() == [1.0, -1.0, 1.0]


@pytest.mark.parametrize(("text", "plain"), [
    ("The parking levy takes effect in April.", True),
    ("The levy was approved in principle at a committee meeting on Tuesday.", True),  # a record, not backing
    ("The levy should be approved in principle.", False),
    ("The levy is worth about 4 million pounds a year.", True),
    ("The levy is the largest of its type in Wales.", True),
    ("The levy is free for residents.", True),
    ("The levy costs 40 pounds a year.", True),
    ("Is the levy worth the cost?", True),  # a yes/no question asks, whatever its words
    ("Is the parking levy a good idea?", True),
    ("The parking levy is collected by the council's contractor.", True),
    ("Will the parking levy start next year?", True),
    ("When does the levy start?", True),
    ("The parking levy is a good idea.", False),
    ("Isn't the levy a disaster?", False),
    ("The levy will hurt families.", False),
    ("Who could defend the levy?", False),
    ("Has the levy ever raised a penny?", False),  # "ever": a rhetorical question
    ("The parking levy is overpriced.", False),  # a verdict, in a word the lexicons lack
    ("The levy will reshape the town centre.", False),  # what it will do to something
    ("The levy should start next year.", False),
    ("Scrap the parking levy.", False),
    ("The council meets on Tuesday.", False),  # the target is not named
])
def test_a_claim_that_names_the_target_and_evaluates_nothing_is_plain(text, plain):
    assert bool(features(text)["plain"]) is plain


def test_facts_about_what_a_ban_is_against_are_arguments_not_plain():
    target = "the ban on jet skis"
    assert not features("Jet skis are sold at the marina.", target)["plain"]
    assert features("The ban on jet skis starts in May.", target)["plain"]


@pytest.mark.parametrize(("text", "sign"), [
    ("Councillor Ames is out of touch with young voters.", -1),
    ("Councillor Ames has lost the plot.", -1),
    ("Councillor Ames is past her best.", -1),
    ("Councillor Ames was asleep at the wheel during the crisis.", -1),
    ("Councillor Ames has questions to answer about the contract.", -1),
    ("Councillor Ames is all talk.", -1),
    ("Councillor Ames gets my vote.", 1),
    ("Councillor Ames has turned the department around.", 1),
    ("Ames's record speaks for itself.", 1),
    ("Hats off to Councillor Ames.", 1),
    ("Hats off to Ames.", 1),  # "to" hung on the particle
    ("Councillor Ames has a proven record on schools.", 1),
])
def test_idioms_of_verdicts_on_people_are_read_whole(text, sign):
    assert features(text, "Councillor Ames", ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize("text", [
    "Councillor Ames secured 38 percent of the vote.",
    "Councillor Ames was elected in 2019.",
])
def test_a_share_of_the_vote_or_an_election_reported_is_a_plain_fact(text):
    found = features(text, "Councillor Ames", ("Ames",))
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


def test_the_targets_own_words_name_it_rather_than_judge_it():
    target = "the smart card scheme"
    found = features("The smart card scheme sends a statement every month.", target)
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0
    assert features("The smart card scheme is a shambles.", target)["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Thanks to the levy, the streets are cleaner.", 1),
    ("Thanks to the levy, the high street is a miserable place.", -1),
])
def test_what_the_target_brought_about_is_said_of_it(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize("text", [
    "Councillor Ames's opponent is a dangerous crank.",
    "The mayor, a close ally of Councillor Ames, is deeply unpopular.",
    "Ames's predecessor was sacked in disgrace.",
])
def test_a_claim_about_the_targets_rival_or_ally_says_nothing_of_the_target(text):
    found = features(text, "Councillor Ames", ("Ames",))
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


@pytest.mark.parametrize(("text", "target"), [
    ("The transport minister, who introduced the parking levy in 2021, was sacked over an expenses scandal.",
     TARGET),
    ("A builder that won a contract on the parking levy's signage has gone bust.", TARGET),
    ("The councillor who shared a platform with Ames was heckled over his expenses.", "Councillor Ames"),
])
def test_what_a_relative_clause_tells_of_someone_else_says_nothing_of_the_target(text, target):
    found = features(text, target, ("Ames",))
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


@pytest.mark.parametrize(("text", "sign"), [
    ("Drivers who pay the parking levy say it is unfair.", -1),  # a later "it" is the target's own
    ("It is hard to name a councillor who has achieved less than Ames.", -1),  # compared with the target
])
def test_a_relative_clause_does_not_hide_what_is_said_of_the_target(text, sign):
    assert features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Several MPs have called for Ames to be replaced.", -1),
    ("The parking levy needs to be overhauled.", -1),
    ("The party should replace Ames before the election.", -1),
    ("Ames replaced Jones as leader in May.", 0),  # reported, a succession
    ("The parking levy replaced the old permit scheme in 2019.", 0),
    ("The parking levy should be introduced nationwide.", 1),
    ("The parking levy should never have been issued.", -1),
    ("The parking levy was introduced in May.", 0),  # reported, an event
    ("The board is expected to appoint Ames.", 0),
])
def test_bringing_about_or_doing_away_with_the_target_judges_it_only_when_urged(text, sign):
    net = features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))["net"]
    assert reads_as(net, sign)


def test_a_verdict_before_a_colon_is_not_turned_by_the_next_statements_never():
    assert features("The parking levy has been a failure: the promised jobs never came.")["net"] < 0


def test_stepping_aside_is_leaving():
    assert features("Ames should step aside from the inquiry.", "Councillor Ames", ("Ames",))["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Since the parking levy was introduced, accidents have fallen by a third.", 1),
    ("Waiting times have fallen since the parking levy started.", 1),
    ("Complaints have doubled since the parking levy started.", -1),
    ("Jobs have fallen since the parking levy came in.", -1),
    ("Since Ames took office, unemployment has doubled.", -1),
    ("Ames has lost weight since the election.", 0),  # no change in anything valued
])
def test_what_rose_or_fell_since_the_target_came_is_its_consequence(text, sign):
    net = features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))["net"]
    assert reads_as(net, sign)


def test_critics_of_a_policy_are_still_read_against_it():
    assert features("Critics of the levy are liars.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy has become a millstone for small shops.", -1),  # an idiom headed by "be", under another copula
    ("Councillor Ames seems out of her depth.", -1),
    ("The levy is a step in the right direction.", 1),
    ("The levy is simply common sense.", 1),
    ("The levy is an insult to common sense.", -1),  # the longest idiom wins over "common sense"
    ("The levy is an affront to common sense.", -1),
    ("The levy is not fit for purpose.", -1),
    ("The levy has blood on its hands.", -1),
    ("Councillor Ames has hit the ground running.", 1),
    ("Councillor Ames has a lot to answer for.", -1),
    ("The levy was poorly drafted.", -1),  # in the passive, how it was made
    ("The levy was skilfully drafted.", 1),
])
def test_an_inventory_of_evaluative_idioms_is_read_whole(text, sign):
    assert features(text, "the levy" if "levy" in text else "Councillor Ames", ("Ames",))["net"] * sign > 0


def test_badly_in_the_passive_is_a_degree_not_a_verdict():
    assert features("The parking levy is badly needed.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The council pulled the plug on the levy.", -1),  # through the idiom's last word, a preposition
    ("Shopkeepers have poured cold water on the levy.", -1),
    ("The council did not pull the plug on the levy.", 1),
    ("The cabinet gave the green light to the levy.", 1),
    ("The cabinet gave the levy the green light.", 1),  # the target as the indirect object
    ("The club showed Ames the door.", -1),
    ("Ames was shown the door.", -1),  # and as the passive subject
    ("Ames was given the green light to stand.", 1),
])
def test_idioms_of_backing_or_rejecting_act_on_what_they_are_done_to(text, sign):
    target = "the levy" if "levy" in text else "Councillor Ames"
    assert features(text, target, ("Ames",))["net"] * sign > 0


def test_an_idiom_of_rejection_does_not_reach_a_target_under_another_preposition():
    assert features("The council pulled the plug on the tram despite the levy.")["net"] == 0.0


@pytest.mark.parametrize(("text", "target"), [
    ("The lifeboat station received a grant of 50000 pounds.", "the lifeboat station"),
    ("The shipyard secured a contract to build two ferries.", "the shipyard"),
    ("The shipyard was awarded a generous licence to export.", "the shipyard"),
    ("The shipyard reported a record profit.", "the shipyard"),
    ("The lifeboat station has more than a million followers.", "the lifeboat station"),
    ("Mayor Brandt is a former surgeon.", "Mayor Brandt"),
    ("Mayor Brandt is the chair of the finance committee.", "Mayor Brandt"),
])
def test_money_got_figures_reported_counts_and_roles_are_plain_facts(text, target):
    found = features(text, target)
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


@pytest.mark.parametrize("text", [
    "The shipyard will leave thousands out of work.",
    "The shipyard would put 400 people out of work.",
    "Mayor Brandt is a corrupt former surgeon.",
])
def test_a_harm_counted_in_people_or_a_judged_role_is_not_plain(text):
    found = features(text, "Mayor Brandt" if "Brandt" in text else "the shipyard")
    assert found["plain"] == 0.0 and found["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Critics branded the levy a white elephant.", -1),  # a nominal idiom as what the target is called
    ("The levy, a white elephant if ever there was one, will cost 3 million pounds.", -1),  # … or its apposition
    ("Traders are up in arms over the levy.", -1),  # an idiom of rejection whose preposition hangs on its noun
    ("Councillor Ames came under fire for the delays.", -1),
])
def test_nominal_idioms_and_idioms_whose_preposition_hangs_deeper(text, sign):
    target = "the levy" if "levy" in text else "Councillor Ames"
    assert features(text, target, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy is not a luxury but a necessity.", 1),  # the negation is the first noun's, the verdict the second's
    ("The levy is far too expensive.", -1),  # "too" on a word that does not judge by itself is a fault
    ("The levy is moving far too fast.", -1),
    ("The levy is too good to lose.", 1),  # … unless the word praises
])
def test_not_a_but_b_and_too_much_of_something(text, sign):
    assert features(text)["net"] * sign > 0


def test_too_as_also_judges_nothing():
    assert features("Councillor Ames backed the levy too.", "Councillor Ames", ("Ames",))["net"] == 0.0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy is no longer a disaster.", 1),
    ("Councillor Ames is no longer out of her depth.", 1),
])
def test_no_longer_denies(text, sign):
    assert features(text, "the levy" if "levy" in text else "Councillor Ames", ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Councillor Ames kicked the parking review into the long grass.", -1),  # a longer object inside the idiom
    ("The cabinet has given the parking levy the green light for another year.", 1),
])
def test_an_idiom_reaches_past_a_longer_object(text, sign):
    target = "the parking levy" if "levy" in text else "Councillor Ames"
    assert features(text, target, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy is not the answer to the town's parking problem.", -1),  # "be the answer", denied
    ("The levy is the wrong answer.", -1),  # an adjective that judges the other way overrules the idiom
    ("The levy is the only realistic option.", 1),
    ("The levy has little to show for three years of effort.", -1),
    ("The levy has done more for the high street than any grant.", 1),
    ("The levy has done nothing for commuters.", -1),
    ("The harbour board has become a rubber stamp for the levy's backers.", 0),  # said of the board, not the levy
    ("The levy is a blank cheque for the council.", -1),
    ("Frankly, it is a blank check for abuse.", -1),
    ("The levy strikes a balance between drivers and residents.", 1),
    ("The levy balances the needs of drivers with those of residents.", 1),
    ("The levy does not balance the needs of drivers with those of residents.", -1),
    ("The levy is hard to fault.", 1),
    ("The levy is impossible to justify in a recession.", -1),
    ("It is not perfect, but for the money it is hard to fault.", 1),  # the later "it" is the first one again
    ("The levy has got rough sleepers off the streets.", 1),
    ("The port authority should think again about the levy.", -1),  # an idiom of rejection done to the levy
    ("Councillor Ames listens to residents.", 1),
    ("Councillor Ames has put profits ahead of tenants.", -1),
    ("Councillor Ames puts her tenants first.", 1),
    ("Councillor Ames has transformed the seafront.", 1),
])
def test_probe_g_idioms(text, sign):
    target = "Councillor Ames" if "Ames" in text else "the parking levy"
    net = features(text, target, ("Ames",))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Councillor Ames handled the flooding with calm and competence.", 1),  # a noun of manner after "with"
    ("Councillor Ames treated the tenants with contempt.", -1),
    ("Shareholders want Ames out.", -1),  # a small clause under "want"
    ("Investors want the levy out.", -1),
    ("Cutting the levy would be a false economy.", 1),  # cutting it is an act against it
    ("The union has called for Councillor Ames to be sacked.", -1),
    ("It is no exaggeration to say that the levy rescued the high street.", 1),  # "no exaggeration" stresses
    ("The levy will cost far more than it raises.", -1),  # the standard of a comparison is not asserted
])
def test_manner_particles_cutting_and_comparisons(text, sign):
    target = "Councillor Ames" if "Ames" in text else "the parking levy"
    assert features(text, target, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "target"), [
    ("Councillor Ames was appointed housing minister in May.", "Councillor Ames"),  # a field, not "housing" judged
    ("A survey put Councillor Ames's approval rating at 38 percent.", "Councillor Ames"),
    ("Councillor Ames previously worked for a shipping firm.", "Councillor Ames"),  # a job, not "works"
    ("Councillor Ames worked as a midwife for ten years.", "Councillor Ames"),
    ("Councillor Ames's term on the board ends in 2029.", "Councillor Ames"),  # an act verb done to nothing
    ("The consultation on the levy closes on Friday.", "the parking levy"),
    ("The levy is run by a local charity and was launched in 2021.", "the parking levy"),
    ("Councillor Ames owns 2 percent of the company's shares.", "Councillor Ames"),
])
def test_fields_jobs_schedules_and_owners_are_plain_facts(text, target):
    found = features(text, target, ("Ames",))
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


def test_work_for_people_still_works():
    assert features("The levy works for families.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy will cost jobs.", -1),  # what it takes away has a value
    ("The levy will cost small traders their livelihoods.", -1),  # … or belongs to someone
    ("The levy will create hundreds of jobs.", 1),  # what an amount counts is judged
    ("The levy will bring down bus fares.", 1),  # a phrasal reducer on a burden
    ("The levy will cut waiting times at the clinic.", 1),  # a time made a burden by its modifier
    ("The levy will lead to lower rents.", 1),  # a lowering comparative turns its noun round
    ("The levy will lead to higher taxes.", -1),
    ("The levy will do more good than harm.", 1),  # an idiom's words in its order
    ("The levy will do more harm than good.", -1),
    ("Don't waste your money on the levy.", -1),  # a waste, denied or not
])
def test_consequences_in_amounts_burdens_and_order(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize("text", [
    "The levy will cost 3 million pounds a year.",
    "The levy will cut opening times at the library.",  # a time that is no burden: unknown
    "Councillor Ames has made the streets safer and the buses cheaper.",  # "cheaper" as a result is praise
])
def test_amounts_and_unknown_cuts_stay_as_they_were(text):
    found = features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))
    assert found["net"] >= 0.0


@pytest.mark.parametrize(("text", "sign"), [
    ("Councillor Ames should step down.", -1),  # a halting particle on a verb of moving, recommended
    ("Councillor Ames should be given a second term.", 1),  # what is granted, in the passive
    ("Councillor Ames has lost the trust of voters.", -1),  # an idiom, not a standing in a race
    ("Councillor Ames has turned her back on the people who elected her.", -1),
    ("Councillor Ames stood up to the developers.", 1),
    ("Councillor Ames caved in to the developers.", -1),
    ("Councillor Ames has let the town down.", -1),
    ("Councillor Ames gets things done.", 1),
    ("Councillor Ames is a woman of her word.", 1),
    ("Councillor Ames has delivered nothing.", -1),  # a success verb done to nothing
    ("Councillors passed a motion of no confidence in Councillor Ames.", -1),  # a denied act noun
    ("There is no case for the levy.", -1),
    ("I used to support the levy.", -1),  # a past given up
    ("Who on earth thought the levy was a good idea?", -1),  # rhetorical
    ("The levy will saddle small firms with debt.", -1),
    ("The levy is running two years behind schedule.", -1),
    ("The levy has put the town on the map.", 1),
])
def test_verdicts_on_people_and_plans_in_common_news_phrases(text, sign):
    target = "Councillor Ames" if "Ames" in text else TARGET
    assert features(text, target, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize("text", [
    "Councillor Ames stepped down in 2019.",
    "Councillor Ames stood for parliament in 2015.",
])
def test_moving_verbs_without_a_modal_are_facts(text):
    assert features(text, "Councillor Ames", ("Ames",))["plain"] == 1.0


@pytest.mark.parametrize(("text", "sign"), [
    ("The shipyard has been fined 2 million pounds for polluting the river.", -1),  # a sanction, however much
    ("The shipyard should be stripped of its licence.", -1),
    ("Regulators should take a much harder line with the shipyard.", -1),
    ("The shipyard's customer service is appalling.", -1),  # the service stands for its owner
    ("The shipyard was named employer of the year.", 1),
    ("It is a scandal that the shipyard still has a licence.", -1),  # "it is a scandal that …" judges the clause
    ("It is a shame that the shipyard was scrapped.", 1),
])
def test_sanctions_services_awards_and_cleft_verdicts(text, sign):
    assert features(text, "the shipyard")["net"] * sign > 0


def test_a_verdict_on_an_infinitive_is_read_once():
    assert features("It would be madness to scrap the shipyard.", "the shipyard")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("It would be a mistake to scrap the levy.", 1),  # the infinitive parsed as the noun's acl
    ("Residents object to the levy.", -1),
    ("The council agreed to the levy last night.", 1),
    ("Other towns should copy the levy.", 1),
    ("What has the levy actually achieved?", -1),  # "actually" in a question expects "nothing"
])
def test_infinitive_verdicts_phrasal_acts_and_sceptical_questions(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "target"), [
    ("Councillor Ames will visit the flood-hit villages on Wednesday.", "Councillor Ames"),  # an event verb
    ("Councillor Ames will face questions from the audit committee next month.", "Councillor Ames"),
    ("Councillor Ames has been housing minister since 2022.", "Councillor Ames"),  # an office held
    ("Councillor Ames is due to give evidence to the inquiry in May.", "Councillor Ames"),  # a schedule
    ("Councillor Ames succeeded Tom Reid as council leader in 2022.", "Councillor Ames"),  # who took over
    ("The levy will be reviewed by the finance committee in June.", TARGET),
])
def test_events_offices_schedules_and_successions_are_plain_facts(text, target):
    found = features(text, target, ("Ames",))
    assert found["evaluated"] == 0.0 and found["plain"] == 1.0


def test_a_verb_of_success_still_praises_without_an_object():
    assert features("Councillor Ames will succeed.", "Councillor Ames", ("Ames",))["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The garden bridge is bleeding money.", -1),
    ("The garden bridge has gone from strength to strength.", 1),
    ("The garden bridge ticks all the boxes.", 1),
    ("The garden bridge has breathed new life into the riverside.", 1),
    ("The garden bridge is a recipe for disaster.", -1),
    ("The garden bridge is a force for good.", 1),
])
def test_more_idioms_of_the_inventory(text, sign):
    assert features(text, "the garden bridge")["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The levy is going to protect local jobs.", 1),  # "is going to" is "will"
    ("The levy is going to push up rents.", -1),
    ("The levy will take thousands of lorries off the road.", 1),
    ("The levy will keep speeding drivers off the roads.", 1),
    ("The levy will tidy up the town square.", 1),
])
def test_going_to_and_removals(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("I was sceptical about the Tarn watch at first, but it has won me over.", 1),
    ("I really wanted to like the Tarn watch, but it is a let-down.", -1),  # a hyphenated verdict
    ("The Tarn watch does what it says on the tin.", 1),
    ("Save your money and skip the Tarn watch.", -1),
    ("The Tarn watch has been plagued by glitches.", -1),
])
def test_product_reviews(text, sign):
    assert features(text, "the Tarn watch", ("watch",))["net"] * sign > 0


def test_compatible_with_is_a_fact():
    assert features("The Tarn watch is compatible with Android phones.", "the Tarn watch")["plain"] == 1.0


@pytest.mark.parametrize(("text", "sign"), [
    ("Governor Ruelle has come under mounting pressure to resign.", -1),
    ("Ruelle's office broke the rules.", -1),  # an office stands for its holder
    ("Ruelle's administration has been mired in scandal.", -1),
    ("A federal judge sided with Ruelle in the dispute.", 1),
])
def test_news_register_on_people(text, sign):
    assert features(text, "Governor Ruelle", ("Ruelle",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("I can't praise the parking levy enough.", 1),
    ("We cannot recommend the parking levy highly enough.", 1),
    ("I can't support the parking levy.", -1),  # no "enough": denied
])
def test_praise_without_limit_is_not_denied(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy is a recipe for chaos.", -1),
    ("The parking levy is a formula for success.", 1),
    ("The parking levy is a step towards cleaner air.", 1),
])
def test_a_noun_that_leads_somewhere_is_as_good_as_where_it_leads(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy has sorted out the congestion problem.", 1),
    ("The parking levy will stamp out crime around the station.", 1),
    ("The parking levy will wipe out hundreds of jobs.", -1),
])
def test_phrasal_verbs_that_take_away_are_judged_by_what_they_take(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle's clean-air zone has cut pollution by a third.", 1),
    ("Ruelle's crackdown has left the market stalls empty and the traders furious.", -1),
])
def test_what_the_targets_own_measure_does_is_said_of_the_target(text, sign):
    assert features(text, "Governor Ruelle", ("Ruelle",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The club should hand Ruelle a new contract.", 1),
    ("The board gave Ruelle a reprieve.", 1),
    ("Ruelle pocketed a huge bonus.", -1),  # whatever the object is worth, pocketing it is greed
])
def test_what_a_person_is_handed_or_pockets(text, sign):
    assert features(text, "Governor Ruelle", ("Ruelle",))["net"] * sign > 0


def test_a_fault_after_but_outweighs_the_praise_before_it():
    assert features("The Tarn watch looks great, but it overheats constantly.", "the Tarn watch")["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will keep bus fares low.", 1),
    ("The parking levy has got congestion falling.", 1),
    ("The parking levy has sent rents soaring.", -1),
    ("The parking levy has left families struggling to pay their bills.", -1),
    ("The parking levy left the streets strewn with broken glass.", -1),
    ("The parking levy will keep crime high.", -1),
])
def test_what_the_target_leaves_something_as_is_its_consequence(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will add 90 pounds a year to household bills.", -1),
    ("The parking levy adds to the misery of commuters.", -1),
    ("The parking levy will add to the fun of market day.", 1),
])
def test_what_the_target_adds_to_is_its_consequence(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy should be allowed to lapse.", -1),
    ("The parking levy should be allowed to expire in April.", -1),
    ("The parking levy should be allowed to continue.", 1),
])
def test_letting_the_target_end_or_go_on(text, sign):
    assert features(text)["net"] * sign > 0


def test_a_measure_the_target_has_is_no_verdict():
    assert features("The Tarn watch has a top speed of 25 km/h.", "the Tarn watch")["net"] == 0


def test_what_is_done_without_the_act_is_not_done():
    assert features("The council must pass the parking levy without watering it down.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Visitor numbers have tripled since the parking levy paid for the new museum.", 1),
    ("Bookings have fallen by a fifth since the parking levy was announced.", -1),
    ("Customer complaints have doubled since the parking levy started.", -1),  # a count of complaints, not people
])
def test_counts_of_people_who_come_or_buy_are_worth_more_of(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle has presided over the longest waits on record.", -1),
    ("Ruelle presided over chaos and decline at the port.", -1),
])
def test_what_a_person_presided_over_is_theirs(text, sign):
    assert features(text, "Governor Ruelle", ("Ruelle",))["net"] * sign > 0


def test_a_limit_set_at_a_level_describes_a_rule():
    assert features("The parking levy limits annual increases to 3 per cent.")["net"] == 0
    assert features("The parking levy limits the freedom of residents.")["net"] < 0  # no level: what it limits


def test_a_testament_is_as_good_as_what_it_stands_to():
    assert features("The parking levy is a testament to the council's good sense.")["net"] > 0


def test_cutting_the_commute_is_good():
    assert features("The parking levy has cut the commute from an hour to twenty minutes.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Obesity rates have started to fall since the parking levy came in.", 1),
    ("Crime has continued to rise since Ames took office.", -1),
    ("Waiting times have grown longer since Ames took charge.", -1),  # "waiting" tagged a verb
])
def test_a_change_begun_or_continued_since_the_target_came_is_its_consequence(text, sign):
    assert features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy is a way to cut congestion.", 1),
    ("We see the parking levy as a means to expand cooperation between councils.", 1),
    ("The parking levy is an attempt to restrict freedom of movement.", -1),
    ("The parking levy is a cynical ploy to punish drivers.", -1),
    ("The parking levy is a way of life here.", 0),  # no purpose named: nothing said
])
def test_a_noun_of_purpose_is_as_good_as_what_it_is_for(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("There are serious flaws in the parking levy.", -1),
    ("There are no flaws in the parking levy.", 1),
    ("Drivers have spotted a loophole in the parking levy.", -1),
])
def test_a_good_or_bad_point_in_the_target_judges_it(text, sign):
    assert features(text)["net"] * sign > 0


def test_a_noun_of_purpose_is_judged_first_by_its_own_words():
    assert features("The parking levy is a fair way to pay for the new car parks.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Don't buy the Tarn watch.", -1),
    ("I'd buy the Tarn watch again tomorrow.", 1),
    ("I would never buy the Tarn watch.", -1),
    ("You should try the Tarn watch.", 1),
    ("The council bought the Tarn watch for its wardens.", 0),  # a purchase reported
    ("Shoppers can buy the Tarn watch from Friday.", 0),
])
def test_buying_or_trying_backs_the_target_only_when_urged_or_wished(text, sign):
    net = features(text, "the Tarn watch")["net"]
    assert reads_as(net, sign)


def test_adding_up_to_an_amount_on_bills_is_adding_to_bills():
    assert features("The parking levy will add up to 90 pounds a year to household bills.")["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle promised to protect jobs, yet thousands have been lost on her watch.", -1),
    ("Ruelle promised to freeze council tax but then raised it.", -1),
    ("Ruelle promised to cut taxes and she did.", 0),  # kept
])
def test_an_intention_a_contrast_says_was_not_kept(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"]
    assert reads_as(net, sign)


def test_a_policy_meant_for_one_thing_that_did_another():
    assert features("The parking levy was supposed to cut traffic, but the jams are worse than ever.")["net"] < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The plan risks alienating voters.", -1),
    ("The plan has made little difference.", -1),
    ("The plan has made a real difference to the high street.", 1),
    ("The plan is deeply unpopular.", -1),
    ("The plan has cost the town millions in lost trade.", -1),
    ("The plan will cost 3 million pounds.", 0),  # an amount alone is a fact
    ("The plan is a blunt instrument.", -1),
])
def test_common_news_verdicts_on_a_policy(text, sign):
    net = features(text, "the plan")["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle has been dogged by scandal.", -1),
    ("Ruelle was found guilty of fraud.", -1),
    ("Ruelle was deemed unfit to serve.", -1),
    ("Ruelle has overseen a sharp rise in child poverty.", -1),
    ("Under Ruelle, the council has balanced its books for the first time in a decade.", 1),
    ("Ruelle has faced calls to resign.", -1),
    ("Ruelle was booed at the rally.", -1),
])
def test_news_verdicts_on_a_person(text, sign):
    assert features(text, "Governor Ruelle", ("Ruelle",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will lead to a rise in crime.", -1),
    ("The parking levy has brought a sharp fall in congestion.", 1),
    ("Thanks to the parking levy, crime has fallen.", 1),
    ("Under the parking levy, drivers pay five pounds a day.", 0),
    ("Under the parking levy, parking on the verge is banned.", 0),  # an act reported, not an outcome
])
def test_a_rise_or_fall_named_by_a_noun_or_come_under_the_target(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle deserves a second term.", 1),
    ("Burglaries fell by a quarter in Ruelle's first year.", 1),
    ("Unemployment has doubled during Ruelle's tenure.", -1),
    ("Ruelle should apologise for her remarks.", -1),
    ("Ruelle was elected police commissioner in May with 41% of the vote.", 0),  # the office is no object
])
def test_a_persons_record_in_office_and_what_they_are_owed(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle", "the commissioner"))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("I switched to the Tarn watch last month.", 1),
    ("I switched from the Tarn watch to a rival.", -1),
    ("I'd steer well clear of the Tarn watch.", -1),
    ("The Tarn watch's battery is dreadful.", -1),  # a product's part stands for it
])
def test_switching_to_or_from_a_product_and_its_parts(text, sign):
    assert features(text, "the Tarn watch")["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy has narrowed the gap between rich and poor areas.", 1),
    ("The parking levy brought 4 million pounds into the local economy.", 1),
    ("The parking levy has cut leakage from the old car parks by a fifth.", 1),
    ("Bookings rose 6% in the first summer of the parking levy.", 1),
    ("Ames has pumped raw sewage into the river 300 times.", -1),
])
def test_gaps_economies_leaks_and_sewage(text, sign):
    assert features(text, "Councillor Ames" if "Ames" in text else TARGET, ("Ames",))["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy is a fad dressed up as a reform.", -1),
    ("Not one councillor supports the parking levy.", -1),
    ("Not a single councillor voted for the parking levy.", -1),
])
def test_disguises_and_subjects_denied_by_not(text, sign):
    assert features(text)["net"] * sign > 0


def test_not_only_and_not_many_deny_no_subject():
    assert features("Not many small towns have a scheme as good as the parking levy.")["net"] >= 0
    assert features("The parking levy will help not only drivers but also shops.")["net"] > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will cut customer waiting times.", 1),  # a burden, whoever waits
    ("The council could not cut waiting lists fast enough, and the parking levy was blamed.", -1),
    ("Ames received a ten-year prison term.", -1),  # a term handed as punishment, not as backing
    ("Ames narrowed the gap with her rival in the polls.", 0),  # a race, not a verdict
    ("Ames set up an inquiry into the parking levy.", 0),
])
def test_what_the_review_of_the_new_rules_found(text, sign):
    target = "Councillor Ames" if text.startswith("Ames") else TARGET
    net = features(text, target, ("Ames",))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle is under investigation for campaign finance violations.", -1),
    ("Ruelle stumbled through the debate.", -1),
    ("Ruelle's budget is under review.", 0),  # a procedure
])
def test_investigated_or_stumbling(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Without the parking levy, the swimming pool would have closed years ago.", 1),
    ("Without the parking levy, burglaries would have soared.", 1),
    ("But for the parking levy, the library could not have stayed open.", 1),
    ("Without the parking levy, the high street would be thriving.", -1),
    ("Shoppers paid the parking levy without complaint.", 0),  # no world without it
])
def test_what_the_target_kept_from_happening(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy has kept the village museum open.", 1),
    ("The parking levy got the night buses running again.", 1),
    ("The parking levy kept the old theatre afloat.", 1),
    ("The parking levy has kept the corruption scandal alive.", -1),
    ("The parking levy will put family bakeries out of business.", -1),
    ("The parking levy has driven shoppers away from the market.", -1),
    ("The parking levy will drive away the fumes that choke the square.", 1),
])
def test_keeping_things_going_or_driving_them_away(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will double waiting times at the clinic.", -1),
    ("The parking levy has tripled visitor numbers.", 1),
    ("The parking levy will halve the number of accidents on the ring road.", 1),
    ("The parking levy doubled last year.", 0),  # an amount of time, not what it raised
])
def test_raising_or_lowering_what_it_is_done_to(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy has left nurses with no way to get to the hospital.", -1),
    ("The parking levy has left pensioners unable to reach the town centre.", -1),
    ("The parking levy left carers stranded.", -1),
    ("Scrapping the parking levy would leave night-shift workers stranded.", 1),  # what scrapping it does
    ("The parking levy has left burglars with nowhere to hide.", 1),  # what is left is bad itself
    ("The parking levy left the square without traffic jams for the first time.", 1),
])
def test_leaving_people_without_something(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle let the maternity unit close.", -1),
    ("Ruelle allowed the tram extension to go ahead.", 1),
    ("Ruelle never listens to anyone.", -1),
    ("Ruelle owes the families an apology.", -1),
    ("Ruelle was nowhere to be seen during the heatwave.", -1),
    ("Since Ruelle took over, the club has thrived.", 1),
    ("Since Ruelle resigned, the club has thrived.", -1),  # what came of her going
    ("Ruelle let the children play in the park.", 0),
    ("Ruelle got the new bridge built a year early.", 1),
    ("Ruelle brought the feuding factions together.", 1),
    ("Ruelle has barely made a dent in the housing waiting list.", -1),
    ("Ruelle has been cleared of wrongdoing.", 1),
])
def test_what_a_person_let_happen_and_what_followed(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Since the parking levy was introduced, four shops have closed.", -1),
    ("Since the parking levy came in, the market has thrived.", 1),
    ("The council has met twice since the parking levy was introduced.", 0),
])
def test_what_happened_since_the_target_came(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy would raise enough to keep the village bus running.", 1),
    ("The parking levy will pay for 30 new buses.", 1),
    ("The parking levy will fund 120 extra school places.", 1),
    ("Although the parking levy will cause some disruption, it will pay for better buses.", 1),  # no "to" purpose
    ("The parking levy will raise £2m a year.", 0),  # an amount
])
def test_what_the_target_pays_for_or_provides(text, sign):
    net = features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle used the grant to build a new library.", 1),
    ("Ruelle spent £2m of council money to buy votes.", -1),
    ("Ruelle has built 400 new homes.", 1),
    ("Ruelle bought a new car.", 0),  # a purchase of her own
])
def test_what_a_person_provides_or_spends_on(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy stifles trade on the high street.", -1),
    ("The parking levy would cripple small firms.", -1),
    ("The parking levy will suppress crime around the station.", 1),  # holding back something bad
    ("The parking levy will swamp the side streets with parked cars.", -1),
    ("The parking levy will clog the roads around the school.", -1),
])
def test_holding_something_back(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy will protect endangered bus routes.", 1),  # the routes, not their plight
    ("The parking levy shields the worst polluters.", -1),
    ("The parking levy gave a voice to residents who had none.", 1),
    ("The parking levy kept the lights on at the community centre.", 1),
    ("The parking levy has left a trail of unpaid bills.", -1),
])
def test_what_the_target_protects_or_gives(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy makes it easier for ambulances to get through.", 1),
    ("The parking levy makes it harder for nurses to get to work.", -1),
    ("The parking levy makes it harder for thieves to steal cars.", 1),
    ("The parking levy made it easier for the council to cut bus routes.", -1),
])
def test_what_the_target_makes_easier_or_harder(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("The parking levy has helped wipe out measles in the town.", 1),
    ("The parking levy will lead to more injuries on rural roads.", -1),
    ("Ruelle's office reported 14 deaths in the county on Monday.", 0),  # a count, not a deed
    ("Ruelle confirmed two infections at the care home.", 0),
])
def test_diseases_deaths_and_counts_of_them(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"] if "Ruelle" in text else features(text)["net"]
    assert reads_as(net, sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Most drivers would rather pay the levy than sit in traffic.", 1),
    ("Most drivers would rather sit in traffic than pay the levy.", -1),
    ("Commuters would sooner cycle than pay the levy.", -1),
    ("Residents prefer a new bypass to the levy.", -1),
    ("Residents prefer the levy to a new bypass.", 1),
])
def test_what_is_rather_done_and_what_is_passed_over(text, sign):
    assert features(text)["net"] * sign > 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Ruelle is widely seen as the most capable minister in the cabinet.", 1),
    ("Ruelle was branded a hypocrite by her rivals.", -1),
    ("Ruelle is known for her honesty.", 1),
    ("Ruelle has a reputation for cutting corners.", -1),
    ("Ruelle lacks the support of her party.", 0),  # where she stands, as "has the support of"
])
def test_what_a_person_is_seen_as_or_known_for(text, sign):
    net = features(text, "Governor Ruelle", ("Ruelle",))["net"]
    assert reads_as(net, sign)
