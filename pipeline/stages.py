"""The stages, declared once: ``STAGES`` is the order that ``run``, the bench and every engine follow.

Ingest and write run in the driver (they touch the batch folder and the
store); the chunk stages run on a chunk of articles wherever an engine puts
them (this process, a process pool, a Dask worker) through
:func:`process_chunk`, a plain function of picklable arguments.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.io.config import Target
from pipeline.stance.card import CARD_FILE, StanceModelError, current_model_dir, model_id

STAGES = ("ingest", "parse", "entities", "attribution", "stance encoder", "stance model", "write")
CHUNK_STAGES = STAGES[1:-1]
EXTRACTION_STAGES = ("parse", "entities", "attribution")
STANCE_STAGES = ("stance encoder", "stance model")
# What a worker imports for its first chunk, and for stance too (a pool forks its workers from one process
# that has imported them, so each worker does not spend seconds on its own imports).
WORKER_MODULES = ("pipeline.stages", "spacy", "pipeline.parse", "pipeline.entities", "pipeline.attribution")
# The default encoder runs on ONNX Runtime; skops.io imports most of scikit-learn (and torch, when installed).
STANCE_MODULES = ("pipeline.stance", "pipeline.stance.model", "skops.io", "onnxruntime", "tokenizers")


@dataclass(frozen=True)
class ChunkSettings:
    """What a chunk's stages need, picklable for a worker: names and paths, never loaded models."""

    target: Target
    stance_models: str
    model: str | None = None
    cache_dir: str | None = None
    reparse: bool = False  # run --force: parse again instead of reading cached docs
    threads: int | None = None  # the sentence encoder's threads in this process; None: torch's default


@dataclass
class ChunkResult:
    """A chunk's tables (articles, entities, entity_summary, claims) and each stage's wall and CPU seconds."""

    part: str
    tables: dict[str, pd.DataFrame]
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    done: tuple[str, ...] = ()
    worker: int = 0  # the process that ran the chunk, and when (epoch seconds) it began parsing and finished
    span: tuple[float, float] = (0.0, 0.0)


@lru_cache(maxsize=2)
def spacy_pipeline(model: str | None):
    """One spaCy pipeline per process (a worker keeps it for every chunk it gets)."""
    from pipeline.parse import load_model

    return load_model(model)


def current_model_id(models_dir: Path | str) -> str | None:
    """The current model's id read from its card alone (no scikit-learn import); None when unreadable."""
    try:
        folder = current_model_dir(Path(models_dir))
        card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, StanceModelError):
        return None
    return model_id(card.get("name", folder.name), card)


# The stance models this process holds, by (models folder, model id): loading one takes seconds, so the
# driver's check, its re-scoring and its chunks share one copy, and a pool's workers receive the driver's.
_STANCE_MODELS: dict[tuple[str, str | None], object] = {}


def stance_model(models_dir: Path | str):
    """The current stance model of *models_dir*, loaded once per process and model version
    (a model retrained under the same name has another id, so it is loaded anew)."""
    key = (str(Path(models_dir).resolve()), current_model_id(models_dir))
    if key not in _STANCE_MODELS:
        from pipeline.stance import load_current_model

        model = load_current_model(Path(models_dir))
        _STANCE_MODELS.clear()
        _STANCE_MODELS[key] = model
    return _STANCE_MODELS[key]


def _parse(state: dict, settings: ChunkSettings) -> None:
    from pipeline.parse import parse_articles

    cache = Path(settings.cache_dir) if settings.cache_dir else None
    state["docs"] = parse_articles(spacy_pipeline(settings.model), state["articles"], cache, progress=False,
                                   reuse_cache=not settings.reparse)


def _entities(state: dict, settings: ChunkSettings) -> None:
    from pipeline.entities import entity_summary, extract_entities

    state["entities"] = extract_entities(state["docs"])
    state["entity_summary"] = entity_summary(state["entities"], state["articles"])


def _attribution(state: dict, settings: ChunkSettings) -> None:
    """The attribution component on each Doc, then the claims table from ``doc._.claims`` with each
    claim's context sentence, target and linked entities; the Docs are dropped here, each claim's own
    tokens kept (with a target) for the stance model's features."""
    from pipeline.attribution import extract_claims
    from pipeline.entities import link_claims
    from pipeline.parse import sentence_context

    docs = state.pop("docs")
    claims = extract_claims(docs)  # runs the component on each Doc and reads doc._.claims
    claims["context"] = [sentence_context(docs[aid], int(s), int(e))
                         for aid, s, e in zip(claims["article_id"], claims["start_char"], claims["end_char"])]
    claims["target"] = settings.target.name
    claims["target_aliases"] = settings.target.joined_aliases
    state["claims"] = link_claims(claims, state["entities"])
    if settings.target.is_set:
        state["claim_spans"] = claim_spans(docs, claims)


def claim_spans(docs: dict, claims: pd.DataFrame) -> dict:
    """Each claim's spans of its article's parse, one per fragment ("“A,” she said, “B.”"), by content (the
    first article's when two share a content), so the stance features need not parse the claims again."""
    from pipeline.attribution import FRAGMENT_JOINER

    found = {}
    for aid, text, start, end, parts in zip(claims["article_id"], claims["content"], claims["start_char"],
                                            claims["end_char"], claims["spans"]):
        if text in found or aid not in docs:
            continue
        bounds = [part.split("-") for part in parts.split(";")] if isinstance(parts, str) and parts else [(start, end)]
        spans = tuple(docs[aid].char_span(int(s), int(e)) for s, e in bounds)
        if None not in spans and FRAGMENT_JOINER.join(span.text for span in spans) == text:
            found[text] = spans
    return found


def _stance_encoder(state: dict, settings: ChunkSettings) -> None:
    """The sentence vectors of the chunk's claims that the parse's rules do not decide, encoded in one batch
    into the encoder's memo (read from the article's parse, as the stance model reads them).

    The stance model then reads them from the memo, so the two stages time the
    encoder and the rest of the model apart.
    """
    claims = state["claims"]
    if settings.target.is_set and not claims.empty:  # without a target, scikit-learn is not even imported
        from pipeline.stance import claim_parses, encode_claims

        # The claims' parses stay open until the stance model's stage: it reads the targeted rows computed here.
        parses = state["stance_parses"] = ExitStack()
        parses.enter_context(claim_parses(state.pop("claim_spans", {})))
        encode_claims(stance_model(settings.stance_models), claims, settings.target)


def _stance(state: dict, settings: ChunkSettings) -> None:
    """The stance of the chunk's claims, in one batch (with no target, all neutral and no model read)."""
    claims = state["claims"]
    if settings.target.is_set:
        from pipeline.stance import claim_parses, predict_claims

        with state.pop("stance_parses", None) or claim_parses(state.pop("claim_spans", {})):
            stance = predict_claims(stance_model(settings.stance_models), claims, settings.target)
    else:
        from pipeline.stance.neutral import neutral_stance

        stance = neutral_stance(claims.index)
    state["claims"] = pd.concat([claims.drop(columns=stance.columns, errors="ignore"), stance], axis=1)


CHUNK_FUNCTIONS: dict[str, Callable[[dict, ChunkSettings], None]] = {
    "parse": _parse, "entities": _entities, "attribution": _attribution,
    "stance encoder": _stance_encoder, "stance model": _stance,
}


def _load_stance_encoder(settings: ChunkSettings) -> None:
    if settings.target.is_set:
        from pipeline.stance import load_encoder

        load_encoder(stance_model(settings.stance_models))
        if settings.threads and "torch" in sys.modules:  # a torch encoder: its threads would fight the other workers
            import torch

            torch.set_num_threads(settings.threads)


def _load_stance_features(settings: ChunkSettings) -> None:
    """The claim parser and sentiment lexicon the stance model's features read, so the stage times only use."""
    if settings.target.is_set:  # without one, no feature is computed: scikit-learn is not even imported
        from pipeline.stance.features import claim_parser, sentiment_analyzer

        stance_model(settings.stance_models)
        claim_parser()
        sentiment_analyzer()


LOADERS: dict[str, Callable[[ChunkSettings], object]] = {
    "parse": lambda settings: spacy_pipeline(settings.model),
    "stance encoder": _load_stance_encoder,
    "stance model": _load_stance_features,
}


@contextmanager
def timed(seconds: dict[str, float], cpu_seconds: dict[str, float], name: str) -> Iterator[None]:
    """Add the block's wall seconds to ``seconds[name]`` and this process's CPU seconds (which other jobs
    on the machine hardly change) to ``cpu_seconds[name]``."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - wall
        cpu_seconds[name] = cpu_seconds.get(name, 0.0) + time.process_time() - cpu


def run_stages(result: ChunkResult, settings: ChunkSettings, names: tuple[str, ...]) -> ChunkResult:
    """Run the named chunk stages on *result*, in ``STAGES`` order, timing each (loading models apart)."""
    state = dict(result.tables)
    try:
        for name in (n for n in CHUNK_STAGES if n in names and n not in result.done):
            steps = [("loading models", LOADERS[name])] if name in LOADERS else []
            for label, step in [*steps, (name, lambda s: CHUNK_FUNCTIONS[name](state, s))]:
                with timed(result.seconds, result.cpu_seconds, label):
                    step(settings)
            result.done += (name,)
    finally:  # spans of Docs and the block reading them, for this process's stance stages only: never shipped
        state.pop("claim_spans", None)
        state.pop("stance_parses", ExitStack()).close()
    result.tables = state
    return result


# The wall and CPU seconds a pool worker spent loading models before its first chunk, reported with that chunk.
_LOADED_AT_START: tuple[dict[str, float], dict[str, float]] = ({}, {})


def prepare_worker(settings: ChunkSettings) -> None:
    """A pool worker's start: load every chunk stage's models (the stance model too, when there is a
    target), so that the worker parses as soon as a chunk arrives (a pool started while the driver ingests
    has them loaded by then). A model that fails to load here fails again in the first chunk, which
    reports it as the run's error."""
    with timed(*_LOADED_AT_START, "loading models"), suppress(Exception):  # the chunk's load raises it again
        for name in CHUNK_STAGES:
            if name in LOADERS:
                LOADERS[name](settings)


def process_chunk(articles: pd.DataFrame, part: str, settings: ChunkSettings,
                  names: tuple[str, ...] = CHUNK_STAGES) -> ChunkResult:
    """The chunk function every engine maps: a chunk of article rows through the named stages.

    The chunk's Docs live in a spaCy memory zone, so the words they add to the
    vocabulary are forgotten with them, and the memory they used goes back to
    the system after the chunk: a worker's memory does not grow with the
    batch (docs/performance.md, "Issue 18 levers"). The first chunk of a pool
    worker also reports the seconds the worker spent loading models as it
    started (:func:`prepare_worker`).
    """
    result = ChunkResult(part, {"articles": articles.reset_index(drop=True)}, worker=os.getpid())
    for figures, loaded in zip((result.seconds, result.cpu_seconds), _LOADED_AT_START):
        figures.update(loaded)
        loaded.clear()
    if "parse" not in names:
        result = run_stages(result, settings, names)
    else:
        with timed(result.seconds, result.cpu_seconds, "loading models"):
            nlp = spacy_pipeline(settings.model)
        started = time.time()
        with nlp.memory_zone():
            result = run_stages(result, settings, names)
        release_freed_memory()
        result.span = (started, time.time())
    return result


def release_freed_memory() -> None:
    """Free the chunk's garbage and return the memory to the system.

    Some of a chunk's objects sit in reference cycles that only Python's rare
    full collection frees, and glibc keeps freed memory: without both steps a
    worker grew by about 13 MiB a chunk of 20 articles (docs/performance.md,
    "Issue 18, without stance"). What survives the collection (the models,
    the modules, their caches) is frozen, so the next chunk's collection
    scans only that chunk's objects (4 ms instead of 190). The trim does
    nothing where the C library is not glibc.
    """
    import ctypes
    import gc

    gc.collect()
    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
