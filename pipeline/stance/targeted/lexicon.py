"""The stance words and what single words and short phrases say: valence, negation, recommendation, amounts.

Everything else in this package reads a parse through these. The word lists
live in ``resources/stance_lexicon.toml``; the valence of words not listed
there comes from VADER's lexicon.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# Copulas and verbs of seeming: "X is / seems / remains / proved a good idea".
COPULAS = frozenset({"be", "seem", "look", "remain", "prove", "become", "sound", "appear", "stay", "feel", "get",
                     "grow", "turn"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "dative", "oprd"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
# What belongs to a phrase's core: its modifiers and conjuncts, not its prepositional or clausal complements.
CORE = frozenset({"amod", "compound", "advmod", "neg", "det", "acomp", "nummod", "conj", "cc", "npadvmod", "predet",
                  "quantmod"})


@dataclass(frozen=True)
class StanceLexicon:
    """The word lists of ``resources/stance_lexicon.toml``, one field a list, and the valence tables."""

    support_verbs: frozenset[str]
    oppose_verbs: frozenset[str]
    against_preps: frozenset[str]
    for_preps: frozenset[str]
    for_heads: frozenset[str]
    reducer_verbs: frozenset[str]
    proceed_verbs: frozenset[str]
    halt_verbs: frozenset[str]
    proceed_particles: frozenset[str]
    halt_particles: frozenset[str]
    modals: frozenset[str]
    reversing_heads: frozenset[str]
    negators: frozenset[str]
    diminishers: frozenset[str]
    pronouns: frozenset[str]
    supporter_nouns: frozenset[str]
    opponent_nouns: frozenset[str]
    feeling_preps: frozenset[str]
    contrast_conjunctions: frozenset[str]
    concessive_markers: frozenset[str]
    negative_subjects: frozenset[str]
    support_nouns: frozenset[str]
    oppose_nouns: frozenset[str]
    calling_verbs: frozenset[str]
    success_verbs: frozenset[str]
    detached_preps: frozenset[str]
    earning_verbs: frozenset[str]
    deserving_verbs: frozenset[str]
    rebuttals: frozenset[str]
    phrasal_support: frozenset[str]
    phrasal_oppose: frozenset[str]
    idiom_support: frozenset[str]
    idiom_oppose: frozenset[str]
    contrast_adverbs: frozenset[str]
    quantity_words: frozenset[str]
    consequence_preps: frozenset[str]
    stance_taking_verbs: frozenset[str]
    hypothetical_markers: frozenset[str]
    emphatic_nouns: frozenset[str]
    name_titles: frozenset[str]
    proxy_nouns: frozenset[str]
    contest_verbs: frozenset[str]
    tally_verbs: frozenset[str]
    tally_nouns: frozenset[str]
    share_words: frozenset[str]
    hollow_nouns: frozenset[str]
    leading_nouns: frozenset[str]
    office_nouns: frozenset[str]
    everyone_words: frozenset[str]
    merit_contests: frozenset[str]
    evidence_nouns: frozenset[str]
    outcome_verbs: frozenset[str]
    trait_nouns: frozenset[str]
    contest_nouns: frozenset[str]
    poll_nouns: frozenset[str]
    preference_verbs: frozenset[str]
    passed_over_preps: frozenset[str]
    preference_adverbs: frozenset[str]
    stance_prefixes: frozenset[str]
    refusal_words: frozenset[str]
    outcome_phrasals: frozenset[str]
    appraisal_nouns: frozenset[str]
    doubt_nouns: frozenset[str]
    assent_words: frozenset[str]
    granting_verbs: frozenset[str]
    granted_support: frozenset[str]
    granted_oppose: frozenset[str]
    rhetorical_words: frozenset[str]
    rhetorical_modals: frozenset[str]
    cause_markers: frozenset[str]
    counterfactual_markers: frozenset[str]
    conditional_modals: frozenset[str]
    tenure_preps: frozenset[str]
    tenure_nouns: frozenset[str]
    departure_verbs: frozenset[str]
    relation_nouns: frozenset[str]
    procedural_acts: frozenset[str]
    measure_adjectives: frozenset[str]
    amount_words: frozenset[str]
    level_nouns: frozenset[str]
    price_words: frozenset[str]
    boosters: frozenset[str]
    receiving_verbs: frozenset[str]
    resource_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    counting_verbs: frozenset[str]
    figure_nouns: frozenset[str]
    role_nouns: frozenset[str]
    employment_preps: frozenset[str]
    manner_nouns: frozenset[str]
    removal_particles: frozenset[str]
    lowering_adjectives: frozenset[str]
    causing_verbs: frozenset[str]
    leaving_verbs: frozenset[str]
    deprived_states: frozenset[str]
    sustaining_verbs: frozenset[str]
    running_states: frozenset[str]
    achieved_verbs: frozenset[str]
    means_verbs: frozenset[str]
    protecting_verbs: frozenset[str]
    renown_verbs: frozenset[str]
    renown_nouns: frozenset[str]
    easing_words: frozenset[str]
    hindering_words: frozenset[str]
    plight_words: frozenset[str]
    providing_verbs: frozenset[str]
    new_words: frozenset[str]
    overseeing_verbs: frozenset[str]
    capping_verbs: frozenset[str]
    recommended_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    risk_verbs: frozenset[str]
    purpose_nouns: frozenset[str]
    attribute_nouns: frozenset[str]
    popularity_words: frozenset[str]
    lowering_states: frozenset[str]
    raising_states: frozenset[str]
    adding_verbs: frozenset[str]
    phrasal_reducers: frozenset[str]
    squander_verbs: frozenset[str]
    burden_modifiers: frozenset[str]
    rise_verbs: frozenset[str]
    fall_verbs: frozenset[str]
    depriving_verbs: frozenset[str]
    event_verbs: frozenset[str]
    fact_adjectives: frozenset[str]
    succession_verbs: frozenset[str]
    urged_creation_verbs: frozenset[str]
    urged_removal_verbs: frozenset[str]
    refraining_verbs: frozenset[str]
    favouring_suffixes: frozenset[str]
    freeing_suffixes: frozenset[str]
    setting_aside: frozenset[str]
    valence: dict[str, float] = field(hash=False)
    manner: dict[str, float] = field(hash=False)
    idioms: dict[str, float] = field(hash=False)


@lru_cache(maxsize=1)
def stance_lexicon() -> StanceLexicon:
    """The lexicon file, with VADER's word valences under ours (ours win where both list a word), and VADER's
    intensifiers ("very", "really") as ``boosters``."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    data = tomllib.loads(resources.files("pipeline.resources").joinpath("stance_lexicon.toml").read_text("utf-8"))
    lists = {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}
    valence = {**SentimentIntensityAnalyzer().lexicon, **data["valence"]}
    return StanceLexicon(**lists, boosters=frozenset(BOOSTER_DICT),
                         support_nouns=frozenset(data["act_nouns"]["support"]),
                         oppose_nouns=frozenset(data["act_nouns"]["oppose"]),
                         phrasal_support=frozenset(data["phrasal_acts"]["support"]),
                         phrasal_oppose=frozenset(data["phrasal_acts"]["oppose"]),
                         idiom_support=frozenset(data["idiom_acts"]["support"]),
                         idiom_oppose=frozenset(data["idiom_acts"]["oppose"]), valence=valence,
                         manner=data["manner"], idioms=data["idioms"])


def _hyphenated(token, lex: StanceLexicon) -> tuple[str, bool] | None:
    """The hyphenated word the lexicon scores whole that a token is part of ("half-baked", "no-brainer"), and
    whether the token is its last part, which carries the value (the parser splits them at the hyphen)."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and f"{doc[i - 2].lower_}-{token.lower_}" in lex.valence:
        return f"{doc[i - 2].lower_}-{token.lower_}", True
    if i + 2 < len(doc) and doc[i + 1].text == "-" and f"{token.lower_}-{doc[i + 2].lower_}" in lex.valence:
        return f"{token.lower_}-{doc[i + 2].lower_}", False
    return None


def word_valence(token, lex: StanceLexicon) -> float:
    """A word's valence in -1 … 1: a hyphenated word's whole ("half-baked" on "baked", nothing on "half"), or
    a compound whose last part takes its value from the first ("oppression-friendly" is bad, "crime-free" good:
    ``_suffixed``), else its own form ("disastrous"), else its lemma."""
    hyphenated = _hyphenated(token, lex)
    if hyphenated:
        return lex.valence[hyphenated[0]] / 4.0 if hyphenated[1] else 0.0
    suffixed = _suffixed(token, lex)
    if suffixed is not None:
        return suffixed
    return _own_valence(token, lex)


def _own_valence(token, lex: StanceLexicon) -> float:
    """The word's own valence in -1 … 1, by its form, else its lemma."""
    for key in (token.lower_, token.lemma_.lower()):
        if key in lex.valence:
            return lex.valence[key] / 4.0
    return 0.0


def _suffixed(token, lex: StanceLexicon) -> float | None:
    """The value of a part of "A-friendly" or "A-free" where A has one: the last part favours A (friendly) or
    frees from it (free, proof), the first part counts nothing; None where the token is no such part."""
    doc, i = token.doc, token.i
    suffixes = lex.favouring_suffixes | lex.freeing_suffixes
    if i >= 2 and doc[i - 1].text == "-" and token.lower_ in suffixes:
        first = _own_valence(doc[i - 2], lex)
        return (first if token.lower_ in lex.favouring_suffixes else -first) if first else None
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in suffixes and _own_valence(token, lex):
        return 0.0
    return None


def is_negated(token, lex: StanceLexicon) -> bool:
    """"not", "never", "no" ("no longer") on the word, or a subject such as "nobody", "neither man" or "not one
    councillor" that negates its clause. "No" before a noun of certainty stresses rather than denies ("there's no
    question X could …"), and "can't praise X enough" praises (``_not_enough``)."""
    if token.lemma_.lower() in lex.emphatic_nouns or _not_enough(token, lex):
        return False
    return any(child.dep_ == "neg" or (child.lower_ in lex.negators and child.dep_ in ("advmod", "det", "neg"))
               or (child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children))  # "is no longer"
               or (child.dep_ in SUBJECTS and (child.lower_ in lex.negative_subjects
                                               or any(d.dep_ == "det" and d.lower_ in ("no", "neither")
                                                      for d in child.children)
                                               or any(t.lower_ == "not" and t.i < child.i and
                                                      t.nbor().lower_ in ("a", "one")
                                                      for t in child.subtree)))  # "not one councillor"
               for child in token.children)


def _not_enough(verb, lex: StanceLexicon) -> bool:
    """"I can't praise X enough", "cannot recommend X highly enough": praise without limit, not denied (a verb
    of praise or backing only: "could not cut waiting lists fast enough" is denied)."""
    praising = verb.lemma_.lower() in lex.support_verbs or word_valence(verb, lex) > 0
    return praising and any(c.dep_ == "aux" and c.lemma_.lower() in ("can", "could") for c in verb.children) and \
        any(c.lower_ == "enough" or any(d.lower_ == "enough" for d in c.children)
            for c in verb.children if c.dep_ == "advmod")


def is_infinitive(verb) -> bool:
    """Whether a verb is a "to" infinitive ("to keep the buses running")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def prep_objects(token, preps) -> list:
    """The objects of the prepositions *preps* hanging off *token*: "bills" for ("to",) in "add 90 pounds to
    bills"."""
    return [o for c in token.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children
            if o.dep_ == "pobj"]


def first_nonzero(values) -> float:
    """The first of *values* that says something, else 0: one reading wins over the ones after it."""
    return next((value for value in values if value), 0.0)


def core_tokens(head) -> list:
    """A phrase's head with its modifiers and conjuncts, without its prepositional or clausal complements:
    "a disaster for the town centre" is "a disaster", "an eyesore and a blight on the valley" both nouns."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in CORE:
            tokens.extend(core_tokens(child))
    return tokens


def phrase_valence(tokens, lex: StanceLexicon) -> float:
    """The summed valence of a phrase, squashed into -1 … 1, turned around by "no"/"not" inside it, by
    "less" / "fewer" ("less safe", "fewer jobs") and by a lowering comparative ("lower fares", "shorter waits")."""
    tokens = list(tokens)
    lowering = [t for t in tokens if t.lower_ in lex.lowering_adjectives and t.dep_ == "amod"]
    total = sum(word_valence(t, lex) for t in tokens if t.pos_ in ("ADJ", "NOUN", "VERB", "ADV", "PROPN", "INTJ")
                and t not in lowering)
    total += sum(EXCESS for t in tokens if excessive(t, lex))  # "far too expensive", "too small"
    if any(t.lower_ in lex.negators and not _hyphenated(t, lex) for t in tokens):  # not "a no-brainer"
        total = -total
    if lowering or any(t.lower_ in lex.diminishers for t in tokens):
        total = -total
    return math.tanh(1.5 * total)


EXCESS = -0.4  # "too" on a word that does not judge by itself, as VADER's -1.6 over 4


def excessive(token, lex: StanceLexicon) -> bool:
    """Whether a word says its subject has too much of something ("too expensive", "far too fast"): a fault,
    unless the word itself praises ("too good to miss")."""
    return token.pos_ in ("ADJ", "ADV") and word_valence(token, lex) <= 0 and \
        any(c.dep_ == "advmod" and c.lower_ == "too" for c in token.children)


# "needs to be scrapped", "has to go", "ought to pass", "deserves to go ahead"
MODAL_VERBS = frozenset({"need", "have", "ought", "deserve"})
URGING_VERBS = frozenset({"want", "urge", "wish", "ask", "demand", "push", "press", "hope", "call", "allow", "let",
                          "permit"})  # "would not allow X to pass" refuses what "X should pass" recommends


def has_modal(verb, lex: StanceLexicon) -> bool:
    """Whether a verb is recommended rather than reported: "should go ahead", "must be stopped", "has to end"."""
    # "have" as an auxiliary is the perfect ("has moved"); "has to end" reaches here as "have" + xcomp
    if any(child.dep_ == "aux" and child.lemma_.lower() in lex.modals and child.lemma_.lower() != "have"
           for child in verb.children):
        return True
    # "needs to go", and what someone wants or urges: "residents want X to go ahead"
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in MODAL_VERBS | URGING_VERBS


def is_quantity(tokens, lex: StanceLexicon) -> bool:
    """Whether a phrase is an amount ("3.2 million pounds", "£1.8m", "two years", "half the cost"): costing,
    taking or covering an amount is a fact, not a verdict."""
    return any(t.like_num or t.pos_ == "NUM" or t.lemma_.lower() in lex.quantity_words or t.dep_ == "nummod"
               or t.lemma_.lower() in lex.share_words for t in tokens)  # "covers up to half the cost"
