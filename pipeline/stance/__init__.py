"""Stance: each claim's stance toward the batch's target, from what the claim says about the target.

Design 9. A target never trained on is the normal case (every batch names its
own), so nothing in the model belongs to one target: the claim's dependency
parse is read for how it treats the target (``targeted``: praise and
criticism, acts for and against it, recommendations, consequences, negation),
beside its overall sentiment and its sentence vector with the vector's product
with the target's (``features``), all signed by the target's polarity ("ban X"
reverses X). A multinomial logistic regression (``model.StanceClassifier``,
block weights as parameters) learns from public sets with hundreds of targets,
the sample's labels, and neutral pairs of claims with targets they are not
about (``data``). ``crossval`` holds out whole targets or articles.

Modules: data (label files, weights, neutral pairs), targeted (parse rules),
features (feature blocks), encoder (sentence vectors), model (estimator, files,
prediction), crossval (held-out figures).
"""

from pipeline.stance.crossval import GROUPINGS, cross_validate, expected_calibration_error, macro_f1, score_labelled
from pipeline.stance.data import LABELS, read_labels
from pipeline.stance.encoder import SENTENCE_ENCODER, SentenceEncoder, StanceModelError, use_vector_cache
from pipeline.stance.model import (FEATURE_DESIGN, StanceClassifier, StanceModel, current_model_dir, encode_claims,
                                   fit_classifier, label_probabilities, load_current_model, load_encoder, load_model,
                                   predict_claims, predict_frame, save_model, seen_in_training, set_current,
                                   speaks_as_target, split_settings, train)

__all__ = ["GROUPINGS", "LABELS", "FEATURE_DESIGN", "SENTENCE_ENCODER", "SentenceEncoder", "StanceClassifier",
           "StanceModel", "StanceModelError", "cross_validate", "current_model_dir", "encode_claims",
           "expected_calibration_error", "fit_classifier", "load_encoder", "label_probabilities", "load_current_model", "load_model", "macro_f1", "predict_claims",
           "predict_frame", "read_labels", "save_model", "score_labelled", "seen_in_training", "set_current",
           "speaks_as_target", "split_settings", "train", "use_vector_cache"]
