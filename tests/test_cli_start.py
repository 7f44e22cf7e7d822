"""`newsclaims --help` answers at once: the CLI imports no heavy library until a command runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "sklearn", "spacy", "skops", "sentence_transformers", "pandas", "pyarrow")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def test_importing_the_cli_imports_no_heavy_library():
    assert not set(HEAVY) & _modules_after("import pipeline.cli")


@pytest.mark.parametrize("args", [[], ["run"], ["evaluate"], ["stance"], ["stance", "train"], ["stance", "crossval"],
                                  ["stance", "rescore"], ["label"], ["schema"]])
def test_every_help_imports_no_heavy_library(args):
    code = ("from pipeline.cli import cli\n"
            f"try:\n    cli({args + ['--help']!r}, prog_name='newsclaims')\nexcept SystemExit:\n    pass")
    assert not set(HEAVY) & _modules_after(code)


def test_the_cli_copy_of_the_stance_groupings_matches_the_model():
    from pipeline.cli.stance import GROUPINGS
    from pipeline.stance import GROUPINGS as MODEL_GROUPINGS

    assert set(GROUPINGS) == set(MODEL_GROUPINGS)
