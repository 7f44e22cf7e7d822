"""The chunk stages: contexts read from the parse, stage timings, one stance model per process and version."""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline import stages
from pipeline.ingest import ingest
from pipeline.io.config import DEFAULT_STANCE_MODELS, Target, load_batch_config
from pipeline.parse import sentence_context
from pipeline.stages import CHUNK_STAGES, ChunkSettings, claim_spans, current_model_id, process_chunk
from pipeline.stance.features import claim_docs, parse_memo
from pipeline.stance.targeted import FEATURE_NAMES
from tests.conftest import PROJECT_ROOT


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


def test_a_chunk_without_a_target_imports_no_stance_model(tmp_path):
    """Without a target the stance columns are neutral: a worker need not spend a second importing
    scikit-learn for them."""
    (tmp_path / "a1.txt").write_text("Port plan\n\nThe harbour master said the new pier would open in June.\n",
                                     encoding="utf-8")
    code = ("import sys\nfrom pathlib import Path\nfrom pipeline.ingest import ingest\n"
            "from pipeline.io.config import DEFAULT_STANCE_MODELS, Target, load_batch_config\n"
            "from pipeline.stages import ChunkSettings, prepare_worker, process_chunk\n"
            f"batch = Path({str(tmp_path)!r})\n"
            "settings = ChunkSettings(target=Target(), stance_models=str(DEFAULT_STANCE_MODELS))\n"
            "prepare_worker(settings)\n"
            "result = process_chunk(ingest(batch, load_batch_config(batch))[0], 'p', settings)\n"
            "print(len(result.tables['claims']), 'sklearn' in sys.modules, 'onnxruntime' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.stdout.split() == ["1", "False", "False"]


def test_the_stance_model_is_loaded_once_per_process():
    first = stages.stance_model(DEFAULT_STANCE_MODELS)
    assert first.id == current_model_id(DEFAULT_STANCE_MODELS)
    assert stages.stance_model(str(DEFAULT_STANCE_MODELS)) is first


def test_a_claims_doc_is_its_tokens_from_the_article_parse_with_outside_heads_as_roots(nlp):
    doc = nlp("The mayor said that the new bridge is a disaster for the city. Critics agreed.")
    start = doc.text.index("the new bridge")
    span = doc.char_span(start, doc.text.index(" for the city"))
    other = doc.char_span(doc.text.index("Critics"), len(doc.text))
    docs = claim_docs({span.text: (span,), other.text: (other,)})
    claim = docs[span.text]
    assert [t.text for t in claim] == [t.text for t in span] and [t.lemma_ for t in claim] == [t.lemma_ for t in span]
    assert [t.dep_ for t in claim if t.head.i == t.i] == ["ROOT"]  # "is" hangs from "said" in the article
    assert claim[claim.text.split().index("is")].dep_ == "ROOT"
    assert len(docs[other.text]) == len(other) and span.root.dep_ != "ROOT"  # the article's Doc is unchanged


def test_a_claim_in_fragments_is_read_from_its_article_parse_joined_as_its_content(nlp):
    from pipeline.attribution import extract_claims

    doc = nlp("“The new bridge is a disaster,” the mayor said on Tuesday, “and the council knows it.” "
              "Critics agreed.")
    claims = extract_claims({"a1": doc})
    split = claims[claims["spans"] != ""]
    assert len(split) == 1
    content = split["content"].iloc[0]
    fragments = claim_spans({"a1": doc}, split)[content]
    assert [span.text for span in fragments] == ["The new bridge is a disaster", "and the council knows it."]
    claim = claim_docs({content: fragments})[content]
    assert claim.text.rstrip() == content and claim[len(fragments[0])].text == "…"
    pieces = [*fragments[0], *fragments[1]]
    words = [t for t in claim if t.text != "…"]
    assert [(t.text, t.lemma_, t.tag_, t.ent_type_) for t in words] == \
        [(t.text, t.lemma_, t.tag_, t.ent_type_) for t in pieces]
    assert claim[claim.text.split().index("is")].dep_ == "ROOT"


def test_claims_read_from_their_article_parse_are_forgotten_after_the_chunk(nlp):
    memo = parse_memo()
    text = "Donald Trump is a disaster for the city"
    doc = nlp(f"Critics said that {text}.")
    span = doc.char_span(doc.text.index(text), doc.text.index(text) + len(text))
    key = (text, "Donald Trump", "")
    with memo.article_parses(claim_docs({text: (span,)})):
        inside = memo.rows_for([text], ["Donald Trump"], [""])
        assert key in memo.given_rows and key not in memo.rows
    assert not memo.given and not memo.given_rows
    alone = memo.rows_for([text], ["Donald Trump"], [""])
    assert key in memo.rows and inside.shape == alone.shape
    assert inside[0, FEATURE_NAMES.index("net")] < 0 and alone[0, FEATURE_NAMES.index("net")] < 0


def test_a_chunk_with_a_target_scores_its_claims_and_ships_no_spans(tmp_path):
    (tmp_path / "a1.txt").write_text("Budget row\n\nSenator Mary Jones said the plan would raise taxes for "
                                     "families.\n", encoding="utf-8")
    articles, _ = ingest(tmp_path, load_batch_config(tmp_path))
    settings = ChunkSettings(target=Target("the plan"), stance_models=str(DEFAULT_STANCE_MODELS))
    result = process_chunk(articles, "p", settings)
    assert "claim_spans" not in result.tables and set(result.tables) == {"articles", "entities", "entity_summary",
                                                                        "claims"}
    assert result.tables["claims"]["stance"].isin(["supportive", "opposed", "neutral"]).all()
    assert result.tables["claims"]["stance_model"].iloc[0] == current_model_id(DEFAULT_STANCE_MODELS)
