"""Stance labels stored as character offsets into a corpus whose text may not be copied.

A labels file of this kind (``data/stance/eval/polnear_dev_stance.csv``) keeps
article, start, end, the SHA-1 of the span, target, target_aliases and label,
but no text, because the corpus has no licence. The text is read back from the
corpus at load time and checked against the SHA-1, so a different copy of the
corpus fails loudly instead of scoring the wrong spans.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from pipeline.tables import STANCES

COLUMNS = ("article", "start", "end", "text_sha1", "target", "target_aliases", "label")


def span_sha1(text: str) -> str:
    """SHA-1 hex digest of a span's UTF-8 bytes, as stored in ``text_sha1``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _article_text(text_dir: Path, article: str, where: str, cache: dict[str, str]) -> str:
    if article not in cache:
        path = text_dir / f"{article}.txt"
        if not path.is_file():
            raise ValueError(f"{where}: article text {path} not found")
        cache[article] = path.read_text(encoding="utf-8")
    return cache[article]


def _offsets(row: dict[str, str], where: str) -> tuple[int, int]:
    try:
        start, end = int(row["start"]), int(row["end"])
    except ValueError:
        raise ValueError(f"{where}: start and end must be whole numbers, got {row['start']!r}, {row['end']!r}") from None
    if not 0 <= start < end:
        raise ValueError(f"{where}: need 0 <= start < end, got {start}, {end}")
    return start, end


def read_offset_labels(csv_path: Path | str, text_dir: Path | str) -> pd.DataFrame:
    """Rows of text, target, target_aliases, label, article_id, each text read from ``text_dir/<article>.txt``.

    Raises ValueError naming the file and the row (1-based, header excluded) when a
    column is missing, a label is unknown, an article's text is missing, the offsets
    fall outside it, or the span's SHA-1 differs from the stored one.
    """
    csv_path, text_dir = Path(csv_path), Path(text_dir)
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{csv_path}: missing columns {missing} (need {', '.join(COLUMNS)})")
    texts: dict[str, str] = {}
    spans = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        where = f"{csv_path} row {number} ({row['article']} {row['start']}-{row['end']})"
        if row["label"] not in STANCES:
            raise ValueError(f"{where}: unknown label {row['label']!r}; use {', '.join(STANCES)}")
        article = _article_text(text_dir, row["article"], where, texts)
        start, end = _offsets(row, where)
        if end > len(article):
            raise ValueError(f"{where}: span ends past the article's {len(article)} characters")
        span = article[start:end]
        if span_sha1(span) != row["text_sha1"]:
            raise ValueError(f"{where}: the text at these offsets does not match text_sha1; "
                             f"is {text_dir} the corpus the labels were made on?")
        spans.append(span)
    return pd.DataFrame({
        "text": spans,
        "target": frame["target"],
        "target_aliases": frame["target_aliases"],
        "label": frame["label"],
        "article_id": frame["article"],
    })


def write_offset_labels(csv_paths: list[Path | str], text_dir: Path | str, folder: Path | str) -> list[Path]:
    """Each offset labels file read back from *text_dir* and written to *folder* under its own name, as the
    plain labels CSV that ``stance.read_labels`` and ``stance train --labels`` read; the paths written.

    Make *folder* temporary: the corpus's text may not be kept.
    """
    written = []
    for csv_path in map(Path, csv_paths):
        out = Path(folder) / csv_path.name
        read_offset_labels(csv_path, text_dir).to_csv(out, index=False)
        written.append(out)
    return written
