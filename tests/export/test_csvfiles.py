"""CSV read back by the csv module: two files, UTF-8 with BOM, Gephi's column names."""

from __future__ import annotations

import csv

import pytest
from export_readers import CHINESE, HOSTILE_LABELS, KUNSHAN

from plankg.exports import export
from plankg.exports.csvfiles import csv_paths

BOM = b"\xef\xbb\xbf"


def read(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_nodes_and_edges_files_with_bom(exported, view):
    result = exported("csv", view)
    nodes_path, edges_path = result.files
    assert result.path == nodes_path and nodes_path.name == f"{view}-nodes.csv" and edges_path.name == f"{view}-edges.csv"
    for path in result.files:
        raw = path.read_bytes()
        assert raw.startswith(BOM) and not raw[3:].startswith(BOM)
        assert b"\r\n" in raw
    nodes, edges = read(nodes_path), read(edges_path)
    assert (len(nodes), len(edges)) == KUNSHAN[view]
    assert CHINESE[view] in {row["Label"] for row in nodes}
    ids = {row["Id"] for row in nodes}
    assert all(row["Source"] in ids and row["Target"] in ids and row["Type"] == "Directed" for row in edges)


def test_columns(exported):
    nodes_path, edges_path = exported("csv").files
    with open(nodes_path, encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == [
            "Id", "Label", "type", "type_label", "label_zh", "label_en", "number",
            "source_text", "statement_zh", "statement_en", "plan",
        ]
    with open(edges_path, encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == [
            "Source", "Target", "Type", "Label", "relation", "label_zh", "label_en", "rationale_zh", "rationale_en",
            "plan",
        ]
    task = next(row for row in read(nodes_path) if row["Id"].endswith("/task/08"))
    assert task["number"] == "8" and task["label_en"] == "Make industrial clusters innovation-driven"
    assert task["plan"] == "https://w3id.org/plankg/kunshan-2022/plan"


def test_file_names():
    assert [p.name for p in csv_paths("out/plan-nodes.csv")] == ["plan-nodes.csv", "plan-edges.csv"]
    assert [p.name for p in csv_paths("out/plan.csv")] == ["plan.csv", "plan-edges.csv"]
    assert [p.name for p in csv_paths("out/plan")] == ["plan", "plan-edges.csv"]


def test_hostile_labels_round_trip_and_formulas_are_defused(hostile_exported):
    nodes_path, edges_path = hostile_exported("csv").files
    labels = {row["Id"]: row["Label"] for row in read(nodes_path)}
    formula = "https://example.org/hostile/task-2"
    assert labels.pop(formula) == "'" + HOSTILE_LABELS[formula]
    assert labels == {k: v for k, v in HOSTILE_LABELS.items() if k != formula}
    assert len(read(edges_path)) == 9


def test_english_labels(kg, tmp_path):
    result = export(kg, "csv", tmp_path / "places.csv", view="places", lang="en")
    assert "Huaqiao International Business City" in {row["Label"] for row in read(result.path)}
    assert "connects to" in {row["Label"] for row in read(result.files[1])}
