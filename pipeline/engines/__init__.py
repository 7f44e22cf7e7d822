"""Engines map the chunk function (:func:`pipeline.stages.process_chunk`) over chunks of a batch.

Each yields :class:`~pipeline.stages.ChunkResult` objects as chunks finish;
the driver (``run_batch``) finishes any stage the engine left to it and
commits the parts under the out folder's lock.
"""
