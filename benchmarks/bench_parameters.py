"""Benchmark what finding a query's parameters costs the commands that list or run named queries.

Parameters are read from rdflib's parse tree (plankg.sparql.params), which
costs ~0.6 s of imports and grammar copying and 20-150 ms per query; the
result is kept on disk by query text (plankg.sparql.parsecache). Timed as
whole processes, median of --runs after one warm-up run:

* with the cache warm (the usual case: every run after the first);
* with no cache (``PLANKG_CACHE_DIR=`` empty), what every process would pay
  without it, and what the first run after a query changes pays.

Compare with the code before the change by pointing PYTHONPATH at its src/.

Run: python benchmarks/bench_parameters.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import plankg_cli, table, time_process  # noqa: E402

COMMANDS = [["queries"], ["query", "plans"], ["query", "targets-by-year", "-p", "year=2025"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        for label, folder in (("warm cache", cache), ("no cache", "")):
            os.environ["PLANKG_CACHE_DIR"] = folder
            for command in COMMANDS:
                median = time_process([plankg_cli(), *command], runs)
                rows.append([" ".join(["plankg", *command]), label, f"{median:.3f}"])
    print(f"whole process, median of {runs} runs after one warm-up (seconds)")
    print(table(rows, ["command", "parameters", "median s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
