"""Dictionary load time, warm cache: the shipped set and (if present) PETRARCH's Phoenix set.

    python benchmarks/load_time.py [--runs 5] [--repo CHECKOUT]

Each measurement runs in a fresh process (import excluded; the compiled-dictionary cache is warmed
by a first run). Prints the median and the spread of the wall-clock time, and the median CPU time of
the process (``time.process_time``: less disturbed by other jobs on a busy machine). ``--repo``
measures another checkout's code (e.g. main, for a before/after comparison).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PHOENIX = REPO.parent / "shared" / "reference" / "petrarch" / "dictionaries"

CODE = """
import time, sys
from pathlib import Path
import eventcoder
from eventcoder.cache import load_compiled
paths = [Path(p) for p in sys.argv[1:]] or None
t, c = time.perf_counter(), time.process_time()
lex = load_compiled(paths)
print(time.perf_counter() - t, time.process_time() - c)
"""

FIRST = """
import time
import eventcoder
from eventcoder import Coder
t, c = time.perf_counter(), time.process_time()
Coder().code_text("Russian troops attacked Ukraine.", date="2022-02-24")
print(time.perf_counter() - t, time.process_time() - c)
"""


def measure(code: str, args: list[str], runs: int, repo: Path) -> list[tuple[float, float]]:
    """(wall, cpu) seconds of ``runs`` fresh processes, after one that warms the cache."""
    subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=repo, check=True)
    out = []
    for _ in range(runs):
        wall, cpu = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=repo,
                                   check=True).stdout.split()
        out.append((float(wall), float(cpu)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repo", type=Path, default=REPO, help="checkout whose code is measured (default: this one)")
    args = ap.parse_args()
    repo = args.repo.resolve()
    rows = [("default dictionaries", measure(CODE, [], args.runs, repo)),
            ("Coder() + first sentence", measure(FIRST, [], args.runs, repo))]
    if PHOENIX.is_dir():
        rows.append(("PETRARCH Phoenix set", measure(CODE, [str(PHOENIX)], args.runs, repo)))
    else:
        print(f"(Phoenix set not found at {PHOENIX}: skipped)")
    for name, times in rows:
        wall = [w for w, _ in times]
        cpu = [c for _, c in times]
        print(f"{name:<28} median {statistics.median(wall):.2f} s  (min {min(wall):.2f}, max {max(wall):.2f}, "
              f"{len(times)} runs)  CPU median {statistics.median(cpu):.2f} s")


if __name__ == "__main__":
    main()
