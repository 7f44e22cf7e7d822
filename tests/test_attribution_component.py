"""Attribution as a spaCy component, added by name to a fresh English pipeline (the entry point finds it)."""

from __future__ import annotations

from importlib.metadata import entry_points

import spacy

from pipeline.attribution import extract_claims
from pipeline.parse import DEFAULT_MODELS


def fresh_pipeline():
    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError(f"none of {DEFAULT_MODELS} is installed")


def test_the_factory_is_found_through_its_entry_point():
    found = {point.name: point.value for point in entry_points(group="spacy_factories")}
    assert found.get("newsclaims_attribution") == "pipeline.attribution.component:make_attribution"


def test_add_pipe_fills_doc_claims_with_content_cue_and_speaker_spans():
    nlp = fresh_pipeline()
    nlp.add_pipe("newsclaims_attribution")
    doc = nlp("“The new bridge will be finished by the spring,” said Maria Lopez, the city's chief engineer. "
              "The council argued that the budget for the project was far too small.")
    claims = {claim.claim_type: claim for claim in doc._.claims}
    direct, indirect = claims["direct"], claims["indirect"]
    assert direct.text == "The new bridge will be finished by the spring"
    assert direct.speaker == "Maria Lopez" and direct.speaker_mention.text == "Maria Lopez"
    assert direct.cue.text == "said" and direct.cue_lemma == "say"
    assert indirect.text == "the budget for the project was far too small"
    assert indirect.speaker_mention.text in ("The council", "council") and indirect.cue.text == "argued"
    assert all(span.doc is doc for claim in doc._.claims for span in claim.content)


def test_the_claims_table_is_built_from_doc_claims():
    nlp = fresh_pipeline()
    nlp.add_pipe("newsclaims_attribution")
    doc = nlp("“We will not sign this version,” the ambassador told reporters, according to two diplomats. "
              "Officials in Brussels said the talks would resume in March.")
    table = extract_claims({"a": doc})
    on_doc = [(c.text, c.speaker, c.cue_lemma, c.claim_type) for c in doc._.claims]
    assert len(on_doc) >= 2
    assert list(zip(table["content"], table["speaker"], table["cue"], table["claim_type"])) == on_doc
    assert list(table["start_char"]) == [c.content[0].start_char for c in doc._.claims]
    doc._.claims = []
    assert extract_claims({"a": doc}).empty


def test_extract_claims_runs_the_component_on_a_doc_without_claims():
    doc = fresh_pipeline()("The minister said that the new tax would hurt small farmers.")
    assert doc._.claims is None
    table = extract_claims({"a": doc})
    assert list(table["content"]) == ["the new tax would hurt small farmers"]
    assert doc._.claims and doc._.claims[0].speaker_mention.text in ("The minister", "minister")
