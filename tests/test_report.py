"""The HTML report and the terminal summary on the sample: structure, figures, and a real headless browser."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.io import schema, store
from pipeline.cli import cli
from pipeline.report import render_report, unpack_views, write_report
from pipeline.report.articles import cue_forms, find_cue
from pipeline.report.summary import batch_figures
from tests.chromium import Chromium, find_chromium

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                    reason="chromium is not installed (apt-get install chromium)")


class Spans(HTMLParser):
    """The spans displaCy drew in an article view, read back from the markup: (label, text) pairs.

    A marked token is ``<span class="t">`` holding its text, one line (``sl``) per span
    over it and a start (``st``, with the label in ``lb``) where a span begins; the line's
    offset from the top says which span it belongs to.
    """

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[str, str]] = []
        self._active: dict[str, list] = {}  # top offset -> [label, texts]
        self._stack: list[str] = []
        self._token: dict | None = None

    def _finish(self, tops) -> None:
        for top in list(tops):
            label, texts = self._active.pop(top)
            self.spans.append((label, "".join(texts)))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class", "")
        self._stack.append(cls)
        top = re.search(r"top:(\d+)px", attrs.get("style", ""))
        if cls == "t":
            self._token = {"text": [], "lines": set(), "starts": {}}
        elif cls == "spans":
            self._finish(self._active)
        elif cls in ("sl", "st") and self._token is not None:
            self._token["lines"].add(top.group(1))
            if cls == "st":
                self._token["starts"][top.group(1)] = []

    def handle_endtag(self, tag):
        cls = self._stack.pop()
        if cls == "t":
            token, self._token = self._token, None
            self._finish([t for t in self._active if t not in token["lines"] or t in token["starts"]])
            for top, label in token["starts"].items():
                self._active[top] = ["".join(label).strip(), []]
            text = "".join(token["text"])
            for top in token["lines"]:
                self._active[top][1].append(text)

    def handle_data(self, data):
        if self._token is None:
            if data.strip():
                self._finish(self._active)
            return
        if "lb" in self._stack:
            self._token["starts"][next(reversed(self._token["starts"]))].append(data)
        elif self._stack[-1] == "t":
            self._token["text"].append(data.strip())

    def close(self):
        super().close()
        self._finish(self._active)


def drawn_spans(markup: str) -> list[tuple[str, str]]:
    parser = Spans()
    parser.feed(markup)
    parser.close()
    return parser.spans


def squeeze(text: str) -> str:
    return "".join(str(text).split())


def page_data(page: str, element_id: str):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def sample_report(sample_processed, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(sample_processed), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, store.load_tables(sample_processed)


def test_every_claim_is_listed_and_marked_in_its_own_article(sample_report):
    out, tables = sample_report
    page = out.read_text(encoding="utf-8")
    claims, articles = page_data(page, "claims-data"), page_data(page, "articles-data")
    views = unpack_views(page_data(page, "views-data"))
    article_ids = [row[0] for row in articles["rows"]]
    assert sorted(article_ids) == sorted(tables["articles"]["article_id"])
    assert len(views) == len(article_ids)
    listed = {(article_ids[row[0]], row[1]): row for row in claims["rows"]}
    assert len(listed) == len(claims["rows"]) == len(tables["claims"]) > 0
    for aid, group in tables["claims"].groupby("article_id"):
        drawn = drawn_spans(views[article_ids.index(aid)])
        for number, claim in enumerate(group.sort_values("start_char").itertuples(), start=1):
            row = dict(zip(claims["columns"], listed[(aid, number)]))
            assert (row["speaker"], row["content"], row["stance"]) == (claim.speaker, claim.content, claim.stance)
            claim_text = "".join(text for label, text in drawn if label == f"claim {number}")
            assert claim_text == squeeze(claim.content)
            if claim.speaker_start_char >= 0:
                speaker_text = [text for label, text in drawn if label == f"speaker {number}"]
                assert speaker_text == [squeeze(claim.speaker_mention)]


def test_cues_and_entities_are_marked(sample_report):
    out, tables = sample_report
    page = out.read_text(encoding="utf-8")
    article_ids = [row[0] for row in page_data(page, "articles-data")["rows"]]
    views = unpack_views(page_data(page, "views-data"))
    found = total = 0
    for aid, view in zip(article_ids, views):
        drawn = drawn_spans(view)
        entities = tables["entities"][tables["entities"]["article_id"] == aid]
        labels = {str(label) for label in entities["label"]}
        assert sorted(text for label, text in drawn if label in labels) == sorted(map(squeeze, entities["text"]))
        claims = tables["claims"][tables["claims"]["article_id"] == aid].sort_values("start_char")
        for number, claim in enumerate(claims.itertuples(), start=1):
            total += 1
            cue = [text for label, text in drawn if label == f"cue {number}"]
            found += bool(cue)
            if cue and " " not in claim.cue:
                assert cue[0].casefold() in cue_forms(claim.cue)
    assert found >= 0.9 * total


@pytest.mark.parametrize("sentence, cue, expected", [
    ("“We will win,” she said on Monday.", "say", "said"),
    ("He told reporters the deal was dead.", "tell", "told"),
    ("The minister, denying the report, said nothing.", "deny", "denying"),
    ("Critics argued that the plan would fail.", "argue", "argued"),
    ("She admitted the plan had failed.", "admit", "admitted"),
    ("The plan, according to officials, is dead.", "according to", "according to"),
])
def test_a_cue_is_found_from_its_lemma_outside_the_claim(sentence, cue, expected):
    claim = {"say": "We will win", "tell": "the deal was dead", "deny": "nothing", "argue": "the plan would fail",
             "admit": "the plan had failed", "according to": "The plan"}[cue]
    start = sentence.index(claim)
    found = find_cue(sentence, start, start + len(claim), cue, sentence)
    assert found is not None and sentence[found[0]:found[1]] == expected


def test_summary_prints_the_report_figures(sample_report, sample_processed):
    out, tables = sample_report
    figures = batch_figures(tables)
    result = CliRunner().invoke(cli, ["summary", str(sample_processed), "--top", "5"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    for label, value in figures.glance():
        assert re.search(rf"{re.escape(label)}\s+{re.escape(value)}", result.output)
        assert f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" in page
    for row in figures.speakers.head(5).itertuples():
        assert row.speaker in result.output
    assert figures.n_claims == len(tables["claims"])
    assert figures.claims_by_type == tables["claims"]["claim_type"].value_counts().to_dict()


def test_the_sample_has_outlets_from_its_metadata(sample_report):
    out, tables = sample_report
    assert set(batch_figures(tables).outlets) == {"EURACTIV", "AFP/APP"}
    page = out.read_text(encoding="utf-8")
    assert '<figure class="chart"><svg' in page and "EURACTIV" in page


def test_empty_tables_and_unknown_batches(tmp_path):
    empty = {name: schema.empty(table) for name, table in schema.TABLES.items()}
    page = render_report(empty)
    assert "No claims in these tables." in page and page_data(page, "claims-data")["rows"] == []
    path = write_report(tmp_path, tmp_path / "report.html")  # a folder with no tables yet
    assert "No claims in these tables." in path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "--batch", "nope"])
    assert result.exit_code != 0 and "no batch 'nope'" in result.output


def test_batch_option_keeps_one_batch(sample_processed, tmp_path):
    tables = store.load_tables(sample_processed)
    page = render_report(tables, batch="sample")
    assert len(page_data(page, "claims-data")["rows"]) == len(tables["claims"])
    result = CliRunner().invoke(cli, ["summary", str(sample_processed), "--batch", "other"])
    assert result.exit_code != 0 and "batches: sample" in result.output


@needs_chromium
def test_a_browser_opens_the_report_offline_and_shows_a_claim_in_its_article(sample_report):
    out, tables = sample_report
    with Chromium(CHROMIUM) as browser:
        browser.open(out)
        assert browser.log.errors == []
        assert browser.log.requests == [out.resolve().as_uri()]  # the file itself, nothing else
        rows = browser.evaluate("document.querySelectorAll('#claim-table tbody tr').length")
        assert rows == min(100, len(tables["claims"]))
        link = browser.evaluate("document.querySelector('#claim-table tbody a').getAttribute('href')")
        browser.evaluate(f"location.hash = {json.dumps(link)}")
        browser.wait_until("document.getElementById('viewer').open")
        browser.wait_until("document.querySelector('#viewer-body .t.focus') !== null")
        shown = browser.evaluate("document.querySelector('#viewer-body .t.focus').firstChild.textContent")
        first = browser.evaluate("document.querySelector('#claim-table tbody td.content').textContent")
        assert first.split()[0] == shown.strip()
        browser.evaluate("document.getElementById('claim-stance').value = 'opposed';"
                         "document.getElementById('claim-filters').dispatchEvent(new Event('input'))")
        stances = browser.evaluate("[...document.querySelectorAll('#claim-table tbody .stance')]"
                                   ".map(s => s.textContent)")
        assert stances and set(stances) == {"opposed"}
        assert browser.log.errors == []


@needs_chromium
def test_compressed_views_open_in_the_browser(sample_processed, tmp_path):
    out = tmp_path / "compressed.html"
    out.write_text(render_report(store.load_tables(sample_processed), compress_above=0), encoding="utf-8")
    assert page_data(out.read_text(encoding="utf-8"), "views-data")["encoding"] == "gzip+base64"
    with Chromium(CHROMIUM) as browser:
        browser.open(out)
        browser.evaluate("location.hash = '#a0'")
        browser.wait_until("document.querySelectorAll('#viewer-body .spans').length > 0")
        labels = browser.evaluate("[...document.querySelectorAll('#viewer-body .lb')].map(l => l.textContent)")
        assert "claim 1" in labels
        assert browser.log.errors == []
        assert browser.log.requests == [out.resolve().as_uri()]
