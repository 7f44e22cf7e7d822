"""Stance: each claim's stance toward the batch's target, from what the claim says about the target.

Design 12. A target never trained on is the normal case (every batch names its
own), so nothing in the model belongs to one target: the claim's dependency
parse is read for how it treats the target (``targeted``: praise and
criticism, acts for and against it, recommendations, consequences, negation),
beside its overall sentiment and its sentence vector with the vector's product
with the target's (``features``), all signed by the target's polarity ("ban X"
reverses X). A multinomial logistic regression mixed with a small network over
the claim-target relation (``model.StanceClassifier``, block weights and mix
as parameters) learns from public sets with hundreds of targets,
the sample's labels, and neutral pairs of claims with targets they are not
about (``data``). ``crossval`` holds out whole targets or articles.

Modules: data (label files, weights, neutral pairs), targeted (parse rules),
features (feature blocks), encoder (sentence vectors, on ONNX Runtime by
default), memo (vectors and rule rows remembered on disk), model (estimator,
files, prediction), neutral (the columns when there is no target), crossval
(held-out figures), card (a saved model's card, read without scikit-learn).

The names below are imported on first use (PEP 562), so importing the package,
or its ``card`` module for ``run``'s check, costs no scikit-learn import.
"""

from importlib import import_module

_EXPORTS = {
    "crossval": ("GROUPINGS", "cross_validate", "expected_calibration_error", "macro_f1", "score_labelled"),
    "data": ("LABELS", "read_labels"),
    "encoder": ("SENTENCE_ENCODER", "SentenceEncoder", "use_vector_cache"),
    "card": ("CARD_FOLDS", "FEATURE_DESIGN", "StanceModelError", "current_model_dir"),
    "model": ("StanceClassifier", "StanceModel", "claim_parses", "encode_claims", "fit_classifier",
              "label_probabilities", "load_current_model", "load_encoder", "load_model", "predict_claims",
              "predict_frame", "save_model", "seen_in_training", "set_current", "speaks_as_target", "split_settings",
              "text_seen_in_training", "train"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
_SUBMODULES = ("card", "crossval", "data", "encoder", "features", "label", "memo", "model", "neutral", "packages",
               "targeted")

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name in _MODULE_OF:
        value = getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    elif name in _SUBMODULES:
        value = import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF, *_SUBMODULES})
