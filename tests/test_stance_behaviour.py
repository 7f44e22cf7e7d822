"""The stance behavioural suite: it is well formed and held out, and the shipped model passes it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.stance_behaviour import LABELS, behaviour_cases, load_suite, main, score_behaviour, vader_labels

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_STANCE = ROOT / "data" / "stance"
SHARED_STANCE = ROOT.parent / "shared" / "stance"
MEASUREMENT_SETS = SHIPPED_STANCE / "eval"  # other held-out sets (probe P shares a coined word with the suite)
TEXT_SUFFIXES = {".py", ".csv", ".tsv", ".toml", ".txt", ".json", ".jsonl", ".md", ".yaml", ".yml"}
MIN_CASES_PER_CAPABILITY = 20
# Issue 17 asks 0.85 of the shipped default (0.90 of a model trained on the shared sets).
ISSUE_TARGET = 0.85
# Design 12 (v12) with the plain-row rule reaches 0.918 (design 11: 0.906, design 9: 0.64), past ISSUE_TARGET, so
# this floor guards what it has, a little under it; raise it with every model that does better.
SHIPPED_MODEL_THRESHOLD = 0.90


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return behaviour_cases()


def _stance_rows(folder: Path) -> pd.DataFrame:
    """Every row of every CSV in *folder* and its subfolders but ``eval`` (measurement sets, never trained on),
    as text and target, lower-cased."""
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
              for path in sorted(folder.rglob("*.csv")) if MEASUREMENT_SETS not in path.parents]
    assert frames, f"no CSV files in {folder}"
    rows = pd.concat(frames, ignore_index=True).rename(columns=str.lower)
    return pd.DataFrame({column: rows.get(column, pd.Series("", index=rows.index)).fillna("").str.lower()
                         for column in ("text", "target")})


def _whole_word(word: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(word.lower()) + r"\b")


def _leaks(cases: pd.DataFrame, corpus: str, targets_column: str) -> list[str]:
    """What of the suite occurs in a corpus: targets or case texts anywhere, coined names as words, heads as targets."""
    leaks = [f"target {name!r}" for name in cases["target"].unique() if name.lower() in corpus]
    leaks += [f"case {text!r}" for text in cases["text"].unique() if text.lower() in corpus]
    for target in load_suite()["target"]:
        leaks += [f"coined word {word!r}" for word in target["invented"] if _whole_word(word).search(corpus)]
        if _whole_word(target["head"]).search(targets_column):
            leaks.append(f"head {target['head']!r} is a training target")
    return leaks


def test_suite_expands_the_same_every_time(cases):
    assert cases.equals(behaviour_cases())
    assert list(cases.columns) == ["text", "target", "target_aliases", "label", "capability"]
    assert not cases.duplicated(["text", "target"]).any()
    assert set(cases["label"]) == set(LABELS)
    assert not cases["text"].str.contains(r"[{}]").any(), "a placeholder was left unfilled"
    assert (cases["text"].str.len() > 10).all() and cases["text"].str.lstrip('“"').str[0].str.isupper().all()


def test_every_capability_has_enough_cases_and_minimal_pairs(cases):
    counts = cases["capability"].value_counts()
    assert len(counts) >= 10 and counts.min() >= MIN_CASES_PER_CAPABILITY, counts.to_dict()
    for capability, rows in cases.groupby("capability"):
        assert rows["label"].nunique() >= 2, f"{capability} has no minimal pairs across labels"


def test_each_target_has_cases_of_every_label(cases):
    per_target = cases.groupby("target")["label"].nunique()
    assert len(per_target) >= 12 and (per_target == len(LABELS)).all(), per_target.to_dict()


@pytest.mark.parametrize("folder", [SHIPPED_STANCE, SHARED_STANCE], ids=["data/stance", "../shared/stance"])
def test_no_target_or_sentence_occurs_in_stance_training_data(cases, folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    rows = _stance_rows(folder)
    corpus = "\n".join(rows["text"]) + "\n" + "\n".join(rows["target"])
    assert not _leaks(cases, corpus, "\n".join(rows["target"]))


def test_no_target_or_sentence_occurs_in_the_package_or_its_data(cases):
    """Synthetic training rows, rules and word lists would live here; the suite's words must not."""
    paths = [path for folder in (ROOT / "pipeline", ROOT / "data") for path in sorted(folder.rglob("*"))
             if path.suffix in TEXT_SUFFIXES and path.is_file() and MEASUREMENT_SETS not in path.parents]
    corpus = "\n".join(path.read_text(encoding="utf-8", errors="replace").lower() for path in paths)
    assert len(paths) > 10 and not _leaks(cases, corpus, "")


def test_leak_check_finds_a_planted_case_coined_word_and_head(cases, tmp_path):
    suite_target = load_suite()["target"][0]
    pd.DataFrame({"text": [f"Some say {cases['text'].iloc[0]}", f"A visit to {suite_target['invented'][0]}."],
                  "target": ["something else", f"A new {suite_target['head']} is needed"],
                  "label": ["neutral", "neutral"]}).to_csv(tmp_path / "planted.csv", index=False)
    rows = _stance_rows(tmp_path)
    leaks = _leaks(cases, "\n".join(rows["text"]), "\n".join(rows["target"]))
    assert {leak.split()[0] for leak in leaks} == {"target", "case", "coined", "head"}


def test_cli_writes_the_cases_as_a_label_file(tmp_path, cases):
    out = tmp_path / "behaviour.csv"
    assert main(["--out", str(out)]) == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written.equals(cases) and not list(tmp_path.glob("*.tmp"))


def test_a_target_blind_lexicon_does_not_pass(cases):
    """The suite needs the target: a sentiment lexicon that ignores it stays well below the model threshold."""
    scores = score_behaviour(vader_labels, cases)
    assert scores["cases"] == len(cases) and scores["accuracy"] < ISSUE_TARGET - 0.1
    assert scores["per_capability"]["other_entity"] < 0.5 and scores["per_capability"]["proposal_against"] < 0.5


def test_score_refuses_a_predictor_that_drops_rows(cases):
    with pytest.raises(ValueError, match="labels for"):
        score_behaviour(lambda frame: ["neutral"] * (len(frame) - 1), cases)


@pytest.mark.slow
def test_shipped_default_model_passes_the_suite(cases):
    from pipeline.stance import load_current_model, predict_frame

    model = load_current_model(ROOT / "models" / "stance")
    scores = score_behaviour(lambda frame: predict_frame(model, frame)["stance"], cases)
    print(f"\nbehaviour suite, shipped model: accuracy {scores['accuracy']}, macro-F1 {scores['macro_f1']}")
    for capability, accuracy in scores["per_capability"].items():
        print(f"  {capability:22s} {accuracy:.3f}")
    assert scores["accuracy"] >= SHIPPED_MODEL_THRESHOLD, scores


@pytest.mark.parametrize("probe_file", ["probe_p.csv", "probe_q.csv", "probe_r.csv"])
@pytest.mark.parametrize("folder", [SHIPPED_STANCE, SHARED_STANCE], ids=["data/stance", "../shared/stance"])
def test_the_probes_are_in_no_training_file(folder, probe_file):
    """Probes P, Q and R measure new targets (data/stance/eval/README.md): no file a model trains on may hold
    their sentences or targets (``_stance_rows``: every CSV but the measurement sets)."""
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    probe = pd.read_csv(MEASUREMENT_SETS / probe_file, dtype=str, keep_default_na=False)
    corpus = "\n".join(_stance_rows(folder).to_numpy().ravel())
    assert len(probe) == 150 and len(corpus) > 10_000
    leaks = [name for name in {*probe["target"], *probe["text"]} if name.lower() in corpus]
    assert not leaks
