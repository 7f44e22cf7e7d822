"""Every output table's columns, types and meanings, written once.

:func:`validate` is called by the store on every write, and ``docs/schema.md``
is generated from :data:`TABLES` (a test checks the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # a pandas dtype name: string, Int64, float64, boolean
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


class SchemaError(ValueError):
    """A table that does not match its declared schema."""


def _t(name: str, meaning: str, key: tuple[str, ...], *cols: tuple[str, str, str]) -> Table:
    return Table(name, meaning, key, tuple(Column(*c) for c in cols))


ARTICLES = _t(
    "articles", "One row per article: cleaned body text and metadata.", ("article_id",),
    ("article_id", "string", "Stable id: hash of the clean text, so the same article ingested twice is one article."),
    ("batch", "string", "Batch name (batch.toml `name`, else the batch folder's name)."),
    ("source", "string", "File name relative to the batch folder; `#N` adds the row for JSONL/CSV files."),
    ("title", "string", "Headline (first line of a .txt file, the HTML title, or the `title` field)."),
    ("outlet", "string", "Publisher, from the file, metadata.csv or batch.toml; empty when unknown."),
    ("published", "string", "Publication date as given (file or metadata.csv; ISO 8601 where the source says)."),
    ("dateline", "string", "Dateline removed from the body (\"UNITED NATIONS\"); empty when none."),
    ("url", "string", "Source URL when known (from the file or metadata.csv)."),
    ("text", "string", "Clean body text; paragraphs separated by a blank line. All character offsets refer to it."),
    ("n_words", "Int64", "Number of words in `text`: whitespace-separated runs holding a letter or digit, each Chinese or Japanese character counting as one."),
    ("language", "string", "Language of `text` as an ISO 639-1 code detected by py3langid (\"en\", \"de\", \"zh\"); empty when too short to tell. Claims and entities are found in English text only."),
)

ENTITIES = _t(
    "entities", "One row per named-entity mention.", ("article_id", "start_char"),
    ("article_id", "string", "Article the mention is in."),
    ("entity_id", "string", "One id per canonical entity across all processed articles."),
    ("text", "string", "The mention as written."),
    ("label", "string", "spaCy entity label (PERSON, ORG, GPE, LOC, NORP, LAW, ...)."),
    ("canonical", "string", "Canonical name (\"U.N.\" and \"UN\" -> \"United Nations\"; \"Seger\" -> \"Alexander Seger\")."),
    ("start_char", "Int64", "Start offset of the mention in articles.text."),
    ("end_char", "Int64", "End offset (exclusive) of the mention in articles.text."),
)

ENTITY_SUMMARY = _t(
    "entity_summary", "One row per canonical entity per article.", ("article_id", "entity_id"),
    ("article_id", "string", "Article."),
    ("entity_id", "string", "Canonical entity id (as in entities)."),
    ("canonical", "string", "Canonical name."),
    ("label", "string", "Entity label."),
    ("n_mentions", "Int64", "Mentions in the article."),
    ("first_char", "Int64", "Offset of the first mention."),
    ("in_title", "boolean", "Whether the entity is named in the title."),
    ("salience", "float64", "Simple salience in [0, 1]: share of mentions, weighted up for early and title mentions."),
)

CLAIMS = _t(
    "claims", "One row per attributed statement.", ("claim_id",),
    ("claim_id", "string", "Stable id of the claim (article, offsets)."),
    ("article_id", "string", "Article the claim is in."),
    ("content", "string", "What was said (without the outer quote marks of a direct quote)."),
    ("start_char", "Int64", "Start offset of `content` in articles.text."),
    ("end_char", "Int64", "End offset (exclusive) of `content` in articles.text."),
    ("context", "string", "The sentence(s) holding the claim and its cue, for reading and for stance."),
    ("speaker", "string", "Who said it, resolved: a full name for people, even through \"he\" or \"the official\"."),
    ("speaker_mention", "string", "The speaker as written at the cue (\"he\", \"Seger\", \"a Western diplomat\")."),
    ("speaker_start_char", "Int64", "Start offset of speaker_mention; -1 when the speaker is not written."),
    ("speaker_end_char", "Int64", "End offset of speaker_mention; -1 when the speaker is not written."),
    ("speaker_type", "string", "person, organisation, country, group, document or anonymous."),
    ("resolution", "string", "How the speaker was found: explicit, pronoun, surname (a shorter name made full) or nominal (\"the agency\"); unresolved when a pronoun, number or quantifier names nobody the article gives."),
    ("anonymous", "boolean", "An unnamed individual source (\"a Western diplomat\")."),
    ("affiliation", "string", "Organisation or country the speaker speaks for; empty when unknown."),
    ("speaker_entity_id", "string", "entities.entity_id of the speaker, when the speaker is a named entity."),
    ("affiliation_entity_id", "string", "entities.entity_id of the affiliation, when it is a named entity."),
    ("cue", "string", "Lemma of the attribution cue (\"say\", \"argue\", \"according to\"; \":\" for a transcript's turn)."),
    ("cue_start_char", "Int64", "Start offset of the cue's words (of a transcript turn's label)."),
    ("cue_end_char", "Int64", "End offset (exclusive) of the cue's words."),
    ("claim_type", "string", "direct (all quoted, or a transcript's turn), indirect (reported speech) or mixed (partly quoted)."),
    ("spans", "string", "The content's fragments as start-end offsets joined by \";\" when its attribution splits it (\"“A,” she said, “B.”\"; `content` joins them with \" … \"); empty when the content is start_char to end_char."),
    ("target", "string", "The batch's stance target (batch.toml or --target); empty when none was given (then stance is neutral)."),
    ("target_aliases", "string", "Other names of the target from batch.toml, joined by \"|\": stance reads references to the target through them."),
    ("stance", "string", "supportive, opposed or neutral toward the target."),
    ("stance_score", "float64", "Probability of the predicted stance."),
    ("p_supportive", "float64", "Probability of supportive (its calibration error is in the model card)."),
    ("p_opposed", "float64", "Probability of opposed."),
    ("p_neutral", "float64", "Probability of neutral."),
    ("stance_model", "string", "The stance model and rules that scored the row, as name@hash+rules@hash (first 8 hex digits of the model file's SHA-256 and of the rules' files and code); `run` re-scores rows whose id is not the current one; empty when the batch has no target."),
)

SPEAKERS = _t(
    "speakers", "One row per speaker and target over all processed articles.", ("speaker", "target"),
    ("speaker", "string", "Resolved speaker."),
    ("affiliation", "string", "Most frequent affiliation given for the speaker; empty when none."),
    ("speaker_type", "string", "Most frequent speaker_type."),
    ("target", "string", "Stance target."),
    ("n_claims", "Int64", "Claims by the speaker."),
    ("n_articles", "Int64", "Articles quoting the speaker."),
    ("n_supportive", "Int64", "Claims supportive of the target."),
    ("n_opposed", "Int64", "Claims opposed to the target."),
    ("n_neutral", "Int64", "Neutral claims."),
    ("majority_stance", "string", "The most frequent non-neutral stance when any, else neutral."),
)

ERRORS = _t(
    "errors", "One row per problem with an input of a batch: skipped, repaired, or read with a warning.",
    ("batch", "source", "reason"),
    ("batch", "string", "Batch name."),
    ("source", "string", "File (and row) with the problem; `batch.toml` for a problem of the whole batch."),
    ("kind", "string", "skipped (not read), repaired (read after a fix, e.g. control characters removed) or warning (read as it is, but check it)."),
    ("reason", "string", "What is wrong, in words a user can act on."),
)

ERROR_KINDS = ("skipped", "repaired", "warning")

TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, ENTITIES, ENTITY_SUMMARY, CLAIMS, SPEAKERS, ERRORS)}


def empty(table: Table) -> pd.DataFrame:
    """An empty frame with the table's columns and types."""
    return pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in table.columns})


def validate(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Return *df* with exactly the table's columns, in order and cast; raise on a mismatch."""
    missing = [n for n in table.names if n not in df.columns]
    extra = [n for n in df.columns if n not in table.names]
    if missing or extra:
        raise SchemaError(f"table {table.name!r}: missing columns {missing}, undeclared columns {extra}")
    out = df[table.names].copy()
    for col in table.columns:
        try:
            out[col.name] = out[col.name].astype(col.dtype)
        except (TypeError, ValueError) as exc:
            raise SchemaError(f"table {table.name!r}: column {col.name!r} is not {col.dtype}: {exc}") from exc
    dupes = out.duplicated(list(table.key))
    if dupes.any():
        raise SchemaError(f"table {table.name!r}: {int(dupes.sum())} rows repeat the key {list(table.key)}")
    return out.reset_index(drop=True)


def markdown() -> str:
    """The schema as Markdown: the body of docs/schema.md."""
    lines = [
        "# Table schema",
        "",
        "Generated from `pipeline/io/schema.py` by `newsclaims schema`; do not edit by hand.",
        "Every table is a folder of Parquet parts in the out folder, `<table>/part-*.parquet` (one part per chunk",
        "of articles; `pd.read_parquet(\"processed/<table>\")` reads them as one table), and `<table>.csv` with `--csv`.",
    ]
    for t in TABLES.values():
        lines += ["", f"## {t.name}", "", t.meaning + f" Key: {', '.join(t.key)}.", "",
                  "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {c.name} | {c.dtype} | {c.meaning} |" for c in t.columns]
    return "\n".join(lines) + "\n"
