"""Run every stage on one batch folder and merge the results into the out folder.

Only articles the out folder does not hold yet are parsed and extracted, so a
second run on an unchanged batch does no NLP at all, and a second batch adds
to the tables without duplicating anything.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import schema, store
from pipeline.attribution import extract_claims
from pipeline.config import BatchConfig, Target, load_batch_config
from pipeline.entities import entity_summary, extract_entities, link_claims
from pipeline.ingest import ingest, language_summary
from pipeline.nlp import load_model, parse_articles, sentence_context
from pipeline.stance import StanceModel, load_current_model, predict_claims
from pipeline.tables import speaker_table

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STANCE_MODELS = PROJECT_ROOT / "models" / "stance"
CACHE_DIR_NAME = ".cache"


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

    def lines(self) -> list[str]:
        return [
            f"batch {self.batch}: {self.n_files_articles} articles read, {self.n_new_articles} new",
            f"tables: {self.n_articles} articles, {self.n_claims} claims, "
            f"{self.n_speakers} speakers, {self.n_errors} errors in this batch",
        ]


class NothingProcessed(RuntimeError):
    """The batch had no readable article at all."""


def claims_for(docs, target: Target, stance_model: StanceModel) -> pd.DataFrame:
    """Attribution, then each claim's context sentence, target and stance."""
    claims = extract_claims(docs)
    claims["context"] = [
        sentence_context(docs[aid], int(s), int(e))
        for aid, s, e in zip(claims["article_id"], claims["start_char"], claims["end_char"])
    ]
    claims["target"] = target.name
    claims["target_aliases"] = "|".join(target.aliases)
    stance = predict_claims(stance_model, claims, target)
    return pd.concat([claims, stance], axis=1)


def _rescore(claims: pd.DataFrame, model: StanceModel, rows: pd.Series) -> pd.DataFrame:
    """The stance of the selected claims scored afresh toward each claim's own target, aliases included."""
    claims = claims.copy()
    for (target_name, aliases), group in claims[rows].fillna({"target_aliases": ""}).groupby(
            ["target", "target_aliases"]):
        target = Target(name=str(target_name), aliases=tuple(a for a in str(aliases).split("|") if a))
        scored = predict_claims(model, group, target)
        claims.loc[group.index, scored.columns] = scored
    return claims


def scored_by_other_models(claims: pd.DataFrame, model: StanceModel) -> pd.Series:
    """Claims with a target whose stance came from a model other than *model* (e.g. before retraining)."""
    return claims["target"].fillna("").ne("") & claims["stance_model"].fillna("").ne(model.id)


def rescore_stance(out_dir: Path, model: StanceModel) -> pd.DataFrame:
    """Re-score the stance of every stored claim toward its own target; rewrite claims and speakers."""
    claims = store.read_table(out_dir, "claims")
    claims = _rescore(claims, model, pd.Series(True, index=claims.index))
    store.write_table(out_dir, "claims", claims)
    store.write_table(out_dir, "speakers", speaker_table(claims))
    return claims


def run_batch(batch_dir: Path, out_dir: Path, model: str | None = None, target: str | None = None,
              stance_models: Path = DEFAULT_STANCE_MODELS, csv: bool = False, force: bool = False,
              progress: bool = True, log=lambda message: print(message, file=sys.stderr)) -> RunSummary:
    """Ingest *batch_dir*, process the articles *out_dir* lacks, and write every table."""
    batch_dir, out_dir = Path(batch_dir), Path(out_dir)
    if not batch_dir.is_dir():
        raise FileNotFoundError(f"batch folder {batch_dir} does not exist")
    config: BatchConfig = load_batch_config(batch_dir, target)
    articles, errors = ingest(batch_dir, config)
    for row in errors.itertuples():
        log(f"{row.kind}: {row.source}: {row.reason}")
    if note := language_summary(articles):
        log(note)
    if articles.empty:
        store.write_table(out_dir, "errors", store.replace_rows(
            store.read_table(out_dir, "errors"), errors, "batch", [config.name]), csv)
        raise NothingProcessed(f"no article could be read from {batch_dir} ({len(errors)} inputs skipped)")

    tables = store.load_tables(out_dir)
    stance_model = load_current_model(stance_models)
    known = set(tables["articles"]["article_id"]) if not force else set()
    new = articles[~articles["article_id"].isin(known)].reset_index(drop=True)
    changed = {"errors"}
    stale = scored_by_other_models(tables["claims"], stance_model)
    if stale.any():
        log(f"re-scoring the stance of {int(stale.sum())} stored claims with the current model {stance_model.id}")
        tables["claims"] = _rescore(tables["claims"], stance_model, stale)
        changed |= {"claims", "speakers"}
    if len(new):
        log(f"processing {len(new)} new articles of {len(articles)}")
        nlp = load_model(model)
        docs = parse_articles(nlp, new, out_dir / CACHE_DIR_NAME / "docs", progress=progress, reuse_cache=not force)
        entities = extract_entities(docs)
        claims = link_claims(claims_for(docs, config.target, stance_model), entities)
        ids = new["article_id"]
        tables["articles"] = store.replace_rows(tables["articles"], new, "article_id", ids)
        tables["entities"] = store.replace_rows(tables["entities"], entities, "article_id", ids)
        tables["entity_summary"] = store.replace_rows(
            tables["entity_summary"], entity_summary(entities, new), "article_id", ids)
        tables["claims"] = store.replace_rows(tables["claims"], claims, "article_id", ids)
        changed |= set(schema.TABLES)
    if "claims" in changed:
        tables["speakers"] = speaker_table(tables["claims"])
    tables["errors"] = store.replace_rows(tables["errors"], errors, "batch", [config.name])
    for name in schema.TABLES:
        if name in changed or not store.table_path(out_dir, name).is_file():
            store.write_table(out_dir, name, tables[name], csv)
    return RunSummary(
        batch=config.name, n_files_articles=len(articles), n_new_articles=len(new),
        n_articles=len(tables["articles"]), n_claims=len(tables["claims"]),
        n_speakers=len(tables["speakers"]), n_errors=len(errors), errors=errors,
    )
