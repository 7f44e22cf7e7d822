"""``make bench``: ``newsclaims run`` on distinct articles with every cache cold, against bare ``nlp.pipe``.

For each corpus size the bench runs the pipeline the way ``newsclaims run``
does (same stages, ``STAGES``; same chunks and worker processes), each run in
a fresh process of its own (so the memory it reports is that run's alone)
into a fresh out folder, so nothing is parsed from a cache, with the sentence
encoder's vector memo empty; then bare ``nlp.pipe`` of the same model as it
ships with the same number of processes. It prints the wall and CPU seconds
of every stage (summed over worker processes, so parallel stages can add up
to more than the wall time), the ratios of throughput with and without
stance, and the peak memory summed over every process of the run.
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
    """The largest memory of this process and all its descendants together, and the CPU seconds they used,
    sampled in a thread (whose own CPU seconds are left out).

    Memory is the proportional set size (pages shared between processes count
    once). CPU seconds are each process's last sampled user + system time, so
    a process that lives less than one interval is missed: close enough for
    runs of seconds to minutes, and less sensitive to other jobs than wall time.
    """

    def __init__(self, interval: float = 0.2, include_self: bool = True):
        self.interval, self.include_self, self.peak, self._stop = interval, include_self, 0, threading.Event()
        self._cpu: dict[tuple[int, float], float] = {}
        self._own_cpu = 0.0
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample_once(self) -> None:
        import psutil

        total = 0
        for process in [psutil.Process()] * self.include_self + psutil.Process().children(recursive=True):
            try:
                with process.oneshot():
                    total += process.memory_full_info().pss
                    times = process.cpu_times()
                    self._cpu[(process.pid, process.create_time())] = times.user + times.system
            except psutil.Error:
                continue
        self.peak = max(self.peak, total)

    def _sample(self) -> None:
        start = time.thread_time()
        while True:
            self._sample_once()
            self._own_cpu = time.thread_time() - start  # reading /proc is not the measured run's work
            if self._stop.wait(self.interval):
                return

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values()) - self._cpu_before - self._own_cpu * self.include_self

    def __enter__(self) -> MemoryPeak:
        times = os.times()
        self._cpu_before = (times.user + times.system) * self.include_self
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        own = self._own_cpu
        self._sample_once()  # the CPU seconds up to the end
        self._own_cpu = own


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


def _timed(fn: Callable[[], object], include_self: bool = True) -> tuple[object, dict]:
    """*fn*'s result and its figures: wall seconds, CPU seconds and peak memory of every process."""
    with MemoryPeak(include_self=include_self) as memory:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return result, {"seconds": seconds, "cpu_seconds": memory.cpu_seconds, "peak_bytes": memory.peak}


def bench_size(corpus: Path, n: int, workers: int, chunk_size: int, target: str | None,
               model: str | None, scratch: Path, stance: bool = True) -> dict:
    """One corpus size: the whole pipeline, the pipeline without stance, and bare ``nlp.pipe``, all cold."""
    from pipeline.ingest import ingest

    batch = subset(corpus, n, scratch / "with-target")
    untargeted = subset(corpus, n, scratch / "without-target", with_config=False)
    config = load_batch_config(batch, target)
    texts = list(ingest(batch, config)[0]["text"])
    figures: dict = {"articles": len(texts), "words": sum(len(t.split()) for t in texts), "workers": workers,
                     "target": config.target.name}
    runs = [("pipeline", batch, target)] * stance + [("without stance", untargeted, None)]
    for label, folder, run_target in runs:
        out = scratch / f"out-{n}-{label.replace(' ', '-')}"
        command = [sys.executable, "-m", "pipeline.evaluation.bench", "--one-run", str(folder), str(out),
                   "--vectors", str(scratch / f"vectors-{label.replace(' ', '-')}"), "--workers", str(workers),
                   "--chunk-size", str(chunk_size)]
        command += (["--target", run_target] if run_target else []) + (["--model", model] if model else [])
        done, timing = _timed(lambda: subprocess.run(command, capture_output=True, text=True, check=True),
                              include_self=False)
        figures[label] = {**timing, **json.loads(done.stdout.splitlines()[-1])}  # wall: run_batch alone
        shutil.rmtree(out)
    if stance and not config.target.is_set:
        raise SystemExit(f"{corpus} has no stance target: give --target so that stance is timed")
    texts_file = scratch / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    command = [sys.executable, "-m", "pipeline.evaluation.bench", "--bare", str(texts_file), "--workers", str(workers)]
    command += ["--model", model] if model else []
    done, timing = _timed(lambda: subprocess.run(command, capture_output=True, text=True, check=True),
                          include_self=False)
    figures["bare"] = {**timing, "seconds": float(done.stdout.split()[-1])}  # the pipe alone, model loaded
    return figures


def one_run(batch: Path, out: Path, vectors: Path, workers: int, chunk_size: int, target: str | None,
            model: str | None) -> dict:
    """``run_batch`` in this fresh process with an empty vector memo (the bench's subprocess per run, so
    that its memory is its own): wall seconds, stage seconds and claims."""
    from pipeline.run import RunSettings, run_batch

    cold_vector_cache(vectors)
    settings = RunSettings(model=model, target=target, chunk_size=chunk_size, workers=workers, progress=False)
    start = time.perf_counter()
    summary = run_batch(batch, out, settings, log=lambda m: None)
    return {"seconds": time.perf_counter() - start, "stages": summary.seconds, "cpu_stages": summary.cpu_seconds,
            "claims": summary.n_claims}


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
    """A Markdown table: per corpus size a column for the whole run and one for the run without stance."""
    runs = [label for label in ("pipeline", "without stance") if label in results[0]]
    columns = [(r, label) for r in results for label in runs]
    rows: list[tuple[str, Callable[[dict, dict], str]]] = [
        ("articles (words)", lambda r, run: f"{r['articles']} ({r['words']:,})"),
        ("claims", lambda r, run: f"{run['claims']:,}"),
    ]
    rows += [(f"{stage} s (CPU s)",
              lambda r, run, s=stage: f"{run['stages'].get(s, 0.0):.1f} ({run['cpu_stages'].get(s, 0.0):.1f})")
             for stage in ("loading models", *STAGES)]
    rows += [
        ("claims/s through the stance encoder stage, rules' features included (per CPU s)", lambda r, run:
         f"{run['claims'] / run['stages']['stance encoder']:.0f} "
         f"({run['claims'] / run['cpu_stages']['stance encoder']:.0f})"
         if run["cpu_stages"].get("stance encoder", 0) > 0.05 else "—"),
        ("wall s", lambda r, run: f"{run['seconds']:.1f}"),
        ("CPU s, all processes", lambda r, run: f"{run['cpu_seconds']:.1f}"),
        ("bare nlp.pipe wall s (CPU s, loading included)",
         lambda r, run: f"{r['bare']['seconds']:.1f} ({r['bare']['cpu_seconds']:.1f})"),
        ("**ratio, wall (bare / run)**", lambda r, run: f"**{r['bare']['seconds'] / run['seconds']:.2f}**"),
        ("ratio, CPU (bare / run)", lambda r, run: f"{r['bare']['cpu_seconds'] / run['cpu_seconds']:.2f}"),
        ("words/s", lambda r, run: f"{r['words'] / run['seconds']:,.0f}"),
        ("peak memory, all processes (PSS), GiB", lambda r, run: f"{run['peak_bytes'] / 2**30:.2f}"),
        ("peak memory bare nlp.pipe, GiB", lambda r, run: f"{r['bare']['peak_bytes'] / 2**30:.2f}"),
    ]
    names = {"pipeline": "whole pipeline", "without stance": "without stance"}
    lines = ["| | " + " | ".join(f"{r['articles']} articles, {names[label]}" for r, label in columns) + " |",
             "|---|" + "---|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(fn(r, r[label]) for r, label in columns) + " |" for name, fn in rows]
    first = results[0]
    lines.append(f"\n{first['workers']} worker processes, target {first['target'] or '(none)'!r}; stage seconds "
                 "are summed over processes (parallel stages add up to more than the wall time), wall and in "
                 "brackets the CPU seconds of the process that ran them (other jobs inflate wall seconds, "
                 "hardly CPU); the bare pipe's wall excludes loading its model"
                 + ("; stance skipped." if "pipeline" not in runs else "."))
    names["bare"] = "bare nlp.pipe"
    lines += [_memory_growth(results, label, names[label]) for label in (*runs, "bare") if len(results) > 1]
    return "\n".join(lines)


def _memory_growth(results: list[dict], label: str, name: str) -> str:
    small, large = results[0], results[-1]
    growth = large[label]["peak_bytes"] / small[label]["peak_bytes"] - 1
    return f"Peak memory, {name}: {growth:+.0%} from {small['articles']} to {large['articles']} articles."


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
    parser.add_argument("--one-run", type=Path, nargs=2, default=None, help=argparse.SUPPRESS)  # a run's subprocess
    parser.add_argument("--vectors", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_run:
        print(json.dumps(one_run(*args.one_run, args.vectors, args.workers, args.chunk_size, args.target,
                                 args.model)))
        return
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
