"""Run every stage on one batch folder and commit the results to the out folder's store.

A batch is cut into chunks of articles; each chunk goes through the chunk
stages (in this process, a process pool or a Dask cluster) and is written as
one part per table, so memory stays flat and a killed run keeps its finished
chunks. An article is known by its source (batch, file, row) and its text
hash: articles the store holds are not parsed again, an edited file replaces
its article's rows, and a file gone from the batch is reported (and removed
with ``prune``). The whole run holds the out folder's lock.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.io import schema, store
from pipeline.io.config import DEFAULT_CHUNK_SIZE, DEFAULT_STANCE_MODELS, BatchConfig, Target, load_batch_config
from pipeline.stages import (STANCE_STAGES, ChunkResult, ChunkSettings, claim_spans, current_model_id, run_stages,
                             spacy_pipeline, stance_model, timed)

if TYPE_CHECKING:
    from pipeline.engines.local import Pool

CACHE_DIR_NAME = ".cache"
Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass(frozen=True)
class RunSettings:
    """Options of ``newsclaims run`` beyond the batch and out folders."""

    model: str | None = None
    target: str | None = None
    stance_models: Path = DEFAULT_STANCE_MODELS
    csv: bool = False
    force: bool = False
    prune: bool = False
    chunk_size: int = DEFAULT_CHUNK_SIZE
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = True


@dataclass(frozen=True)
class RunSummary:
    batch: str
    n_files_articles: int
    n_new_articles: int
    n_articles: int
    n_claims: int
    n_speakers: int
    n_errors: int
    errors: pd.DataFrame
    n_replaced: int = 0
    gone: tuple[str, ...] = ()
    pruned: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, summed over processes
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    timeline: dict[str, float] = field(default_factory=dict)  # see _timeline

    def lines(self) -> list[str]:
        lines = [f"batch {self.batch}: {self.n_files_articles} articles read, {self.n_new_articles} new"
                 + (f" ({self.n_replaced} replacing an edited version)" if self.n_replaced else "")]
        if self.gone:
            lines.append(f"{len(self.gone)} articles of files no longer in the batch "
                         + ("removed" if self.pruned else "kept (remove them with --prune)"))
        lines.append(f"tables: {self.n_articles} articles, {self.n_claims} claims, "
                     f"{self.n_speakers} speakers, {self.n_errors} errors in this batch")
        return lines


class NothingProcessed(RuntimeError):
    """The batch had no readable article at all."""


class RunError(RuntimeError):
    """A user mistake found before any work: an unusable stance model, an out folder under a file."""


def load_stance_model(models_dir: Path):
    """The current stance model (the process's shared copy), or a RunError saying what is wrong with it."""
    with _stance_model_errors(models_dir):
        return stance_model(models_dir)


def check_stance_model(models_dir: Path) -> None:
    """A RunError unless the current stance model's files are there and match its card (not loaded here)."""
    from pipeline.stance.card import check_model_folder, current_model_dir

    with _stance_model_errors(models_dir):
        check_model_folder(current_model_dir(models_dir))


@contextmanager
def _stance_model_errors(models_dir: Path) -> Iterator[None]:
    from pipeline.stance import StanceModelError

    try:
        yield
    except (StanceModelError, OSError, ValueError) as exc:
        raise _stance_model_error(models_dir, exc) from exc


def _stance_model_error(models_dir: Path, exc: Exception) -> RunError:
    """What the run says of a stance model that cannot be used, found by the driver or by a chunk."""
    return RunError(f"stance model in {models_dir}: {exc}")


def _rescore(claims: pd.DataFrame, model, rows: pd.Series, docs: dict | None = None) -> pd.DataFrame:
    """The stance of the selected claims scored afresh toward each claim's own target, aliases included,
    each claim read from its article's Doc in *docs* (the parse the run read) where there is one."""
    from pipeline.stance import predict_claims

    claims = claims.copy()
    for (target_name, aliases), group in claims[rows].fillna({"target_aliases": ""}).groupby(
            ["target", "target_aliases"]):
        target = Target.from_cells(target_name, aliases)
        scored = predict_claims(model, group, target, claim_spans(docs or {}, group))
        claims.loc[group.index, scored.columns] = scored
    return claims


def scored_by_other_models(claims: pd.DataFrame, model_id: str | None) -> pd.Series:
    """Claims with a target whose stance came from a model other than *model_id* (e.g. before retraining)."""
    return claims["target"].fillna("").ne("") & claims["stance_model"].fillna("").ne(model_id or "")


def _write_speakers(out_dir: Path) -> None:
    from pipeline.tables import speaker_table

    claims = store.read_table(out_dir, "claims", ["article_id", "speaker", "target", "stance", "affiliation",
                                                  "speaker_type"])
    store.write_part(out_dir, "speakers", "all", speaker_table(claims))


def _rescore_parts(out_dir: Path, model, only_stale: bool, spacy_model: str | None = None) -> int:
    """Re-score stored claims part by part (all, or those another model scored); how many were re-scored.

    The claims are read from their articles' cached parses, as the run read
    them, so re-scoring with the same model gives the run's probabilities (a
    claim whose article's parse is no longer cached is parsed from its text).
    """
    from pipeline.parse import cached_docs

    n = 0
    for part in store.part_names(out_dir, "claims"):
        claims = store.read_part(out_dir, "claims", part)
        rows = scored_by_other_models(claims, model.id) if only_stale else pd.Series(True, index=claims.index)
        if rows.any():
            nlp = spacy_pipeline(spacy_model)
            with nlp.memory_zone():
                docs = cached_docs(nlp, out_dir / CACHE_DIR_NAME / "docs", claims.loc[rows, "article_id"])
                store.write_part(out_dir, "claims", part, _rescore(claims, model, rows, docs))
            n += int(rows.sum())
    return n


def rescore_stance(out_dir: Path, model, log: Log = _stderr, spacy_model: str | None = None) -> pd.DataFrame:
    """Re-score the stance of every stored claim toward its own target; rewrite claims and speakers."""
    with store.locked(out_dir, log):
        store.migrate_legacy(out_dir, log)
        _rescore_parts(out_dir, model, only_stale=False, spacy_model=spacy_model)
        _write_speakers(out_dir)
    return store.read_table(out_dir, "claims")


def article_index(out_dir: Path) -> pd.DataFrame:
    """article_id, batch, source and part of every stored article (the store's catalogue)."""
    frames = [store.read_part(out_dir, "articles", p, ["article_id", "batch", "source"]).assign(part=p)
              for p in store.part_names(out_dir, "articles")]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in ("article_id", "batch", "source", "part")})
    return pd.concat(frames, ignore_index=True)


def check_store(out_dir: Path, log: Log) -> list[tuple[pd.DataFrame, str]]:
    """Repair what an interrupted run or a user left: chunks to rebuild, as (articles, old part).

    Parts of the article tables without an articles part are leftovers of an
    unfinished commit and go; an articles part that cannot be read goes too
    (its articles come back when their batch is run again); rows whose
    article is not in their part's articles are dropped; a chunk missing a
    part of any table, or holding an unreadable one, is rebuilt from the
    parse cache.
    """
    rebuild: list[tuple[pd.DataFrame, str]] = []
    committed = []
    for part in store.part_names(out_dir, "articles"):
        try:
            committed.append((part, store.read_part(out_dir, "articles", part)))
        except store.StoreError as exc:
            log(f"{exc}: removed; run its batch again to restore those articles")
            store.remove_part(out_dir, "articles", part)
    names = {part for part, _ in committed}
    for name in store.ARTICLE_TABLES[1:]:
        for part in set(store.part_names(out_dir, name)) - names:
            log(f"removing {store.part_path(out_dir, name, part)}, left by an interrupted run")
            store.remove_part(out_dir, name, part)
    for part, articles in committed:
        ids = set(articles["article_id"])
        for name in store.ARTICLE_TABLES[1:]:
            path = store.part_path(out_dir, name, part)
            if not path.is_file():
                log(f"{path} is missing: rebuilding it from the parse cache")
                rebuild.append((articles, part))
                break
            try:
                stray = ~store.read_part(out_dir, name, part, ["article_id"])["article_id"].isin(ids)
                if stray.any():
                    rows = store.read_part(out_dir, name, part)
                    store.write_part(out_dir, name, part, rows[~rows["article_id"].isin(ids)])
            except store.StoreError as exc:
                log(f"{exc.args[0].split(' (')[0]}: rebuilding it from the parse cache")
                rebuild.append((articles, part))
                break
    for name in ("errors", "speakers"):
        for part in store.part_names(out_dir, name):
            try:
                store.read_part(out_dir, name, part, ["batch" if name == "errors" else "speaker"])
            except store.StoreError as exc:
                log(f"{exc.args[0].split(' (')[0]}: removed; it is rewritten by this run"
                    + (" (errors: when its batch is run again)" if name == "errors" else ""))
                store.remove_part(out_dir, name, part)
    return rebuild


def remove_articles(out_dir: Path, index: pd.DataFrame, ids: set[str]) -> None:
    """Drop the articles *ids* from every article table, part by part (articles first)."""
    for part in sorted(set(index.loc[index["article_id"].isin(ids), "part"])):
        for name in store.ARTICLE_TABLES:
            rows = store.read_part(out_dir, name, part)
            kept = rows[~rows["article_id"].isin(ids)]
            if name == "articles" and kept.empty:
                for every in store.ARTICLE_TABLES:
                    store.remove_part(out_dir, every, part)
                break
            store.write_part(out_dir, name, part, kept)


def commit(out_dir: Path, result: ChunkResult, replaces: str | None = None) -> None:
    """Write a chunk's parts, articles last: a chunk is in the store once its articles part is."""
    for name in (*store.ARTICLE_TABLES[1:], "articles"):
        store.write_part(out_dir, name, result.part, result.tables[name])
    if replaces and replaces != result.part:
        for name in store.ARTICLE_TABLES:
            store.remove_part(out_dir, name, replaces)


def _chunks(articles: pd.DataFrame, size: int) -> list[tuple[pd.DataFrame, str]]:
    pieces = [articles.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(articles), size)]
    return [(piece, store.chunk_part(piece["article_id"])) for piece in pieces]


def _results(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings, run: RunSettings,
             pool: Pool | None) -> Iterator[ChunkResult]:
    if run.engine == "dask":
        from pipeline.engines import dask as engine

        yield from engine.map_chunks(chunks, settings, run.workers, run.scheduler)
    else:
        from pipeline.engines import local as engine

        yield from engine.map_chunks(chunks, settings, run.workers, pool)


def _out_folder(out_dir: Path) -> None:
    """Refuse an out folder that cannot be one (under a file) before any work."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                raise RunError(f"--out {out_dir}: {folder} is a file, not a folder; choose another --out")
            return


def _plan(articles: pd.DataFrame, index: pd.DataFrame, batch: str, force: bool):
    """New articles, ids of stored articles whose file now holds another text, and sources gone from the batch."""
    mine = index[index["batch"] == batch]
    stored_at = dict(zip(mine["source"], mine["article_id"]))
    current = set(articles["article_id"])
    replaced = {old for source, old in stored_at.items()
                if source in set(articles["source"]) and old not in current}
    gone = sorted(source for source, old in stored_at.items()
                  if source not in set(articles["source"]) and old not in current)
    known = set() if force else set(index["article_id"])
    new = articles[~articles["article_id"].isin(known)].reset_index(drop=True)
    return new, replaced, gone


def run_batch(batch_dir: Path, out_dir: Path, settings: RunSettings | None = None, log: Log = _stderr,
              **options) -> RunSummary:
    """Ingest *batch_dir*, process the articles the store lacks chunk by chunk, and commit every table.

    *options* override fields of *settings* (``run_batch(batch, out, progress=False)``).
    """
    began = time.time()
    settings = replace(settings or RunSettings(), **options)
    batch_dir, out_dir = Path(batch_dir), Path(out_dir)
    if not batch_dir.is_dir():
        raise FileNotFoundError(f"batch folder {batch_dir} does not exist")
    _out_folder(out_dir)
    seconds: dict[str, float] = {}
    cpu_seconds: dict[str, float] = {}
    with timed(seconds, cpu_seconds, "ingest"):
        config: BatchConfig = load_batch_config(batch_dir, settings.target)
    chunk_settings = ChunkSettings(target=config.target, stance_models=str(Path(settings.stance_models).resolve()),
                                   model=settings.model, cache_dir=str((out_dir / CACHE_DIR_NAME / "docs").resolve()),
                                   reparse=settings.force)
    pool = _early_pool(batch_dir, out_dir, config, chunk_settings, settings)
    try:
        return _run(batch_dir, out_dir, settings, log, config, chunk_settings, pool, began, (seconds, cpu_seconds))
    finally:
        if pool is not None:
            pool.close()


def _early_pool(batch_dir: Path, out_dir: Path, config: BatchConfig, chunk_settings: ChunkSettings,
                settings: RunSettings) -> Pool | None:
    """A local pool started now, so that its workers load their models while the driver ingests, when the
    batch looks like more than a chunk of articles the store lacks: more files than a chunk, and a first run
    of the batch into the out folder (no errors part of it yet) or ``--force``. A re-run, which may well find
    nothing new, starts a pool after ingest if it needs one, as it always did."""
    from pipeline.ingest import walk_batch

    if settings.engine != "local" or settings.workers < 2:
        return None
    n_files = len(walk_batch(batch_dir)[0])
    if n_files <= settings.chunk_size or not (
            settings.force or not store.part_path(out_dir, "errors", store.batch_part(config.name)).is_file()):
        return None
    from pipeline.engines.local import Pool

    return Pool(chunk_settings, min(settings.workers, -(-n_files // settings.chunk_size)))


def _run(batch_dir: Path, out_dir: Path, settings: RunSettings, log: Log, config: BatchConfig,
         chunk_settings: ChunkSettings, pool: Pool | None, began: float,
         totals: tuple[dict[str, float], dict[str, float]]) -> RunSummary:
    """``run_batch`` after the batch's config is read (and a pool perhaps started): ingest, plan, process,
    commit."""
    from pipeline.ingest import ingest, language_summary

    seconds, cpu_seconds = totals
    timeline: dict[str, float] = {}
    with timed(seconds, cpu_seconds, "ingest"):
        articles, errors = ingest(batch_dir, config)
    for row in errors.itertuples():
        log(f"{row.kind}: {row.source}: {row.reason}")
    if note := language_summary(articles):
        log(note)
    with store.locked(out_dir, log):
        store.migrate_legacy(out_dir, log)
        rebuild = []
        for frame, part in check_store(out_dir, log):
            others = sorted(set(frame["batch"]) - {config.name})
            if others:  # rebuilt with its own batch's target, by a run of that batch
                log(f"part {part} of batch {', '.join(others)} is rebuilt by the next run of that batch: "
                    f"`newsclaims run <its folder> --out {out_dir}`")
            else:
                rebuild.append((frame, part))
        if articles.empty:
            store.write_part(out_dir, "errors", store.batch_part(config.name), errors)
            raise NothingProcessed(f"no article could be read from {batch_dir} ({len(errors)} inputs skipped)")
        index = article_index(out_dir)
        new, replaced, gone = _plan(articles, index, config.name, settings.force)
        if gone:
            log(f"{len(gone)} files of batch {config.name} are gone from {batch_dir} "
                f"({', '.join(gone[:3])}{', ...' if len(gone) > 3 else ''})"
                + ("; removing their articles" if settings.prune else "; --prune removes their articles"))
        dropped = set(replaced)
        if settings.prune:
            mine = index[index["batch"] == config.name]
            dropped |= set(mine.loc[mine["source"].isin(gone), "article_id"])
        redo = set(new["article_id"]) if settings.force else set()
        rebuilt_parts = {part for _, part in rebuild}
        remove_articles(out_dir, index[~index["part"].isin(rebuilt_parts)], dropped | redo)
        rebuild = [(frame[~frame["article_id"].isin(dropped | redo)], part) for frame, part in rebuild]
        changed = bool(dropped or len(new) or rebuild)

        model_id = current_model_id(settings.stance_models)
        stale_parts = any(scored_by_other_models(
            store.read_part(out_dir, "claims", p, ["target", "stance_model"]), model_id).any()
            for p in store.part_names(out_dir, "claims"))
        if stale_parts:
            model = load_stance_model(settings.stance_models)
            n = _rescore_parts(out_dir, model, only_stale=True, spacy_model=settings.model)
            log(f"re-scored the stance of {n} stored claims with the current model {model.id}")
            changed = True
        elif (len(new) or rebuild) and config.target.is_set:  # the chunks load it: its files are checked here
            check_stance_model(settings.stance_models)
        if len(new) or rebuild:
            if len(new):
                log(f"processing {len(new)} new articles of {len(articles)}"
                    + (f" in chunks of {settings.chunk_size}" if len(new) > settings.chunk_size else ""))
            from pipeline.parse import ModelError
            from pipeline.stance import StanceModelError

            try:
                timeline = _process(out_dir, _chunks(new, settings.chunk_size), rebuild, chunk_settings,
                                    settings, (seconds, cpu_seconds), began, pool)
            except ModelError as exc:
                raise RunError(str(exc)) from exc
            except StanceModelError as exc:  # the chunks load the stance model
                raise _stance_model_error(settings.stance_models, exc) from exc
        with timed(seconds, cpu_seconds, "write"):
            store.write_part(out_dir, "errors", store.batch_part(config.name), errors)
            if changed or not store.part_names(out_dir, "speakers"):
                _write_speakers(out_dir)
            if settings.csv:
                for name in schema.TABLES:
                    store.write_csv(out_dir, name)
        counts = {name: len(store.read_table(out_dir, name, [schema.TABLES[name].key[0]]))
                  for name in ("articles", "claims", "speakers")}
    return RunSummary(
        batch=config.name, n_files_articles=len(articles), n_new_articles=len(new), n_articles=counts["articles"],
        n_claims=counts["claims"], n_speakers=counts["speakers"], n_errors=len(errors), errors=errors,
        n_replaced=len(replaced), gone=tuple(gone), pruned=settings.prune, seconds=seconds,
        cpu_seconds=cpu_seconds, timeline=timeline,
    )


def _process(out_dir: Path, chunks: list[tuple[pd.DataFrame, str]], rebuild: list[tuple[pd.DataFrame, str]],
             chunk_settings: ChunkSettings, settings: RunSettings,
             totals: tuple[dict[str, float], dict[str, float]], began: float,
             pool: Pool | None = None) -> dict[str, float]:
    """Map the chunk function over the new chunks and the chunks to rebuild, committing each as it finishes;
    each stage's wall and CPU seconds are added to *totals*; the timeline of the chunks (:func:`_timeline`)."""
    from tqdm import tqdm

    replaces = {}
    for articles, old in rebuild:
        if articles.empty:  # every article of the chunk was edited, pruned or is re-processed anew
            for name in store.ARTICLE_TABLES:
                store.remove_part(out_dir, name, old)
            continue
        part = store.chunk_part(articles["article_id"])
        replaces[part] = old
        chunks.append((articles, part))
    # The longest chunks first, so the last ones, which a worker may have to wait on at the end, are short.
    chunks.sort(key=lambda chunk: -int(chunk[0]["text"].str.len().sum()))
    bar = tqdm(total=sum(len(a) for a, _ in chunks), desc="processing", unit="article",
               disable=not settings.progress or len(chunks) < 2)
    ready, spans = time.time(), []
    for result in _results(chunks, chunk_settings, settings, pool):
        spans.append((result.worker, *result.span))
        result = run_stages(result, chunk_settings, STANCE_STAGES)
        with timed(result.seconds, result.cpu_seconds, "write"):
            commit(out_dir, result, replaces.get(result.part))
        for total, figures in zip(totals, (result.seconds, result.cpu_seconds)):
            for name, value in figures.items():
                total[name] = total.get(name, 0.0) + value
        bar.update(len(result.tables["articles"]))
    bar.close()
    return _timeline(began, ready, spans)


def _timeline(began: float, ready: float, spans: list[tuple[int, float, float]]) -> dict[str, float]:
    """When, in seconds after the run began, the driver had its chunks ready (*ready*) and a worker, its
    models loaded, began parsing one, and for how many seconds in all the workers sat idle at the end,
    waiting for the last chunk to finish (*spans*: worker, start of the parse, end of each chunk).

    The driver's serial start and the pool's tail are where the run loses time
    to bare ``nlp.pipe`` beyond the stages' own CPU (docs/performance.md).
    """
    if not spans:
        return {}
    finished = max(end for _, _, end in spans)
    last_end: dict[int, float] = {}
    for worker, _, end in spans:
        last_end[worker] = max(end, last_end.get(worker, end))
    return {"chunks ready": ready - began, "first parse started": min(start for _, start, _ in spans) - began,
            "last chunk finished": finished - began,
            "tail idle": sum(finished - end for end in last_end.values())}
