"""The scorer: matching, metrics, gold readers and the command, on hand-made tables and a tiny brat corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli.evaluate import evaluate_command
from pipeline.tables import STANCES
from pipeline.evaluation.score import (
    claim_type_of,
    dice,
    evaluate,
    format_report,
    f1_by_label,
    is_speech_cue,
    macro_f1,
    match_article,
    parse_spans,
    read_brat,
    read_gold_jsonl,
    read_resolved_speakers,
    resolved_correct,
    score_claims,
    self_overlaps,
    score_entities,
    speaker_correct,
    word_tokens,
)

BRAT = Path(__file__).parent / "data" / "brat"


def gold(content: str, speaker: str = "Ana Ruiz", article: str = "a1", **extra) -> dict:
    row = {"article": article, "content": content, "speaker": speaker, "speaker_aliases": ["Ruiz"],
           "type": "indirect", "stance": None, "required": True}
    return row | extra


def tables(*claims: dict, sources: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An articles and a claims frame; article ids map to file names whose stems the gold uses."""
    sources = sources or {"id1": "a1.txt"}
    articles = pd.DataFrame({"article_id": list(sources), "source": list(sources.values())})
    columns = ["article_id", "content", "speaker", "speaker_mention", "claim_type", "stance"]
    base = {"article_id": "id1", "speaker": "Ana Ruiz", "speaker_mention": "Ruiz", "claim_type": "indirect",
            "stance": "neutral"}
    return articles, pd.DataFrame([base | c for c in claims], columns=columns)


def test_tokens_fold_case_accents_and_punctuation():
    assert word_tokens("Café, “CAFÉ” — the rogue’s!") == ["cafe", "cafe", "the", "rogue", "s"]


@pytest.mark.parametrize(("pred", "gold_text", "expected"), [
    ("the plan is bad", "The plan is BAD.", 1.0),
    ("a b", "a c", 0.5),
    ("a b c", "a d e", 1 / 3),
    ("a a b", "a b b", 2 / 3),
    ("", "", 0.0),
])
def test_dice_over_token_multisets(pred, gold_text, expected):
    assert dice(Counter(word_tokens(pred)), Counter(word_tokens(gold_text))) == pytest.approx(expected)


def test_threshold_is_inclusive_at_one_half():
    assert [(i, j) for i, j, _ in match_article(["a b"], ["a c"])] == [(0, 0)]
    assert match_article(["a b c"], ["a d e"]) == []


def test_pairs_are_taken_best_first_not_in_prediction_order():
    gold_g1 = "w1 w2 w3 w4 w5 x1 x2 y1 y2 y3"
    gold_g2 = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10"
    p1 = "w1 w2 w3 w4 w5 w6 w7 w8 x1 x2"  # 0.80 with g2, 0.70 with g1
    p2 = "w1 w2 w3 w4 w5 w6 w7 w8 w9"  # 0.95 with g2
    pairs = {(i, j) for i, j, _ in match_article([p1, p2], [gold_g1, gold_g2])}
    assert pairs == {(1, 1), (0, 0)}


def test_one_prediction_matches_one_gold_claim_only():
    articles, claims = tables({"content": "the tax will rise next year"})
    report = score_claims(claims, articles, [gold("the tax will rise next year"), gold("the tax will rise next year")])
    assert report["matched"] == 1 and report["recall"] == 0.5 and report["precision"] == 1.0


def test_optional_gold_counts_neither_way():
    articles, claims = tables({"content": "the tax will rise next year"}, {"content": "experts fear a recession"},
                              {"content": "nothing like any gold claim at all"})
    report = score_claims(claims, articles, [
        gold("the tax will rise next year"),
        gold("experts fear a recession", required=False),
        gold("an optional claim nobody found", required=False),
    ])
    assert (report["required"], report["matched"], report["false_positives"]) == (1, 1, 1)
    assert report["matched_optional"] == 1
    assert report["precision"] == 0.5 and report["recall"] == 1.0
    assert report["f1"] == pytest.approx(2 / 3)
    assert [m["content"] for m in report["misses"]] == []


def test_claims_of_other_articles_are_not_scored():
    articles, claims = tables({"content": "the tax will rise"}, {"article_id": "id2", "content": "unrelated text"},
                              sources={"id1": "a1.txt", "id2": "b2.html"})
    report = score_claims(claims, articles, [gold("the tax will rise"), gold("never processed", article="zz")])
    assert report["articles"] == 1 and report["false_positives"] == 0
    assert report["gold_articles_not_processed"] == ["zz"]


@pytest.mark.parametrize(("predicted", "ok", "full"), [
    ("Ana Ruiz", True, True),
    ("ANA RUÍZ", True, True),
    ("Ruiz's", True, False),
    ("Ruiz’", True, False),
    ("the Ana Ruiz", True, True),
    ("Ana", False, False),
    (None, False, False),
])
def test_speaker_is_folded_and_may_be_an_alias(predicted, ok, full):
    assert speaker_correct({"speaker": predicted}, gold("x")) == (ok, full)


def test_group_speakers_fold_the_leading_article():
    assert speaker_correct({"speaker": "The critics"}, gold("x", speaker="critics", speaker_aliases=[])) == (True, True)


@pytest.mark.parametrize(("mention", "speaker", "ok"), [
    ("New York Post", "New York Post", True),
    ("the newspaper", "The New York Post", False),  # a shared "the" is not a shared word
    ("He", "Donald Trump", False),
    (None, "the Post", True),  # no mention: the resolved speaker stands in
    ("Post's", "someone", True),
])
def test_mention_overlap_speakers(mention, speaker, ok):
    gold_row = gold("x", speaker="The Post", speaker_aliases=[], speaker_match="mention_overlap")
    assert speaker_correct({"speaker_mention": mention, "speaker": speaker}, gold_row) == (ok, None)


def test_full_name_accuracy_leaves_out_mention_overlap_gold():
    articles, claims = tables({"content": "the tax will rise", "speaker_mention": "the Post"},
                              {"content": "rents will fall soon", "speaker": "Ruiz"})
    report = score_claims(claims, articles, [
        gold("the tax will rise", speaker="The Post", speaker_match="mention_overlap"),
        gold("rents will fall soon"),
    ])
    assert report["speaker_accuracy"] == 1.0 and report["full_name_accuracy"] == 0.0


def test_stance_macro_f1_by_hand():
    truth = ["supportive", "supportive", "neutral", "opposed"]
    predicted = ["supportive", "opposed", "neutral", "opposed"]
    assert macro_f1(truth, predicted, STANCES) == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert macro_f1(["supportive", "supportive"], ["supportive", "neutral"], ("supportive", "neutral")) \
        == pytest.approx((2 / 3 + 0) / 2)
    assert macro_f1([], [], STANCES) is None


def test_macro_f1_is_over_the_label_set_the_caller_names():
    truth, predicted = ["supportive", "supportive"], ["supportive", "neutral"]
    assert macro_f1(truth, predicted, ("supportive",)) == pytest.approx(2 / 3)
    assert macro_f1(truth, predicted, STANCES) == pytest.approx(2 / 3 / 3)
    assert f1_by_label(truth, predicted, STANCES) == pytest.approx({"supportive": 2 / 3, "opposed": 0.0,
                                                                    "neutral": 0.0})
    with pytest.raises(ValueError):
        macro_f1(truth, predicted[:1], STANCES)


def test_f1_by_label_agrees_with_scikit_learn():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(7)
    truth, predicted = rng.choice(STANCES, 200, p=[0.5, 0.3, 0.2]), rng.choice(STANCES, 200)
    ours = f1_by_label(truth, predicted, STANCES)
    theirs = f1_score(truth, predicted, labels=list(STANCES), average=None, zero_division=0)
    assert list(ours.values()) == pytest.approx(list(theirs))
    assert macro_f1(truth, predicted, STANCES) == pytest.approx(theirs.mean())


def test_stance_uses_matched_claims_with_a_gold_stance_only():
    articles, claims = tables({"content": "the treaty protects victims", "stance": "supportive"},
                              {"content": "the treaty harms rights", "stance": "supportive"},
                              {"content": "the vote is on friday", "stance": "opposed"})
    report = score_claims(claims, articles, [
        gold("the treaty protects victims", stance="supportive"),
        gold("the treaty harms rights", stance="opposed"),
        gold("the vote is on friday", stance=None),
    ])
    assert report["stance_n"] == 2
    assert report["stance_macro_f1"] == pytest.approx((2 / 3 + 0) / 2)


def test_recall_and_accuracy_by_claim_type():
    articles, claims = tables({"content": "we will win", "claim_type": "direct"},
                              {"content": "the plan is a rogue gallery", "claim_type": "indirect"})
    report = score_claims(claims, articles, [
        gold("“we will win”", type="direct"),
        gold("the plan is “a rogue gallery”", type="mixed"),
        gold("prices will rise", type="indirect"),
    ])
    assert report["recall_by_type"] == {"direct": 1.0, "indirect": 0.0, "mixed": 1.0}
    assert report["type_accuracy"] == 0.5


def entity_rows(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"article_id": "id1", "text": t, "canonical": c} for t, c in rows])


UN = {"canonical": "United Nations", "label": "ORG", "aliases": ["U.N.", "UN", "United Nations"]}


def test_entity_folded_under_one_canonical_is_not_fragmented():
    articles, _ = tables()
    ents = entity_rows(("U.N.", "United Nations"), ("the United Nations", "United Nations"), ("UN's", "United Nations"))
    report = score_entities(ents, articles, {"a1": {"required": [UN], "forbidden": []}})
    assert (report["recall"], report["fragmented"]) == (1.0, 0)


def test_entity_split_across_canonicals_is_fragmented_but_found():
    articles, _ = tables()
    ents = entity_rows(("U.N.", "U.N."), ("United Nations", "United Nations"))
    report = score_entities(ents, articles, {"a1": {"required": [UN], "forbidden": []}})
    assert (report["recall"], report["fragmented"]) == (1.0, 1)
    assert report["fragmented_entities"][0]["canonicals"] == ["U.N.", "United Nations"]


def test_entity_found_through_an_alias_and_missed_when_absent():
    articles, _ = tables()
    person = {"canonical": "Alexander Seger", "label": "PERSON", "aliases": ["Seger"]}
    report = score_entities(entity_rows(("Seger", "Seger")), articles,
                            {"a1": {"required": [UN, person], "forbidden": []}})
    assert report["found"] == 1 and report["recall"] == 0.5
    assert report["missed_entities"] == [{"article": "a1", "entity": "United Nations"}]


def test_forbidden_hits_are_rows_equal_to_a_forbidden_string_or_holding_a_longer_one():
    articles, _ = tables()
    ents = entity_rows(("EPA-EFE/JUSTIN LANE", "EPA-EFE/JUSTIN LANE"), ("Business / Tech", "Business / Tech"),
                       ("Business Software Alliance", "Business Software Alliance"), ("Lane", "Lane"),
                       ("Subscribe", "Subscribe"))
    spec = {"required": [], "forbidden": ["JUSTIN LANE", "Business / Tech", "Business", "Tech Giant", "subscribe"]}
    report = score_entities(ents, articles, {"a1": spec})
    assert report["forbidden_hits"] == 3
    assert {f["entity_text"] for f in report["forbidden_entities"]} == {"EPA-EFE/JUSTIN LANE", "Business / Tech",
                                                                         "Subscribe"}


@pytest.mark.parametrize(("cue", "speech"), [
    ("said", True), ("has told", True), ("according to", True), ("argued", True), ("replied", True),
    ("admitted", True), ("is stating", True), ("wrote in a statement", True), (":", True),
    ("fears", False), ("believes", False), ("has learned", False), ("", False), (None, False),
])
def test_speech_cues_in_any_inflection(cue, speech):
    assert is_speech_cue(cue) is speech


@pytest.mark.parametrize(("content", "before", "after", "kind"), [
    ("“We will win.”", "", "", "direct"),
    ("We will win,", "“", "” she", "direct"),
    ("the plan is “a gift,”", "", "", "mixed"),
    ("the plan is fine", "", "", "indirect"),
    ("Clinton’s team agreed", "", "", "indirect"),
])
def test_claim_type_from_quote_marks(content, before, after, kind):
    assert claim_type_of(content, before, after) == kind


def test_brat_reader_on_a_split_folder():
    rows = read_brat(BRAT)
    by_content = {r["content"]: r for r in rows}
    assert {r["article"] for r in rows} == {"city_council_vote", "harbour_plan"}
    assert len(rows) == 7  # the first annotator's file of the city council article, not both
    assert by_content["the budget would pass by Friday"]["required"] is True
    assert by_content["We have the votes,"]["type"] == "direct"  # quote marks just outside the span
    assert by_content["the plan will raise rents"]["required"] is False  # "fear" is not speech
    assert by_content["Delays"]["required"] is False and by_content["Delays"]["speaker"] == ""
    assert by_content["The council will meet again on Monday"]["type"] == "indirect"
    assert by_content["The harbour plan is “a gift to developers,”"]["type"] == "mixed"
    assert by_content["“Construction starts in May.”"]["required"] is True  # a colon introduces speech
    assert all(r["speaker_match"] == "mention_overlap" for r in rows)


def test_brat_reader_with_explicit_folders_matches_the_split_folder():
    assert read_brat(BRAT / "attributions", BRAT / "text") == read_brat(BRAT)


def test_brat_reader_without_ann_files_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no .ann files"):
        read_brat(tmp_path)


def test_brat_reader_names_a_bad_span_line(tmp_path):
    (tmp_path / "x.ann").write_text("T1\tSource 0 4\tAnna\nT2\tCue five 9\tsaid\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x.ann:2: bad span offsets"):
        read_brat(tmp_path)


def test_brat_without_text_types_from_the_span_alone(tmp_path):
    ann = (BRAT / "attributions" / "city_council_vote_ann1.ann").read_text(encoding="utf-8")
    (tmp_path / "city_council_vote.ann").write_text(ann, encoding="utf-8")
    rows = {r["content"]: r for r in read_brat(tmp_path)}
    assert rows["We have the votes,"]["type"] == "indirect"  # its quote marks lie outside the span
    assert {r["article"] for r in rows.values()} == {"city_council_vote"}


def write_processed(folder: Path, sources: dict[str, str], claims: list[dict], entities: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    articles = pd.DataFrame({"article_id": list(sources), "source": list(sources.values())})
    articles.to_parquet(folder / "articles.parquet")
    columns = ["article_id", "content", "speaker", "speaker_mention", "claim_type", "stance"]
    pd.DataFrame(claims, columns=columns).to_parquet(folder / "claims.parquet")
    pd.DataFrame(entities, columns=["article_id", "text", "canonical"]).to_parquet(folder / "entities.parquet")
    return folder


def brat_processed(tmp_path: Path) -> Path:
    claims = [
        {"article_id": "c", "content": "the budget would pass by Friday", "speaker": "Jane Okafor",
         "speaker_mention": "Mayor Jane Okafor", "claim_type": "indirect"},
        {"article_id": "c", "content": "“We have the votes,”", "speaker": "Jane Okafor", "speaker_mention": "she",
         "claim_type": "direct"},
        {"article_id": "h", "content": "“Construction starts in May.”", "speaker": "Sam Lee",
         "speaker_mention": "Port director Sam Lee", "claim_type": "direct"},
        {"article_id": "h", "content": "ships are leaving the port", "speaker": "residents",
         "speaker_mention": "residents", "claim_type": "indirect"},
    ]
    return write_processed(tmp_path / "out", {"c": "city_council_vote.txt", "h": "harbour_plan.txt"}, claims, [])


def test_evaluate_reads_the_tables_and_scores_brat_gold(tmp_path):
    report = evaluate(brat_processed(tmp_path), read_brat(BRAT))
    c = report["claims"]
    assert (c["required"], c["matched"], c["false_positives"]) == (5, 3, 1)
    assert c["speaker_accuracy"] == 1.0 and c["type_accuracy"] == 1.0
    assert {m["content"] for m in c["misses"]} == {"The harbour plan is “a gift to developers,”",
                                                   "The council will meet again on Monday"}
    text = format_report(report, show_errors=5)
    assert "precision 0.75  recall 0.60" in text and "ships are leaving the port" in text


def test_evaluate_scores_one_batch_and_warns_when_stems_collide(tmp_path):
    folder = write_processed(tmp_path / "out", {"x": "a1.txt", "y": "a1.html"}, [
        {"article_id": "x", "content": "the tax will rise", "speaker": "Ruiz"},
        {"article_id": "y", "content": "prices fall in spring", "speaker": "Ruiz"},
    ], [])
    articles = pd.read_parquet(folder / "articles.parquet").assign(batch=["one", "two"])
    articles.to_parquet(folder / "articles.parquet")
    pooled = evaluate(folder, [gold("the tax will rise")])
    assert pooled["ambiguous_articles"] == ["a1"] and pooled["claims"]["false_positives"] == 1
    assert "score one batch with --batch" in format_report(pooled)
    one = evaluate(folder, [gold("the tax will rise")], batch="one")
    assert one["ambiguous_articles"] == [] and one["claims"]["precision"] == 1.0
    with pytest.raises(ValueError, match="batches: one, two"):
        evaluate(folder, [gold("x")], batch="three")


def test_evaluate_names_a_missing_table(tmp_path):
    folder = write_processed(tmp_path / "out", {"x": "a1.txt"}, [], [])
    (folder / "claims.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="claims.parquet"):
        evaluate(folder, [gold("x")])


def test_command_with_jsonl_gold_entities_and_json_report(tmp_path):
    folder = write_processed(tmp_path / "out", {"x": "a1.txt"},
                             [{"article_id": "x", "content": "the tax will rise", "speaker": "Ruiz"}],
                             [{"article_id": "x", "text": "U.N.", "canonical": "United Nations"}])
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in [gold("the tax will rise"), gold("rents fall")]) + "\n")
    entities_path = tmp_path / "entities.json"
    entities_path.write_text(json.dumps({"a1": {"required": [UN], "forbidden": []}}))
    out = tmp_path / "report.json"
    result = CliRunner().invoke(evaluate_command, [str(folder), "--gold", str(gold_path), "--entities",
                                                   str(entities_path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "precision 1.00  recall 0.50" in result.output and "entities recall 1.00" in result.output
    saved = json.loads(out.read_text())
    assert saved["claims"]["misses"][0]["content"] == "rents fall"
    assert read_gold_jsonl(gold_path)[1]["content"] == "rents fall"


def test_command_with_brat_gold(tmp_path):
    result = CliRunner().invoke(evaluate_command, [str(brat_processed(tmp_path)), "--brat", str(BRAT)])
    assert result.exit_code == 0, result.output
    assert "recall by type: direct 1.00 of 2, indirect 0.50 of 2, mixed 0.00 of 1" in result.output


@pytest.mark.parametrize(("make_args", "message"), [
    (lambda out, g: [str(out), "--gold", str(g), "--brat", str(BRAT)], "not both"),
    (lambda out, g: [str(out.parent)], "does not exist"),
    (lambda out, g: [str(out), "--gold", str(g)], "no article of"),
])
def test_command_errors_are_clear(tmp_path, make_args, message):
    folder = write_processed(tmp_path / "out", {"x": "other.txt"}, [], [])
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold("x")) + "\n")
    result = CliRunner().invoke(evaluate_command, make_args(folder, gold_path))
    assert result.exit_code != 0 and message in result.output


def test_malformed_gold_line_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold("x")) + "\n{not json\n")
    with pytest.raises(ValueError, match="gold.jsonl:2"):
        read_gold_jsonl(path)


def _resolved_csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "resolved.csv"
    path.write_text("article,source_start,source_end,speaker,aliases\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_resolved_speaker_reader_keys_by_article_and_offsets(tmp_path):
    path = _resolved_csv(tmp_path, "a1,10,12,Ana Ruiz,Ana M. Ruiz|Ruiz's office", "a1,40,44,unresolved,")
    assert read_resolved_speakers(path) == {("a1", 10, 12): ("Ana Ruiz", "Ana M. Ruiz", "Ruiz's office"),
                                            ("a1", 40, 44): ("unresolved",)}


@pytest.mark.parametrize(("row", "message"), [
    ("a1,ten,12,Ana Ruiz,", "not integers"),
    ("a1,10,12,,", "empty speaker"),
])
def test_resolved_speaker_reader_names_bad_rows(tmp_path, row, message):
    with pytest.raises(ValueError, match=message):
        read_resolved_speakers(_resolved_csv(tmp_path, row))


def test_resolved_speaker_reader_wants_its_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("article,start,speaker\na1,1,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source_end, source_start"):
        read_resolved_speakers(path)


@pytest.mark.parametrize(("pred", "names", "ok"), [
    ({"speaker": "the Ana Ruiz’s"}, ("Ana Ruiz",), True),
    ({"speaker": "Ruiz"}, ("Ana Ruiz",), False),
    ({"speaker": "Ruiz office"}, ("Ana Ruiz", "Ruiz office"), True),
    ({"speaker": "some", "resolution": "unresolved"}, ("unresolved",), True),
    ({"speaker": "some", "resolution": "explicit"}, ("unresolved",), False),
    ({"speaker": None}, ("Ana Ruiz",), False),
])
def test_resolved_speaker_is_folded_and_unresolved_must_say_so(pred, names, ok):
    assert resolved_correct(pred, names) is ok


def test_resolved_speaker_accuracy_counts_matched_gold_it_covers():
    articles, claims = tables({"content": "the plan is bad", "speaker": "Ana Ruiz"},
                              {"content": "taxes will rise", "speaker": "Ruiz"},
                              {"content": "nothing will change", "speaker": "Bo Li"})
    golds = [gold("the plan is bad", source_offsets="0 4"), gold("taxes will rise", source_offsets="20 24"),
             gold("nothing will change", source_offsets="50 52")]
    resolved = {("a1", 0, 4): ("Ana Ruiz",), ("a1", 20, 24): ("Ana Ruiz",)}
    report = score_claims(claims, articles, golds, resolved)
    assert (report["resolved_n"], report["resolved_speaker_accuracy"]) == (2, 0.5)
    assert [w["predicted_speaker"] for w in report["wrong_resolved_speakers"]] == ["Ruiz"]
    assert score_claims(claims, articles, golds)["resolved_n"] == 0


@pytest.mark.parametrize(("row", "overlaps"), [
    ({"start_char": 0, "end_char": 40, "speaker_start_char": 20, "speaker_end_char": 25}, "speaker"),
    ({"start_char": 0, "end_char": 40, "spans": "0-18;30-40", "speaker_start_char": 20, "speaker_end_char": 25,
      "cue_start_char": 26, "cue_end_char": 30}, None),
    ({"start_char": 0, "end_char": 40, "spans": "0-18;28-40", "speaker_start_char": 20, "speaker_end_char": 25,
      "cue_start_char": 26, "cue_end_char": 30}, "cue"),
    ({"start_char": 10, "end_char": 40, "speaker_start_char": 0, "speaker_end_char": 10,
      "cue_start_char": 11, "cue_end_char": 15}, "cue"),
    ({"start_char": 10, "end_char": 40, "speaker_start_char": -1, "speaker_end_char": -1}, None),
])
def test_self_overlap_of_content_fragments_with_speaker_and_cue(row, overlaps):
    found = self_overlaps(pd.DataFrame([{"article_id": "id1", "content": "x", "speaker_mention": "she"} | row]))
    assert [f["overlaps"] for f in found] == ([overlaps] if overlaps else [])


def test_spans_parse_and_fall_back_to_the_claim_offsets():
    assert parse_spans("3-9;12-20") == [(3, 9), (12, 20)]
    assert parse_spans(None, 4, 8) == [(4, 8)]
    assert parse_spans("", None, None) == []


def test_command_reports_resolved_speakers_and_overlaps(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    pd.DataFrame({"article_id": ["id1"], "source": ["a1.txt"]}).to_parquet(out / "articles.parquet")
    pd.DataFrame({"article_id": ["id1"], "content": ["the plan is bad"], "speaker": ["Ana Ruiz"],
                  "start_char": [0], "end_char": [15], "speaker_start_char": [5], "speaker_end_char": [9]}
                 ).to_parquet(out / "claims.parquet")
    pd.DataFrame({"article_id": ["id1"], "text": ["Ana Ruiz"], "canonical": ["Ana Ruiz"]}).to_parquet(
        out / "entities.parquet")
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold("the plan is bad", source_offsets="0 4")) + "\n", encoding="utf-8")
    result = CliRunner().invoke(evaluate_command, [str(out), "--gold", str(gold_path), "--resolved",
                                                   str(_resolved_csv(tmp_path, "a1,0,4,Ana Ruiz,"))])
    assert result.exit_code == 0, result.output
    assert "resolved speaker 1.00 over 1 matched claims of 1 articles" in result.output
    assert "1 claims whose content overlaps their own speaker or cue" in result.output
