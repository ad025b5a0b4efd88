"""Wall time of `import article6` + `article6 reproduce` against `python -c "import pandas, pint"`.

Both are fresh interpreters, timed the same way in the same run; the figure is the ratio of
their medians. Run: `.venv/bin/python benchmarks/bench_import.py [--repeat 7]`.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import pandas, pint"]
SUBJECT = [sys.executable, "-c",
           "import sys, article6; from article6.cli import main; sys.exit(main(['reproduce']))"]


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    n = ap.parse_args().repeat
    timed(BASELINE), timed(SUBJECT)  # warm the file cache
    base, subj = [], []
    for _ in range(n):  # interleave so drift hits both
        base.append(timed(BASELINE))
        subj.append(timed(SUBJECT))
    b, s = statistics.median(base), statistics.median(subj)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, cpus={__import__('os').cpu_count()}")
    print(f"baseline  python -c 'import pandas, pint'       median {b * 1000:7.1f} ms over {n}")
    print(f"subject   import article6 + article6 reproduce  median {s * 1000:7.1f} ms over {n}")
    print(f"ratio     {s / b:.2f}x")


if __name__ == "__main__":
    main()
