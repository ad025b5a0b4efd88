"""Writing output files atomically: a temporary file in the same folder, then :func:`os.replace`.

A reader never sees a half-written file, and an existing file is kept when
writing fails. Every command that writes a file (``export``, ``sensitivity``,
``balance``, ``sweep --plot``) goes through :func:`write_atomic`, and checks
every output with :func:`check_target` before it computes anything: an
existing file is replaced only with ``--overwrite``, and a path that is not a
regular file (a device, a FIFO, a directory) is never written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from article6.errors import OutputError


def check_target(path: str | Path | None, key: str, overwrite: bool = False) -> None:
    """Refuse an output path that cannot or may not be written, before any work is done.

    Raises
    ------
    OutputError
        When the folder does not exist, the path names something other than a
        regular file, or names an existing file and ``overwrite`` is false.
    """
    if path is None:
        return
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(p, key, "a path in an existing directory", str(parent))
    if p.is_dir():
        raise OutputError(p, key, "a file path, not a directory")
    if p.exists() or p.is_symlink():
        if not p.is_file():
            raise OutputError(p, key, "a regular file (not a device, FIFO or socket)")
        if not overwrite:
            raise OutputError(p, key, "a new file: this one exists; pass --overwrite to replace it")


def write_atomic(
    path: str | Path, write: Callable[[Path], None], key: str, overwrite: bool = False,
    tmp_dir: str | Path | None = None,
) -> Path:
    """Write a file via ``write(tmp_path)`` then :func:`os.replace`: nothing half-written.

    The temporary file keeps the target's suffix, so writers that infer the
    format from it (pandas' Excel writer) work unchanged. ``tmp_dir`` (default:
    the target's folder) must be on the same file system as the target. The
    file gets the permissions the user's umask gives a new file.

    Raises
    ------
    OutputError
        When :func:`check_target` refuses the path, or the file cannot be
        written; ``key`` names the option.
    """
    p = Path(path)
    check_target(p, key, overwrite)
    parent = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=p.suffix or ".part", dir=tmp_dir or parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, p)
    except OSError as exc:
        raise OutputError(p, key, f"a writable file ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return p
