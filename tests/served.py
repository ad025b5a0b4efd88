"""Helpers of the tests that serve the app for real: ``article6 app`` in a child process, Redis, Celery.

:func:`serve` starts ``article6 app`` on a free loopback port and waits for it;
:func:`redis` starts a private ``redis-server`` in a temporary folder;
:func:`celery_worker` starts a real Celery worker of the app's background callbacks;
:func:`view_body` builds the request the browser sends for the page's view callback.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UPDATE = "/_dash-update-component"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLE6_APP_", "ARTICLE6_CELERY"))}
    env.update(extra)
    return env


def get(url: str, timeout: float = 10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def post(url: str, body: bytes, timeout: float = 60):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_up(url: str, proc, log, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"exited {proc.returncode}: {log.read()[-3000:]!r}")
        try:
            if get(url, timeout=5)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def stop(proc, timeout: float = 30) -> None:
    """End a child started here (and wait for it)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def wait_listening(port: int, proc, log, timeout: float = 90) -> None:
    """Until the port accepts a connection (no HTTP request: no worker has served anything yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"exited {proc.returncode}: {log.read()[-3000:]!r}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"port {port} did not open in {timeout} s")


@contextlib.contextmanager
def serve(*args: str, env: dict[str, str] | None = None, untouched: bool = False):
    """``article6 app --port P *args`` in a child process; yields its base URL.

    ``untouched``: wait only for the port to listen, so the caller's first request is the
    server's first.
    """
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "article6.cli", "app", "--port", str(port), *args],
        cwd=ROOT, env=env or clean_env(), stdout=log, stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if untouched:
            wait_listening(port, proc, log)
        else:
            wait_up(url + "/_dash-dependencies", proc, log)
        yield url
    finally:
        stop(proc)
        log.close()


def redis_server() -> str | None:
    """The ``redis-server`` program, or None."""
    return shutil.which("redis-server")


@contextlib.contextmanager
def redis(folder: Path):
    """A private ``redis-server`` on a free port, its files in ``folder``; yields its URL."""
    port = free_port()
    log = open(folder / "redis.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
         "--save", "", "--appendonly", "no"],
        stdout=log, stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError((folder / "redis.log").read_text()[-2000:]) from None
                time.sleep(0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)
        log.close()


@contextlib.contextmanager
def celery_worker(broker: str, folder: Path):
    """A real Celery worker of the app's background callbacks.

    ``celery -A article6.app.worker:celery_app worker``, one process (``--pool solo``).
    """
    log = open(folder / "celery.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "article6.app.worker:celery_app", "worker",
         "--pool", "solo", "--concurrency", "1", "--loglevel", "INFO", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=folder, env=clean_env(ARTICLE6_CELERY_BROKER=broker), stdout=log, stderr=log,
    )
    try:
        deadline = time.monotonic() + 90
        while b"ready" not in (folder / "celery.log").read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "celery.log").read_text()[-3000:])
            time.sleep(0.3)
        yield proc
    finally:
        stop(proc)
        log.close()


def view_body(deps: list[dict], share: float, lang: str = "en") -> bytes:
    """The request of the page's view callback (Table 4 and the panels drawn with it)."""
    from article6.app import options, scenarios

    cb = next(d for d in deps if "table4.data" in d["output"])
    outputs = []
    for part in cb["output"].strip(".").split("..."):
        cid, prop = part.rsplit(".", 1)
        outputs.append({"id": cid, "property": prop})
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    doc["ets"]["share"] = share
    values = {"doc-store": doc, "bound": "both", "rounding": "paper", "lang": lang,
              "options-store": options.default_options(doc)}
    return json.dumps({
        "output": cb["output"],
        "outputs": outputs,
        "inputs": [{"id": i["id"], "property": i["property"], "value": values[i["id"]]}
                   for i in cb["inputs"]],
        "changedPropIds": ["doc-store.data"],
        "state": [],
    }).encode()
