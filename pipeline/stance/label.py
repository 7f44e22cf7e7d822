"""The labelling loop: pick the claims a person should label next.

Mostly the claims the model is least sure of (lowest top probability), plus a
random share so the questions don't all look alike.
"""

from __future__ import annotations

import pandas as pd

LABEL_COLUMNS = ["claim_id", "article_id", "title", "speaker", "cue", "text", "context", "target",
                 "target_aliases", "stance", "stance_score", "label"]


def claims_to_label(claims: pd.DataFrame, articles: pd.DataFrame, n: int, random_share: float = 0.3,
                    seed: int = 0) -> pd.DataFrame:
    """*n* claims for a person to label: uncertain first, a random share mixed in; `label` left empty."""
    pool = claims.merge(articles[["article_id", "title"]], on="article_id", how="left")
    n = min(n, len(pool))
    n_random = int(round(n * random_share))
    uncertain = pool.sort_values("stance_score", kind="stable").head(n - n_random)
    rest = pool.drop(uncertain.index)
    picked = pd.concat([uncertain, rest.sample(n=min(n_random, len(rest)), random_state=seed)])
    return picked.assign(text=picked["content"], label="")[LABEL_COLUMNS].reset_index(drop=True)
