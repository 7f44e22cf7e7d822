"""The cue lexicon (``resources/cues.toml``) as frozen sets."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    needs_clause: frozenset[str]
    naming: frozenset[str]
    quoted_passive: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    self_pronouns: frozenset[str]
    anonymous_heads: frozenset[str]
    document_heads: frozenset[str]
    organisation_heads: frozenset[str]
    title_heads: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        return self.speech | self.belief | self.naming


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("pipeline.resources").joinpath("cues.toml").read_text("utf-8"))
    verbs, speakers = data["verbs"], data["speakers"]
    return Lexicon(
        **{k: frozenset(verbs[k]) for k in ("speech", "belief", "needs_clause", "naming", "quoted_passive")},
        according_to=tuple(tuple(p.split()) for p in data["phrases"]["according_to"]),
        **{k: frozenset(speakers[k]) for k in ("person_pronouns", "group_pronouns", "self_pronouns",
                                                "anonymous_heads", "document_heads", "organisation_heads",
                                                "title_heads")},
    )
