"""The shared text helpers: the one stemmer, used by the scorer's cue matching and the stance target polarity."""

from __future__ import annotations

import pytest

from pipeline.evaluation.score import is_speech_cue
from pipeline.stance.features import target_polarity
from pipeline.text import base_forms


@pytest.mark.parametrize("word, base", [
    ("says", "say"), ("argued", "argue"), ("admitted", "admit"), ("replied", "reply"), ("stating", "state"),
    ("banned", "ban"), ("banning", "ban"), ("boycotted", "boycott"), ("cancelled", "cancel"),
    ("reduces", "reduce"), ("parties", "party"), ("said", "said"),
])
def test_an_inflected_word_has_its_base_among_its_forms(word, base):
    assert base in base_forms(word)


@pytest.mark.parametrize("word, not_a_base", [("band", "ban"), ("bus", "bu"), ("sing", "s"), ("hold", "hol")])
def test_a_word_that_only_ends_like_an_inflection_is_not_cut_too_short(word, not_a_base):
    assert not_a_base not in base_forms(word)


def test_the_scorer_and_the_stance_polarity_read_inflections_through_it():
    assert is_speech_cue("had argued") and is_speech_cue("replies") and not is_speech_cue("banned")
    assert target_polarity("boycotting Israeli goods") == -1.0
    assert target_polarity("cancelled flights") == -1.0
    assert target_polarity("the band's new album") == 1.0
