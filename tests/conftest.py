"""Shared fixtures: the real spaCy pipeline, loaded once per test session; caches kept under pytest's tmp folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse import load_model
from pipeline.stance.encoder import CACHE_ENV

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_BATCH = PROJECT_ROOT / "raw" / "sample"


def folder_in_env(tmp_path_factory, name: str, variable: str):
    """A fresh folder of pytest's, named by the environment *variable* while the fixture using it lives."""
    folder = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(variable, str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def vector_cache(tmp_path_factory):
    """Sentence vectors are remembered in a session folder, never in the virtual environment."""
    yield from folder_in_env(tmp_path_factory, "vectors", CACHE_ENV)


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def sample_processed(tmp_path_factory) -> Path:
    """The sample batch run once, for the tests that only read its tables (report, notebook)."""
    from pipeline.run import run_batch

    out = tmp_path_factory.mktemp("sample-processed")
    run_batch(SAMPLE_BATCH, out, progress=False, log=lambda message: None)
    return out
