"""Benchmark ``plankg validate`` on the bundled plan as a whole process.

Target: median <= 1.0 s. The baselines, timed in the same run: a bare Python
start, and a process that only imports pySHACL (the floor any pySHACL-based
validator pays).

Run: python benchmarks/bench_validate.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table, time_process  # noqa: E402

TARGET = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    plankg = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    python = sys.executable
    rows = []
    bare = time_process([python, "-c", "pass"], args.runs)
    floor = time_process([python, "-c", "import pyshacl"], args.runs)
    validate = time_process([plankg, "validate"], args.runs)
    rows.append(["python -c pass", f"{bare:.3f}", f"{bare / floor:.2f}"])
    rows.append(["python -c 'import pyshacl' (baseline)", f"{floor:.3f}", "1.00"])
    rows.append(["plankg validate", f"{validate:.3f}", f"{validate / floor:.2f}"])
    print(f"median of {args.runs} runs, seconds; ratio against importing pyshacl")
    print(table(rows, ["command", "median s", "ratio"]))
    verdict = "OK" if validate <= TARGET else "OVER TARGET"
    print(f"plankg validate: {validate:.3f} s (target <= {TARGET} s): {verdict}")
    return 0 if validate <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
