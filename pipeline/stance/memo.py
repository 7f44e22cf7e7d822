"""Rows of numbers remembered on disk under a key, in shards: the sentence vectors and the parse's targeted rows
of texts already read, so retraining after a few new labels computes only the new rows."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import numpy as np


class DiskMemo:
    """``memo`` (key → row) loaded from *folder*; ``remember(keys)`` writes those keys' rows as one new shard.

    Each call writes only its new rows, atomically, so a long run's cost of
    remembering grows with what it computes, not with the memo; past
    ``max_shards`` shards the memo is rewritten as one, keeping the *limit*
    keys added last (in memory too). Rows are stored as *dtype* (float64 where
    a threshold reads them, so a remembered row decides as the computed one
    did). A shard that cannot be read is skipped (its rows are computed
    afresh), and a read-only folder only means nothing is remembered.
    """

    def __init__(self, folder: Path, limit: int, dtype=np.float32, max_shards: int = 64):
        self.folder, self.limit, self.dtype, self.max_shards = Path(folder), limit, dtype, max_shards
        self.memo: dict[str, np.ndarray] = {}
        self.shards = self._read()

    def _read(self) -> list[Path]:
        """Load every shard, oldest first (a later shard wins); the shards read."""
        shards = sorted(self.folder.glob("[!.]*.npz")) if self.folder.is_dir() else []  # not others' temp files
        for shard in shards:
            try:
                with np.load(shard) as stored:
                    self.memo.update(zip(stored["keys"].tolist(), stored["vectors"]))
            except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile):
                continue
        return shards

    def _write(self, keys: list[str]) -> Path | None:
        """The rows of *keys* as one new shard, written atomically; None where the folder is read-only."""
        name = f"{time.time_ns():020d}-{os.getpid()}"
        tmp, shard = self.folder / f".{name}.tmp.npz", self.folder / f"{name}.npz"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            np.savez(tmp, keys=np.array(keys), vectors=np.vstack([self.memo[k] for k in keys]).astype(self.dtype))
            tmp.replace(shard)
            return shard
        except OSError:
            tmp.unlink(missing_ok=True)
            return None

    def remember(self, keys: list[str]) -> None:
        if not keys:
            return
        shard = self._write(keys)
        if shard is None:
            return
        self.shards.append(shard)
        if len(self.shards) > self.max_shards:
            merged = self._write(list(self.memo)[-self.limit:])
            if merged is not None:
                for key in list(self.memo)[:-self.limit]:
                    del self.memo[key]
                for old in self.shards:
                    old.unlink(missing_ok=True)
                self.shards = [merged]
