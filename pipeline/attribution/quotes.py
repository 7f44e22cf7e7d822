"""Quotation spans in running text, robust to unbalanced and mixed quote marks.

A quote is found per paragraph; a paragraph that opens a quote without closing
it continues into the next one when that paragraph opens with a quote mark (the
news convention for multi-paragraph quotes), else the quote ends with its
paragraph. Nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "„": "“", "«": "»", "‘": "’", '"': '"'}
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int    # end (exclusive) of the text inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or -1 when unclosed

    @property
    def outer(self) -> tuple[int, int]:
        return self.open_mark, (self.close_mark + 1 if self.close_mark >= 0 else self.end)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def looks_like_a_title(text: str) -> bool:
    """ “Fox News Sunday”, “Make Your Kid a Millionaire”: every word of four letters or more
    capitalised, and no sentence inside. A name of a show, book or slogan, not speech; text
    in capitals throughout (“THE FAKE NEWS MEDIA …”) is shouted speech, not a title."""
    words = _TITLE_WORD.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    return (len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and any(c.islower() for c in text)
            and not re.search(r"[.!?]\s", text.strip()))


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (don’t), or after s (countries’) is an apostrophe, not a quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or (before in "sS" and not after.isalnum() and text[i] in "’'")


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "‘'" and _is_apostrophe(text, i):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == '"' or ch == "'":
        return not before.isalnum() and not after.isspace()
    return not after.isspace() or ch in "“«„"


def _closes(text: str, i: int, open_ch: str) -> bool:
    ch = text[i]
    if ch != OPENERS[open_ch] and not (open_ch == "“" and ch == '"'):
        return False
    if ch in "’'" and _is_apostrophe(text, i) and open_ch in "‘'":
        after = text[i + 1] if i + 1 < len(text) else " "
        return not after.isalnum()
    return True


def _paragraph_quotes(text: str, lo: int, hi: int) -> tuple[list[Quote], int | None]:
    """Quotes inside text[lo:hi], and the offset of a quote left open at the end."""
    quotes: list[Quote] = []
    i, open_at = lo, None
    while i < hi:
        ch = text[i]
        if open_at is None:
            if ch in OPENERS and _opens(text, i):
                open_at = i
        elif _closes(text, i, text[open_at]):
            if i > open_at + 1:
                quotes.append(Quote(open_at + 1, i, open_at, i))
            open_at = None
        i += 1
    return quotes, open_at


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in *text*, in order, with content offsets (no marks)."""
    # Two apostrophes stand for a double quote in some archives (''like this''): read them as
    # a space and a double quote, which keeps every offset in place.
    text = text.replace("''", ' "')
    quotes: list[Quote] = []
    for paragraph in _PARAGRAPH.finditer(text):
        found, open_at = _paragraph_quotes(text, paragraph.start(), paragraph.end())
        quotes += found
        if open_at is not None:
            quotes.append(Quote(open_at + 1, paragraph.end(), open_at, -1))
    return sorted((_trimmed(text, q) for q in quotes), key=lambda q: q.start)


def _trimmed(text: str, quote: Quote) -> Quote:
    """Content without trailing blanks (nor the blank that stood for an archive quote mark)."""
    end = quote.end
    while end > quote.start + 1 and text[end - 1] in " \t":
        end -= 1
    return Quote(quote.start, end, quote.open_mark, quote.close_mark)


def quoted_share(start: int, end: int, quotes: list[Quote]) -> float:
    """Share of the characters in [start, end) that stand inside quote marks."""
    inside = sum(max(0, min(q.outer[1], end) - max(q.outer[0], start)) for q in quotes)
    return inside / max(end - start, 1)
