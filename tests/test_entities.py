"""Entity folding rules, each on sentences written for the test, through the real model."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.entities import canonical_names, entity_summary, extract_entities, link_claims


def entities_of(nlp, text: str) -> pd.DataFrame:
    return extract_entities({"a": nlp(text)})


def canonical_of(entities: pd.DataFrame, surface: str) -> set[str]:
    return set(entities.loc[entities["text"] == surface, "canonical"])


@pytest.mark.parametrize("mentions, expected", [
    ([("U.N.", "ORG"), ("UN", "ORG"), ("the United Nations", "ORG")], ["United Nations"] * 3),
    ([("U.S.", "GPE"), ("USA", "GPE"), ("the United States", "GPE")], ["United States"] * 3),
    ([("EU", "ORG")], ["European Union"]),
    ([("Maria Lopez", "PERSON"), ("Lopez", "PERSON")], ["Maria Lopez", "Maria Lopez"]),
    ([("Lopez", "PERSON"), ("Maria Lopez", "PERSON")], ["Maria Lopez", "Maria Lopez"]),
    ([("the Council of Europe’s", "ORG"), ("Council of Europe", "ORG")], ["Council of Europe"] * 2),
    ([("NATIONAL GRID", "ORG"), ("National Grid", "ORG")], ["National Grid"] * 2),
])
def test_folding_rules(mentions, expected):
    assert canonical_names(mentions, "") == expected


def test_a_surname_goes_to_the_full_name_the_article_uses_most():
    mentions = [("Ted Cruz", "PERSON"), ("Ted Cruz", "PERSON"), ("Cruz", "PERSON"), ("Rafael Cruz", "PERSON"),
                ("Cruz", "PERSON")]
    assert canonical_names(mentions, "") == ["Ted Cruz", "Ted Cruz", "Ted Cruz", "Rafael Cruz", "Ted Cruz"]


def test_an_acronym_the_article_defines():
    text = "The Cybersecurity Tech Accord (CTA) objected. The CTA said so."
    names = canonical_names([("Cybersecurity Tech Accord", "ORG"), ("CTA", "ORG")], text)
    assert names == ["Cybersecurity Tech Accord", "Cybersecurity Tech Accord"]


def test_one_entity_id_across_articles(nlp):
    ents = extract_entities({
        "a": nlp("Human Rights Watch’s Louis Charbonneau criticised the plan."),
        "b": nlp("Louis Charbonneau, of Human Rights Watch, spoke in Geneva. Later, Charbonneau said the vote was a mistake."),
    })
    louis = ents[ents["canonical"] == "Louis Charbonneau"]
    assert louis["article_id"].nunique() == 2 and louis["entity_id"].nunique() == 1
    assert canonical_of(ents, "Charbonneau") == {"Louis Charbonneau"}


def test_treaty_names_are_laws_and_titles_stay_out_of_names(nlp):
    ents = entities_of(nlp, "Foreign Minister Wang Yi said the Budapest Convention and the "
                            "Convention on Cybercrime were outdated.")
    assert "Wang Yi" in set(ents.loc[ents["label"] == "PERSON", "text"])
    assert {"Budapest Convention", "Convention on Cybercrime"} <= set(ents.loc[ents["label"] == "LAW", "text"])


def test_also_known_as_folds_two_names(nlp):
    ents = entities_of(nlp, "Only one treaty exists, the Convention on Cybercrime, also known as the Budapest "
                            "Convention, which entered into force in 2004. The Budapest Convention is regional.")
    assert ents.loc[ents["label"] == "LAW", "canonical"].nunique() == 1


def test_organisations_the_small_model_misses(nlp):
    ents = entities_of(nlp, "Human Rights Watch called the list a rogue’s gallery.")
    assert "Human Rights Watch" in set(ents["canonical"])


def test_summary_and_claim_links(nlp):
    ents = entities_of(nlp, "Human Rights Watch’s Louis Charbonneau criticised the UN. Charbonneau said more.")
    articles = pd.DataFrame({"article_id": ["a"], "title": ["Charbonneau criticises UN"], "text": ["x" * 80]})
    summary = entity_summary(ents, articles).set_index("canonical")
    assert summary.loc["Louis Charbonneau", "n_mentions"] == 2
    assert bool(summary.loc["Louis Charbonneau", "in_title"]) and bool(summary.loc["United Nations", "in_title"])
    assert 0 < summary["salience"].max() <= 1
    claims = pd.DataFrame({"article_id": ["a"], "speaker": ["Louis Charbonneau"], "affiliation": ["Human Rights Watch"]})
    linked = link_claims(claims, ents).iloc[0]
    ids = dict(zip(ents["canonical"], ents["entity_id"]))
    assert linked["speaker_entity_id"] == ids["Louis Charbonneau"]
    assert linked["affiliation_entity_id"] == ids["Human Rights Watch"]
