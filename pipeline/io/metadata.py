"""The metadata sidecar: outlet, date and URL for articles whose files do not carry them.

A plain-text article has no place for its publisher or date, so a batch folder
may hold ``metadata.csv`` beside the articles, one row per file::

    source,outlet,published,url
    001_0f19c85fb8eb708d.txt,EURACTIV,,

``source`` is the file name relative to the batch folder (as in the articles
table; ``data.jsonl#3`` for a row of a JSONL or CSV file). A filled cell wins
over what the file or ``batch.toml`` says; an empty cell leaves it alone.
Problems with the sidecar become rows of the errors table, like bad articles.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

SIDECAR = "metadata.csv"
FIELDS = ("outlet", "published", "url")


class SidecarError(ValueError):
    """A metadata.csv that cannot be used at all; the message says why."""


def read_sidecar(path: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """``{source: {field: value}}`` for the filled cells of *path*, and the problems worth reporting.

    Raises :class:`SidecarError` when the file cannot be read as a sidecar at all.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(f"unreadable: {exc}") from exc
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = reader.fieldnames or []
        if "source" not in columns:
            raise SidecarError(f"no 'source' column (columns: {columns}); expected source,{','.join(FIELDS)}")
        problems = [f"column {c!r} is ignored; known columns: source, {', '.join(FIELDS)}"
                    for c in columns if c not in ("source", *FIELDS)]
        values: dict[str, dict[str, str]] = {}
        for n, row in enumerate(reader, start=2):
            source = (row.get("source") or "").strip()
            if None in row or not source:
                problems.append(f"row {n} is ignored: " + ("more fields than the header" if None in row
                                                            else "no source"))
                continue
            if source in values:
                problems.append(f"row {n} repeats source {source!r}; the first row is used")
                continue
            values[source] = {f: " ".join((row.get(f) or "").split()) for f in FIELDS if (row.get(f) or "").strip()}
    except csv.Error as exc:
        raise SidecarError(f"malformed CSV: {exc}") from exc
    return values, problems


def apply_sidecar(articles: pd.DataFrame, batch_dir: Path, batch: str) -> tuple[pd.DataFrame, list[dict]]:
    """*articles* with the sidecar's filled cells applied, and an error-table row listing its problems.

    Without a sidecar the articles come back unchanged. Never raises for bad
    sidecar content: a batch is not lost to a typo in its metadata.
    """
    path = Path(batch_dir) / SIDECAR
    if not path.is_file():
        return articles, []
    try:
        values, problems = read_sidecar(path)
    except SidecarError as exc:
        return articles, [{"batch": batch, "source": SIDECAR, "reason": f"metadata sidecar not used: {exc}"}]
    known = set(articles["source"])
    problems += [f"names {source!r}, which is not an article of the batch" for source in values if source not in known]
    articles = articles.copy()
    for field in FIELDS:
        given = articles["source"].map(lambda s, f=field: values.get(s, {}).get(f))
        articles[field] = given.where(given.notna(), articles[field])
    # one row: the errors table is keyed by (batch, source)
    return articles, ([{"batch": batch, "source": SIDECAR, "reason": "metadata sidecar: " + "; ".join(problems)}]
                      if problems else [])
