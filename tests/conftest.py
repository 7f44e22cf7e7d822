"""Shared fixtures: the real spaCy pipeline, loaded once per test session; caches kept under pytest's tmp folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.parse import load_model
from pipeline.stance.encoder import CACHE_ENV

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_BATCH = PROJECT_ROOT / "raw" / "sample"


@pytest.fixture(scope="session", autouse=True)
def vector_cache(tmp_path_factory):
    """Sentence vectors are remembered in a session folder, never in the virtual environment."""
    folder = tmp_path_factory.mktemp("vectors")
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = previous


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
