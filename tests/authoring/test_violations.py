"""SHACL violations come back as the cells to fix."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import plankg
from plankg.authoring import export_workbook, import_workbook

from .conftest import BUNDLED


@pytest.fixture(scope="module")
def jn_csv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("jn") / "jn"
    export_workbook(plankg.load([BUNDLED["jn"]]), folder, "csvdir")
    return folder


def _edit(folder: Path, tmp_path: Path, sheet: str, row: int, key: str, value: str) -> Path:
    """A copy of the CSV folder with one cell changed (``row`` as the spreadsheet numbers it)."""
    import shutil

    copy = tmp_path / "book"
    shutil.copytree(folder, copy)
    path = copy / f"{sheet}.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(key)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return copy


def _cells(result):
    return [(e.sheet, e.row, e.column, e.value) for e in result.errors]


def test_a_blank_required_cell_in_tasks_is_one_message_at_its_cell(jn_csv, tmp_path):
    result = import_workbook(_edit(jn_csv, tmp_path, "tasks", 5, "statement_zh", ""), tmp_path / "out")
    assert _cells(result) == [("tasks", 5, "statement_zh", "")]
    assert "plan:statement" in result.errors[0].message("en")
    assert result.errors[0].message("zh").startswith("工作表 tasks，第 5 行，列 statement_zh，值“”：")
    assert not (tmp_path / "out").exists()


def test_a_blank_inverse_cell_is_found_through_the_inverse_path(jn_csv, tmp_path):
    result = import_workbook(_edit(jn_csv, tmp_path, "tasks", 6, "area", ""), tmp_path / "out")
    assert ("tasks", 6, "area", "") in _cells(result)


def test_a_bad_value_points_at_the_cell_that_holds_it(jn_csv, tmp_path):
    result = import_workbook(_edit(jn_csv, tmp_path, "targets", 3, "unit", "unit/undeclared"), tmp_path / "out")
    assert ("targets", 3, "unit", "unit/undeclared") in _cells(result)
    result = import_workbook(_edit(jn_csv, tmp_path / "x", "tasks", 3, "ordinal", "0"), tmp_path / "out")
    assert ("tasks", 3, "ordinal", "0") in _cells(result)


def test_a_wrong_language_pair_names_the_label_column(jn_csv, tmp_path):
    result = import_workbook(_edit(jn_csv, tmp_path, "places", 3, "label_en", ""), tmp_path / "out")
    assert _cells(result) == [("places", 3, "label_en", "")]


@pytest.fixture(scope="module")
def ks_csv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ks") / "ks"
    export_workbook(plankg.load([BUNDLED["ks"]]), folder, "csvdir")
    return folder


@pytest.mark.parametrize("sheet, key, value", [
    ("shifts", "to_state_en", ""),
    ("positionings", "task", ""),
    ("links", "confidence", "1.5"),
])
def test_violations_in_the_new_sheets_point_at_their_cells(ks_csv, tmp_path, sheet, key, value):
    result = import_workbook(_edit(ks_csv, tmp_path, sheet, 3, key, value), tmp_path / "out")
    assert (sheet, 3, key, value) in _cells(result)
    assert not (tmp_path / "out").exists()
