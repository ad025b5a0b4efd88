"""Running a sweep: chunks computed by threads or a dask cluster, parts checked, one Parquet file.

Chunk ``c`` is computed into ``OUT.parts/part-<c>.arrow`` with its record
(:mod:`article6.sweep.store`); the final file is assembled from the parts in
order while later chunks are still being computed, and replaces ``OUT`` only
when it is complete. ``resume=True`` verifies every part on disk against its
record and the plan, recomputes whatever is damaged, foreign or missing, and
so assembles the bytes of the uninterrupted run.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

import article6.sweep.store as store
from article6.errors import OutputError, SweepChoiceError, SweepError
from article6.io.atomic import write_atomic
from article6.sweep.chunks import chunk_table
from article6.sweep.plan import (
    _META_KEY,
    DEFAULT_CHUNK,
    ENGINES,
    PARQUET_OPTIONS,
    ROW_GROUP_ROWS,
    Plan,
)


def _ipc_bytes(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, table.schema) as w:
        w.write_table(table)
    return sink.getvalue()


def write_part(plan: Plan, parts: Path, index: int, start: int, stop: int) -> int:
    """Compute chunk ``index`` and write it with its record (:func:`store.save_part`); return its rows."""
    table = chunk_table(plan, start, stop)
    store.save_part(parts, index, start, stop, store.plan_digest(plan.identity()), _ipc_bytes(table),
                    suffix=f".{threading.get_ident()}")
    return table.num_rows


class _RowGroupWriter:
    """Write tables to Parquet in row groups of exactly ``rows`` rows (the last may be short)."""

    def __init__(self, path: Path, schema: pa.Schema, rows: int):
        self.writer = pq.ParquetWriter(str(path), schema, **PARQUET_OPTIONS)
        self.rows = rows
        self.pending: list[pa.Table] = []
        self.count = 0
        self.written = 0

    def add(self, table: pa.Table) -> None:
        self.pending.append(table)
        self.count += table.num_rows
        if self.count >= self.rows:
            t = pa.concat_tables(self.pending)
            done = (self.count // self.rows) * self.rows
            for a in range(0, done, self.rows):
                self._write(t.slice(a, self.rows))
            self.pending = [t.slice(done)] if done < self.count else []
            self.count -= done

    def _write(self, t: pa.Table) -> None:
        # one contiguous chunk per column: page boundaries then never depend on chunking
        self.writer.write_table(t.combine_chunks(), row_group_size=self.rows)
        self.written += t.num_rows

    def close(self) -> None:
        if self.count:
            self._write(pa.concat_tables(self.pending))
        self.pending = []
        self.writer.close()


# --------------------------------------------------------------------------- engines


def _dask_part(plan: Plan, parts: str, token: str, index: int, start: int, stop: int):
    """Run on a dask worker: write the part if the parts directory is shared, else return it."""
    p = Path(parts)
    try:
        shared = store.strict_json((p / "manifest.json").read_text()).get("token") == token
    except (OSError, ValueError, AttributeError):
        shared = False
    if shared:
        return ("written", write_part(plan, p, index, start, stop))
    return ("table", _ipc_bytes(chunk_table(plan, start, stop)).to_pybytes())


def connect_dask(scheduler: str | None, workers: int | None, timeout: float = 10.0):
    """A dask ``Client``: to ``scheduler``, or to a new ``LocalCluster`` of processes.

    Raises
    ------
    SweepError
        When dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SweepChoiceError("engine", "dask installed (pip install 'article6[dask]')",
                               "dask") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise SweepChoiceError(
                "scheduler",
                f"a reachable dask scheduler (no answer within {timeout:g} s: "
                f"{type(exc).__name__})", scheduler,
            ) from None
    cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                           dashboard_address=None, scheduler_kwargs={"dashboard": False})
    return Client(cluster), cluster


# --------------------------------------------------------------------------- the run


@dataclass
class SweepReport:
    """What a sweep produced: chunks in all, computed now, taken from disk (verified)."""

    plan: Plan
    out: Path
    chunks: int
    computed: int
    resumed: int


def run_sweep(
    plan: Plan,
    out: str | Path,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: str = "numpy",
    scheduler: str | None = None,
    workers: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    inputs: tuple[str | Path, ...] = (),
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    client: Any = None,
    scheduler_timeout: float = 10.0,
) -> SweepReport:
    """Run ``plan`` chunk by chunk and write the final Parquet file ``out`` atomically.

    Parameters
    ----------
    chunk_size
        Samples per chunk (a part file). Does not change the result. On resume
        the chunk size of the interrupted run is kept.
    engine
        ``numpy`` (threads in this process; ``workers`` threads, default 1,
        overlapping the Parquet encoding) or ``dask`` (a distributed client:
        ``client`` if given, else ``scheduler``, else a local cluster of
        ``workers`` processes, default 2).
    resume
        Complete an interrupted sweep from ``<out>.parts/``: its manifest must
        match ``plan``; every part is verified and recomputed unless intact.
        Against a finished file of the same plan, nothing is done.
    overwrite
        Replace an existing finished file (otherwise refused).
    inputs
        Files the output must never replace (the scenario).
    progress
        Show a tqdm bar (default: when standard error is a terminal).

    Raises
    ------
    SweepError, OutputError
        One line each, nothing replaced: bad options; ``out`` not a regular
        file, an input, or an existing file without ``overwrite``; another run
        holding ``OUT.lock``; a manifest that does not match; not enough free
        disk space (up front, with the estimate, or when the disk fills: the
        finished parts are kept, temporary files removed).
    """
    log = log or (lambda msg: print(msg, file=sys.stderr))
    out = Path(out)
    if engine not in ENGINES:
        raise SweepChoiceError("engine", "one of " + ", ".join(ENGINES), engine)
    if isinstance(chunk_size, bool) or int(chunk_size) != chunk_size or chunk_size <= 0:
        raise SweepChoiceError("chunk_size", "a whole number of samples > 0", chunk_size)
    if workers is not None and workers <= 0:
        raise SweepChoiceError("workers", "a whole number > 0", workers)
    store.check_output(out, tuple(Path(p) for p in inputs))
    with store.OutputLock(out):
        store.check_output(out, tuple(Path(p) for p in inputs))  # again, now that no one else writes
        parts = store.parts_dir(out)
        if out.exists() and not overwrite:
            done = _finished(plan, out, resume, parts)
            if done is not None:
                log(f"{out} is already complete for these parameters; nothing to do")
                return done
        try:
            return _run_locked(plan, out, parts, chunk_size, engine, scheduler, workers, resume,
                               progress, log, client, scheduler_timeout)
        except (OSError, OutputError) as exc:  # a full disk, a quota, a file-size limit
            store.remove_temporaries(parts)
            if isinstance(exc, OutputError) and exc.key != "--out":
                raise
            why = exc.expected if isinstance(exc, OutputError) else (
                f"room to write the sweep ({exc.strerror or exc})")
            kept = (f"; finished chunks are kept in {parts}/ (free space, then --resume)"
                    if any(parts.glob("part-*.arrow")) else "")
            raise OutputError(out, "--out", why + kept) from None


def _finished(plan: Plan, out: Path, resume: bool, parts: Path) -> SweepReport | None:
    """An existing ``out`` without ``overwrite``: the finished run of this plan, or a refusal."""
    stored = store.is_sweep_file(out, _META_KEY)
    if not resume or stored is None:
        raise OutputError(out, "--out", "a new file: this one exists (pass --overwrite to replace it)")
    key = store.first_difference(stored, plan.identity())
    if key is not None:
        raise SweepError(out, key, f"the same value to resume this finished sweep "
                         f"({plan.identity().get(key)!r}; pass --overwrite to replace it)",
                         stored.get(key))
    if pq.ParquetFile(str(out)).metadata.num_rows != plan.samples:
        raise SweepError(out, "samples", f"{plan.samples} rows in the finished file "
                         "(pass --overwrite to replace it)")
    return SweepReport(plan=plan, out=out, chunks=0, computed=0, resumed=0)


def _run_locked(plan, out, parts, chunk_size, engine, scheduler, workers, resume, progress, log,
                client, scheduler_timeout) -> SweepReport:
    identity = plan.identity()
    digest = store.plan_digest(identity)
    schema = plan.schema()
    resumed: set[int] = set()
    if parts.exists():
        if not resume:
            raise SweepError(
                parts, "(directory)",
                "no unfinished sweep here: pass --resume to complete it, or remove the directory",
            )
        chunk_size = store.read_manifest(parts, identity, plan.samples)
        for i, (a, b) in enumerate(store.chunks(plan.samples, chunk_size)):
            reason, rec = store.check_part(parts, i, a, b, digest, schema)
            if reason is None:
                resumed.add(i)
            elif rec is not None:  # intact, this plan's, but cut by another chunk size
                raise SweepError(parts / "manifest.json", "chunk_size",
                                 f"the chunk size the finished parts were written with "
                                 f"({rec['stop'] - rec['start']}; {store.part_path(parts, i).name})",
                                 chunk_size)
            elif reason != "missing":
                log(f"{store.part_path(parts, i).name}: {reason}; computing it again")
        log(f"resuming: {len(resumed)} of {len(store.chunks(plan.samples, chunk_size))} "
            "chunks already done (verified)")
    elif resume:
        log(f"nothing to resume at {parts}; starting the sweep")

    chunks = store.chunks(plan.samples, chunk_size)
    columns = len(schema)
    todo = [i for i in range(len(chunks)) if i not in resumed]
    rows_todo = sum(chunks[i][1] - chunks[i][0] for i in todo)
    store.check_free_space(out.parent if str(out.parent) else Path("."), rows_todo + plan.samples,
                           columns, "--samples")
    owned_client = None
    cluster = None
    if engine == "dask" and client is None:
        client, cluster = connect_dask(scheduler, workers, scheduler_timeout)
        owned_client = client

    token = os.urandom(8).hex()
    try:
        parts.mkdir(exist_ok=True)
        store.write_json_atomic(parts / "manifest.json", {
            "format": store.MANIFEST_FORMAT, "identity": identity, "chunk_size": chunk_size,
            "chunks": len(chunks), "token": token,
        })
        if engine == "numpy":
            work = _numpy_work(plan, parts, chunks, todo, workers or 1)
        else:
            work = _dask_work(plan, parts, chunks, todo, client, token, digest)
        producer = _Producer(work)
        write_atomic(out, lambda tmp: _assemble(plan, tmp, parts, chunks, resumed, producer, progress),
                     "--out", overwrite=True, tmp_dir=parts)  # replacing was decided above
    finally:
        if owned_client is not None:
            owned_client.close()
        if cluster is not None:
            cluster.close()
    store.remove_finished(parts, len(chunks))
    return SweepReport(plan=plan, out=out, chunks=len(chunks), computed=len(todo),
                       resumed=len(resumed))


class _Producer(threading.Thread):
    """Computes the missing parts in the background; the assembler waits on each in turn.

    Parts live on disk, so the producer may run ahead of the (in-order)
    assembly without holding memory; only the chunks in flight are in memory.
    """

    def __init__(self, work: Callable[[_Producer], None]):
        super().__init__(name="article6-sweep-producer", daemon=True)
        self.work = work
        self.done: set[int] = set()
        self.cond = threading.Condition()
        self.error: BaseException | None = None
        self.finished = False
        self.cancelled = False

    def run(self) -> None:
        try:
            self.work(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            self.error = exc
        finally:
            with self.cond:
                self.finished = True
                self.cond.notify_all()

    def mark(self, index: int) -> None:
        with self.cond:
            self.done.add(index)
            self.cond.notify_all()

    def wait_for(self, index: int) -> None:
        with self.cond:
            while index not in self.done:
                if self.error is not None:
                    raise self.error
                if self.finished:
                    raise RuntimeError(f"sweep chunk {index} was never computed")
                self.cond.wait(0.5)

    def stop(self) -> None:
        self.cancelled = True


#: For interruption tests: after this many finished parts the numpy engine stops computing
#: and waits until the process is interrupted, so a test can kill a sweep midway by watching
#: its part files instead of by timing (which a busy machine would upset).
HOLD_ENV = "ARTICLE6_SWEEP_HOLD_AFTER"


def _hold_after() -> int | None:
    text = os.environ.get(HOLD_ENV, "")
    return int(text) if text.isdigit() else None


def _hold(prod: _Producer) -> None:
    """Wait, computing nothing more, until the sweep is cancelled or the process killed."""
    while not prod.cancelled:
        time.sleep(0.05)


def _numpy_work(plan, parts, chunks, todo, threads):
    """Compute ``todo`` with ``threads`` threads, ``threads + 1`` chunks in flight at most."""
    hold = _hold_after()

    def work(prod: _Producer) -> None:
        pending = list(todo)
        finished = 0
        with ThreadPoolExecutor(max_workers=threads) as pool:
            running: dict[Any, int] = {}
            try:
                while (pending or running) and not prod.cancelled:
                    while pending and len(running) < threads + 1:
                        i = pending.pop(0)
                        running[pool.submit(write_part, plan, parts, i, *chunks[i])] = i
                    done, _ = wait(list(running), timeout=0.5, return_when=FIRST_COMPLETED)
                    for f in done:
                        f.result()
                        prod.mark(running.pop(f))
                        finished += 1
                    if hold is not None and finished >= hold:
                        _hold(prod)
            finally:
                for f in running:
                    f.cancel()

    return work


def _dask_work(plan, parts, chunks, todo, client, token, digest):
    """Compute ``todo`` on the dask cluster, two chunks per worker in flight."""

    def work(prod: _Producer) -> None:
        from distributed import as_completed

        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        pending = list(todo)
        plan_future = client.scatter(plan, broadcast=True)
        inflight = as_completed()
        index_of: dict[Any, int] = {}

        def submit(i: int) -> None:
            f = client.submit(_dask_part, plan_future, str(parts), token, i, *chunks[i],
                              key=f"article6-sweep-{token}-{i}", pure=False)
            index_of[f] = i
            inflight.add(f)

        for _ in range(min(len(pending), 2 * nworkers)):
            submit(pending.pop(0))
        try:
            for f in inflight:
                i = index_of.pop(f)
                kind, payload = f.result()
                f.release()
                if kind == "table":
                    store.save_part(parts, i, *chunks[i], digest, payload)
                prod.mark(i)
                if prod.cancelled:
                    break
                if pending:
                    submit(pending.pop(0))
        finally:
            for f in index_of:
                f.cancel()

    return work


def _assemble(plan, tmp: Path, parts, chunks, ready: set[int], producer: _Producer, progress) -> None:
    """Write the final file to ``tmp`` from the parts, in order, as they become available.

    Verified parts (``ready``) are read at once; the others when the producer
    has written them. The file must end with exactly ``plan.samples`` rows.
    """
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=plan.samples, unit="sample", unit_scale=True, file=sys.stderr,
                   desc="sweep")
    writer = _RowGroupWriter(tmp, plan.schema(), ROW_GROUP_ROWS)
    producer.start()
    try:
        for i in range(len(chunks)):
            if i not in ready:
                producer.wait_for(i)
            with pa.memory_map(str(store.part_path(parts, i))) as src:
                writer.add(ipc.open_file(src).read_all())
            if bar is not None:
                bar.update(chunks[i][1] - chunks[i][0])
        producer.join()
        if producer.error is not None:
            raise producer.error
        writer.close()
        if writer.written != plan.samples:
            raise SweepError(tmp, "samples", f"{plan.samples} rows assembled", writer.written)
    except BaseException:
        producer.stop()
        producer.join(timeout=30)
        try:
            writer.writer.close()
        except Exception:  # noqa: BLE001 - already failing; keep the first error
            pass
        raise
    finally:
        if bar is not None:
            bar.close()
