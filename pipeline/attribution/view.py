"""An entity-level view of one article, as a reader keeps it while reading: the people (fullest
name, gender, titles), organisations and named documents it mentions, in text order. Speaker
resolution reads pronouns, nominals ("the agency", "the poll") and bare surnames against it."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from pipeline.attribution.cues import lexicon
from pipeline.entities import clean_surface
from pipeline.text import doc_text

SUBJECTS = ("nsubj", "nsubjpass")
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
NAMING_DEPS = ("compound", "nmod", "poss", "amod")
DOCUMENT_NAME_LABELS = ("ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART")

_IN, _BEGIN = 1, 3  # Token.ent_iob: inside an entity, its first token


@dataclass(frozen=True)
class Nominals:
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    continuing_cues: frozenset[str]
    organisation_words: dict[str, tuple[str, ...]]
    quantifiers: frozenset[str]

    def pronoun_gender(self, word: str) -> str | None:
        word = word.lower()
        return "male" if word in self.male_pronouns else "female" if word in self.female_pronouns else None


@lru_cache(maxsize=1)
def nominals() -> Nominals:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("nominals.toml").read_text("utf-8"))
    genders, pronouns = data["genders"], data["pronouns"]
    return Nominals(
        **{k: frozenset(genders[k]) for k in ("male_honorifics", "female_honorifics", "male_nouns", "female_nouns")},
        male_pronouns=frozenset(pronouns["male"]), female_pronouns=frozenset(pronouns["female"]),
        continuing_cues=frozenset(pronouns["continuing_cues"]),
        organisation_words={k: tuple(v) for k, v in data["organisation_words"].items()},
        quantifiers=frozenset(data["unnamed"]["quantifiers"]),
    )


@dataclass(frozen=True)
class Mention:
    """One mention of a person, organisation or named document, under the fullest name the article gives."""

    start: int
    name: str
    kind: str  # person, organisation, document (named) or authored (an unnamed document, named by its author)
    subject: bool = False
    head: str = ""  # a document's head noun ("poll"), lower case
    end: int = -1


@dataclass
class ArticleView:
    mentions: list[Mention]
    genders: dict[str, str] = field(default_factory=dict)  # person name → male / female
    titles: dict[str, set[str]] = field(default_factory=dict)  # person name → title and role nouns
    full_names: dict[tuple[str, int], str] = field(default_factory=dict)  # (surface, start) → fullest name
    lede_end: int = 0  # end of the headline and first paragraph of text

    def fullest(self, surface: str, start: int) -> str | None:
        """The fullest name of a person written *surface* at *start* ("Lynch" → "Loretta E. Lynch")."""
        key = clean_surface(surface)
        if (key, start) in self.full_names:
            return self.full_names[(key, start)]
        return _fullest_of(key, start, [m for m in self.mentions if m.kind == "person"], self.lede_end)

    def fullest_organisation(self, surface: str, start: int) -> str | None:
        """A longer organisation name introduced earlier that ends in *surface* ("Times" → "New York Times")."""
        words = _words(clean_surface(surface))
        for m in self.before(start, "organisation"):
            if len(_words(m.name)) > len(words) and _words(m.name)[-len(words):] == words and m.end <= start:
                return m.name
        return None

    def at(self, offset: int, kind: str) -> Mention | None:
        return next((m for m in self.mentions if m.kind == kind and m.start == offset), None)

    def before(self, offset: int, kind: str) -> list[Mention]:
        """Mentions of *kind* before *offset*, most recent first."""
        return [m for m in reversed(self.mentions) if m.kind == kind and m.start < offset]

    def compatible(self, name: str, gender: str | None) -> bool:
        return gender is None or self.genders.get(name) in (None, gender)


def _words(name: str) -> list[str]:
    return name.split()


def _fullest_of(surface: str, start: int, persons: list[Mention], lede_end: int = 0) -> str | None:
    """A longer person name ending in *surface*: the latest introduced before *start*, else, for a
    mention in the headline or lede (before *lede_end*), the only one the article gives later."""
    words = _words(surface)
    if not words:
        return None
    longer = [m for m in persons if len(_words(m.name)) > len(words) and _words(m.name)[-len(words):] == words
              and not m.start <= start < m.end]  # not a misparse that glued words onto this very name
    earlier = [m for m in longer if m.start < start]
    if earlier:
        return max(earlier, key=lambda m: (m.start, len(m.name))).name
    names = {m.name for m in longer}
    return names.pop() if len(names) == 1 and start < lede_end else None


def _honorific_gender(ent: Span, nom: Nominals) -> str | None:
    if ent.start == 0:
        return None
    word = ent.doc[ent.start - 1].lower_
    return "male" if word in nom.male_honorifics else "female" if word in nom.female_honorifics else None


def _role_words(ent: Span) -> set[str]:
    """Title and role nouns attached to a name: "President Obama", "Justice Frank Nervo",
    "Len Burman, head of …", "the head of cybersecurity, Alexander Seger"."""
    root = ent.root
    words = {t.lemma_.lower() for t in root.children if t.dep_ in ("compound", "amod") and t.i < ent.start}
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and k >= ent.start - 4 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and not doc[k].ent_type_:
        words.add(doc[k].lemma_.lower())
        k -= 1
    words |= {c.lemma_.lower() for c in root.children if c.dep_ == "appos"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words.add(root.head.lemma_.lower())
    return words


def _pronoun_gender_after(ent: Span, nom: Nominals, quoted: set[int]) -> str | None:
    """The gender of the first he/she pronoun outside quotes after a subject mention in its sentence
    ("Tom Berg spoke later and he was angry"), unless another person is named first."""
    doc = ent.doc
    for token in doc[ent.end:ent.sent.end]:
        if token.ent_type_ == "PERSON":
            return None
        if token.i not in quoted and token.pos_ == "PRON":
            gender = nom.pronoun_gender(token.lower_)
            if gender:
                return gender
    return None


def _quoted_tokens(doc: Doc, quotes) -> set[int]:
    inside = set()
    for q in quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _document_name(token: Token) -> tuple[str, str] | None:
    """(name, kind) of a document a reader can name: "a Bloomberg poll" → (Bloomberg poll, document);
    "an analysis by Lily Batchelder" → (Lily Batchelder, authored document)."""
    authored = _document_author(token)
    if authored:
        return authored, "authored"
    doc = token.doc
    modifiers = [c for c in token.children if c.dep_ in NAMING_DEPS and c.i < token.i
                 and (c.ent_type_ in DOCUMENT_NAME_LABELS or c.pos_ == "PROPN")]
    if not modifiers:
        return None
    lo = min(t.i for m in modifiers for t in m.subtree)
    ent = entity_of(doc[lo])
    if ent is not None:
        lo = min(lo, ent.start)
    while lo < token.i and (doc[lo].dep_ in ("det", "nummod") or doc[lo].pos_ in ("DET", "NUM")):
        lo += 1
    return clean_surface(doc[lo:token.i + 1].text), "document"


def _document_author(token: Token) -> str | None:
    """Who wrote an unnamed document: "an analysis by Lily Batchelder", "a report released by the
    Department of X"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "by" or (child.dep_ == "acl" and child.tag_ == "VBN"):
            agents = [child] if child.lower_ == "by" else [c for c in child.children if c.dep_ in ("agent", "prep")
                                                           and c.lower_ == "by"]
            for agent in agents:
                for obj in (c for c in agent.children if c.dep_ == "pobj"):
                    ent = entity_of(obj)
                    if ent is not None and ent.label_ in DOCUMENT_NAME_LABELS:
                        return clean_surface(ent.text)
    return None


def entity_of(token: Token) -> Span | None:
    """The named entity *token* is part of, if any: ``doc.ents``' span, read from the entity tags around the
    token instead of building every entity of the doc (that cost a third of attribution, once per call)."""
    doc = token.doc
    if token.ent_iob not in (_IN, _BEGIN):
        return None
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob == _IN:
        start -= 1
    while end < len(doc) and doc[end].ent_iob == _IN:
        end += 1
    first = doc[start]
    if not first.ent_type:
        return None
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def article_view(doc: Doc, quotes=()) -> ArticleView:
    """The article's people, organisations and named documents, with the fullest names, genders and
    titles the whole text gives them."""
    lex, nom = lexicon(), nominals()
    quoted = _quoted_tokens(doc, quotes)
    raw: list[tuple[Span, str]] = []
    mentions: list[Mention] = []
    for ent in doc.ents:
        name = clean_surface(ent.text)
        glued = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
        if ent.label_ == "PERSON" and any(c.isalpha() for c in name) and not glued:
            raw.append((ent, name))  # "the Washington Post Trump" is a misparse, not a person's name
        elif ent.label_ in ("ORG", "FAC") and ent.start not in quoted:
            mentions.append(Mention(ent.start_char, name, "organisation", ent.root.dep_ in SUBJECTS, end=ent.end_char))
    people = [Mention(ent.start_char, name, "person", ent.root.dep_ in SUBJECTS and ent.start not in quoted,
                      end=ent.end_char) for ent, name in raw]
    lede_end = _lede_end(doc_text(doc))
    full_names, votes, titles = {}, defaultdict(Counter), defaultdict(set)
    for (ent, name), mention in zip(raw, people):
        fullest = _fullest_of(name, ent.start_char, people, lede_end) or name
        full_names[(name, ent.start_char)] = fullest
        mentions.append(Mention(ent.start_char, fullest, "person", mention.subject, end=ent.end_char))
        gender = _honorific_gender(ent, nom)
        roles = _role_words(ent)
        titles[fullest] |= roles
        gender = gender or ("male" if roles & nom.male_nouns else "female" if roles & nom.female_nouns else None)
        if gender is None and ent.root.dep_ in SUBJECTS and ent.start not in quoted:
            gender = _pronoun_gender_after(ent, nom, quoted)
        if gender:
            votes[fullest][gender] += 1
    for token in doc:
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.document_heads and token.i not in quoted:
            named = _document_name(token)
            if named:
                mentions.append(Mention(token.idx, named[0], named[1], token.dep_ in SUBJECTS, token.lemma_.lower()))
    mentions.sort(key=lambda m: m.start)
    genders = {name: counts.most_common(1)[0][0] for name, counts in votes.items()
               if len(counts) == 1 or counts.most_common(2)[0][1] > counts.most_common(2)[1][1]}
    return ArticleView(mentions, genders, dict(titles), full_names, lede_end)


def _lede_end(text: str) -> int:
    """End of the headline and the first paragraph of body text."""
    ends = [m.end() for m in _PARAGRAPH.finditer(text)]
    return ends[1] if len(ends) > 1 else len(text)
