"""Time Jena SHACL (Debian's libapache-jena-java 4.5) on a synthetic corpus, beside plankg's validation.

Each data set is given to Jena as plankg validates it (the ontology's
structure, the shared data and the plan's own files; see
``tests/engines/test_jena_shacl.py``, which checks that the results agree),
as one N-Triples file per data set, all validated in one JVM by
``tests/engines/JenaShacl.java``. Printed: the JVM's whole time (start-up,
compiling the harness, parsing the shapes, reading and validating every
file), the same JVM with no data (the fixed cost), the harness's own count of
the time spent reading and validating the files, and, unless
``--jena-only``, ``plankg validate``'s whole-process time on the same corpus.

Run (the numbers in the README were measured so, under load)::

    python benchmarks/bench_jena_shacl.py --plans 1000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def write_data_sets(corpus: Path, folder: Path) -> list[Path]:
    """One N-Triples file per data set of ``corpus``, as plankg builds its data graphs."""
    import pyoxigraph as ox

    import plankg
    from plankg.datafiles import Layer, parse_file
    from plankg.planvalidation import STRUCTURE, plan_groups

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    parsed: dict[Path, list] = {}
    for index, group in enumerate(plan_groups(plankg.load([corpus]).files)):
        triples = []
        for datafile in group:
            if datafile.path not in parsed:
                found = parse_file(datafile.path)
                if datafile.layer is Layer.ONTOLOGY:
                    found = [t for t in found if t.predicate.value in STRUCTURE]
                parsed[datafile.path] = found
            triples += parsed[datafile.path]
        path = folder / f"set-{index:04d}.nt"
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        paths.append(path)
    return paths


def run_jena(folder: Path, graphs: list[Path]) -> tuple[float, str]:
    """Seconds for one JVM to validate ``graphs`` (whole process), and its own account of them."""
    from helpers import jena_classpath, jena_harness

    from plankg.resources import shapes_file

    command = jena_harness("JenaShacl.java", jena_classpath(folder / "classes"), shapes_file())
    started = time.perf_counter()
    done = subprocess.run(command, input="".join(f"{g}\n" for g in graphs).encode(), capture_output=True)
    elapsed = time.perf_counter() - started
    answers = done.stdout.decode("ascii").splitlines()
    if done.returncode or len(answers) != len(graphs) or any(a.startswith("ERROR") for a in answers):
        raise SystemExit(f"Jena SHACL failed: {done.stderr.decode()[-2000:]}")
    account = [line for line in done.stderr.decode().splitlines() if line.startswith("JenaShacl:")]
    return elapsed, account[-1] if account else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--broken", type=int, default=8)
    parser.add_argument("--jena-only", action="store_true", help="do not time plankg validate")
    args = parser.parse_args()
    from synthetic import write_synthetic_corpus

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = write_synthetic_corpus(tmp_path / "corpus", plans=args.plans, seed=11, broken=args.broken)
        graphs = write_data_sets(corpus, tmp_path / "sets")
        size = sum(g.stat().st_size for g in graphs) / 1e6
        print(f"{args.plans} plans: {len(graphs)} data sets, {size:.0f} MB of N-Triples")
        empty, _ = run_jena(tmp_path, [])
        whole, account = run_jena(tmp_path, graphs)
        print(f"Jena SHACL 4.5, one JVM: {whole:.1f} s whole process "
              f"({empty:.1f} s of it start-up, harness compile and shapes; {account})")
        if not args.jena_only:
            started = time.perf_counter()
            done = subprocess.run([*PLANKG, "validate", str(corpus)], capture_output=True)
            elapsed = time.perf_counter() - started
            print(f"plankg validate (pySHACL), exit {done.returncode}: {elapsed:.1f} s whole process")


if __name__ == "__main__":
    main()
