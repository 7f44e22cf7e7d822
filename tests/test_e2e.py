"""End to end: the sample batch through every stage, incremental re-runs, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import schema, store
from pipeline.cli import cli
from pipeline.run import DEFAULT_STANCE_MODELS, rescore_stance, run_batch
from pipeline.stance import load_current_model, load_model
from tests.conftest import SAMPLE_BATCH


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    summary = run_batch(SAMPLE_BATCH, out, progress=False, log=lambda m: None)
    return out, summary


def test_every_table_is_written_with_its_contract(sample_out):
    out, summary = sample_out
    tables = store.load_tables(out)
    for name, table in schema.TABLES.items():
        assert (out / f"{name}.parquet").is_file()
        assert list(tables[name].columns) == table.names
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
    again = run_batch(SAMPLE_BATCH, out, progress=False, log=lambda m: None)
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
    added = run_batch(batch, out, progress=False, log=lambda m: None)
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
    summary = run_batch(SAMPLE_BATCH, out, stance_models=models, progress=False, log=messages.append)
    assert summary.n_new_articles == 0
    assert any("re-scoring the stance of" in m for m in messages)
    claims = store.read_table(out, "claims")
    assert set(claims.loc[claims["target"] != "", "stance_model"]) == {load_model(models / "mine").id}
    assert {p: p.stat().st_mtime_ns for p in (out / ".cache").rglob("*.spacy")} == cache
    messages.clear()
    run_batch(SAMPLE_BATCH, out, stance_models=models, progress=False, log=messages.append)
    assert not any("re-scoring" in m for m in messages)
    labels.assign(label=["supportive", "opposed", "neutral"] * 4).to_csv(tmp_path / "labels.csv", index=False)
    result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(tmp_path / "labels.csv"),
                                      "--out", str(models / "mine"), "--no-cv"])
    assert result.exit_code == 0, result.output
    run_batch(SAMPLE_BATCH, out, stance_models=models, progress=False, log=messages.append)
    assert any("re-scoring" in m for m in messages), "a model retrained under the same name must re-score"
