"""Speaker mentions: the noun phrase at a cue, its affiliation and type, and resolution
of pronouns, surnames and nominals ("the official") to an earlier, fuller speaker."""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from pipeline.attribution.cues import lexicon
from pipeline.attribution.view import ArticleView, Mention, entity_of, nominals
from pipeline.entities import alias_table, clean_surface
from pipeline.text import doc_text, fold_name

TRIMMED_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc"}
LEADING_DROP = {"det", "predet", "case"}
PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC"}


@dataclass(frozen=True)
class Speaker:
    name: str
    mention: str
    start_char: int
    end_char: int
    type: str
    resolution: str
    anonymous: bool
    affiliation: str | None


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    text = resources.files("pipeline.resources").joinpath("demonyms.csv").read_text("utf-8")
    return {r["demonym"].casefold(): r["country"] for r in csv.DictReader(text.splitlines())}


def canonical_place(text: str) -> str:
    """Country or organisation name for a mention or adjective: "U.S." → United States, "Russian" → Russia."""
    key = fold_name(text)
    if key in alias_table():
        return alias_table()[key][0]
    return demonyms().get(key, clean_surface(text))


def noun_phrase(head: Token) -> Span:
    """The speaker phrase around *head*: its modifiers and prepositional tails, without
    leading determiners, relative clauses, appositives or trailing punctuation."""
    ent = entity_of(head)
    if ent is not None and ent.label_ in PERSON_LABELS:
        return ent
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in TRIMMED_DEPS and not (c.dep_ == "amod" and c.i > head.i)]
    while stack:
        t = stack.pop()
        tokens.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "punct", "advcl", "appos"})
    tokens = [t for t in tokens if not (t.dep_ == "poss" and t.head == head and entity_of(t) and entity_of(t).label_ in ORG_LABELS | PLACE_LABELS and head.ent_type_ == "PERSON")]
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens) + 1
    doc = head.doc
    while lo < head.i and (doc[lo].dep_ in LEADING_DROP or doc[lo].lower_ in {"another", "one", "some"}
                           or doc[lo].tag_ in ("VBG", "VBD", "VBN")):
        lo += 1
    while hi - 1 > head.i and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    # Keep a named entity whole ("Human Rights Watch" when the head is "Watch").
    for t in (doc[lo], doc[hi - 1]):
        e = entity_of(t)
        if e is not None:
            lo, hi = min(lo, e.start), max(hi, e.end)
    return doc[lo:hi]


def _named_appos(head: Token) -> Token | None:
    """A PERSON appositive of a title noun: "the head of cybersecurity, Alexander Seger"."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return None


def affiliation_of(head: Token, phrase: Span) -> str | None:
    """Organisation or country the speaker speaks for, from possessives, titles and appositives."""
    lex = lexicon()
    candidates: list[Token] = []
    for child in head.children:
        if child.dep_ == "poss":
            candidates.append(child)
        if child.dep_ == "appos":
            candidates += [t for t in child.subtree if t.i != child.i]
        if child.dep_ in ("compound", "amod", "nmod") and child.i < head.i:
            candidates += list(child.subtree)
    candidates += [t for t in phrase if t.i != head.i and t.dep_ in ("pobj", "compound", "amod", "poss", "nmod")]
    for token in candidates:
        ent = entity_of(token)
        if ent is not None and ent.label_ in ORG_LABELS | PLACE_LABELS and (head.ent_type_ != ent.label_ or ent.root != head):
            if ent.start <= head.i < ent.end:
                continue
            return canonical_place(ent.text)
        if ent is not None and ent.label_ == "NORP" and token.lower_ in demonyms():
            return demonyms()[token.lower_]
        if token.lower_ in demonyms() and token.i < head.i and head.lower_ in lex.title_heads | lex.anonymous_heads:
            return demonyms()[token.lower_]
    return None


def speaker_type(head: Token, phrase: Span) -> tuple[str, bool]:
    """(type, anonymous) of a speaker phrase."""
    lex = lexicon()
    ent = entity_of(head)
    lemma = head.lemma_.lower()
    if ent is not None:
        if ent.label_ == "PERSON":
            return "person", False
        if ent.label_ in ("GPE",):
            return "country", False
        if ent.label_ in ("ORG", "FAC"):
            return "organisation", False
        if ent.label_ == "NORP":
            return "group", False
    if lemma in lex.document_heads:
        return "document", False
    if lemma in lex.organisation_heads:
        return "organisation", False
    first = phrase[0].doc[phrase.start - 1] if phrase.start > 0 else None
    indefinite = any(t.lower_ in ("a", "an", "another", "one") for t in head.children if t.dep_ in ("det", "nummod")) or (
        first is not None and first.lower_ in ("a", "an", "another", "one"))
    if lemma in lex.anonymous_heads and head.tag_ in ("NN", "NNP") and indefinite:
        return "anonymous", True
    if head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in head.children):
        return "group", False
    if lemma in lex.title_heads or lemma in lex.anonymous_heads:
        return "person", False
    return "group", False


@dataclass
class History:
    """Speakers seen so far in one article, most recent last, for resolving later mentions."""

    speakers: list[Speaker]
    persons: list[tuple[int, str]]  # (start_char, full name) of PERSON entities
    view: ArticleView | None = None

    def last(self, before: int, types: tuple[str, ...], gender: str | None = None) -> Speaker | None:
        """The latest speaker of *types* before *before*, of a gender that does not contradict *gender*."""
        for s in reversed(self.speakers):
            if s.type in types and s.start_char < before and (self.view is None or self.view.compatible(s.name, gender)):
                return s
        return None

    def last_person_entity(self, before: int) -> str | None:
        names = [n for start, n in self.persons if start < before and " " in n]
        return names[-1] if names else None

    def full_name(self, surname: str) -> tuple[str, str | None] | None:
        for s in reversed(self.speakers):
            if s.type == "person" and s.name.split()[-1:] == [surname] and " " in s.name:
                return s.name, s.affiliation
        for _, name in reversed(self.persons):
            if name.split()[-1] == surname and " " in name:
                return name, None
        return None

    def affiliation_for(self, name: str) -> str | None:
        for s in reversed(self.speakers):
            if s.name == name and s.affiliation:
                return s.affiliation
        return None


def _recent_subject(view: ArticleView | None, before: int, gender: str | None, prior: Speaker | None,
                    cue_lemma: str, kind: str = "person") -> Mention | None:
    """A person named as a subject after the last speaker and before a pronoun takes the pronoun
    ("X said …. Jane Doe, a professor, described it …. “…,” she said" is Jane Doe), unless the cue
    carries on the last speaker's turn ("she added") or the gender does not fit."""
    if view is None or (prior is not None and cue_lemma in nominals().continuing_cues):
        return None
    after = prior.start_char if prior is not None else -1
    for m in view.before(before, kind):
        if m.start <= after:
            return None
        if m.subject and view.compatible(m.name, gender) and (prior is None or m.name != prior.name):
            return m
    return None


def _named_before(view: ArticleView | None, kind: str, before: int, fits) -> Mention | None:
    if view is None:
        return None
    return next((m for m in view.before(before, kind) if fits(m)), None)


def _nominal_referent(view: ArticleView | None, lemma: str, before: int, types: tuple[str, ...]) -> Mention | None:
    """What "the president", "the agency" or "the paper" names: the latest person with that title,
    or organisation whose name holds a word for it ("Congressional Budget Office" for "the agency")."""
    if view is None:
        return None
    if types[0] == "person":
        return _named_before(view, "person", before, lambda m: lemma in view.titles.get(m.name, ()))
    words = nominals().organisation_words.get(lemma)
    if not words:
        return None
    return _named_before(view, "organisation", before, lambda m: any(w in m.name.split() for w in words))


def _another_kind(lemma: str, name: str) -> bool:
    """ "The Teamsters union said …; the company has not replied": a name that says it is another kind of
    organisation than the nominal ("union" for "the company", "Acme Corp" for "the union") is not its referent.
    Only nominals with words of their own (``organisation_words``) are checked: "the group" fits any body."""
    kinds = nominals().organisation_words
    if lemma not in kinds:
        return False
    words = [w.strip(".,’'") for w in name.split()]
    if not words or any(w in kinds[lemma] for w in words) or words[-1].lower() == lemma:
        return False
    others = {w for kind, ws in kinds.items() if kind != lemma for w in ws} - set(kinds[lemma])
    return words[-1].lower() in lexicon().organisation_heads or any(w in others for w in words)


def resolve_speaker(head: Token, cue_start: int, history: History,
                    span: tuple[int, int] | None = None, cue_lemma: str = "") -> Speaker:
    """The speaker whose phrase is headed by *head* (or spans *span*), resolved against the article so far."""
    lex = lexicon()
    doc: Doc = head.doc
    named = _named_appos(head)
    phrase = noun_phrase(named if named is not None else head)
    if span is not None:
        phrase = doc.char_span(*span, alignment_mode="expand") or phrase
        while len(phrase) > 1 and phrase[0].dep_ in LEADING_DROP:
            phrase = phrase[1:]
    title_phrase = noun_phrase(head) if named is not None else phrase
    affiliation = affiliation_of(head, title_phrase) or (affiliation_of(named, phrase) if named is not None else None)
    stype, anonymous = speaker_type(named if named is not None else head, phrase)
    if anonymous:
        while len(phrase) > 1 and phrase[0].lower_ in lex.rank_adjectives:
            phrase = phrase[1:]
    mention = doc_text(doc)[phrase.start_char:phrase.end_char]
    name = mention
    resolution = "explicit"
    lower = head.lower_
    if head.pos_ == "PRON":
        mention = head.text
        phrase = doc[head.i:head.i + 1]
        if lower in lex.person_pronouns:
            gender = nominals().pronoun_gender(lower)
            prior = history.last(cue_start, ("person", "anonymous"), gender)
            subject = _recent_subject(history.view, head.idx, gender, prior, cue_lemma)
            fallback = history.last_person_entity(cue_start)
            if subject is not None:
                name, stype, anonymous = subject.name, "person", False
                affiliation = history.affiliation_for(name)
            elif prior is not None:
                name, affiliation, stype, anonymous = prior.name, prior.affiliation, prior.type, prior.anonymous
            elif fallback:
                name, stype = fallback, "person"
            resolution = "pronoun"
            if history.view is not None and gender and name != mention:
                history.view.genders.setdefault(name, gender)  # "she" resolved to a person says her gender
        elif lower in lex.group_pronouns:
            prior = history.last(cue_start, ("group", "organisation", "country"))
            subject = _recent_subject(history.view, head.idx, None, prior, cue_lemma, "organisation")
            if subject is not None:
                name, stype, resolution = subject.name, "organisation", "pronoun"
            elif prior is not None:
                name, affiliation, stype = prior.name, prior.affiliation, prior.type
            else:
                stype = "group"
            resolution = "pronoun"
        elif lower in lex.thing_pronouns:
            # "it" names the last thing that spoke: a document, or an organisation that was the last speaker
            # of all ("Twitter said … It added" is Twitter; not after a person spoke in between)
            prior = history.last(cue_start, ("document", "organisation", "group", "country"))
            latest = history.last(cue_start, ("person", "anonymous", "group", "document", "organisation", "country"))
            if prior is not None and (prior.type == "document" or (prior.type == "organisation" and latest is prior)):
                name, affiliation, stype = prior.name, prior.affiliation, prior.type
                resolution = "pronoun"
    elif len(phrase) == 1 and phrase.start > 0 and doc[phrase.start - 1].lower_ in ("the", "this", "that") and \
            head.tag_ == "NN" and head.lemma_.lower() in lex.document_heads and \
            (named_doc := _named_before(history.view, "document", cue_start, lambda m: m.head == head.lemma_.lower())):
        name, stype, resolution = named_doc.name, "document", "nominal"
    elif len(phrase) == 1 and phrase.start > 0 and doc[phrase.start - 1].lower_ in ("the", "this", "that") and \
            head.tag_ == "NN" and head.lemma_.lower() in lex.title_heads | lex.anonymous_heads | lex.organisation_heads:
        lemma = head.lemma_.lower()
        types = ("organisation",) if lemma in lex.organisation_heads else ("person", "anonymous")
        found = _nominal_referent(history.view, lemma, cue_start, types)
        prior = next((s for s in reversed(history.speakers) if s.type in types and s.start_char < cue_start
                      and not _another_kind(lemma, s.name)), None)
        if found is not None:
            name, stype, anonymous, resolution = found.name, types[0], False, "nominal"
            affiliation = history.affiliation_for(name) if found.kind == "person" else canonical_place(name)
        elif prior is not None:
            name, affiliation, stype, anonymous = prior.name, prior.affiliation, prior.type, prior.anonymous
            resolution = "nominal"
        else:
            resolution = "unresolved"  # "the company" with no company before it
    elif head.lemma_.lower() in lex.document_heads and history.view is not None and \
            (document := history.view.at(head.idx, "document") or history.view.at(head.idx, "authored")) is not None:
        name = document.name
    elif head.ent_type_ in ("ORG", "FAC") and history.view is not None and \
            (longer := history.view.fullest_organisation(mention, phrase.start_char)):
        name, resolution = longer, "surname"
    elif (person := named if named is not None else head).text[:1].isupper() and person.pos_ in ("PROPN", "NOUN") \
            and person.ent_type_ in ("PERSON", "") and \
            history.view is not None and (fullest := history.view.fullest(mention, phrase.start_char)) and \
            fullest != mention:
        name, stype, resolution = fullest, "person", "surname"
        affiliation = history.affiliation_for(name) or affiliation
    elif " " not in mention and head.pos_ == "PROPN" and history.full_name(mention):
        name, known = history.full_name(mention)
        affiliation = known or history.affiliation_for(name) or (affiliation if head.ent_type_ == "PERSON" else None)
        stype, resolution = "person", "surname"
    elif stype == "person" and head.ent_type_ == "PERSON":
        found = history.full_name(name.split()[-1]) if " " not in name else None
        if found:
            name = found[0]
        affiliation = affiliation or history.affiliation_for(name)
    if stype in ("organisation", "country") and affiliation is None and head.ent_type_ in ("ORG", "GPE"):
        affiliation = canonical_place(name)
    if name == mention and (resolution == "pronoun" or head.pos_ in ("PRON", "NUM")
                            or (len(phrase) == 1 and head.lower_ in nominals().quantifiers)):
        resolution = "unresolved"
    speaker = Speaker(name=name, mention=mention, start_char=phrase.start_char, end_char=phrase.end_char,
                      type=stype, resolution=resolution, anonymous=anonymous, affiliation=affiliation)
    if name and resolution == "explicit" and stype == "person" and " " in name:
        history.persons.append((phrase.start_char, name))
    return speaker


def continuation(previous: Speaker) -> Speaker:
    """The speaker of a quote paragraph that continues the previous speaker's quote."""
    return replace(previous, mention="", start_char=-1, end_char=-1)
