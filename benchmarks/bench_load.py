"""A negotiating room on the app: many delegates, each changing one input per second.

Starts ``article6 app --workers W`` on a free port of 127.0.0.1 in a separate
process, then:

1. **captures** what a real browser sends when one input changes: headless
   Chromium opens the page, types a new low ETS share, and every
   ``POST /_dash-update-component`` that follows is recorded with its timing
   (the callbacks that fire for that change, in the stages the browser sends
   them: the state callback first, then every panel at once);
2. **replays** that interaction from an asyncio load generator (aiohttp; one
   process, separate from the server; each delegate a session with at most 6 keep-alive
   connections, as a browser): each client
   is a delegate sending one interaction every ``--think`` seconds (paced) or
   back to back, each time with another ETS share, the browser's bodies with the
   value replaced. ``--values room`` draws it from the 0.01 steps between 0.40 and
   0.69 (what delegates type), ``--values unique`` never repeats one (nothing can
   be answered from a cache);
3. measures, in this process, the **server time per interaction** (the same
   bodies through the app's WSGI handler, no network), for a question asked
   before and for a new one.

Phases, all in one run: ``single`` (1 client back to back: its p50 is the unit
of every ratio), ``trivial`` (the largest paced load on ``GET /_favicon.ico``
with the same number of requests: what the generator and the HTTP stack cost by
themselves), ``paced`` for 1, 50 and ``--clients`` delegates, and
``back-to-back`` (50 clients, no think time). Per phase: interactions and
requests served, errors, p50 and p95 of the interaction's latency (first request
sent to last reply read), throughput, and each figure as a ratio to the single
client's p50. Exit status 1 if any request failed.

    .venv/bin/python benchmarks/bench_load.py [--clients 200] [--seconds 10] [--workers 2]
        [--threads 4] [--values room|unique] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
ENDPOINT = "/_dash-update-component"
#: The low ETS share typed in the captured interaction (replaced in every replayed body).
MARKER = "0.61237"
ROOM_VALUES = [f"{v / 100:.2f}" for v in range(40, 70)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, threads: int):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLE6_APP_", "ARTICLE6_CELERY"))}
    log = tempfile.TemporaryFile()  # never a pipe: a full pipe would stall the server
    cmd = [sys.executable, "-m", "article6.cli", "app", "--port", str(port),
           "--workers", str(workers), "--threads", str(threads)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-dependencies", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    log.seek(0)
    raise SystemExit(f"server did not start: {log.read()[-2000:]!r}")


# --------------------------------------------------------------------------- capture


def capture(url: str) -> list[list[str]]:
    """The request bodies one input change makes a real browser send, grouped in stages."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import browser_available, pytest_setup_options
    from selenium import webdriver
    from selenium.webdriver.common.keys import Keys

    if not browser_available():
        raise SystemExit("bench_load.py captures a real browser's requests: install chromium and "
                         "chromium-driver (see tests/browser_support.py)")
    opts = pytest_setup_options()
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=opts)
    try:
        driver.get(url)
        _wait(lambda: "Cumulative" in driver.execute_script(
            "var t = document.getElementById('table4'); return t ? t.innerText : '';"))
        _wait(lambda: "N = " in driver.execute_script(
            "var t = document.getElementById('dist-status'); return t ? t.innerText : '';"))
        time.sleep(1.0)
        driver.get_log("performance")  # drop the page load's requests
        box = driver.find_element("css selector", "#ets_share-low")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
        box.send_keys(MARKER, Keys.ENTER)
        seen: dict[str, dict] = {}
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 2.0:  # until no request for 2 s
            for entry in driver.get_log("performance"):
                msg = json.loads(entry["message"])["message"]
                p = msg.get("params", {})
                if msg["method"] == "Network.requestWillBeSent" and ENDPOINT in p["request"]["url"]:
                    seen[p["requestId"]] = {"t0": p["timestamp"], "body": p["request"].get("postData")}
                    quiet_since = time.monotonic()
                elif msg["method"] == "Network.loadingFinished" and p.get("requestId") in seen:
                    seen[p["requestId"]]["t1"] = p["timestamp"]
            time.sleep(0.2)
    finally:
        driver.quit()
    reqs = sorted(seen.values(), key=lambda r: r["t0"])
    if not reqs or any(MARKER not in r["body"] for r in reqs[:1]):
        raise SystemExit("captured no request carrying the typed value")
    stages: list[list[dict]] = []
    for r in reqs:  # a request sent after a reply of the current stage arrived starts the next stage
        if not stages or r["t0"] >= min(x.get("t1", float("inf")) for x in stages[-1]):
            stages.append([])
        stages[-1].append(r)
    return [[r["body"] for r in stage] for stage in stages]


def _wait(cond, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.2)
    raise SystemExit("the page did not show Table 4 and the distribution")


# --------------------------------------------------------------------------- replay


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


async def _phase(url, stages, clients, seconds, think, values, trivial=False) -> dict:
    lat: list[float] = []
    errors: list[str] = []
    requests = 0
    stop = time.monotonic() + seconds
    json_type = {"Content-Type": "application/json"}

    async def delegate(k: int) -> None:
        nonlocal requests
        rng = random.Random(k)
        # one browser per delegate: its own keep-alive connections, at most 6 to the host
        conn = aiohttp.TCPConnector(limit=6)
        async with aiohttp.ClientSession(url, connector=conn, timeout=aiohttp.ClientTimeout(60)) as http:

            async def one(body: str) -> None:
                nonlocal requests
                if trivial:
                    r = await http.get("/_favicon.ico")
                else:
                    r = await http.post(ENDPOINT, data=body.encode(), headers=json_type)
                async with r:
                    await r.read()
                    requests += 1
                    if r.status not in (200, 204):
                        raise RuntimeError(f"HTTP {r.status}")

            if think:
                await asyncio.sleep(rng.uniform(0, think))  # delegates do not act in step
            while time.monotonic() < stop:
                value = values(rng)
                t0 = time.perf_counter()
                try:
                    for stage in stages:
                        await asyncio.gather(*(one(b.replace(MARKER, value)) for b in stage))
                    lat.append(time.perf_counter() - t0)
                except (TimeoutError, aiohttp.ClientError, RuntimeError) as exc:
                    errors.append(repr(exc)[:200])
                dt = time.perf_counter() - t0
                if think:
                    await asyncio.sleep(max(0.0, think - dt))

    t0 = time.monotonic()
    await asyncio.gather(*(delegate(k) for k in range(clients)))
    wall = time.monotonic() - t0
    return {
        "clients": clients,
        "think_s": think,
        "seconds": round(wall, 1),
        "interactions": len(lat),
        "requests": requests,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "interactions_per_s": round(len(lat) / wall, 1),
        "requests_per_s": round(requests / wall, 1),
        "p50_ms": round(1000 * pct(lat, 0.50), 2),
        "p95_ms": round(1000 * pct(lat, 0.95), 2),
    }


def phase(url, stages, clients, seconds, think, values, trivial=False) -> dict:
    return asyncio.run(_phase(url, stages, clients, seconds, think, values, trivial))


# --------------------------------------------------------------------------- server time


def server_time(stages: list[list[str]], repeats: int = 30) -> dict:
    """Median server time of one interaction through the app's WSGI handler (no network).

    ``asked_before``: the same question again (answered from the process's caches);
    ``new_question``: a share never asked before in this process.
    """
    sys.path.insert(0, str(ROOT))
    from article6.app.main import create_app

    client = create_app(None, background=False).server.test_client()
    bodies = [b for stage in stages for b in stage]

    def once(value: str) -> float:
        t0 = time.perf_counter()
        for b in bodies:
            r = client.post(ENDPOINT, data=b.replace(MARKER, value), content_type="application/json")
            if r.status_code not in (200, 204):
                raise SystemExit(f"in-process replay failed: HTTP {r.status_code}")
        return time.perf_counter() - t0

    once("0.5")
    again = [once("0.5") for _ in range(repeats)]
    rng = random.Random(1)
    new = [once(f"{rng.uniform(0.40, 0.69):.7f}") for _ in range(repeats)]
    return {
        "requests_per_interaction": len(bodies),
        "asked_before_ms": round(1000 * statistics.median(again), 2),
        "new_question_ms": round(1000 * statistics.median(new), 2),
    }


# --------------------------------------------------------------------------- report


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table(report: dict) -> str:
    unit = report["phases"]["single"]["p50_ms"]
    lines = [
        "| phase | clients | interactions | requests | errors | p50 ms | p95 ms | interactions/s "
        "| p50 / single p50 | p95 / single p50 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, p in report["phases"].items():
        lines.append(
            f"| {name} | {p['clients']} | {p['interactions']} | {p['requests']} | {p['errors']} "
            f"| {p['p50_ms']} | {p['p95_ms']} | {p['interactions_per_s']} "
            f"| {p['p50_ms'] / unit:.2f} | {p['p95_ms'] / unit:.2f} |"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200, help="delegates in the largest paced phase")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    ap.add_argument("--think", type=float, default=1.0, help="seconds between a paced delegate's changes")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker process")
    ap.add_argument("--values", choices=("room", "unique"), default="room")
    ap.add_argument("--json", action="store_true", help="print the report as JSON only")
    args = ap.parse_args()

    if args.values == "room":
        def values(rng):
            return rng.choice(ROOM_VALUES)
    else:
        def values(rng):
            return f"{rng.uniform(0.40, 0.69):.9f}"

    load_before = os.getloadavg()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, args.threads)
    try:
        stages = capture(url + "/")
        phase(url, stages, 4, 2.0, 0.0, values)  # warm-up
        short = min(args.seconds, 5.0)
        phases = {"single": phase(url, stages, 1, short, 0.0, values)}
        phases["trivial"] = phase(url, stages, args.clients, short, args.think, values, trivial=True)
        for n in sorted({1, min(50, args.clients), args.clients}):
            phases[f"paced-{n}"] = phase(url, stages, n, args.seconds, args.think, values)
        b2b = min(50, args.clients)
        phases[f"back-to-back-{b2b}"] = phase(url, stages, b2b, args.seconds, 0.0, values)
    finally:
        server.terminate()
        server.wait(timeout=30)
    unit = phases["single"]["p50_ms"]
    for p in phases.values():
        p["p50_over_single_p50"] = round(p["p50_ms"] / unit, 2)
        p["p95_over_single_p50"] = round(p["p95_ms"] / unit, 2)
    report = {
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load_before],
        },
        "server": f"article6 app --workers {args.workers} --threads {args.threads}, 127.0.0.1",
        "values": args.values,
        "interaction": {"stages": [len(s) for s in stages]},
        "server_time": server_time(stages),
        "phases": phases,
        "target": f"paced-{args.clients}: p95 < 50 ms, no errors",
    }
    print(json.dumps(report, indent=2))
    if not args.json:
        print()
        print(table(report))
    return 1 if any(p["errors"] for p in phases.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
