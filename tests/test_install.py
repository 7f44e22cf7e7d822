"""An installed (non-editable) newsclaims runs a batch from another folder, its default model from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

ROOT = Path(__file__).resolve().parents[1]


def test_a_wheel_installed_outside_the_checkout_runs_a_batch(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, cwd=tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", *map(str, wheels.glob("*.whl"))],
                   check=True)
    # The dependencies come from this environment's site-packages (read as a plain path, so this checkout's
    # editable install does not shadow the wheel's package).
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    batch = tmp_path / "elsewhere" / "batch"
    batch.mkdir(parents=True)
    article = next((ROOT / "raw" / "sample").glob("*.txt"))
    (batch / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NEWSCLAIMS_MODELS"}
    result = subprocess.run([str(venv / "bin" / "newsclaims"), "run", "batch", "--out", "out", "--quiet",
                             "--target", "the UN cybercrime convention"], cwd=batch.parent, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    where = subprocess.run([str(python), "-c", "import pipeline, pipeline.io.config as c; "
                            "print(pipeline.__file__); print(c.DEFAULT_STANCE_MODELS)"],
                           cwd=batch.parent, check=True, capture_output=True, text=True).stdout.split("\n")
    assert where[0].startswith(str(venv)) and where[1] == str(venv / "share" / "newsclaims" / "models" / "stance")
    assert any((batch.parent / "out" / "claims").glob("*.parquet"))
