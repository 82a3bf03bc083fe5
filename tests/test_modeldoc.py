"""The README's table of required fields is the one the shapes give (plankg.modeldoc)."""

from pathlib import Path

import pytest

from plankg import modeldoc

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(modeldoc.BEGIN) + len(modeldoc.BEGIN), text.index(modeldoc.END)
    return text[start:end].strip("\n") + "\n"


def test_readme_table_is_the_generated_one():
    assert readme_table() == modeldoc.fields_table(), "run: python -m plankg.modeldoc README.md"


def test_table_rows_come_from_the_shapes():
    rows = {(f.cls, f.path): f for f in modeldoc.fields()}
    assert (rows["plan:Target", "plan:unit"].min, rows["plan:Target", "plan:unit"].max) == ("1", "1")
    assert rows["plan:Target", "plan:unit"].value == "IRI of a plan:Unit"
    assert rows["plan:Task", "^plan:hasTask"].min == "1"
    assert rows["plan:Area", "plan:hasArea or plan:hasTask or plan:hasTarget or plan:statement"].min == "1"
    assert (rows["plan:Area", "plan:statement"].min, rows["plan:Area", "plan:statement"].max) == (
        "2 (if the area has a plan:statement)", "2")
    assert rows["plan:Task", "plan:responsibleUnit"].value == "a plan:Organization"
    assert rows["plan:Plan", "rdfs:label"].value == "@zh and @en, one each"
    assert rows["plan:Plan", "plan:covers"].value == "a plan:AdministrativeDivision"
    assert rows["void:Dataset", "vann:preferredNamespacePrefix"].value == "literal; matches `^[a-z][a-z0-9]*$`"
    counts = [f for f in modeldoc.fields() if (f.cls, f.path) == ("plan:Target", "plan:countedKind")]
    assert sorted(f.min for f in counts) == ["0", "1 (if plan:unit is unit:NUM)"]


def test_a_changed_shape_changes_the_table(tmp_path):
    shapes = Path(modeldoc.shapes_file()).read_text(encoding="utf-8")
    old = "sh:path plan:sourceExpression ;\n    sh:minCount 1 ;"
    assert shapes.count(old) == 1
    changed = tmp_path / "shapes.ttl"
    changed.write_text(shapes.replace(old, "sh:path plan:sourceExpression ;\n    sh:minCount 0 ;"), encoding="utf-8")
    assert modeldoc.fields_table(changed) != modeldoc.fields_table()
    assert "| plan:Target | plan:sourceExpression | 0 | 1 | literal |" in modeldoc.fields_table(changed)


def test_replace_table_needs_the_markers():
    with pytest.raises(ValueError):
        modeldoc.replace_table("no markers here", "| a |\n")
    text = f"before\n{modeldoc.BEGIN}\nold\n{modeldoc.END}\nafter\n"
    assert modeldoc.replace_table(text, "| new |\n") == f"before\n{modeldoc.BEGIN}\n\n| new |\n\n{modeldoc.END}\nafter\n"


def test_main_rewrites_a_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"# Page\n{modeldoc.BEGIN}\n{modeldoc.END}\n", encoding="utf-8")
    assert modeldoc.main([str(page)]) == 0
    assert modeldoc.fields_table() in page.read_text(encoding="utf-8")
