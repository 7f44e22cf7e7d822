"""Read and write the output tables: schema-checked, atomic, merged by article.

A table is written to a temporary file in the out folder and renamed over the
old one, so a killed run leaves either the old table or the new one, never half.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from pipeline import schema


def table_path(out_dir: Path, name: str, suffix: str = ".parquet") -> Path:
    return Path(out_dir) / f"{name}{suffix}"


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """The table if it was written, else an empty one with the right columns.

    A table written by an older version lacks the columns added since; they
    read as empty rather than refusing the user's processed folder.
    """
    table = schema.TABLES[name]
    path = table_path(out_dir, name)
    if not path.is_file():
        return schema.empty(table)
    frame = pd.read_parquet(path)
    typed = schema.empty(table)
    added = {column: typed[column].reindex(frame.index) for column in table.names
             if column not in frame.columns and column not in table.key}
    return schema.validate(frame.assign(**added), table)


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(out_dir: Path, name: str, df: pd.DataFrame, csv: bool = False) -> pd.DataFrame:
    """Check *df* against the schema and write it atomically (Parquet, and CSV when asked)."""
    frame = schema.validate(df, schema.TABLES[name])
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    _atomic_write(table_path(out_dir, name), lambda tmp: frame.to_parquet(tmp, index=False))
    if csv:
        _atomic_write(table_path(out_dir, name, ".csv"), lambda tmp: frame.to_csv(tmp, index=False))
    return frame


def replace_rows(old: pd.DataFrame, new: pd.DataFrame, key: str, values) -> pd.DataFrame:
    """*old* without the rows whose *key* is in *values*, plus *new*: re-processing never duplicates."""
    kept = old[~old[key].isin(set(values))]
    frames = [f for f in (kept, new) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else new.iloc[0:0]


def load_tables(out_dir: Path = Path("processed")) -> dict[str, pd.DataFrame]:
    """Every table of a processed folder, for notebooks: ``tables["claims"]``."""
    return {name: read_table(out_dir, name) for name in schema.TABLES}
