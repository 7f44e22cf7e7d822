"""Engines and the lock: a process pool, a Dask LocalCluster and a separately started Dask cluster write the
same tables as a plain run; two runs into one folder at once both land their batches."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.io import store
from pipeline.io.config import DEFAULT_STANCE_MODELS, load_batch_config
from pipeline.run import RunSettings, _early_pool, run_batch
from pipeline.stages import STAGES, ChunkSettings
from tests.conftest import PROJECT_ROOT, SAMPLE_BATCH
from tests.test_e2e import assert_same_tables

pytestmark = pytest.mark.slow  # the slow tier: `make test` runs it, `make test-fast` does not

CHUNKS = 2  # the sample's five articles make three chunks


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain")
    run_batch(SAMPLE_BATCH, out, RunSettings(chunk_size=CHUNKS, workers=1, progress=False), log=lambda m: None)
    return store.load_tables(out)


@pytest.fixture
def worker_env(monkeypatch):
    """Worker processes import the package from this tree."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    return dict(os.environ)


def test_a_process_pool_writes_the_plain_runs_tables(plain, tmp_path, worker_env):
    out = tmp_path / "out"
    summary = run_batch(SAMPLE_BATCH, out, RunSettings(chunk_size=CHUNKS, workers=2, progress=False),
                        log=lambda m: None)
    assert summary.n_new_articles == 5 and len(store.part_names(out, "claims")) == 3
    assert set(summary.seconds) == {"loading models", *STAGES}
    timeline = summary.timeline
    assert 0 < timeline["chunks ready"] and 0 < timeline["first parse started"] < timeline["last chunk finished"]
    assert timeline["tail idle"] >= 0
    assert_same_tables(store.load_tables(out), plain)


def test_only_a_first_run_of_a_batch_or_force_starts_its_pool_before_ingest(tmp_path, worker_env):
    """The early pool costs model loads that a re-run, which may find nothing new, should not pay."""
    config = load_batch_config(SAMPLE_BATCH)
    chunk_settings = ChunkSettings(target=config.target, stance_models=str(DEFAULT_STANCE_MODELS))
    out = tmp_path / "out"

    def early(**options):
        settings = replace(RunSettings(chunk_size=CHUNKS, workers=2, progress=False), **options)
        pool = _early_pool(SAMPLE_BATCH, out, config, chunk_settings, settings)
        if pool is not None:
            pool.close()
        return pool is not None

    assert early() and not early(workers=1) and not early(engine="dask") and not early(chunk_size=5)
    run_batch(SAMPLE_BATCH, out, RunSettings(chunk_size=CHUNKS, workers=2, progress=False), log=lambda m: None)
    assert not early() and early(force=True)


def test_dask_on_a_local_cluster_writes_the_plain_runs_tables(plain, tmp_path, worker_env):
    out = tmp_path / "out"
    run_batch(SAMPLE_BATCH, out, RunSettings(chunk_size=CHUNKS, workers=2, engine="dask", progress=False),
              log=lambda m: None)
    assert_same_tables(store.load_tables(out), plain)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"no scheduler on port {port}")


def test_dask_on_a_separately_started_scheduler_and_two_workers(plain, tmp_path, worker_env):
    dask = str(Path(sys.executable).with_name("dask"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], env=worker_env, stderr=subprocess.DEVNULL)]
    try:
        _wait_for_port(port)
        processes += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"],
                                       env=worker_env, stderr=subprocess.DEVNULL) for _ in range(2)]
        result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLE_BATCH), "--out",
                                 str(tmp_path / "out"), "--engine", "dask", "--scheduler", address,
                                 "--chunk-size", str(CHUNKS), "--quiet"],
                                env=worker_env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    assert_same_tables(store.load_tables(tmp_path / "out"), plain)


def test_two_runs_into_one_folder_both_land_their_batches(tmp_path, worker_env):
    files = sorted(SAMPLE_BATCH.glob("*.txt"))
    batches = []
    for name, picked in (("first", files[:2]), ("second", files[2:4])):
        folder = tmp_path / name
        folder.mkdir()
        for path in picked:
            shutil.copy(path, folder / path.name)
        batches.append(folder)
    out = tmp_path / "out"
    runs = [subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(batch), "--out", str(out), "--quiet"],
                             env=worker_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for batch in batches]
    outputs = [run.communicate(timeout=900) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("waiting for it to finish" in err for _, err in outputs)
    articles = store.read_table(out, "articles")
    assert sorted(articles["source"]) == sorted(p.name for p in files[:4])
    assert set(articles["batch"]) == {"first", "second"}
    claims = store.read_table(out, "claims")
    assert set(claims["article_id"]) <= set(articles["article_id"]) and len(claims) > 10
