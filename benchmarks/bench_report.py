"""Benchmark ``plankg report`` on a generated corpus and on one big synthetic plan, as whole processes.

Targets (issue 11): the corpus report of 1,000 plans <= 30 s whole-process;
the report of one synthetic plan at scale 100 <= 5 s. Both are timed as whole
processes (``python -m plankg.cli report …``, output to a file), and the
report's own part apart from SHACL validation, which is another benchmark's
business (bench_validate.py): once with validation (what ``plankg report``
does) and once in a process that calls ``corpus_report``/``plan_report``
with ``validate=False``. Each case gives the best and the median wall time of
its runs, the CPU time of the whole process tree (validation's worker
processes included), the largest process's peak resident memory (as
``/usr/bin/time`` reports it), and the peak of the whole tree's resident
memory summed, sampled every 50 ms (pages a worker shares with its parent
counted twice: an upper bound).

Run: python benchmarks/bench_report.py [--plans 1000] [--scale 100] [--runs 1] [--validate]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
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


def run(argv: list[str]) -> tuple[float, float, float, float]:
    """Return the wall time (s), the tree's CPU time (s), the largest process's peak (MB) and the tree's (MB) of one run.

    Exit code 1 is accepted from ``plankg`` only (a plan breaks a shape), not from a Python script's traceback.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "peak-kb %M", *argv], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = [0]
    sampler = threading.Thread(target=_sample, args=(process, peak), daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.join(5)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in ((0, 1) if argv[2] == _CLI else (0,)):
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}): {stderr.decode(errors='replace')}")
    largest = next(line for line in stderr.decode().splitlines() if line.startswith("peak-kb "))
    return elapsed, cpu, int(largest.split()[1]) / 1024, peak[0] / 1024


def _sample(process: subprocess.Popen, peak: list[int]) -> None:
    """Keep in ``peak[0]`` the largest sum of resident memory (kB) of ``process`` and its descendants."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while process.poll() is None:
        parents, rss = {}, {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as stat:
                        fields = stat.read().rsplit(b")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry)], rss[int(entry)] = int(fields[1]), int(fields[21]) * page_kb
        tree, grown = {process.pid}, True
        while grown:
            grown = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grown = True
        peak[0] = max(peak[0], sum(rss.get(pid, 0) for pid in tree))
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--validate", action="store_true", help="also time plankg report itself (with SHACL validation)")
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
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
            runs = [run(argv) for _ in range(args.runs)]
            best = min(runs)
            rows.append((name, f"{best[0]:.1f}", f"{statistics.median(r[0] for r in runs):.1f}",
                         f"{statistics.median(r[1] for r in runs):.1f}", f"{max(r[2] for r in runs):.0f}",
                         f"{max(r[3] for r in runs):.0f}", f"<= {target:g}", "ok" if best[0] <= target else "SLOW"))
    print(f"load average (1 min): {load_at_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end; "
          f"cores: {os.cpu_count()}")
    print(table(rows, ("case", "best s", "median s", "CPU s", "peak MB (largest)", "peak MB (tree)", "target", "")))


if __name__ == "__main__":
    main()
