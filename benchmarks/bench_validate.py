"""Benchmark ``plankg validate`` as a whole process: the bundled plan, synthetic plans, a corpus.

Targets (issue 11):

* the bundled plan: median <= 1.0 s;
* a single synthetic plan at scale 100: <= 5 s;
* growth from scale 10 to scale 100: <= x12 (linear within noise);
* a corpus of 1,000 plans (``synthetic.py --plans``): <= 60 s on 2 cores
  (stretch 20 s), peak memory <= 4 GB.

The baselines, timed in the same run: a bare Python start, and a process that
only imports pySHACL (the floor any pySHACL-based validator pays). Each row
gives the median wall time, the median CPU time of the process and its
children (on a shared machine the CPU time is the steadier figure), and the
peak memory of the largest process so far (the rows grow, so it is the row's own).

Each row runs once per SHACL engine (``--shacl-engine pyshacl``, the reference,
and ``shacl``), and the last column holds each against pySHACL on the same
data in the same run. pySHACL validates a corpus in batches of plans, shacl
a plan per run (each engine's faster mode); the corpus is also validated in
the other mode (``validate_files(..., batch=...)``), to show what batching gives.

Run: python benchmarks/bench_validate.py [--runs 3] [--scales 10 100] [--plans 1000] [--jobs N]
     [--engines pyshacl shacl] [--no-other-mode]
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import table  # noqa: E402
from synthetic import write_synthetic_corpus, write_synthetic_plan  # noqa: E402

#: Target for the bundled plan, in seconds.
TARGET = 1.0
#: Target for one plan at scale 100, in seconds.
TARGET_SCALE_100 = 5.0
#: Target for the corpus, in seconds, and the most memory it may take, in bytes.
TARGET_CORPUS = 60.0
TARGET_MEMORY = 4 * 1024**3
#: The most validation time may grow from scale 10 to scale 100.
TARGET_GROWTH = 12.0


def measure(argv: list[str], runs: int, *, warm_up: bool = True) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``runs`` runs of ``argv`` (after one warm-up), and peak memory in bytes."""
    walls, cpus, peak = [], [], 0
    for index in range(runs + 1 if warm_up else runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        peak = max(peak, after.ru_maxrss * 1024)
        if index or not warm_up:
            walls.append(wall)
            cpus.append((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
    return statistics.median(walls), statistics.median(cpus), peak


#: A whole process that validates the corpus in the mode an engine does not use by default
#: (``batch=False``, a run per data set, for pySHACL; ``batch=True`` for shacl).
OTHER_MODE = (
    "import sys, plankg; from plankg.planvalidation import validate_files; "
    "kg = plankg.load(sys.argv[3:]); jobs = int(sys.argv[2]) or None; engine = sys.argv[1]; "
    "report = validate_files(kg.files, kg.graphs, jobs=jobs, shacl_engine=engine, batch=engine != 'pyshacl'); "
    "sys.exit(0 if report.conforms else 1)"
)
#: How each engine validates a corpus by default (planvalidation.validate_files).
MODES = {"pyshacl": "batches", "shacl": "a run per plan"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per row (after one warm-up)")
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 100], help="synthetic plan sizes")
    parser.add_argument("--plans", type=int, default=1000, help="corpus size (0: no corpus row)")
    parser.add_argument("--broken", type=int, default=8, help="broken plans in the corpus")
    parser.add_argument("--corpus-runs", type=int, default=1, help="timed runs of the corpus rows")
    parser.add_argument("--jobs", type=int, default=None, help="plankg validate --jobs (default: one per core)")
    parser.add_argument("--engines", nargs="*", default=["pyshacl", "shacl"], choices=["pyshacl", "shacl"],
                        help="SHACL engines to time (--shacl-engine); the first is the one the others are held to")
    parser.add_argument("--other-mode", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the corpus in the mode each engine does not use by default "
                             "(pySHACL: a run per plan; shacl: batches)")
    args = parser.parse_args()
    plankg = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    python = sys.executable
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    reference = args.engines[0]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"median of {args.runs} runs (corpus: {args.corpus_runs}), seconds", flush=True)
    rows, verdicts = [], []
    anchors: dict[str, float] = {}

    def row(name: str, argv: list[str], runs: int, floor: float | None, warm_up: bool = True, *,
            case: str | None = None, engine: str | None = None):
        wall, cpu, peak = measure(argv, runs, warm_up=warm_up)
        ratio = f"{wall / floor:.2f}" if floor else "1.00"
        against = ""
        if case is not None:
            if engine == reference:
                anchors[case] = wall
            against = f"{wall / anchors[case]:.2f}" if case in anchors else ""
        rows.append([name, f"{wall:.2f}", f"{cpu:.2f}", f"{peak / 1024**2:.0f}", ratio, against])
        print(f"  {name}: {wall:.2f} s", file=sys.stderr, flush=True)
        return wall, cpu, peak

    def validate(engine: str, target: list[str]) -> list[str]:
        return [plankg, "validate", *target, *jobs, "--shacl-engine", engine]

    floor, floor_cpu, _ = measure([python, "-c", "import pyshacl"], args.runs)
    row("python -c pass", [python, "-c", "pass"], args.runs, floor)
    rows.append(["python -c 'import pyshacl' (baseline)", f"{floor:.2f}", f"{floor_cpu:.2f}", "", "1.00", ""])
    for engine in args.engines:
        bundled, _, _ = row(f"validate --shacl-engine {engine} (bundled plan)", validate(engine, []), args.runs,
                            floor, case="bundled", engine=engine)
        verdicts.append((f"{engine}: bundled plan", bundled, TARGET))
    with tempfile.TemporaryDirectory() as tmp:
        timed: dict[tuple[str, int], tuple[float, float]] = {}
        for scale in args.scales:
            folder = write_synthetic_plan(Path(tmp) / f"scale-{scale}", scale=scale)
            for engine in args.engines:
                wall, cpu, _ = row(f"validate --shacl-engine {engine} (scale {scale})",
                                   validate(engine, [str(folder)]), args.runs, floor, case=f"scale {scale}",
                                   engine=engine)
                timed[(engine, scale)] = (wall, cpu)
                if scale == 100:
                    verdicts.append((f"{engine}: scale 100", wall, TARGET_SCALE_100))
        if args.plans:
            corpus = write_synthetic_corpus(Path(tmp) / "corpus", plans=args.plans, broken=args.broken)
            for engine in args.engines:
                wall, _, peak = row(f"validate --shacl-engine {engine} (corpus of {args.plans}, {MODES[engine]})",
                                    validate(engine, [str(corpus)]), args.corpus_runs, floor, warm_up=False,
                                    case="corpus", engine=engine)  # its files were just written: the cache is warm
                verdicts.append((f"{engine}: corpus of {args.plans}", wall, TARGET_CORPUS))
                verdicts.append((f"{engine}: corpus of {args.plans}: peak memory, GB", peak / 1024**3,
                                 TARGET_MEMORY / 1024**3))
            if args.other_mode:
                for engine in args.engines:
                    other = "a run per plan" if engine == "pyshacl" else "batches"
                    row(f"validate_files({engine}, batch={engine != 'pyshacl'}) (corpus of {args.plans}, {other})",
                        [python, "-c", OTHER_MODE, engine, str(args.jobs or 0), str(corpus)], args.corpus_runs,
                        floor, warm_up=False, case="corpus", engine=None)
    print(table(rows, ["command", "median wall s", "median CPU s", "peak MB", "wall / baseline",
                       f"wall / {reference} (same data)"]))
    for engine in args.engines:
        if (engine, 10) in timed and (engine, 100) in timed:
            for what, index in (("wall", 0), ("CPU", 1)):
                growth = timed[(engine, 100)][index] / timed[(engine, 10)][index]
                exponent = math.log(growth) / math.log(10)
                print(f"{engine}: growth scale 10 -> 100 ({what}): x{growth:.1f}, exponent {exponent:.2f}")
            verdicts.append((f"{engine}: growth 10 -> 100 (CPU)", timed[(engine, 100)][1] / timed[(engine, 10)][1],
                             TARGET_GROWTH))
    ok = True
    for name, value, target in verdicts:
        verdict = "OK" if value <= target else "OVER TARGET"
        ok = ok and value <= target
        print(f"{name}: {value:.2f} (target <= {target:g}): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
