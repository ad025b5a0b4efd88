"""Balance a ledger of 1,000,000 actions: time against pandas.read_csv of the same file, and peak memory.

Writes a synthetic actions-layout ledger (250,000 blocks, each authorized,
issued, partly transferred and partly used; five Parties), then, each in a
fresh process so that peak memory is its own:

* baseline: ``pandas.read_csv(file)``;
* article6: load the parties file, read and check the ledger block by block,
  report every Party and run the world check (what ``article6 balance`` does).

Prints one JSON object: seconds of each (best of ``--repeat``), their ratio,
and each process's peak resident memory. Target: ratio <= 2, peak < 1 GiB.

    python benchmarks/bench_ledger.py [--actions 1000000] [--repeat 3] [--layout actions|per-unit]

``--layout per-unit`` measures the first layout instead: one row per block
(``--actions`` rows), each first transferred and used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

PARTIES = ("XAA", "XAB", "XAC", "XAD", "XAE")
PARTIES_TOML = """schema = 1
unit = "t CO2e"
sources = ["synthetic benchmark data (assumption)"]
""" + "".join(
    f"""
[parties.{p}]
method = "{'single_year_averaging' if i % 2 == 0 else 'multi_year'}"
period = [2021, 2030]
emissions = {{ 2021 = 1.0e9, 2022 = 1.0e9, 2023 = 1.0e9 }}
trajectory = {{ {', '.join(f'{y} = 1.0e9' for y in range(2021, 2031))} }}
"""
    for i, p in enumerate(PARTIES)
)


def write_ledger(path: Path, n_actions: int, seed: int = 1) -> None:
    """A synthetic actions ledger of ``n_actions`` rows (4 per block), written with pandas."""
    rng = np.random.default_rng(seed)
    nb = n_actions // 4
    host = rng.integers(0, len(PARTIES), nb)
    buyer = (host + rng.integers(1, len(PARTIES), nb)) % len(PARTIES)
    qty = rng.integers(1_000, 100_000, nb)
    part = (qty * rng.uniform(0.3, 1.0, nb)).astype(np.int64)
    used = (part * rng.uniform(0.0, 1.0, nb)).astype(np.int64) + 1
    vintage = rng.integers(2021, 2030, nb)
    day = rng.integers(1, 28, nb)
    ids = np.char.add("BLK-", np.arange(nb).astype(str))
    purpose = np.array(["NDC", "OIMP", "NDC+OIMP"])[rng.integers(0, 3, nb)]
    use_purpose = np.where(purpose == "OIMP", "OIMP", "NDC")
    p = np.array(PARTIES)

    def date(year, month):
        return [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(year, month, day, strict=True)]

    frames = [
        pd.DataFrame({"action": "authorization", "date": date(vintage - 1, np.full(nb, 3)),
                      "block": ids, "quantity": qty, "vintage": vintage, "from_party": p[host],
                      "to_party": "", "purpose": purpose, "first_transfer": ""}),
        pd.DataFrame({"action": "issuance", "date": date(vintage, np.full(nb, 6)), "block": ids,
                      "quantity": qty, "vintage": vintage, "from_party": p[host], "to_party": "",
                      "purpose": "", "first_transfer": ""}),
        pd.DataFrame({"action": "transfer", "date": date(vintage, np.full(nb, 9)), "block": ids,
                      "quantity": part, "vintage": "", "from_party": p[host], "to_party": p[buyer],
                      "purpose": "", "first_transfer": ""}),
        pd.DataFrame({"action": "use", "date": date(np.minimum(vintage + 1, 2030), np.full(nb, 2)),
                      "block": ids, "quantity": used, "vintage": "", "from_party": p[buyer],
                      "to_party": "", "purpose": use_purpose, "first_transfer": ""}),
    ]
    pd.concat(frames, ignore_index=True).to_csv(path, index=False)


def write_per_unit(path: Path, n_rows: int, seed: int = 1) -> None:
    """A synthetic per-unit ledger of ``n_rows`` blocks, written with pandas."""
    rng = np.random.default_rng(seed)
    host = rng.integers(0, len(PARTIES), n_rows)
    buyer = (host + rng.integers(1, len(PARTIES), n_rows)) % len(PARTIES)
    vintage = rng.integers(2021, 2029, n_rows)
    first = vintage + rng.integers(0, 2, n_rows)
    used = np.where(rng.random(n_rows) < 0.7, np.minimum(first + 1, 2030).astype(str), "")
    p = np.array(PARTIES)
    pd.DataFrame({
        "id": np.char.add("U-", np.arange(n_rows).astype(str)), "amount": rng.integers(1, 100_000, n_rows),
        "vintage": vintage, "first_transfer_year": first, "transferring_party": p[host],
        "acquiring_party": p[buyer], "purpose": "NDC", "year_used": used,
    }).to_csv(path, index=False)


BASELINE = "import pandas, sys; pandas.read_csv(sys.argv[1])"
ARTICLE6 = """
import sys
from article6 import ledger as L
ps = L.load_parties(sys.argv[2])
led = L.load_ledger(sys.argv[1], ps)
for iso in ps.codes:
    L.party_summary(led, ps, iso)
assert L.accounting_check(led, ps)["ok"]
"""
TIMED = """
import resource, sys, time
t0 = time.perf_counter()
exec(compile(sys.argv.pop(1), "<bench>", "exec"))
t1 = time.perf_counter()
print(t1 - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str) -> tuple[float, int]:
    """(seconds of ``code``, peak RSS in bytes) in a fresh interpreter (imports not timed)."""
    warm = "import pandas, pyarrow, numpy\nimport article6.ledger\n"
    out = subprocess.run([sys.executable, "-c", warm + TIMED, code, *args], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actions", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--layout", choices=("actions", "per-unit"), default="actions")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        led = Path(tmp) / "bench.csv"
        par = Path(tmp) / "bench.parties.toml"
        (write_ledger if a.layout == "actions" else write_per_unit)(led, a.actions)
        par.write_text(PARTIES_TOML)
        base, ours = [], []
        for _ in range(a.repeat):          # interleaved, so that both see the same machine load
            base.append(run(BASELINE, str(led)))
            ours.append(run(ARTICLE6, str(led), str(par)))
        size = led.stat().st_size
    tb, tr = min(t for t, _ in base), min(t for t, _ in ours)
    print(json.dumps({
        "layout": a.layout, "rows": a.actions, "file_bytes": size,
        "pandas_read_csv_s": round(tb, 3), "article6_balance_s": round(tr, 3),
        "ratio": round(tr / tb, 2),
        "pandas_peak_rss_mib": round(max(m for _, m in base) / 2**20, 1),
        "article6_peak_rss_mib": round(max(m for _, m in ours) / 2**20, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
