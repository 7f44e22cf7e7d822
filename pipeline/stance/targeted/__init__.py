"""Targeted evaluation: how a claim treats its target, read off the claim's dependency parse.

A claim is about its target where it names it (the target's name, an alias, or
the head noun of either: "the charge" for "the congestion charge") or, naming
it nowhere, through a subject pronoun ("It is a good idea"). For each mention
the parse tells how the claim treats it: what it is called ("X is a good idea",
"a disastrous X", "the failure of X"), what it is said to do ("X will protect
jobs", "X does not kill high streets"), what should happen to it ("X should go
ahead", "X must be stopped"), and who acts for or against it ("we oppose X",
"called for scrapping X"). Negations and reversing heads ("refused to back X",
"I don't think X works") turn a value around on the way up the tree. None of
this depends on which target it is, so it carries over to targets no model was
trained on. The words live in ``resources/stance_lexicon.toml``; the valence of
other words comes from VADER's lexicon.

Modules, each reading the parse through the ones before it: lexicon (the word
lists; what a word or short phrase says), predicates (what a clause says of its
subject or object: acts, idioms, verdicts, records and amounts), clauses
(whether a clause asserts: asked, supposed, polled, rebutted, contrasted),
findings (the climb from one mention to the root), mentions (finding the
target), plain (claims that evaluate nothing). This module turns them into one
row of FEATURE_NAMES.
"""

from __future__ import annotations

import math

from pipeline.stance.targeted.clauses import contrast_weight
from pipeline.stance.targeted.findings import mention_findings
from pipeline.stance.targeted.lexicon import stance_lexicon
from pipeline.stance.targeted.mentions import TargetHeads, find_mentions, target_heads, target_words
from pipeline.stance.targeted.plain import in_a_description, is_plain, names_a_relation

__all__ = ["FEATURE_NAMES", "KINDS", "target_heads", "targeted_features"]

KINDS = ("called", "does", "should", "act")
FEATURE_NAMES = ("mentions", "pronoun", *[f"{kind}_{side}" for kind in KINDS for side in ("pos", "neg")],
                 "net", "evaluated", "names_proposal", "plain")


def targeted_features(doc, phrases: list[str], heads: TargetHeads, polarity: float = 1.0) -> list[float]:
    """One row of FEATURE_NAMES for a parsed claim, its target's phrases and ``target_heads``.

    Values are read toward what the target names; a mention of the target as a
    whole ("the ban", its full name, a later "it") is turned by the target's
    *polarity* beforehand, so that reading the row toward a reversed target puts
    it the right way round. ``names_proposal`` says the claim names a reversed
    target as a whole, so its words speak of the proposal, not of what it is against. ``plain`` says the
    claim names the target and evaluates nothing (``plain.is_plain``).
    """
    lex = stance_lexicon()
    mentions, by_pronoun, whole = find_mentions(doc, phrases, heads, lex)
    own = target_words(phrases)
    sums = {(kind, side): 0.0 for kind in KINDS for side in ("pos", "neg")}
    net = 0.0
    for mention in mentions:
        weight = contrast_weight(mention, lex)
        if mention.i in whole:
            weight *= polarity
        for kind, value in mention_findings(mention, lex, own):
            signed = weight * value
            sums[(kind, "pos" if signed > 0 else "neg")] += abs(signed)
            net += signed
    cells = [min(value, 2.0) for value in sums.values()]
    names_proposal = polarity < 0 and bool(whole)
    # What a proposal is against is argued with facts ("jet skis reach 60 mph" toward a ban on them): not plain.
    plain = bool(mentions) and (polarity > 0 or bool(whole)) and not any(cells) and \
        (is_plain(doc, mentions, phrases, lex) or
         all(names_a_relation(m, lex) or in_a_description(m) for m in mentions))
    return [float(bool(mentions) and not by_pronoun), float(by_pronoun), *cells, math.tanh(net),
            float(any(cells)), float(names_proposal), float(plain)]
