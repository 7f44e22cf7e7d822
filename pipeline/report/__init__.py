"""The HTML report: one self-contained file that shows a processed folder to a reader.

Everything is in the page: charts as inline SVG (:mod:`pipeline.report.charts`),
the claims and articles as JSON read by a small script of our own, and each
article's view as displaCy markup (:mod:`pipeline.report.articles`). Nothing
is fetched, so the file opens from disk and can be e-mailed. When the views
are large they are stored gzip-compressed and base64-encoded, and the page
unpacks one with the browser's ``DecompressionStream`` when it is opened.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import os
import re
from importlib import resources
from pathlib import Path

import pandas as pd

from pipeline import __version__
from pipeline.report import charts
from pipeline.report.articles import (CUE_COLOUR, ENTITY_COLOUR, SPEAKER_COLOUR, article_marks, number_claims,
                                      render_article)
from pipeline.tables import STANCES
from pipeline.report.summary import NO_OUTLET, Figures, batch_figures, select_batch

COMPRESS_ABOVE = 2_000_000  # characters of article markup; beyond this the views are stored gzip+base64
CLAIM_COLUMNS = ("article", "number", "speaker", "affiliation", "speaker_type", "cue", "claim_type", "stance",
                 "stance_score", "content")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
ARTICLE_COLUMNS = ("article_id", "title", "outlet", "published", "source", "n_claims")


def _resource(name: str) -> str:
    return resources.files("pipeline.resources").joinpath(f"report/{name}").read_text("utf-8")


def _json_script(element_id: str, value) -> str:
    """*value* as JSON in a script element; ``<`` is escaped so no text can end the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def claim_rows(articles: pd.DataFrame, claims: pd.DataFrame) -> list[list]:
    """One row per claim (columns :data:`CLAIM_COLUMNS`) of *claims* numbered by :func:`number_claims`:
    the article's index in *articles*, the claim's number (its label in the article view), who, how,
    stance and what."""
    index = {aid: i for i, aid in enumerate(articles["article_id"])}
    frame = claims.assign(article=claims["article_id"].map(index)).sort_values(["article", "number"])
    words = [frame[c].fillna("").astype(str) for c in CLAIM_COLUMNS[2:-2]]
    scores = [None if pd.isna(s) else round(float(s), 3) for s in frame["stance_score"]]
    return [[int(a), int(n), *w, score, c] for a, n, *w, score, c in zip(
        frame["article"], frame["number"], *words, scores, frame["content"].fillna("").astype(str))]


def article_views(articles: pd.DataFrame, claims: pd.DataFrame, entities: pd.DataFrame) -> list[str]:
    """Each article's displaCy markup, in the order of *articles*."""
    claims_by = dict(tuple(claims.groupby("article_id", sort=False)))
    entities_by = dict(tuple(entities.groupby("article_id", sort=False)))
    empty_claims, empty_entities = claims.iloc[0:0], entities.iloc[0:0]
    views = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        text = _text(text)
        marks = article_marks(text, claims_by.get(aid, empty_claims), entities_by.get(aid, empty_entities))
        views.append(render_article(text, marks))
    return views


def pack_views(views: list[str], compress_above: int = COMPRESS_ABOVE) -> dict:
    """The views as stored in the page: as they are, or gzip+base64 each when they are large together."""
    if sum(map(len, views)) <= compress_above:
        return {"encoding": "html", "views": views}
    packed = [base64.b64encode(gzip.compress(v.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")
              for v in views]
    return {"encoding": "gzip+base64", "views": packed}


def unpack_views(stored: dict) -> list[str]:
    """The inverse of :func:`pack_views` (for tests and for reading a report back)."""
    if stored["encoding"] == "html":
        return stored["views"]
    return [gzip.decompress(base64.b64decode(v)).decode("utf-8") for v in stored["views"]]


def _chart_or_note(svg: str | None, note: str) -> str:
    return f'<figure class="chart">{svg}</figure>' if svg else f'<p class="empty">{html.escape(note)}</p>'


def _speaker_labels(frame: pd.DataFrame) -> list[str]:
    return [f"{row.speaker} ({row.affiliation})" if row.affiliation and row.affiliation != row.speaker
            else str(row.speaker) for row in frame.itertuples()]


def chart_sections(figures: Figures) -> dict[str, str]:
    """The charts as HTML, each an inline SVG or a sentence saying why there is nothing to draw."""
    no_claims = "No claims in these tables."
    by_stance = {f"n_{stance}": stance for stance in STANCES}
    speakers = figures.speakers.rename(columns=by_stance)
    organisations = figures.organisations[figures.organisations["speaker"] != ""].rename(columns=by_stance)
    outlets = figures.stance_by_outlet
    has_outlet = any(name != NO_OUTLET for name in outlets.index)
    types = figures.speaker_types
    return {
        "speakers": _chart_or_note(
            charts.stance_bars(speakers, _speaker_labels(speakers), "speakers") if len(speakers) else None,
            no_claims),
        "organisations": _chart_or_note(
            charts.stance_bars(organisations, list(organisations["speaker"]), "organisations")
            if len(organisations) else None, "No claim names an organisation or country it speaks for."),
        "speaker_types": _chart_or_note(
            charts.share_bars(list(types["speaker_type"]), list(types["share"]), list(types["n_claims"]),
                              "speaker-types") if len(types) else None, no_claims),
        "outlets": _chart_or_note(
            charts.stance_bars(outlets, list(outlets.index), "outlets") if has_outlet else None,
            "No article names its outlet (give one in the file, batch.toml or metadata.csv)." if len(outlets)
            else no_claims),
        "dates": _chart_or_note(
            charts.stance_columns(figures.stance_by_period, figures.period, "dates")
            if len(figures.stance_by_period) else None,
            "No claim's article states a publication date (give one in the file or metadata.csv)."
            if figures.n_claims else no_claims),
    }


def _legend_html() -> str:
    keys = [*((f"claim, {stance}", colour) for stance, colour in charts.STANCE_COLOURS.items()),
            ("speaker", SPEAKER_COLOUR), ("cue", CUE_COLOUR), ("entity (spaCy label)", ENTITY_COLOUR)]
    return "".join(f'<span class="key" style="border-color:{colour}">{html.escape(name)}</span>'
                   for name, colour in keys)


def _glance_html(figures: Figures) -> str:
    cells = "".join(f'<div class="fig"><dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd></div>'
                    for label, value in figures.glance())
    return f'<dl class="glance">{cells}</dl>'


def _errors_html(errors: pd.DataFrame) -> str:
    if errors.empty:
        return ""
    rows = "".join(f"<tr><td>{html.escape(_text(r.batch))}</td><td>{html.escape(_text(r.source))}</td>"
                   f"<td>{html.escape(_text(r.reason))}</td></tr>" for r in errors.itertuples())
    return (f'<details class="errors"><summary>{len(errors)} inputs skipped or partly read</summary>'
            f"<table><thead><tr><th>batch</th><th>source</th><th>reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>")


def render_report(tables: dict[str, pd.DataFrame], batch: str | None = None,
                  compress_above: int = COMPRESS_ABOVE) -> str:
    """The whole report page for *tables* (one batch of them when *batch* is given) as HTML text."""
    tables = select_batch(tables, batch)
    figures = batch_figures(tables)
    articles = tables["articles"].sort_values(["published", "source"], na_position="last").reset_index(drop=True)
    claims = number_claims(tables["claims"])
    counts = claims["article_id"].value_counts()
    article_rows = [[_text(a.article_id), _text(a.title) or _text(a.source), _text(a.outlet), _text(a.published),
                     _text(a.source), int(counts.get(a.article_id, 0))] for a in articles.itertuples()]
    title = "newsclaims report: " + (", ".join(figures.batches) or "empty tables")
    parts = {
        "title": html.escape(title),
        "css": _resource("report.css"),
        "js": _resource("report.js"),
        "version": html.escape(__version__),
        "glance": _glance_html(figures),
        "errors": _errors_html(tables["errors"]),
        "legend": _legend_html(),
        **chart_sections(figures),
        "data": "\n".join([
            _json_script("claims-data", {"columns": list(CLAIM_COLUMNS), "rows": claim_rows(articles, claims)}),
            _json_script("articles-data", {"columns": list(ARTICLE_COLUMNS), "rows": article_rows}),
            _json_script("views-data", pack_views(article_views(articles, claims, tables["entities"]),
                                                  compress_above)),
        ]),
    }
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], _resource("page.html"))


def write_report(processed_dir: Path, out: Path, batch: str | None = None) -> Path:
    """Write the report of the tables in *processed_dir* to *out* (written whole, then renamed into place)."""
    from pipeline.io.store import load_tables

    processed_dir, out = Path(processed_dir), Path(out)
    if not processed_dir.is_dir():
        raise FileNotFoundError(f"processed folder {processed_dir} does not exist")
    page = render_report(load_tables(processed_dir), batch)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out
