"""Benchmark ``plankg.export``: every format, on a synthetic plan ten times Kunshan's size.

Target: exporting the synthetic plan at scale 10 (benchmarks/synthetic.py) to
each format, in process, median <= 2 s. The baseline, timed in the same run,
is the same export of the bundled Kunshan plan; the ratio is synthetic /
bundled. Each export writes a real file (atomically, as plankg always does);
the graph formats run their view's queries, the layout and the writer, the
RDF formats serialize every triple. Both plans are loaded and their engines
warmed up before timing.

Run: python benchmarks/bench_export.py [--runs 5] [--scale 10] [--view all]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table, time_call
from synthetic import write_synthetic_plan

TARGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per format (after one warm-up)")
    parser.add_argument("--scale", type=int, default=10, help="the synthetic plan's size, in Kunshans")
    parser.add_argument("--view", default="all", choices=["all", "structure", "places", "dependencies"])
    args = parser.parse_args()

    import plankg
    from plankg.exports import ExportFormat, export, view_graph

    with tempfile.TemporaryDirectory(prefix="plankg-bench-export-") as tmp:
        folder = Path(tmp)
        synthetic = plankg.load([write_synthetic_plan(folder / "plan", scale=args.scale)])
        bundled = plankg.load()
        plans = {"bundled": bundled, "synthetic": synthetic}
        for kg in plans.values():
            kg.sparql("ASK {}")  # parse the files and fill the store once, before timing
        rows, worst = [], 0.0
        for fmt in ExportFormat:
            view = "all" if fmt.is_rdf else args.view
            medians = {}
            for name, kg in plans.items():
                out = folder / f"{name}{fmt.extension}"
                medians[name] = time_call(lambda kg=kg, out=out, fmt=fmt, view=view: export(kg, fmt, out, view=view),
                                          args.runs)
            worst = max(worst, medians["synthetic"])
            rows.append([
                fmt.value,
                f"{medians['bundled']:.3f}",
                f"{medians['synthetic']:.3f}",
                f"{medians['synthetic'] / medians['bundled']:.1f}",
                "ok" if medians["synthetic"] <= TARGET else "OVER",
            ])
        sizes = {}
        for name, kg in plans.items():
            G = view_graph(kg, args.view)
            sizes[name] = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {len(kg.quads())} quads"
    print(f"plankg export, in process, median of {args.runs} runs (seconds), view {args.view!r}")
    print(f"bundled plan: {sizes['bundled']}; synthetic plan at scale {args.scale}: {sizes['synthetic']}")
    print(table(rows, ["format", "bundled s", f"scale {args.scale} s", "ratio", f"<= {TARGET:g} s"]))
    verdict = "OK" if worst <= TARGET else "OVER TARGET"
    print(f"\nslowest format at scale {args.scale}: {worst:.3f} s (target <= {TARGET:g} s): {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
