"""User mistakes: one line saying what is wrong and how to fix it, exit code 2, before any work.

A bad option, a missing folder or an unusable model is not an input problem
(those go to the errors table) nor a bug (those may show a traceback): the
user can fix it, so the command says how in one line and stops.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.io.config import ConfigError, check_out_dir

STANCE_FIX = "retrain it (`newsclaims stance train ... --set-current`) or name a working model in {current}"


class UserError(click.ClickException):
    """A mistake the user can fix; the message says how. Exit code 2, like click's usage errors."""

    exit_code = 2


def one_line(exc: click.ClickException) -> str:
    """The error as one line, with the command's --help named for a usage error."""
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        message += f" (see `{ctx.command_path} --help`)"
    return f"Error: {message}"


class OneLineErrors(click.Group):
    """A command group whose errors print as one line instead of usage, hint and message."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare group: its help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(one_line(exc), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def load_stance_model(model_dir: Path | None, models_dir: Path, check_only: bool = False):
    """The named stance model, else the current one of *models_dir*; a UserError when it cannot be used.

    With *check_only* the current model's files are checked, not loaded (``run``
    loads it only when it has claims to score).
    """
    from pipeline import stance
    from pipeline.stance.card import CURRENT_FILE, check_model_folder, current_model_dir

    try:
        if check_only:
            return check_model_folder(current_model_dir(models_dir))
        return stance.load_model(model_dir) if model_dir else stance.load_current_model(models_dir)
    except stance.StanceModelError as exc:
        message = str(exc)
        if "stance train" not in message:
            message += "; " + STANCE_FIX.format(current=Path(models_dir) / CURRENT_FILE)
        raise UserError(message) from exc


def check_batch_dir(batch_dir: Path) -> None:
    if batch_dir.is_file():
        raise UserError(f"{batch_dir} is a file: pass the folder that holds the batch's articles")
    if not batch_dir.is_dir():
        raise UserError(f"batch folder {batch_dir} does not exist: pass the folder that holds the articles "
                        "(e.g. raw/sample)")


def check_run_options(batch_dir: Path, out_dir: Path, model: str | None, stance_models: Path) -> None:
    """Every check `run` can make before reading a file: the folders, the spaCy model, the stance model."""
    check_batch_dir(Path(batch_dir))
    try:
        check_out_dir(out_dir)
    except ConfigError as exc:
        raise UserError(str(exc)) from exc
    if model:  # spaCy is imported only to check a name given
        from pipeline.parse import ModelError, check_model_name

        try:
            check_model_name(model)
        except ModelError as exc:
            raise UserError(str(exc)) from exc
    load_stance_model(None, stance_models, check_only=True)


def check_processed_dir(processed_dir: Path) -> None:
    """A processed folder must hold articles before it can be scored, labelled or re-scored."""
    from pipeline.io import store

    if store.read_table(processed_dir, "articles").empty:
        raise UserError(f"{processed_dir} holds no processed articles: run `newsclaims run BATCH_DIR "
                        f"--out {processed_dir}` first, or pass the folder you gave --out")
