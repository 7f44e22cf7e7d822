"""Small text normalisations shared by the stages and the scorer."""

from __future__ import annotations

import re
import weakref
import unicodedata

QUOTE_CHARS = "\"'“”‘’«»„‚‹›"


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_name(name: str | None) -> str:
    """Casefold, strip accents, drop possessive 's, quote marks and a leading the/a/an."""
    text = strip_accents(name or "").casefold().strip().strip(QUOTE_CHARS)
    text = re.sub(r"['’]s?$", "", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    return " ".join(text.split())


# Han ideographs and kana: scripts written without spaces between words.
_UNSPACED_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_WORD = re.compile(f"[{_UNSPACED_CHAR}]|[^\\s{_UNSPACED_CHAR}]+")
# Control characters that are not whitespace (NUL, backspace, escape, DEL, C1 codes) and lone surrogates:
# invisible, never part of an article, and a lone surrogate cannot even be written as UTF-8.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
_PIECE_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"”’)]?\s"), re.compile(r"\s"))


def base_forms(word: str) -> set[str]:
    """The word and the bases it may be a regular inflection of ("argued" → argu, argue; "banned" → ban;
    "replies" → reply): the one stemmer, for matching inflected words against a word list."""
    out = {word}
    for suffix in ("s", "es", "ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out |= {stem, stem + "e"}
            if stem[-1] == stem[-2]:
                out.add(stem[:-1])
    if word.endswith(("ied", "ies")):
        out.add(word[:-3] + "y")
    return out


def word_count(text: str) -> int:
    """Whitespace-separated words holding a letter or digit, each Chinese or Japanese character one word."""
    return sum(1 for word in _WORD.findall(text) if any(c.isalnum() for c in word))


def remove_control_characters(text: str) -> tuple[str, int]:
    """*text* without non-whitespace control characters and lone surrogates, and how many were removed."""
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed


def text_pieces(text: str, limit: int) -> list[str]:
    """*text* cut into pieces of at most *limit* characters that join back to it exactly.

    Each cut falls after the last paragraph break that fits, else after the
    last sentence end, else after the last space: a parser reads each piece
    alone, so a cut should split as little as possible.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for pattern in _PIECE_CUTS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > 0:
                cut = ends[-1]
                break
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


_DOC_TEXTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def doc_text(doc) -> str:
    """A spaCy Doc's text, built once per Doc: ``Doc.text`` joins every token on each access, so reading it
    per claim made attribution quadratic in the article's length (a 60 k-character article took 31 s)."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text
