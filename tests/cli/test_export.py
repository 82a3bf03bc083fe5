"""``plankg export``: every format from the command line, errors as one line and exit code 2."""

import csv

import pytest
from click.testing import CliRunner

from plankg.cli import main
from plankg.exports import ExportFormat


def invoke(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_every_format(tmp_path, fmt):
    result = invoke("export", "--format", fmt, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    extension = ExportFormat(fmt).extension
    if fmt == "csvdir":  # the plan workbook's sheets, in the folder itself
        assert "tasks.csv" in written and "dataset.csv" in written and str(tmp_path) in result.output
        return
    assert written == (["all-edges.csv", "all-nodes.csv"] if fmt == "csv" else [f"all{extension}"])
    assert all(name in result.output for name in written)


def test_view_lang_and_data_options(tmp_path):
    out = tmp_path / "places.csv"
    result = invoke("export", "--format", "csv", "--view", "places", "--lang", "en", "--no-curated",
                    "--engine", "rdflib", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "44 nodes, 57 edges" in result.output
    with open(out, encoding="utf-8-sig", newline="") as handle:
        assert "Huaqiao International Business City" in {row["Label"] for row in csv.DictReader(handle)}
    assert (tmp_path / "places-edges.csv").exists()


def test_rdf_reports_triples(tmp_path):
    result = invoke("export", "--format", "turtle", "-o", str(tmp_path / "plan.ttl"))
    assert result.exit_code == 0, result.output
    assert "triples" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "turtle", "--view", "places"], "views are for the graph formats"),
        (["--format", "dot", "-o", "/no/such/folder/plan.dot"], "does not exist"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, args, message):
    if "-o" not in args:
        args = args + ["-o", str(tmp_path / "x")]
    result = invoke("export", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_format_and_output_are_required():
    result = invoke("export", "--format", "gexf")
    assert result.exit_code == 2 and "--output" in result.output


def test_several_plans_in_one_file_or_one_plan_with_plan(tmp_path):
    import json

    from helpers import SECOND_PLAN

    from plankg.resources import bundled_plan_dir

    both = tmp_path / "both.cyjs"
    result = invoke("export", str(bundled_plan_dir()), str(SECOND_PLAN), "--format", "cytoscape", "-o", str(both))
    assert result.exit_code == 0, result.output
    data = json.loads(both.read_text(encoding="utf-8"))
    plans = {n["data"]["plan"] for n in data["elements"]["nodes"]}
    assert {"https://w3id.org/plankg/kunshan-2022/plan", "https://example.org/tiny/plan"} <= plans
    assert data["data"]["plan"] == "https://w3id.org/plankg/kunshan-2022/plan https://example.org/tiny/plan"
    one = tmp_path / "tiny.cyjs"
    result = invoke("export", str(bundled_plan_dir()), str(SECOND_PLAN), "--plan", "tiny", "--format", "cytoscape",
                    "-o", str(one))
    assert result.exit_code == 0, result.output
    data = json.loads(one.read_text(encoding="utf-8"))
    assert {n["data"]["plan"] for n in data["elements"]["nodes"]} == {"https://example.org/tiny/plan"}
    assert data["data"]["title"] == "小规划 · 全图"
    bad = invoke("export", str(bundled_plan_dir()), str(SECOND_PLAN), "--plan", "xx", "--format", "gexf",
                 "-o", str(tmp_path / "x.gexf"))
    assert bad.exit_code == 2 and "the plans loaded are: ks, tiny" in bad.output
    assert not (tmp_path / "x.gexf").exists()
    rdf = invoke("export", "--plan", "ks", "--format", "turtle", "-o", str(tmp_path / "x.ttl"))
    assert rdf.exit_code == 2 and "--plan is for the graph formats" in rdf.output


def test_layout_option(tmp_path, monkeypatch):
    import sys

    pytest.importorskip("igraph", reason="pip install 'plankg[igraph]'")
    page = tmp_path / "plan.html"
    result = invoke("export", "--format", "html", "--layout", "igraph-lgl", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert "花桥国际商务城" in page.read_text(encoding="utf-8")
    wrong = invoke("export", "--format", "mermaid", "--layout", "spring", "-o", str(tmp_path / "x.mmd"))
    assert wrong.exit_code == 2 and "mermaid carries no node positions" in wrong.output
    monkeypatch.setitem(sys.modules, "igraph", None)
    missing = invoke("export", "--format", "gexf", "--layout", "igraph-drl", "-o", str(tmp_path / "x.gexf"))
    assert missing.exit_code == 2
    assert "needs python-igraph, which is not installed: pip install 'plankg[igraph]'" in missing.output
    assert len(missing.output.strip().splitlines()) == 1 and not (tmp_path / "x.gexf").exists()
