"""The out folder as a store: one Parquet dataset folder per table, one part per chunk, one writer at a time.

``processed/<table>/part-<chunk>.parquet``: the four article tables
(articles, entities, entity_summary, claims) share their part names, one per
chunk of articles, so a chunk is replaced whole and a part missing from one
table is found by comparing names. ``errors`` has one part per batch and the
derived ``speakers`` one part, recomputed from ``claims``. Every part is
schema-checked and written to a hidden temporary file renamed over the old
one, so a killed run leaves whole parts only; ``pd.read_parquet(folder)``
skips the hidden files. The folder's lock (``.lock``, the filelock package)
lets one run write at a time.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from pipeline.io import schema

ARTICLE_TABLES = ("articles", "entities", "entity_summary", "claims")
PART_PREFIX = "part-"
SUFFIX = ".parquet"
LOCK_FILE = ".lock"


class StoreError(RuntimeError):
    """A table or part that cannot be read, with the command that repairs it."""


class StoreMissing(StoreError, FileNotFoundError):
    """The out folder does not exist."""


def table_dir(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / name


def part_path(out_dir: Path, name: str, part: str) -> Path:
    return table_dir(out_dir, name) / f"{PART_PREFIX}{part}{SUFFIX}"


def legacy_path(out_dir: Path, name: str) -> Path:
    """Where versions before the parts layout kept a table: ``<out>/<table>.parquet``."""
    return Path(out_dir) / f"{name}{SUFFIX}"


def chunk_part(article_ids: Iterable[str]) -> str:
    """A chunk's part name: a digest of its article ids, so the same chunk always lands in the same part."""
    return hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:16]


def batch_part(batch: str) -> str:
    """The errors part of a batch: its name made safe for a file name, plus a digest (names may collide)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", batch)[:40].strip("._") or "batch"
    return f"{slug}-{hashlib.sha256(batch.encode('utf-8')).hexdigest()[:8]}"


def part_names(out_dir: Path, name: str) -> list[str]:
    """The parts a table holds, by name (without prefix and suffix), sorted."""
    folder = table_dir(out_dir, name)
    if not folder.is_dir():
        return []
    return sorted(p.name[len(PART_PREFIX):-len(SUFFIX)] for p in folder.glob(f"{PART_PREFIX}*{SUFFIX}"))


def _conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """*frame* checked against the schema; columns added since it was written read as empty."""
    table = schema.TABLES[name]
    typed = schema.empty(table)
    added = {column: typed[column].reindex(frame.index) for column in table.names
             if column not in frame.columns and column not in table.key}
    return schema.validate(frame.assign(**added), table)


def _read(path: Path, name: str, columns: list[str] | None) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path, columns=columns)
    except Exception as exc:  # pyarrow raises several types on a truncated or foreign file
        raise StoreError(f"{path} is unreadable ({type(exc).__name__}); `newsclaims run BATCH --out "
                         f"{path.parents[1] if path.parent.name == name else path.parent}` rebuilds it") from exc
    return frame if columns else _conform(frame, name)


def read_part(out_dir: Path, name: str, part: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One part, schema-checked (all columns) or just *columns*; StoreError when it cannot be read."""
    return _read(part_path(out_dir, name, part), name, columns)


def read_table(out_dir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Every part of a table as one frame (an empty one with the right columns when there is none).

    A folder written before the parts layout (``<table>.parquet``) reads too,
    until the next run migrates it.
    """
    parts = part_names(out_dir, name)
    if not parts and legacy_path(out_dir, name).is_file():
        return _read(legacy_path(out_dir, name), name, columns)
    frames = [read_part(out_dir, name, p, columns) for p in parts]
    frames = [f for f in frames if len(f)]
    empty = schema.empty(schema.TABLES[name])
    if columns:
        empty = empty[columns]
    if not frames:
        return empty
    whole = pd.concat(frames, ignore_index=True)
    return whole if columns else schema.validate(whole, schema.TABLES[name])


def load_tables(out_dir: Path = Path("processed")) -> dict[str, pd.DataFrame]:
    """Every table of a processed folder, for notebooks: ``tables["claims"]``."""
    if not Path(out_dir).is_dir():
        raise StoreMissing(f"{out_dir} is not a processed folder (it does not exist): "
                           f"run `newsclaims run raw/<batch> --out {out_dir}` first")
    return {name: read_table(out_dir, name) for name in schema.TABLES}


def _atomic_write(path: Path, write: Callable[[str], None]) -> None:
    """Write through a hidden temporary file renamed over *path*; it gets the umask's usual mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(str(tmp))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_part(out_dir: Path, name: str, part: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check *df* against the schema and write it atomically as one part of table *name*."""
    frame = schema.validate(df, schema.TABLES[name])
    _atomic_write(part_path(out_dir, name, part), lambda tmp: frame.to_parquet(tmp, index=False))
    return frame


def remove_part(out_dir: Path, name: str, part: str) -> None:
    part_path(out_dir, name, part).unlink(missing_ok=True)


def write_csv(out_dir: Path, name: str) -> None:
    """The whole table as ``<out>/<table>.csv`` (for spreadsheets; it holds every row in memory)."""
    frame = read_table(out_dir, name)
    _atomic_write(Path(out_dir) / f"{name}.csv", lambda tmp: frame.to_csv(tmp, index=False))


def replace_rows(old: pd.DataFrame, new: pd.DataFrame, key: str, values) -> pd.DataFrame:
    """*old* without the rows whose *key* is in *values*, plus *new*: re-processing never duplicates."""
    kept = old[~old[key].isin(set(values))]
    frames = [f for f in (kept, new) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else new.iloc[0:0]


def migrate_legacy(out_dir: Path, log: Callable[[str], None]) -> bool:
    """Move tables of the single-file layout into parts (the article tables into one shared part)."""
    legacy = {name: legacy_path(out_dir, name) for name in schema.TABLES if legacy_path(out_dir, name).is_file()}
    if not legacy:
        return False
    log(f"migrating {out_dir} to one folder of parts per table ({', '.join(sorted(legacy))})")
    tables = {name: _read(path, name, None) for name, path in legacy.items()}
    articles = tables.get("articles", schema.empty(schema.ARTICLES))
    part = chunk_part(articles["article_id"])
    for name in ARTICLE_TABLES:
        frame = tables.get(name, schema.empty(schema.TABLES[name]))
        write_part(out_dir, name, part, frame[frame["article_id"].isin(set(articles["article_id"]))])
    errors = tables.get("errors", schema.empty(schema.ERRORS))
    for batch, group in errors.groupby("batch", sort=False):
        write_part(out_dir, "errors", batch_part(str(batch)), group)
    if "claims" in tables:
        from pipeline.tables import speaker_table

        write_part(out_dir, "speakers", "all", speaker_table(tables["claims"]))
    for path in legacy.values():
        path.unlink()
        path.with_suffix(".csv").unlink(missing_ok=True)
    return True


@contextmanager
def locked(out_dir: Path, log: Callable[[str], None], poll_seconds: float = 0.5) -> Iterator[None]:
    """Hold the out folder's lock; when another run holds it, say so once and wait for it."""
    from filelock import FileLock, Timeout

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(Path(out_dir) / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"another run is writing to {out_dir}; waiting for it to finish")
        lock.acquire(poll_interval=poll_seconds)
    try:
        yield
    finally:
        lock.release()
