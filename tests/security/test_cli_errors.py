"""Mistakes and odd answers give one line and exit 2, not a traceback; CSV cells never run as formulas."""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main

SRC = Path(plankg.__file__).resolve().parents[1]
PLAN = "@prefix plan: <https://w3id.org/plankg/ontology#> .\n<http://e/plan> a plan:Plan .\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def one_error_line(result, *fragments: str) -> str:
    """Assert exit code 2 and a single ``plankg: error:`` line holding ``fragments``; return it."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("plankg: error: "), line
    for fragment in fragments:
        assert fragment in line, line
    return line


def test_validate_o_into_a_missing_folder_is_one_line_not_exit_1(tmp_path):
    target = tmp_path / "no" / "such" / "report.txt"
    result = invoke("validate", "-o", target)
    one_error_line(result, f"{target}: the folder {target.parent} does not exist")
    assert not (tmp_path / "no").exists()


def test_validate_o_into_a_read_only_folder_is_one_line_not_exit_1(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: the folder refuses as the kernel would
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        folder.chmod(0o555)
    try:
        result = invoke("validate", "-o", folder / "report.txt")
    finally:
        folder.chmod(0o755)
    one_error_line(result, f"{folder / 'report.txt'}: cannot write in the folder {folder}: Permission denied")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["query", "milestones"],
    ["query", "milestones", "--format", "csv"],
    ["validate"],
    ["report", "--format", "json"],
])
def test_stdout_to_dev_full_is_one_line_not_a_traceback(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from plankg.cli import main; main()", *args],
                              stdout=full, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=600)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == ["plankg: error: cannot write the output: No space left on device"] or \
        done.stderr.splitlines() == ["plankg: error: standard output: cannot write: No space left on device"]


@pytest.mark.parametrize("args", [
    ["query", "milestones", "--graph", "a b"],
    ["push", "--endpoint", "http://127.0.0.1:9/query", "--graph", "a b"],
])
def test_graph_that_is_not_an_iri_is_a_usage_error_not_a_traceback(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Invalid value for '--graph': 'a b' is not an IRI" in result.output


class _Answers(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every query with the same results."""

    body: dict = {}

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def do_GET(self):
        data = json.dumps(self.body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def endpoint(body: dict):
    handler = type("Handler", (_Answers,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def other_variables():
    server = endpoint({"head": {"vars": ["zzz"]},
                       "results": {"bindings": [{"zzz": {"type": "literal", "value": "x"}}]}})
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()


@pytest.fixture
def no_rows():
    server = endpoint({"head": {"vars": []}, "results": {"bindings": []}})
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()


def test_a_query_shows_the_variables_the_endpoint_answered_with(other_variables):
    # A table looks up labels only for the IRIs it shows; this answer has none, so nothing fails.
    result = invoke("query", "milestones", "--endpoint", other_variables, "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines() == ["zzz", "x"]
    table = invoke("query", "milestones", "--endpoint", other_variables)
    assert table.exit_code == 0 and "zzz" in table.output and table.output.rstrip().endswith("1 row(s)")


@pytest.mark.parametrize("args", [
    ["report"],
    ["analyze", "coverage"],
    ["analyze", "path", "花桥", "共同富裕"],
    ["export", "--format", "dot", "-o", "{tmp}/plan.dot"],
])
def test_endpoint_answering_other_variables_is_one_line_not_key_or_index_error(tmp_path, other_variables, args):
    args = [a.format(tmp=tmp_path) for a in args]
    result = invoke(*args, "--endpoint", other_variables)
    one_error_line(result, "the answer has no ", "(its variables: ?zzz)", "the endpoint answered another query")
    assert not (tmp_path / "plan.dot").exists()


def test_endpoint_holding_no_plan_is_no_plan_found_not_conforms(no_rows):
    result = invoke("report", "--endpoint", no_rows)
    one_error_line(result, f"{no_rows}: no plan found")


def test_python_row_lookup_on_a_foreign_answer_is_a_plankg_error(other_variables):
    kg = plankg.connect(other_variables)
    result = kg.sparql("SELECT ?s WHERE { ?s ?p ?o }")
    with pytest.raises(plankg.QueryError, match=r"no variable \?s"):
        result[0]["s"]
    with pytest.raises(KeyError):  # still a lookup error for code that expects one
        result[0].values()["s"]
    with pytest.raises(plankg.QueryError, match="no row 1"):
        result[1]


@pytest.mark.parametrize("content", ["", "# nothing but a comment\n", "@prefix ex: <http://e/> .\n",
                                     "<http://e/a> <http://e/p> \"x\" .\n"])
@pytest.mark.parametrize("command", ["validate", "report"])
def test_empty_data_is_no_plan_found_not_conforms(tmp_path, content, command):
    path = tmp_path / "empty.ttl"
    path.write_text(content, encoding="utf-8")
    result = invoke(command, path)
    one_error_line(result, f"{path}: no plan found")


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1)"]


def test_query_csv_cells_no_longer_run_as_formulas(tmp_path):
    data = tmp_path / "plan.ttl"
    lines = [PLAN, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"]
    lines += [f'<http://e/a> <http://e/p{i}> {json.dumps(text)} .\n' for i, text in enumerate(FORMULAS)]
    lines.append('<http://e/a> <http://e/n> "-5"^^xsd:integer , "-2.5e3"^^xsd:double , "-1+1"^^xsd:integer .\n')
    data.write_text("".join(lines), encoding="utf-8")
    query = "SELECT ?o WHERE { <http://e/a> ?p ?o } ORDER BY STR(?o)"
    result = invoke("sparql", "-", "--format", "csv", "--data", data, input=query)
    assert result.exit_code == 0, result.output
    cells = [row[0] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert sorted(cells) == sorted(["'" + f for f in FORMULAS] + ["-5", "-2500", "'-1+1"])
    tsv = invoke("sparql", "-", "--format", "tsv", "--data", data, input=query)
    assert '"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"' in tsv.stdout  # TSV keeps the term as it is
