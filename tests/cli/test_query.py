"""``plankg queries``, ``plankg query`` and ``plankg sparql`` from the command line."""

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from plankg.cli import main


def invoke(*args, input=None):
    return CliRunner(env={"COLUMNS": "300"}).invoke(main, list(args), input=input)


def test_queries_lists_names_summaries_and_parameters():
    result = invoke("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.output)}
    assert "plan-overview" in listed
    assert [p["name"] for p in listed["places-involvement"]["parameters"]] == ["place", "plan"]


def test_query_csv_is_w3c_csv_in_utf8():
    result = invoke("query", "places-involvement", "--param", "place=花桥", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all("task/01" in row["task"] for row in rows)


def test_query_json_is_w3c_json():
    result = invoke("query", "targets", "--format", "json", "--engine", "rdflib")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["results"]["bindings"]) == 11


def test_query_table_shows_labels_in_the_chosen_language():
    zh = invoke("query", "tasks-by-area", "-p", "area=03", "--lang", "zh")
    en = invoke("query", "tasks-by-area", "-p", "area=03", "--lang", "en")
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    assert "ks:task/09" in zh.output and "注重制度创新" in zh.output
    assert "Focus on institutional innovation" in en.output and "注重制度创新" not in en.output


def test_sparql_from_stdin():
    result = invoke("sparql", "-", "--format", "tsv", input="SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("25")


def test_unknown_query_is_exit_2_with_a_hint():
    result = invoke("query", "plan-overveiw")
    assert result.exit_code == 2
    assert "did you mean plan-overview" in result.output


def test_bad_parameter_is_exit_2():
    result = invoke("query", "targets-by-year", "-p", "year=soon")
    assert result.exit_code == 2
    assert "expects an xsd:integer" in result.output


def test_network_query_is_refused_unless_allowed():
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    refused = invoke("sparql", "-", input=text)
    assert refused.exit_code == 2 and "--allow-network" in refused.output


def test_unreachable_endpoint_is_exit_2_one_line():
    result = invoke("query", "targets", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "2")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "cannot reach http://127.0.0.1:9/query" in result.output


def test_persistent_store_is_loaded_once_and_reused(tmp_path):
    store = tmp_path / "store"
    first = invoke("query", "targets", "--store", str(store), "--format", "csv")
    second = invoke("query", "targets", "--store", str(store), "--format", "csv")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert first.output == second.output and len(first.output.splitlines()) == 12


def test_query_path_imports_neither_pyshacl_nor_networkx():
    code = (
        "import sys; from plankg.cli import main\n"
        "try: main(['query', 'targets', '--format', 'csv'])\n"
        "except SystemExit as e: assert not e.code, e.code\n"
        "heavy = sorted(m for m in ('pyshacl', 'networkx', 'rdflib') if m in sys.modules)\n"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_a_parameter_named_name_or_text_is_a_clear_error_not_a_crash():
    result = invoke("query", "tasks-by-area", "-p", "name=x")
    assert result.exit_code == 2
    assert "unknown parameter(s) name" in result.output


def test_a_variable_in_a_comment_or_string_is_no_parameter():
    text = 'SELECT ?s WHERE { ?s rdfs:label "?_x" } LIMIT 1 # was ?_area\n'
    result = invoke("sparql", "-", "--format", "csv", input=text)
    assert result.exit_code == 0, result.output


def test_a_store_path_under_a_file_is_exit_2(tmp_path):
    (tmp_path / "file").write_text("x")
    result = invoke("query", "targets", "--store", str(tmp_path / "file" / "store"))
    assert result.exit_code == 2
    assert "cannot be opened as an Oxigraph store" in result.output


def test_a_query_file_that_is_not_utf8_is_exit_2(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"\xff\xfe SELECT")
    result = invoke("sparql", str(bad))
    assert result.exit_code == 2
    assert "not UTF-8" in result.output


def test_a_table_asks_for_the_labels_of_its_own_iris_only():
    # Three plans hold far more labels than 5 rows; the table of their 3 plans asks only for those.
    from helpers import plan_folders

    result = invoke("query", "plans", *map(str, plan_folders()), "--max-rows", "5", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Tiny plan (tiny:plan)" in result.output
    assert result.output.rstrip().endswith(f"{len(plan_folders())} row(s)")


def test_a_long_table_is_plain_aligned_text_with_its_labels(monkeypatch):
    from rich.cells import cell_len

    import plankg.cli.tables as tables

    monkeypatch.setattr(tables, "RICH_ROWS", 3)
    result = invoke("query", "targets", "--lang", "zh")
    assert result.exit_code == 0, result.output
    title, header, rule, *rows, count = result.output.splitlines()
    assert title == "targets" and header.startswith("plan ") and set(rule) == {"-", " "}
    assert len(rows) == 11 and count == "11 row(s)"
    # The plan's IRI is shown with its label, and the task column starts under its header,
    # Chinese characters counting two columns as a terminal shows them.
    assert all(row.startswith("关于打造社会主义现代化建设县域示范 走好新时代“昆山之路”的总体方案 (ks:plan)") for row in rows)
    column = cell_len(header[:header.index(" task ") + 1])
    assert {cell_len(row[:row.index("ks:task/")]) for row in rows} == {column}


def test_a_long_table_from_term_numbers_is_the_table_the_rows_gave(monkeypatch):
    # A long table is written from the answer's term table, each distinct cell made once; the text
    # must be the one the row-by-row renderer writes (hidden columns, labels, unbound cells, Chinese).
    import plankg.cli.tables as tables
    from plankg.sparql.results import QueryResult

    monkeypatch.setattr(tables, "RICH_ROWS", 3)
    outputs = {}
    for path in ("table", "rows"):
        if path == "rows":
            monkeypatch.setattr(QueryResult, "table", property(lambda self: None))
        outputs[path] = [invoke("query", name, "--lang", lang).output
                         for name in ("targets", "analysis-entities", "milestones") for lang in ("zh", "en")]
    assert outputs["table"] == outputs["rows"]
    assert all(out.rstrip().endswith("row(s)") for out in outputs["table"])
