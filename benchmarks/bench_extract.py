"""Speed of `plankg extract`: a 50,000-character plan drafted whole-process, against a baseline in the same run.

The plan is Jinan's text (the bundled plan's source) repeated with its numbers
continued until it is 50,000 characters long. Baseline: `python -c "import plankg"`
(interpreter start and plankg's import). Goal: the draft in at most 2 s. The
machine may be shared: the CPU time (user + system) shows what the process
itself costs, the wall-clock time what a user waits (the atomic writes wait
for the disk).

Run: python benchmarks/bench_extract.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "data/jinan-digital-2021/source-text/jinan-digital-pioneer-city-plan-2021.txt"


def _run(args) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``args``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    base = TEXT.read_text(encoding="utf-8")
    text = base
    while len(text) < 50_000:
        text += "\n" + base
    text = text[:50_000]
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(text, encoding="utf-8")
        baseline = min(_run([sys.executable, "-c", "import plankg"]) for _ in range(5))
        runs = {}
        for format_, name in (("turtle", "d{}"), ("xlsx", "d{}.xlsx")):
            runs[format_] = min(_run([sys.executable, "-c", "from plankg.cli import main; main()", "extract", str(plan),
                                      "--format", format_, "-o", str(Path(folder) / name.format(i))])
                                for i in range(5))
    print(f"characters: {len(text)} (best of 5 runs; wall-clock, and CPU user+system)")
    print(f"baseline  python -c 'import plankg'        {baseline[0]:.2f} s wall  {baseline[1]:.2f} s CPU")
    for format_, (wall, cpu) in runs.items():
        verdict = "met" if wall <= 2 else "NOT met"
        print(f"plankg extract --format {format_:<7}        {wall:.2f} s wall  {cpu:.2f} s CPU  (goal <= 2 s wall: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
