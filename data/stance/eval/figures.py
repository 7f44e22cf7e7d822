"""Every stance figure the README and issue 17 report, in one run, with the command that gives each alone.

Scores the current default model on the held-out sets (the behavioural suite,
Perspectrum dev, probes P, Q and R, our 254 PolNeAR dev labels and the fourth
train findings set) and cross-validates its design on its own training files
with whole targets (IBM motions) or whole articles (the sample) held out, and
on GWSD's random fifths trained on GWSD alone. Run from the repository root with ../shared beside it:
``PYTHONPATH=$PWD .venv/bin/python data/stance/eval/figures.py`` (``make
stance-figures``; about seven minutes on two cores, one with ``--quick``, which
leaves out the cross-validations). Measurement only: nothing is saved.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import stance
from pipeline.evaluation.offset_labels import read_offset_labels
from pipeline.stance.model import load_current_model
from tests.stance_behaviour import behaviour_cases, current_model_labels, score_behaviour

SHARED = Path("../shared")
EVAL = Path("data/stance/eval")
CROSSVAL = "newsclaims stance crossval {labels} --score-on {score_on} --group-by {group_by}"


def _cell(result: dict) -> str:
    """Macro-F1, each class's F1 (S / O / N), the two-class figure where the set has two, and ECE."""
    classes = " / ".join(f"{label[0].upper()} {f1:.2f}" for label, f1 in result["per_class_f1"].items())
    two_class = f"; two-class {result['two_class_macro_f1']:.3f}" if "two_class_macro_f1" in result else ""
    return f"**{result['macro_f1']:.3f}** ({classes}){two_class}; ECE {result['ece']:.3f}"


def held_out_sets(model) -> list[tuple[str, str, str]]:
    """(figure, command, scores) of the current model on each labelled set it was not trained on."""
    suite = score_behaviour(current_model_labels(Path("models/stance")), behaviour_cases())
    figures = [("behavioural suite (accuracy)", "python -m tests.stance_behaviour --score model",
                f"**{suite['accuracy']:.3f}** (macro-F1 {suite['macro_f1']:.3f})")]
    perspectrum = SHARED / "stance" / "perspectrum_dev.csv"
    rows = stance.read_labels([perspectrum])
    figures.append(("Perspectrum dev, 139 targets", f"newsclaims stance evaluate --input {perspectrum}",
                    _cell(stance.score_labelled(model, rows))))
    new_claims = rows[~stance.text_seen_in_training(model, rows)]
    figures.append((f"Perspectrum dev, the {len(new_claims)} claims not in training under any target",
                    "the same rows less those its note counts", _cell(stance.score_labelled(model, new_claims))))
    for name in ("P", "Q", "R"):
        probe = EVAL / f"probe_{name.lower()}.csv"
        figures.append((f"probe {name}, 15 new targets", f"newsclaims stance evaluate --input {probe}",
                        _cell(stance.score_labelled(model, stance.read_labels([probe])))))
    news_sets = (("PolNeAR dev, 254 news claims", "polnear_dev_stance.csv", "dev"),
                 ("PolNeAR train findings 4, 307 news claims", "polnear_train_findings4.csv", "train"))
    for figure, labels, split in news_sets:
        news = read_offset_labels(EVAL / labels, SHARED / "polnear" / split / "text")
        figures.append((figure, f"newsclaims stance evaluate --input <{labels} read by "
                        "pipeline.evaluation.offset_labels>", _cell(stance.score_labelled(model, news))))
    return figures


def crossvalidated(training_files: list[Path], say) -> list[tuple[str, str, str]]:
    """(figure, command, scores) of the design retrained in each fold, the scored rows' targets or articles out."""
    labels = " ".join(f"--labels {path}" for path in training_files)
    data = stance.read_labels(training_files)
    figures = []
    for figure, score_on, group_by in (("IBM, unseen motions", "ibm_claim_stance_train.csv", "target"),
                                       ("the sample, articles held out", "sample_labels.csv", "article_id")):
        result = stance.cross_validate(data, group_by=group_by, score_on=score_on, say=say)
        figures.append((figure, CROSSVAL.format(labels=labels, score_on=f"data/stance/{score_on}", group_by=group_by),
                        _cell(result)))
    gwsd = SHARED / "stance" / "gwsd_train.csv"
    result = stance.cross_validate(stance.read_labels([gwsd]), group_by="random", settings={"calibration_folds": 0},
                                   say=say)
    figures.append(("GWSD, held-out fifths (trained on GWSD alone)",
                    CROSSVAL.format(labels=f"--labels {gwsd}", score_on=gwsd, group_by="random")
                    + " --set calibration_folds=0", _cell(result)))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the held-out sets (no cross-validation)")
    args = parser.parse_args(argv)
    if not (SHARED / "stance").is_dir() or not (SHARED / "polnear").is_dir():
        print(f"needs {SHARED}/stance and {SHARED}/polnear beside the repository", file=sys.stderr)
        return 2
    model = load_current_model(Path("models/stance"))
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    figures = held_out_sets(model)
    if not args.quick:
        figures += crossvalidated([Path("data/stance") / name for name in model.card["training_files"]], say)
    print(f"model {model.id}\n\n| figure | macro-F1 (per class); ECE | command |\n|---|---|---|")
    for figure, command, scores in figures:
        print(f"| {figure} | {scores} | `{command}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
