"""plankg new, plankg import, plankg export --format xlsx|csvdir: exit codes 0, 1, 2 and nothing written on error."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from plankg.cli import main

REPO = Path(__file__).resolve().parents[2]
JINAN = str(REPO / "data" / "jinan-digital-2021")


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_new_then_validate_exits_0(tmp_path):
    result = _run("new", "demo", "--title", "示例规划", "-o", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    result = _run("validate", tmp_path / "demo")
    assert result.exit_code == 0, result.output


def test_new_workbook_import_validate_report(tmp_path):
    assert _run("new", "demo", "--workbook", "-o", tmp_path / "demo.xlsx").exit_code == 0
    result = _run("import", tmp_path / "demo.xlsx", "-o", tmp_path / "data", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    assert _run("validate", tmp_path / "data").exit_code == 0
    report = _run("report", tmp_path / "data", "--lang", "en")
    assert report.exit_code == 0, report.output


def test_export_xlsx_and_csvdir_then_import(tmp_path):
    result = _run("export", "--format", "xlsx", "-o", tmp_path / "jn.xlsx", JINAN)
    assert result.exit_code == 0, result.output
    assert "rows" in result.output and (tmp_path / "jn.xlsx").is_file()
    result = _run("export", "--format", "csvdir", "-o", tmp_path / "jn", JINAN)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "jn" / "tasks.csv").is_file()
    assert _run("import", tmp_path / "jn", "-o", tmp_path / "data").exit_code == 0
    refused = _run("export", "--format", "xlsx", "-o", "-", JINAN)
    assert refused.exit_code == 2 and "writes files" in refused.output


def test_a_blank_required_cell_exits_1_with_one_message_and_writes_nothing(tmp_path):
    _run("export", "--format", "csvdir", "-o", tmp_path / "jn", JINAN)
    path = tmp_path / "jn" / "tasks.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[3][rows[0].index("label_zh")] = ""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = _run("import", tmp_path / "jn", "-o", tmp_path / "data", "--lang", "en")
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("tasks, row 4, column label_zh: '': ")
    assert lines[1:] == ["1 violations; nothing written."]
    assert not (tmp_path / "data").exists()
    zh = _run("import", tmp_path / "jn", "-o", tmp_path / "data")
    assert zh.output.startswith("工作表 tasks，第 4 行，列 label_zh，值“”：")


def test_an_unreadable_cell_exits_2_naming_it_and_writes_nothing(tmp_path):
    _run("export", "--format", "csvdir", "-o", tmp_path / "jn", JINAN)
    path = tmp_path / "jn" / "targets.csv"
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    rows[3][rows[0].index("year")] = "2023年"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = _run("import", tmp_path / "jn", "-o", tmp_path / "data", "--lang", "en")
    assert result.exit_code == 2
    assert "plankg: error: targets, row 4, column year: '2023年': expected a whole number" in result.output
    assert not (tmp_path / "data").exists()
