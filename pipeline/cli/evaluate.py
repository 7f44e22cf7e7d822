"""``newsclaims evaluate``: score a processed folder against gold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.evaluate import evaluate, format_report, read_brat, read_gold_entities, read_gold_jsonl
from pipeline.run import PROJECT_ROOT

SAMPLE_GOLD = PROJECT_ROOT / "gold" / "sample"


@click.command()
@click.argument("processed_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Gold claims as JSONL [default: the sample gold].")
@click.option("--brat", "brat_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Gold claims as a brat standoff folder of .ann files (PARC/PolNeAR).")
@click.option("--entities", "entities_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Gold entities JSON [default: the sample's, when scoring the sample gold].")
@click.option("--errors", "show_errors", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many misses and false positives to list.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the full report as JSON.")
def evaluate_command(processed_dir: Path, gold_path: Path | None, brat_dir: Path | None,
                     entities_path: Path | None, show_errors: int, json_out: Path | None) -> None:
    """Score PROCESSED_DIR's claims (and entities) against gold annotations.

    Matching and metrics follow docs/evaluation.md: claims match on Dice ≥ 0.5
    of their word tokens; prints precision, recall, F1, recall by type,
    speaker, full-name and type accuracy, stance macro-F1 and entity figures.
    """
    if gold_path and brat_dir:
        raise click.UsageError("give --gold or --brat, not both")
    if brat_dir:
        gold = read_brat(brat_dir)
    else:
        gold = read_gold_jsonl(gold_path or SAMPLE_GOLD / "attributions.jsonl")
        if entities_path is None and gold_path is None:
            entities_path = SAMPLE_GOLD / "entities.json"
    if not gold:
        raise click.ClickException("the gold holds no claims")
    try:
        report = evaluate(processed_dir, gold, read_gold_entities(entities_path) if entities_path else None)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if report["claims"]["articles"] == 0:
        raise click.ClickException("no processed article matches a gold article (gold names articles by file stem)")
    click.echo(format_report(report, show_errors))
    if json_out:
        json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
