"""A sweep's files on disk: the output, its lock, the parts directory, each part's record.

Nothing on disk is trusted. Layout next to the output ``OUT``:

``OUT.lock``
    Held (``flock``) by the one run writing ``OUT``; a second run is refused.
``OUT.parts/manifest.json``
    The plan's identity, the chunk size and the number of chunks; validated
    before use, and never a reason to delete a finished part.
``OUT.parts/part-<c>.arrow`` and ``part-<c>.json``
    Chunk ``c`` as an Arrow IPC file, and its record: the SHA-256 and size of
    the Arrow file, the digest of the plan that computed it, the chunk index,
    its first and last sample and its row count. A part is used only when its
    record, its bytes and its rows all agree with the chunk it stands for.

The final Parquet file replaces ``OUT`` through :func:`article6.io.atomic.write_atomic`
(permissions from the user's umask), and only a complete file ever does.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import math
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from article6.errors import OutputError, SweepError

MANIFEST_FORMAT = 2
RECORD_FORMAT = 1
#: Largest manifest read (the scenario document it carries is itself bounded at load).
MANIFEST_MAX_BYTES = 16 * 1024 * 1024
#: Largest part record read.
RECORD_MAX_BYTES = 4096
#: Bytes on disk per value (float64 or int64) of a part or of the final file, before overhead.
VALUE_BYTES = 8
#: Slack on the disk-space estimate (file metadata, page headers, the lock and manifest).
ESTIMATE_SLACK = 1.05
_RECORD_KEYS = {"format", "plan", "index", "start", "stop", "rows", "bytes", "sha256"}


def parts_dir(out: Path) -> Path:
    """``OUT.parts``: where an unfinished sweep keeps its finished chunks."""
    return out.with_name(out.name + ".parts")


def lock_path(out: Path) -> Path:
    """``OUT.lock``: the lock file of the run writing ``OUT``."""
    return out.with_name(out.name + ".lock")


def part_path(parts: Path, index: int) -> Path:
    """The Arrow IPC file of chunk ``index``."""
    return parts / f"part-{index:08d}.arrow"


def record_path(parts: Path, index: int) -> Path:
    """The record (checksum and identity) of chunk ``index``."""
    return parts / f"part-{index:08d}.json"


def plan_digest(identity: dict[str, Any]) -> str:
    """SHA-256 of the plan's identity as canonical JSON: what a part must have been computed for."""
    text = json.dumps(identity, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunks(samples: int, chunk_size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` of every chunk: rows ``[c x chunk, min(N, (c+1) x chunk))``."""
    return [(a, min(samples, a + chunk_size)) for a in range(0, samples, chunk_size)]


def strict_json(text: str | bytes) -> Any:
    """Parse JSON refusing ``NaN``, ``Infinity`` and ``-Infinity`` (not JSON)."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _read_small(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file (``OSError``/``ValueError`` otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            raise ValueError("not a regular file of the expected size")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ValueError("too large")
    return data


# --------------------------------------------------------------------------- the output


def check_output(out: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse an ``--out`` that is not (or would not be) a regular file, or that is an input.

    Raises
    ------
    OutputError
        For a directory, a device, a FIFO or a socket; a missing or
        unwritable directory; the scenario file itself.
    """
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(out, "--out", f"a file in an existing directory ({parent} does not exist)")
    try:
        st = os.stat(out)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(out, "--out", f"a path that can be checked ({exc.strerror})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(out, "--out", "a file path, not a directory")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(out, "--out", "a regular file (this path is a device, FIFO or socket)")
        for src in inputs:
            try:
                same = os.path.samefile(out, src)
            except OSError:
                same = False
            if same:
                raise OutputError(out, "--out", "a new file, not the input scenario", str(src))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(out, "--out", f"a writable directory ({parent} is not writable)")


def is_sweep_file(out: Path, meta_key: bytes) -> dict[str, Any] | None:
    """The identity stored in a finished sweep file, or ``None`` if ``out`` is not one."""
    try:
        meta = pq.read_schema(str(out)).metadata or {}
        return strict_json(meta[meta_key]) if meta_key in meta else None
    except (OSError, ValueError, pa.ArrowException):
        return None


def first_difference(stored: dict[str, Any], identity: dict[str, Any]) -> str | None:
    """The first key whose value differs between two identities (``None`` when equal)."""
    for key in [*identity, *(k for k in stored if k not in identity)]:
        if stored.get(key) != identity.get(key):
            return key
    return None


class OutputLock:
    """An exclusive, non-blocking ``flock`` on ``OUT.lock`` for the length of a run.

    The lock file is removed on release while the lock is still held; a run
    that opened the old file before the removal sees that its file is no
    longer the one at the path and refuses too. A run killed with ``kill -9``
    releases the lock with its process.
    """

    def __init__(self, out: Path):
        self.path = lock_path(out)
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        except OSError as exc:
            raise OutputError(self.path, "--out", f"a lock file that can be created ({exc.strerror})"
                              ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_ino != os.stat(self.path).st_ino:
                raise BlockingIOError(errno.EWOULDBLOCK, "lock file replaced")
        except OSError:
            os.close(fd)
            raise SweepError(self.path, "(lock)",
                             "no other sweep writing the same --out (another run holds this lock; "
                             "wait for it to finish)") from None
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None


def check_free_space(where: Path, rows_to_write: int, columns: int, flag: str) -> int:
    """Refuse up front a sweep whose files would not fit the free disk space; return the estimate.

    Estimate [bytes] = rows written (parts still to compute plus the final
    file) x columns x :data:`VALUE_BYTES` x :data:`ESTIMATE_SLACK`: both the
    Arrow parts and the (uncompressible, random) Parquet columns take about
    eight bytes a value.
    """
    need = int(math.ceil(rows_to_write * columns * VALUE_BYTES * ESTIMATE_SLACK))
    free = shutil.disk_usage(where).free
    if need > free:
        raise SweepError(flag, "samples",
                         f"a sweep that fits the free disk space: its files need about "
                         f"{_human(need)}, {where} has {_human(free)} free")
    return need


def _human(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1000
    return f"{n:,.1f} PB"  # pragma: no cover - the loop always returns


# --------------------------------------------------------------------------- the manifest


def write_json_atomic(path: Path, doc: dict[str, Any]) -> None:
    """Write strict JSON to ``path`` through a temporary file and :func:`os.replace`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(doc, indent=1, sort_keys=True, allow_nan=False))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_manifest(parts: Path, identity: dict[str, Any], samples: int) -> int:
    """Validate ``parts/manifest.json`` against this run's plan; return its chunk size.

    Raises
    ------
    SweepError
        Naming the manifest's key: unreadable or not JSON, another format,
        another plan (the first differing key of the identity), a chunk size
        that is not a whole number > 0, or a chunk count that does not follow
        from it. Nothing is deleted.
    """
    path = parts / "manifest.json"
    restart = "(remove the directory to start over)"
    try:
        m = strict_json(_read_small(path, MANIFEST_MAX_BYTES))
    except (OSError, ValueError):
        raise SweepError(path, "(file)", f"the manifest of an interrupted sweep {restart}") from None
    if not isinstance(m, dict):
        raise SweepError(path, "(file)", f"a JSON object {restart}")
    if m.get("format") != MANIFEST_FORMAT:
        raise SweepError(path, "format", f"{MANIFEST_FORMAT} {restart}", m.get("format"))
    stored = m.get("identity")
    if not isinstance(stored, dict):
        raise SweepError(path, "identity", f"the plan of the interrupted sweep {restart}")
    key = first_difference(stored, identity)
    if key is not None:
        raise SweepError(path, key, f"the same value in this run to resume ({identity.get(key)!r})",
                         stored.get(key))
    size = m.get("chunk_size")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 < size <= max(samples, 1):
        raise SweepError(path, "chunk_size", f"a whole number of samples in 1..{samples} {restart}",
                         size)
    if m.get("chunks") != len(chunks(samples, size)):
        raise SweepError(path, "chunks", f"{len(chunks(samples, size))} (from chunk_size {size}) "
                         f"{restart}", m.get("chunks"))
    if not isinstance(m.get("token"), str):
        raise SweepError(path, "token", f"a text token {restart}", m.get("token"))
    return size


# --------------------------------------------------------------------------- parts


def save_part(parts: Path, index: int, start: int, stop: int, digest: str, payload: pa.Buffer | bytes,
              suffix: str = "") -> None:
    """Write chunk ``index``'s Arrow bytes and then its record, each atomically.

    A part without its record (a run killed between the two) is recomputed.
    """
    final = part_path(parts, index)
    tmp = final.with_name(f".{final.name}.{os.getpid()}{suffix}.tmp")
    view = memoryview(payload)
    try:
        with open(tmp, "wb") as f:
            f.write(view)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    record = {"format": RECORD_FORMAT, "plan": digest, "index": index, "start": start, "stop": stop,
              "rows": stop - start, "bytes": len(view), "sha256": hashlib.sha256(view).hexdigest()}
    write_json_atomic(record_path(parts, index), record)


def _file_sha256(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def check_part(parts: Path, index: int, start: int, stop: int, digest: str,
               schema: pa.Schema) -> tuple[str | None, dict[str, Any] | None]:
    """Whether chunk ``index`` on disk can be used: ``(None, record)`` or ``(reason, record)``.

    A part is used only when its record is well formed and names this plan,
    this chunk index and these samples; the Arrow file's size and SHA-256
    equal the record's; and the file holds ``stop - start`` rows of the
    plan's columns numbered ``start..stop-1``. The record is returned (when
    readable and checksummed) so that the caller can tell a foreign chunk
    layout from damage.
    """
    rec_path, arrow = record_path(parts, index), part_path(parts, index)
    if not arrow.exists() and not rec_path.exists():
        return "missing", None
    try:
        rec = strict_json(_read_small(rec_path, RECORD_MAX_BYTES))
    except (OSError, ValueError):
        return "no readable record", None
    if (not isinstance(rec, dict) or set(rec) != _RECORD_KEYS or rec["format"] != RECORD_FORMAT
            or not all(isinstance(rec[k], int) and not isinstance(rec[k], bool)
                       for k in ("index", "start", "stop", "rows", "bytes"))
            or not all(isinstance(rec[k], str) for k in ("plan", "sha256"))):
        return "a malformed record", None
    try:
        if not stat.S_ISREG(os.lstat(arrow).st_mode):
            return "not a regular file", None
        sha, size = _file_sha256(arrow)
    except OSError:
        return "missing", None
    if size != rec["bytes"] or sha != rec["sha256"]:
        return "a checksum that does not match its record (damaged)", None
    if rec["plan"] != digest:
        return "computed for another sweep (seed, design, scenario or options)", None
    if rec["index"] != index:
        return f"chunk {rec['index']} copied over chunk {index}", None
    if rec["rows"] != rec["stop"] - rec["start"]:
        return "a malformed record", None
    if (rec["start"], rec["stop"]) != (start, stop):
        return "another chunk layout", rec
    try:
        with pa.memory_map(str(arrow)) as src:
            table = ipc.open_file(src).read_all()
    except (OSError, pa.ArrowException, ValueError):
        return "unreadable Arrow data", None
    if table.num_rows != stop - start or not table.schema.equals(schema, check_metadata=False):
        return "other rows or columns than its chunk", None
    if not np.array_equal(table.column("sample").to_numpy(), np.arange(start, stop)):
        return "other sample numbers than its chunk", None
    return None, rec


def remove_finished(parts: Path, count: int) -> None:
    """Remove the parts directory of a finished sweep: only the files a sweep writes there.

    Anything else found in the directory is left, and so is the directory then.
    """
    for i in range(count):
        part_path(parts, i).unlink(missing_ok=True)
        record_path(parts, i).unlink(missing_ok=True)
    (parts / "manifest.json").unlink(missing_ok=True)
    remove_temporaries(parts)
    try:
        parts.rmdir()
    except OSError:
        pass


def remove_temporaries(parts: Path) -> None:
    """Remove the temporary files of a failed run; finished parts and records stay."""
    if parts.is_dir():
        for tmp in parts.glob(".*"):
            tmp.unlink(missing_ok=True)
