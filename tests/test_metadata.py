"""The metadata.csv sidecar: outlet, date and URL for .txt articles, and its mistakes reported, not fatal."""

from __future__ import annotations

import csv

from pipeline.io.config import load_batch_config
from pipeline.ingest import ingest
from pipeline.io.metadata import SIDECAR
from tests.conftest import SAMPLE_BATCH

ARTICLE = "Budget vote delayed\n\nThe council said on Tuesday it would delay the budget vote by a week.\n"


def _batch(tmp_path, sidecar: str, toml: str = "") -> tuple:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("a week", "a month"), encoding="utf-8")
    (tmp_path / SIDECAR).write_text(sidecar, encoding="utf-8")
    if toml:
        (tmp_path / "batch.toml").write_text(toml, encoding="utf-8")
    articles, errors = ingest(tmp_path, load_batch_config(tmp_path, target_override="the budget"))
    return articles.set_index("source"), errors


def test_filled_cells_win_and_empty_cells_leave_the_batch_default(tmp_path):
    articles, errors = _batch(tmp_path, "source,outlet,published,url\n"
                                        "a.txt,The Daily Ledger,2024-03-05,https://example.org/a\n"
                                        "b.txt,,2024-03-06,\n", toml='outlet = "Wire"\n')
    assert errors.empty
    assert list(articles.loc["a.txt", ["outlet", "published", "url"]]) == [
        "The Daily Ledger", "2024-03-05", "https://example.org/a"]
    assert list(articles.loc["b.txt", ["outlet", "published", "url"]]) == ["Wire", "2024-03-06", ""]
    assert SIDECAR not in articles.index


def test_sidecar_mistakes_become_error_rows(tmp_path):
    articles, errors = _batch(tmp_path, "source,outlet,author\nc.txt,Ledger,\na.txt,Ledger,\na.txt,Other,\n")
    reasons = " | ".join(errors["reason"])
    assert "'author' is ignored" in reasons and "'c.txt'" in reasons and "repeats source 'a.txt'" in reasons
    assert articles.loc["a.txt", "outlet"] == "Ledger"


def test_a_sidecar_without_a_source_column_is_not_used(tmp_path):
    articles, errors = _batch(tmp_path, "file,outlet\na.txt,Ledger\n")
    assert list(errors["source"]) == [SIDECAR] and "no 'source' column" in errors["reason"].iloc[0]
    assert set(articles["outlet"]) == {""}


def test_the_sample_sidecar_states_only_what_its_articles_say():
    with open(SAMPLE_BATCH / SIDECAR, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["source"] for r in rows) == sorted(p.name for p in SAMPLE_BATCH.glob("*.txt"))
    for row in rows:
        text = (SAMPLE_BATCH / row["source"]).read_text(encoding="utf-8")
        for field in ("outlet", "published", "url"):
            assert row[field] in text  # an empty cell is in every text; a filled one must be stated there
