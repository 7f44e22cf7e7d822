"""``make bench``: the whole pipeline's throughput against bare ``nlp.pipe`` of the same model.

Both run in one process on the same texts (the sample articles repeated), so
the ratio is comparable across machines; peak memory is the process's maximum
resident size.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from pipeline.attribution import extract_claims
from pipeline.config import load_batch_config
from pipeline.entities import entity_summary, extract_entities, link_claims
from pipeline.ingest import ingest
from pipeline.nlp import load_model, parse_articles, resolve_model
from pipeline.run import DEFAULT_STANCE_MODELS, PROJECT_ROOT, claims_for
from pipeline.stance import load_current_model


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run_benchmark(batch_dir: Path, repeat: int, model: str | None = None) -> dict:
    """Seconds for bare spaCy and for each stage on the batch's articles repeated *repeat* times."""
    config = load_batch_config(batch_dir)
    articles, _ = ingest(batch_dir, config)
    articles = articles.loc[articles.index.repeat(repeat)].reset_index(drop=True)
    articles["article_id"] = [f"{aid}-{i}" for i, aid in enumerate(articles["article_id"])]
    texts = list(articles["text"])
    bare, nlp = resolve_model(model), load_model(model)
    stance_model = load_current_model(DEFAULT_STANCE_MODELS)
    _, bare_seconds = _timed(lambda: list(bare.pipe(texts, batch_size=16)))
    stages = {}
    _, stages["ingest"] = _timed(lambda: ingest(batch_dir, config))
    docs, stages["parse"] = _timed(lambda: parse_articles(nlp, articles, None, progress=False))
    entities, stages["entities"] = _timed(lambda: extract_entities(docs))
    _, stages["entity summary"] = _timed(lambda: entity_summary(entities, articles))
    _, stages["claims + stance + links"] = _timed(
        lambda: link_claims(claims_for(docs, config.target, stance_model), entities))
    _, attribution_seconds = _timed(lambda: extract_claims(docs))
    stages["ingest"] *= repeat
    return {"articles": len(texts), "words": int(articles["n_words"].sum()), "bare_seconds": bare_seconds,
            "stages": stages, "attribution_seconds": attribution_seconds}


def report(result: dict) -> str:
    total = sum(result["stages"].values())
    n, words, bare = result["articles"], result["words"], result["bare_seconds"]
    lines = [f"{n} articles, {words} words (the sample repeated)",
             f"bare nlp.pipe : {n / bare:7.1f} articles/s  {words / bare:9.0f} words/s",
             f"pipeline      : {n / total:7.1f} articles/s  {words / total:9.0f} words/s",
             f"ratio pipeline/bare throughput: {bare / total:.2f}"]
    lines += [f"  {name:<24} {seconds:7.2f} s" for name, seconds in result["stages"].items()]
    lines.append(f"attribution alone: {result['attribution_seconds']:.2f} s = "
                 f"{100 * result['attribution_seconds'] / result['stages']['parse']:.1f}% of the parse")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"peak memory: {peak:.0f} MiB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=Path, default=PROJECT_ROOT / "raw" / "sample")
    parser.add_argument("--repeat", type=int, default=20, help="How often the batch's articles are repeated.")
    parser.add_argument("--model", default=None, help="spaCy model name.")
    args = parser.parse_args()
    print(report(run_benchmark(args.batch, args.repeat, args.model)))


if __name__ == "__main__":
    main()
