"""The report's charts: matplotlib figures rendered to static SVG.

Static SVG needs no script, no font download and no network, prints and
e-mails as it looks, and its text stays text (``svg.fonttype: none``), so a
chart weighs a few kilobytes. Each chart gets its own hash salt so the ids
of several SVGs inlined in one page do not collide.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from pipeline.tables import STANCES

STANCE_COLOURS = {"supportive": "#66c2a5", "opposed": "#fc8d62", "neutral": "#bdbdbd"}
BAR_COLOUR = "#8da0cb"
MAX_BARS = 15
LABEL_CHARS = 48


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _svg(figure, salt: str) -> str:
    """The figure as an inline SVG element (no XML prolog, no date), scaled by the page."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("none")
    return figure, figure.add_subplot()


def _plain(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _stacked(counts: pd.DataFrame, draw) -> np.ndarray:
    """Draw one layer per stance, each on top of the ones before (``draw(values, base, stance)``); the totals."""
    base = np.zeros(len(counts))
    for stance in STANCES:
        values = counts[stance].to_numpy(dtype=float)
        draw(values, base.copy(), stance)
        base += values
    return base


def stance_bars(counts: pd.DataFrame, labels: list[str], salt: str, xlabel: str = "claims") -> str:
    """Horizontal bars, one per row of *counts*, split into supportive / opposed / neutral."""
    counts, labels = counts.head(MAX_BARS), labels[:MAX_BARS]
    figure, axes = _figure(7.5, 0.8 + 0.32 * len(counts))
    positions = range(len(counts))
    left = _stacked(counts, lambda values, base, stance: axes.barh(
        positions, values, left=base, color=STANCE_COLOURS[stance], label=stance, height=0.7))
    for position, total in zip(positions, left):
        axes.text(total, position, f" {int(total)}", va="center", fontsize=8)
    axes.set_yticks(list(positions), [_shorten(label) for label in labels], fontsize=9)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    axes.legend(ncols=3, loc="lower right", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
    _plain(axes)
    return _svg(figure, salt)


def share_bars(labels: list[str], shares: list[float], counts: list[int], salt: str) -> str:
    """Horizontal bars of shares (0–1), each labelled with its percentage and count."""
    figure, axes = _figure(6, 0.8 + 0.32 * len(labels))
    positions = range(len(labels))
    axes.barh(positions, shares, color=BAR_COLOUR, height=0.7)
    for position, share, count in zip(positions, shares, counts):
        axes.text(share, position, f" {share:.0%} ({count})", va="center", fontsize=8)
    axes.set_yticks(list(positions), labels, fontsize=9)
    axes.invert_yaxis()
    axes.set_xlim(0, max([*shares, 0.01]) * 1.25)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_xlabel("share of claims")
    _plain(axes)
    return _svg(figure, salt)


def stance_columns(counts: pd.DataFrame, period: str, salt: str) -> str:
    """Stacked columns of claims per stance, one per period (day, week or month) in date order."""
    figure, axes = _figure(7.5, 3.2)
    positions = range(len(counts))
    _stacked(counts, lambda values, base, stance: axes.bar(
        positions, values, bottom=base, color=STANCE_COLOURS[stance], label=stance, width=0.8))
    step = max(1, len(counts) // 12)
    ticks = list(positions)[::step]
    axes.set_xticks(ticks, [str(counts.index[i]) for i in ticks], fontsize=8, rotation=45, ha="right")
    axes.set_ylabel("claims")
    axes.set_xlabel(f"published ({period})")
    axes.legend(ncols=3, loc="lower right", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
    _plain(axes)
    return _svg(figure, salt)
