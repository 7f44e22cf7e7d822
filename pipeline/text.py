"""Small text normalisations shared by the stages and the scorer."""

from __future__ import annotations

import re
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
