"""Whether a claim that names the target evaluates nothing: states or asks ("X takes effect in May"), which
the learned part of the model, reading a sentence vector near the target's, would call for or against."""

from __future__ import annotations

from pipeline.stance.targeted.clauses import question_sense
from pipeline.stance.targeted.findings import describes_another, is_possessor
from pipeline.stance.targeted.lexicon import (COMPARATIVE_TAGS, COPULAS, OBJECTS, StanceLexicon, core_tokens,
                                              has_modal, is_quantity, phrase_valence, word_valence)
from pipeline.stance.targeted.mentions import target_words
from pipeline.stance.targeted.predicates import (act_polarity, idiom_value, is_amount, is_cost, is_reported_act,
                                                 is_tally, record_objects)


def _judging_predicate(mention, lex: StanceLexicon) -> bool:
    """Whether the target is the subject of a verdict ("X is overpriced", "X is a white elephant") or of what
    it will do to something ("X will spoil the view"): the rules read these, and where they know none of the
    words, a word they lack is as likely to judge as to describe, so the claim is not plain."""
    verb = mention.head
    if mention.dep_ != "nsubj" or verb.i == mention.i:
        return False
    if verb.lemma_.lower() in COPULAS:
        return any(c.dep_ in ("acomp", "attr") and c.pos_ in ("ADJ", "NOUN") and not is_amount(c, lex)
                   and not _a_role(c, lex) and c.lemma_.lower() not in lex.fact_adjectives for c in verb.children)
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    return any(c.tag_ == "MD" for c in verb.children) and bool(objects) and \
        verb.lemma_.lower() not in lex.event_verbs and not any(is_quantity(core_tokens(o), lex) for o in objects)


def _a_role(noun, lex: StanceLexicon) -> bool:
    """Whether a predicate noun names an occupation or office with no word that judges it ("a former surgeon",
    "a trained lawyer", "the chair of the finance committee"): who someone is, not a verdict."""
    return noun.lemma_.lower() in lex.role_nouns and not phrase_valence(core_tokens(noun), lex)


def _names_a_field(token, lex: StanceLexicon) -> bool:
    """Whether a noun before another names a field or what is counted rather than judging: "the energy
    minister", "the health secretary", "approval ratings" (VADER scores "energy", "health" and "approval"); a
    strongly valenced one still judges ("a vanity project", "crime figures"), and an act names who acts
    ("opposition MPs")."""
    head = token.head.lemma_.lower()
    return token.dep_ == "compound" and token.pos_ == "NOUN" and \
        (head in lex.role_nouns | lex.office_nouns | lex.tally_nouns or
         (abs(word_valence(token, lex)) < 0.375 and not act_polarity(token, lex)))


def _done_to_nothing(verb, lex: StanceLexicon) -> bool:
    """Whether a verb of acting or reducing has nothing it is done to: "the term ends in 2028", "the
    consultation closes on Friday" say when, not who fights what ("voting for anyone but X" is done to X)."""
    return verb.pos_ == "VERB" and not any(c.dep_ in OBJECTS or c.dep_ in ("auxpass", "xcomp", "ccomp") or
                                           c.lower_ in lex.for_preps | lex.against_preps for c in verb.children)


def names_a_relation(mention, lex: StanceLexicon) -> bool:
    """Whether a mention only says whose someone is: "X's opponent", "a close ally of X", "X's predecessor".
    Where the rules find nothing said of X, what the claim says is said of that person."""
    owner = mention.head if is_possessor(mention) else \
        mention.head.head if mention.dep_ == "pobj" and mention.head.lower_ == "of" else None
    return owner is not None and owner.lemma_.lower() in lex.relation_nouns


def in_a_description(mention) -> bool:
    """Whether a mention lies inside a relative clause that describes someone or something else: "the minister,
    who signed X last spring, was criticised over the strike", "a contractor that supplies X was fined". Where
    the rules find nothing said of X, what the claim says is said of the one described."""
    return any(describes_another(mention, ancestor) for ancestor in mention.ancestors)


def is_plain(doc, mentions: list, phrases: list[str], lex: StanceLexicon) -> bool:
    """Whether a claim carries no evaluative signal at all outside the target's own words: no valenced word
    (VADER's and ours), no act of backing or fighting, no reducer verb ("will reduce landfill"), no negation,
    no intensifier (VADER's boosters), no comparative, no recommending modal ("should", "needs to"), not an
    imperative, not a verdict or a consequence in words none of these know (``_judging_predicate``), and if a
    question, none of the words that make one rhetorical ("Has X ever …", "Can anyone …"). Such a claim states
    or asks ("X takes effect in May", "When does X start?"), and the learned part, reading a sentence vector
    near the target's, calls many of them for or against."""
    own = target_words(phrases)
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words or (words[0].tag_ == "VB" and words[0].dep_ == "ROOT"):
        return False
    question = doc.text.rstrip().endswith("?")
    # A yes/no question that is neither denied nor rhetorical asks, whatever its words: "Is X worth the cost?"
    asks = question and any(question_sense(mention, lex) > 0 for mention in mentions)
    if not question and any(_judging_predicate(mention, lex) for mention in mentions):
        return False
    records = {t.i for verb in words for o in record_objects(verb, lex) for t in (verb, *o.subtree)}
    for token in words:
        lower = token.lower_
        if token.i in records or _names_a_field(token, lex):
            continue  # "received a generous grant", "reported a record profit": what was got, not a verdict
        counted = token.head.like_num or token.head.pos_ == "NUM"  # "more than a million users"
        if lower in lex.negators or token.dep_ == "neg" or (not counted and (lower in lex.boosters or (
                token.tag_ in COMPARATIVE_TAGS and token.lemma_.lower() not in lex.measure_adjectives))):
            return False
        if token.pos_ in ("VERB", "AUX") and idiom_value(token, lex):
            return False  # "will leave thousands out of work": an idiom judges whatever amount it holds
        if question and (lower in lex.everyone_words or lower in lex.rhetorical_words):
            return False
        if token.pos_ in ("VERB", "AUX") and has_modal(token, lex):
            return False
        if asks or lower in own or (lower in lex.amount_words | lex.price_words and is_amount(token, lex)) \
                or is_reported_act(token, lex) or is_tally(token, lex) or is_cost(token, lex) \
                or (token.lemma_.lower() in lex.succession_verbs and any(c.dep_ in OBJECTS for c in token.children)):
            continue  # "worth 5 billion", "was approved in June", "secured 41 percent of the vote": facts
        acts = act_polarity(token, lex) or (token.pos_ == "VERB" and token.lemma_.lower() in lex.reducer_verbs)
        if (acts and not _done_to_nothing(token, lex)) or \
                (token.pos_ in ("ADJ", "NOUN", "VERB", "ADV", "PROPN", "INTJ") and word_valence(token, lex)):
            return False
    return True
