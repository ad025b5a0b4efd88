"""Time and memory to answer hostile scenario files at the size limit, against a plain scenario.

Each case runs in a fresh process: the scenario loader is imported and warmed
up on the paper's scenario, then one file is loaded (or refused) as the command
line and the app's upload read it. Reported per case, all in the same run:

* seconds to answer, and the ratio to loading the paper's scenario (the baseline);
* the peak of memory allocated while answering (MB, ``tracemalloc``, in a
  second run so that tracing does not slow the timed one), and the baseline's.

The files: a megabyte of dotted keys (``a.a.a...``, which unbounded made the
server grow to gigabytes), of nested arrays, of keys, of array items, of
comments, one megabyte-long string, a 5,000-digit integer.

    .venv/bin/python benchmarks/bench_hostile.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from article6.schema.scenario import MAX_FILE_BYTES  # noqa: E402

HEAD = ('schema = 1\n[scenario]\nid = "bench"\nunit = "Mt CO2e"\nperiod = [2021, 2023]\n'
        '[trajectory]\nvalues = { 2021 = 100, 2022 = 90, 2023 = 80 }\n')
FILL = MAX_FILE_BYTES - len(HEAD) - 100


def cases() -> dict[str, str]:
    """Name -> file text, each at most the size limit."""
    return {
        "dotted keys": HEAD + "[assumptions]\n" + "a." * (FILL // 2) + "a = 1\n",
        "nested arrays": HEAD + "[assumptions]\nx = " + "[" * (FILL // 2) + "]" * (FILL // 2) + "\n",
        "keys": HEAD + "[assumptions]\n" + "".join(f"k{i:06d} = 0\n" for i in range(FILL // 12)),
        "array items": HEAD + "[assumptions]\nx = [" + "0," * (FILL // 2) + "]\n",
        "comments": HEAD + "#\n" * (FILL // 2),
        "long string": HEAD + '[assumptions]\nnote = "' + "a" * FILL + '"\n',
        "5000-digit integer": HEAD + "[ndc]\nsink = " + "9" * 5000 + "\n",
    }


PROBE = textwrap.dedent("""
    import json, sys, time, tracemalloc
    from article6.schema.scenario import load_scenario
    from article6 import errors as E
    load_scenario("kor-2018-roadmap")
    trace = sys.argv[2] == "trace"
    if trace:
        tracemalloc.start()
    t = time.perf_counter()
    try:
        load_scenario(sys.argv[1]); outcome = "loaded"
    except E.InputError as exc:
        outcome = str(exc).split(": ", 1)[1][:70]
    dt = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if trace else None
    print(json.dumps({"seconds": dt, "peak_mb": peak, "outcome": outcome}))
""")


def probe(path: str, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, path, mode], capture_output=True, text=True,
                         check=True, timeout=600)
    return json.loads(out.stdout)


def best(path: str, repeat: int) -> dict:
    runs = [probe(path, "time") for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"peak_mb": probe(path, "trace")["peak_mb"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per case; the fastest is kept")
    args = ap.parse_args()
    paper = str(ROOT / "data" / "scenarios" / "kor-2018-roadmap.toml")
    base = best(paper, args.repeat)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"baseline (the paper's scenario): {base['seconds'] * 1e3:.1f} ms, "
          f"peak {base['peak_mb']:.2f} MB")
    print(f"{'case':<20}{'bytes':>11}{'seconds':>9}{'x base':>8}{'peak MB':>9}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            path = Path(tmp) / "case.toml"
            path.write_text(text)
            r = best(str(path), args.repeat)
            print(f"{name:<20}{path.stat().st_size:>11,}{r['seconds']:>9.3f}"
                  f"{r['seconds'] / base['seconds']:>8.0f}{r['peak_mb']:>9.1f}  {r['outcome']}")


if __name__ == "__main__":
    main()
