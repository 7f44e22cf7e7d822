"""notebooks/explore.ipynb runs top to bottom on the sample and its outputs answer its three questions."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.io import store
from pipeline.report.summary import batch_figures
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed(sample_processed, monkeypatch_module):
    monkeypatch_module.setenv("NEWSCLAIMS_PROCESSED", str(sample_processed))
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    monkeypatch_module.setenv("PYTHONPATH", path)  # the kernel imports this tree's pipeline
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook, store.load_tables(sample_processed)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _answers(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def test_every_question_is_answered_in_words_and_a_chart(executed):
    notebook, tables = executed
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    questions = code[1:]
    assert len(questions) == 3
    for cell in questions:
        assert _answers(cell).strip()
        assert any("image/png" in o.get("data", {}) for o in cell.outputs)
    who, outlets, entities = (_answers(cell) for cell in questions)
    top = batch_figures(tables).speakers.iloc[0]
    assert who.startswith(f"{top.speaker}: {top.n_claims} claims ({top.n_supportive} supportive, "
                          f"{top.n_opposed} opposed")
    for outlet in ("EURACTIV", "AFP/APP", "(no outlet)"):
        assert f"{outlet}: " in outlets
    in_opposed = entities.split("opposed: ")[1].splitlines()[0]
    assert in_opposed != "none" and in_opposed.split(" (")[0] in set(tables["entities"]["canonical"])
