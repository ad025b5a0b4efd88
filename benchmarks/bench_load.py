"""Load test of the app's Table 4 callback under waitress, on loopback.

Starts ``article6 app`` (waitress, its default 8 threads) on a free port of
127.0.0.1 in a separate process, then drives ``POST /_dash-update-component``
for the Table 4 panel's callback (it computes the page's whole view: the comparison
with every submitted path, Tables 3 and 4 and the frames behind the figures, which
the other panels then reuse) from 50 concurrent
clients, each request with a different ETS share so nothing can be served from
a cache. Phases, all in the same run:

1. ``single``: one client, back to back: the service time of one recompute;
2. ``baseline``: 50 clients on a trivial endpoint of the same server
   (``GET /_favicon.ico``): what the server and the clients cost by themselves;
3. ``saturate``: 50 clients, no think time: throughput and queueing;
4. ``paced``: 50 clients, each sending one recompute every ``--think`` seconds
   (a room of negotiators editing inputs).

Reports requests served, errors (must be 0) and p50/p95 latency per phase, and
the ratios against the single-client and baseline phases. Exit status 1 if any
request failed.

    .venv/bin/python benchmarks/bench_load.py [--seconds 20] [--clients 50] [--think 1.0]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/_dash-dependencies")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def recompute_payload(port: int):
    """The Table 4 panel's request body, built from the app's own /_dash-dependencies."""
    from article6.app import options, scenarios

    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/_dash-dependencies")
    deps = json.loads(c.getresponse().read())
    cb = next(d for d in deps if "table4.data" in d["output"])
    outputs = []
    for part in cb["output"].strip(".").split("..."):
        cid, prop = part.rsplit(".", 1)
        outputs.append({"id": cid, "property": prop})
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)

    def body(share: float) -> bytes:
        d = json.loads(json.dumps(doc))
        d["ets"]["share"] = share
        values = {"doc-store": d, "bound": "both", "rounding": "paper", "lang": "en",
                  "options-store": options.default_options(d)}
        return json.dumps(
            {
                "output": cb["output"],
                "outputs": outputs,
                "inputs": [
                    {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
                    for i in cb["inputs"]
                ],
                "changedPropIds": ["doc-store.data"],
                "state": [],
            }
        ).encode()

    return body


def run_phase(port: int, clients: int, seconds: float, request, think: float = 0.0) -> dict:
    """``clients`` threads, each with a keep-alive connection, for ``seconds``."""
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if think:
            time.sleep(rng.uniform(0, think))  # spread the first requests
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            try:
                method, path, body = request(rng)
                conn.request(
                    method,
                    path,
                    body=body,
                    headers={"Content-Type": "application/json"} if body else {},
                )
                r = conn.getresponse()
                data = r.read()
                ok = r.status == 200 and (body is None or b"table4" in data)
                err = None if ok else f"HTTP {r.status}: {data[:120]!r}"
            except (OSError, http.client.HTTPException) as exc:
                err = repr(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            dt = time.perf_counter() - t0
            with lock:
                (errors.append(err) if err else lat.append(dt))
            if think:
                time.sleep(max(0.0, think - dt))
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    lat.sort()

    def pct(p: float) -> float:
        return 1000 * lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")

    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "served": len(lat),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "rps": round(len(lat) / wall, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "mean_ms": round(1000 * statistics.fmean(lat), 1) if lat else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument(
        "--think", type=float, default=1.0, help="seconds between a paced client's requests"
    )
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = ap.parse_args()

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLE6_APP_")}
    log = tempfile.TemporaryFile()  # never a pipe: a full pipe would stall the server
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "article6.cli",
            "app",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        wait_up(port)
        body = recompute_payload(port)

        def recompute(rng):
            return "POST", "/_dash-update-component", body(round(rng.uniform(0.5, 0.8), 4))

        def trivial(rng):
            return "GET", "/_favicon.ico", None

        run_phase(port, 2, 2.0, recompute)  # warm-up
        phases = {
            "single": run_phase(port, 1, min(args.seconds, 5.0), recompute),
            "baseline": run_phase(port, args.clients, min(args.seconds, 5.0), trivial),
            "saturate": run_phase(port, args.clients, args.seconds, recompute),
            "paced": run_phase(port, args.clients, args.seconds, recompute, think=args.think),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    single, base = phases["single"]["p50_ms"], phases["baseline"]["p95_ms"]
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": _cpu_model(),
        },
        "server": f"waitress, {args.threads} threads, 127.0.0.1",
        "phases": phases,
        "ratios": {
            "saturate_p95_over_single_p50": round(phases["saturate"]["p95_ms"] / single, 1),
            "paced_p95_over_single_p50": round(phases["paced"]["p95_ms"] / single, 1),
            "saturate_p95_over_baseline_p95": round(phases["saturate"]["p95_ms"] / base, 1),
        },
        "target": "p95 of a full recompute < 100 ms",
    }
    print(json.dumps(report, indent=2))
    return 1 if any(p["errors"] for p in phases.values()) else 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    sys.exit(main())
