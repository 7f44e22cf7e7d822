"""``newsclaims evaluate``: score a processed folder against gold (rules in docs/evaluation.md)."""

from __future__ import annotations

import json
from pathlib import Path

import click

import pipeline
from pipeline.cli.usage import UserError

SAMPLE_GOLD = Path(pipeline.__file__).resolve().parents[1] / "gold" / "sample"


def _load_gold(gold_path: Path | None, brat_dir: Path | None, text_dir: Path | None,
               entities_path: Path | None) -> tuple[list[dict], dict | None]:
    """Gold claims and entities from the options; the sample gold when none is named."""
    if gold_path and brat_dir:
        raise click.UsageError("give --gold or --brat, not both")
    if text_dir and not brat_dir:
        raise click.UsageError("--text goes with --brat")
    if brat_dir is None and gold_path is None:
        gold_path = SAMPLE_GOLD / "attributions.jsonl"
        if entities_path is None:
            entities_path = SAMPLE_GOLD / "entities.json"
        if not gold_path.is_file():
            raise UserError(f"the sample gold {gold_path} is missing: pass --gold or --brat")
    from pipeline.evaluation.score import read_brat, read_gold_entities, read_gold_jsonl

    try:
        claims = read_brat(brat_dir, text_dir) if brat_dir else read_gold_jsonl(gold_path)
        entities = read_gold_entities(entities_path) if entities_path and entities_path.is_file() else None
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read the gold: {exc}") from exc
    if not claims:
        raise UserError(f"{brat_dir or gold_path} holds no gold claims: pass a gold file or brat folder with claims")
    return claims, entities


@click.command("evaluate")
@click.argument("processed_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Gold claims as JSONL [default: gold/sample/attributions.jsonl].")
@click.option("--brat", "brat_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Gold claims from a brat attribution corpus (PARC/PolNeAR): a folder of .ann files, "
                   "or a split folder holding attributions/ and text/.")
@click.option("--text", "text_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --brat: the folder of the articles' .txt files, if not beside the .ann files.")
@click.option("--entities", "entities_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Gold entities JSON [default: the sample's, when scoring the sample gold].")
@click.option("--resolved", "resolved_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Resolved-speaker gold CSV (article, source_start, source_end, speaker, aliases), "
                                 "e.g. gold/polnear_dev/resolved_speakers.csv: adds the resolved-speaker accuracy.")
@click.option("--batch", default=None, help="Score only the articles of this batch (articles.batch).")
@click.option("--errors", "show_errors", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many misses, wrong speakers and false positives to list of each kind.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the full report, every error included, as JSON.")
def evaluate_command(processed_dir: Path, gold_path: Path | None, brat_dir: Path | None, text_dir: Path | None,
                     entities_path: Path | None, resolved_path: Path | None, batch: str | None, show_errors: int,
                     json_out: Path | None) -> None:
    """Score PROCESSED_DIR's claims (and entities) against gold annotations.

    Claims match gold on Dice >= 0.5 of their word tokens, one to one within an
    article; prints precision, recall, F1, recall by type, speaker, full-name
    and type accuracy, stance macro-F1, the entity figures and the claims whose
    content overlaps their own speaker or cue, then the misses and false
    positives. Gold articles are named by file stem.
    """
    from pipeline.evaluation.score import evaluate, format_report, read_resolved_speakers

    gold, gold_entities = _load_gold(gold_path, brat_dir, text_dir, entities_path)
    try:
        resolved = read_resolved_speakers(resolved_path) if resolved_path else None
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read the resolved-speaker gold: {exc}") from exc
    try:
        report = evaluate(processed_dir, gold, gold_entities, batch=batch, resolved=resolved)
    except (FileNotFoundError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    if report["claims"]["articles"] == 0:
        raise UserError(
            f"no article of {processed_dir} is in the gold: gold names articles by the file stem of "
            "articles.source (e.g. 000_c72d70164788c650 for 000_c72d70164788c650.txt)")
    click.echo(format_report(report, show_errors))
    if json_out:
        json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
