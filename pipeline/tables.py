"""Tables derived from other tables: the per-speaker summary."""

from __future__ import annotations

import pandas as pd

from pipeline.io import schema

STANCES = ("supportive", "opposed", "neutral")


def _most_common(values: pd.Series) -> str:
    present = values.dropna().astype(str)
    present = present[present.str.strip() != ""]
    return present.value_counts().index[0] if len(present) else ""


def majority_stance(counts: dict[str, int]) -> str:
    """The more frequent of supportive/opposed when either occurs (ties: neutral), else neutral."""
    sup, opp = counts.get("supportive", 0), counts.get("opposed", 0)
    if sup == opp:
        return "neutral"
    return "supportive" if sup > opp else "opposed"


def speaker_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per (speaker, target): claim and article counts and counts per stance."""
    rows = []
    named = claims[claims["speaker"].fillna("").str.strip() != ""]
    for (speaker, target), group in named.groupby(["speaker", named["target"].fillna("")], sort=True):
        counts = group["stance"].value_counts().to_dict()
        rows.append({
            "speaker": speaker, "affiliation": _most_common(group["affiliation"]),
            "speaker_type": _most_common(group["speaker_type"]), "target": target,
            "n_claims": len(group), "n_articles": group["article_id"].nunique(),
            **{f"n_{s}": int(counts.get(s, 0)) for s in STANCES},
            "majority_stance": majority_stance(counts),
        })
    frame = pd.DataFrame(rows, columns=schema.SPEAKERS.names)
    frame = frame.sort_values(["n_claims", "speaker"], ascending=[False, True])
    return schema.validate(frame, schema.SPEAKERS)
