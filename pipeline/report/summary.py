"""The figures of a processed folder at a glance, computed once for the terminal summary and the report.

:func:`batch_figures` is the only place these numbers are counted: the
``summary`` command prints them and the HTML report draws them, so the two
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.tables import STANCES, speaker_table

NO_OUTLET = "(no outlet)"
ORGANISATION_TYPES = ("organisation", "country")


class UnknownBatch(ValueError):
    """A batch name the processed folder does not hold; the message lists the ones it does."""


def select_batch(tables: dict[str, pd.DataFrame], batch: str | None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles (and errors) of one batch; all of them when *batch* is None."""
    if batch is None:
        return tables
    known = sorted(set(tables["articles"]["batch"].dropna()) | set(tables["errors"]["batch"].dropna()))
    if batch not in known:
        raise UnknownBatch(f"no batch {batch!r} in these tables; batches: {', '.join(known) or '(none)'}")
    ids = set(tables["articles"].loc[tables["articles"]["batch"] == batch, "article_id"])
    selected = {name: frame[frame["article_id"].isin(ids)].reset_index(drop=True)
                for name, frame in tables.items() if "article_id" in frame.columns}
    selected["errors"] = tables["errors"][tables["errors"]["batch"] == batch].reset_index(drop=True)
    selected["speakers"] = speaker_table(selected["claims"])
    return selected


def published_dates(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication date as a timestamp (NaT where missing or unreadable), by article_id."""
    parsed = pd.to_datetime(articles["published"].fillna("").astype(str), errors="coerce", utc=True, format="mixed")
    return pd.Series(parsed.dt.tz_localize(None).dt.normalize().to_numpy(), index=articles["article_id"].to_numpy())


def _period(dates: pd.Series) -> str:
    """Days for a month of news, weeks up to half a year, months beyond."""
    span = (dates.max() - dates.min()).days if dates.notna().any() else 0
    return "D" if span <= 31 else "W" if span <= 183 else "M"


def _stance_counts(claims: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Claims per value of *by* and stance, columns in STANCES order, biggest group first."""
    counts = pd.crosstab(by, claims["stance"].fillna("neutral")).reindex(columns=list(STANCES), fill_value=0)
    counts = counts.astype(int)
    return counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def organisation_of(claims: pd.DataFrame) -> pd.Series:
    """Whom each claim speaks for: the affiliation, else the speaker when it is an organisation or country."""
    affiliation = claims["affiliation"].fillna("").str.strip()
    own = claims["speaker"].fillna("").where(claims["speaker_type"].isin(ORGANISATION_TYPES), "")
    return affiliation.where(affiliation != "", own)


@dataclass(frozen=True)
class Figures:
    """Everything the summary prints and the report draws, for one selection of the tables."""

    batches: tuple[str, ...]
    targets: tuple[str, ...]
    n_articles: int
    outlets: tuple[str, ...]
    n_dated: int
    first_published: str
    last_published: str
    n_claims: int
    claims_by_type: dict[str, int]
    claims_by_stance: dict[str, int]
    n_speakers: int
    n_errors: int
    speakers: pd.DataFrame
    organisations: pd.DataFrame
    speaker_types: pd.DataFrame
    stance_by_outlet: pd.DataFrame
    stance_by_period: pd.DataFrame
    period: str

    def glance(self) -> list[tuple[str, str]]:
        """The at-a-glance figures as (label, value) pairs, in the order both views show them."""
        types = ", ".join(f"{n} {t}" for t, n in self.claims_by_type.items()) or "none"
        stances = ", ".join(f"{n} {s}" for s, n in self.claims_by_stance.items()) or "none"
        dates = (f"{self.first_published} to {self.last_published} ({self.n_dated} of {self.n_articles} dated)"
                 if self.n_dated else "no article states a date")
        return [
            ("batches", ", ".join(self.batches) or "none"),
            ("stance target", "; ".join(self.targets) or "none"),
            ("articles", str(self.n_articles)),
            ("outlets", f"{len(self.outlets)}" + (f" ({', '.join(self.outlets[:5])}"
                                                 + (", …" if len(self.outlets) > 5 else "") + ")"
                                                 if self.outlets else "")),
            ("published", dates),
            ("claims", f"{self.n_claims} ({types})"),
            ("stance", stances),
            ("speakers", str(self.n_speakers)),
            ("errors", str(self.n_errors)),
        ]


def batch_figures(tables: dict[str, pd.DataFrame]) -> Figures:
    """Count the at-a-glance figures, speakers, organisations and stance by outlet and date of *tables*."""
    articles, claims = tables["articles"], tables["claims"]
    outlet_of = articles.set_index("article_id")["outlet"].fillna("").str.strip()
    outlets = outlet_of[outlet_of != ""].value_counts()
    dates = published_dates(articles)
    period = _period(dates)
    period_of = dates.dropna().dt.to_period(period).astype(str).to_dict()
    claim_outlet = claims["article_id"].map(outlet_of.to_dict()).fillna("").replace("", NO_OUTLET)
    claim_period = claims["article_id"].map(period_of)
    dated = claim_period.notna()
    by_period = _stance_counts(claims[dated], claim_period[dated].rename("period")).sort_index()
    types = claims["speaker_type"].fillna("").replace("", "unknown").value_counts()
    speakers = speaker_table(claims)
    return Figures(
        batches=tuple(sorted(set(articles["batch"].dropna()) | set(tables["errors"]["batch"].dropna()))),
        targets=tuple(sorted(t for t in set(claims["target"].dropna()) if t.strip())),
        n_articles=len(articles),
        outlets=tuple(outlets.index),
        n_dated=int(dates.notna().sum()),
        first_published=dates.min().date().isoformat() if dates.notna().any() else "",
        last_published=dates.max().date().isoformat() if dates.notna().any() else "",
        n_claims=len(claims),
        claims_by_type={str(k): int(v) for k, v in claims["claim_type"].value_counts().items()},
        claims_by_stance={s: int((claims["stance"] == s).sum()) for s in STANCES if (claims["stance"] == s).any()},
        n_speakers=int(speakers["speaker"].nunique()),
        n_errors=len(tables["errors"]),
        speakers=speakers.reset_index(drop=True),
        organisations=speaker_table(claims.assign(speaker=organisation_of(claims))).reset_index(drop=True),
        speaker_types=pd.DataFrame({"speaker_type": types.index, "n_claims": types.to_numpy(),
                                    "share": (types / max(len(claims), 1)).to_numpy()}),
        stance_by_outlet=_stance_counts(claims, claim_outlet.rename("outlet")),
        stance_by_period=by_period,
        period={"D": "day", "W": "week", "M": "month"}[period],
    )


def print_summary(figures: Figures, top: int = 10, console=None) -> None:
    """The at-a-glance figures and the top speakers as terminal tables (120 columns when piped)."""
    from rich.console import Console
    from rich.table import Table

    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=120)
    glance = Table(show_header=False, box=None, pad_edge=False)
    glance.add_column(style="bold")
    glance.add_column()
    for label, value in figures.glance():
        glance.add_row(label, value)
    console.print(glance)
    if figures.speakers.empty:
        console.print("no claims, so no speakers")
        return
    show_target = len(figures.targets) > 1
    table = Table(title=f"Top speakers by claims (of {figures.n_speakers})", title_justify="left")
    for name, justify in (("speaker", "left"), ("affiliation", "left"), ("type", "left"), ("claims", "right"),
                          ("articles", "right"), ("supportive / opposed / neutral", "right"),
                          *((("target", "left"),) if show_target else ())):
        table.add_column(name, justify=justify, no_wrap=name != "affiliation")
    for row in figures.speakers.head(top).itertuples():
        table.add_row(row.speaker, row.affiliation or "", row.speaker_type or "", str(row.n_claims),
                      str(row.n_articles), f"{row.n_supportive} / {row.n_opposed} / {row.n_neutral}",
                      *((row.target,) if show_target else ()))
    console.print(table)
