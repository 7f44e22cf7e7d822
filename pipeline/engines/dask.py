"""A dask.distributed cluster: the chunk function, every chunk stage included, runs on its workers.

With a scheduler address the run uses that cluster (its workers need this
package, the spaCy model and the stance model's encoder installed, and must
reach the out folder's parse cache); without one, a ``LocalCluster`` of
``workers`` processes. The driver keeps only the tables each chunk returns
and writes the parts itself, holding the lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

import pandas as pd

from pipeline.stages import CHUNK_STAGES, ChunkResult, ChunkSettings, process_chunk


def map_chunks(chunks: list[tuple[pd.DataFrame, str]], settings: ChunkSettings, workers: int,
               scheduler: str | None = None) -> Iterator[ChunkResult]:
    """Every chunk's result, in the order the cluster finishes them."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    if cluster is not None:  # this machine's cores shared out, as the local pool does
        settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // workers))
    try:
        with Client(scheduler or cluster) as client:
            futures = [client.submit(process_chunk, articles, part, settings, CHUNK_STAGES, pure=False)
                       for articles, part in chunks]
            for future in as_completed(futures):
                result = future.result()
                future.release()
                yield result
    finally:
        if cluster is not None:
            cluster.close()
