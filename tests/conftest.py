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
