"""Attribution: every attributed statement of an article with its cue and speaker.

Claims come from three sources, merged: reporting verbs with a reported clause
(dependency rules), "according to"-type phrases, and quotations attached to the
nearest speech verb in their sentence (or continuing the previous speaker's
quote in the paragraph before). Each claim is then typed direct / indirect /
mixed by how much of it stands in quote marks, and its speaker resolved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Doc

from pipeline.attribution.cues import lexicon
from pipeline.attribution.quotes import Quote, find_quotes, quoted_share
from pipeline.attribution.reported import Cue, according_cues, inverted_cues, quote_cue, trim, verb_cues
from pipeline.attribution.speakers import History, Speaker, continuation, resolve_speaker

CLAIM_COLUMNS = [
    "claim_id", "article_id", "content", "start_char", "end_char", "speaker", "speaker_mention",
    "speaker_start_char", "speaker_end_char", "speaker_type", "resolution", "anonymous", "affiliation",
    "cue", "claim_type",
]
DIRECT_SHARE = 0.85
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Claim:
    """One attributed statement (offsets into the article text)."""

    start: int
    end: int
    cue: str
    claim_type: str
    speaker: Speaker


def claim_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def _extend_over_quotes(start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """A content span that cuts a quote in two grows to hold the whole quote."""
    for q in quotes:
        lo, hi = q.outer
        if lo < end and hi > start:
            start, end = min(start, lo), max(end, hi)
    return start, end


def _typed(doc: Doc, start: int, end: int, quotes: list[Quote]) -> tuple[int, int, str]:
    """(start, end, type): direct content loses its outer marks."""
    share = quoted_share(start, end, quotes)
    if share >= DIRECT_SHARE:
        inner = [q for q in quotes if q.outer[0] < end and q.outer[1] > start]
        s, e = trim(doc, inner[0].start, inner[-1].end)
        return s, e, "direct"
    return start, end, "mixed" if share > 0 else "indirect"


def _split_nested(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """A content that holds another cue with its own speaker ends before that speaker
    ("X said A but Y said B" gives X A, not "A but Y said B")."""
    out = []
    for cue in cues:
        end = cue.end
        for other in cues:
            head = other.speaker_head
            if other is cue or head is None or not (cue.start <= other.token.idx < end):
                continue
            cut = head.left_edge.idx
            if cue.start < cut < end and len(doc.text[cue.start:cut].split()) >= 3:
                end = cut
        start, end = trim(doc, cue.start, end) if end != cue.end else (cue.start, end)
        out.append(replace(cue, start=start, end=end))
    return out


def _is_paragraph_quote(doc: Doc, quote: Quote) -> bool:
    """The quote is (nearly) its whole paragraph: a continuation of the speaker before."""
    text = doc.text
    para_start = text.rfind("\n", 0, quote.open_mark) + 1
    para_end = text.find("\n", quote.end)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = quote.outer
    return (hi - lo) / max(para_end - para_start, 1) > 0.8


def article_claims(doc: Doc) -> list[Claim]:
    """Claims of one parsed article, in text order, speakers resolved."""
    lex = lexicon()
    quotes = find_quotes(doc.text)
    found = verb_cues(doc, quotes, lex) + according_cues(doc, quotes, lex) + inverted_cues(doc, quotes, lex)
    cues: list[tuple[Cue, bool]] = [(c, False) for c in _split_nested(doc, found)]
    spans = [_extend_over_quotes(cue.start, cue.end, quotes) for cue, _ in cues]
    covered = lambda q: any(s <= q.start and q.end <= e for s, e in spans)
    for quote in quotes:
        if covered(quote) or len(doc.text[quote.start:quote.end].split()) < MIN_QUOTE_WORDS:
            continue
        found = quote_cue(doc, quote, quotes, lex)
        if found is not None:
            verb, head = found
            cues.append((Cue(verb, verb.lemma_.lower(), head, quote.start, quote.end), False))
        elif _is_paragraph_quote(doc, quote):
            cues.append((Cue(doc[0], "", None, quote.start, quote.end), True))
        else:
            continue
        spans.append(quote.outer)
    history = History(speakers=[], persons=[(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"])
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for cue, continued in sorted(cues, key=lambda c: min(c[0].start, c[0].token.idx if not c[1] else c[0].start)):
        start, end = _extend_over_quotes(cue.start, cue.end, quotes)
        start, end, kind = _typed(doc, start, end, quotes)
        if (start, end) in seen or end - start < 8:
            continue
        if continued:
            previous = [c for c in claims if c.claim_type in ("direct", "mixed") and c.end < start]
            if not previous or doc.text.count("\n\n", previous[-1].end, start) > 2:
                continue
            claims.append(Claim(start, end, previous[-1].cue, kind, continuation(previous[-1].speaker)))
            seen.add((start, end))
            continue
        if cue.speaker_head is None:
            continue
        speaker = resolve_speaker(cue.speaker_head, cue.token.idx, history, cue.speaker_span)
        if not speaker.name or speaker.name.lower() in lex.self_pronouns:
            continue
        history.speakers.append(speaker)
        claims.append(Claim(start, end, cue.lemma, kind, speaker))
        seen.add((start, end))
    return sorted(claims, key=lambda c: c.start)


def extract_claims(docs: Mapping[str, Doc]) -> pd.DataFrame:
    """One row per claim of every doc (keyed by article_id)."""
    rows = []
    for aid, doc in docs.items():
        for c in article_claims(doc):
            s = c.speaker
            rows.append({
                "claim_id": claim_id(aid, c.start, c.end), "article_id": aid, "content": doc.text[c.start:c.end],
                "start_char": c.start, "end_char": c.end, "speaker": s.name, "speaker_mention": s.mention,
                "speaker_start_char": s.start_char, "speaker_end_char": s.end_char, "speaker_type": s.type,
                "resolution": s.resolution, "anonymous": s.anonymous, "affiliation": s.affiliation,
                "cue": c.cue, "claim_type": c.claim_type,
            })
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
