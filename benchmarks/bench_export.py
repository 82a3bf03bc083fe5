"""Benchmark ``plankg.export``: every format at two sizes of the synthetic plan, and a 10,000-node page.

Goals (issue 11): the growth of each format's export time from scale 10 to
scale 100 (benchmarks/synthetic.py; ten times the data) is at most x12, i.e.
linear within noise; ``plankg export PLAN --format html -o x.html`` at scale
100, whole process (start-up, loading the files, queries, layout, writing),
takes at most 3 s; a plan of more than 10,000 nodes exports to a page that
stays usable (checked in Chromium by tests/export/test_html_large.py; here
its export time and file size).

In process, each format's median is taken over ``--runs`` exports after one
warm-up; the plans are loaded and their engines warmed before timing, so the
numbers are queries, layout and writer. Whole-process times are medians of
``--runs`` runs of the command after one warm-up run. Both are given as CPU
seconds (user + system, every thread: Oxigraph's query threads included),
which a machine shared with other work does not inflate the way it does wall
time, and as wall seconds; growth is judged on CPU seconds. The anchor, timed
in the same run, is the bundled plans' export (same formats).

Run: python benchmarks/bench_export.py [--runs 3] [--scales 10 100] [--large 113] [--view all]
"""

from __future__ import annotations

import argparse
import math
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table
from synthetic import write_synthetic_plan

GROWTH = 12.0
WHOLE_HTML = 3.0


def cpu_call(function, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (every thread of this process) of ``function()``, after one warm-up."""
    function()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def cpu_process(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (user + system of the child) of running ``argv``, after one warm-up."""
    walls, cpus = [], []
    for index in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode:
            sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        if index:
            walls.append(elapsed)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _cli(*args: str) -> list[str]:
    plankg = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    return [plankg, *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measurement (after one warm-up)")
    parser.add_argument("--scales", type=int, nargs=2, default=[10, 100], metavar=("SMALL", "LARGE"),
                        help="the synthetic plan's two sizes, in Kunshans")
    parser.add_argument("--large", type=int, default=113, help="the scale of the 10,000-node page (113: 10,062 nodes)")
    parser.add_argument("--view", default="all", choices=["all", "structure", "places", "dependencies"])
    parser.add_argument("--formats", nargs="*", help="only these formats (default: every one)")
    args = parser.parse_args()

    import plankg
    from plankg.exports import ExportFormat, export

    formats = [ExportFormat.parse(f) for f in args.formats] if args.formats else list(ExportFormat)
    small, large = args.scales
    with tempfile.TemporaryDirectory(prefix="plankg-bench-export-") as tmp:
        folder = Path(tmp)
        folders = {scale: write_synthetic_plan(folder / f"plan-{scale}", scale=scale) for scale in (small, large)}
        plans = {"bundled": plankg.load(), **{scale: plankg.load([path]) for scale, path in folders.items()}}
        for kg in plans.values():
            kg.sparql("ASK {}")  # parse the files and fill the store once, before timing
        rows, worst = [], 0.0
        for fmt in formats:
            view = "all" if (fmt.is_rdf or fmt.is_workbook) else args.view
            wall, cpu = {}, {}
            for name, kg in plans.items():
                out = folder / f"out-{name}"
                out.mkdir(exist_ok=True)
                wall[name], cpu[name] = cpu_call(
                    lambda kg=kg, out=out, fmt=fmt, view=view: export(kg, fmt, out, view=view), args.runs)
            growth = cpu[large] / cpu[small]
            worst = max(worst, growth)
            rows.append([
                fmt.value, f"{cpu['bundled']:.3f}", f"{cpu[small]:.3f}", f"{cpu[large]:.3f}",
                f"x{growth:.1f}", f"{math.log10(growth) / math.log10(large / small):.2f}",
                f"{wall[small]:.2f} / {wall[large]:.2f}", "ok" if growth <= GROWTH else "OVER",
            ])
        html_runs = {}
        for scale, path in folders.items():
            out = folder / f"whole-{scale}.html"
            html_runs[scale] = cpu_process(_cli("export", str(path), "--format", "html", "-o", str(out)), args.runs)
        big = write_synthetic_plan(folder / "plan-large", scale=args.large)
        page = folder / "large.html"
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        result = export(plankg.load([big]), "html", page, view=args.view)
        in_process = (time.perf_counter() - wall_start, time.process_time() - cpu_start)
        whole_large = cpu_process(_cli("export", str(big), "--format", "html", "-o", str(page)), 1)
        size = page.stat().st_size

    print(f"plankg export, in process, median of {args.runs} runs, CPU seconds (wall seconds), view {args.view!r}")
    print(table(rows, ["format", "bundled cpu", f"scale {small} cpu", f"scale {large} cpu", "growth", "exponent",
                       f"wall {small} / {large}", f"growth <= x{GROWTH:g}"]))
    print(f"\nworst growth from scale {small} to {large} (CPU): x{worst:.1f} (goal <= x{GROWTH:g})")
    print(f"\nwhole process, `plankg export PLAN --format html -o x.html`, median of {args.runs} runs:")
    for scale, (wall, cpu) in html_runs.items():
        print(f"  scale {scale}: {cpu:.2f} s CPU ({wall:.2f} s wall)")
    verdict = "ok" if html_runs[large][1] <= WHOLE_HTML else "OVER"
    print(f"  goal at scale {large}: <= {WHOLE_HTML:g} s: {verdict} (CPU)")
    print(f"\n{result.nodes:,}-node page (scale {args.large}, {result.edges:,} edges): {size / 1e6:.1f} MB; "
          f"export in process (loading included) {in_process[1]:.2f} s CPU ({in_process[0]:.2f} s wall); "
          f"whole process {whole_large[1]:.2f} s CPU ({whole_large[0]:.2f} s wall)")
    ok = worst <= GROWTH and html_runs[large][1] <= WHOLE_HTML
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
