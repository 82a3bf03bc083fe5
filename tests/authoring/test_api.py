"""The round trip: bundled data → workbook → import is the same graph; import → export → import the same files."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

import plankg
from plankg.authoring import export_workbook, import_workbook
from plankg.authoring.api import plan_statements
from plankg.authoring.statements import ntriples

from .conftest import BUNDLED


def _layers(folder: Path) -> dict[str, str]:
    _, layers = plan_statements(plankg.load([folder]))
    return {name: ntriples(triples) for name, triples in layers.items()}


def _same_files(a: Path, b: Path) -> list[str]:
    """The relative paths whose bytes differ between the two folders, or that only one has."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(p) for p in names_a ^ names_b)
    differ += [str(p) for p in sorted(names_a & names_b) if not filecmp.cmp(a / p, b / p, shallow=False)]
    return differ


@pytest.mark.parametrize("plan", sorted(BUNDLED))
@pytest.mark.parametrize("fmt", ["xlsx", "csvdir"])
def test_bundled_plan_round_trips_exactly_in_both_layers(plan, fmt, tmp_path):
    bundled = _layers(BUNDLED[plan])
    book = tmp_path / ("plan.xlsx" if fmt == "xlsx" else "plan-csv")
    exported = export_workbook(plankg.load([BUNDLED[plan]]), book, fmt)
    assert exported.triples == sum(len(t.splitlines()) for t in bundled.values())
    result = import_workbook(book, tmp_path / "data")
    assert result.conforms, [e.message("en") for e in result.errors]
    imported = _layers(tmp_path / "data")
    assert set(bundled) == {"source", "curated"}
    for layer in bundled:
        assert imported[layer] == bundled[layer], layer  # canonical N-Triples: no blank nodes in the data


@pytest.mark.parametrize("plan", sorted(BUNDLED))
def test_import_export_import_gives_identical_files(plan, tmp_path):
    export_workbook(plankg.load([BUNDLED[plan]]), tmp_path / "first.xlsx")
    import_workbook(tmp_path / "first.xlsx", tmp_path / "one")
    export_workbook(plankg.load([tmp_path / "one"]), tmp_path / "second", "csvdir")
    import_workbook(tmp_path / "second", tmp_path / "two")
    export_workbook(plankg.load([tmp_path / "two"]), tmp_path / "third.xlsx")
    import_workbook(tmp_path / "third.xlsx", tmp_path / "three")
    assert _same_files(tmp_path / "one", tmp_path / "two") == []
    assert _same_files(tmp_path / "two", tmp_path / "three") == []
    export_workbook(plankg.load([tmp_path / "two"]), tmp_path / "again", "csvdir")
    assert _same_files(tmp_path / "second", tmp_path / "again") == []


def test_the_data_folder_has_the_layout_of_data(tmp_path):
    export_workbook(plankg.load([BUNDLED["ks"]]), tmp_path / "ks.xlsx")
    result = import_workbook(tmp_path / "ks.xlsx", tmp_path / "ks")
    bundled = sorted(str(p.relative_to(BUNDLED["ks"])) for p in BUNDLED["ks"].rglob("*.ttl"))
    assert "source/topics.ttl" in bundled
    assert sorted(map(str, result.files)) == bundled
    structure = (tmp_path / "ks" / "source" / "structure.ttl").read_text(encoding="utf-8")
    assert "@base <https://w3id.org/plankg/kunshan-2022/> ." in structure
    assert "<task/06> a plan:Task ;" in structure
    # natural order: task/02 before task/10
    assert structure.index("<task/02> a") < structure.index("<task/10> a")


UNKNOWN = """
@prefix ex: <http://example.org/vocab#> .
<https://w3id.org/plankg/tiny/task/1> ex:odd "奇怪"^^ex:strange ;
    ex:weight "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
    ex:seeAlso [ ex:note "une note"@fr ; ex:next [ ex:note "deux" ] ] .
ex:Thing ex:says "=SUM(A1:A2)" , "" , "line one\\nline two" .
"""


def test_unknown_predicates_blank_nodes_and_odd_literals_survive(tiny, tmp_path):
    (tiny / "source" / "extra.ttl").write_text(UNKNOWN, encoding="utf-8")
    before = rdflib.Graph()
    for path in sorted(tiny.rglob("*.ttl")):
        if "curated" not in path.parts:
            before.parse(path)
    for fmt, book in (("xlsx", tmp_path / "t.xlsx"), ("csvdir", tmp_path / "t-csv")):
        export_workbook(plankg.load([tiny]), book, fmt)
        out = tmp_path / f"out-{fmt}"
        result = import_workbook(book, out)
        assert result.conforms, [e.message("en") for e in result.errors]
        after = rdflib.Graph()
        for path in sorted(out.rglob("*.ttl")):
            if "curated" not in path.parts:
                after.parse(path)
        assert isomorphic(before, after), fmt
    other = (tmp_path / "t-csv" / "other.csv").read_text(encoding="utf-8-sig")
    assert "http://example.org/vocab#odd" in other and "=SUM(A1:A2)" in other


def test_nothing_is_written_when_the_plan_breaks_a_shape(tmp_path):
    export_workbook(plankg.load([BUNDLED["jn"]]), tmp_path / "jn", "csvdir")
    tasks = tmp_path / "jn" / "tasks.csv"
    text = tasks.read_text(encoding="utf-8-sig")
    tasks.write_text(text.replace(",Build a first-class national software industry cluster,", ",,", 1), encoding="utf-8")
    result = import_workbook(tmp_path / "jn", tmp_path / "out")
    assert not result.conforms
    assert [(e.sheet, e.row, e.column, e.value) for e in result.errors] == [("tasks", 4, "label_en", "")]
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_existing_data_folder_is_replaced_whole_keeping_its_source_texts(tmp_path):
    import shutil

    data = tmp_path / "jn"
    shutil.copytree(BUNDLED["jn"], data)
    (data / "source" / "stale.ttl").write_text("# a file the workbook does not have\n", encoding="utf-8")
    export_workbook(plankg.load([data]), tmp_path / "jn.xlsx")
    (data / "source" / "stale.ttl").unlink()
    (data / "source" / "old-only.ttl").write_text("# gone after the import\n", encoding="utf-8")
    result = import_workbook(tmp_path / "jn.xlsx", data)
    assert result.conforms
    assert not (data / "source" / "old-only.ttl").exists()
    assert (data / "source-text" / "README.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jn", "jn.xlsx"]


def test_a_folder_that_is_not_a_data_folder_is_refused(tmp_path):
    export_workbook(plankg.load([BUNDLED["jn"]]), tmp_path / "jn.xlsx")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(plankg.PlanKGError, match="not a plan data folder"):
        import_workbook(tmp_path / "jn.xlsx", tmp_path / "mine")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_export_of_several_plans_asks_for_one(tmp_path):
    kg = plankg.load([BUNDLED["ks"], BUNDLED["jn"]])
    with pytest.raises(plankg.ExportError, match="one plan"):
        export_workbook(kg, tmp_path / "x.xlsx")
    assert export_workbook(kg, tmp_path / "jn.xlsx", plan="jn").rows > 100
