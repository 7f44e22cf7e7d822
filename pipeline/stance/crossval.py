"""How well the stance design does on rows it was not trained on: folds that hold out whole targets or articles."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from pipeline.evaluation.score import f1_by_label, macro_f1
from pipeline.stance.data import LABELS, text_keys
from pipeline.stance.model import fit_classifier, label_probabilities, predict_frame

GROUPINGS = ("target", "article_id", "random")


def f1_scores(truth, proba: np.ndarray) -> dict:
    """Macro-F1 and per-class F1 over the labels the truth holds (a set without neutral rows is not
    scored on neutral, and a neutral call there is an error).

    On such a two-class set the share of neutral calls and the macro-F1 with each call forced to the likelier
    polar side are added: they tell a neutral call from a wrong side, which the one figure does not.
    """
    predicted = np.array(LABELS)[proba.argmax(axis=1)]
    present = [label for label in LABELS if label in set(truth)]
    scores = {"macro_f1": macro_f1(truth, predicted, present), "per_class_f1": f1_by_label(truth, predicted, present)}
    if "neutral" not in present:
        polar = [LABELS.index(label) for label in LABELS if label != "neutral"]
        forced = np.array(LABELS)[np.array(polar)[proba[:, polar].argmax(axis=1)]]
        scores.update(neutral_calls=float(np.mean(predicted == "neutral")),
                      two_class_macro_f1=macro_f1(truth, forced, present))
    return scores


def expected_calibration_error(proba: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    confidence, predicted = proba.max(axis=1), proba.argmax(axis=1)
    ece = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        mask = (confidence > lo) & (confidence <= lo + 1 / bins)
        if mask.any():
            ece += mask.mean() * abs((predicted[mask] == truth[mask]).mean() - confidence[mask].mean())
    return float(ece)


def _folds(data: pd.DataFrame, scored: np.ndarray, group_by: str, n_splits: int, shuffling: int = 0):
    """Test folds over the *scored* row positions: whole groups held out, or random folds in which every copy
    of a claim falls in one fold.

    *shuffling* 0 is the reported split; each other number deals rows (or groups) to folds anew.
    """
    random = group_by == "random"
    groups = text_keys(data["text"].iloc[scored]) if random else data[group_by].to_numpy()[scored]
    if group_by == "article_id" and (groups == "").any():
        raise ValueError("cannot hold out by article_id: some scored rows have no article_id")
    n_splits = min(n_splits, len(set(groups)))
    if n_splits < 2:
        raise ValueError(f"cannot hold out by {group_by}: the scored rows hold only one "
                         + ("distinct claim" if random else "group"))
    splitter = GroupKFold(n_splits=n_splits, shuffle=True, random_state=shuffling) if shuffling or random else \
        GroupKFold(n_splits=n_splits)
    return [scored[test] for _, test in splitter.split(scored, groups=groups)]


def _held_out_rows(data: pd.DataFrame, test: np.ndarray, group_by: str) -> np.ndarray:
    """Rows to keep out of training for a test fold: its rows, every copy of its claims under any target
    (``text_keys``), and, held out by target or article, every other row of the same targets or articles (from
    any file), so nothing about them leaks in."""
    texts = text_keys(data["text"])
    out = np.isin(texts, texts[test])
    out[test] = True
    if group_by != "random":
        column = "target" if group_by == "target" else "article_id"
        keys = data[column].str.casefold().str.strip()
        out |= keys.isin(set(keys.iloc[test])).to_numpy()
    return np.flatnonzero(out)


def cross_validate(data: pd.DataFrame, n_splits: int = 5, group_by: str = "target",
                   score_on: str | None = None, repeats: int = 1, settings: dict | None = None,
                   say: Callable[[str], None] | None = None) -> dict:
    """Held-out macro-F1, per-class F1 and calibration error.

    The rows of the training file *score_on* (default: every row) are cut into
    folds by *group_by*; each fold is predicted by a model trained on all other
    rows, from every file, except rows of the same targets (or articles) as the
    fold. So "claims about targets never seen" is ``group_by="target"``, and a
    user's own labels can be scored while the public sets stay in training.
    With *repeats* > 1 the rows are dealt into folds that many ways and the
    figures averaged; the spread is reported beside the mean. *say* is told
    each fold as it ends (a fold costs a fit: up to a minute on the public sets).
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}")
    data = data.reset_index(drop=True)
    scored = np.flatnonzero(data["source_file"] == score_on) if score_on else np.arange(len(data))
    if len(scored) == 0:
        raise ValueError(f"no training rows come from {score_on!r}")
    truth = data["label"].to_numpy()[scored]
    truth_index = np.array([LABELS.index(v) for v in truth])
    runs = []
    for shuffling in range(repeats):
        folds = _folds(data, scored, group_by, n_splits, shuffling)
        proba = np.zeros((len(data), len(LABELS)))
        for number, test in enumerate(folds, 1):
            started = time.monotonic()
            train_rows = np.setdiff1d(np.arange(len(data)), _held_out_rows(data, test, group_by))
            model = fit_classifier(data.iloc[train_rows], settings)
            proba[test] = label_probabilities(model, data.iloc[test])
            if say:
                again = f", dealing {shuffling + 1} of {repeats}" if repeats > 1 else ""
                say(f"fold {number} of {len(folds)}{again}: {len(test)} rows scored, trained on {len(train_rows)} "
                    f"({time.monotonic() - started:.0f} s)")
        runs.append({**f1_scores(truth, proba[scored]), "ece": expected_calibration_error(proba[scored], truth_index)})
    scores = [run["macro_f1"] for run in runs]
    result = {key: float(np.mean([run[key] for run in runs])) for key in runs[0] if key != "per_class_f1"}
    result["per_class_f1"] = {label: float(np.mean([run["per_class_f1"][label] for run in runs]))
                              for label in runs[0]["per_class_f1"]}
    if repeats > 1:
        result.update(repeats=repeats, macro_f1_min=float(min(scores)), macro_f1_max=float(max(scores)),
                      macro_f1_runs=[round(v, 4) for v in scores])
    return {**result, "folds": len(folds), "held_out": group_by,
            "scored_rows": int(len(scored)), "scored_file": score_on or "all"}


def score_labelled(model, data: pd.DataFrame) -> dict:
    """Macro-F1, per-class F1 and calibration error of *model* on labelled rows."""
    proba = predict_frame(model, data)[[f"p_{label}" for label in LABELS]].to_numpy(dtype=float)
    truth_index = np.array([LABELS.index(v) for v in data["label"]])
    return {"rows": int(len(data)), **f1_scores(data["label"], proba),
            "ece": expected_calibration_error(proba, truth_index)}
