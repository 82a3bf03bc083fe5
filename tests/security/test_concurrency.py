"""Regression tests: concurrent use, and one path given as a string (issue 13, finding 9).

Eight threads making their first rdflib query at once all failed
(``Param.postParse2() …``), and every later query of the process failed too;
``plankg.load("a/path")`` iterated the string's characters and scanned ``/``.
Each concurrency case runs in a fresh process: the failure depends on
rdflib's parser never having been used in it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import plankg
from plankg.resources import bundled_plan_dir

FIRST_USE_IN_THREADS = """
import threading
import plankg

kg = plankg.load(engine="rdflib")
queries = [
    "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }",
    "SELECT ?area (COUNT(?t) AS ?n) WHERE { ?t plan:area ?area } GROUP BY ?area",
    "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'zh') } LIMIT 3",
    "ASK { ?s a plan:Task }",
]
barrier = threading.Barrier(8)
answers, errors = [], []

def work(index):
    barrier.wait()
    try:
        answers.append(len(kg.sparql(queries[index % len(queries)])))
    except Exception as err:
        errors.append(repr(err))

threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
after = kg.sparql("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }")[0].value("n")
print(len(answers), len(errors), after)
for e in errors:
    print(e)
"""


def test_eight_threads_first_rdflib_queries_all_succeed():
    done = subprocess.run([sys.executable, "-c", FIRST_USE_IN_THREADS], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "8 0 25", done.stdout


def test_threads_share_one_rdflib_graph_with_named_queries(kg_rdflib, kg):
    from concurrent.futures import ThreadPoolExecutor

    expected = kg.query("tasks-by-area", area="03").column("task_label_zh")
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: kg_rdflib.query("tasks-by-area", area="03").column("task_label_zh"), range(16)))
    assert got == [expected] * 16


@pytest.mark.parametrize("kind", [str, Path])
def test_load_with_one_path_reads_that_folder(kind):
    folder = bundled_plan_dir()
    one = plankg.load(kind(folder))
    many = plankg.load([folder])
    assert [f.path for f in one.files] == [f.path for f in many.files]
    assert len(one.files) > 2


def test_load_with_one_missing_path_names_it(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(plankg.DataError, match="nowhere: no such file or folder"):
        plankg.load(str(missing))
