"""Sentence vectors for the stance model: an installed sentence-transformers encoder (on torch, or exported to
ONNX Runtime) with a memo on disk."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.stance.card import StanceModelError
from pipeline.stance.memo import DiskMemo
from pipeline.stance.packages import EncoderUnavailable, encoder_folder

# all-MiniLM-L6-v2 on ONNX Runtime: the same vectors as on torch (cosine 1.0000), 2.2x the claims per CPU-second.
SENTENCE_ENCODER = "all-MiniLM-L6-v2-onnx"
# Where sentence vectors are remembered; tests and the benchmark point it at a folder of their own.
CACHE_ENV = "NEWSCLAIMS_VECTOR_CACHE"


def vector_cache_dir() -> Path:
    """``$NEWSCLAIMS_VECTOR_CACHE``, else the environment's share/newsclaims/vectors."""
    return Path(os.environ.get(CACHE_ENV) or Path(sys.prefix) / "share" / "newsclaims" / "vectors")


class SentenceEncoder:
    """A sentence-transformers model from installed packages, with a memo of texts already encoded.

    The memo makes cross-validation encode each text once rather than once per
    fold, and it is kept on disk (*cache_dir*, default ``vector_cache_dir()/NAME``)
    so retraining on the public sets plus a few new labels encodes only the new
    ones (a locally built encoder's memo is named after its graph's SHA-256 too,
    so a rebuild that changes the vectors starts a new one); the model itself
    loads only when a text is missing. The texts are remembered under their
    SHA-256, in a ``DiskMemo`` of the ``CACHE_LIMIT`` most recent.
    """

    CACHE_LIMIT = 40_000  # 60 MB at 384 dimensions: the public sets and many batches' claims
    BATCH_SIZE = 16  # sorted by length, small batches pad little: 1.8x the claims per CPU-second of 64

    def __init__(self, name: str, cache_dir: Path | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self.folder = encoder_folder(name)
        except EncoderUnavailable as exc:
            raise StanceModelError(str(exc)) from exc
        self.cache_dir = Path(cache_dir) if cache_dir else vector_cache_dir() / _memo_name(name, self.folder)
        self.store = DiskMemo(self.cache_dir, self.CACHE_LIMIT)
        self.memo = self.store.memo
        self._model = None

    @property
    def model(self):
        if self._model is None and (self.folder / "model.onnx").is_file():
            self._model = OnnxSentenceModel(self.folder)
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()
            self._model = SentenceTransformer(str(self.folder), device="cpu")
        return self._model

    def encode(self, texts) -> np.ndarray:
        texts = [str(t) for t in texts]
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        todo = {key: t for key, t in zip(keys, texts) if key not in self.memo}
        if todo:
            vectors = self.model.encode(list(todo.values()), batch_size=self.BATCH_SIZE, normalize_embeddings=True,
                                        show_progress_bar=False)
            self.memo.update(zip(todo, vectors.astype(np.float32)))
            self.store.remember(list(todo))
        if not keys:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), dtype=np.float32)
        return np.vstack([self.memo[k] for k in keys])


def _memo_name(name: str, folder: Path) -> str:
    """*name*, and for a locally built encoder the start of its graph's hash."""
    build = folder / "build.json"
    if not build.is_file():
        return name
    return f"{name}-{json.loads(build.read_text(encoding='utf-8'))['model_sha256'][:12]}"


class OnnxSentenceModel:
    """An exported encoder (``packages.ExportedEncoder``) on ONNX Runtime, with SentenceTransformer's ``encode``.

    One thread per process: the pipeline's parallelism is its worker processes,
    and a second thread bought 0.6x the claims per CPU-second (docs/encoder.md).
    Texts are batched by length and padded with a masked id, so a text's vector
    does not depend on the texts batched with it.
    """

    def __init__(self, folder: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        build = json.loads((folder / "build.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # the shipped tokenizer.json pads every text to 128 tokens
        self.tokenizer.enable_truncation(build["max_seq_length"])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])
        self.dimension = self.session.get_outputs()[0].shape[-1]

    def get_sentence_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, texts: list[str], batch_size: int = 16, **_ignored) -> np.ndarray:
        """Unit vectors of *texts* in their order (already normalised by the graph)."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in batch])
            ids = np.zeros((len(batch), max(len(e.ids) for e in encodings)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, encoding in enumerate(encodings):
                ids[row, :len(encoding.ids)] = encoding.ids
                mask[row, :len(encoding.ids)] = 1
            vectors[batch] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return vectors


@lru_cache(maxsize=2)
def sentence_encoder(name: str) -> SentenceEncoder:
    """One encoder per process and name: loading it takes seconds."""
    return SentenceEncoder(name)


def use_vector_cache(folder: Path) -> None:
    """Remember sentence vectors under *folder* from now on, forgetting the encoders loaded so far
    (the benchmark starts every size cold this way)."""
    os.environ[CACHE_ENV] = str(folder)
    sentence_encoder.cache_clear()
