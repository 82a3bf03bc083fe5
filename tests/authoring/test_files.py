"""The workbook on disk: bilingual headers, drop-downs, text that stays text, CSV in UTF-8."""

from __future__ import annotations

import pytest

import plankg
from plankg.authoring import export_workbook
from plankg.authoring.errors import WorkbookError
from plankg.authoring.files import read_tables, write_csvdir, write_xlsx

from .conftest import BUNDLED

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "ks.xlsx"
    export_workbook(plankg.load([BUNDLED["ks"]]), path)
    return openpyxl.load_workbook(path)


def test_the_first_sheet_explains_the_workbook_in_chinese_and_english(book):
    assert book.sheetnames[0] == "about"
    assert book["about"]["A1"].value == "规划工作簿" and book["about"]["B1"].value == "Plan workbook"
    assert book["lists"].sheet_state == "hidden"


def test_headers_are_keys_then_bilingual_titles_and_required_columns_are_starred(book):
    tasks = book["tasks"]
    assert [c.value for c in tasks[1]][:4] == ["id", "layer", "type", "area"]
    assert tasks["H2"].value == "名称（中文） / label (zh) *"
    assert tasks.freeze_panes == "B3"
    assert tasks["A3"].value == "task/01"
    assert tasks["E3"].value == 1  # ordinals are numbers in the workbook


def test_controlled_vocabularies_have_drop_downs(book):
    targets = book["targets"]
    header = [c.value for c in targets[1]]
    formulas = {}
    for rule in targets.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            formulas[header[cell_range.min_col - 1]] = rule.formula1
    assert set(formulas) == {"layer", "unit", "counted_kind", "comparator", "modality", "verdict"}
    lists = book["lists"]
    names = {lists.cell(1, j).value: j for j in range(1, lists.max_column + 1)}
    units = [lists.cell(i, names["units"]).value for i in range(2, lists.max_row + 1)]
    assert "unit:CCY_CNY" in units and "plan:PercentagePoint" in units
    roles = [lists.cell(i, names["roles"]).value for i in range(2, lists.max_row + 1)]
    assert "plan:Lead" in roles


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path):
    tables = {"dataset": [{"id": "dataset", "uri_space": "http://ex.org/p/", "prefix": "p"}],
              "tasks": [{"id": "task/1", "label_zh": "=1+1", "notation": "01", "ordinal": "007"}]}
    write_xlsx(tables, tmp_path / "t.xlsx", {})
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["tasks"]
    assert sheet["H3"].data_type == "s"
    rows = read_tables(tmp_path / "t.xlsx")["tasks"]
    assert rows[0][1]["label_zh"] == "=1+1" and rows[0][1]["notation"] == "01" and rows[0][1]["ordinal"] == "007"
    write_csvdir(tables, tmp_path / "csv")
    assert read_tables(tmp_path / "csv")["tasks"] == rows


def test_an_unknown_column_or_a_file_that_is_no_workbook_is_a_cell_error(tmp_path):
    write_csvdir({"dataset": []}, tmp_path / "csv")
    path = tmp_path / "csv" / "tasks.csv"
    path.write_text("id,lable_zh\n标识,名称\ntask/1,x\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="tasks, row 1, column B: 'lable_zh': unknown column"):
        read_tables(tmp_path / "csv")
    (tmp_path / "bad.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(WorkbookError, match="not a readable .xlsx workbook"):
        read_tables(tmp_path / "bad.xlsx")
