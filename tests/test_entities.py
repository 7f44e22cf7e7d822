"""Entity folding rules, each on sentences written for the test, through the real model."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import spacy

from pipeline.entities import (ORG_HEADS, LAW_HEADS, _alias_phrase_patterns, _has_word, _name_patterns,
                               canonical_names, entity_summary, extract_entities, link_claims)


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


RULE_SENTENCES = [
    "Foreign Minister Wang Yi said the Budapest Convention and the Convention Against Torture were outdated.",
    "Delegates at the UN general assembly and officials of the north atlantic treaty organization disagreed.",
    "Lawyers for the Southern Poverty Law Center cited the Voting Rights Act and the Treaty Of Versailles.",
    "Clinton Foundation Donors Face Scrutiny From Senate Committee On Foreign Relations",
    "Members of The Heritage Foundation and the Office of Management and Budget met the Cato Institute Board.",
    "The World Bank Group Council For Human Rights Watch Commission Against Corruption Act was agreed.",
]


def test_one_pass_of_entity_rules_places_what_the_two_entity_rulers_placed(nlp):
    """entity_rules (one Matcher, run near head words only) against the law and organisation entity_rulers it
    replaced, built from the same patterns, on the same NER output."""
    reference = spacy.blank("en", vocab=nlp.vocab)
    laws = reference.add_pipe("entity_ruler", name="law_ruler", config={"overwrite_ents": True})
    laws.add_patterns(_name_patterns("LAW", LAW_HEADS))
    orgs = reference.add_pipe("entity_ruler", name="org_ruler",
                              config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"})
    orgs.add_patterns(_name_patterns("ORG", ORG_HEADS) + _alias_phrase_patterns())
    rules = nlp.get_pipe("entity_rules")
    changed = 0
    for text in RULE_SENTENCES:
        with nlp.select_pipes(disable=["entity_rules", "entity_span_fixes"]):
            ner = nlp(text)
        ours, theirs = rules(ner.copy()), orgs(laws(ner.copy()))
        spans = [(e.start, e.end, e.label_) for e in ours.ents]
        assert spans == [(e.start, e.end, e.label_) for e in theirs.ents], text
        changed += spans != [(e.start, e.end, e.label_) for e in ner.ents]
    assert changed >= 3  # the sentences exercise the rules, not only the NER


@pytest.mark.parametrize("text, word", [
    ("un chief warns", "un"), ("the unions warn", "un"), ("trump’s wall", "trump"), ("u.s. and u.k.", "u.s"),
    ("u.s. and u.k.", "u.s."), ("(who) said", "(who)"), ("x (who)", "(who"), ("snake_case ok", "snake"),
    ("café owners", "cafe"), ("café owners", "caf"), ("a-b", "a"), ("aa aa", "aa a"), ("", "x"), ("1990s", "1990"),
])
def test_whole_word_search_is_the_regular_expressions(text, word):
    assert _has_word(text, word) == bool(re.search(rf"\b{re.escape(word)}\b", text))
