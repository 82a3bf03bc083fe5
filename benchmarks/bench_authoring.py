"""Benchmark ``plankg import`` of the workbook of a 10x synthetic plan, as a whole process.

Target: median <= 2.0 s. The baseline, timed in the same run: ``plankg
validate`` of the same data (the import reads the workbook, writes the
Turtle and validates it with the same shapes, so validation is its floor
and the ratio shows what reading and writing add). Also timed: importing
the same tables as a CSV folder, and exporting the workbook.

Run: python benchmarks/bench_authoring.py [--runs 5] [--scale 10]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table, time_process  # noqa: E402
from synthetic import write_synthetic_plan  # noqa: E402

TARGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    plankg = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    with tempfile.TemporaryDirectory(prefix="plankg-bench-") as folder:
        root = Path(folder)
        data = write_synthetic_plan(root / "synthetic", scale=args.scale)
        book, csvdir = root / "synthetic.xlsx", root / "synthetic-csv"
        subprocess.run([plankg, "export", "--format", "csvdir", "-o", str(csvdir), str(data)], check=True,
                       stdout=subprocess.DEVNULL)
        validate = time_process([plankg, "validate", str(data)], args.runs)
        export = time_process([plankg, "export", "--format", "xlsx", "-o", str(book), str(data)], args.runs)
        from_xlsx = time_process([plankg, "import", str(book), "-o", str(root / "out-xlsx")], args.runs)
        from_csv = time_process([plankg, "import", str(csvdir), "-o", str(root / "out-csv")], args.runs)
        import pyoxigraph as ox

        triples = sum(1 for p in data.rglob("*.ttl") for _ in ox.parse(path=str(p)))
    rows = [
        ["plankg validate DATA (baseline)", f"{validate:.3f}", "1.00"],
        ["plankg import WORKBOOK.xlsx", f"{from_xlsx:.3f}", f"{from_xlsx / validate:.2f}"],
        ["plankg import CSV-DIR", f"{from_csv:.3f}", f"{from_csv / validate:.2f}"],
        ["plankg export --format xlsx", f"{export:.3f}", f"{export / validate:.2f}"],
    ]
    print(f"synthetic plan, scale {args.scale} (~{triples} statements); median of {args.runs} runs, seconds;"
          " ratio against plankg validate of the same data")
    print(table(rows, ["command", "median s", "ratio"]))
    verdict = "OK" if from_xlsx <= TARGET else "OVER TARGET"
    print(f"plankg import WORKBOOK.xlsx: {from_xlsx:.3f} s (target <= {TARGET} s): {verdict}")
    return 0 if from_xlsx <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
