"""Article views: each article's text with its claims, speakers, cues and entities marked by displaCy.

spaCy's span renderer (``displacy.render(style="span", manual=True)``) draws
overlapping spans as stacked lines under the words, which suits claims that
contain entities and speakers that are entities. We give it our own tokens:
an unmarked stretch of text is one token, and marked text is split into
words and the spaces between them (displaCy draws no line under a space) and at
every span edge, so each span covers exactly its characters.
Each paragraph is one displaCy document, so paragraphs stay apart; a span that
runs over a paragraph break is drawn in each paragraph it covers, with the
same label. The templates are displaCy's own with the repeated inline styles
moved into the page's CSS (classes ``t``, ``sl``, ``st``, ``lb``), which
makes a view several times smaller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from pipeline.report.charts import STANCE_COLOURS

SPEAKER_COLOUR = "#8da0cb"
CUE_COLOUR = "#ffd92f"
ENTITY_COLOUR = "#e5c494"
TEMPLATES = {
    "span": '<span class="t" style="height:{total_height}px">{text}{span_slices}{span_starts}</span>',
    "slice": '<span class="sl" style="background:{bg};top:{top_offset}px"></span>',
    "start": '<span class="st" style="background:{bg};top:{top_offset}px">'
             '<span class="lb" style="background:{bg}">{label}{kb_link}</span></span>',
}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORD = re.compile(r"\w+(?:[-']\w+)*")
VOWELS = set("aeiou")
CUE_WINDOW = 300


@dataclass(frozen=True)
class Mark:
    """One span to draw: character offsets in the article text, a label and its colour."""

    start: int
    end: int
    label: str
    colour: str


def number_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """*claims* in text order within each article, with ``number``: 1, 2, … per article (see :func:`claim_label`)."""
    ordered = claims.sort_values(["article_id", "start_char", "end_char"], kind="stable").reset_index(drop=True)
    return ordered.assign(number=ordered.groupby("article_id", sort=False).cumcount() + 1)


def claim_label(number: int) -> str:
    """The label of an article's n-th claim, which the page also uses to find it."""
    return f"claim {number}"


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, frozenset[str]]:
    text = resources.files("pipeline.resources").joinpath("report/irregular_verbs.txt").read_text("utf-8")
    rows = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row[0]: frozenset(row[1:]) for row in rows}


@lru_cache(maxsize=None)
def cue_forms(lemma: str) -> frozenset[str]:
    """The written forms of a one-word cue lemma: regular inflections plus the irregular ones in resources."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in VOWELS | {"w", "x", "y"} and lemma[-2] in VOWELS \
            and lemma[-3] not in VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return frozenset(forms | _irregular_forms().get(lemma, frozenset()))


def find_cue(text: str, start: int, end: int, cue: str, context: str = "") -> tuple[int, int] | None:
    """Where the claim's cue is written: the form of *cue* outside the claim nearest to it, within
    the claim's context sentence(s) when they can be found, else within a few hundred characters.

    The claims table keeps the cue's lemma, not its offsets, so the report looks the word up.
    """
    cue = (cue or "").strip().casefold()
    if not cue:
        return None
    at = text.find(context, max(0, start - len(context))) if context else -1
    low, high = (at, at + len(context)) if at >= 0 and context else (max(0, start - CUE_WINDOW), end + CUE_WINDOW)
    window = text[low:high]
    if " " in cue or not cue.isalpha():
        hits = [(m.start() + low, m.end() + low) for m in re.finditer(re.escape(cue), window, re.IGNORECASE)]
    else:
        forms = cue_forms(cue)
        hits = [(m.start() + low, m.end() + low) for m in WORD.finditer(window) if m.group().casefold() in forms]
    outside = [(s, e) for s, e in hits if e <= start or s >= end]
    return min(outside, key=lambda h: start - h[1] if h[1] <= start else h[0] - end, default=None)


def article_marks(text: str, claims: pd.DataFrame, entities: pd.DataFrame) -> list[Mark]:
    """The marks of one article: its claims (numbered by :func:`number_claims`), their speakers
    and cues under the same number, and every entity mention under its spaCy label."""
    marks: list[Mark] = []
    for claim in claims.itertuples():
        number = claim.number
        colour = STANCE_COLOURS.get(claim.stance, STANCE_COLOURS["neutral"])
        marks.append(Mark(int(claim.start_char), int(claim.end_char), claim_label(number), colour))
        if pd.notna(claim.speaker_start_char) and int(claim.speaker_start_char) >= 0:
            marks.append(Mark(int(claim.speaker_start_char), int(claim.speaker_end_char),
                              f"speaker {number}", SPEAKER_COLOUR))
        cue = find_cue(text, int(claim.start_char), int(claim.end_char), claim.cue, claim.context or "")
        if cue is not None:
            marks.append(Mark(*cue, f"cue {number}", CUE_COLOUR))
    marks += [Mark(int(e.start_char), int(e.end_char), str(e.label), ENTITY_COLOUR) for e in entities.itertuples()]
    return [m for m in marks if m.end > m.start]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    edges = [0, *(x for m in PARAGRAPH_BREAK.finditer(text) for x in (m.start(), m.end())), len(text)]
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def paragraph_doc(text: str, start: int, end: int, marks: list[Mark]) -> dict:
    """displaCy's manual span input for text[start:end]: our tokens and the marks inside it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    edges = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    tokens: list[str] = []
    first_token: dict[int, int] = {}
    for left, right in zip(edges, edges[1:]):
        first_token[left] = len(tokens)
        piece = text[left:right]
        if any(m.start <= left and m.end >= right for m in inside):
            tokens += [" " if w.isspace() else w for w in re.findall(r"\S+|\s+", piece)]
        elif piece.strip():
            tokens.append((" " if piece[0].isspace() else "") + " ".join(piece.split()))
        elif piece:
            tokens.append(" ")
    first_token[end] = len(tokens)
    spans = [{"start_token": first_token[max(m.start, start)], "end_token": first_token[min(m.end, end)],
              "label": m.label} for m in inside]
    return {"text": text[start:end], "tokens": tokens, "spans": [s for s in spans if s["end_token"] > s["start_token"]]}


def render_article(text: str, marks: list[Mark]) -> str:
    """The article as displaCy span markup, one block per paragraph."""
    from spacy import displacy

    docs = [paragraph_doc(text, start, end, marks) for start, end in _paragraphs(text)]
    colours = {m.label.upper(): m.colour for m in marks}
    markup = displacy.render(docs, style="span", manual=True, jupyter=False,
                             options={"colors": colours, "template": TEMPLATES})
    return re.sub(r"\s*\n\s*", "", markup)
