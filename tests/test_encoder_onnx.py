"""The sentence encoder exported to ONNX Runtime: equal to torch in fp32, batch-independent in int8, rebuilt when
its build no longer matches, and a clear error where it cannot be built."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.stance.encoder import SentenceEncoder
from pipeline.stance.packages import ENCODERS, EXPORT_ENV, EncoderUnavailable, ExportedEncoder
from tests.conftest import folder_in_env

# News-register sentences written for this test, from two words to well past a typical claim's length.
SENTENCES = [
    "Taxes rose.",
    "The mayor said the bridge would reopen in March.",
    "Critics called the new curfew a disaster for small shops and the families who run them.",
    "The senator praised the hospital levy as the best thing to happen to the county in a decade.",
    "Officials will publish the audit on Tuesday.",
    "The union opposes the pension reform, which it says would cut benefits for nurses by a fifth.",
    "She has backed the ferry subsidy from the start.",
    "The committee met for three hours and adjourned without a vote on the zoning plan, the clerk said.",
    "Nobody knows.",
    "According to the ministry, 4,200 applications for the grant arrived before the deadline on 1 June, "
    "most of them from farms in the northern districts, and about a third were incomplete.",
    "Voters rejected the stadium bond by a wide margin.",
    "The governor's plan is reckless and will bankrupt the state, the opposition leader warned.",
    "Supporters say the law protects tenants; landlords say it drives up rents.",
    "The report was released late on Friday.",
    "It is a fine idea.",
    "The airport expansion, which the council approved last year after a long fight with residents over noise, "
    "is now two years behind schedule and forty million over budget.",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    """Encoders are built in a folder of this module's, never in the virtual environment."""
    yield from folder_in_env(tmp_path_factory, "encoders", EXPORT_ENV)


@pytest.fixture(scope="module")
def torch_vectors(tmp_path_factory) -> np.ndarray:
    return SentenceEncoder("all-MiniLM-L6-v2", cache_dir=tmp_path_factory.mktemp("torch")).encode(SENTENCES)


def _encode(name: str, texts: list[str], batch_size: int = 16) -> np.ndarray:
    """Vectors straight from the model (no memo), so every call really encodes."""
    return SentenceEncoder(name).model.encode(texts, batch_size=batch_size)


@pytest.mark.slow
def test_the_fp32_onnx_encoder_gives_the_torch_vectors(export_dir, torch_vectors):
    vectors = _encode("all-MiniLM-L6-v2-onnx", SENTENCES)
    assert vectors.shape == torch_vectors.shape == (len(SENTENCES), 384)
    assert _cosines(vectors, torch_vectors).min() >= 0.99999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_an_int8_vector_depends_on_its_own_text_only_and_stays_near_fp32(export_dir, torch_vectors):
    batched = _encode("all-MiniLM-L6-v2-int8", SENTENCES)
    alone = np.vstack([_encode("all-MiniLM-L6-v2-int8", [text]) for text in SENTENCES])
    assert _cosines(batched, alone).min() >= 0.9999  # padded beside the longest sentence or not at all
    assert np.array_equal(batched, _encode("all-MiniLM-L6-v2-int8", SENTENCES))  # deterministic
    near = _cosines(batched, torch_vectors)
    assert near.mean() >= 0.97 and near.min() >= 0.9
    assert not np.allclose(batched, torch_vectors, atol=1e-3)  # it is really quantised
    build = json.loads((export_dir / "all-MiniLM-L6-v2-int8" / "build.json").read_text())
    assert build["int8"] and len(build["calibration_sha256"]) == 64


@pytest.mark.slow
def test_a_build_whose_graph_or_recipe_no_longer_matches_is_rebuilt(export_dir):
    encoder = ENCODERS["all-MiniLM-L6-v2-onnx"]
    folder = encoder.folder()
    graph = folder / "model.onnx"
    built = graph.read_bytes()
    graph.write_bytes(built[:1000])  # a truncated copy
    assert encoder.folder() == folder and graph.read_bytes() == built
    build = json.loads((folder / "build.json").read_text())
    (folder / "build.json").write_text(json.dumps({**build, "recipe": 0}))
    encoder.folder()
    assert json.loads((folder / "build.json").read_text())["recipe"] == ExportedEncoder.RECIPE


def test_an_encoder_that_cannot_be_built_names_the_setting_that_moves_it(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(EXPORT_ENV, str(blocker / "encoders"))
    unwritable = f"cannot build the sentence encoder all-MiniLM-L6-v2-int8 .*{EXPORT_ENV}"
    with pytest.raises(EncoderUnavailable, match=unwritable):
        ENCODERS["all-MiniLM-L6-v2-int8"].folder()


@pytest.mark.slow
def test_a_built_encoder_remembers_its_vectors_under_its_graph_hash(export_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCLAIMS_VECTOR_CACHE", str(tmp_path))
    encoder = SentenceEncoder("all-MiniLM-L6-v2-onnx")
    encoder.encode(SENTENCES[:2])
    build = json.loads((export_dir / "all-MiniLM-L6-v2-onnx" / "build.json").read_text())
    assert encoder.cache_dir == tmp_path / f"all-MiniLM-L6-v2-onnx-{build['model_sha256'][:12]}"
    assert len(list(encoder.cache_dir.glob("*.npz"))) == 1
