"""Benchmark every ``plankg analyze`` subcommand whole-process, at two scales, in one run.

Goals (issue 11, a single plan): every analysis at scale 100 of the synthetic
plan (2,500 tasks) takes <= 2 s whole-process and <= 500 MB peak memory, and
grows at most x12 from scale 10 to scale 100 (linear within noise).

Each subcommand (dependencies, dependencies --asserted-only, coverage, places,
path) runs as ``plankg analyze ... --format F PLAN`` in a process of its own,
once to warm the file cache and then --runs times; the table gives the median
wall time, the median CPU time (user + system; on a machine shared with other
work the wall time waits for a core, the CPU time does not), and the largest
peak resident memory of the runs (``ru_maxrss`` of that process, from
``wait4``). The growth is the median at the large scale over the median at the
small one, with the exponent ``log(growth) / log(scale ratio)`` (1 is linear).

Run: python benchmarks/bench_analysis.py [--scales 10 100] [--runs 3] [--formats table json]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import table  # noqa: E402
from synthetic import BASE, write_synthetic_plan  # noqa: E402

SECONDS, MEGABYTES, GROWTH = 2.0, 500, 12.0


def subcommands(scale: int) -> dict[str, list[str]]:
    """The analyses to time, as ``plankg analyze`` arguments, by name."""
    return {
        "dependencies": ["dependencies"],
        "dependencies --asserted-only": ["dependencies", "--asserted-only"],
        "coverage": ["coverage", "--today", "2026-11-27"],
        "places": ["places"],
        "path": ["path", BASE + "place/b0-town-1", BASE + f"task/{25 * scale:04d}"],
    }


def run_once(argv: list[str]) -> tuple[float, float, int]:
    """Run ``argv``; return its wall time, CPU time (s) and peak resident memory (KB)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    error = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({child.returncode}): {error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(argv: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU time over ``runs`` runs after a warm-up, and the largest peak memory (KB)."""
    run_once(argv)
    samples = [run_once(argv) for _ in range(runs)]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs=2, default=[10, 100], metavar=("SMALL", "LARGE"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=["table", "json"], choices=["table", "json", "text", "csv"])
    args = parser.parse_args()
    small, large = args.scales
    plankg = shutil.which("plankg") or sys.exit("plankg is not on PATH (pip install -e .)")
    rows, ok = [], True
    with tempfile.TemporaryDirectory() as tmp:
        folders = {s: write_synthetic_plan(Path(tmp) / f"scale-{s}", scale=s) for s in (small, large)}
        for name in subcommands(small):
            for fmt in args.formats:
                found = {}
                for scale in (small, large):
                    argv = [plankg, "analyze", *subcommands(scale)[name], "--format", fmt, str(folders[scale])]
                    found[scale] = measure(argv, args.runs)
                (wall_s, cpu_s, _), (wall_l, cpu_l, peak_l) = found[small], found[large]
                growth = wall_l / wall_s
                exponent = math.log(growth) / math.log(large / small)
                verdict = wall_l <= SECONDS and peak_l / 1024 <= MEGABYTES and growth <= GROWTH
                ok &= verdict
                rows.append([f"{name} --format {fmt}", f"{wall_s:.2f}", f"{wall_l:.2f}", f"{cpu_s:.2f}",
                             f"{cpu_l:.2f}", f"x{growth:.1f}", f"{exponent:.2f}", f"{found[small][2] / 1024:.0f}",
                             f"{peak_l / 1024:.0f}", "OK" if verdict else "OVER"])
    print(f"plankg analyze, whole process, synthetic plan at scales {small} and {large} "
          f"({25 * small} and {25 * large} tasks); median of {args.runs} runs after a warm-up")
    print(table(rows, ["analysis", f"wall s @{small}", f"wall s @{large}", f"cpu s @{small}", f"cpu s @{large}",
                       "growth (wall)", "exponent", f"peak MB @{small}", f"peak MB @{large}",
                       f"<= {SECONDS:g} s, {MEGABYTES} MB, x{GROWTH:g}"]))
    print("\nall within the goals" if ok else "\nsome analyses are OVER a goal (wall time, memory or growth)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
