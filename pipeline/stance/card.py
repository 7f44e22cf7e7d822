"""A saved stance model's folder read with json alone: its card, its file's hash, the CURRENT pointer.

``run`` checks the stance model before any work, and a run with nothing new
never loads it, so the check imports no scikit-learn (seconds of a no-op run).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from pipeline.stance.packages import file_sha256

MODEL_FILE = "model.skops"
CARD_FILE = "card.json"
CURRENT_FILE = "CURRENT"
# Folds of the card's cross-validation: three keep retraining on the public sets plus a user's labels under two
# minutes (five took about three); `stance crossval` (five by default) gives the figures the docs report.
CARD_FOLDS = 3
# Bumped whenever the features change, so a model trained on other features is refused, not misread.
FEATURE_DESIGN = 12
# What the stance rules read besides the model file. Editing one changes what a stored claim would be scored
# now, so they are part of the model id that `run` compares with each claim's.
RULES_RESOURCES = ("stance_lexicon.toml", "target_polarity.toml")
RULES_CODE = ("features.py", "targeted")
PACKAGE = Path(__file__).parents[1]


class StanceModelError(RuntimeError):
    """A model folder that cannot be used: missing, tampered with, from another design, or holding foreign types."""


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


def rules_digest(package: Path = PACKAGE) -> str:
    """SHA-256 over the rules' word files and code in *package* (the installed ``pipeline``): a user's edit to
    the lexicon, or a new version of the rules, marks the claims scored before it as stale."""
    digest = hashlib.sha256()
    files = [package / "resources" / name for name in RULES_RESOURCES]
    for name in RULES_CODE:
        path = package / "stance" / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for path in files:
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _installed_rules() -> str:
    """The installed rules' digest, read once per process as the lexicon itself is."""
    return rules_digest()[:8]


def model_id(name: str, card: dict) -> str:
    """The name, the first 8 hex digits of the model file's hash and of the rules' (``rules_digest``): a model
    retrained under the same name, or the same model with edited rules, gets a new id, so claims it did not
    score are spotted."""
    digest = card.get("model_sha256", "")
    version = f"@{digest[:8]}" if digest else ""
    return f"{name}{version}+rules@{_installed_rules()}"
