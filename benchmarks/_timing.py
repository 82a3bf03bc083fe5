"""Timing helpers shared by the benchmark scripts: medians of whole processes."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def plankg_cli() -> str:
    """The ``plankg`` command of the running Python's environment."""
    return shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))


def time_process(argv: Sequence[str], runs: int, *, stdin: bytes | None = None) -> float:
    """Return the median wall time in seconds of running ``argv`` ``runs`` times.

    The first run warms the file cache and is not counted. A failing command
    stops the benchmark.
    """
    samples = []
    for index in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        if index:
            samples.append(elapsed)
    return statistics.median(samples)


def time_call(function: Callable[[], object], runs: int) -> float:
    """Return the median wall time in seconds of ``function()`` over ``runs`` calls (after one warm-up)."""
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """Format rows as an aligned plain-text table."""
    cells = [list(map(str, header))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
