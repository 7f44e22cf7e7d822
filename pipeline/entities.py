"""Entities: named-entity mentions folded to one canonical entity per real-world thing.

Folding rules, in order, within an article: the alias table
(``resources/aliases.csv``, for world entities a model cannot infer), acronyms
the article defines or whose initials spell a longer entity of the article,
surnames to the full name given in the article, and case/"the"/possessive
variants. One ``entity_id`` per canonical name across every article.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources

import numpy
import pandas as pd
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.io import schema
from pipeline.tables import most_frequent
from pipeline.text import doc_text, fold_name

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")
LAW_HEADS = ("convention", "treaty", "act", "protocol", "agreement", "charter", "declaration", "accords")
ORG_HEADS = ("watch", "foundation", "council", "committee", "commission", "commissioner", "organization",
             "organisation", "association", "institute", "union", "party", "agency", "ministry", "department",
             "office", "bank", "fund", "court", "coalition", "alliance", "network", "federation", "center",
             "centre", "international", "accord", "forum", "society", "chamber", "board", "authority", "campaign",
             "project", "initiative", "group", "corporation", "university", "college", "league", "caucus")
LAW_LINKS = ("on", "against", "for", "of")
_DETERMINERS = ("the", "a", "an", "this", "that")
_ACRONYM_DEF = re.compile(r"\b((?:[A-Z][\w&'’.\-]*\s+)(?:(?:of|for|and|the|on|in|de|[A-Z][\w&'’.\-]*)\s+){0,8}"
                          r"[A-Z][\w&'’.\-]*)\s+\(([A-Z][A-Za-z&.]{1,9})\)")


@lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[str, str]]:
    """folded alias → (canonical, label), from resources/aliases.csv."""
    text = resources.files("pipeline.resources").joinpath("aliases.csv").read_text("utf-8")
    return {fold_name(r["alias"]): (r["canonical"], r["label"]) for r in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    text = resources.files("pipeline.resources").joinpath("person_titles.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _name_patterns(label: str, heads: tuple[str, ...]) -> list[dict]:
    """Capitalised names ending in a head word ("Budapest Convention", "Human Rights Watch"),
    optionally with a linked tail ("Convention on Cybercrime", "Commissioner for Human Rights")."""
    name = {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"NOT_IN": list(_DETERMINERS)}, "OP": "+"}
    head = {"LOWER": {"IN": list(heads)}, "IS_TITLE": True}
    link = {"LOWER": {"IN": list(LAW_LINKS)}}
    tail = {"IS_TITLE": True, "OP": "+"}
    patterns = [[name, head], [name, head, link, tail], [head, link, tail]]
    return [{"label": label, "pattern": p} for p in patterns]


def _alias_phrase_patterns() -> list[dict]:
    """Multi-word aliases from the table, matched in any case ("UN general assembly")."""
    return [{"label": label, "pattern": alias} for alias, (_, label) in alias_table().items() if " " in alias]


@Language.component("entity_span_fixes")
def entity_span_fixes(doc: Doc) -> Doc:
    """Keep honorifics and job titles ("Foreign Minister", "Dr.") out of PERSON spans, and join
    an acronym to the organisation right after it ("UN" + "High Commissioner for Human Rights")."""
    titles = person_titles()
    spans: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        if ent.label_ == "PERSON":
            while start < ent.end - 1 and doc[start].lower_.rstrip(".") in titles:
                start += 1
        prev = spans[-1] if spans else None
        if (prev is not None and ent.label_ == "ORG" and prev.end == ent.start and len(prev) == 1
                and prev.text.replace(".", "").isupper() and prev.label_ in ("ORG", "GPE")):
            spans[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        spans.append(Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent)
    doc.ents = filter_spans(spans)
    return doc


class EntityRules:
    """Treaty/law names, which win over the statistical NER's overlapping entities, then organisation names and
    multi-word aliases, which go only where no entity is: what an ``entity_ruler`` with ``overwrite_ents`` and one
    without did, in one pass.

    Every name pattern holds a head word, so the Matcher (its predicates are Python calls, about 2% of the parse
    on every token) runs only on stretches around a head word: back over capitalised tokens, on over title-case
    tokens and link words. Each stretch holds every match through its head word, so the matches are the
    rulers' own.
    """

    def __init__(self, nlp: Language):
        self.patterns = _name_patterns("LAW", LAW_HEADS) + _name_patterns("ORG", ORG_HEADS) + _alias_phrase_patterns()
        self.matcher = Matcher(nlp.vocab)
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in self.patterns:
            if isinstance(entry["pattern"], str):
                self.phrase_matcher.add(entry["label"], [nlp.make_doc(entry["pattern"])])
            else:
                self.matcher.add(entry["label"], [entry["pattern"]])
        self._heads = numpy.array(sorted({nlp.vocab.strings.add(w) for w in LAW_HEADS + ORG_HEADS}), dtype="uint64")
        self._law = nlp.vocab.strings.add("LAW")

    def __call__(self, doc: Doc) -> Doc:
        names = self._name_matches(doc)
        ents = _place(doc, list(doc.ents), [m for m in names if m[0] == self._law], overwrite=True)
        others = [m for m in names if m[0] != self._law] + list(self.phrase_matcher(doc))
        doc.ents = _place(doc, ents, others, overwrite=False)
        return doc

    def _name_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's matches of the name patterns, run on the stretches around title-case head words only."""
        stretches: list[list[int]] = []
        for head in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), self._heads)).tolist():
            if not doc[head].is_title:
                continue
            start, end = head, head + 1
            while start > 0 and doc[start - 1].text[:1].isupper():
                start -= 1
            while end < len(doc) and (doc[end].is_title or doc[end].lower_ in LAW_LINKS):
                end += 1
            if stretches and start <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], end)
            else:
                stretches.append([start, end])
        return [(m, start + s, start + e) for start, end in stretches for m, s, e in self.matcher(doc[start:end])]


def _place(doc: Doc, ents: list[Span], matches: list[tuple[int, int, int]], overwrite: bool) -> list[Span]:
    """*ents* with the matches added as ``entity_ruler`` adds them: longest first (then leftmost), none over a
    token already placed; with *overwrite* an entity a match overlaps is dropped, without it a match that
    overlaps an entity is."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)} if not overwrite else set()
    placed: list[Span] = []
    seen: set[int] = set()
    for label, start, end in sorted(dict.fromkeys(matches), key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if taken.intersection(range(start, end)) or start in seen or end - 1 in seen:
            continue
        placed.append(Span(doc, start, end, label=label))
        if overwrite:
            ents = [e for e in ents if not (e.start < end and e.end > start)]
        seen.update(range(start, end))
    return ents + placed


@Language.factory("entity_rules")
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp)


def add_entity_rules(nlp: Language) -> None:
    """After the statistical NER: treaty/law and organisation names (:class:`EntityRules`), then the PERSON
    title trimmer."""
    if "ner" not in nlp.pipe_names or "entity_rules" in nlp.pipe_names:
        return
    nlp.add_pipe("entity_rules", after="ner")
    nlp.add_pipe("entity_span_fixes", after="entity_rules")


def clean_surface(text: str) -> str:
    """The mention without a leading article, a possessive or stray punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"['’]s?$", "", text)
    return text.strip(" .,;:\"“”‘’'()-") or text


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’\-]*", name) if w[0].isupper())


def _acronym_key(text: str) -> str:
    return text.replace(".", "").upper()


_SAME_AS = re.compile(r"^\s*,?\s*\(?(?:also |better |commonly |formally |officially )?(?:known|referred to|called) as\s+(?:the\s+)?$")


def _same_as_pairs(ents: list[Span]) -> list[tuple[int, int]]:
    """Indexes of mention pairs that the text says name one thing ("X, also known as the Y")."""
    text = doc_text(ents[0].doc) if ents else ""
    return [(i, i + 1) for i in range(len(ents) - 1)
            if _SAME_AS.match(text[ents[i].end_char:ents[i + 1].start_char])]


def canonical_names(mentions: list[tuple[str, str]], text: str,
                    same_as: list[tuple[int, int]] = ()) -> list[str]:
    """Canonical name for each (surface, label) mention of one article, in order."""
    fold_name = _memo_fold()
    aliases = alias_table()
    cleaned = [clean_surface(s) for s, _ in mentions]
    defined = {_acronym_key(m.group(2)): clean_surface(m.group(1))
               for m in _ACRONYM_DEF.finditer(text) if _initials(m.group(1)).upper().endswith(_acronym_key(m.group(2)))}
    long_forms = {}
    for name in cleaned:
        if " " in name:
            long_forms.setdefault(_initials(name).upper(), name)
    persons = [(i, c) for i, (c, (_, label)) in enumerate(zip(cleaned, mentions)) if label == "PERSON" and " " in c]

    def full_name(i: int, name: str) -> str:
        """The full name this short form ends (surname, or "Norman Chalet"): the most mentioned one,
        then the nearest before."""
        found = [(j, p) for j, p in persons if p != name and p.endswith(" " + name)]
        if not found:
            return name
        counts = Counter(p for _, p in found)
        return max(found, key=lambda jp: (counts[jp[1]], jp[0] < i, -abs(i - jp[0])))[1]

    out = []
    for i, (name, (surface, label)) in enumerate(zip(cleaned, mentions)):
        key = fold_name(name)
        if key in aliases:
            out.append(aliases[key][0])
        elif fold_name(surface) in aliases:
            out.append(aliases[fold_name(surface)][0])
        elif name.replace(".", "").isupper() and _acronym_key(name) in defined:
            out.append(defined[_acronym_key(name)])
        elif name.replace(".", "").isupper() and len(_acronym_key(name)) >= 2 and _acronym_key(name) in long_forms:
            out.append(long_forms[_acronym_key(name)])
        elif label == "PERSON" or (label in ("ORG", "GPE", "NORP") and " " not in name):
            out.append(full_name(i, name))
        else:
            out.append(name)
    for i, j in same_as:
        keep = max((out[i], out[j]), key=lambda n: (sum(fold_name(o) == fold_name(n) for o in out), len(n)))
        out = [keep if fold_name(o) in (fold_name(out[i]), fold_name(out[j])) else o for o in out]
    by_fold: dict[str, Counter] = {}
    for name in out:
        by_fold.setdefault(fold_name(name), Counter())[name] += 1
    def preference(form: tuple[str, int]) -> tuple:
        name, count = form
        return count, not name.isupper() or len(name) <= 5, name[:1].isupper(), len(name)
    return [max(by_fold[fold_name(n)].items(), key=preference)[0] for n in out]


def _memo_fold() -> Callable[[str | None], str]:
    """:func:`fold_name` remembering the names of one call (every mention of an entity folds the same
    names again: three quarters of the calls on news), forgotten when the call returns."""
    return lru_cache(maxsize=None)(fold_name)


def entity_id(canonical: str) -> str:
    return hashlib.sha256(fold_name(canonical).encode("utf-8")).hexdigest()[:12]


def extract_entities(docs: Mapping[str, Doc]) -> pd.DataFrame:
    """One row per kept named-entity mention, with its canonical name and entity id."""
    fold_name = _memo_fold()
    ids = lru_cache(maxsize=None)(entity_id)  # most mentions repeat a name: hash each one once per call
    rows = []
    for aid, doc in docs.items():
        ents = [e for e in doc.ents if e.label_ in KEPT_LABELS and e.text.strip()]
        canon = canonical_names([(e.text, e.label_) for e in ents], doc_text(doc), _same_as_pairs(ents))
        for ent, name in zip(ents, canon):
            rows.append({"article_id": aid, "entity_id": ids(name), "text": ent.text, "label": ent.label_,
                         "canonical": name, "start_char": ent.start_char, "end_char": ent.end_char})
    frame = pd.DataFrame(rows, columns=schema.ENTITIES.names)
    if len(frame):
        labels = _most_frequent_label(frame)
        alias_labels = {fold_name(c): label for c, label in alias_table().values()}
        frame["label"] = [alias_labels.get(fold_name(c), labels[e]) for c, e in zip(frame["canonical"], frame["entity_id"])]
    return schema.validate(frame, schema.ENTITIES)


def _most_frequent_label(frame: pd.DataFrame) -> dict[str, str]:
    """Each entity id's most frequent label (pandas' ``value_counts`` order where two tie)."""
    positions: dict[str, list[int]] = {}
    for i, eid in enumerate(frame["entity_id"]):
        positions.setdefault(eid, []).append(i)
    labels = frame["label"].tolist()
    return {eid: most_frequent((labels[i] for i in rows),
                               lambda rows=rows: frame["label"].iloc[rows].value_counts().index[0])
            for eid, rows in positions.items()}


def entity_summary(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article and entity: mentions, first mention, title mention and a simple salience.

    salience = share of the article's entity mentions, plus 0.25 when named in
    the title and up to 0.25 for a mention early in the text, capped at 1.
    """
    fold_name = _memo_fold()
    titles = dict(zip(articles["article_id"], articles["title"].fillna("").map(fold_name)))
    lengths = dict(zip(articles["article_id"], articles["text"].str.len()))
    per_article = Counter(entities["article_id"])
    groups: dict[tuple[str, str], list[tuple]] = {}  # in order of first mention, as pandas' groupby(sort=False)
    for row in zip(entities["article_id"], entities["entity_id"], entities["text"], entities["canonical"],
                   entities["label"], entities["start_char"]):
        groups.setdefault(row[:2], []).append(row[2:])
    rows = []
    for (aid, eid), mentions in groups.items():
        texts, canonicals, labels, starts = zip(*mentions)
        forms = {fold_name(t) for t in texts} | {fold_name(canonicals[0])}
        in_title = any(f and _has_word(titles.get(aid, ""), f) for f in forms)
        first = int(min(starts))
        share = len(mentions) / per_article[aid]
        early = 0.25 * (1 - first / max(lengths.get(aid, 1), 1))
        rows.append({"article_id": aid, "entity_id": eid, "canonical": canonicals[0],
                     "label": labels[0], "n_mentions": len(mentions), "first_char": first,
                     "in_title": in_title, "salience": min(1.0, share + 0.25 * in_title + early)})
    return schema.validate(pd.DataFrame(rows, columns=schema.ENTITY_SUMMARY.names), schema.ENTITY_SUMMARY)


def _has_word(text: str, word: str) -> bool:
    r"""Whether ``re.search(rf"\b{re.escape(word)}\b", text)`` matches, without compiling a pattern for every
    entity's name (they overflow ``re``'s cache of 512: compiling was a third of the summary's CPU)."""
    at = text.find(word)
    while at >= 0:
        if _boundary(text, at) and _boundary(text, at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


def _boundary(text: str, at: int) -> bool:
    r"""``\b`` at *at*: a word character on one side only (``\w`` in a str pattern: alphanumeric or "_")."""
    def word(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")
    return word(at - 1) != word(at)


def link_claims(claims: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Add speaker_entity_id and affiliation_entity_id where they name an entity (article first, then batch)."""
    fold_name = _memo_fold()
    local: dict[tuple[str, str], str] = {}
    batch: dict[str, str] = {}
    for aid, eid, canonical, text in zip(entities["article_id"], entities["entity_id"],
                                          entities["canonical"], entities["text"]):
        for name in (canonical, clean_surface(text)):
            local.setdefault((aid, fold_name(name)), eid)
        batch.setdefault(fold_name(canonical), eid)
    aliases = alias_table()

    def find(aid: str, name) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return None
        key = fold_name(name)
        key = fold_name(aliases[key][0]) if key in aliases else key
        return local.get((aid, key)) or batch.get(key)

    return claims.assign(
        speaker_entity_id=[find(a, s) for a, s in zip(claims["article_id"], claims["speaker"])],
        affiliation_entity_id=[find(a, s) for a, s in zip(claims["article_id"], claims["affiliation"])],
    )
