"""Attribution as a spaCy component, added by name to a fresh English pipeline (the entry point finds it)."""

from __future__ import annotations

from importlib.metadata import entry_points

import spacy

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
