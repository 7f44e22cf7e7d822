"""This machine: one chunk in this process, or a pool of worker processes.

With a pool every chunk stage runs in the workers, the sentence encoder
included, so every core parses and encodes and the driver only commits parts
(a driver that scored stance itself fell behind the workers and left them
idle). Each worker gives the encoder ``cores // workers`` threads. The
workers are forked from a server that has imported the heavy libraries once
(scikit-learn and skops too, with a target) and load every model as they
start, the stance model included: the driver never loads it unless it
re-scores stored claims. The pool starts in a thread, so ``run`` can start it
before it ingests the batch and the workers are ready when the first chunk is.
At most ``workers + 1`` chunks are in flight, so memory does not grow with
the batch.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace

import pandas as pd

from pipeline.stages import (CHUNK_STAGES, STANCE_MODULES, WORKER_MODULES, ChunkResult, ChunkSettings, prepare_worker,
                             process_chunk)


class Pool:
    """*workers* processes for *settings*, started in a thread from the moment the object is made.

    Starting takes seconds that need no core of the driver's: the fork
    server's imports, then each worker's models. ``executor()`` waits for the
    start.
    """

    def __init__(self, settings: ChunkSettings, workers: int):
        self.workers = workers
        self.settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // workers))
        self._executor: ProcessPoolExecutor | None = None
        self._used = False
        self._thread = threading.Thread(target=self._start, daemon=True, name="pool start")
        self._thread.start()

    def _start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([*WORKER_MODULES, *STANCE_MODULES * self.settings.target.is_set])
        executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=prepare_worker,
                                       initargs=(self.settings,))
        for _ in range(self.workers):  # each submit starts a process while none is idle
            executor.submit(int)
        self._executor = executor

    def executor(self) -> ProcessPoolExecutor | None:
        """The started pool, to use (None when it could not start)."""
        self._thread.join()
        self._used = True
        return self._executor

    def close(self) -> None:
        """Stop the workers; wait for them only when the pool did some work (an unused one may still load)."""
        self._thread.join()
        if self._executor is not None:
            self._executor.shutdown(wait=self._used, cancel_futures=True)


def map_chunks(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings, workers: int,
               pool: Pool | None = None) -> Iterator[ChunkResult]:
    """Every chunk's result, in the order they finish: in *pool* when given (the caller closes it), else in a
    pool of its own, or in this process for a single chunk or worker."""
    if pool is not None and pool.executor() is None:  # it could not start: go on as without it
        pool = None
    own = pool is None and workers > 1 and len(chunks) > 1
    if own:
        pool = Pool(settings, min(workers, len(chunks)))
    executor = pool.executor() if pool is not None else None
    try:
        if executor is None:
            for articles, part in chunks:
                yield process_chunk(articles, part, settings, CHUNK_STAGES)
        else:
            yield from _pooled(chunks, replace(settings, threads=pool.settings.threads), pool.workers, executor)
    finally:
        if own:
            pool.close()


def _pooled(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings, workers: int,
            executor: ProcessPoolExecutor) -> Iterator[ChunkResult]:
    pending = iter(chunks)
    running = set()
    for articles, part in pending:
        running.add(executor.submit(process_chunk, articles, part, settings, CHUNK_STAGES))
        if len(running) > workers:
            break
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            nxt = next(pending, None)
            if nxt is not None:
                running.add(executor.submit(process_chunk, nxt[0], nxt[1], settings, CHUNK_STAGES))
            yield future.result()
