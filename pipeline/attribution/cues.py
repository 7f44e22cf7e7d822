"""The cue lexicon (``resources/cues.toml``) as frozen sets."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    needs_clause: frozenset[str]
    asking: frozenset[str]
    speech_nouns: frozenset[str]
    noun_owner_prepositions: frozenset[str]
    light_verbs: frozenset[str]
    with_light_verb: frozenset[str]
    naming: frozenset[str]
    quoted_passive: frozenset[str]
    reported_passive: frozenset[str]
    clause_only: frozenset[str]
    object_infinitive: frozenset[str]
    object_or_infinitive: frozenset[str]
    object_preposition: frozenset[tuple[str, str]]
    particle_object: frozenset[tuple[str, str]]
    story_nouns: frozenset[str]
    anaphoric_objects: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    proper_name_only: frozenset[tuple[str, ...]]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    self_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    anonymous_heads: frozenset[str]
    rank_adjectives: frozenset[str]
    document_heads: frozenset[str]
    organisation_heads: frozenset[str]
    title_heads: frozenset[str]
    transcript_non_speakers: frozenset[str]
    headline_adverbs: frozenset[str]
    before_a_next_cue: frozenset[str]
    circumstance_marks: frozenset[str]
    aside_openers: frozenset[str]

    @cached_property
    def cue_verbs(self) -> frozenset[str]:
        """Built once: verb_cues asks for every verb of every article."""
        return (self.speech | self.belief | self.naming | self.object_infinitive | self.object_or_infinitive
                | {verb for verb, _ in self.object_preposition})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("cues.toml").read_text("utf-8"))
    verbs, speakers = data["verbs"], data["speakers"]
    return Lexicon(
        **{k: frozenset(verbs[k]) for k in ("speech", "belief", "needs_clause", "asking", "naming", "quoted_passive",
                                             "reported_passive", "clause_only")},
        speech_nouns=frozenset(data["nouns"]["speech"]),
        noun_owner_prepositions=frozenset(data["nouns"]["owner_prepositions"]),
        light_verbs=frozenset(data["nouns"]["light_verbs"]),
        with_light_verb=frozenset(data["nouns"]["with_light_verb"]),
        object_infinitive=frozenset(data["complements"]["object_infinitive"]),
        object_or_infinitive=frozenset(data["complements"]["object_or_infinitive"]),
        object_preposition=frozenset(tuple(p.split(":")) for p in data["complements"]["object_preposition"]),
        particle_object=frozenset(tuple(p.split(":")) for p in data["complements"]["particle_object"]),
        story_nouns=frozenset(data["complements"]["story_nouns"]),
        anaphoric_objects=frozenset(data["complements"]["anaphoric_objects"]),
        according_to=tuple(tuple(p.split()) for p in data["phrases"]["according_to"]),
        proper_name_only=frozenset(tuple(p.split()) for p in data["phrases"]["proper_name_only"]),
        **{k: frozenset(speakers[k]) for k in ("person_pronouns", "group_pronouns", "thing_pronouns", "self_pronouns",
                                                "possessive_pronouns", "anonymous_heads", "rank_adjectives",
                                                "document_heads", "organisation_heads", "title_heads")},
        transcript_non_speakers=frozenset(data["transcripts"]["not_speakers"]),
        headline_adverbs=frozenset(data["headlines"]["adverbs"]),
        before_a_next_cue=frozenset(data["phrases"]["before_a_next_cue"]),
        circumstance_marks=frozenset(data["phrases"]["circumstance_marks"]),
        aside_openers=frozenset(data["phrases"]["aside_openers"]),
    )
