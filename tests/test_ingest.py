"""Ingest: formats, cleaning rules on lines we wrote, bad input, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.io.config import BatchConfig, Target, load_batch_config
from pipeline.ingest import article_id, clean_body, default_boilerplate, ingest, split_paragraphs

CONFIG = BatchConfig(name="t", target=Target(name="the treaty"))
RULES = default_boilerplate()


@pytest.mark.parametrize("line", [
    "World / Europe", "News | Politics", "Sport › Football", "AFP/APP", "REUTERS", "(AFP)",
    "Photo: Jane Doe/Reuters", "Image credit: Getty Images",
    "[Edited by Anna Smith]", "Reporting by Tom Jones; Editing by Ann Lee",
    "Subscribe to our newsletters", "Sign up for our daily briefing newsletter",
    "Comments are closed.", "Please read our comment policy before commenting.",
    "Leave a comment", "–", "---", "* * *", "Read more: why the vote matters",
])
def test_boilerplate_lines_are_recognised(line):
    assert RULES.is_boilerplate(line), line


@pytest.mark.parametrize("line", [
    "The minister said the treaty would protect rights.",
    "Suspicions arise over the vote",
    "NATO allies met in Brussels on Tuesday.",
    "“We will not sign it,” she said.",
    "Comments from the ministry were not available.",
    "US/EU talks resumed on Friday after a two-week pause in Geneva.",
])
def test_article_lines_are_kept(line):
    assert RULES.is_boilerplate(line) is None, line


@pytest.mark.parametrize("first, dateline, rest", [
    ("GENEVA — Delegates met on Monday.", "GENEVA", "Delegates met on Monday."),
    ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON (Reuters)", "The Senate voted."),
    ("United Nations: Member states agreed.", "United Nations", "Member states agreed."),
    ("Paris, France – Officials said little.", "Paris, France", "Officials said little."),
    ("Delegates met in Geneva - and talked.", "", "Delegates met in Geneva - and talked."),
])
def test_dateline_goes_to_its_own_field(first, dateline, rest):
    cleaned = clean_body([first, "Second paragraph."], RULES, take_title=False)
    assert cleaned["dateline"] == dateline
    assert cleaned["text"].split("\n\n")[0] == rest


@pytest.mark.parametrize("line, kept", [
    ("The minister speaks in Geneva on Monday. [EPA-EFE/SALVATORE DI NOLFI]", "The minister speaks in Geneva on Monday."),
    ("Delegates vote in New York (Photo: Jane Doe/AFP)", "Delegates vote in New York"),
    ("The vote [in 2019] was close.", "The vote [in 2019] was close."),
])
def test_credits_inside_a_caption_are_cut(line, kept):
    assert clean_body([line, "Body."], RULES, take_title=False)["text"].split("\n\n")[0] == kept


def test_headline_becomes_title_but_a_lede_does_not():
    with_title = clean_body(split_paragraphs("Treaty vote splits the assembly\n\nThe assembly voted."), RULES, True)
    assert with_title["title"] == "Treaty vote splits the assembly"
    lede = clean_body(split_paragraphs("The assembly voted on Friday.\nIt was close."), RULES, True)
    assert lede["title"] == "" and lede["text"].startswith("The assembly voted")


def test_paragraphs_are_kept_from_single_and_double_newlines():
    assert split_paragraphs("One.\nTwo.\n\n\nThree.\r\nFour.") == ["One.", "Two.", "Three.", "Four."]


def test_article_id_ignores_whitespace_and_case():
    assert article_id("The vote was close.\n\nIt passed.") == article_id("the vote  was close. It passed.")


def _write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def test_bad_inputs_are_reported_and_the_rest_completes(tmp_path):
    _write(tmp_path, "good.txt", "Vote passes\n\nThe assembly voted on Friday, officials said.".encode())
    _write(tmp_path, "empty.txt", b"  \n")
    _write(tmp_path, "binary.txt", bytes(range(256)) * 4)
    _write(tmp_path, "latin1.txt", "Caf\xe9 owners protest\n\nThe caf\xe9 owners said prices rose.".encode("latin-1"))
    _write(tmp_path, "rows.jsonl", b'{"text": "Row one says hello to the world."}\n{not json}\n{"title": "no text"}\n')
    _write(tmp_path, "rows.csv", b"text,title\n\"A CSV article about trade.\",Trade\n")
    _write(tmp_path, "notes.docx", b"PK\x03\x04")
    articles, errors = ingest(tmp_path, CONFIG)
    reasons = dict(zip(errors["source"], errors["reason"]))
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert "Windows-1252" in reasons["latin1.txt"]
    assert "malformed JSON" in reasons["rows.jsonl#2"]
    assert reasons["rows.jsonl#3"] == "row without text"
    assert "unsupported file type" in reasons["notes.docx"]
    assert set(articles["source"]) == {"good.txt", "latin1.txt", "rows.jsonl#1", "rows.csv#2"}
    latin = articles.set_index("source").loc["latin1.txt"]
    assert latin["title"] == "Café owners protest" and "café owners" in latin["text"]
    assert articles.set_index("source").loc["rows.csv#2", "title"] == "Trade"


def test_same_article_twice_is_one_article(tmp_path):
    body = "Vote passes\n\nThe assembly voted on Friday."
    _write(tmp_path, "a.txt", body.encode())
    _write(tmp_path, "b.jsonl", json.dumps({"text": "The assembly voted on Friday."}).encode())
    articles, _ = ingest(tmp_path, CONFIG)
    assert len(articles) == 1


def test_html_article_text_and_metadata(tmp_path):
    paragraphs = "".join(f"<p>Paragraph {i} says the assembly met again to discuss the long treaty text "
                         f"and its many articles on cooperation between police forces.</p>" for i in range(6))
    html = (f"<html><head><title>Assembly meets | Daily Planet</title>"
            f'<meta property="og:site_name" content="Daily Planet">'
            f'<meta property="article:published_time" content="2024-08-08"></head>'
            f"<body><nav>Home | World | Tech</nav><article><h1>Assembly meets</h1>{paragraphs}</article>"
            f"<footer>Comments are closed.</footer></body></html>")
    _write(tmp_path, "page.html", html.encode())
    articles, errors = ingest(tmp_path, CONFIG)
    assert errors.empty
    row = articles.iloc[0]
    assert "Paragraph 5 says" in row["text"] and "Comments are closed" not in row["text"]
    assert row["published"] == "2024-08-08"
    assert "Assembly meets" in row["title"]


def test_sample_batch_is_clean(tmp_path):
    sample = Path(__file__).resolve().parents[1] / "raw" / "sample"
    articles, errors = ingest(sample, load_batch_config(sample))
    assert len(articles) == 5 and errors.empty
    for boiler in ("Business / Tech", "EPA-EFE", "Edited by", "Subscribe to our newsletters",
                   "comment policy", "AFP/APP", "Comments are closed"):
        assert not articles["text"].str.contains(boiler, regex=False).any(), boiler
    assert not articles["text"].str.rstrip().str.endswith("–").any()
    assert (articles["title"] != "").sum() == 3
    assert set(articles["dateline"]) == {"", "UNITED NATIONS", "United Nations"}


@pytest.mark.parametrize("first, dateline", [
    ("Insiders: The mayor will win the runoff easily.", ""),
    ("Poll: Most voters back the new stadium tax.", ""),
    # a dateline before a lede stays a dateline
    ("GENEVA: Delegates from forty countries met on Monday to agree on the final text of a treaty on cybercrime "
     "that has divided rights groups and governments for three years.", "GENEVA"),
])
def test_a_labelled_first_line_of_headline_length_keeps_its_label(first, dateline):
    cleaned = clean_body([first, "Second paragraph of the story."], RULES, take_title=True)
    assert cleaned["dateline"] == dateline
    assert cleaned["text"].split("\n\n")[0] == first[len(dateline) + 2 if dateline else 0:]
