"""``newsclaims stance …`` and ``newsclaims label``: train, apply and feed the stance model."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.cli.usage import UserError, check_processed_dir, load_stance_model
from pipeline.io.config import DEFAULT_STANCE_MODELS, ConfigError, check_out_dir

GROUPINGS = ("target", "article_id", "random")  # pipeline.stance.GROUPINGS, kept here so --help stays fast

MODELS_OPTION = click.option("--models", "models_dir", type=click.Path(file_okay=False, path_type=Path),
                             default=DEFAULT_STANCE_MODELS, show_default="models/stance",
                             help="Folder of versioned stance models.")


LABEL_FILE_HELP = ("CSV of text,target,label (or Tweet,Target,Stance); label is supportive, opposed or neutral (FAVOR/AGAINST/NONE, "
                   "pro/con and agree/disagree are read as those)")
MODEL_OPTION = click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="Model folder [default: the current one].")


def _settings(pairs: tuple[str, ...]) -> dict:
    """``--set name=value`` pairs as a dict of numbers (or strings), checked against the known settings."""
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--set {pair!r}: expected name=value, e.g. --set C=0.5")
        try:
            settings[name.strip()] = float(value)
        except ValueError:
            settings[name.strip()] = value.strip()
    from pipeline import stance

    try:
        stance.split_settings(settings)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    return settings


SET_OPTION = click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
                          help="Change a model setting (block weights targeted, sentiment, vectors, interaction, "
                               "words, intensity; C; the relation network's weight relation, relation_hidden, "
                               "relation_alpha; rule_threshold, rule_cap; calibration_folds, temperature_scale; "
                               "unrelated_share); repeatable.")


def _labels(paths: tuple[Path, ...]) -> pd.DataFrame:
    from pipeline import stance

    try:
        return stance.read_labels(list(paths))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def _read_input(path: Path) -> pd.DataFrame:
    """The CSV to predict on; a UserError when it is not a CSV with text and target columns."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as exc:  # pandas' ParserError and EmptyDataError are ValueErrors
        raise UserError(f"{path} is not a readable CSV ({' '.join(str(exc).split())}); "
                        "give a UTF-8 CSV with text and target columns") from exc
    if not {"text", "target"} <= set(frame.columns):
        raise UserError(f"{path} needs text and target columns (it has {', '.join(frame.columns)})")
    return frame


def _say(line: str) -> None:
    """A progress line on stderr, so stdout keeps only the result."""
    click.echo(line, err=True)


@click.group("stance")
def stance_group() -> None:
    """Train, apply and evaluate the stance classifier."""


@stance_group.command("train")
@click.option("--labels", "label_files", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              multiple=True, required=True, help=LABEL_FILE_HELP + "; repeatable; empty labels are skipped.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Model folder to write, e.g. models/stance/mine.")
@click.option("--set-current", is_flag=True, help="Make this model the one `run` uses.")
@click.option("--no-cv", is_flag=True, help="Skip cross-validation (faster; the card has no metrics).")
@click.option("--cv-folds", type=click.IntRange(min=2), default=None,
              help="Folds of the card's cross-validation [default: 3; each one more costs about a fit].")
@SET_OPTION
def train_command(label_files: tuple[Path, ...], out_dir: Path, set_current: bool, no_cv: bool, cv_folds: int,
                  settings: tuple[str, ...]) -> None:
    """Train a model on labelled rows and write it with its model card.

    The card's cross-validated figures hold out whole targets: they say how the
    model does on a target it has never seen, as a new batch meets it.
    """
    try:
        check_out_dir(out_dir)
    except ConfigError as exc:
        raise UserError(str(exc)) from exc
    if no_cv and cv_folds:
        raise UserError("--cv-folds sets the card's cross-validation, which --no-cv skips: give one of them")
    from pipeline import stance

    chosen = _settings(settings)

    data = _labels(label_files)
    click.echo(f"training on {len(data)} rows from {len(label_files)} files", err=True)
    model = stance.train(data, out_dir.name, evaluate=not no_cv, settings=chosen,
                         folds=cv_folds or stance.CARD_FOLDS, say=_say)
    stance.save_model(model, out_dir)
    cv = model.card["cross_validation"]
    if cv:
        click.echo(f"cross-validated macro-F1 {cv['macro_f1']:.3f} ({cv['folds']} folds, whole {cv['held_out']}s "
                   "held out), "
                   f"ECE {cv['ece']:.3f}")
    if set_current:
        stance.set_current(out_dir.parent, out_dir.name)
    click.echo(f"wrote {out_dir}" + (" (current)" if set_current else ""))


@stance_group.command("crossval")
@click.option("--labels", "label_files", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              multiple=True, required=True, help=LABEL_FILE_HELP + "; repeatable; all rows train.")
@click.option("--score-on", "score_on", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Score only the rows of this file (one of --labels) [default: every row].")
@click.option("--group-by", type=click.Choice(GROUPINGS), default="target", show_default=True,
              help="What a fold holds out whole: target (targets never seen: how a new batch meets the model), "
                   "article_id (articles never seen; every other row of the same articles leaves training too), "
                   "or random rows (only for a single-target set such as GWSD).")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--repeats", type=click.IntRange(min=1), default=1, show_default=True,
              help="Deal the rows into folds this many ways and average; prints the spread too.")
@SET_OPTION
def crossval_command(label_files: tuple[Path, ...], score_on: Path | None, group_by: str, folds: int,
                     repeats: int, settings: tuple[str, ...]) -> None:
    """Held-out macro-F1 of the model design on labelled data, without saving a model.

    Each fold of the scored rows is predicted by a model trained on every other
    row, so public sets can stay in training while your own labels are scored.
    A claim repeated in the data (under another target, or with other
    punctuation) is held out with its fold, never trained on. On a few
    hundred rows one split can move macro-F1 by a point or two: use --repeats
    to see how far.
    """
    from pipeline import stance

    if score_on and score_on.name not in {path.name for path in label_files}:
        raise UserError(f"--score-on {score_on} must be one of the --labels files")
    chosen = _settings(settings)
    data = _labels(label_files)
    try:
        result = stance.cross_validate(data, n_splits=folds, group_by=group_by,
                                       score_on=score_on.name if score_on else None, repeats=repeats,
                                       settings=chosen, say=_say)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(result, indent=1))


@stance_group.command("predict")
@MODEL_OPTION
@MODELS_OPTION
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="CSV with text and target columns; optional target_aliases ('|'-separated) and speaker "
                   "(a target quoting itself, 'the resolution', is neutral).")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def predict_command(model_dir: Path | None, models_dir: Path, input_path: Path, output_path: Path) -> None:
    """Add stance and the three probabilities to a CSV of text,target pairs."""
    import pandas as pd

    from pipeline import stance

    frame = _read_input(input_path)
    model = load_stance_model(model_dir, models_dir)
    pd.concat([frame, stance.predict_frame(model, frame)], axis=1).to_csv(output_path, index=False)
    click.echo(f"wrote {len(frame)} rows to {output_path}")


@stance_group.command("evaluate")
@MODEL_OPTION
@MODELS_OPTION
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help=LABEL_FILE_HELP + ".")
def evaluate_command(model_dir: Path | None, models_dir: Path, input_path: Path) -> None:
    """Macro-F1, per-class F1 and calibration error of a model on labelled rows.

    Warns when some rows were in the model's training data: their score says
    little about claims the model has not seen.
    """
    from pipeline import stance

    model, data = load_stance_model(model_dir, models_dir), _labels((input_path,))
    seen = int(stance.seen_in_training(model, data).sum())
    text_seen = int(stance.text_seen_in_training(model, data).sum())
    if seen:
        click.echo(f"warning: {seen} of {len(data)} rows were in {model.name}'s training data; "
                   "the figures below overstate how it does on new claims", err=True)
    if text_seen > seen:
        click.echo(f"note: {text_seen} of {len(data)} rows' claims were in {model.name}'s training data, "
                   "some under other targets: new targets, but not new claims", err=True)
    click.echo(json.dumps({**stance.score_labelled(model, data), "rows_seen_in_training": seen,
                           "rows_text_seen_in_training": text_seen}, indent=1))


@stance_group.command("rescore")
@click.option("--processed", "processed_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("processed"), show_default=True)
@MODEL_OPTION
@MODELS_OPTION
def rescore_command(processed_dir: Path, model_dir: Path | None, models_dir: Path) -> None:
    """Re-score every claim's stance with a (new) model; nothing is re-parsed."""
    from pipeline.run import rescore_stance

    check_processed_dir(processed_dir)
    claims = rescore_stance(processed_dir, load_stance_model(model_dir, models_dir))
    click.echo(f"re-scored {len(claims)} claims: " + ", ".join(
        f"{k} {v}" for k, v in claims["stance"].value_counts().items()))


@click.command("label")
@click.option("--processed", "processed_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("processed"), show_default=True)
@click.option("--n", "n", type=click.IntRange(min=1), default=30, show_default=True, help="How many claims.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("labels.csv"),
              show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
def label_command(processed_dir: Path, n: int, out_path: Path, seed: int) -> None:
    """Write a CSV of claims worth labelling next (fill in `label`, then `stance train`)."""
    check_processed_dir(processed_dir)
    from pipeline.io import store
    from pipeline.stance.label import claims_to_label

    claims, articles = store.read_table(processed_dir, "claims"), store.read_table(processed_dir, "articles")
    if claims.empty:
        raise UserError(f"{processed_dir} holds no claims: run `newsclaims run BATCH_DIR --out {processed_dir}` "
                        "on a batch with quoted or reported speech first")
    picked = claims_to_label(claims, articles, n, seed=seed)
    picked.to_csv(out_path, index=False)
    click.echo(f"wrote {len(picked)} claims to {out_path}: fill in label (supportive / opposed / neutral), then "
               "train on the shipped files plus yours and re-score (docs/customising.md):\n"
               f"  make train STANCE_VERSION=mine STANCE_EXTRA={out_path}\n"
               f"  newsclaims stance rescore --processed {processed_dir}")
