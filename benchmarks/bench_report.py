"""Benchmark ``plankg report`` on a generated corpus and on one big synthetic plan, as whole processes.

Targets (issue 11): the corpus report of 1,000 plans <= 30 s whole-process;
the report of one synthetic plan at scale 100 <= 5 s. Both are timed as whole
processes (``python -m plankg.cli report …``, output to a file), and the
report's own part apart from SHACL validation, which is another benchmark's
business (bench_validate.py): once with validation (what ``plankg report``
does) and once in a process that calls ``corpus_report``/``plan_report``
with ``validate=False``. Peak memory is the child processes' maximum resident
set size, as ``/usr/bin/time`` reports it.

Run: python benchmarks/bench_report.py [--plans 1000] [--scale 100] [--runs 1] [--validate]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import table  # noqa: E402
from synthetic import write_synthetic_corpus, write_synthetic_plan  # noqa: E402

_NO_VALIDATION = """
import sys, datetime, plankg
kg = plankg.load([sys.argv[1]])
report = plankg.plan_report(kg, today=datetime.date(2026, 11, 27), validate=False, sections=sys.argv[2] != "summary")
open(sys.argv[3], "w", encoding="utf-8").write(report.to_json())
"""


_CLI = "from plankg.cli import main; main()"


def run(argv: list[str]) -> tuple[float, float]:
    """Return the wall time (s) and the peak resident memory (MB) of one process, by ``/usr/bin/time``."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "peak-kb %M", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    peak = next(line for line in done.stderr.decode().splitlines() if line.startswith("peak-kb "))
    return elapsed, int(peak.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--validate", action="store_true", help="also time plankg report itself (with SHACL validation)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_synthetic_corpus(Path(tmp) / "corpus", plans=args.plans, seed=0, broken=min(8, args.plans))
        plan = write_synthetic_plan(Path(tmp) / "plan", scale=args.scale)
        out = str(Path(tmp) / "out.json")
        cases = [
            (f"corpus of {args.plans} (summary, no sections), no validation", 30.0,
             [sys.executable, "-c", _NO_VALIDATION, str(corpus), "summary", out]),
            (f"one plan at scale {args.scale}, no validation", 5.0,
             [sys.executable, "-c", _NO_VALIDATION, str(plan), "sections", out]),
        ]
        if args.validate:
            cases += [
                (f"plankg report, corpus of {args.plans}", 30.0,
                 [sys.executable, "-c", _CLI, "report", str(corpus), "--format", "json", "-o", out]),
                (f"plankg report, one plan at scale {args.scale}", 5.0,
                 [sys.executable, "-c", _CLI, "report", str(plan), "--format", "json", "-o", out]),
            ]
        for name, target, argv in cases:
            times = [run(argv) for _ in range(args.runs)]
            best = min(times)
            rows.append((name, f"{best[0]:.1f}", f"{best[1]:.0f}", "-" if target is None else f"<= {target:g}",
                         "-" if target is None else ("ok" if best[0] <= target else "SLOW")))
    print(table(rows, ("case", "seconds", "peak MB", "target", "")))


if __name__ == "__main__":
    main()
