"""Push and query plans on Virtuoso and Apache Jena TDB2, beside embedded Oxigraph.

Starts a Virtuoso (Debian's virtuoso-opensource) on loopback ports with the
test suite's configuration, and prints a Markdown table of:

* whole-process ``plankg push`` of the two bundled plans and of a 50-plan
  synthetic corpus (``benchmarks/synthetic.py --plans``), first into an empty
  server, then again (replacing every graph);
* ``tdb2.tdbloader`` of the same quads into a fresh TDB2 folder;
* how many named-query answers (every query, without and with each bundled
  plan as ``plan``) equal embedded Oxigraph's, compared as multisets of rows.

Run: python benchmarks/bench_engines.py [--plans 50]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import plankg  # noqa: E402
from helpers import JenaTDB2, start_virtuoso  # noqa: E402
from plankg.resources import resource_root  # noqa: E402

BUNDLED = sorted(p for p in (resource_root() / "data").iterdir() if (p / "dataset.ttl").is_file())


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def rows(result) -> Counter:
    return Counter(frozenset((n, str(t)) for n, t in row.as_dict().items()) for row in result)


def parity(reference, other) -> tuple[int, int]:
    library = plankg.QueryLibrary()
    required = {"tasks-by-area": {"area": "03"}, "places-involvement": {"place": "花桥"},
                "targets-by-year": {"year": 2025}, "label-search": {"term": "示范"},
                "provenance": {"entity": "ks:task/06"}}
    same = total = 0
    for name in sorted(library):
        takes_plan = any(p.name == "plan" for p in library[name].parameters)
        for plan in (None, "ks", "jn") if takes_plan else (None,):
            params = {**required.get(name, {}), **({"plan": plan} if plan else {})}
            total += 1
            try:
                same += rows(other.query(name, **params)) == rows(reference.query(name, **params))
            except plankg.PlanKGError:
                pass
    return same, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=50)
    args = parser.parse_args()
    from synthetic import write_synthetic_corpus

    plankg_cli = shutil.which("plankg") or str(Path(sys.executable).with_name("plankg"))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = write_synthetic_corpus(tmp / "corpus", plans=args.plans, seed=11)
        both, everything = plankg.load(BUNDLED), plankg.load([corpus])
        triples = {"both": sum(map(len, both.triples.values())), "corpus": sum(map(len, everything.triples.values()))}
        server = start_virtuoso(tmp / "virtuoso")
        held = "nothing"
        try:
            for label, paths, key in (("both bundled plans", BUNDLED, "both"), (f"{args.plans}-plan corpus", [corpus], "corpus")):
                push = [plankg_cli, "push", *map(str, paths), "--endpoint", server.push_url, "--timeout", "300"]
                first, again = timed(push), timed(push)
                out.append((f"`plankg push` {label} ({triples[key]:,} triples) to Virtuoso, holding {held}", first))
                out.append((f"`plankg push` {label} again (replacing every graph)", again))
                if key == "both":  # the server holds just these two plans
                    virtuoso_same = parity(both, plankg.connect(server.sparql_url))
                held = "both bundled plans"
        finally:
            server.stop()
        for label, kg in (("both bundled plans", both), (f"{args.plans}-plan corpus", everything)):
            start = time.perf_counter()
            engine = JenaTDB2(tmp / f"jena-{label[:4]}", kg.quads())
            out.append((f"`tdb2.tdbloader` {label} into a new TDB2 folder (with JVM start)", time.perf_counter() - start))
            if kg is both:
                jena_kg = plankg.load(BUNDLED)
                jena_kg.__dict__["engine"] = engine
                jena_same = parity(both, jena_kg)
            engine.stop()
    print("| measured | value |\n|---|---|")
    for label, seconds in out:
        print(f"| {label} | {seconds:.1f} s |")
    for name, (same, total) in (("Virtuoso 7.2", virtuoso_same), ("Jena TDB2 4.5", jena_same)):
        print(f"| named-query answers equal to embedded Oxigraph's, both plans, {name} | {same} of {total} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
