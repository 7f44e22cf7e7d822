"""Ingest: the files of a batch folder → one row per clean article.

Reads .txt, .html/.htm, .jsonl and .csv (:data:`READERS`, suffixes in any
case). Boilerplate patterns live in ``resources/boilerplate.toml``. Bad input
never stops the batch: it becomes a row of the errors table (skipped,
repaired or warning) and the rest goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import pandas as pd

from pipeline.io import schema
from pipeline.io.config import BatchConfig, no_target_warning
from pipeline.io.metadata import SIDECAR, apply_sidecar
from pipeline.text import remove_control_characters, text_pieces, word_count

MAX_TITLE_WORDS = 25
META_FIELDS = ("title", "outlet", "published", "url")
# Longer articles are parsed in pieces of at most this many characters (spaCy's default max_length).
LONG_ARTICLE_CHARS = 1_000_000
# The largest article accepted: its joined doc holds about 1.2 GB beside the parse's 3.7 GB peak (docs/reliability.md).
MAX_ARTICLE_CHARS = 10_000_000
# Fewer letters than this and the language is not guessed (a caption, a list of numbers).
MIN_LANGUAGE_LETTERS = 40
LANGUAGE_SAMPLE_CHARS = 100_000


class InputError(ValueError):
    """One input (file or row) that cannot be read; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One article-to-be of a file: its source suffix ("" or "#3"), body or the error that row raised, metadata."""

    suffix: str
    body: str | InputError
    meta: dict
    take_title: bool


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


def _labelled_headline(line: str, match: re.Match) -> bool:
    """ "Insiders: Trump will rebound in New Hampshire.": a first line of headline length whose
    label ends in a colon names who says the headline; it is not a dateline before a lede."""
    return line[match.start("dateline"):match.end()].rstrip().endswith(":") and len(line.split()) <= MAX_TITLE_WORDS


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
        if match and not (take_title and not title and _labelled_headline(kept[0], match)):
            dateline = match.group("dateline").strip()
            kept[0] = kept[0][match.end():]
    return {"title": title, "dateline": dateline, "text": "\n\n".join(kept)}


def _html_entries(text: str) -> list[Entry]:
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    if extracted is None:
        raise InputError("HTML without extractable article text")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    meta = {"title": data.get("title") or "", "outlet": data.get("sitename") or "",
            "published": data.get("date") or "", "url": data.get("url") or ""}
    return [Entry("", data.get("text") or "", meta, take_title=False)]


def _txt_entries(text: str) -> list[Entry]:
    return [Entry("", text, {}, take_title=True)]


def _row_entry(n: int, row: dict) -> Entry:
    if not str(row.get("text") or "").strip():
        return Entry(f"#{n}", InputError("row without text"), {}, take_title=False)
    return Entry(f"#{n}", str(row["text"]), {k: row.get(k) for k in META_FIELDS}, take_title=False)


def _jsonl_entries(text: str) -> list[Entry]:
    entries: list[Entry] = []
    # Lines end at "\n" only: a JSON string may hold U+2028 or a form feed, which str.splitlines() would cut at.
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, strict=False)  # raw control characters inside strings: removed later
        except json.JSONDecodeError as exc:
            entries.append(Entry(f"#{n}", InputError(f"malformed JSON on line {n}: {exc.msg}"), {}, False))
            continue
        if isinstance(value, dict):
            entries.append(_row_entry(n, value))
        else:
            entries.append(Entry(f"#{n}", InputError(f"line {n} is not a JSON object"), {}, False))
    return entries


def _csv_entries(text: str) -> list[Entry]:
    entries: list[Entry] = []
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise InputError(f"CSV without a 'text' column (columns: {reader.fieldnames})")
        for n, row in enumerate(reader, start=2):
            if None in row:
                entries.append(Entry(f"#{n}", InputError(f"CSV row {n} has more fields than the header"), {}, False))
            else:
                entries.append(_row_entry(n, row))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}") from exc
    return entries


# The one table from a file's suffix (matched in lower case) to the reader of its articles.
READERS: dict[str, Callable[[str], list[Entry]]] = {
    ".txt": _txt_entries, ".html": _html_entries, ".htm": _html_entries,
    ".jsonl": _jsonl_entries, ".csv": _csv_entries,
}


def reader_for(path: Path) -> Callable[[str], list[Entry]] | None:
    return READERS.get(path.suffix.lower())


def _problem(config: BatchConfig, source: str, kind: str, reason: str) -> dict:
    return {"batch": config.name, "source": source, "kind": kind, "reason": reason}


def _clean_field(value) -> tuple[str, int]:
    return remove_control_characters(str(value or "").strip())


def read_file(path: Path, relative: str, config: BatchConfig,
              rules: Boilerplate) -> tuple[list[dict], list[dict]]:
    """One file → (article records, error records). Raises nothing for bad input."""
    articles: list[dict] = []
    errors: list[dict] = []

    def error(source: str, reason: str, kind: str = "skipped") -> None:
        errors.append(_problem(config, source, kind, reason))

    def add(source: str, body: str, meta: dict, take_title: bool) -> None:
        body, removed = remove_control_characters(body)
        fields = {k: _clean_field(meta.get(k)) for k in META_FIELDS}
        removed += sum(n for _, n in fields.values())
        if removed:
            error(source, f"removed {removed} control characters (NUL, escape or similar)", "repaired")
        cleaned = clean_body(split_paragraphs(body), rules, take_title)
        if not cleaned["text"].strip():
            error(source, "no article text left after removing boilerplate")
            return
        text = cleaned["text"]
        if len(text) > MAX_ARTICLE_CHARS:
            error(source, f"article of {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} accepted; "
                          "split it into several files")
            return
        title = fields["title"][0] or cleaned["title"]
        articles.append({
            "article_id": article_id(text), "batch": config.name, "source": source,
            "title": " ".join(title.split()), "outlet": fields["outlet"][0] or config.outlet.strip(),
            "published": fields["published"][0], "dateline": cleaned["dateline"],
            "url": fields["url"][0], "text": text, "n_words": word_count(text), "language": "",
        })

    reader = reader_for(path)
    if reader is None:
        error(relative, f"unsupported file type {path.suffix or '(none)'}; "
                        f"expected one of {', '.join(READERS)} (in any case)")
        return articles, errors
    try:
        text, note = decode(path.read_bytes())
    except OSError as exc:
        error(relative, f"unreadable file: {exc.strerror or exc}")
        return articles, errors
    except InputError as exc:
        error(relative, str(exc))
        return articles, errors
    if note:
        error(relative, note, "repaired")
    try:
        for entry in reader(text):
            source = relative + entry.suffix
            if isinstance(entry.body, InputError):
                error(source, str(entry.body))
            else:
                add(source, entry.body, entry.meta, entry.take_title)
    except InputError as exc:
        error(relative, str(exc))
    return articles, errors


def walk_batch(batch_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files of a batch folder in a stable order, following linked folders, and what was passed over.

    batch.toml, the metadata sidecar and hidden files are left out. A linked folder is read once: a
    link back to a folder already read (a loop, or a second link) is passed
    over, and so is a link that points nowhere; each comes back as
    (relative path, reason).
    """
    batch_dir = Path(batch_dir)
    files: list[Path] = []
    passed: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for folder, dirs, names in os.walk(batch_dir, followlinks=True):
        here = Path(folder)
        relative = here.relative_to(batch_dir).as_posix()
        real = os.path.realpath(here)
        if real in seen:
            passed.append((relative, f"linked folder already read as {seen[real] or 'the batch folder'}; "
                                     "read once"))
            dirs[:] = []
            continue
        seen[real] = "" if relative == "." else relative
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or (here == batch_dir and name in ("batch.toml", SIDECAR)):
                continue
            if not path.exists():
                passed.append((path.relative_to(batch_dir).as_posix(),
                               f"link to {os.readlink(path)}, which does not exist"))
            elif path.is_file():
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(batch_dir).as_posix()), passed


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid), or "" when it has too few letters to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = (c for c in sample if c.isalpha())  # stop at the last letter needed, not at the sample's end
    if next(islice(letters, MIN_LANGUAGE_LETTERS - 1, None), None) is None:
        return ""
    return _language_identifier().classify(sample)[0]


def _article_problems(articles: pd.DataFrame, config: BatchConfig, long_chars: int) -> list[dict]:
    """Warnings on articles that were read: duplicates, other languages, articles parsed in pieces."""
    problems: list[dict] = []
    first = articles.drop_duplicates("article_id").set_index("article_id")["source"]
    for row in articles[articles.duplicated("article_id")].itertuples():
        problems.append(_problem(config, row.source, "warning", f"same text as {first[row.article_id]}; kept once"))
    for row in articles.drop_duplicates("article_id").itertuples():
        if row.language not in ("", "en"):
            problems.append(_problem(config, row.source, "warning",
                                     f"the text looks like language '{row.language}', not English: "
                                     "entities and claims are found in English text only"))
        if len(row.text) > long_chars:
            problems.append(_problem(config, row.source, "warning",
                                     f"long article ({len(row.text):,} characters): parsed in "
                                     f"{len(text_pieces(row.text, long_chars))} pieces split at paragraph breaks"))
    return problems


def ingest(batch_dir: Path, config: BatchConfig, rules: Boilerplate | None = None,
           long_chars: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every file of *batch_dir*: (articles, errors) tables. Duplicate texts are kept once.

    *long_chars* is the length past which an article is parsed in pieces
    (default :data:`LONG_ARTICLE_CHARS`); such articles get a warning row.
    """
    rules = rules or default_boilerplate()
    articles: list[dict] = []
    errors: list[dict] = []
    target_note = no_target_warning(config)
    if target_note:
        errors.append(_problem(config, "batch.toml", "warning", target_note))
    files, passed = walk_batch(batch_dir)
    errors += [_problem(config, relative, "skipped", reason) for relative, reason in passed]
    for path in files:
        found, failed = read_file(path, path.relative_to(batch_dir).as_posix(), config, rules)
        articles += found
        errors += failed
    frame, sidecar_errors = apply_sidecar(pd.DataFrame(articles, columns=schema.ARTICLES.names), batch_dir, config.name)
    errors += [{"kind": "warning", **row} for row in sidecar_errors]
    frame["language"] = [detect_language(text) for text in frame["text"]]
    errors += _article_problems(frame, config, long_chars or LONG_ARTICLE_CHARS)
    frame = frame.drop_duplicates("article_id", keep="first")
    return schema.validate(frame, schema.ARTICLES), schema.validate(
        pd.DataFrame(errors, columns=schema.ERRORS.names), schema.ERRORS)


def language_summary(articles: pd.DataFrame) -> str | None:
    """One line for the run's log when some articles are not English, else None."""
    other = articles["language"].fillna("").loc[lambda s: ~s.isin(["", "en"])]
    if other.empty:
        return None
    counts = ", ".join(f"{code} {n}" for code, n in other.value_counts().items())
    return (f"{len(other)} of {len(articles)} articles are not English ({counts}): "
            "entities and claims are found in English text only")
