"""Claims whose stance the parse's rules decide are never encoded, and keep the probabilities they had."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from pipeline.io.config import DEFAULT_STANCE_MODELS, Target
from pipeline.stance import encode_claims, load_current_model, predict_claims, use_vector_cache
from pipeline.stance.data import LABELS, features_frame
from pipeline.stance.encoder import sentence_encoder
from pipeline.stance.features import claim_docs, parse_memo
from pipeline.stance.model import NEUTRAL_SIDE, _log_softmax, claims_frame

TARGET = Target("Governor Ruth Calder")
ARTICLE = ("The farm union said Ruth Calder had done a wonderful job for the growers of the valley. "
           "A spokesman said the committee would meet again on Thursday to discuss the schedule.")
PRAISE = "Ruth Calder had done a wonderful job for the growers of the valley"
SCHEDULE = "the committee would meet again on Thursday to discuss the schedule"


def _every_row_scored(classifier, frame: pd.DataFrame) -> np.ndarray:
    """predict_proba as it was before the decided rows were skipped: the learned part on every row (every
    claim encoded), then the rules' fixed probabilities over the rows they decide."""
    frame = features_frame(frame)
    proba = np.exp(_log_softmax(classifier._scores(classifier.parts_, frame)
                                / classifier.row_temperatures(frame)[:, None]))
    side, classes = classifier._deciding_side(frame), list(classifier.classes_)
    for sign, label in ((1, "supportive"), (-1, "opposed"), (NEUTRAL_SIDE, "neutral")):
        proba[side == sign] = (1 - classifier.rule_precision_) / 2
        proba[side == sign, classes.index(label)] = classifier.rule_precision_
    return proba


@pytest.fixture()
def fresh_vectors(tmp_path):
    use_vector_cache(tmp_path / "vectors")
    yield
    use_vector_cache(tmp_path / "after")


def test_a_claim_the_rules_decide_is_not_encoded_and_keeps_its_probabilities(nlp, fresh_vectors):
    model = load_current_model(DEFAULT_STANCE_MODELS)
    doc = nlp(ARTICLE)
    spans = {text: (doc.char_span(ARTICLE.index(text), ARTICLE.index(text) + len(text)),)
             for text in (PRAISE, SCHEDULE)}
    claims = pd.DataFrame({"content": [PRAISE, SCHEDULE], "speaker": ["farm union", "spokesman"]})
    with parse_memo().article_parses(claim_docs(spans)):
        assert model.classifier.decided_by_rules(claims_frame(claims, TARGET)).tolist() == [True, False]

    assert encode_claims(model, claims, TARGET, spans) == 1
    encoder = sentence_encoder(model.classifier.encoder)
    assert hashlib.sha256(PRAISE.encode()).hexdigest() not in encoder.memo
    assert hashlib.sha256(SCHEDULE.encode()).hexdigest() in encoder.memo

    stance = predict_claims(model, claims, TARGET, spans)
    assert hashlib.sha256(PRAISE.encode()).hexdigest() not in encoder.memo  # nor lazily by the prediction
    assert stance["stance"].tolist()[0] == "supportive"
    with parse_memo().article_parses(claim_docs(spans)):
        before = _every_row_scored(model.classifier, claims_frame(claims, TARGET))
    classes = list(model.classifier.classes_)
    for label in LABELS:
        np.testing.assert_allclose(stance[f"p_{label}"].to_numpy(float), before[:, classes.index(label)],
                                   rtol=0, atol=1e-12)
