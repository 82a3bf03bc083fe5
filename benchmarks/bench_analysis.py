"""Benchmark the analysis reports in process, on a synthetic plan ten times Kunshan's size.

Target: each report <= 1 s on the synthetic plan at scale 10 (250 tasks, 70
areas, 120 action plans, 190 places, 110 targets, 320 curated links). Each
report is timed in process on a loaded graph (embedded Oxigraph, store
already filled), median of --runs calls after one warm-up; the time covers
the named queries and the NetworkX work. The baseline, measured in the same
run, is the same report on the bundled Kunshan plan; the ratio is synthetic
over bundled. ``plan_report`` is also timed without validation (its analysis
part) and, once, with SHACL validation, which is not an analysis and is
reported for information.

Run: python benchmarks/bench_analysis.py [--scale 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import table, time_call  # noqa: E402
from synthetic import BASE, write_synthetic_plan  # noqa: E402

TARGET = 1.0
KS = "https://w3id.org/plankg/kunshan-2022/"
TODAY = datetime.date(2026, 11, 27)


def reports(kg, path: tuple[str, str]):
    """The reports to time, by name, as calls on ``kg``."""
    import plankg

    return {
        "dependencies": lambda: plankg.dependencies(kg),
        "dependencies --asserted-only": lambda: plankg.dependencies(kg, asserted_only=True),
        "coverage": lambda: plankg.coverage(kg, today=TODAY),
        "places": lambda: plankg.places(kg),
        "path (connection)": lambda: plankg.connection(kg, *path),
        "plan_report, no validation": lambda: plankg.plan_report(kg, today=TODAY, validate=False),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import plankg

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_synthetic_plan(Path(tmp) / "synthetic", scale=args.scale)
        big = plankg.load([folder])
        bundled = plankg.load()
        big_reports = reports(big, (BASE + "place/b0-town-1", BASE + f"task/{25 * args.scale:04d}"))
        small_reports = reports(bundled, ("花桥", "共同富裕"))
        rows, worst = [], 0.0
        for name in big_reports:
            small = time_call(small_reports[name], args.runs)
            large = time_call(big_reports[name], args.runs)
            if not name.startswith("plan_report"):
                worst = max(worst, large)
            rows.append(
                [
                    name,
                    f"{small * 1000:.1f}",
                    f"{large * 1000:.1f}",
                    f"{large / small:.1f}",
                    "OK" if large <= TARGET else "OVER",
                ]
            )
        start = time.perf_counter()
        conforms = plankg.plan_report(big, today=TODAY).conforms
        validated = time.perf_counter() - start
        size = plankg.dependencies(big).nodes
    print(
        f"synthetic plan at scale {args.scale}: {size['task']} tasks, {size['area']} areas, "
        f"{size['action-plan']} action plans, {size['target']} targets, {size['project']} initiatives"
    )
    print(f"in process on embedded Oxigraph, median of {args.runs} runs after a warm-up (milliseconds)")
    print(
        table(
            rows, ["report", "bundled ms (baseline)", f"scale {args.scale} ms", "ratio", f"<= {TARGET:g} s"]
        )
    )
    print(
        f"\nplan_report with SHACL validation, scale {args.scale}, one run: {validated:.2f} s "
        f"(conforms: {conforms}; validation is pySHACL, not part of the analysis target)"
    )
    verdict = "OK" if worst <= TARGET else "OVER TARGET"
    print(f"slowest analysis report at scale {args.scale}: {worst:.3f} s (target <= {TARGET:g} s): {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
