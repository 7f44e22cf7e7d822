"""``make bench``: the whole pipeline's throughput against bare ``nlp.pipe`` of the same model.

Both run in one process on the same texts (by default the sample batch's
articles, repeated), so their ratio is comparable across machines where the
absolute rates are not. Ingest and writing tables are left out: they do not
depend on the model. Peak memory is the process's maximum resident size.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from spacy.language import Language

from pipeline.attribution import extract_claims
from pipeline.config import Target, load_batch_config
from pipeline.entities import entity_summary, extract_entities, link_claims
from pipeline.ingest import ingest
from pipeline.nlp import load_model, parse_articles, resolve_model
from pipeline.run import DEFAULT_STANCE_MODELS, PROJECT_ROOT, claims_for
from pipeline.stance import StanceModel, load_current_model

BATCH_SIZE = 16
WARMUP_TEXTS = 4

Stage = tuple[str, Callable[[dict], object]]


def pipeline_stages(target: Target, stance_model: StanceModel) -> list[Stage]:
    """What ``newsclaims run`` does after parsing, in order; each stage reads and fills *state*."""

    def entities(state: dict) -> None:
        state["entities"] = extract_entities(state["docs"])

    def summary(state: dict) -> None:
        state["entity_summary"] = entity_summary(state["entities"], state["articles"])

    def claims(state: dict) -> None:
        state["claims"] = link_claims(claims_for(state["docs"], target, stance_model), state["entities"])

    return [("entities", entities), ("entity summary", summary), ("claims + stance + links", claims)]


def _peak_rss_mib() -> float:
    """Maximum resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run_benchmark(texts: list[str], nlp: Language, repeat: int = 1, *, bare_nlp: Language | None = None,
                  stages: list[Stage] | None = None, rounds: int = 1) -> dict:
    """Time bare ``bare_nlp.pipe`` and the pipeline (``nlp`` parse + *stages*) on *texts* × *repeat*.

    *nlp* is the pipeline's model (``load_model``: our components added);
    *bare_nlp* the same model as it ships (default: *nlp* itself). Attribution
    is also timed alone on the parsed docs, to compare with the parse. With
    several *rounds* the two alternate and each keeps its fastest round, as
    ``timeit`` does: the slower rounds measure the machine's other load.
    """
    if not texts or repeat < 1 or rounds < 1:
        raise ValueError("the benchmark needs at least one text, repeat >= 1 and rounds >= 1")
    bare_nlp = bare_nlp or nlp
    stages = stages if stages is not None else []
    all_texts = [t for _ in range(repeat) for t in texts]
    articles = pd.DataFrame({"article_id": [f"bench-{i:06d}" for i in range(len(all_texts))],
                             "text": all_texts, "title": ""})
    for model in {id(bare_nlp): bare_nlp, id(nlp): nlp}.values():
        list(model.pipe(texts[:WARMUP_TEXTS], batch_size=BATCH_SIZE))
    rss_before = _peak_rss_mib()
    bare_runs, pipeline_runs, attribution_runs = [], [], []
    for _ in range(rounds):
        bare_runs.append(_timed(lambda: list(bare_nlp.pipe(all_texts, batch_size=BATCH_SIZE)))[1])
        state: dict = {"articles": articles}
        seconds: dict[str, float] = {}
        state["docs"], seconds["parse"] = _timed(
            lambda: parse_articles(nlp, articles, None, batch_size=BATCH_SIZE, progress=False))
        for name, stage in stages:
            _, seconds[name] = _timed(lambda stage=stage: stage(state))
        pipeline_runs.append(seconds)
        attribution_runs.append(_timed(lambda: extract_claims(state["docs"]))[1])
    bare_seconds = min(bare_runs)
    seconds = min(pipeline_runs, key=lambda run: sum(run.values()))
    total = sum(seconds.values())
    attribution_seconds = min(attribution_runs)
    n, words = len(all_texts), sum(len(t.split()) for t in all_texts)
    return {
        "articles": n, "words": words, "distinct_texts": len(texts), "repeat": repeat, "rounds": rounds,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "bare_seconds": bare_seconds, "pipeline_seconds": total, "stage_seconds": seconds,
        "bare_articles_per_s": n / bare_seconds, "bare_words_per_s": words / bare_seconds,
        "pipeline_articles_per_s": n / total, "pipeline_words_per_s": words / total,
        "throughput_ratio": bare_seconds / total,
        "attribution_seconds": attribution_seconds,
        "attribution_vs_bare_parse": attribution_seconds / bare_seconds,
        "attribution_vs_pipeline_parse": attribution_seconds / seconds["parse"],
        "peak_rss_mib": _peak_rss_mib(), "peak_rss_mib_before_timing": rss_before,
    }


def format_benchmark(result: dict) -> str:
    """The benchmark as the lines ``make bench`` prints."""
    r = result
    lines = [
        f"{r['articles']} articles ({r['distinct_texts']} distinct × {r['repeat']}), {r['words']} words, "
        f"model {r['model']}, best of {r['rounds']} rounds",
        f"bare nlp.pipe : {r['bare_articles_per_s']:7.1f} articles/s {r['bare_words_per_s']:9.0f} words/s"
        f"  ({r['bare_seconds']:.2f} s)",
        f"pipeline      : {r['pipeline_articles_per_s']:7.1f} articles/s {r['pipeline_words_per_s']:9.0f} words/s"
        f"  ({r['pipeline_seconds']:.2f} s)",
        f"throughput ratio pipeline / bare spaCy: {r['throughput_ratio']:.2f}",
    ]
    lines += [f"  {name:<26} {s:7.2f} s" for name, s in r["stage_seconds"].items()]
    lines += [
        f"attribution alone: {r['attribution_seconds']:.2f} s = {100 * r['attribution_vs_bare_parse']:.1f}% of the "
        f"bare parse ({100 * r['attribution_vs_pipeline_parse']:.1f}% of the pipeline's parse)",
        f"peak memory: {r['peak_rss_mib']:.0f} MiB resident ({r['peak_rss_mib_before_timing']:.0f} MiB with the "
        "models loaded, before timing)",
    ]
    return "\n".join(lines)


def sample_texts(batch_dir: Path) -> tuple[list[str], Target]:
    """The clean texts of a batch folder, as ``newsclaims run`` would parse them, and its target."""
    config = load_batch_config(batch_dir)
    articles, _ = ingest(batch_dir, config)
    if articles.empty:
        raise SystemExit(f"no article could be read from {batch_dir}")
    return list(articles["text"]), config.target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=Path, default=PROJECT_ROOT / "raw" / "sample",
                        help="Batch folder whose articles are benchmarked [default: raw/sample].")
    parser.add_argument("--repeat", type=int, default=10, help="How often the articles are repeated [10].")
    parser.add_argument("--rounds", type=int, default=3, help="Alternating timed rounds; the fastest counts [3].")
    parser.add_argument("--model", default=None, help="spaCy model name or path [the pipeline's default].")
    args = parser.parse_args(argv)
    texts, target = sample_texts(args.batch)
    stages = pipeline_stages(target, load_current_model(DEFAULT_STANCE_MODELS))
    result = run_benchmark(texts, load_model(args.model), args.repeat, bare_nlp=resolve_model(args.model),
                           stages=stages, rounds=args.rounds)
    print(format_benchmark(result))


if __name__ == "__main__":
    main()
