"""End to end: the sample batch through every stage, incremental re-runs, bad input."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.io import schema, store
from pipeline.cli import cli
from pipeline.run import DEFAULT_STANCE_MODELS, RunSettings, rescore_stance, run_batch
from pipeline.stance import load_current_model, load_model
from tests.conftest import PROJECT_ROOT, SAMPLE_BATCH

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not


QUIET = RunSettings(progress=False)


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    summary = run_batch(SAMPLE_BATCH, out, QUIET, log=lambda m: None)
    return out, summary


def test_every_table_is_written_with_its_contract(sample_out):
    out, summary = sample_out
    tables = store.load_tables(out)
    for name, table in schema.TABLES.items():
        assert list((out / name).glob("part-*.parquet")), name
        assert list(tables[name].columns) == table.names
        assert len(pd.read_parquet(out / name)) == len(tables[name])
    assert summary.n_new_articles == 5 and len(tables["articles"]) == 5
    assert tables["errors"].empty
    claims = tables["claims"]
    assert len(claims) > 20
    assert set(claims["claim_type"]) <= {"direct", "indirect", "mixed"}
    assert set(claims["stance"]) <= {"supportive", "opposed", "neutral"}
    assert claims["article_id"].isin(tables["articles"]["article_id"]).all()
    assert tables["speakers"]["n_claims"].sum() == (claims["speaker"].fillna("") != "").sum()


def test_offsets_point_into_the_article_text(sample_out):
    out, _ = sample_out
    tables = store.load_tables(out)
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    for row in tables["claims"].itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.content
        if row.speaker_start_char >= 0:
            assert texts[row.article_id][row.speaker_start_char:row.speaker_end_char] == row.speaker_mention
    for row in tables["entities"].itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.text


def test_boilerplate_never_becomes_an_entity(sample_out):
    out, _ = sample_out
    entities = store.read_table(out, "entities")
    for boiler in ("EPA-EFE", "JUSTIN LANE", "Zoran Radosavljevic", "AFP/APP", "Subscribe", "Business / Tech"):
        assert not entities["text"].str.contains(boiler, regex=False).any(), boiler


def test_second_run_parses_nothing_and_a_new_batch_adds(sample_out, tmp_path):
    out, _ = sample_out
    cache = out / ".cache" / "docs"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.spacy")}
    claims_before = store.read_table(out, "claims")
    again = run_batch(SAMPLE_BATCH, out, QUIET, log=lambda m: None)
    assert again.n_new_articles == 0
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.spacy")} == before
    assert store.read_table(out, "claims").equals(claims_before)

    batch = tmp_path / "second"
    batch.mkdir()
    shutil.copy(next(SAMPLE_BATCH.glob("000_*.txt")), batch / "repeat.txt")
    (batch / "new.txt").write_text(
        "Ministers split over data treaty\n\n"
        "The new data treaty would hurt small firms, Maria Lopez, a trade minister, said on Monday.\n\n"
        "“We will not sign it,” she said.", encoding="utf-8")
    added = run_batch(batch, out, QUIET, log=lambda m: None)
    assert added.n_new_articles == 1
    tables = store.load_tables(out)
    assert len(tables["articles"]) == 6
    assert len(tables["claims"]) >= len(claims_before) + 2


def test_bad_files_are_listed_and_the_batch_completes(tmp_path):
    batch = tmp_path / "bad"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (batch / "latin1.txt").write_bytes(
        "Caf\xe9 owners protest\n\nPrices rose again, the caf\xe9 owners said on Tuesday.".encode("latin-1"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(batch), "--out", str(out), "--quiet", "--target", "price rises"])
    assert result.exit_code == 0, result.output
    errors = store.read_table(out, "errors")
    assert set(errors["source"]) == {"empty.txt", "binary.txt", "latin1.txt"}
    assert "empty.txt: empty file" in result.stderr
    assert len(store.read_table(out, "articles")) == 1


def test_nothing_readable_fails_with_a_clear_message(tmp_path):
    batch = tmp_path / "hopeless"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"\n")
    result = CliRunner().invoke(cli, ["run", str(batch), "--out", str(tmp_path / "out"), "--quiet",
                                      "--target", "price rises"])
    assert result.exit_code != 0
    assert "no article could be read" in result.output
    assert store.read_table(tmp_path / "out", "errors")["source"].tolist() == ["empty.txt"]


def test_missing_batch_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nope")])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_schema_command_matches_the_doc():
    doc = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
    result = CliRunner().invoke(cli, ["schema", "--check", str(doc)])
    assert result.exit_code == 0, result.output


def test_label_retrain_rescore_loop(sample_out, tmp_path):
    out = tmp_path / "processed"
    shutil.copytree(sample_out[0], out)
    runner = CliRunner()
    labels = tmp_path / "labels.csv"
    result = runner.invoke(cli, ["label", "--processed", str(out), "--n", "12", "--out", str(labels)])
    assert result.exit_code == 0, result.output
    assert f"make train STANCE_VERSION=mine STANCE_EXTRA={labels}" in result.output  # the shipped files stay in
    picked = pd.read_csv(labels, keep_default_na=False)
    assert len(picked) == 12 and (picked["label"] == "").all() and picked["claim_id"].is_unique
    assert picked["target_aliases"].str.contains("the treaty").all()
    picked["label"] = ["opposed", "supportive", "neutral"] * 4
    picked.to_csv(labels, index=False)
    models = tmp_path / "models"
    result = runner.invoke(cli, ["stance", "train", "--labels", str(labels), "--out", str(models / "mine"),
                                 "--set-current", "--no-cv"])
    assert result.exit_code == 0, result.output
    cache = {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")}
    result = runner.invoke(cli, ["stance", "rescore", "--processed", str(out), "--models", str(models)])
    assert result.exit_code == 0, result.output
    claims = store.read_table(out, "claims")
    targeted = claims["target"] != ""
    assert set(claims.loc[targeted, "stance_model"]) == {load_model(models / "mine").id}
    assert set(claims.loc[~targeted, "stance"]) <= {"neutral"}
    assert {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")} == cache
    speakers = store.read_table(out, "speakers")
    assert speakers[["n_supportive", "n_opposed", "n_neutral"]].sum().sum() == speakers["n_claims"].sum()


def test_rescoring_with_the_same_model_reproduces_the_run(sample_out, tmp_path):
    """Re-scoring reads the target's aliases from the claims table, as the run did."""
    out = tmp_path / "processed"
    shutil.copytree(sample_out[0], out)
    before = store.read_table(out, "claims")
    targeted = before["target"] != ""
    assert targeted.sum() > 40 and before.loc[targeted, "target_aliases"].str.contains("the resolution").all()
    after = rescore_stance(out, load_current_model(DEFAULT_STANCE_MODELS))
    probabilities = ["p_supportive", "p_opposed", "p_neutral"]
    assert np.allclose(after[probabilities].to_numpy(float), before[probabilities].to_numpy(float))


def test_run_rescores_stored_claims_when_the_current_model_changes(sample_out, tmp_path):
    out = tmp_path / "processed"
    shutil.copytree(sample_out[0], out)
    labels = store.read_table(out, "claims").rename(columns={"content": "text"}).head(12)
    labels = labels.assign(label=["opposed", "supportive", "neutral"] * 4)[["text", "target", "label"]]
    labels.to_csv(tmp_path / "labels.csv", index=False)
    models = tmp_path / "models"
    result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(tmp_path / "labels.csv"),
                                      "--out", str(models / "mine"), "--set-current", "--no-cv"])
    assert result.exit_code == 0, result.output
    cache = {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")}
    messages = []
    summary = run_batch(SAMPLE_BATCH, out, RunSettings(stance_models=models, progress=False), log=messages.append)
    assert summary.n_new_articles == 0
    assert any("re-scored the stance of" in m for m in messages)
    claims = store.read_table(out, "claims")
    assert set(claims.loc[claims["target"] != "", "stance_model"]) == {load_model(models / "mine").id}
    assert {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")} == cache
    messages.clear()
    run_batch(SAMPLE_BATCH, out, RunSettings(stance_models=models, progress=False), log=messages.append)
    assert not any("re-scored" in m for m in messages)
    labels.assign(label=["supportive", "opposed", "neutral"] * 4).to_csv(tmp_path / "labels.csv", index=False)
    result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(tmp_path / "labels.csv"),
                                      "--out", str(models / "mine"), "--no-cv"])
    assert result.exit_code == 0, result.output
    run_batch(SAMPLE_BATCH, out, RunSettings(stance_models=models, progress=False), log=messages.append)
    assert any("re-scored" in m for m in messages), "a model retrained under the same name must re-score"


def _sorted(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.sort_values(list(schema.TABLES[name].key)).reset_index(drop=True)


def assert_same_tables(left: dict, right: dict, batches: set[str] | None = None) -> None:
    """Equal tables, rows sorted by key and probabilities within 1e-6 (the article tables of *batches* only)."""
    names = [n for n in schema.TABLES if n != "errors" and (batches is None or n in store.ARTICLE_TABLES)]
    for name in names:
        a, b = left[name], right[name]
        if batches is not None:
            a, b = (t[t["article_id"].isin(set(r["articles"].loc[r["articles"]["batch"].isin(batches), "article_id"]))]
                    for t, r in ((a, left), (b, right)))
        pd.testing.assert_frame_equal(_sorted(a, name), _sorted(b, name), check_exact=False, atol=1e-6, obj=name)


def _cache(out: Path) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")}


def test_editing_deleting_and_re_adding_an_article_leaves_one_version(sample_out, tmp_path):
    out, batch = tmp_path / "processed", tmp_path / "sample"
    shutil.copytree(sample_out[0], out)
    shutil.copytree(SAMPLE_BATCH, batch)
    edited = sorted(batch.glob("*.txt"))[1]
    stored = store.read_table(out, "articles")
    n = len(stored)  # the sample, plus what other tests added to the shared folder
    old_id = stored.set_index("source").loc[edited.name, "article_id"]
    edited.write_text(edited.read_text(encoding="utf-8")
                      + "\n\n“We will keep talking,” Ana Ruiz, a negotiator, said on Friday.\n", encoding="utf-8")
    summary = run_batch(batch, out, QUIET, log=lambda m: None)
    assert summary.n_new_articles == 1 and summary.n_replaced == 1
    tables = store.load_tables(out)
    assert len(tables["articles"]) == n and tables["articles"]["source"].is_unique
    for name in store.ARTICLE_TABLES:
        assert old_id not in set(tables[name]["article_id"]), name
    new_id = tables["articles"].set_index("source").loc[edited.name, "article_id"]
    assert (tables["claims"]["content"] == "We will keep talking").sum() == 1
    ruiz = tables["speakers"][tables["speakers"]["speaker"] == "Ana Ruiz"]
    assert ruiz["n_claims"].tolist() == [1]

    text = edited.read_text(encoding="utf-8")
    edited.unlink()
    messages = []
    kept = run_batch(batch, out, QUIET, log=messages.append)
    assert kept.gone == (edited.name,) and kept.n_articles == n
    assert any("--prune removes their articles" in m for m in messages)
    pruned = run_batch(batch, out, RunSettings(prune=True, progress=False), log=lambda m: None)
    assert pruned.n_articles == n - 1
    tables = store.load_tables(out)
    for name in store.ARTICLE_TABLES:
        assert new_id not in set(tables[name]["article_id"]), name
    assert "Ana Ruiz" not in set(tables["speakers"]["speaker"])

    cache = _cache(out)
    edited.write_text(text, encoding="utf-8")
    again = run_batch(batch, out, QUIET, log=lambda m: None)
    assert again.n_new_articles == 1 and again.n_articles == n
    tables = store.load_tables(out)
    assert (tables["articles"]["source"] == edited.name).sum() == 1
    assert (tables["claims"]["content"] == "We will keep talking").sum() == 1
    assert _cache(out) == cache, "the re-added article's parse comes from the cache"


def test_a_deleted_or_corrupt_table_is_rebuilt_from_the_parse_cache(sample_out, tmp_path):
    out, other = tmp_path / "processed", tmp_path / "other"
    shutil.copytree(sample_out[0], out)
    other.mkdir()
    (other / "a.txt").write_text("Port strike ends\n\nThe deal is fair, union leader Tom Berg said on Monday.",
                                 encoding="utf-8")
    run_batch(other, out, QUIET, log=lambda m: None)
    before = store.load_tables(out)
    shutil.rmtree(out / "claims")
    next((out / "entities").glob("part-*.parquet")).write_bytes(b"not parquet")
    (out / "speakers" / "part-all.parquet").unlink()
    cache = _cache(out)
    with pytest.raises(store.StoreError, match="entities.*unreadable"):
        store.load_tables(out)
    messages = []
    summary = run_batch(SAMPLE_BATCH, out, QUIET, log=messages.append)
    assert summary.n_new_articles == 0
    assert any("rebuilding it from the parse cache" in m for m in messages)
    others = set(before["articles"]["batch"]) - {"sample"}  # "other", and what earlier tests added here
    for batch in others:
        assert any(f"of batch {batch} is rebuilt by the next run of that batch" in m for m in messages)
    run_batch(other, out, QUIET, log=lambda m: None)
    assert_same_tables(store.load_tables(out), before, {"sample", "other"})
    assert _cache(out) == cache


def test_a_killed_run_resumes_without_re_parsing_its_finished_chunks(sample_out, tmp_path):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(SAMPLE_BATCH), "--out", str(out),
                            "--chunk-size", "2", "--workers", "1", "--quiet"],
                           env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not list((out / "articles").glob("part-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    finished = set(store.read_table(out, "articles")["article_id"])
    assert 0 < len(finished) < 5
    cache = {aid: mtime for aid, mtime in _cache(out).items() if aid.split(".")[0] in finished}
    summary = run_batch(SAMPLE_BATCH, out, RunSettings(chunk_size=2, progress=False), log=lambda m: None)
    assert summary.n_new_articles == 5 - len(finished) and summary.n_articles == 5
    assert {aid: mtime for aid, mtime in _cache(out).items() if aid in cache} == cache
    tables, whole = store.load_tables(out), store.load_tables(sample_out[0])
    sample_ids = set(whole["articles"].loc[whole["articles"]["batch"] == "sample", "article_id"])
    expected = whole["claims"][whole["claims"]["article_id"].isin(sample_ids)]
    assert sorted(tables["claims"]["claim_id"]) == sorted(expected["claim_id"])


def test_the_old_single_file_layout_is_migrated_without_re_parsing(sample_out, tmp_path):
    out = tmp_path / "processed"
    shutil.copytree(sample_out[0] / ".cache", out / ".cache")
    before = store.load_tables(sample_out[0])
    for name, frame in before.items():
        frame.to_parquet(out / f"{name}.parquet", index=False)
    cache = _cache(out)
    messages = []
    summary = run_batch(SAMPLE_BATCH, out, QUIET, log=messages.append)
    assert summary.n_new_articles == 0 and any("migrating" in m for m in messages)
    assert not list(out.glob("*.parquet"))
    assert_same_tables(store.load_tables(out), before)
    assert _cache(out) == cache


def test_an_out_folder_under_a_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(cli, ["run", str(SAMPLE_BATCH), "--out", str(tmp_path / "file" / "sub"), "--quiet"])
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output and "Traceback" not in result.output


def test_force_with_a_table_missing_re_processes_each_article_once(sample_out, tmp_path):
    out = tmp_path / "processed"
    shutil.copytree(sample_out[0], out)
    before = store.load_tables(out)
    shutil.rmtree(out / "entities")
    summary = run_batch(SAMPLE_BATCH, out, QUIET, log=lambda m: None, force=True)
    assert summary.n_new_articles == 5
    assert_same_tables(store.load_tables(out), before, {"sample"})
    parts = [set(store.read_part(out, "articles", p)["article_id"]) for p in store.part_names(out, "articles")]
    assert sum(map(len, parts)) == len(set().union(*parts)) == len(before["articles"])
