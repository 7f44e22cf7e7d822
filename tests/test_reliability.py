"""Input problems become errors rows, the parse cache cannot go stale, user mistakes are one line (issue 19)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import ingest as ingest_module
from pipeline import parse as nlp_module
from pipeline.io import schema, store
from pipeline.attribution import extract_claims
from pipeline.cli import cli
from pipeline.io.config import BatchConfig, ConfigError, Target, check_out_dir
from pipeline.ingest import READERS, detect_language, ingest, language_summary
from pipeline.text import remove_control_characters, text_pieces, word_count

CONFIG = BatchConfig(name="t", target=Target(name="the treaty"))
GERMAN = ("Die Ministerin sagte am Montag in Berlin, dass die Regierung den Vertrag nicht unterzeichnen werde. "
          "Die Verhandlungen sollen im nächsten Jahr fortgesetzt werden, hieß es aus dem Ministerium.")
CHINESE = "联合国大会周五通过了一项关于网络犯罪的公约。外交部发言人表示，中国支持这项公约，并将继续参与国际合作。"
ENGLISH = "The minister said on Monday that the government would not sign the treaty in its current form."


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _problems(errors: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for row in errors.itertuples():
        found.setdefault(row.source, []).append((row.kind, row.reason))
    return found


# --- input problems -------------------------------------------------------------------------------------------

def test_control_characters_are_removed_and_flagged_repaired(tmp_path):
    body = "Vote passes\n\n" + "The assembly voted on Friday, officials said. " * 200
    _write(tmp_path, "late_nul.txt", body + "The minister\x00 said\x1b the vote was fair.\x7f")
    rows = [{"text": "The envoy said\u0000 the talks\ud800 would resume.", "title": "Talks\x07 resume"}]
    raw_escape_and_line_separator = '{"text": "The mayor\x1b said the\u2028budget was balanced."}'
    _write(tmp_path, "rows.jsonl", "\n".join([json.dumps(r) for r in rows] + [raw_escape_and_line_separator]))
    articles, errors = ingest(tmp_path, CONFIG)
    assert len(body.encode()) > 8192  # past the first 8 KB, where a NUL means a binary file
    texts = dict(zip(articles["source"], articles["text"]))
    assert texts["late_nul.txt"].endswith("The minister said the vote was fair.")
    assert texts["rows.jsonl#1"] == "The envoy said the talks would resume."
    assert articles.set_index("source").loc["rows.jsonl#1", "title"] == "Talks resume"
    problems = _problems(errors)
    assert problems["late_nul.txt"] == [("repaired", "removed 3 control characters (NUL, escape or similar)")]
    assert problems["rows.jsonl#1"] == [("repaired", "removed 3 control characters (NUL, escape or similar)")]
    assert problems["rows.jsonl#2"] == [("repaired", "removed 1 control characters (NUL, escape or similar)")]
    assert texts["rows.jsonl#2"] == "The mayor said the budget was balanced."
    store.write_part(tmp_path / "out", "articles", "p", articles)  # a lone surrogate would fail to encode here


def test_whitespace_controls_are_kept_as_whitespace():
    assert remove_control_characters("a\tb\x0cc\x85d\x00") == ("a\tb\x0cc\x85d", 1)


def test_a_nul_in_the_first_8_kb_is_still_a_binary_file(tmp_path):
    _write(tmp_path, "image.txt", b"GIF89a\x00\x01" + b"x" * 100)
    articles, errors = ingest(tmp_path, CONFIG)
    assert articles.empty and _problems(errors)["image.txt"][0][0] == "skipped"


def test_suffixes_are_matched_in_any_case_through_one_table(tmp_path):
    _write(tmp_path, "STORY.TXT", "Vote passes\n\nThe assembly voted on Friday, officials said.")
    _write(tmp_path, "Rows.JSONL", json.dumps({"text": "A JSONL article about trade talks in Geneva."}))
    _write(tmp_path, "table.Csv", "text\n\"A CSV article about the harbour plan.\"\n")
    _write(tmp_path, "notes.DOCX", b"PK\x03\x04")
    articles, errors = ingest(tmp_path, CONFIG)
    assert set(articles["source"]) == {"STORY.TXT", "Rows.JSONL#1", "table.Csv#2"}
    assert articles.set_index("source").loc["STORY.TXT", "title"] == "Vote passes"  # read as text, not CSV
    assert "unsupported file type .DOCX" in _problems(errors)["notes.DOCX"][0][1]
    assert all(suffix == suffix.lower() for suffix in READERS)


def test_linked_folders_are_followed_once(tmp_path):
    batch, elsewhere = tmp_path / "batch", tmp_path / "elsewhere"
    _write(batch, "a.txt", "Vote passes\n\nThe assembly voted on Friday, officials said.")
    _write(elsewhere, "b.txt", "Talks resume\n\nThe envoys met again in Geneva on Monday.")
    os.symlink(elsewhere, batch / "linked")
    os.symlink(batch, batch / "linked_back")  # a loop: the batch folder inside itself
    os.symlink(batch / "missing.txt", batch / "dangling.txt")
    articles, errors = ingest(batch, CONFIG)
    assert set(articles["source"]) == {"a.txt", "linked/b.txt"}
    problems = _problems(errors)
    assert problems["linked_back"] == [("skipped", "linked folder already read as the batch folder; read once")]
    assert problems["dangling.txt"][0][0] == "skipped" and "does not exist" in problems["dangling.txt"][0][1]


def test_a_duplicate_names_the_file_it_duplicates(tmp_path):
    _write(tmp_path, "a.txt", "Vote passes\n\nThe assembly voted on Friday.")
    _write(tmp_path, "copy/b.txt", "Vote passes\n\nThe  assembly voted on Friday.")
    articles, errors = ingest(tmp_path, CONFIG)
    assert articles["source"].tolist() == ["a.txt"]
    assert _problems(errors)["copy/b.txt"] == [("warning", "same text as a.txt; kept once")]


def test_text_that_is_not_english_is_flagged_and_counted(tmp_path):
    _write(tmp_path, "de.txt", GERMAN)
    _write(tmp_path, "zh.txt", CHINESE)
    _write(tmp_path, "en.txt", ENGLISH)
    articles, errors = ingest(tmp_path, CONFIG)
    languages = dict(zip(articles["source"], articles["language"]))
    assert languages == {"de.txt": "de", "en.txt": "en", "zh.txt": "zh"}
    problems = _problems(errors)
    assert problems["de.txt"][0][0] == "warning" and "'de', not English" in problems["de.txt"][0][1]
    assert "'zh', not English" in problems["zh.txt"][0][1] and "en.txt" not in problems
    assert language_summary(articles).startswith("2 of 3 articles are not English (")
    assert language_summary(articles[articles["language"] == "en"]) is None


def test_too_little_text_gets_no_language():
    assert detect_language("12 + 7 = 19 !!!") == ""
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize("text, words", [
    ("The assembly voted on Friday.", 5),
    ("The vote — a close one — passed.", 6),
    (CHINESE, 47),  # 47 Han characters and four punctuation marks
    ("联合国 adopted the 公约", 3 + 1 + 1 + 2),
    ("Путин заявил, что", 3),
])
def test_word_counts_count_chinese_characters(text, words):
    assert word_count(text) == words


def test_chinese_article_is_not_one_word(tmp_path):
    _write(tmp_path, "zh.txt", CHINESE)
    articles, _ = ingest(tmp_path, CONFIG)
    assert articles["n_words"].iloc[0] > 40


def test_a_batch_without_a_target_says_so_once(tmp_path):
    _write(tmp_path, "a.txt", ENGLISH)
    _write(tmp_path, "b.txt", ENGLISH.replace("Monday", "Tuesday"))
    _, errors = ingest(tmp_path, BatchConfig(name="t"))
    assert errors["source"].tolist() == ["batch.toml"]
    assert errors["kind"].tolist() == ["warning"] and "no stance target" in errors["reason"].iloc[0]
    _, errors = ingest(tmp_path, CONFIG)
    assert errors.empty


def test_a_long_article_is_flagged_and_the_largest_accepted_is_enforced(tmp_path, monkeypatch):
    paragraphs = [f"Paragraph {i}: the envoys met again in Geneva and said the talks would go on." for i in range(60)]
    _write(tmp_path, "long.txt", "\n\n".join(paragraphs))
    articles, errors = ingest(tmp_path, CONFIG, long_chars=1000)
    pieces = len(text_pieces(articles["text"].iloc[0], 1000))
    assert pieces > 3
    assert _problems(errors)["long.txt"] == [
        ("warning", f"long article ({len(articles['text'].iloc[0]):,} characters): parsed in {pieces} pieces "
                    "split at paragraph breaks")]
    monkeypatch.setattr(ingest_module, "MAX_ARTICLE_CHARS", 2000)
    articles, errors = ingest(tmp_path, CONFIG)
    assert articles.empty and "split it into several files" in _problems(errors)["long.txt"][0][1]


@pytest.mark.parametrize("limit", [7, 40, 60, 1000])
def test_text_pieces_join_back_and_cut_at_paragraphs_first(limit):
    text = "One sentence here. Another one.\n\nA second paragraph, longer than the first one is.\n\nThird."
    pieces = text_pieces(text, limit)
    assert "".join(pieces) == text and all(len(p) <= limit for p in pieces)
    if limit == 60:
        assert pieces[0].endswith("\n\n")


# --- long articles and the parse cache (real spaCy model) --------------------------------------------------------

def test_a_text_past_max_length_is_parsed_in_pieces(nlp, monkeypatch):
    paragraphs = [f"“We will not sign it,” said Maria Lopez, the minister of country {i}. "
                  f"Officials in Geneva said the vote was close." for i in range(40)]
    text = "\n\n".join(paragraphs)
    monkeypatch.setattr(nlp, "max_length", 1500)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)  # what happened before: the whole batch failed
    frame = pd.DataFrame({"article_id": ["long"], "text": [text]})
    doc = nlp_module.parse_articles(nlp, frame, progress=False)["long"]
    assert doc.text == text
    last = text.rindex("Maria Lopez")
    assert any(ent.start_char == last and ent.label_ == "PERSON" for ent in doc.ents)  # the last piece was parsed
    claims = extract_claims({"long": doc})
    assert len(claims) >= 40
    assert all(text[s:e] == c for s, e, c in zip(claims["start_char"], claims["end_char"], claims["content"]))


def test_every_line_break_starts_a_sentence(nlp):
    text = "The minister said\nthe vote was close and\n\nofficials in Geneva agreed with her \n  \nyesterday\n"
    doc = nlp(text)
    after_break = [t.i for t in doc[1:] if "\n" in doc[t.i - 1].text_with_ws]
    assert len(after_break) == 3 and all(doc[i].is_sent_start for i in after_break)
    assert [s.text.split()[0] for s in doc.sents] == ["The", "the", "officials", "yesterday"]


def test_editing_a_resource_a_cached_component_reads_changes_the_cache_key(nlp, tmp_path):
    resources = tmp_path / "resources"
    shutil.copytree(nlp_module.RESOURCE_DIR, resources)
    key = nlp_module.model_key(nlp, resources)
    assert key == nlp_module.model_key(nlp)  # the copy is the packaged resources
    with open(resources / "cues.toml", "a", encoding="utf-8") as f:  # read after the cache, by attribution
        f.write("\n# a comment\n")
    assert nlp_module.model_key(nlp, resources) == key
    for name in nlp_module.PARSE_RESOURCES:
        before = nlp_module.model_key(nlp, resources)
        with open(resources / name, "a", encoding="utf-8") as f:
            f.write("\n")
        assert nlp_module.model_key(nlp, resources) != before, name


def test_the_entity_rules_patterns_are_in_the_cache_key(nlp, monkeypatch):
    rules = nlp.get_pipe("entity_rules")
    key = nlp_module.model_key(nlp)
    monkeypatch.setattr(rules, "patterns", rules.patterns + [{"label": "ORG", "pattern": "world bank group"}])
    assert nlp_module.model_key(nlp) != key


def test_the_parse_cache_holds_what_a_doc_bin_holds(nlp):
    import zlib

    import srsly
    from spacy.tokens import DocBin, Span

    docs = [nlp("Foreign Minister Wang Yi told the U.N. in Geneva:\n\n“We will not sign the Budapest Convention.”"),
            nlp(""), nlp.make_doc("Tokens only,  no parse \t here.")]
    docs[0].spans["claims"] = [Span(docs[0], 0, 4, label="SPEAKER", kb_id="Q1", span_id="wang")]
    for doc in docs:
        ours, theirs = nlp_module.doc_bin_bytes(doc), DocBin(docs=[doc]).to_bytes()
        assert srsly.msgpack_loads(zlib.decompress(ours)) == srsly.msgpack_loads(zlib.decompress(theirs))
        back = next(DocBin().from_bytes(ours).get_docs(nlp.vocab))
        assert back.to_bytes() == next(DocBin().from_bytes(theirs).get_docs(nlp.vocab)).to_bytes()


def test_force_parses_again_instead_of_reading_the_cache(nlp, tmp_path):
    from spacy.tokens import DocBin

    frame = pd.DataFrame({"article_id": ["a1"], "text": ["Maria Lopez spoke in Geneva on Monday."]})
    nlp_module.parse_articles(nlp, frame, tmp_path, progress=False)
    cached = tmp_path / nlp_module.model_key(nlp) / "a1.spacy"
    DocBin(docs=[nlp.make_doc(frame["text"][0])]).to_disk(cached)  # a stale parse: no entities
    assert not nlp_module.parse_articles(nlp, frame, tmp_path, progress=False)["a1"].ents
    assert nlp_module.parse_articles(nlp, frame, tmp_path, progress=False, reuse_cache=False)["a1"].ents
    assert next(DocBin().from_disk(cached).get_docs(nlp.vocab)).ents  # and the cache holds the new parse


# --- user mistakes: one line, exit code 2, before any work ----------------------------------------------------

def _one_line_exit_2(result, *words: str) -> None:
    output = result.output.strip()
    assert result.exit_code == 2, output
    assert "\n" not in output and "Traceback" not in output and output.startswith("Error: "), output
    for word in words:
        assert word in output, output


@pytest.fixture()
def models(tmp_path):
    """A copy of the project's stance models, to break."""
    folder = tmp_path / "models"
    shutil.copytree(Path(__file__).resolve().parents[1] / "models" / "stance", folder)
    return folder


@pytest.fixture()
def batch(tmp_path):
    folder = tmp_path / "batch"
    _write(folder, "a.txt", ENGLISH)
    return folder


def _run(batch: Path, out: Path, *options: str):
    return CliRunner().invoke(cli, ["run", str(batch), "--out", str(out), "--quiet", *options])


@pytest.mark.parametrize("breakage, words", [
    ("no CURRENT", ["CURRENT is missing", "stance train"]),
    ("altered model", ["does not match the hash", "stance train"]),
    ("broken card", ["card.json is not a readable model card", "stance train"]),
    ("card not an object", ["does not match the hash", "stance train"]),
    ("CURRENT names nothing", ["not a stance model folder", "stance train"]),
])
def test_an_unusable_stance_model_stops_run_before_any_work(batch, models, tmp_path, breakage, words):
    current = models / (models / "CURRENT").read_text().strip()
    if breakage == "no CURRENT":
        (models / "CURRENT").unlink()
    elif breakage == "altered model":
        with open(current / "model.skops", "ab") as f:
            f.write(b"\0")
    elif breakage == "broken card":
        (current / "card.json").write_text('{"name": "v8", ', encoding="utf-8")
    elif breakage == "card not an object":
        (current / "card.json").write_text("[1, 2]", encoding="utf-8")
    else:
        (models / "CURRENT").write_text("v999\n", encoding="utf-8")
    out = tmp_path / "out"
    _one_line_exit_2(_run(batch, out, "--stance-models", str(models)), *words)
    assert not out.exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_stance_model_that_passes_the_check_but_does_not_load_stops_run_in_one_line(batch, models, tmp_path,
                                                                                      workers):
    """The driver checks the model's files; the chunks, in this process or in the pool's workers, load it."""
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    from pipeline.stance.packages import file_sha256

    current = models / (models / "CURRENT").read_text().strip()
    sio.dump(LogisticRegression(), current / "model.skops")
    card = json.loads((current / "card.json").read_text(encoding="utf-8"))
    card["model_sha256"] = file_sha256(current / "model.skops")
    (current / "card.json").write_text(json.dumps(card), encoding="utf-8")
    _write(batch, "b.txt", "The president said the treaty was a good deal for farmers and for the country.")
    result = _run(batch, tmp_path / "out", "--stance-models", str(models), "--target", "the treaty",
                  "--workers", workers, "--chunk-size", "1")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"Error: stance model in {models}") and "not a StanceClassifier" in last, last


def test_a_broken_card_is_one_line_for_stance_commands_too(models, tmp_path):
    current = models / (models / "CURRENT").read_text().strip()
    (current / "card.json").write_text("not json", encoding="utf-8")
    labels = _write(tmp_path, "labels.csv", "text,target,label\nIt is good.,the treaty,supportive\n")
    result = CliRunner().invoke(cli, ["stance", "evaluate", "--models", str(models), "--input", str(labels)])
    _one_line_exit_2(result, "card.json is not a readable model card")


@pytest.mark.parametrize("case", ["missing batch", "batch is a file", "out under a file", "out is a file",
                                  "unknown model", "bad option", "broken batch.toml"])
def test_run_mistakes_are_one_line_and_exit_2(batch, tmp_path, case):
    a_file = _write(tmp_path, "notes.txt", "x")
    out = tmp_path / "out"
    args = {
        "missing batch": (tmp_path / "nope", out),
        "batch is a file": (a_file, out),
        "out under a file": (batch, a_file / "sub"),
        "out is a file": (batch, a_file),
        "unknown model": (batch, out, "--model", "en_no_such_model"),
        "bad option": (batch, out, "--frobnicate"),
        "broken batch.toml": (batch, out),
    }[case]
    if case == "broken batch.toml":
        _write(batch, "batch.toml", "name = [unclosed")
    result = _run(*map(str, args))
    words = {"missing batch": ["does not exist", "raw/sample"], "batch is a file": ["is a file"],
             "out under a file": ["is a file, not a folder"], "out is a file": ["is a file"],
             "unknown model": ["en_no_such_model", "install"], "bad option": ["--frobnicate", "--help"],
             "broken batch.toml": ["batch.toml", "not valid TOML"]}[case]
    _one_line_exit_2(result, *words)
    assert not out.exists()


def test_check_out_dir_accepts_new_folders_and_refuses_paths_under_files(tmp_path):
    check_out_dir(tmp_path / "new" / "deeper")
    with pytest.raises(ConfigError, match="is a file"):
        check_out_dir(_write(tmp_path, "f", "x") / "sub")


def test_commands_on_a_missing_or_empty_processed_folder_are_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    for args in (["evaluate", str(tmp_path / "nope")], ["evaluate", str(tmp_path / "empty")],
                 ["label", "--processed", str(tmp_path / "empty")],
                 ["stance", "rescore", "--processed", str(tmp_path / "empty")]):
        result = CliRunner().invoke(cli, args)
        _one_line_exit_2(result, "nope" if "nope" in args[-1] else "newsclaims run")


def test_stance_train_into_a_path_under_a_file_stops_before_training(tmp_path):
    labels = _write(tmp_path, "labels.csv", "text,target,label\nIt is good.,the treaty,supportive\n")
    result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(labels), "--out", str(labels / "m")])
    _one_line_exit_2(result, "is a file, not a folder")


def test_stance_predict_on_an_unreadable_csv_is_one_line(tmp_path):
    bad = _write(tmp_path, "bad.csv", b"\xff\xfe\x00binary")
    result = CliRunner().invoke(cli, ["stance", "predict", "--input", str(bad), "--output", str(tmp_path / "o.csv")])
    _one_line_exit_2(result, "bad.csv")
    wrong = _write(tmp_path, "wrong.csv", "sentence,topic\nIt is good.,x\n")
    result = CliRunner().invoke(cli, ["stance", "predict", "--input", str(wrong), "--output", str(tmp_path / "o.csv")])
    _one_line_exit_2(result, "needs text and target columns")


def test_help_and_version_still_exit_0():
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0
    assert CliRunner().invoke(cli, ["run", "--help"]).exit_code == 0
    assert CliRunner().invoke(cli, ["--version"]).exit_code == 0
    bare = CliRunner().invoke(cli, ["stance"])  # a group without its command shows its help, not one squashed line
    assert "Commands:" in bare.output and "\n" in bare.output.strip()


def test_errors_table_declares_the_three_kinds():
    assert schema.ERROR_KINDS == ("skipped", "repaired", "warning")
    assert "kind" in schema.ERRORS.names and "language" in schema.ARTICLES.names


# --- a batch with every input problem, end to end through the CLI ------------------------------------------------

@pytest.mark.slow  # the whole pipeline through the CLI, the stance model loaded: `make test` runs it
def test_a_batch_with_every_input_problem_completes_with_one_errors_row_each(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "LONG_ARTICLE_CHARS", 9000)  # parse in pieces without a 1 MB test article
    batch, elsewhere = tmp_path / "batch", tmp_path / "elsewhere"
    quotes = [f"“The treaty will fail,” said Maria Lopez, the minister of country {i}." for i in range(150)]
    _write(batch, "long.txt", "Treaty talks stall\n\n" + "\n\n".join(quotes))
    _write(batch, "STORY.TXT", "Harbour plan approved\n\nThe council approved the harbour plan, its chair said.")
    _write(batch, "copy_of_story.txt", "Harbour plan approved\n\nThe council approved the harbour plan, its chair said.")
    _write(batch, "nul.txt", "Vote passes\n\n" + "Officials counted the ballots again. " * 225
           + "\n\n“It was\x00 fair,” the returning officer said.")
    _write(elsewhere, "linked.txt", "Envoys meet\n\nThe envoys met in Geneva, a spokesman said.")
    os.symlink(elsewhere, batch / "linked")
    os.symlink(batch, batch / "loop")
    _write(batch, "de.txt", GERMAN)
    _write(batch, "zh.txt", CHINESE)
    _write(batch, "empty.txt", b"")
    _write(batch, "binary.txt", bytes(range(256)) * 8)
    _write(batch, "latin1.txt", "Caf\xe9 owners protest\n\nThe caf\xe9 owners said prices rose.".encode("latin-1"))
    _write(batch, "rows.jsonl", '{"text": "The mayor said the budget was balanced."}\n{broken\n')
    _write(batch, "rows.csv", 'text,title\n"The union said talks failed.",Talks\n"x",y,extra\n')
    _write(batch, "notes.docx", b"PK\x03\x04")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(batch), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    errors = store.read_table(out, "errors")
    assert sorted(zip(errors["source"], errors["kind"])) == sorted([
        ("batch.toml", "warning"), ("long.txt", "warning"), ("copy_of_story.txt", "warning"),
        ("nul.txt", "repaired"), ("loop", "skipped"), ("de.txt", "warning"), ("zh.txt", "warning"),
        ("empty.txt", "skipped"), ("binary.txt", "skipped"), ("latin1.txt", "repaired"),
        ("rows.jsonl#2", "skipped"), ("rows.csv#3", "skipped"), ("notes.docx", "skipped"),
    ])
    for row in errors.itertuples():
        assert f"{row.kind}: {row.source}: {row.reason}" in result.stderr
    assert "2 of 9 articles are not English (de 1, zh 1)" in result.stderr
    articles = store.read_table(out, "articles").set_index("source")
    assert set(articles.index) == {"long.txt", "STORY.TXT", "nul.txt", "linked/linked.txt", "de.txt", "zh.txt",
                                   "latin1.txt", "rows.jsonl#1", "rows.csv#2"}
    assert articles.loc["zh.txt", "language"] == "zh" and articles.loc["zh.txt", "n_words"] == 47
    claims = store.read_table(out, "claims")
    by_article = claims.merge(articles.reset_index()[["article_id", "source", "text"]], on="article_id")
    assert not by_article["content"].str.contains("\x00").any()
    assert len(articles.loc["long.txt", "text"]) > 9000 and len(articles.loc["nul.txt", "text"]) < 9000
    assert (by_article["source"] == "long.txt").sum() >= 140  # claims from every piece of the long article
    assert "It was fair" in set(by_article["content"])
    for row in by_article.itertuples():
        assert row.text[row.start_char:row.end_char] == row.content
