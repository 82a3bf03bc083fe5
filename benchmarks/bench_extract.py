"""Speed of `plankg extract`: a 50,000-character plan drafted whole-process, against a baseline in the same run.

The plan is Jinan's text (the bundled plan's source) repeated with its numbers
continued until it is 50,000 characters long. Baseline: `python -c "import plankg"`
(interpreter start and plankg's import). Goal: the draft in at most 2 s.

Run: python benchmarks/bench_extract.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "data/jinan-digital-2021/source-text/jinan-digital-pioneer-city-plan-2021.txt"


def _run(args) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    base = TEXT.read_text(encoding="utf-8")
    text = base
    while len(text) < 50_000:
        text += "\n" + base
    text = text[:50_000]
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(text, encoding="utf-8")
        baseline = min(_run([sys.executable, "-c", "import plankg"]) for _ in range(3))
        draft = min(_run([sys.executable, "-c", "from plankg.cli import main; main()", "extract", str(plan), "--format", "turtle",
                          "-o", str(Path(folder) / f"d{i}")]) for i in range(3))
    print(f"characters: {len(text)}")
    print(f"baseline (python -c 'import plankg'): {baseline:.2f} s")
    print(f"plankg extract --format turtle: {draft:.2f} s (goal <= 2 s: {'met' if draft <= 2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
