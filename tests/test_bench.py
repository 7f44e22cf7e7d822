"""The benchmark runs every stage on real text and reports consistent figures (no timing asserts)."""

from __future__ import annotations

import pytest

from pipeline.bench import format_benchmark, pipeline_stages, run_benchmark
from pipeline.config import Target
from pipeline.run import DEFAULT_STANCE_MODELS
from pipeline.stance import load_current_model


def test_benchmark_reports_every_stage(nlp):
    texts = ["“The plan is sound,” said Maria Lopez, a minister.", "Critics say the law goes too far."]
    stages = pipeline_stages(Target("the plan"), load_current_model(DEFAULT_STANCE_MODELS))
    result = run_benchmark(texts, nlp, repeat=2, stages=stages)
    assert result["articles"] == 4 and result["words"] == 2 * sum(len(t.split()) for t in texts)
    assert set(result["stage_seconds"]) == {"parse"} | {name for name, _ in stages}
    assert "throughput ratio" in format_benchmark(result)


def test_benchmark_refuses_empty_input(nlp):
    with pytest.raises(ValueError, match="at least one text"):
        run_benchmark([], nlp)
