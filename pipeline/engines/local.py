"""This machine: one chunk in this process, or a pool of worker processes.

With a pool every chunk stage runs in the workers, the sentence encoder
included, so every core parses and encodes and the driver only commits parts
(a driver that scored stance itself fell behind the workers and left them
idle). Each worker gives the encoder ``cores // workers`` threads. The
workers are forked from a server that has imported the heavy libraries once
and receive the stance model the driver loaded.
At most ``workers + 1`` chunks are in flight, so memory does not grow with
the batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace

import pandas as pd

from pipeline.stages import (CHUNK_STAGES, STANCE_MODULES, WORKER_MODULES, ChunkResult, ChunkSettings, process_chunk,
                             share_stance_model, stance_model)


def map_chunks(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings,
               workers: int) -> Iterator[ChunkResult]:
    """Every chunk's result, in the order they finish."""
    if workers <= 1 or len(chunks) <= 1:
        for articles, part in chunks:
            yield process_chunk(articles, part, settings, CHUNK_STAGES)
        return
    workers = min(workers, len(chunks))
    settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // workers))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*WORKER_MODULES, *STANCE_MODULES * settings.target.is_set])
    # The driver has loaded and checked the stance model: each worker gets a copy rather than reading the file.
    shared = (settings.stance_models, stance_model(settings.stance_models)) if settings.target.is_set else None
    pending = iter(chunks)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=share_stance_model if shared else None, initargs=shared or ()) as pool:
        running = set()
        for articles, part in pending:
            running.add(pool.submit(process_chunk, articles, part, settings, CHUNK_STAGES))
            if len(running) > workers:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                nxt = next(pending, None)
                if nxt is not None:
                    running.add(pool.submit(process_chunk, nxt[0], nxt[1], settings, CHUNK_STAGES))
                yield future.result()
