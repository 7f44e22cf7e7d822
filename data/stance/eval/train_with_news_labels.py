"""What the design reaches on news when it is trained on labelled news: the issue's "trained on the shared sets".

The default model's training files (named in its card) plus our 934 labels of
PolNeAR **train** claims (the four findings sets) train
a model, which is scored on the 254 PolNeAR **dev** labels: other articles, the
same 2016 race, so the same candidates as targets. That is a user who labelled
a few hundred claims of their corpus, not an unseen target. Run from the
repository root with ../shared beside it:
``PYTHONPATH=$PWD .venv/bin/python data/stance/eval/train_with_news_labels.py``.
Measurement only: PolNeAR has no licence, so nothing trained here is saved or shipped.
"""

import json
import tempfile
from pathlib import Path

import pandas as pd

from pipeline import stance
from pipeline.evaluation.offset_labels import write_offset_labels
from pipeline.stance.model import StanceModel, load_current_model

NEWS_LABELS = [f"data/stance/eval/polnear_train_findings{n}.csv" for n in ("", "2", "3", "4")]


def main() -> None:
    default = load_current_model(Path("models/stance"))
    shipped = [Path("data/stance") / name for name in default.card["training_files"]]
    with tempfile.TemporaryDirectory() as folder:  # read_labels reads files: the text may not be stored here
        news = stance.read_labels(write_offset_labels(NEWS_LABELS, "../shared/polnear/train/text", folder))
        dev = stance.read_labels(write_offset_labels(["data/stance/eval/polnear_dev_stance.csv"],
                                                     "../shared/polnear/dev/text", folder))
    base = stance.read_labels(shipped)
    with_news = pd.concat([base, news], ignore_index=True)
    for name, data in (("the default model's files", base), ("those + PolNeAR train labels", with_news)):
        scores = stance.score_labelled(StanceModel(name, stance.fit_classifier(data), {}), dev)
        print(json.dumps({"trained_on": name, "rows": len(data), "dev_macro_f1": round(scores["macro_f1"], 3),
                          "dev_per_class_f1": {k: round(v, 2) for k, v in scores["per_class_f1"].items()},
                          "dev_ece": round(scores["ece"], 3)}))


if __name__ == "__main__":
    main()
