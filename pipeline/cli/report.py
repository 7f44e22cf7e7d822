"""``newsclaims report`` and ``newsclaims summary``: a processed folder for people to read."""

from __future__ import annotations

from pathlib import Path

import click

PROCESSED = click.Path(exists=True, file_okay=False, path_type=Path)
BATCH_OPTION = click.option("--batch", default=None, help="Only this batch's articles (articles.batch); default: all.")


@click.command("report")
@click.argument("processed_dir", type=PROCESSED)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write [default: PROCESSED_DIR/report.html].")
@BATCH_OPTION
def report_command(processed_dir: Path, out: Path | None, batch: str | None) -> None:
    """Write one self-contained HTML report of PROCESSED_DIR.

    The batch at a glance, who speaks and on which side, stance by outlet and
    over time, a filterable claims browser, and every article with its claims,
    speakers, cues and entities marked. Nothing is fetched from the network:
    the file opens from disk and can be sent as it is.
    """
    from pipeline.report import write_report
    from pipeline.report.summary import UnknownBatch

    try:
        path = write_report(processed_dir, out or processed_dir / "report.html", batch)
    except UnknownBatch as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


@click.command("summary")
@click.argument("processed_dir", type=PROCESSED)
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Speakers to list.")
@BATCH_OPTION
def summary_command(processed_dir: Path, top: int, batch: str | None) -> None:
    """Print PROCESSED_DIR at a glance and its top speakers (the report's figures)."""
    from pipeline.io.store import load_tables
    from pipeline.report.summary import UnknownBatch, batch_figures, print_summary, select_batch

    try:
        tables = select_batch(load_tables(processed_dir), batch)
    except UnknownBatch as exc:
        raise click.ClickException(str(exc)) from exc
    print_summary(batch_figures(tables), top=top)
