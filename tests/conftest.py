"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp import load_model

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_BATCH = PROJECT_ROOT / "raw" / "sample"


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
