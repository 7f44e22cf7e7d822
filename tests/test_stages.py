"""The chunk stages: contexts read from the parse, stage timings, one stance model per process and version."""

from __future__ import annotations

import pickle

from pipeline import stages
from pipeline.ingest import ingest
from pipeline.io.config import DEFAULT_STANCE_MODELS, Target, load_batch_config
from pipeline.parse import sentence_context
from pipeline.stages import CHUNK_STAGES, ChunkSettings, current_model_id, process_chunk


def test_a_claims_context_is_the_sentences_that_hold_it(nlp):
    doc = nlp("The mayor spoke first. She said the bridge would open in May. Nobody believed her.")
    start = doc.text.index("the bridge")
    assert sentence_context(doc, start, start + len("the bridge would open")) == \
        "She said the bridge would open in May."
    across = doc.text.index("May")
    assert sentence_context(doc, across, doc.text.index("believed")) == \
        "She said the bridge would open in May. Nobody believed her."


def test_every_chunk_stage_is_timed_in_wall_and_cpu_seconds(tmp_path):
    (tmp_path / "a1.txt").write_text("Budget row\n\nSenator Mary Jones said the plan would raise taxes for "
                                     "families.\n", encoding="utf-8")
    articles, _ = ingest(tmp_path, load_batch_config(tmp_path))
    settings = ChunkSettings(target=Target(), stance_models=str(DEFAULT_STANCE_MODELS))
    result = process_chunk(articles, "p", settings)
    assert set(result.done) == set(CHUNK_STAGES) and len(result.tables["claims"]) == 1
    assert set(result.seconds) == set(result.cpu_seconds) == {"loading models", *CHUNK_STAGES}
    assert result.cpu_seconds["parse"] > 0 and all(v >= 0 for v in result.seconds.values())


def test_the_stance_model_is_loaded_once_per_process_and_a_shared_copy_is_used():
    first = stages.stance_model(DEFAULT_STANCE_MODELS)
    assert first.id == current_model_id(DEFAULT_STANCE_MODELS)
    assert stages.stance_model(str(DEFAULT_STANCE_MODELS)) is first
    copy = pickle.loads(pickle.dumps(first))  # as a pool worker receives it
    stages.share_stance_model(str(DEFAULT_STANCE_MODELS), copy)
    assert stages.stance_model(DEFAULT_STANCE_MODELS) is copy
