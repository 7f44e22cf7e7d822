"""The stance estimator, its training, its files (skops + JSON card) and prediction on claims."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import time
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipeline.io.config import Target
from pipeline.stance.card import (CARD_FILE, CARD_FOLDS, CURRENT_FILE, FEATURE_DESIGN, MODEL_FILE,
                                  StanceModelError, check_model_folder, current_model_dir, model_id)
from pipeline.stance.packages import file_sha256
from pipeline.stance.data import LABELS, balanced_weights, features_frame, text_keys, unrelated_target_pairs
from pipeline.stance.encoder import SENTENCE_ENCODER
from pipeline.stance.neutral import neutral_stance
from pipeline.stance.features import (EVALUATION_FEATURES, ClaimTargetVectors, EvaluationIntensity, TargetedEvaluation,
                                      TargetSentiment, TargetSignedWords, claim_docs, claim_parser, parse_memo)
from pipeline.stance.targeted import FEATURE_NAMES
from pipeline.stance.targeted.mentions import states_something
from pipeline.text import fold_name

# Training-data settings (not estimator parameters) that `--set` may change too.
DATA_SETTINGS = {"unrelated_share": 0.2}


class StanceClassifier(BaseEstimator, ClassifierMixin):
    """Target-aware stance: target-independent feature blocks, weighted, into a multinomial logistic regression,
    mixed with a small network that reads the claim-target relation.

    The block weights are parameters, so an experiment is ``--set targeted=3``,
    not code. Stance is a relation between claim and target that a linear model
    over the vectors' product reads poorly, so a one-layer network
    (``relation_hidden`` units, L2 ``relation_alpha``) over the claim's vector,
    its product with and distance from the target's, the targeted and the
    sentiment blocks answers beside the regression; their log-probabilities are
    mixed with weight ``relation`` (0: the regression alone). Both are fitted on
    log-loss, so calibrated on the targets they were trained on; a temperature
    fitted on folds that hold out whole targets (``calibration_folds``) tempers
    the mix for the new targets it will meet, times ``temperature_scale`` where
    the target is not a proposition (a person or a thing named: news).
    ``intensity`` weighs the sign-free ``EvaluationIntensity`` block (0:
    absent); ``rule_cap`` bounds the confidence of the parse's answers.
    """

    def __init__(self, encoder: str = SENTENCE_ENCODER, C: float = 0.3, targeted: float = 2.0,
                 sentiment: float = 1.0, vectors: float = 1.0, interaction: float = 1.0, words: float = 0.5,
                 relation: float = 0.25, relation_hidden: int = 64, relation_alpha: float = 0.01,
                 intensity: float = 2.0, rule_threshold: float = 0.3, rule_cap: float = 0.7,
                 calibration_folds: int = 2, temperature_scale: float = 1.5):
        self.encoder, self.C = encoder, C
        self.targeted, self.sentiment, self.vectors, self.interaction, self.words = \
            targeted, sentiment, vectors, interaction, words
        self.relation, self.relation_hidden, self.relation_alpha = relation, relation_hidden, relation_alpha
        self.intensity = intensity
        self.rule_threshold, self.rule_cap = rule_threshold, rule_cap
        self.calibration_folds, self.temperature_scale = calibration_folds, temperature_scale

    def _pipeline(self) -> Pipeline:
        text_target = ["text", "target", "target_aliases"]
        blocks = [("targeted", TargetedEvaluation(), text_target),
                  ("sentiment", TargetSentiment(), text_target),
                  ("vectors", ClaimTargetVectors(self.encoder, self.interaction), text_target)]
        weights = {"targeted": self.targeted, "sentiment": self.sentiment, "vectors": self.vectors}
        if self.intensity:
            blocks.append(("intensity", EvaluationIntensity(), text_target))
            weights["intensity"] = self.intensity
        if self.words:
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=20000)
            blocks.append(("words", TargetSignedWords(vectorizer), text_target))
            weights["words"] = self.words
        return Pipeline([("features", ColumnTransformer(blocks, transformer_weights=weights)),
                         ("classifier", LogisticRegression(C=self.C, max_iter=3000))])

    def _relation_pipeline(self) -> Pipeline:
        """The network over the claim-target relation; early stopping on a tenth of its rows, seeded."""
        from sklearn.neural_network import MLPClassifier

        text_target = ["text", "target", "target_aliases"]
        blocks = [("targeted", TargetedEvaluation(), text_target), ("sentiment", TargetSentiment(), text_target),
                  ("vectors", ClaimTargetVectors(self.encoder, distance=True), text_target)]
        if self.intensity:
            blocks.append(("intensity", EvaluationIntensity(), text_target))
        network = MLPClassifier(hidden_layer_sizes=(int(self.relation_hidden),), alpha=self.relation_alpha,
                                max_iter=200, early_stopping=True, random_state=0)
        return Pipeline([("features", ColumnTransformer(blocks)), ("classifier", network)])

    def _fit_parts(self, frame: pd.DataFrame, y, weights) -> list[Pipeline]:
        """The regression and, when ``relation`` weighs anything, the relation network, fitted on the same rows."""
        parts = [self._pipeline().fit(frame, y, classifier__sample_weight=weights)]
        if self.relation:
            parts.append(self._relation_pipeline().fit(frame, y, classifier__sample_weight=weights))
        return parts

    def _scores(self, parts: list[Pipeline], frame: pd.DataFrame) -> np.ndarray:
        """Mixed log-probabilities per class (columns in the first part's class order)."""
        scores = _log_softmax(_logits(parts[0], frame))
        if len(parts) > 1:
            network = np.log(np.clip(parts[1].predict_proba(frame), 1e-6, 1))
            scores = (1 - self.relation) * scores + self.relation * network
        return scores

    def fit(self, X, y, sample_weight=None):
        frame = features_frame(X)
        self.parts_ = self._fit_parts(frame, y, sample_weight)
        self.classes_ = self.parts_[0].classes_
        self.rule_precision_ = self._rule_precision(frame, np.asarray(y), sample_weight)
        self.temperature_ = self._held_out_temperature(frame, np.asarray(y), sample_weight)
        return self

    def _held_out_temperature(self, frame: pd.DataFrame, y: np.ndarray, weights) -> float:
        """The temperature that makes the regression's probabilities honest on targets it did not see.

        Fitted on log-loss, the regression is calibrated on the targets it was
        trained on, and over-confident on new ones. So the rows are cut into
        *calibration_folds* folds holding out whole targets, each fold scored by
        a regression trained on the others, and one temperature dividing the
        log-odds is chosen to minimise the held-out log-loss (weighted as in training).
        The held-out targets are mostly debate motions; news claims lie further
        from the training rows still, so *temperature_scale* tempers beyond it (``row_temperatures`` takes it
        back off for targets that are propositions, as the held-out motions are).
        """
        from sklearn.model_selection import GroupKFold

        groups = frame["target"].str.casefold().str.strip().to_numpy()
        if self.calibration_folds < 2 or len(set(groups)) < self.calibration_folds:
            return self.temperature_scale
        weights = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
        logits = np.zeros((len(y), len(self.classes_)))
        for train, test in GroupKFold(self.calibration_folds).split(frame, y, groups):
            fold = self._fit_parts(frame.iloc[train], y[train], weights[train])
            classes = list(fold[0].classes_)
            logits[test] = self._scores(fold, frame.iloc[test])[:, [classes.index(c) for c in self.classes_]] \
                if len(classes) == len(self.classes_) else np.log(np.full((len(test), len(self.classes_)),
                                                                           1 / len(self.classes_)))
        truth = np.searchsorted(self.classes_, y)
        temperatures = np.geomspace(0.5, 4.0, 43)
        losses = [np.average(-_log_softmax(logits / t)[np.arange(len(y)), truth], weights=weights)
                  for t in temperatures]
        return float(temperatures[int(np.argmin(losses))]) * self.temperature_scale

    def row_temperatures(self, frame: pd.DataFrame) -> np.ndarray:
        """The fitted temperature per row, without *temperature_scale* where the target is a proposition ("X
        should be banned", a debate motion like those the temperature was fitted on holding targets out): the
        scale is for news targets, people and things named, which lie further from the training rows."""
        temperature = getattr(self, "temperature_", 1.0)
        motions = proposition_targets(frame["target"])
        return np.where(motions, temperature / self.temperature_scale, temperature)

    def _rule_side(self, frame: pd.DataFrame) -> np.ndarray:
        """+1 / -1 where the parse finds the claim praising or backing / attacking or fighting the target
        at least as strongly as *rule_threshold* (read toward the target's polarity), else 0."""
        net = TargetedEvaluation().transform(frame)[:, EVALUATION_FEATURES.index("net")]
        return np.where(np.abs(net) >= self.rule_threshold, np.sign(net), 0) if self.rule_threshold else \
            np.zeros(len(frame))

    def _rule_precision(self, frame: pd.DataFrame, y: np.ndarray, weights) -> float:
        """How often the parse's side agrees with the label on training rows where it speaks (weighted),
        kept within 0.5 … *rule_cap*: the confidence given to its answers. The training rows where the rules
        speak are mostly sentences written for them, so their precision there overstates news, hence the cap."""
        side = self._rule_side(frame)
        fired = side != 0
        if not fired.any():
            return 0.5
        weights = np.ones(len(y)) if weights is None else np.asarray(weights)
        agree = np.where(side > 0, y == "supportive", y == "opposed")
        return float(np.clip(np.average(agree[fired], weights=weights[fired]), 0.5, max(self.rule_cap, 0.5)))

    def _deciding_side(self, frame: pd.DataFrame) -> np.ndarray:
        """The rules' side where they decide the row's probabilities (+1 / -1, and ``NEUTRAL_SIDE`` for
        ``_plain_rows``): never when a label was not trained."""
        if not set(LABELS) <= set(self.classes_):
            return np.zeros(len(frame))
        side = self._rule_side(frame)
        return np.where((side == 0) & _plain_rows(frame), NEUTRAL_SIDE, side)

    def decided_by_rules(self, X) -> np.ndarray:
        """Rows whose probabilities the parse's rules fix (``predict_proba``): the learned part is not read
        for them, so their sentence vectors need not be encoded."""
        return self._deciding_side(features_frame(X)) != 0

    def predict_proba(self, X):
        """The regression's probabilities, except where the parse finds the target clearly evaluated, or
        named in a claim that evaluates nothing (``_plain_rows``): there the rules decide, with the confidence
        measured on the training rows where they spoke (the learned part runs on the other rows alone, so the
        decided rows' vectors are never encoded)."""
        frame = features_frame(X)
        side = self._deciding_side(frame)
        learned = side == 0
        proba = np.empty((len(frame), len(self.classes_)))
        if learned.any():
            rows = frame[learned]
            proba[learned] = np.exp(_log_softmax(self._scores(self.parts_, rows)
                                                 / self.row_temperatures(rows)[:, None]))
        rest = (1 - self.rule_precision_) / 2
        for sign, label in ((1, "supportive"), (-1, "opposed"), (NEUTRAL_SIDE, "neutral")):
            fired = side == sign
            if fired.any():  # a model fitted without every label has no decided rows (``_deciding_side``)
                proba[fired] = rest
                proba[fired, list(self.classes_).index(label)] = self.rule_precision_
        return proba

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


NEUTRAL_SIDE = 2  # the rules' side for a row they decide is neutral


def _plain_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows that name a target which is not a proposition and evaluate nothing (``targeted.plain.is_plain``): a
    fact, a schedule or a plain question ("X takes effect in May", "Will X start in May?"). The learned part
    calls many of these for or against (a claim's vector lies near its target's whatever it says of it), while
    news reports them as they are. A claim toward a motion ("Junk food should be banned") argues it with facts
    ("junk food is sold in every school"), so those rows stay with the learned part."""
    rows = parse_memo().rows_for(frame["text"].tolist(), frame["target"].tolist(), frame["target_aliases"].tolist())
    return (rows[:, FEATURE_NAMES.index("plain")] > 0) & ~proposition_targets(frame["target"])


def proposition_targets(targets) -> np.ndarray:
    """Whether each target states a proposition (its parse holds a verb: "Vaccination must be made compulsory")
    rather than naming someone or something ("Hillary Clinton", "the parking levy")."""
    return np.array([is_proposition(str(target)) for target in targets], dtype=bool)


@lru_cache(maxsize=4096)
def is_proposition(target: str) -> bool:
    """``states_something`` of *target*; parsed once per process, not once per chunk a run predicts."""
    return states_something(claim_parser()(target))


def _logits(fitted: Pipeline, frame: pd.DataFrame) -> np.ndarray:
    """Log-odds per class; a two-class regression gives one score, which is class 1's against class 0's."""
    scores = fitted.decision_function(frame)
    return np.column_stack([np.zeros(len(scores)), scores]) if scores.ndim == 1 else scores


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def split_settings(settings: dict | None) -> tuple[dict, dict]:
    """``--set`` values parted into estimator parameters and training-data settings, unknown names refused."""
    settings = dict(settings or {})
    known = set(StanceClassifier().get_params()) | set(DATA_SETTINGS)
    unknown = sorted(set(settings) - known)
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    data = {**DATA_SETTINGS, **{k: v for k, v in settings.items() if k in DATA_SETTINGS}}
    return {k: v for k, v in settings.items() if k not in DATA_SETTINGS}, data


def training_rows(data: pd.DataFrame, unrelated_share: float) -> pd.DataFrame:
    """The labelled rows plus neutral pairs of claims with targets they are not about."""
    pairs = unrelated_target_pairs(data, unrelated_share)
    return pd.concat([data, pairs], ignore_index=True) if len(pairs) else data


def fit_classifier(data: pd.DataFrame, settings: dict | None = None) -> StanceClassifier:
    params, data_settings = split_settings(settings)
    rows = training_rows(data, float(data_settings["unrelated_share"]))
    return StanceClassifier(**params).fit(rows, rows["label"].to_numpy(), sample_weight=balanced_weights(rows))


def speaks_as_target(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose speaker is the target itself, named as a document ("the resolution calls for …").

    Such a claim quotes the target's own text, and a text takes no stance
    toward itself: these rows are neutral whatever their words say. Only a
    document counts (its head noun is one of the lexicon's ``document_heads``):
    a person or company that is the target speaks for itself, not neutrally.
    """
    from pipeline.attribution.cues import lexicon

    if "speaker" not in frame or len(frame) == 0:
        return np.zeros(len(frame), dtype=bool)
    columns = features_frame(frame)
    names = [{fold_name(p) for p in Target.from_cells(target, aliases).phrases()} - {""}
             for target, aliases in zip(columns["target"], columns["target_aliases"])]
    documents = lexicon().document_heads
    speakers = [fold_name(speaker) for speaker in frame["speaker"].fillna("").astype(str)]
    return np.array([bool(speaker) and speaker in keys and speaker.split()[-1] in documents
                     for speaker, keys in zip(speakers, names)])


def label_probabilities(classifier, frame: pd.DataFrame) -> np.ndarray:
    """Probabilities in LABELS order for rows with text, target (target_aliases, speaker optional).

    A label the model never saw in training gets 0; a row whose speaker is the
    target itself is neutral (``speaks_as_target``).
    """
    proba = classifier.predict_proba(frame)
    classes = list(classifier.classes_)
    full = np.column_stack([proba[:, classes.index(lb)] if lb in classes else np.zeros(len(frame)) for lb in LABELS])
    full = full / full.sum(axis=1, keepdims=True)
    full[speaks_as_target(frame)] = np.eye(len(LABELS))[LABELS.index("neutral")]
    return full


@dataclass(frozen=True)
class StanceModel:
    name: str
    classifier: StanceClassifier
    card: dict

    @property
    def id(self) -> str:
        return model_id(self.name, self.card)


def data_digest(data: pd.DataFrame) -> str:
    return hashlib.sha256(data[["text", "target", "label"]].to_csv(index=False).encode()).hexdigest()


def train(data: pd.DataFrame, name: str, evaluate: bool = True, settings: dict | None = None,
          folds: int = CARD_FOLDS, say=None) -> StanceModel:
    """Fit the estimator on every row; the card records the cross-validated figures (*folds* folds, targets
    held out). *say* (a callable taking a line) is told each step as it ends: training takes minutes."""
    import sklearn
    import skops

    from pipeline.stance.crossval import cross_validate

    started = time.monotonic()
    classifier = fit_classifier(data, settings)
    if say:
        say(f"fitted the model ({time.monotonic() - started:.0f} s)"
            + ("; cross-validating it for the card, whole targets held out" if evaluate else ""))
    params, data_settings = split_settings(settings)
    card = {
        "name": name, "feature_design": FEATURE_DESIGN,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "labels": list(LABELS), "rows": int(len(data)), "rows_per_label": data["label"].value_counts().to_dict(),
        "training_files": sorted(set(data.get("source_file", pd.Series(["(in memory)"])))),
        "settings": {**classifier.get_params(), **data_settings},
        "data_sha256": data_digest(data),
        "training_pairs_sha256": sorted({pair_key(t, g) for t, g in zip(data["text"], data["target"])}),
        "training_texts_sha256": sorted({short_hash(key) for key in text_keys(data["text"])}),
        "cross_validation": cross_validate(data, n_splits=folds, group_by="target", settings=settings,
                                           say=say) if evaluate else None,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "skops": skops.__version__, "numpy": np.__version__, "pandas": pd.__version__},
    }
    return StanceModel(name, classifier, card)


def short_hash(text: str) -> str:
    """The short hash under which a model card remembers what it was trained on."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def pair_key(text: str, target: str) -> str:
    return short_hash(f"{text}\t{target}")


def seen_in_training(model: StanceModel, frame: pd.DataFrame) -> np.ndarray:
    """Rows whose (text, target) pair the model was trained on: scoring them says little about new claims."""
    seen = set(model.card.get("training_pairs_sha256") or ())
    return np.array([pair_key(str(t), str(g)) in seen for t, g in zip(frame["text"], frame["target"])], dtype=bool)


def text_seen_in_training(model: StanceModel, frame: pd.DataFrame) -> np.ndarray:
    """Rows whose claim the model was trained on under any target (``text_keys``): a new target, but not a new
    claim. A card written before it recorded texts finds none."""
    seen = set(model.card.get("training_texts_sha256") or ())
    return np.array([short_hash(key) in seen for key in text_keys(frame["text"])], dtype=bool)


def save_model(model: StanceModel, folder: Path) -> Path:
    import skops.io as sio

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sio.dump(model.classifier, folder / MODEL_FILE, compression=zipfile.ZIP_DEFLATED)
    card = {**model.card, "model_sha256": file_sha256(folder / MODEL_FILE)}
    (folder / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def _allowed_types() -> set[str]:
    """Types a model of ours may hold beyond those skops trusts by default."""
    from sklearn.neural_network._stochastic_optimizers import AdamOptimizer  # the relation network keeps its optimiser

    return {f"{cls.__module__}.{cls.__qualname__}" for cls in
            (StanceClassifier, TargetedEvaluation, TargetSentiment, ClaimTargetVectors, TargetSignedWords,
             EvaluationIntensity, AdamOptimizer)}


def load_model(folder: Path) -> StanceModel:
    """Load a saved model after checking its hash against the card and every type it holds."""
    import skops.io as sio

    folder = Path(folder)
    card, model_path = check_model_folder(folder), folder / MODEL_FILE
    try:
        untrusted = set(sio.get_untrusted_types(file=model_path))
    except Exception as exc:  # skops raises several types on a corrupt archive
        raise StanceModelError(f"{model_path} is not a readable skops file: {exc}") from exc
    foreign = untrusted - _allowed_types()
    if foreign:
        raise StanceModelError(f"{model_path} holds types this project does not use: {sorted(foreign)}; refusing it")
    classifier = sio.load(model_path, trusted=sorted(untrusted))
    if not isinstance(classifier, StanceClassifier):
        raise StanceModelError(f"{model_path} holds a {type(classifier).__name__}, not a StanceClassifier")
    return StanceModel(card.get("name", folder.name), classifier, card)


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
    full = label_probabilities(model.classifier, frame)
    out["stance"] = np.array(LABELS)[full.argmax(axis=1)]
    out["stance_score"] = full.max(axis=1)
    for k, label in enumerate(LABELS):
        out[f"p_{label}"] = full[:, k]
    out["stance_model"] = model.id
    return out


def claims_frame(claims: pd.DataFrame, target: Target) -> pd.DataFrame:
    """The model's input rows for claims toward *target* (text, target, target_aliases, speaker)."""
    return pd.DataFrame({"text": claims["content"], "target": target.name, "target_aliases": target.joined_aliases,
                         "speaker": claims.get("speaker", "")}, index=claims.index)


def claim_parses(spans: dict | None):
    """A block within which the stance features read the claims of *spans* (``stages.claim_spans``: each
    claim's span of its article's parse, keyed by content) from those spans instead of parsing their text
    again; the rows read are forgotten after it."""
    return parse_memo().article_parses(claim_docs(spans or {}))


def predict_claims(model: StanceModel, claims: pd.DataFrame, target: Target,
                   spans: dict | None = None) -> pd.DataFrame:
    """Stance columns for claims toward *target*; with no target every claim is neutral.

    With *spans* the claims are read from them (``claim_parses``); without,
    from the caller's ``claim_parses`` block if there is one.
    """
    if not target.is_set:
        return neutral_stance(claims.index)
    with claim_parses(spans) if spans is not None else nullcontext():
        return predict_frame(model, claims_frame(claims, target))


def encode_claims(model: StanceModel, claims: pd.DataFrame, target: Target, spans: dict | None = None) -> int:
    """Encode the target's sentence vector and those of the claims the parse's rules do not decide into the
    encoder's memo, ahead of prediction (the benchmark times the encoder apart from the rest of the model this
    way); a decided claim's vector would never be read. *spans* as for ``predict_claims``: in the run, the
    block holding the parses is the caller's, so the two stages compute each claim's targeted row once.
    Returns how many claims were sent to the encoder."""
    from pipeline.stance.encoder import sentence_encoder

    frame = claims_frame(claims, target)
    with claim_parses(spans) if spans is not None else nullcontext():
        decided = model.classifier.decided_by_rules(frame)
    texts = frame["text"][~decided].astype(str).tolist()
    sentence_encoder(model.classifier.encoder).encode([*texts, target.name])
    return len(texts)


def load_encoder(model: StanceModel) -> None:
    """Load the model's sentence encoder weights now (a worker loads them once, before its first chunk)."""
    from pipeline.stance.encoder import sentence_encoder

    sentence_encoder(model.classifier.encoder).model  # noqa: B018 (the property loads the weights)
