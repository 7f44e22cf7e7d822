"""Does retraining on 30 of a user's labels help that user's batch? Measures it on the PolNeAR claims.

Three random draws of 30 labelled claims play "the user's labels"; the model
is fitted on the default model's training files (its card names them) with
and without them and scored on the batch's other claims. Run from the repository root with ../shared beside
it: ``PYTHONPATH=$PWD .venv/bin/python data/stance/eval/retrain_with_user_labels.py``.
Measurement only: nothing trained here is saved.
"""

import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import stance
from pipeline.evaluation.offset_labels import write_offset_labels
from pipeline.stance.model import StanceModel, load_current_model


def main() -> None:
    default = load_current_model(Path("models/stance"))
    base = stance.read_labels([Path("data/stance") / name for name in default.card["training_files"]])
    with tempfile.TemporaryDirectory() as folder:  # read_labels reads files: the text may not be stored here
        batch = stance.read_labels(write_offset_labels(["data/stance/eval/polnear_dev_stance.csv"],
                                                       "../shared/polnear/dev/text", folder))
    before = None
    for seed in (0, 1, 2):
        pick = np.random.default_rng(seed).choice(len(batch), 30, replace=False)
        user = batch.iloc[pick].assign(source_file="user_labels.csv")
        rest = batch.drop(batch.index[pick])
        if before is None:
            before = stance.score_labelled(StanceModel("before", stance.fit_classifier(base), {}), rest)
        model = StanceModel("after", stance.fit_classifier(pd.concat([base, user], ignore_index=True)), {})
        after = stance.score_labelled(model, rest)
        print(json.dumps({"seed": seed, "before": round(before["macro_f1"], 3), "after": round(after["macro_f1"], 3),
                          "after_per_class": {k: round(v, 2) for k, v in after["per_class_f1"].items()}}))


if __name__ == "__main__":
    main()
