"""Tables derived from other tables: the per-speaker summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

from pipeline.io import schema

STANCES = ("supportive", "opposed", "neutral")


def _most_common(values: pd.Series) -> str:
    present = values.dropna().astype(str)
    present = present[present.str.strip() != ""]
    return present.value_counts().index[0] if len(present) else ""


def most_frequent(values: Iterable, tie: Callable[[], object]):
    """The most frequent of *values* (None when there are none), counted in plain Python, where a pandas
    ``value_counts`` per group costs about a millisecond; when two values tie, ``tie()`` (the pandas
    expression it replaces) decides, so the tables stay as pandas made them."""
    top = Counter(values).most_common(2)
    if len(top) == 2 and top[0][1] == top[1][1]:
        return tie()
    return top[0][0] if top else None


def _most_common_at(column: pd.Series, positions: list[int]) -> str:
    """:func:`_most_common` of the column's rows at *positions*."""
    texts = (str(column.iat[i]) for i in positions if not pd.isna(column.iat[i]))
    found = most_frequent((t for t in texts if t.strip() != ""), lambda: _most_common(column.iloc[positions]))
    return "" if found is None else found


def majority_stance(counts: dict[str, int]) -> str:
    """The more frequent of supportive/opposed when either occurs (ties: neutral), else neutral."""
    sup, opp = counts.get("supportive", 0), counts.get("opposed", 0)
    if sup == opp:
        return "neutral"
    return "supportive" if sup > opp else "opposed"


def speaker_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per (speaker, target): claim and article counts and counts per stance.

    Grouped in plain Python: pandas' operations on each group cost about a millisecond, and a
    corpus has thousands of speakers (the table is recomputed after every run that adds claims).
    """
    named = claims[claims["speaker"].fillna("").str.strip() != ""]
    groups: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(named["speaker"], named["target"].fillna(""))):
        groups.setdefault(key, []).append(i)
    articles, stances = named["article_id"].tolist(), named["stance"].tolist()
    rows = []
    for (speaker, target), positions in sorted(groups.items(), key=lambda item: item[0]):
        counts = Counter(stances[i] for i in positions if not pd.isna(stances[i]))
        rows.append({
            "speaker": speaker, "affiliation": _most_common_at(named["affiliation"], positions),
            "speaker_type": _most_common_at(named["speaker_type"], positions), "target": target,
            "n_claims": len(positions), "n_articles": len({articles[i] for i in positions}),
            **{f"n_{s}": int(counts.get(s, 0)) for s in STANCES},
            "majority_stance": majority_stance(counts),
        })
    frame = pd.DataFrame(rows, columns=schema.SPEAKERS.names)
    frame = frame.sort_values(["n_claims", "speaker"], ascending=[False, True])
    return schema.validate(frame, schema.SPEAKERS)
