"""Regression tests: embedded queries are bounded (issue 13, finding 6).

A cartesian product used to run until killed on both embedded engines, Ctrl-C
was ignored while Oxigraph computed, ``--timeout`` applied to endpoints only,
and every row of a huge answer was held in memory. Each runaway query here
runs in a child process with a generous outer limit, so that the old code
fails the test instead of hanging it. How fast a query stops is measured in
``benchmarks/bench_stop.py``, not here.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main

from helpers import default_signals

#: Far more rows than any machine can count: (triples of the plan)^3.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: About (triples)^2 rows, each cheap: far beyond any row limit.
WIDE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"

ENGINES = ["oxigraph", "rdflib"]
#: The command line, run as a child process.
PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]


def _child(code: str, outer: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=outer)


@pytest.mark.parametrize("engine", ENGINES)
def test_runaway_query_times_out_on_embedded_engine(engine):
    code = f"""
import plankg
kg = plankg.load(engine={engine!r})
kg.timeout = 2
try:
    kg.sparql({RUNAWAY!r})
except plankg.QueryError as err:
    print(err)
"""
    done = _child(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "the query timed out after 2 s; narrow it, or raise --timeout"


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_timeout_applies_to_embedded_engine(tmp_path, engine):
    query = tmp_path / "runaway.rq"
    query.write_text(RUNAWAY, encoding="utf-8")
    argv = [*PLANKG, "sparql", str(query), "--engine", engine, "--timeout", "2"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=90)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "plankg: error: the query timed out after 2 s; narrow it, or raise --timeout"
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_ctrl_c_stops_a_running_query(tmp_path, engine):
    query = tmp_path / "runaway.rq"
    query.write_text(RUNAWAY, encoding="utf-8")
    argv = [*PLANKG, "sparql", str(query), "--engine", engine, "--timeout", "3600"]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=default_signals)
    try:
        time.sleep(4)  # loaded, and inside the query
        assert child.poll() is None, child.communicate()
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 1  # click's "Aborted!"
    assert "Aborted!" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("engine", ENGINES)
def test_huge_answer_stops_at_max_rows(engine):
    kg = plankg.load(engine=engine)
    kg.max_rows = 50
    with pytest.raises(plankg.QueryError, match="the query returned more than 50 rows; narrow it"):
        kg.sparql(WIDE + " LIMIT 2000")
    kg.max_rows = 2000
    assert len(kg.sparql(WIDE + " LIMIT 2000")) == 2000


def test_default_row_limit_is_documented_and_applied():
    kg = plankg.load()
    assert kg.max_rows == 100_000
    with pytest.raises(plankg.QueryError, match="more than 100,000 rows"):
        kg.sparql(WIDE)


@pytest.mark.parametrize("engine", ENGINES)
def test_cli_max_rows_is_one_line_and_exit_2(tmp_path, engine):
    query = tmp_path / "wide.rq"
    query.write_text(WIDE + " LIMIT 500", encoding="utf-8")
    result = CliRunner().invoke(main, ["sparql", str(query), "--engine", engine, "--max-rows", "20", "--format", "csv"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "plankg: error: the query returned more than 20 rows; narrow it (LIMIT, FILTER) or raise --max-rows"
    ]
    result = CliRunner().invoke(main, ["sparql", str(query), "--engine", engine, "--max-rows", "0", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 501  # header and every row: 0 means no limit


def test_rows_under_the_limit_match_between_engines():
    query = "SELECT ?t ?l WHERE { ?t a plan:Task ; rdfs:label ?l } ORDER BY ?t ?l"
    a = plankg.load().sparql(query)
    b = plankg.load(engine="rdflib").sparql(query)
    assert a.variables == b.variables == ("t", "l")
    assert [tuple(r) for r in a] == [tuple(r) for r in b]
    assert a.serialize("json") == b.serialize("json")
