"""Attribution: every attributed statement of an article with its cue and speaker.

Claims come from four sources, merged: reporting verbs with a reported clause
(dependency rules), "according to"-type phrases, quotations attached to the
nearest speech verb in their sentence (or continuing the previous speaker's
quote in the paragraph before), and the turns of interview transcripts
("PENCE: …"). Each claim is then typed direct / indirect /
mixed by how much of it stands in quote marks, and its speaker resolved.
A claim is a list of fragments: the attribution inside a split quote or a
parenthetical cue ("“A,” she said. “B.”", "A, he said, B") is cut out, so no
content holds its own cue or speaker.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Doc

from pipeline.attribution.cues import lexicon
from pipeline.attribution.quotes import Quote, find_quotes, looks_like_a_title, quoted_share
from pipeline.attribution.reported import (
    SUBJECT_DEPS,
    Cue,
    according_cues,
    colon_cue,
    headline_cue,
    label_cues,
    headline_verb_cue,
    inverted_cues,
    light_verb_cues,
    noun_cues,
    quote_cue,
    trim,
    verb_cues,
)
from pipeline.attribution.speakers import History, Speaker, continuation, resolve_speaker
from pipeline.attribution.transcripts import label_name, transcript_turns
from pipeline.attribution.view import article_view
from pipeline.text import doc_text

CLAIM_COLUMNS = [
    "claim_id", "article_id", "content", "start_char", "end_char", "speaker", "speaker_mention",
    "speaker_start_char", "speaker_end_char", "speaker_type", "resolution", "anonymous", "affiliation",
    "cue", "cue_start_char", "cue_end_char", "claim_type", "spans",
]
FRAGMENT_JOINER = " … "
_ASIDE = re.compile(r"[\s,”’\"']*\([^()\n]*\)[\s,“‘\"']*")
ATTRIBUTION_BOUNDS = ",;—–("
DIRECT_SHARE = 0.85
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Claim:
    """One attributed statement (offsets into the article text)."""

    start: int
    end: int
    cue: str
    claim_type: str
    speaker: Speaker
    cue_start: int
    cue_kind: str = "clause"
    cue_end: int = -1
    fragments: tuple[tuple[int, int], ...] = ()

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """The content's fragments in text order; one (start, end) when it is not split."""
        return self.fragments or ((self.start, self.end),)


def claim_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def _extend_over_quotes(start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """A content span that cuts a quote in two grows to hold the whole quote."""
    for q in quotes:
        lo, hi = q.outer
        if lo < end and hi > start:
            start, end = min(start, lo), max(end, hi)
    return start, end


def _typed(doc: Doc, fragments: list[tuple[int, int]], quotes: list[Quote]) -> tuple[list[tuple[int, int]], str]:
    """(fragments, type): direct content keeps only what stands between its quote marks."""
    length = sum(e - s for s, e in fragments)
    share = sum(quoted_share(s, e, quotes) * (e - s) for s, e in fragments) / max(length, 1)
    if share >= DIRECT_SHARE:
        inner_parts = []
        for start, end in fragments:
            inner = [q for q in quotes if q.outer[0] < end and q.outer[1] > start]
            if inner:
                inner_parts.append(trim(doc, inner[0].start, inner[-1].end))
        return sorted(set(inner_parts)), "direct"
    return fragments, "mixed" if share > 0 else "indirect"


def _without_attribution(doc: Doc, start: int, end: int, attribution: list[tuple[int, int]],
                         quotes: list[Quote]) -> list[tuple[int, int]]:
    """The content [start, end) as fragments, less the attribution that stands inside it: the
    stretch from the quote (or comma, dash, parenthesis) before the speaker and cue to the quote
    (or the like) after them ("“A,” the senator told supporters. “B.”"; "A, he said on Friday, B")."""
    inside = [(s, e) for s, e in attribution if s >= 0 and start < e and s < end and e > s]
    if not inside:
        return [(start, end)]
    lo, hi = min(s for s, _ in inside), max(e for _, e in inside)
    text = doc_text(doc)
    before = [q.outer[1] for q in quotes if start <= q.outer[1] <= lo]
    after = [q.outer[0] for q in quotes if hi <= q.outer[0] < end]
    span = doc.char_span(lo, hi, alignment_mode="expand")
    sent_lo, sent_hi = (span[0].sent.start_char, span[-1].sent.end_char) if span else (lo, hi)
    left = max(before) if before else max([i for i in (text.rfind(c, max(start, sent_lo), lo)
                                                       for c in ATTRIBUTION_BOUNDS) if i >= 0], default=lo)
    right = min(after) if after else min([i for i in (text.find(c, hi, min(end, sent_hi))
                                                      for c in ATTRIBUTION_BOUNDS) if i >= 0], default=hi)
    parts = [trim(doc, s, e) for s, e in ((start, left), (right, end))]
    return [(s, e) for s, e in parts if any(c.isalnum() for c in text[s:e])]


def _split_nested(doc: Doc, cues: list[Cue], lex) -> list[Cue]:
    """A content that holds another cue with its own speaker ends before that speaker
    ("X said A but Y said B" gives X A, not "A but Y said B"). A cue inside its own content
    ("A, he said, B") keeps what follows it. A belief in an adverbial clause is no such cue: "she said
    she went because she thought it would be fun" is one claim."""
    out = []
    for cue in cues:
        end = cue.end
        inside = cue.start < cue.token.idx < end
        kept_from = cue.token.idx + len(cue.token) if inside else cue.start
        for other in cues:
            head = other.speaker_head
            if other is cue or other.kind != "clause" or head is None or not (cue.start <= other.token.idx < end) \
                    or (other.lemma in lex.belief - lex.speech and other.token.dep_ == "advcl"):
                continue
            cut = head.left_edge.idx
            if kept_from < cut < end and len(doc_text(doc)[kept_from:cut].split()) >= 3:
                end = cut
        start, end = trim(doc, cue.start, end) if end != cue.end else (cue.start, end)
        out.append(replace(cue, start=start, end=end))
    return out


def _paragraph_of(doc: Doc, offset: int) -> int:
    return doc_text(doc).count("\n", 0, offset)


def _without_asides(doc: Doc, fragments: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """ “A” (an aside) “B”: a parenthesis standing between two quotes of one content is not part of it."""
    out = []
    for start, end in fragments:
        inner = [q for q in quotes if start <= q.outer[0] and q.outer[1] <= end]
        for q, nxt in zip(inner, inner[1:]):
            if _ASIDE.fullmatch(doc_text(doc)[q.outer[1]:nxt.outer[0]]):
                out.append((start, q.outer[1]))
                start = nxt.outer[0]
        out.append((start, end))
    return out


def _merge_split_quotes(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """One claim for a quote split by its cue ("“A,” she said, “B.”") or continued after it
    ("“A,” she said. “B.”"): same cue, same paragraph; its fragments are the quotes'."""
    merged: list[Claim] = []
    for claim in claims:
        prev = merged[-1] if merged else None
        both_direct = prev is not None and prev.claim_type == claim.claim_type == "direct"
        continued = claim.cue_kind == "quote" and claim.speaker.start_char < 0
        if (prev is not None and (both_direct or continued)
                and prev.cue_start == claim.cue_start and prev.speaker.name == claim.speaker.name
                and _paragraph_of(doc, prev.end) == _paragraph_of(doc, claim.start)):
            parts = tuple(sorted(set(prev.parts + claim.parts)))
            merged[-1] = replace(prev, end=max(prev.end, claim.end), fragments=parts,
                                 claim_type="direct" if both_direct else "mixed")
        else:
            merged.append(claim)
    return merged


def _drop_nested(claims: list[Claim], lex) -> list[Claim]:
    """A belief, a directive or a pronoun-speaker attribution inside another claim's content is
    part of that claim ("she said she does not believe …"), not a claim of its own; so is a
    reported claim of someone else ("the poll found most voters say …"): the outer speaker reports it."""
    def nested(c: Claim) -> bool:
        minor = c.cue_kind == "complement" or c.cue in lex.belief or c.speaker.resolution == "pronoun" \
            or c.speaker.mention.split(" ")[0].lower() in lex.possessive_pronouns
        return any(o is not c and o.start <= c.cue_start < o.end
                   and (minor or (c.claim_type != "direct" and o.speaker.name != c.speaker.name)) for o in claims)
    return [c for c in claims if not nested(c)]


def _nameable(name: str, lex) -> bool:
    """A speaker a reader can name: not a self-reference ("I", "it") nor a stray token the parser
    took for a subject ("'s"); a share of people ("18%") is one."""
    bare = name.strip(" '’\"“”―—–-")
    return len(bare) >= 2 and any(c.isalpha() or c == "%" for c in bare) and bare.lower() not in lex.self_pronouns


def article_claims(doc: Doc) -> list[Claim]:
    """Claims of one parsed article, in text order, speakers resolved."""
    lex = lexicon()
    quotes = find_quotes(doc_text(doc))
    headline = headline_cue(doc, lex) or headline_verb_cue(doc, lex)
    cues = _split_nested(doc, verb_cues(doc, quotes, lex) + noun_cues(doc, quotes, lex)
                         + light_verb_cues(doc, quotes, lex) + according_cues(doc, quotes, lex)
                         + inverted_cues(doc, quotes, lex) + label_cues(doc, lex), lex)
    if headline is not None:
        cues = [c for c in cues if not (c.start < headline.end and headline.start < c.end)] + [headline]
    # a cue without a speaker gives no claim, so it leaves its quote to the quote rules
    spans = [_extend_over_quotes(cue.start, cue.end, quotes) for cue in cues if cue.speaker_head is not None]
    orphans: list[Quote] = []
    for quote in quotes:
        words = doc_text(doc)[quote.start:quote.end]
        if any(s <= quote.start and quote.end <= e for s, e in spans) or looks_like_a_title(words) or \
                (len(words.split()) < MIN_QUOTE_WORDS and not _opens_a_split_quote(doc_text(doc), quote)):
            continue
        found = quote_cue(doc, quote, quotes, lex) or colon_cue(doc, quote, lex)
        if found is None:
            orphans.append(quote)
        else:
            verb, head = found
            lemma = ":" if verb.text == ":" else verb.lemma_.lower()
            cues.append(Cue(verb, lemma, head, *_with_fronted_phrase(doc, quote, verb, head), kind="quote"))
    history = History(speakers=[], persons=[(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"],
                      view=article_view(doc, quotes))
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for cue in sorted(cues, key=lambda c: min(c.start, c.token.idx)):
        start, end = _extend_over_quotes(cue.start, cue.end, quotes)
        if end - start < 8 or cue.speaker_head is None:
            continue
        speaker = resolve_speaker(cue.speaker_head, cue.token.idx, history, cue.speaker_span, cue.lemma)
        cue_span = _cue_span(cue)
        attribution = [(speaker.start_char, speaker.end_char), cue_span, cue.aside or cue_span]
        fragments = _without_attribution(doc, start, end, attribution, quotes)
        fragments, claim_type = _typed(doc, _without_asides(doc, fragments, quotes), quotes)
        if not fragments or tuple(fragments) in seen or not _nameable(speaker.name, lex):
            continue
        history.speakers.append(speaker)
        claims.append(Claim(fragments[0][0], fragments[-1][1], cue.lemma, claim_type, speaker, cue.token.idx,
                            cue.kind, cue_span[1], tuple(fragments) if len(fragments) > 1 else ()))
        seen.add(tuple(fragments))
    claims.sort(key=lambda c: c.start)
    claims = _with_quotes_before_an_aside(doc, orphans, claims)
    claims += _continuations(doc, orphans, claims, quotes)
    claims = _with_transcript_turns(doc, claims, history, lex)
    claims.sort(key=lambda c: c.start)
    return _merge_split_quotes(doc, _drop_nested(claims, lex))


def _with_fronted_phrase(doc: Doc, quote: Quote, verb, head) -> tuple[int, int]:
    """ "Particularly in poorer districts, he said, “we do not know” how many schools will close.":
    a phrase before an attribution set off by commas, and the words that go on after the quote
    in the same sentence, belong to the quote's claim (the attribution is cut out later)."""
    text = doc_text(doc)
    sentence = verb.sent
    first = min(head.left_edge.idx, verb.idx)
    last = max(head.right_edge.idx + len(head.right_edge.text), verb.idx + len(verb.text))
    start, end = quote.start, quote.end
    fronted = text[sentence.start_char:first]
    if verb.i > head.i - 3 and quote.open_mark > last and text[last:quote.open_mark].strip() == "," and \
            fronted.rstrip().endswith(",") and len(fronted.split()) >= 2 and not any(c in fronted for c in "\"“”"):
        start = sentence.start_char
        after = text[quote.outer[1]:sentence.end_char].rstrip()
        if re.match(r" [a-z]", after) and not any(c in after for c in "\"“”"):
            end = quote.outer[1] + len(after.rstrip(".!?"))
    return start, end


def _cue_span(cue: Cue) -> tuple[int, int]:
    """Offsets of the cue's words ("said"; all of "according to")."""
    last = cue.token.doc[min(cue.token.i + len(cue.lemma.split()) - 1, len(cue.token.doc) - 1)] \
        if cue.kind == "according" else cue.token
    return cue.token.idx, last.idx + len(last.text)


def _with_transcript_turns(doc: Doc, claims: list[Claim], history: History, lex) -> list[Claim]:
    """Each transcript turn as a direct claim of the person its label names, replacing a claim of the same span."""
    names = [name for _, name in history.persons]
    turns = []
    for turn in transcript_turns(doc, lex):
        name = label_name(turn.label, names)
        resolution = "surname" if name.lower() != turn.label.lower() and " " in name else "explicit"
        speaker = Speaker(name=name, mention=turn.label, start_char=turn.label_start, end_char=turn.label_end,
                          type="person", resolution=resolution, anonymous=False,
                          affiliation=history.affiliation_for(name))
        turns.append(Claim(turn.start, turn.end, ":", "direct", speaker, turn.label_start, "transcript",
                           turn.label_end))
    spans = {(t.start, t.end) for t in turns}
    return [c for c in claims if (c.start, c.end) not in spans] + turns


def _continuations(doc: Doc, orphans: list[Quote], claims: list[Claim], quotes: list[Quote]) -> list[Claim]:
    """A quote with no cue of its own continues the quote of the speaker just before it: in the
    same paragraph, or as a whole paragraph right after. In the sentence right after a claim of
    any type, a quote inside words of the writer's ("… only when “the truth is sexier”") takes
    its whole sentence along (PolNeAR joins such fragments to the claim)."""
    out = []
    for quote in orphans:
        previous = [c for c in claims if c.end <= quote.open_mark]
        quoted = [c for c in previous if c.claim_type in ("direct", "mixed")]
        if not previous:
            continue
        s, e = trim(doc, quote.start, quote.end)
        if _same_paragraph(doc, previous[-1], quote) and _sentence_after(doc, previous[-1], quote):
            last = previous[-1]
            sentence = doc.char_span(quote.open_mark, quote.outer[1], alignment_mode="expand")[0].sent
            s, e = trim(doc, sentence.start_char, sentence.end_char)
            while e > s and doc_text(doc)[e - 1] in ".!?":
                e -= 1
        elif quoted and (_same_paragraph(doc, quoted[-1], quote) or _is_paragraph_quote(doc, quote)
                         and _paragraph_of(doc, quote.open_mark) - _paragraph_of(doc, quoted[-1].end) <= 2):
            last = quoted[-1]
        else:
            continue
        fragments, claim_type = _typed(doc, [(s, e)], quotes)
        if fragments:
            out.append(Claim(fragments[0][0], fragments[-1][1], last.cue, claim_type, continuation(last.speaker),
                             last.cue_start, "quote", last.cue_end))
    return out


def _same_paragraph(doc: Doc, claim: Claim, quote: Quote) -> bool:
    return _paragraph_of(doc, quote.open_mark) == _paragraph_of(doc, claim.end)


def _sentence_after(doc: Doc, claim: Claim, quote: Quote) -> bool:
    """The quote stands in the sentence right after the claim's, after words of the writer's,
    and no other quote, word of saying nor person or body acting as subject shares that sentence
    ("He struggles with bragging, feeling “…”" is the writer's account, not the claim going on)."""
    end = doc.char_span(claim.end - 1, claim.end, alignment_mode="expand")
    span = doc.char_span(quote.open_mark, quote.outer[1], alignment_mode="expand")
    if end is None or span is None:
        return False
    sentence = span[0].sent
    lead = doc_text(doc)[sentence.start_char:quote.open_mark]
    lex = lexicon()
    saying, people = lex.cue_verbs | lex.speech_nouns, lex.person_pronouns | lex.group_pronouns
    outside = [t for t in sentence if not quote.open_mark <= t.idx < quote.outer[1]]
    return end[0].sent.end == sentence.start and len(lead.split()) >= 2 \
        and not any(c in lead for c in "\"“”‘’'") \
        and not any(t.lemma_.lower() in saying for t in outside) \
        and not any(t.dep_ in SUBJECT_DEPS and (t.ent_type_ in ("PERSON", "ORG") or t.lower_ in people)
                    for t in outside)


def _opens_a_split_quote(text: str, quote: Quote) -> bool:
    """ “The plan,” she said, “…”: a short quote that opens its sentence and stops at a comma
    is the first part of a split quote, not a scare quote."""
    before = text[:quote.open_mark].rstrip(" \t")
    ends_with_comma = text[quote.start:quote.end].rstrip().endswith(",") or text[quote.outer[1]:].startswith(",")
    return ends_with_comma and (not before or before[-1] in "\n.!?")


def _with_quotes_before_an_aside(doc: Doc, orphans: list[Quote], claims: list[Claim]) -> list[Claim]:
    """ “A” (an aside) “B,” she said: a quote with no cue of its own, separated from the next
    direct claim only by a parenthesis, is that claim's first fragment."""
    out = []
    for claim in claims:
        first = claim.parts[0]
        before = [q for q in orphans if q.outer[1] <= first[0]
                  and _ASIDE.fullmatch(doc_text(doc)[q.outer[1]:first[0]]) is not None]
        if claim.claim_type == "direct" and before:
            quote = before[-1]
            orphans.remove(quote)
            claim = replace(claim, start=quote.start, fragments=(trim(doc, quote.start, quote.end), *claim.parts))
        out.append(claim)
    return out


def _is_paragraph_quote(doc: Doc, quote: Quote) -> bool:
    """The quote is (nearly) its whole paragraph."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, quote.open_mark) + 1
    para_end = text.find("\n", quote.end)
    para_end = len(text) if para_end < 0 else para_end
    lo, hi = quote.outer
    return (hi - lo) / max(para_end - para_start, 1) > 0.8


def extract_claims(docs: Mapping[str, Doc]) -> pd.DataFrame:
    """One row per claim on each doc's ``_.claims`` (docs keyed by article_id).

    The rows are read from what the ``newsclaims_attribution`` component put on
    the Doc, so the tables and a spaCy user see the same claims; a Doc that has
    not been through the component goes through it here.
    """
    from pipeline.attribution.component import Attribution

    attribute = Attribution()
    rows = []
    for aid, doc in docs.items():
        if doc._.claims is None:
            attribute(doc)
        for c in (spans.record for spans in doc._.claims):
            s = c.speaker
            rows.append({
                "claim_id": claim_id(aid, c.start, c.end), "article_id": aid,
                "content": FRAGMENT_JOINER.join(doc_text(doc)[s:e] for s, e in c.parts),
                "start_char": c.start, "end_char": c.end, "speaker": s.name, "speaker_mention": s.mention,
                "speaker_start_char": s.start_char, "speaker_end_char": s.end_char, "speaker_type": s.type,
                "resolution": s.resolution, "anonymous": s.anonymous, "affiliation": s.affiliation,
                "cue": c.cue, "cue_start_char": c.cue_start, "cue_end_char": c.cue_end, "claim_type": c.claim_type,
                "spans": ";".join(f"{s}-{e}" for s, e in c.parts) if c.fragments else "",
            })
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
