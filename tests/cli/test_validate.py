"""``plankg validate``: exit codes, formats, and nothing written on error."""

import json

from click.testing import CliRunner

from helpers import edit, plan_copy
from plankg.cli import main


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_bundled_plan_conforms_exit_0():
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_violation_exit_1_names_the_entity(tmp_path):
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "structure.ttl", "<task/02> , <task/03> ,", "<task/02> ,")
    result = invoke("validate", str(folder), "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "task/03" in result.output and "Link northward with Taicang" in result.output


def test_json_format(tmp_path):
    result = invoke("validate", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["conforms"], data["results"]) == (True, [])
    assert [(p["prefix"], p["plan"]) for p in data["plans"]] == [("ks", "https://w3id.org/plankg/kunshan-2022/plan")]


def test_syntax_error_exit_2_one_line_and_nothing_written(tmp_path):
    folder = plan_copy(tmp_path)
    bad = folder / "source" / "plan.ttl"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n<x> <y> .\n", encoding="utf-8")
    out = tmp_path / "report.txt"
    result = invoke("validate", str(folder), "-o", str(out))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_missing_path_exit_2(tmp_path):
    result = invoke("validate", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.json"
    result = invoke("validate", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["conforms"] is True
