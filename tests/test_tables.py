"""The speaker table, counted in plain Python with pandas breaking ties, on rows written here."""

from __future__ import annotations

import pandas as pd

from pipeline.tables import most_frequent, speaker_table


def test_most_frequent_counts_and_leaves_ties_to_the_given_rule():
    assert most_frequent(["ORG", "PERSON", "ORG"], lambda: "tie") == "ORG"
    assert most_frequent(["ORG", "PERSON"], lambda: "tie") == "tie"
    assert most_frequent([], lambda: "tie") is None


def _claims(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "speaker", "target", "stance", "affiliation", "speaker_type"])


def test_speaker_rows_count_claims_articles_and_stances_per_target():
    claims = _claims([
        ("a1", "Ann Lee", "Tax", "supportive", "Senate", "person"),
        ("a1", "Ann Lee", "Tax", "supportive", " ", "person"),
        ("a2", "Ann Lee", "Tax", "opposed", "Senate", None),
        ("a2", "Ann Lee", None, "neutral", "House", "person"),
        ("a3", " ", "Tax", "opposed", "Senate", "person"),
    ])
    table = speaker_table(claims).set_index(["speaker", "target"])
    ann = table.loc[("Ann Lee", "Tax")]
    assert (ann["n_claims"], ann["n_articles"], ann["n_supportive"], ann["n_opposed"]) == (3, 2, 2, 1)
    assert (ann["affiliation"], ann["speaker_type"], ann["majority_stance"]) == ("Senate", "person", "supportive")
    assert table.loc[("Ann Lee", ""), "affiliation"] == "House"
    assert len(table) == 2  # the blank speaker has no row


def test_a_tied_affiliation_is_the_one_pandas_value_counts_names():
    affiliations = ["House", "Senate", "Senate", "House", "Court"]
    claims = _claims([(f"a{i}", "Ann Lee", "Tax", "neutral", a, "person") for i, a in enumerate(affiliations)])
    expected = pd.Series(affiliations).value_counts().index[0]
    assert speaker_table(claims)["affiliation"].iloc[0] == expected
