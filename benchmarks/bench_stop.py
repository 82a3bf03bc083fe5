"""Benchmark how fast a runaway query stops: at its deadline, and on Ctrl-C.

Targets: a query with ``--timeout T`` returns within T + 1 s; Ctrl-C ends
``plankg sparql`` within 1 s; on both embedded engines. The runaway query is
a ``COUNT`` over a three-way cartesian product of the bundled plan, which no
machine finishes.

Run: python benchmarks/bench_stop.py [--runs 3]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
TIMEOUT = 2
TARGET = 1.0


def _past_deadline(engine: str) -> float:
    code = f"""
import time, plankg
kg = plankg.load(engine={engine!r})
kg.sparql("ASK {{ ?s ?p ?o }}")
kg.timeout = {TIMEOUT}
start = time.perf_counter()
try:
    kg.sparql({RUNAWAY!r})
except plankg.QueryError:
    pass
print(time.perf_counter() - start - {TIMEOUT})
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return float(done.stdout.strip())


def _after_ctrl_c(engine: str, query: Path) -> float:
    child = subprocess.Popen(
        [*PLANKG, "sparql", str(query), "--engine", engine, "--timeout", "3600"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(5)  # loaded and inside the query
    start = time.perf_counter()
    child.send_signal(signal.SIGINT)
    child.wait(timeout=120)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        query = Path(folder, "runaway.rq")
        query.write_text(RUNAWAY, encoding="utf-8")
        print(f"{'engine':<10} {'past the deadline (s)':>22} {'after Ctrl-C (s)':>18}   target <= {TARGET} s")
        for engine in ("oxigraph", "rdflib"):
            late = statistics.median(_past_deadline(engine) for _ in range(runs))
            stop = statistics.median(_after_ctrl_c(engine, query) for _ in range(runs))
            flag = "ok" if late <= TARGET and stop <= TARGET else "SLOW"
            print(f"{engine:<10} {late:>22.3f} {stop:>18.3f}   {flag}")


if __name__ == "__main__":
    main()
