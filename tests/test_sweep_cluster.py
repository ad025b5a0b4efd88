"""The dask engine on a real LocalCluster (worker processes): same bytes as the numpy engine."""

from __future__ import annotations

import subprocess
import sys

import distributed
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from article6 import sweep as S
from article6.sweep.run import _dask_part

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_dask_equals_numpy_bytes(paper, tmp_path, cluster):
    n = S.RNG_BLOCK + 12_345
    plan = S.make_plan(paper, n, seed=21, design="lhs", vary="year")
    S.run_sweep(plan, tmp_path / "numpy.parquet", log=lambda m: None)
    with distributed.Client(cluster) as client:
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2
        assert all(w["host"] for w in workers.values())
        with distributed.get_task_stream(client) as ts:
            S.run_sweep(plan, tmp_path / "dask.parquet", engine="dask", client=client,
                        chunk_size=7_000, log=lambda m: None)
        # the 11 chunks ran as tasks in the worker processes, not in this one
        ran = [t for t in ts.data if "article6-sweep" in str(t["key"])]
        assert len(ran) == -(-n // 7_000)
        assert {t["worker"] for t in ran} <= set(workers)
    assert (tmp_path / "numpy.parquet").read_bytes() == (tmp_path / "dask.parquet").read_bytes()


def test_cli_with_scheduler_address(paper_path, tmp_path, cluster):
    base = [sys.executable, "-m", "article6.cli", "sweep", str(paper_path), "--samples", "50000",
            "--seed", "3"]
    a = subprocess.run([*base, "--out", str(tmp_path / "a.parquet")], capture_output=True,
                       text=True, timeout=300)
    b = subprocess.run([*base, "--out", str(tmp_path / "b.parquet"), "--engine", "dask",
                        "--scheduler", cluster.scheduler_address, "--chunk-size", "9000"],
                       capture_output=True, text=True, timeout=300)
    assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_cli_starts_its_own_local_cluster(paper_path, tmp_path):
    base = [sys.executable, "-m", "article6.cli", "sweep", str(paper_path), "--samples", "20000",
            "--design", "grid", "--json"]
    a = subprocess.run([*base, "--out", str(tmp_path / "a.parquet")], capture_output=True,
                       text=True, timeout=300)
    b = subprocess.run([*base, "--out", str(tmp_path / "b.parquet"), "--engine", "dask",
                        "--workers", "2", "--chunk-size", "3000"],
                       capture_output=True, text=True, timeout=300)
    assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
    assert a.stdout.replace("a.parquet", "") == b.stdout.replace("b.parquet", "")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_worker_without_the_shared_directory_returns_the_part(paper, tmp_path):
    """A worker on another machine (no shared parts directory) sends the table back instead."""
    plan = S.make_plan(paper, 1000, seed=2)
    kind, payload = _dask_part(plan, str(tmp_path / "elsewhere"), "token", 0, 0, 1000)
    assert kind == "table"
    table = ipc.open_file(pa.py_buffer(payload)).read_all()
    assert table.equals(S.chunk_table(plan, 0, 1000))
