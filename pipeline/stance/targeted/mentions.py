"""Finding the target in a claim: its head words, the tokens that name it, and the words of its own name."""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.stance.targeted.lexicon import (OBJECTS, SUBJECTS, StanceLexicon, is_infinitive, prep_objects,
                                              stance_lexicon)

# Words of a target phrase as the parser splits them: "night-time" is three tokens, "council's" two.
_PHRASE_TOKEN = re.compile(r"\w+(?:\.\w+)*\.?|'\w*|[^\w\s]")


def phrase_words(phrase: str) -> list[str]:
    """A target phrase's words, lower case, as the parser splits them."""
    return _PHRASE_TOKEN.findall(phrase.lower().replace("’", "'"))


def target_words(phrases: list[str]) -> frozenset[str]:
    """The words of the target's own names, which name it rather than judge it ("the smart meter")."""
    return frozenset(w for phrase in phrases for w in phrase_words(phrase))


class TargetHeads(NamedTuple):
    """What names the target in a claim (``target_heads``)."""

    names: set[str]
    proposals: set[str]
    # The target states something ("Smoking should be banned", "X is a serious concern") rather than naming a
    # thing ("the smoking ban"): a pronoun standing for it is its subject, the thing, not the proposal.
    clause: bool = False


def target_heads(target_doc) -> TargetHeads:
    """Head words that name the target on their own, and those that name a proposal against it.

    "convention" for "the UN cybercrime convention", "Clinton" for "Hillary
    Clinton", "vaccination" for "Vaccination must be made compulsory". For a
    proposal against something ("a ban on smoking in parks") the thing opposed
    ("smoking") is a head, and the proposal's own noun ("ban") a proposal head:
    praising smoking opposes the target, praising the ban supports it, toward
    "Smoking should be banned" as toward "a ban on smoking".
    """
    names, proposals = _heads(target_doc)
    return TargetHeads(names, proposals, clause=states_something(target_doc))


def states_something(target_doc) -> bool:
    """Whether a parsed target states a proposition (its parse holds a verb: "Vaccination must be made
    compulsory") rather than naming someone or something ("Hillary Clinton", "the parking levy")."""
    return any(t.pos_ in ("VERB", "AUX") for t in target_doc)


def _heads(target_doc) -> tuple[set[str], set[str]]:
    lex = stance_lexicon()
    against = lex.oppose_nouns | lex.oppose_verbs
    for token in target_doc:
        if token.lemma_.lower() in against and token.pos_ in ("NOUN", "VERB"):
            opposed = [t for t in token.children if (t.dep_ in OBJECTS or t.dep_ == "nsubjpass")
                       and t.pos_ in ("NOUN", "PROPN")] + \
                      [t for t in prep_objects(token, ("on", "of", "to")) if t.pos_ in ("NOUN", "PROPN")]
            if opposed:
                return {opposed[0].lower_, opposed[0].lemma_.lower()}, {token.lower_, token.lemma_.lower()}
    chunks = list(target_doc.noun_chunks)
    if not chunks:
        return set(), set()
    subjects = [c for c in chunks if c.root.dep_ in SUBJECTS]
    root = (subjects or chunks)[0].root
    if root.pos_ not in ("NOUN", "PROPN"):
        return set(), set()
    if root.lemma_.lower() in lex.oppose_nouns:  # "the night-time delivery ban": the ban is the target as a whole
        return set(), {root.lower_, root.lemma_.lower()}
    return {root.lower_, root.lemma_.lower()}, set()


def find_mentions(doc, phrases: list[str], target: TargetHeads, lex: StanceLexicon) -> tuple[list, bool, set[int]]:
    """Tokens that stand for the target (each the head of its phrase), whether they are pronouns, and which
    of them name the target as a whole (its full name, a proposal's own noun such as "the ban", or a later
    "it" after one of those), as against a word inside it ("smoking" of "a ban on smoking")."""
    heads, proposals = target.names, target.proposals
    lower = [t.lower_ for t in doc]
    found, whole, spans = set(), set(), []
    for phrase in phrases:
        words = phrase_words(phrase)
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        n = len(words)
        for i in range(len(lower) - n + 1):
            if n and lower[i:i + n] == words:
                span = doc[i:i + n]
                found.add(span.root.i)
                if not (target.clause and _names_the_thing(span, proposals, lex)):
                    whole.add(span.root.i)
                spans.append(span)
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN") and (token.lower_ in heads or token.lemma_.lower() in heads
                                                or token.lower_ in proposals or token.lemma_.lower() in proposals):
            found.add(token.i)
            if token.lower_ in proposals or token.lemma_.lower() in proposals:
                whole.add(token.i)
    # A word inside a name already found ("smoking" in "the ban on smoking") is that name, not a mention of its own.
    found = {i for i in found if not any(span.start <= i < span.end and i != span.root.i for span in spans)
             and not any(j != i and doc[j].is_ancestor(doc[i]) for j in whole)}
    words = {w.rstrip(".") for w in target_words(phrases)}
    found = {i for i in found if not _names_someone_else(doc[i], words, lex)}
    if found:
        first = min(found)
        # A later "it" is the target again: "X is costly, but it will pay for itself", "in the end they backed it".
        later = {t.i for t in doc[first + 1:] if t.lower_ == "it" and (t.dep_ in SUBJECTS or t.dep_ in OBJECTS)
                 and not any(doc[j].is_ancestor(t) for j in found) and not _stands_in(t)}
        heads_found = [_phrase_head(doc[i], lex) for i in sorted(found | later)]
        # "it" is what it follows: "the ban … it will save lives" is the ban, "smoking kills; it must stop" smoking.
        whole_heads = {_phrase_head(doc[i], lex).i for i in (whole & found) | (later if first in whole else set())}
        return heads_found, False, whole_heads
    # "him a phony": a claim cut from "called him a phony" has the object pronoun as its subject
    pronouns = [t for t in doc if (t.lower_ in lex.pronouns and t.dep_ in SUBJECTS)
                or (t.lower_ in ("him", "her") and (t.dep_ in SUBJECTS or t.dep_ == "ROOT"))]
    # A later subject "it" (or "he", "they") is the first one again: "It is not perfect, but it is hard to fault".
    same = [t for t in pronouns if t.lower_ == pronouns[0].lower_ and t.dep_ in SUBJECTS] if pronouns else []
    chosen = pronouns[:1] + [t for t in same if t.i != pronouns[0].i]
    return chosen, bool(chosen), set() if target.clause else {t.i for t in chosen}


def _names_the_thing(span, proposals: set[str], lex: StanceLexicon) -> bool:
    """Whether a name of the target is the thing its statement is about rather than the statement: the alias
    "the merger" of "The rail merger was a mistake", "jet skis" or "water scooters" of "Jet skis should be
    banned" (praising the thing opposes such a target), where "the jet ski ban" names the proposal."""
    against = proposals | lex.oppose_nouns | lex.oppose_verbs
    return not any(t.lower_ in against or t.lemma_.lower() in against for t in span)


def _stands_in(it) -> bool:
    """Whether an "it" stands in for a clause after it rather than for something named: "makes it easier for
    buses to get through" (the subject of a small clause whose adjective takes an infinitive)."""
    head = it.head
    return head.pos_ == "ADJ" and any(c.dep_ in ("xcomp", "advcl") and is_infinitive(c) for c in head.children)


def _phrase_head(token, lex: StanceLexicon):
    """A word inside a longer name ("convention talks", "Clinton campaign") stands for the whole phrase; a name
    before a noun that does not stand for its owner ("Trump supporters" does, "the Trump ticket" does not) stays
    the mention, read as that noun's owner."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        if token.pos_ == "PROPN" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() not in \
                lex.proxy_nouns | lex.supporter_nouns | lex.opponent_nouns:
            break
        token = token.head
    return token


def _names_someone_else(token, words: set[str], lex: StanceLexicon) -> bool:
    """Whether a name word found alone is another person's: "Bill Clinton" toward Hillary Clinton, "Melania
    Trump" toward Donald Trump (the name word just before it is neither the target's nor a title or party)."""
    return token.pos_ == "PROPN" and any(
        c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i == token.i - 1
        and c.lower_.rstrip(".") not in words and c.lower_.rstrip(".") not in lex.name_titles
        for c in token.children)
