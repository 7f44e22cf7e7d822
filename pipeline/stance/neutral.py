"""The stance columns of claims scored toward no target: every claim neutral.

Kept apart from ``model`` so a run without a target imports no scikit-learn.
"""

from __future__ import annotations

import pandas as pd


def neutral_stance(index: pd.Index) -> pd.DataFrame:
    """Stance columns for claims with no target: neutral with certainty, and no model named."""
    neutral = pd.DataFrame(index=index)
    neutral["stance"], neutral["stance_score"] = "neutral", 1.0
    neutral["p_supportive"], neutral["p_opposed"], neutral["p_neutral"] = 0.0, 0.0, 1.0
    neutral["stance_model"] = ""
    return neutral
