"""A saved stance model's folder read with json alone: its card, its file's hash, the CURRENT pointer.

``run`` checks the stance model before any work, and a run with nothing new
never loads it, so the check imports no scikit-learn (seconds of a no-op run).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.stance.encoder import StanceModelError
from pipeline.stance.packages import file_sha256

MODEL_FILE = "model.skops"
CARD_FILE = "card.json"
CURRENT_FILE = "CURRENT"
# Bumped whenever the features change, so a model trained on other features is refused, not misread.
FEATURE_DESIGN = 12


def check_model_folder(folder: Path) -> dict:
    """The card of a saved model whose files are whole, hashed as the card says and of this feature design;
    a StanceModelError otherwise. Reads no skops (a fraction of a second, where loading takes seconds)."""
    folder = Path(folder)
    model_path, card_path = folder / MODEL_FILE, folder / CARD_FILE
    if not model_path.is_file() or not card_path.is_file():
        raise StanceModelError(f"{folder} is not a stance model folder (needs {MODEL_FILE} and {CARD_FILE}); "
                               "train one with `newsclaims stance train ... --out FOLDER`")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise StanceModelError(f"{card_path} is not a readable model card ({exc}); retrain the model: "
                               "newsclaims stance train ...") from exc
    if not isinstance(card, dict) or card.get("model_sha256") != file_sha256(model_path):
        raise StanceModelError(f"{model_path} does not match the hash in its model card: refusing a tampered file")
    if card.get("feature_design") != FEATURE_DESIGN:
        raise StanceModelError(f"{folder} was trained on the features of design {card.get('feature_design', '1 or 2')}; "
                               f"this version computes design {FEATURE_DESIGN}. Retrain it: newsclaims stance train ...")
    return card


def current_model_dir(models_dir: Path) -> Path:
    pointer = Path(models_dir) / CURRENT_FILE
    if not pointer.is_file():
        raise StanceModelError(f"{pointer} is missing: train one with `newsclaims stance train ... --set-current`")
    return Path(models_dir) / pointer.read_text(encoding="utf-8").strip()
