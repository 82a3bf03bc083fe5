"""Benchmark a corpus of plans, and one plan at two scales, against issue 11's goals.

Every command is timed as a whole process (``plankg …``, as a user runs it),
once, with its peak memory (the child's maximum resident set size). Two parts:

**A corpus of N plans** (``--plans``, 1,000 by default: about 1.2 million
triples), written by ``benchmarks/synthetic.py --plans N``:

* ``plankg load CORPUS --store STORE`` against the bare anchor measured in
  the same run: a fresh process that fills a new ``pyoxigraph.Store`` on disk
  with the same files, each into its graph, in one ``Store.bulk_extend`` of
  ``pyoxigraph.parse`` (the fastest bare bulk load; one ``Store.bulk_load``
  call per file is slower still, ~25× on 100 plans, because each call writes
  and ingests files of its own: ``--bulk-load-per-file`` times that too).
  Goal: ≤ 1.5× the anchor.
* ``plankg load --store STORE`` again, nothing changed (the stat check).
* every named query, once, with ``--store`` and no path (answers from the
  store); the queries with a required parameter get a value found in the
  corpus. Goal: each ≤ 1 s. (``bench_store_queries.py`` times the same queries
  as medians of three runs, each against a bare pyoxigraph query of its text.)
* ``plankg validate CORPUS``: goal ≤ 60 s (2 cores).
* ``plankg report --store STORE --format json`` (the corpus report): goal ≤ 30 s.
* the peak memory of all of these: goal ≤ 4 GB.

**One plan** (``benchmarks/synthetic.py --scale S``) at scales 10 and 100
(``--scales``): ``validate``, ``report``, every ``analyze`` report and
``export --format html``; the table of command × scale, the growth from the
first scale to the last, and the growth exponent (log of the growth over log
of the scale ratio: 1 is linear). Goals at scale 100: validate ≤ 5 s,
report ≤ 5 s, each analysis ≤ 2 s and ≤ 500 MB, HTML export ≤ 3 s; growth
≤ ×12 for a ×10 scale.

Run::

    python benchmarks/bench_corpus.py                 # everything (tens of minutes)
    python benchmarks/bench_corpus.py --plans 100     # a quick run
    python benchmarks/bench_corpus.py --only corpus   # or --only single

A command that fails or runs past ``--timeout`` is reported as such and the
benchmark goes on. Exit status: 0 whatever the goals (the table says which
were met).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import table  # noqa: E402

PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
MB = 1024 * 1024


@dataclass
class Run:
    """One whole-process run: wall seconds, peak memory in bytes, exit status (None: timed out)."""

    seconds: float
    peak: int
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status in (0, 1)

    def time_text(self) -> str:
        if self.status is None:
            return f">{self.seconds:.0f} s (timeout)"
        return f"{self.seconds:.2f} s" + ("" if self.ok else f" (exit {self.status})")


def run(argv: list[str], timeout: float, env: dict | None = None) -> Run:
    """Run ``argv``, output discarded; return its wall time, peak memory and exit status."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, **(env or {})}
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return Run(time.perf_counter() - start, usage.ru_maxrss * 1024, None)
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip().splitlines()
    return Run(elapsed, usage.ru_maxrss * 1024, process.returncode, message[-1] if message else "")


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "MISSED"


# -- the bare anchor -----------------------------------------------------------

_ANCHOR = r"""
import sys, pyoxigraph as ox
from pathlib import Path
store = ox.Store(sys.argv[1])
files = sorted(Path(sys.argv[3]).rglob("*.ttl"))
graph_of = {}
for f in files:
    plan = f.parent if f.name == "dataset.ttl" else f.parent.parent
    layer = "curated" if f.parent.name == "curated" else "source"
    graph_of[f] = ox.NamedNode(f"urn:bench:{plan.name}/{layer}")
if sys.argv[2] == "bulk_extend":
    def quads():
        for f in files:
            g = graph_of[f]
            for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
                yield ox.Quad(q.subject, q.predicate, q.object, g)
    store.bulk_extend(quads())
else:
    for f in files:
        store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE, to_graph=graph_of[f])
store.flush()
"""


def anchor(corpus: Path, how: str, folder: Path, timeout: float) -> Run:
    """Fill a new store with the corpus's files with bare pyoxigraph (``bulk_extend`` or per-file ``bulk_load``)."""
    shutil.rmtree(folder, ignore_errors=True)
    return run([sys.executable, "-c", _ANCHOR, str(folder), how, str(corpus)], timeout)


# -- the corpus ------------------------------------------------------------------


def write_corpus(folder: Path, plans: int) -> Path:
    import synthetic

    if hasattr(synthetic, "write_synthetic_corpus"):
        return synthetic.write_synthetic_corpus(folder, plans=plans, seed=0)
    raise SystemExit("benchmarks/synthetic.py has no --plans (write_synthetic_corpus): merge main")


def query_parameters(name: str) -> list[str]:
    """Values for the named queries' required parameters, found in every synthetic corpus."""
    values = {
        "label-search": ["term=合成"],
        "places-involvement": ["place=https://w3id.org/plankg/synthetic/shared/place/region-01"],
        "provenance": ["entity=https://w3id.org/plankg/synthetic/p0001/plan"],
        "targets-by-year": ["year=2025"],
        "tasks-by-area": ["area=1"],
    }.get(name, [])
    return [arg for value in values for arg in ("--param", value)]


def bench_corpus(args, work: Path) -> list[list]:
    from plankg import QueryLibrary

    rows: list[list] = []
    corpus = work / "corpus"
    started = time.perf_counter()
    write_corpus(corpus, args.plans)
    files = sorted(p for p in corpus.rglob("*.ttl"))
    print(f"corpus: {args.plans} plans, {len(files)} files, written in {time.perf_counter() - started:.1f} s", flush=True)
    peaks = []

    bare = anchor(corpus, "bulk_extend", work / "anchor-store", args.timeout)
    rows.append(["bare pyoxigraph bulk_extend (anchor)", bare.time_text(), f"{bare.peak / MB:.0f} MB", "", ""])
    if args.bulk_load_per_file:
        per_file = anchor(corpus, "bulk_load", work / "anchor-store-2", args.timeout)
        rows.append(["bare pyoxigraph bulk_load per file", per_file.time_text(), f"{per_file.peak / MB:.0f} MB", "", ""])
    shutil.rmtree(work / "anchor-store", ignore_errors=True)
    shutil.rmtree(work / "anchor-store-2", ignore_errors=True)

    store = work / "store"
    loaded = run([*PLANKG, "load", str(corpus), "--store", str(store)], args.timeout)
    peaks.append(loaded.peak)
    ratio = loaded.seconds / bare.seconds if bare.ok and loaded.ok else math.inf
    rows.append(["plankg load --store", loaded.time_text(), f"{loaded.peak / MB:.0f} MB",
                 f"{ratio:.2f}× anchor ≤ 1.5×", verdict(ratio, 1.5)])
    again = run([*PLANKG, "load", "--store", str(store)], args.timeout)
    rows.append(["plankg load --store, unchanged", again.time_text(), f"{again.peak / MB:.0f} MB", "", ""])
    print(f"loaded: {loaded.time_text()} (anchor {bare.time_text()})", flush=True)

    slowest = 0.0
    for named in QueryLibrary().values():
        done = run(
            [*PLANKG, "query", named.name, "--store", str(store), "--format", "csv", "--max-rows", "0",
             "--timeout", str(args.query_timeout), *query_parameters(named.name)],
            args.query_timeout + 30,
        )
        peaks.append(done.peak)
        seconds = done.seconds if done.ok else math.inf
        slowest = max(slowest, seconds)
        rows.append([f"query {named.name} --store", done.time_text(), f"{done.peak / MB:.0f} MB", "≤ 1 s",
                     verdict(seconds, 1.0) + ("" if done.ok else f" ({done.error[:60]})")])
    print(f"queries: slowest {slowest:.2f} s", flush=True)

    validated = run([*PLANKG, "validate", str(corpus), "--format", "json"], args.timeout)
    peaks.append(validated.peak)
    rows.append(["plankg validate CORPUS", validated.time_text(), f"{validated.peak / MB:.0f} MB", "≤ 60 s",
                 verdict(validated.seconds if validated.ok else math.inf, 60)])
    print(f"validate: {validated.time_text()}", flush=True)

    reported = run([*PLANKG, "report", "--store", str(store), "--format", "json", "--timeout", str(args.timeout)],
                   args.timeout)
    peaks.append(reported.peak)
    rows.append(["plankg report --store (corpus)", reported.time_text(), f"{reported.peak / MB:.0f} MB", "≤ 30 s",
                 verdict(reported.seconds if reported.ok else math.inf, 30)
                 + ("" if reported.ok else f" ({reported.error[:60]})")])
    peak = max(peaks)
    rows.append(["peak memory, all of the above", "", f"{peak / MB:.0f} MB", "≤ 4 GB", verdict(peak, 4 * 1024 * MB)])
    return rows


# -- one plan at two scales ---------------------------------------------------------


def single_commands(folder: Path, out: Path) -> dict[str, list[str]]:
    plan = str(folder)
    return {
        "validate": ["validate", plan, "--format", "json"],
        "report": ["report", plan, "--format", "json"],
        "analyze dependencies": ["analyze", "dependencies", plan, "--format", "json"],
        "analyze coverage": ["analyze", "coverage", plan, "--format", "json"],
        "analyze places": ["analyze", "places", plan, "--format", "json"],
        "analyze path": ["analyze", "path", "syn:task/0001", "syn:task/0020", plan, "--format", "json"],
        "export html": ["export", plan, "--format", "html", "-o", str(out / "plan.html")],
        "query targets": ["query", "targets", plan, "--format", "csv", "--max-rows", "0"],
    }


#: Goals at the largest scale: seconds, and bytes (None: no memory goal).
SINGLE_GOALS = {
    "validate": (5, None),
    "report": (5, None),
    "analyze dependencies": (2, 500 * MB),
    "analyze coverage": (2, 500 * MB),
    "analyze places": (2, 500 * MB),
    "analyze path": (2, 500 * MB),
    "export html": (3, None),
}


def bench_single(args, work: Path) -> tuple[list[list], list[list]]:
    from synthetic import write_synthetic_plan

    measured: dict[int, dict[str, Run]] = {}
    for scale in args.scales:
        folder = write_synthetic_plan(work / f"scale-{scale}", scale=scale)
        measured[scale] = {}
        for name, argv in single_commands(folder, work).items():
            measured[scale][name] = run([*PLANKG, *argv], args.timeout)
            print(f"scale {scale}: {name} {measured[scale][name].time_text()}", flush=True)
    first, last = args.scales[0], args.scales[-1]
    rows, growth = [], []
    for name in single_commands(work, work):
        cells = [name]
        for scale in args.scales:
            r = measured[scale][name]
            cells.append(f"{r.time_text()}, {r.peak / MB:.0f} MB")
        goal = SINGLE_GOALS.get(name)
        if goal is None:
            cells += ["", ""]
        else:
            r = measured[last][name]
            seconds = r.seconds if r.ok else math.inf
            fine = seconds <= goal[0] and (goal[1] is None or r.peak <= goal[1])
            memory = "" if goal[1] is None else f", ≤ {goal[1] // MB} MB"
            cells += [f"≤ {goal[0]} s{memory} at {last}", "ok" if fine else "MISSED"]
        rows.append(cells)
        a, b = measured[first][name], measured[last][name]
        if len(args.scales) > 1 and a.ok and b.ok:
            ratio = b.seconds / a.seconds
            exponent = math.log(ratio) / math.log(last / first)
            limit = 12 * (last / first) / 10
            growth.append([name, f"×{ratio:.1f}", f"{exponent:.2f}", f"≤ ×{limit:g}", verdict(ratio, limit)])
        elif len(args.scales) > 1 and a.ok and b.status is None:  # timed out: the growth is at least this
            ratio = b.seconds / a.seconds
            limit = 12 * (last / first) / 10
            exponent = math.log(ratio) / math.log(last / first)
            growth.append([name, f"> ×{ratio:.1f}", f"> {exponent:.2f}", f"≤ ×{limit:g}",
                           "MISSED" if ratio > limit else "unknown"])
        elif len(args.scales) > 1:
            growth.append([name, "n/a (failed)", "", "", "MISSED"])
    return rows, growth


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark a corpus of plans and one plan at two scales.")
    parser.add_argument("--plans", type=int, default=1000, help="plans in the corpus (1000; 100 for a quick run)")
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100], help="scales of the single plan")
    parser.add_argument("--only", choices=["corpus", "single"], help="run one part only")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a command may take (600)")
    parser.add_argument("--query-timeout", type=float, default=30, help="seconds a named query may take (30)")
    parser.add_argument("--bulk-load-per-file", action="store_true",
                        help="also time one bare Store.bulk_load call per file (slow on many files)")
    parser.add_argument("--workdir", type=Path, help="keep the corpus, stores and outputs here")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="plankg-bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; working in {work}", flush=True)
    try:
        if args.only in (None, "corpus"):
            rows = bench_corpus(args, work)
            print(f"\nA corpus of {args.plans} plans (whole process, once each)\n")
            print(table(rows, ["command", "time", "peak memory", "goal", "verdict"]))
        if args.only in (None, "single"):
            rows, growth = bench_single(args, work)
            print("\nOne synthetic plan (whole process, once each)\n")
            print(table(rows, ["command", *(f"scale {s}" for s in args.scales), "goal", "verdict"]))
            if growth:
                print(f"\nGrowth from scale {args.scales[0]} to {args.scales[-1]}\n")
                print(table(growth, ["command", "growth", "exponent", "goal", "verdict"]))
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
