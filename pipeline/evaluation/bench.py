"""``make bench``: ``newsclaims run`` on distinct articles with every cache cold, against bare ``nlp.pipe``.

For each corpus size the bench runs the pipeline the way ``newsclaims run``
does (same stages, ``STAGES``; same chunks and worker processes) into a fresh
out folder, so nothing is parsed from a cache, with the sentence encoder's
vector memo emptied and pointed at a temporary file; then bare ``nlp.pipe`` of
the same model as it ships with the same number of processes. It prints the
seconds of every stage (summed over worker processes, so parallel stages can
add up to more than the wall time), the ratio of throughputs with and
without stance, and the peak memory summed over every process of the run.
The default corpus is made of distinct articles recombined from the sample's
paragraphs; ``--corpus DIR`` takes any batch folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.io.config import PROJECT_ROOT, load_batch_config
from pipeline.stages import STAGES

SAMPLE = PROJECT_ROOT / "raw" / "sample"
BARE_BATCH_SIZE = 16


class MemoryPeak:
    """The largest resident memory of this process and all its descendants together, sampled in a thread."""

    def __init__(self, interval: float = 0.2, include_self: bool = True):
        self.interval, self.include_self, self.peak, self._stop = interval, include_self, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me] * self.include_self + me.children(recursive=True):
                try:  # proportional set size: pages shared between processes count once
                    total += process.memory_full_info().pss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> MemoryPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def recombined_corpus(folder: Path, n: int, seed: int = 0, source: Path = SAMPLE) -> Path:
    """*n* distinct articles made of 4–10 of the source batch's paragraphs each, written as .txt files.

    Every article differs from every other (no text is parsed twice), but
    their paragraphs, and so many claims, repeat across articles: the encoder
    meets a claim once per run however often it appears.
    """
    from pipeline.ingest import ingest

    config = load_batch_config(source)
    articles, _ = ingest(source, config)
    paragraphs = [p for text in articles["text"] for p in text.split("\n\n") if len(p.split()) > 5]
    rng, seen = random.Random(seed), set()
    folder.mkdir(parents=True, exist_ok=True)
    if (source / "batch.toml").is_file():
        shutil.copy(source / "batch.toml", folder / "batch.toml")
    while len(seen) < n:
        picked = tuple(rng.sample(range(len(paragraphs)), rng.randint(4, min(10, len(paragraphs)))))
        if picked in seen:
            continue
        seen.add(picked)
        body = "\n\n".join(paragraphs[i] for i in picked)
        (folder / f"{len(seen):05d}.txt").write_text(f"Recombined article {len(seen)}\n\n{body}\n", encoding="utf-8")
    return folder


def subset(corpus: Path, n: int, folder: Path, with_config: bool = True) -> Path:
    """The first *n* article files of *corpus* (sorted) in *folder*, with its batch.toml when asked."""
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.name != "batch.toml" and not p.name.startswith("."))
    if len(files) < n:
        raise SystemExit(f"{corpus} holds {len(files)} files, fewer than the {n} asked for")
    folder.mkdir(parents=True)
    for path in files[:n]:
        shutil.copy(path, folder / path.name)
    if with_config and (corpus / "batch.toml").is_file():
        shutil.copy(corpus / "batch.toml", folder / "batch.toml")
    return folder


def cold_vector_cache(folder: Path) -> None:
    """Keep sentence vectors in the empty *folder*, so every claim is encoded afresh."""
    from pipeline.stance import use_vector_cache

    use_vector_cache(folder)


def _timed(fn: Callable[[], object], include_self: bool = True) -> tuple[object, float, int]:
    with MemoryPeak(include_self=include_self) as memory:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return result, seconds, memory.peak


def bench_size(corpus: Path, n: int, workers: int, chunk_size: int, target: str | None,
               model: str | None, scratch: Path, stance: bool = True) -> dict:
    """One corpus size: the whole pipeline, the pipeline without stance, and bare ``nlp.pipe``, all cold."""
    from pipeline.ingest import ingest
    from pipeline.run import RunSettings, run_batch

    batch = subset(corpus, n, scratch / "with-target")
    untargeted = subset(corpus, n, scratch / "without-target", with_config=False)
    config = load_batch_config(batch, target)
    texts = list(ingest(batch, config)[0]["text"])
    figures: dict = {"articles": len(texts), "words": sum(len(t.split()) for t in texts), "workers": workers,
                     "target": config.target.name}
    runs = [("pipeline", batch, target)] * stance + [("without stance", untargeted, None)]
    for label, folder, run_target in runs:
        cold_vector_cache(scratch)
        settings = RunSettings(model=model, target=run_target, chunk_size=chunk_size, workers=workers,
                               progress=False)
        out = scratch / f"out-{n}-{label.replace(' ', '-')}"
        summary, seconds, peak = _timed(lambda: run_batch(folder, out, settings, log=lambda m: None))
        figures[label] = {"seconds": seconds, "peak_bytes": peak, "stages": summary.seconds,
                          "claims": summary.n_claims}
        shutil.rmtree(out)
    if stance and not config.target.is_set:
        raise SystemExit(f"{corpus} has no stance target: give --target so that stance is timed")
    texts_file = scratch / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    command = [sys.executable, "-m", "pipeline.evaluation.bench", "--bare", str(texts_file), "--workers", str(workers)]
    command += ["--model", model] if model else []
    done, _, peak = _timed(lambda: subprocess.run(command, capture_output=True, text=True, check=True),
                           include_self=False)
    figures["bare"] = {"seconds": float(done.stdout.split()[-1]), "peak_bytes": peak}
    return figures


def bare_pipe(texts_file: Path, workers: int, model: str | None) -> float:
    """Seconds bare ``nlp.pipe`` of the model as it ships takes over the texts, model loaded beforehand."""
    from pipeline.parse import resolve_model

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = resolve_model(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=BARE_BATCH_SIZE):
        pass
    return time.perf_counter() - start


def format_bench(results: list[dict]) -> str:
    """A Markdown table: one column per corpus size."""
    skipped = "pipeline" not in results[0]
    for r in results:
        r.setdefault("pipeline", r["without stance"])
    rows: list[tuple[str, Callable[[dict], str]]] = [
        ("articles (words)", lambda r: f"{r['articles']} ({r['words']:,})"),
        ("claims", lambda r: f"{r['pipeline']['claims']:,}"),
    ]
    rows += [(f"{stage} s", lambda r, s=stage: f"{r['pipeline']['stages'].get(s, 0.0):.1f}")
             for stage in ("loading models", *STAGES)]
    rows += [
        ("pipeline wall s", lambda r: "—" if skipped else f"{r['pipeline']['seconds']:.1f}"),
        ("without stance wall s", lambda r: f"{r['without stance']['seconds']:.1f}"),
        ("bare nlp.pipe wall s", lambda r: f"{r['bare']['seconds']:.1f}"),
        ("ratio without stance (bare / run)", lambda r: f"{r['bare']['seconds'] / r['without stance']['seconds']:.2f}"),
        ("ratio whole pipeline (bare / run)",
         lambda r: "—" if skipped else f"{r['bare']['seconds'] / r['pipeline']['seconds']:.2f}"),
        ("words/s of the run (without stance when skipped)", lambda r: f"{r['words'] / r['pipeline']['seconds']:,.0f}"),
        ("peak memory, all processes (PSS), GiB", lambda r: f"{r['pipeline']['peak_bytes'] / 2**30:.2f}"),
        ("peak memory without stance, GiB", lambda r: f"{r['without stance']['peak_bytes'] / 2**30:.2f}"),
        ("peak memory bare nlp.pipe, GiB", lambda r: f"{r['bare']['peak_bytes'] / 2**30:.2f}"),
    ]
    lines = ["| | " + " | ".join(f"{r['articles']} articles" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    lines += [f"| {name} | " + " | ".join(fn(r) for r in results) + " |" for name, fn in rows]
    first = results[0]
    lines.append(f"\n{first['workers']} worker processes, target {first['target'] or '(none)'!r}; stage seconds "
                 "are summed over processes" + ("; stance skipped: the stage rows are the run without stance."
                                                if skipped else "."))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="Batch folder of distinct articles [default: articles recombined from the sample].")
    parser.add_argument("--sizes", default="60,240", help="Corpus sizes to run, comma-separated [60,240].")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Processes [the CPU count].")
    parser.add_argument("--chunk-size", type=int, default=20, help="Articles per chunk [20].")
    parser.add_argument("--target", default=None, help="Stance target [the corpus's batch.toml].")
    parser.add_argument("--model", default=None, help="spaCy model name or path [the pipeline's default].")
    parser.add_argument("--skip-stance", action="store_true", help="Time only the run without stance.")
    parser.add_argument("--bare", type=Path, default=None, help=argparse.SUPPRESS)  # the bare run's subprocess
    args = parser.parse_args(argv)
    if args.bare:
        print(bare_pipe(args.bare, args.workers, args.model))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="newsclaims-bench-") as scratch:
        corpus = args.corpus or recombined_corpus(Path(scratch) / "corpus", max(sizes))
        results = [bench_size(corpus, n, args.workers, args.chunk_size, args.target, args.model,
                              Path(scratch) / f"size-{n}", stance=not args.skip_stance) for n in sizes]
    print(format_bench(results))


if __name__ == "__main__":
    main()
