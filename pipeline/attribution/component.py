"""Attribution as a spaCy component: ``nlp.add_pipe("newsclaims_attribution")`` fills ``doc._.claims``.

Any English pipeline with a parser and NER can use it: the component runs the
attribution rules and puts each claim on the Doc as spans, so a spaCy user gets
who said what without the rest of newsclaims, and ``extract_claims`` builds the
claims table from the same ``doc._.claims``. The factory is
registered on import and through the ``spacy_factories`` entry point, so a
plain ``spacy.load(...)`` pipeline finds it by name once newsclaims is installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.attribution import Claim, article_claims

FACTORY = "newsclaims_attribution"


@dataclass(frozen=True)
class ClaimSpans:
    """One claim as spans of its Doc: the content's fragments, the cue and the speaker's mention.

    ``record`` is the rules' claim itself: character offsets exact where a span
    widens to whole tokens, and the speaker's type, anonymity and affiliation;
    the speaker's name, its resolution, the claim type and the cue are read from it.
    """

    content: tuple[Span, ...]
    cue: Span | None
    speaker_mention: Span | None
    record: Claim

    @property
    def speaker(self) -> str:
        """The resolved name: the fullest the article gives."""
        return self.record.speaker.name

    @property
    def resolution(self) -> str:
        return self.record.speaker.resolution

    @property
    def claim_type(self) -> str:
        return self.record.claim_type

    @property
    def cue_lemma(self) -> str:
        return self.record.cue

    @property
    def text(self) -> str:
        return " … ".join(span.text for span in self.content)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand") if 0 <= start < end else None


def claim_spans(doc: Doc, claim: Claim) -> ClaimSpans:
    content = tuple(span for s, e in claim.parts if (span := _span(doc, s, e)))
    speaker = claim.speaker
    return ClaimSpans(content=content, cue=_span(doc, claim.cue_start, claim.cue_end),
                      speaker_mention=_span(doc, speaker.start_char, speaker.end_char), record=claim)


class Attribution:
    """The pipeline component: attribution rules over a parsed Doc, claims to ``doc._.claims``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = [claim_spans(doc, claim) for claim in article_claims(doc)]
        return doc


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory(FACTORY, requires=["doc.ents", "token.dep", "token.lemma"], assigns=["doc._.claims"])
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution()
