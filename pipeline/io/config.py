"""Batch settings: the optional ``batch.toml`` beside the articles, and defaults.

Nothing here reads global state: callers pass the batch folder in and get a
frozen :class:`BatchConfig` back.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

BATCH_FILE = "batch.toml"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_stance_models() -> Path:
    """The checkout's models/stance; for an installed (non-editable) newsclaims, the copy the wheel put
    under ``<environment>/share/newsclaims/models/stance``; ``$NEWSCLAIMS_MODELS`` overrides both."""
    if os.environ.get("NEWSCLAIMS_MODELS"):
        return Path(os.environ["NEWSCLAIMS_MODELS"])
    checkout = PROJECT_ROOT / "models" / "stance"
    return checkout if checkout.is_dir() else Path(sys.prefix) / "share" / "newsclaims" / "models" / "stance"


DEFAULT_STANCE_MODELS = default_stance_models()
# Articles per chunk: small enough that a batch of a few hundred keeps every core busy to the end (a chunk is
# the unit a worker takes), large enough that the parts stay few (docs/performance.md, "Issue 18 levers").
DEFAULT_CHUNK_SIZE = 20


ALIAS_SEPARATOR = "|"


class ConfigError(ValueError):
    """A setting that cannot be used (batch.toml, the out folder), with what to change."""


@dataclass(frozen=True)
class Target:
    """What stance is measured toward: a name, a one-line description, aliases."""

    name: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def is_set(self) -> bool:
        return bool(self.name.strip())

    def phrases(self) -> tuple[str, ...]:
        """The name and every alias: the ways an article may refer to the target."""
        return tuple(p for p in (self.name, *self.aliases) if p.strip())

    @property
    def joined_aliases(self) -> str:
        """The aliases as one table cell (the claims table's and label files' ``target_aliases``)."""
        return ALIAS_SEPARATOR.join(self.aliases)

    @classmethod
    def from_cells(cls, name, aliases) -> "Target":
        """The target a table row names, its aliases read back from one ``target_aliases`` cell."""
        return cls(name=str(name or ""), aliases=tuple(a.strip() for a in str(aliases or "").split(ALIAS_SEPARATOR)
                                                       if a.strip()))


@dataclass(frozen=True)
class BatchConfig:
    """Defaults for every article of one batch folder."""

    name: str
    outlet: str = ""
    target: Target = field(default_factory=Target)


def load_batch_config(batch_dir: Path, target_override: str | None = None) -> BatchConfig:
    """Read ``batch.toml`` from *batch_dir* if there is one; ``--target`` wins over it."""
    batch_dir = Path(batch_dir)
    data: dict = {}
    path = batch_dir / BATCH_FILE
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    raw_target = data.get("target", {})
    if isinstance(raw_target, str):
        raw_target = {"name": raw_target}
    if not isinstance(raw_target, dict):
        raise ConfigError(f"{path}: [target] must be a table or a string")
    aliases = raw_target.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(f"{path}: target.aliases must be a list of strings")
    target = Target(
        name=str(raw_target.get("name", "")),
        description=str(raw_target.get("description", "")),
        aliases=tuple(aliases),
    )
    if target_override:
        target = Target(name=target_override)
    return BatchConfig(
        name=str(data.get("name", batch_dir.resolve().name)),
        outlet=str(data.get("outlet", "")),
        target=target,
    )


def no_target_warning(config: BatchConfig) -> str | None:
    """What to tell the user, once per batch, when stance has no target to be measured toward."""
    if config.target.is_set:
        return None
    return ("no stance target: every claim's stance is neutral; name one under [target] in batch.toml "
            "or pass --target \"...\"")


def check_out_dir(out_dir: Path) -> None:
    """Raise ConfigError unless *out_dir* is, or can become, a folder we can write into.

    Checked before any work, so a typo does not cost a whole batch's parse.
    """
    out_dir = Path(out_dir)
    existing = next((p for p in (out_dir, *out_dir.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        raise ConfigError(f"--out {out_dir}: {existing} is a file, not a folder; pass a folder path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out_dir}: cannot write into {existing}; pass a folder you can write to")
