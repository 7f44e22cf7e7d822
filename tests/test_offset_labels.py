"""Offset-stored stance labels: text read back from the corpus and checked by SHA-1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import stance
from pipeline.evaluation.offset_labels import read_offset_labels, write_offset_labels

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "data" / "offset_labels"
POLNEAR_DEV = PROJECT_ROOT.parent / "shared" / "polnear" / "dev"
POLNEAR_LABELS = PROJECT_ROOT / "data" / "stance" / "eval" / "polnear_dev_stance.csv"


def test_reads_the_spans_by_character_offsets():
    frame = read_offset_labels(FIXTURE / "labels.csv", FIXTURE / "text")
    assert list(frame.columns) == ["text", "target", "target_aliases", "label", "article_id"]
    assert frame["text"].tolist() == [
        "the harbour bridge “will bring visitors back to the old town.”",
        "the bridge is a waste of money that will block the boats",
        "Construction starts in March",
    ]
    assert frame["label"].tolist() == ["supportive", "opposed", "neutral"]
    assert set(frame["article_id"]) == {"harbour_bridge"}
    assert set(frame["target_aliases"]) == {"bridge|the new bridge"}


def test_written_back_as_a_labels_file_that_training_reads(tmp_path):
    written = write_offset_labels([FIXTURE / "labels.csv"], FIXTURE / "text", tmp_path)
    assert written == [tmp_path / "labels.csv"]
    rows = stance.read_labels(written)
    assert rows["text"].iloc[2] == "Construction starts in March"
    assert rows["label"].tolist() == ["supportive", "opposed", "neutral"]
    assert set(rows["source_file"]) == {"labels.csv"}


def _copy_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "labels.csv"
    text = (FIXTURE / "labels.csv").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_span_that_does_not_match_its_sha1_names_file_and_row(tmp_path):
    labels = _copy_with(tmp_path, "213,269", "214,269")
    with pytest.raises(ValueError, match=r"labels\.csv row 2 .*text_sha1"):
        read_offset_labels(labels, FIXTURE / "text")


def test_a_corpus_whose_text_differs_is_refused(tmp_path):
    text_dir = tmp_path / "text"
    shutil.copytree(FIXTURE / "text", text_dir)
    article = text_dir / "harbour_bridge.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("old town", "old port"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 1 .*does not match text_sha1"):
        read_offset_labels(FIXTURE / "labels.csv", text_dir)


def test_a_missing_article_text_names_file_and_row(tmp_path):
    labels = _copy_with(tmp_path, "harbour_bridge,271", "lost_article,271")
    with pytest.raises(ValueError, match=r"labels\.csv row 3 .*lost_article\.txt not found"):
        read_offset_labels(labels, FIXTURE / "text")


@pytest.mark.parametrize("old, new, message", [
    ("harbour_bridge,213,269", "harbour_bridge,213,9999", r"row 2 .*past the article"),
    ("harbour_bridge,213,269", "harbour_bridge,269,213", r"row 2 .*start < end"),
    ("harbour_bridge,213,269", "harbour_bridge,two,269", r"row 2 .*whole numbers"),
    ("new bridge,neutral", "new bridge,positive", r"row 3 .*unknown label 'positive'"),
])
def test_bad_rows_are_named(tmp_path, old, new, message):
    with pytest.raises(ValueError, match=message):
        read_offset_labels(_copy_with(tmp_path, old, new), FIXTURE / "text")


def test_a_missing_column_is_named(tmp_path):
    labels = _copy_with(tmp_path, "text_sha1,", "sha1,")
    with pytest.raises(ValueError, match=r"missing columns \['text_sha1'\]"):
        read_offset_labels(labels, FIXTURE / "text")


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/polnear/dev is not beside the repository")
def test_every_polnear_dev_label_loads_and_matches_its_sha1():
    frame = read_offset_labels(POLNEAR_LABELS, POLNEAR_DEV / "text")
    assert len(frame) >= 200 and frame["article_id"].nunique() >= 40
    assert frame["label"].value_counts().min() >= 40
    assert (frame["text"].str.strip() != "").all()
