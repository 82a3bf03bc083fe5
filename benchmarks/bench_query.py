"""Benchmark the query path: ``plankg query`` as a process, and every named query in process.

Targets: ``plankg query <name>`` as a whole process, median <= 0.2 s. In
process, each named query's median on embedded Oxigraph and on rdflib, with
the ratio rdflib / Oxigraph. The process baseline, timed in the same run, is a
Python process that imports only pyoxigraph.

Run: python benchmarks/bench_query.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table, time_call, time_process  # noqa: E402

TARGET = 0.2
#: Parameters for the named queries that need them.
PARAMS = {
    "tasks-by-area": {"area": "03"},
    "places-involvement": {"place": "花桥"},
    "targets-by-year": {"year": "2025"},
    "label-search": {"term": "未来城"},
    "provenance": {"entity": "https://w3id.org/plankg/kunshan-2022/task/06"},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    import plankg

    plankg_cli = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    baseline = time_process([sys.executable, "-c", "import pyoxigraph"], args.runs)
    process_rows = [["python -c 'import pyoxigraph' (baseline)", f"{baseline:.3f}", "1.00"]]
    worst = 0.0
    for fmt in ("table", "csv"):
        argv = [plankg_cli, "query", "plan-overview", "--format", fmt]
        median = time_process(argv, args.runs)
        worst = max(worst, median)
        process_rows.append([" ".join(["plankg"] + argv[1:]), f"{median:.3f}", f"{median / baseline:.2f}"])
    print(f"whole process, median of {args.runs} runs (seconds; ratio against the baseline)")
    print(table(process_rows, ["command", "median s", "ratio"]))

    oxigraph, rdflib = plankg.load(), plankg.load(engine="rdflib")
    rows = []
    for name in oxigraph.library:
        params = PARAMS.get(name, {})
        ox = time_call(lambda: oxigraph.query(name, **params), args.runs)
        rd = time_call(lambda: rdflib.query(name, **params), args.runs)
        rows.append([name, f"{ox * 1000:.2f}", f"{rd * 1000:.2f}", f"{rd / ox:.1f}"])
    print(f"\nin process, median of {args.runs} runs (milliseconds)")
    print(table(rows, ["query", "oxigraph ms", "rdflib ms", "rdflib/oxigraph"]))
    verdict = "OK" if worst <= TARGET else "OVER TARGET"
    print(f"\nslowest plankg query process: {worst:.3f} s (target <= {TARGET} s): {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
