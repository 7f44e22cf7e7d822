"""Store and schema: parts written atomically and schema-checked, read as one table, locked, migrated."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.io import schema, store

ERR = pd.DataFrame({"batch": ["b"], "source": ["x.txt"], "kind": ["skipped"], "reason": ["empty file"]})
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_parts_read_as_one_table_by_the_store_and_by_pandas(tmp_path):
    store.write_part(tmp_path, "errors", "one", ERR)
    store.write_part(tmp_path, "errors", "two", ERR.assign(batch="c"))
    table = store.read_table(tmp_path, "errors")
    assert sorted(table["batch"]) == ["b", "c"] and list(table.columns) == schema.ERRORS.names
    assert sorted(pd.read_parquet(tmp_path / "errors")["batch"]) == ["b", "c"]
    assert store.part_names(tmp_path, "errors") == ["one", "two"]
    assert not list((tmp_path / "errors").glob(".*"))


def test_parts_get_the_usual_file_mode(tmp_path):
    old = os.umask(0o022)
    try:
        store.write_part(tmp_path, "errors", "one", ERR)
    finally:
        os.umask(old)
    assert store.part_path(tmp_path, "errors", "one").stat().st_mode & 0o777 == 0o644


def test_undeclared_or_missing_columns_are_refused(tmp_path):
    with pytest.raises(schema.SchemaError, match="undeclared columns \\['extra'\\]"):
        store.write_part(tmp_path, "errors", "p", ERR.assign(extra=1))
    with pytest.raises(schema.SchemaError, match="missing columns \\['reason'\\]"):
        store.write_part(tmp_path, "errors", "p", ERR.drop(columns="reason"))
    assert store.part_names(tmp_path, "errors") == []


def test_a_part_from_an_older_version_reads_with_its_newer_columns_empty(tmp_path):
    (tmp_path / "errors").mkdir()
    ERR.drop(columns="kind").to_parquet(store.part_path(tmp_path, "errors", "old"), index=False)
    table = store.read_table(tmp_path, "errors")
    assert table["source"].tolist() == ["x.txt"] and table["kind"].isna().all()
    ERR.drop(columns="source").to_parquet(store.part_path(tmp_path, "errors", "old"), index=False)
    with pytest.raises(schema.SchemaError, match="missing columns \\['source'\\]"):
        store.read_table(tmp_path, "errors")


def test_a_failed_write_leaves_the_old_part(tmp_path, monkeypatch):
    store.write_part(tmp_path, "errors", "p", ERR)

    def explode(self, path, **kwargs):
        Path(path).write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", explode)
    with pytest.raises(KeyboardInterrupt):
        store.write_part(tmp_path, "errors", "p", ERR.assign(reason="other"))
    monkeypatch.undo()
    assert store.read_table(tmp_path, "errors")["reason"].tolist() == ["empty file"]
    assert [p.name for p in (tmp_path / "errors").iterdir()] == ["part-p.parquet"]


def test_an_unreadable_part_is_a_store_error_naming_the_repair(tmp_path):
    store.write_part(tmp_path, "errors", "p", ERR)
    store.part_path(tmp_path, "errors", "p").write_bytes(b"PAR1 not really")
    with pytest.raises(store.StoreError, match=r"part-p.parquet is unreadable .*newsclaims run BATCH --out"):
        store.read_table(tmp_path, "errors")


def test_load_tables_on_a_missing_folder_says_so(tmp_path):
    with pytest.raises(store.StoreMissing, match="does not exist.*newsclaims run"):
        store.load_tables(tmp_path / "typo")
    assert all(t.empty for t in store.load_tables(tmp_path).values())


def test_duplicate_keys_are_refused():
    with pytest.raises(schema.SchemaError, match="repeat the key"):
        schema.validate(pd.concat([ERR, ERR]), schema.ERRORS)


def test_replace_rows_never_duplicates():
    old = pd.DataFrame({"article_id": ["a", "b"], "v": [1, 2]})
    new = pd.DataFrame({"article_id": ["b", "c"], "v": [20, 30]})
    merged = store.replace_rows(old, new, "article_id", new["article_id"])
    assert merged.sort_values("article_id")["v"].tolist() == [1, 20, 30]


def test_chunk_part_names_depend_on_the_articles_only():
    assert store.chunk_part(["b", "a"]) == store.chunk_part(["a", "b"]) != store.chunk_part(["a"])
    assert store.batch_part("my batch/2024") != store.batch_part("my batch_2024")


def test_the_single_file_layout_is_migrated_into_parts(tmp_path):
    articles = pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in schema.ARTICLES.columns})
    articles.loc[0, ["article_id", "batch", "source", "text", "n_words"]] = ["a1", "b", "x.txt", "Hi there.", 2]
    schema.validate(articles, schema.ARTICLES).to_parquet(store.legacy_path(tmp_path, "articles"), index=False)
    ERR.to_parquet(store.legacy_path(tmp_path, "errors"), index=False)
    assert store.read_table(tmp_path, "articles")["article_id"].tolist() == ["a1"]
    messages = []
    assert store.migrate_legacy(tmp_path, messages.append)
    assert "migrating" in messages[0]
    assert not store.legacy_path(tmp_path, "articles").exists()
    part = store.chunk_part(["a1"])
    for name in store.ARTICLE_TABLES:
        assert store.part_names(tmp_path, name) == [part]
    assert store.read_table(tmp_path, "articles")["article_id"].tolist() == ["a1"]
    assert store.read_table(tmp_path, "errors").equals(schema.validate(ERR, schema.ERRORS))
    assert not store.migrate_legacy(tmp_path, messages.append)


def test_a_second_writer_waits_for_the_lock_and_says_so(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pipeline.io import store\n"
         "with store.locked(sys.argv[1], print):\n    print('held', flush=True); time.sleep(2)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert holder.stdout.readline().strip() == "held"
    messages, waited = [], []
    start = time.monotonic()
    with store.locked(tmp_path, messages.append):
        waited.append(time.monotonic() - start)
    holder.wait(timeout=30)
    assert messages == [f"another run is writing to {tmp_path}; waiting for it to finish"]
    assert waited[0] > 0.5


def test_the_lock_is_free_again_after_an_error(tmp_path):
    with pytest.raises(RuntimeError):
        with store.locked(tmp_path, print):
            raise RuntimeError("boom")
    done = threading.Event()
    with store.locked(tmp_path, lambda m: pytest.fail(m)):
        done.set()
    assert done.is_set()
