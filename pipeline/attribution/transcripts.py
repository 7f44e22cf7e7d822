"""Interview transcripts: paragraphs that open with a speaker's name in capitals and a colon.

"WALLACE: Will she be there?" / "PENCE: She will not." carry no speech verb
and no quote marks, so the dependency rules never see them. A label counts as
a speaker only when it opens two or more paragraphs of the article (speakers
in a transcript take turns), which keeps one-off labels such as "UPDATE:" or
a dateline out; labels that are never speakers are listed in cues.toml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.attribution.cues import Lexicon
from pipeline.entities import person_titles
from pipeline.text import doc_text

# A paragraph, optionally opened by a quote mark, starting with one to four words in capitals and a colon.
_TURN = re.compile(r"^[ \t]*[\"“‘']?[ \t]*((?:[A-Z][A-Z.'’\-]*[ \t]+){0,3}[A-Z][A-Z.'’\-]*[A-Z.])[ \t]*:[ \t]+(\S)",
                   re.MULTILINE)
_TRAILING = " \t\"”’'"


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label's offsets and the offsets of what follows it in the paragraph."""

    label: str
    label_start: int
    label_end: int
    start: int
    end: int


def transcript_turns(doc: Doc, lex: Lexicon) -> list[Turn]:
    """The turns of every label that opens at least two paragraphs; none for an article that is no transcript."""
    text = doc_text(doc)
    turns = []
    for match in _TURN.finditer(text):
        label = " ".join(match.group(1).split())
        if label.rstrip(".") in lex.transcript_non_speakers or sum(c.isalpha() for c in label) < 2:
            continue
        end = text.find("\n", match.start(2))
        end = len(text) if end < 0 else end
        while end > match.start(2) and text[end - 1] in _TRAILING:
            end -= 1
        turns.append(Turn(label, match.start(1), match.end(1), match.start(2), end))
    counts = Counter(_surname(turn.label) for turn in turns)
    return [t for t in turns if counts[_surname(t.label)] >= 2]


def _without_honorifics(label: str) -> list[str]:
    words = label.split()
    titles = person_titles()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return words


def _surname(label: str) -> str:
    """What "SEN. MARSH", "MARSH" and "ELLEN MARSH" have in common."""
    return _without_honorifics(label)[-1].lower()


def label_name(label: str, person_names: list[str]) -> str:
    """The person a label names: the fullest name in the article ending in the label's surname
    ("PENCE" → "Mike Pence"), else the label in title case without honorifics ("SEN. WARREN" → "Warren")."""
    words = _without_honorifics(label)
    surname = words[-1].lower()
    matches = [n for n in person_names
               if n.split()[-1].lower() == surname and len(n.split()) >= len(words) and not n.isupper()]
    if matches:
        return max(matches, key=lambda n: len(n.split()))
    return " ".join(w.capitalize() for w in words)
