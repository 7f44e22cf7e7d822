"""The bench: distinct articles, every stage of a real run timed, bare nlp.pipe in its own process."""

from __future__ import annotations

import pytest

from pipeline.evaluation.bench import bench_size, format_bench, recombined_corpus
from pipeline.stages import EXTRACTION_STAGES

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not


def test_the_default_corpus_holds_distinct_articles(tmp_path):
    corpus = recombined_corpus(tmp_path / "corpus", 30)
    texts = [p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")]
    assert len(texts) == 30 and len(set(texts)) == 30
    assert (corpus / "batch.toml").is_file()


def test_a_bench_run_times_every_stage_against_bare_spacy(tmp_path):
    corpus = recombined_corpus(tmp_path / "corpus", 3)
    figures = bench_size(corpus, 3, workers=1, chunk_size=2, target=None, model=None,
                         scratch=tmp_path / "scratch", stance=False)
    run = figures["without stance"]
    assert figures["articles"] == 3 and run["claims"] > 0
    assert set(EXTRACTION_STAGES) <= set(run["stages"]) and all(v >= 0 for v in run["stages"].values())
    # each run is measured in a process of its own, which holds at least a loaded spaCy model
    assert figures["bare"]["seconds"] > 0 and min(run["peak_bytes"], figures["bare"]["peak_bytes"]) > 100 * 2**20
    table = format_bench([figures])
    assert "| **ratio, wall (bare / run)** |" in table and "stance skipped" in table
    assert run["cpu_seconds"] > 0 and figures["bare"]["cpu_seconds"] > 0
