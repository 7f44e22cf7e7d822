"""Ingest: the files of a batch folder → one row per clean article.

Reads .txt, .html/.htm, .jsonl and .csv. Boilerplate patterns live in
``resources/boilerplate.toml``. Bad input never stops the batch: it becomes a
row of the errors table and the rest goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from pipeline import schema
from pipeline.config import BatchConfig
from pipeline.metadata import SIDECAR, apply_sidecar

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
MAX_TITLE_WORDS = 25
META_FIELDS = ("title", "outlet", "published", "url")


class InputError(ValueError):
    """One input (file or row) that cannot be read; the message says why."""


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate rules: whole-line patterns, in-line credits, the dateline pattern."""

    lines: dict[str, re.Pattern]
    strip: dict[str, re.Pattern]
    dateline: re.Pattern

    def strip_credits(self, line: str) -> str:
        for pattern in self.strip.values():
            line = pattern.sub("", line)
        return line

    def is_boilerplate(self, line: str) -> str | None:
        """The name of the first rule the stripped line matches, else None."""
        for name, pattern in self.lines.items():
            if pattern.search(line):
                return name
        return None


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("boilerplate.toml").read_text("utf-8"))
    return Boilerplate(
        lines={name: re.compile(p) for name, p in data["line"].items()},
        strip={name: re.compile(p) for name, p in data["strip"].items()},
        dateline=re.compile(data["dateline"]["pattern"]),
    )


def article_id(text: str) -> str:
    """Stable id from the clean text, so the same article twice is one article."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def decode(raw: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else Windows-1252/Latin-1; the note says when we fell back."""
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw[:8192] or _control_share(raw[:8192]) > 0.05:
        raise InputError("binary file (not text)")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not UTF-8: decoded as Windows-1252 (Latin-1); check accented characters"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8: decoded as Latin-1; check accented characters"


def _control_share(raw: bytes) -> float:
    controls = sum(1 for b in raw if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(raw), 1)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: every non-blank line is one (single or double newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def looks_like_headline(line: str) -> bool:
    """Short and without a sentence's closing punctuation: a headline, not a lede."""
    words = line.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and not re.search(r"[.!?:;,\"”’)]$", line)


def clean_body(paragraphs: list[str], rules: Boilerplate, take_title: bool) -> dict[str, str]:
    """Drop boilerplate lines, take a headline and a dateline off; return title, dateline, text."""
    kept = [rules.strip_credits(p) for p in paragraphs if not rules.is_boilerplate(p)]
    kept = [p for p in kept if p.strip()]
    title = ""
    if take_title and len(kept) > 1 and looks_like_headline(kept[0]):
        title = kept.pop(0)
    dateline = ""
    if kept:
        match = rules.dateline.match(kept[0])
        if match:
            dateline = match.group("dateline").strip()
            kept[0] = kept[0][match.end():]
    return {"title": title, "dateline": dateline, "text": "\n\n".join(kept)}


def _html_article(text: str) -> dict[str, str]:
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    if extracted is None:
        raise InputError("HTML without extractable article text")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    return {
        "body": data.get("text") or "",
        "title": data.get("title") or "",
        "outlet": data.get("sitename") or "",
        "published": data.get("date") or "",
        "url": data.get("url") or "",
    }


def _rows(path: Path, text: str) -> list[tuple[str, dict | InputError]]:
    """Rows of a JSONL or CSV file, each a dict or the error that row raised."""
    rows: list[tuple[str, dict | InputError]] = []
    if path.suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((f"#{n}", InputError(f"malformed JSON on line {n}: {exc.msg}")))
                continue
            rows.append((f"#{n}", value if isinstance(value, dict) else InputError(f"line {n} is not a JSON object")))
    else:
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            if not reader.fieldnames or "text" not in reader.fieldnames:
                raise InputError(f"CSV without a 'text' column (columns: {reader.fieldnames})")
            for n, row in enumerate(reader, start=2):
                if None in row:
                    rows.append((f"#{n}", InputError(f"CSV row {n} has more fields than the header")))
                else:
                    rows.append((f"#{n}", row))
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}") from exc
    return rows


def read_file(path: Path, relative: str, config: BatchConfig,
              rules: Boilerplate) -> tuple[list[dict], list[dict]]:
    """One file → (article records, error records). Raises nothing for bad input."""
    articles: list[dict] = []
    errors: list[dict] = []

    def error(source: str, reason: str) -> None:
        errors.append({"batch": config.name, "source": source, "reason": reason})

    def add(source: str, body: str, meta: dict, take_title: bool) -> None:
        cleaned = clean_body(split_paragraphs(body), rules, take_title)
        if not cleaned["text"].strip():
            error(source, "no article text left after removing boilerplate")
            return
        title = (meta.get("title") or "").strip() or cleaned["title"]
        text = cleaned["text"]
        articles.append({
            "article_id": article_id(text), "batch": config.name, "source": source,
            "title": " ".join(title.split()), "outlet": (meta.get("outlet") or config.outlet or "").strip(),
            "published": str(meta.get("published") or "").strip(), "dateline": cleaned["dateline"],
            "url": (meta.get("url") or "").strip(), "text": text, "n_words": len(text.split()),
        })

    try:
        text, note = decode(path.read_bytes())
    except OSError as exc:
        error(relative, f"unreadable file: {exc.strerror or exc}")
        return articles, errors
    except InputError as exc:
        error(relative, str(exc))
        return articles, errors
    if note:
        error(relative, note)
    try:
        if path.suffix == ".txt":
            add(relative, text, {}, take_title=True)
        elif path.suffix in (".html", ".htm"):
            page = _html_article(text)
            add(relative, page.pop("body"), page, take_title=False)
        else:
            for suffix, row in _rows(path, text):
                source = relative + suffix
                if isinstance(row, InputError):
                    error(source, str(row))
                elif not str(row.get("text") or "").strip():
                    error(source, "row without text")
                else:
                    add(source, str(row["text"]), {k: row.get(k) for k in META_FIELDS}, take_title=False)
    except InputError as exc:
        error(relative, str(exc))
    return articles, errors


def batch_files(batch_dir: Path) -> list[Path]:
    """The article files of a batch folder, in a stable order (batch.toml, metadata.csv and hidden files excluded)."""
    return sorted(
        p for p in Path(batch_dir).rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(batch_dir).parts)
        and p.name != "batch.toml" and p.relative_to(batch_dir).as_posix() != SIDECAR
    )


def ingest(batch_dir: Path, config: BatchConfig, rules: Boilerplate | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every file of *batch_dir*: (articles, errors) tables. Duplicate texts are kept once."""
    rules = rules or default_boilerplate()
    articles: list[dict] = []
    errors: list[dict] = []
    for path in batch_files(batch_dir):
        relative = path.relative_to(batch_dir).as_posix()
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            errors.append({"batch": config.name, "source": relative,
                           "reason": f"unsupported file type {path.suffix or '(none)'}; "
                                     f"expected one of {', '.join(SUPPORTED_SUFFIXES)}"})
            continue
        found, failed = read_file(path, relative, config, rules)
        articles += found
        errors += failed
    frame, sidecar_errors = apply_sidecar(pd.DataFrame(articles, columns=schema.ARTICLES.names), batch_dir, config.name)
    errors += sidecar_errors
    frame = frame.drop_duplicates("article_id", keep="first")
    return schema.validate(frame, schema.ARTICLES), schema.validate(
        pd.DataFrame(errors, columns=schema.ERRORS.names), schema.ERRORS)
