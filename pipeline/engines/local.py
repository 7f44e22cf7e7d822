"""This machine: one chunk in this process, or a pool of worker processes.

With a pool the workers parse and extract (the CPU-bound part) while this
process scores stance, batched per chunk: one copy of the sentence encoder
rather than one per worker. At most ``workers + 1`` chunks are in flight, so
memory does not grow with the batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

import pandas as pd

from pipeline.stages import CHUNK_STAGES, EXTRACTION_STAGES, ChunkResult, ChunkSettings, process_chunk


def map_chunks(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings,
               workers: int) -> Iterator[ChunkResult]:
    """Every chunk's result, in the order they finish."""
    if workers <= 1 or len(chunks) <= 1:
        for articles, part in chunks:
            yield process_chunk(articles, part, settings, CHUNK_STAGES)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.stages"])
    pending = iter(chunks)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        running = set()
        for articles, part in pending:
            running.add(pool.submit(process_chunk, articles, part, settings, EXTRACTION_STAGES))
            if len(running) > workers:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                nxt = next(pending, None)
                if nxt is not None:
                    running.add(pool.submit(process_chunk, nxt[0], nxt[1], settings, EXTRACTION_STAGES))
                yield future.result()
