"""Property-based tests: adversarial text through ingest and attribution (issue 19).

Derandomized and bounded (``newsclaims-fuzz`` profile) so `make test` runs the
same few hundred cases every time, in seconds. Each class of trouble has an
explicit example: unbalanced and nested quotes, very long sentences, only
punctuation, mixed scripts, control characters.
"""

from __future__ import annotations

import pytest

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.io import schema
from pipeline.attribution import extract_claims
from pipeline.io.config import BatchConfig, Target
from pipeline.entities import extract_entities
from pipeline.ingest import ingest

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

settings.register_profile("newsclaims-fuzz", derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = settings.get_profile("newsclaims-fuzz")
CONFIG = BatchConfig(name="fuzz", target=Target(name="the treaty"))

QUOTES = list("\"'“”‘’«»„‚‹›")
WORDS = ["the", "minister", "said", "told", "reporters", "treaty", "Maria", "Lopez", "UN", "he", "she",
         "according", "to", "claimed", "that", "it", "would", "fail", "never", "sign", "Geneva", "on", "Monday"]
PIECES = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(QUOTES), st.sampled_from(list(".,;:!?—–-()[]…")),
    st.sampled_from(["\n", "\n\n", " ", "\t", "\r\n"]),
    st.sampled_from(["联合国", "公约", "Путин", "заявил", "شكرا", "Déclaration", "ü", "🙂", "\u200b", "\ufeff"]),
    st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x0c", "\ud800"]),
    st.text(max_size=8),
)
TEXTS = st.lists(PIECES, max_size=60).map(" ".join)

UNBALANCED = 'The minister said "we will never sign it. “Not this year, Lopez told reporters on Monday.'
NESTED = '“He told me ‘we will “never” sign the ‘treaty’,” the minister said. "It \'would\' fail," she said.'
LONG_SENTENCE = "The minister said that " + ", and that ".join(["the treaty would fail in Geneva"] * 400) + "."
ONLY_PUNCTUATION = '!?…“”"\'.,;:—–()[] ... ,,, “” ‘’ «»'
MIXED_SCRIPTS = 'Президент заявил, 联合国 «ist» شكرا: “the treaty is bad,” Maria Lopez said in Genève.'
CONTROLS = 'The minister\x00 said\x1b "it\x07 is a bad treaty."\x7f\n\nLopez\ud800 said\x0c it would\x85 fail.'


def fuzzed(test):
    """Run *test* on generated text and on one explicit example of each adversarial class."""
    for case in (UNBALANCED, NESTED, LONG_SENTENCE, ONLY_PUNCTUATION, MIXED_SCRIPTS, CONTROLS):
        test = example(case)(test)
    return settings(PROFILE, max_examples=120)(given(TEXTS)(test))


def _ingest_text(text: str, folder: Path):
    """Write *text* as a .txt file and as a JSONL row, and ingest the folder."""
    (folder / "a.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    (folder / "b.jsonl").write_text(json.dumps({"text": text, "title": text[:40]}) + "\n", encoding="utf-8")
    return ingest(folder, CONFIG)


@fuzzed
def test_ingest_never_fails_and_stores_only_clean_text(text):
    with tempfile.TemporaryDirectory() as tmp:
        articles, errors = _ingest_text(text, Path(tmp))
    schema.validate(articles, schema.ARTICLES)
    schema.validate(errors, schema.ERRORS)
    assert set(errors["kind"]) <= set(schema.ERROR_KINDS)
    for stored in articles["text"]:
        stored.encode("utf-8")  # no lone surrogate: the table can be written
        assert not any(ord(c) < 32 and c not in "\t\n\r\x0c" for c in stored)


def _valid_claims(claims):
    """The declared claims columns that attribution fills (stance and context come later), checked."""
    table = schema.Table("claims", "", schema.CLAIMS.key,
                         tuple(c for c in schema.CLAIMS.columns if c.name in claims.columns))
    return schema.validate(claims[table.names], table)


@fuzzed
def test_attribution_offsets_slice_the_stored_text(nlp, text):
    with tempfile.TemporaryDirectory() as tmp:
        articles, _ = _ingest_text(text, Path(tmp))
    if articles.empty:
        return
    texts = dict(zip(articles["article_id"], articles["text"]))
    docs = dict(zip(texts, nlp.pipe(texts.values())))
    claims = _valid_claims(extract_claims(docs))
    entities = schema.validate(extract_entities(docs), schema.ENTITIES)
    for row in claims.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.content
        if row.speaker_start_char >= 0:
            assert texts[row.article_id][row.speaker_start_char:row.speaker_end_char] == row.speaker_mention
    for row in entities.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.text
