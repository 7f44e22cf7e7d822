"""Behavioural test suite for stance (CheckList-style minimal pairs over invented targets).

The cases live in ``tests/data/stance_behaviour/cases.toml`` and are held out: no
training data may contain them, so the suite measures stance on targets a model
has never seen. This module expands them into rows and scores any predictor;
``python -m tests.stance_behaviour --out FILE.csv`` writes the rows for
``newsclaims stance evaluate``. See docs/stance_behaviour.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from pipeline.evaluation.score import f1_by_label, macro_f1
from pipeline.io.config import ALIAS_SEPARATOR
from pipeline.tables import STANCES as LABELS

CASES_FILE = Path(__file__).resolve().parent / "data" / "stance_behaviour" / "cases.toml"
COLUMNS = ["text", "target", "target_aliases", "label", "capability"]
DEFAULT_TARGETS_PER_CASE = 2
PLACEHOLDER = re.compile(r"\{(\w+)\}")
CASE_KEYS = {"capability", "targets", "n", *LABELS}


def load_suite(path: Path = CASES_FILE) -> dict:
    """The suite's targets, fillers and cases as written, checked for the keys expansion needs."""
    suite = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    for key in ("target", "fillers", "case"):
        if key not in suite:
            raise ValueError(f"{path}: no [{key}] section")
    for number, case in enumerate(suite["case"]):
        unknown = set(case) - CASE_KEYS
        if unknown or "capability" not in case or not set(case) & set(LABELS):
            raise ValueError(f"{path}: case {number} needs a capability and at least one of {LABELS}; "
                             f"unknown keys {sorted(unknown)}")
    return suite


def _pick(options: Sequence[str], k: int) -> str:
    return options[k % len(options)] if options else ""


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with each {name} replaced; {Name} capitalises the value's first letter."""
    def replace(match: re.Match) -> str:
        key = match.group(1)
        value = values.get(key.lower())
        if not value:
            raise ValueError(f"placeholder {{{key}}} has no value in {template!r}")
        return value[:1].upper() + value[1:] if key[0].isupper() else value
    return PLACEHOLDER.sub(replace, template)


def _values(target: dict, fillers: dict, k: int) -> dict[str, str]:
    """One choice of every filler for a case's k-th expansion, so a case's variants differ only in their words."""
    return {"t": target["name"], "a": _pick(target["aliases"], k),
            "good": _pick(target["good"], k), "bad": _pick(target["bad"], k),
            "group": _pick(fillers["group"], k), "other": _pick(fillers["other"], k),
            "b": target.get("banned", ""), "place": target.get("place", ""),
            "bgood": _pick(target.get("bgood", []), k), "bbad": _pick(target.get("bbad", []), k)}


def behaviour_cases(path: Path = CASES_FILE) -> pd.DataFrame:
    """Every case expanded: text, target, target_aliases ('|'-joined), label, capability; the same on every call.

    Each case is expanded over ``n`` targets of its pool, taken in turn so every target
    gets its share; the fillers rotate with the case's position.
    """
    suite = load_suite(path)
    pools = {"all": suite["target"], "ban": [t for t in suite["target"] if "banned" in t],
             "built": [t for t in suite["target"] if t.get("built")]}
    taken = dict.fromkeys(pools, 0)
    rows = []
    for number, case in enumerate(suite["case"]):
        pool_name = case.get("targets", "all")
        if pool_name not in pools:
            raise ValueError(f"{path}: case {number} has targets = {pool_name!r}; use one of {sorted(pools)}")
        for j in range(case.get("n", DEFAULT_TARGETS_PER_CASE)):
            target = pools[pool_name][taken[pool_name] % len(pools[pool_name])]
            taken[pool_name] += 1
            values = _values(target, suite["fillers"], number + j)
            rows += [{"text": _fill(case[label], values), "target": target["name"],
                      "target_aliases": ALIAS_SEPARATOR.join(target["aliases"]), "label": label,
                      "capability": case["capability"]} for label in LABELS if label in case]
    return pd.DataFrame(rows, columns=COLUMNS)


def score_behaviour(predict: Callable[[pd.DataFrame], Sequence[str]], cases: pd.DataFrame | None = None) -> dict:
    """Accuracy (overall and per capability), macro-F1 and per-class F1 of *predict* on the suite.

    *predict* gets a frame of text, target and target_aliases and returns one label per row.
    """
    cases = behaviour_cases() if cases is None else cases
    predicted = [str(label) for label in predict(cases[["text", "target", "target_aliases"]].copy())]
    if len(predicted) != len(cases):
        raise ValueError(f"predict returned {len(predicted)} labels for {len(cases)} cases")
    predicted = pd.Series(predicted, index=cases.index)
    correct = predicted.eq(cases["label"])
    per_class = f1_by_label(cases["label"], predicted, LABELS)
    return {"cases": int(len(cases)),
            "accuracy": round(float(correct.mean()), 4),
            "macro_f1": round(macro_f1(cases["label"], predicted, LABELS), 4),
            "f1": {label: round(f, 4) for label, f in per_class.items()},
            "per_capability": {name: round(float(acc), 4) for name, acc in correct.groupby(cases["capability"]).mean().items()}}


def vader_labels(frame: pd.DataFrame, threshold: float = 0.05) -> list[str]:
    """A target-blind baseline: VADER's compound score of the text, >= threshold supportive, <= -threshold opposed."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    scores = [analyzer.polarity_scores(text)["compound"] for text in frame["text"]]
    return ["supportive" if s >= threshold else "opposed" if s <= -threshold else "neutral" for s in scores]


def current_model_labels(models_dir: Path) -> Callable[[pd.DataFrame], Sequence[str]]:
    """A predictor from the current stance model in *models_dir*."""
    from pipeline.stance import load_current_model, predict_frame

    model = load_current_model(models_dir)
    return lambda frame: predict_frame(model, frame)["stance"]


def write_cases(out: Path) -> int:
    """Write the expanded cases as CSV (atomically) and return how many."""
    cases = behaviour_cases()
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    cases.to_csv(tmp, index=False)
    tmp.replace(out)
    return len(cases)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.stance_behaviour", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the expanded cases to this CSV "
                        "(text,target,target_aliases,label,capability), for `newsclaims stance evaluate --input`")
    parser.add_argument("--score", choices=["vader", "model"], help="print the scores of the target-blind VADER "
                        "baseline or of the current model in --models")
    parser.add_argument("--models", type=Path, default=Path("models/stance"), help="models folder for --score model")
    args = parser.parse_args(argv)
    if not args.out and not args.score:
        parser.error("give --out FILE.csv and/or --score vader|model")
    if args.out:
        print(f"wrote {write_cases(args.out)} cases to {args.out}", file=sys.stderr)
    if args.score:
        predict = vader_labels if args.score == "vader" else current_model_labels(args.models)
        print(json.dumps(score_behaviour(predict), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
