"""Store and schema: atomic writes, schema checks, merges, the generated doc."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import schema, store

ERR = pd.DataFrame({"batch": ["b"], "source": ["x.txt"], "kind": ["skipped"], "reason": ["empty file"]})


def test_write_then_read_round_trip(tmp_path):
    store.write_table(tmp_path, "errors", ERR, csv=True)
    assert store.read_table(tmp_path, "errors").equals(schema.validate(ERR, schema.ERRORS))
    assert (tmp_path / "errors.csv").is_file()
    assert not list(tmp_path.glob(".*tmp"))


def test_undeclared_or_missing_columns_are_refused(tmp_path):
    with pytest.raises(schema.SchemaError, match="undeclared columns \\['extra'\\]"):
        store.write_table(tmp_path, "errors", ERR.assign(extra=1))
    with pytest.raises(schema.SchemaError, match="missing columns \\['reason'\\]"):
        store.write_table(tmp_path, "errors", ERR.drop(columns="reason"))
    assert not (tmp_path / "errors.parquet").exists()


def test_a_table_from_an_older_version_reads_with_its_newer_columns_empty(tmp_path):
    ERR.drop(columns="kind").to_parquet(tmp_path / "errors.parquet", index=False)
    table = store.read_table(tmp_path, "errors")
    assert table["source"].tolist() == ["x.txt"] and table["kind"].isna().all()
    ERR.drop(columns="source").to_parquet(tmp_path / "errors.parquet", index=False)
    with pytest.raises(schema.SchemaError, match="missing columns \\['source'\\]"):
        store.read_table(tmp_path, "errors")


def test_a_failed_write_leaves_the_old_table(tmp_path, monkeypatch):
    store.write_table(tmp_path, "errors", ERR)
    def explode(self, path, **kwargs):
        Path(path).write_bytes(b"half")
        raise KeyboardInterrupt
    monkeypatch.setattr(pd.DataFrame, "to_parquet", explode)
    with pytest.raises(KeyboardInterrupt):
        store.write_table(tmp_path, "errors", ERR.assign(reason="other"))
    monkeypatch.undo()
    assert store.read_table(tmp_path, "errors")["reason"].tolist() == ["empty file"]
    assert [p.name for p in tmp_path.iterdir()] == ["errors.parquet"]


def test_duplicate_keys_are_refused():
    with pytest.raises(schema.SchemaError, match="repeat the key"):
        schema.validate(pd.concat([ERR, ERR]), schema.ERRORS)


def test_replace_rows_never_duplicates():
    old = pd.DataFrame({"article_id": ["a", "b"], "v": [1, 2]})
    new = pd.DataFrame({"article_id": ["b", "c"], "v": [20, 30]})
    merged = store.replace_rows(old, new, "article_id", new["article_id"])
    assert merged.sort_values("article_id")["v"].tolist() == [1, 20, 30]

