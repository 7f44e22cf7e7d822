"""Labelled stance data: read public and user label files as ours, weigh them, and add neutral pairs."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.evaluation.score import word_tokens
from pipeline.ingest import InputError, decode
from pipeline.tables import STANCES as LABELS

# Column names of public stance sets (SemEval's Tweet/Target/Stance, topic and claim files), read as ours.
COLUMN_SYNONYMS = {"text": ("tweet", "sentence", "claim", "content", "claims.claimcorrectedtext"),
                   "target": ("topic", "motion", "topictext"), "label": ("stance", "claims.stance")}
# Label names of public stance sets (SemEval-2016 FAVOR/AGAINST/NONE, IBM PRO/CON, GWSD agree/disagree), read as ours.
LABEL_SYNONYMS = {
    "favor": "supportive", "favour": "supportive", "pro": "supportive", "agree": "supportive", "support": "supportive",
    "against": "opposed", "con": "opposed", "disagree": "opposed", "oppose": "opposed",
    "none": "neutral", "neither": "neutral",
}
FEATURE_COLUMNS = ["text", "target", "target_aliases"]
UNRELATED_SOURCE = "(unrelated targets)"


def _with_our_column_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed case-blind to text, target and label where a file uses another common name."""
    frame = frame.rename(columns=str.lower)
    for ours, theirs in COLUMN_SYNONYMS.items():
        found = [name for name in theirs if name in frame.columns]
        if ours not in frame.columns and found:
            frame = frame.rename(columns={found[0]: ours})
    return frame


def read_labels(paths: list[Path]) -> pd.DataFrame:
    """Labelled rows from CSV files (text, target, label; optional target_aliases, article_id, speaker, cue).

    Column names and labels are read case-blind, and the names public stance sets use
    (``COLUMN_SYNONYMS``, ``LABEL_SYNONYMS``) as ours, so a SemEval or IBM file trains as it comes.
    """
    frames = []
    for path in paths:
        try:
            text, _ = decode(Path(path).read_bytes())  # SemEval's files are Windows-1252, not UTF-8
        except InputError as exc:
            raise ValueError(f"{path}: {exc}") from exc
        frame = _with_our_column_names(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
        missing = {"text", "target", "label"} - set(frame.columns)
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)} (need text, target, label)")
        frame["label"] = frame["label"].str.strip().str.lower().replace(LABEL_SYNONYMS)
        frame = frame[frame["label"] != ""].copy()
        bad = sorted(set(frame["label"]) - set(LABELS))
        if bad:
            raise ValueError(f"{path}: unknown labels {bad}; use {', '.join(LABELS)} (or FAVOR/AGAINST/NONE, "
                             "pro/con, agree/disagree)")
        frame["source_file"] = Path(path).name
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    for column in ("target_aliases", "article_id"):
        if column not in data:
            data[column] = ""
        data[column] = data[column].fillna("")
    return data


def features_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the model reads, as strings."""
    out = pd.DataFrame({c: frame[c] if c in frame else "" for c in FEATURE_COLUMNS})
    return out.fillna("").astype(str)


def text_keys(texts) -> np.ndarray:
    """Each claim's words, casefolded, punctuation dropped: one claim under another target, or repeated with
    other punctuation, has one key. Public sets repeat claims (Perspectrum lists a third of its dev
    perspectives under train targets too; GWSD repeats five sentences 38 to 50 times each), and a repeated
    claim is not a new one."""
    return np.array([" ".join(word_tokens(str(text))) for text in texts], dtype=object)


def balanced_weights(data: pd.DataFrame) -> np.ndarray:
    """Row weights under which every training file weighs the same and its labels are balanced within it.

    So a user's thirty labels for their own target count as much as a public
    set of two thousand rows, and no file's label mix becomes the prior for
    every target. The weights average 1 over the rows.
    """
    source = data["source_file"] if "source_file" in data else pd.Series("", index=data.index)
    keys = pd.DataFrame({"source": source.to_numpy(), "label": data["label"].to_numpy()})
    per_cell = keys.groupby(["source", "label"])["label"].transform("size").to_numpy()
    n_labels = keys.groupby("source")["label"].transform("nunique").to_numpy()
    return len(keys) / (keys["source"].nunique() * n_labels * per_cell)


def unrelated_target_pairs(data: pd.DataFrame, share: float, seed: int = 0) -> pd.DataFrame:
    """Neutral rows: claims paired with a target of another file's or another motion's claims.

    A claim says nothing for or against a target it is not about, and the public
    sets with many targets have no neutral class of their own: these pairs teach
    the model that a claim unrelated to the target is neutral, whatever its
    sentiment. *share* is how many pairs to make per labelled row; each claim's
    new target is one it is not labelled toward anywhere in *data*, so no pair is
    accidentally about its target. The pairs form a training file of their own (one weight).
    """
    polar = data[data["label"] != "neutral"]
    n = int(round(len(polar) * share))
    targets = data[["target", "target_aliases"]].drop_duplicates("target").reset_index(drop=True)
    if n == 0 or len(targets) < 2:
        return data.iloc[:0].copy()
    rng = np.random.default_rng(seed)
    rows = polar.iloc[rng.choice(len(polar), size=n, replace=len(polar) < n)].reset_index(drop=True)
    picks = rng.integers(0, len(targets), size=n)
    labelled = set(zip(data["text"], data["target"]))  # a claim may be labelled toward several targets
    names = targets["target"].to_numpy()
    for _ in range(3):
        clash = np.array([(text, names[p]) in labelled for text, p in zip(rows["text"], picks)], dtype=bool)
        picks[clash] = (picks[clash] + 1) % len(targets)
    keep = np.array([(text, names[p]) not in labelled for text, p in zip(rows["text"], picks)], dtype=bool)
    return pd.DataFrame({"text": rows["text"], "target": names[picks],
                         "target_aliases": targets["target_aliases"].to_numpy()[picks], "label": "neutral",
                         "source_file": UNRELATED_SOURCE, "article_id": ""})[keep].reset_index(drop=True)
