"""The workbook covers the model: every class has a sheet, every property a column (drift tests)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.authoring.layout import ANCHOR_PREDICATES, OTHER, OTHER_COLUMNS, SHEETS, Kind, sheet_for_class
from plankg.authoring.write import class_ancestors
from plankg.modeldoc import fields
from plankg.namespaces import PLAN, PREFIXES
from plankg.resources import ontology_file

_COVERED = {c.predicate for s in SHEETS for c in s.columns if c.predicate} | {p for s in SHEETS for _, p, _ in s.direct}
# the anchor columns of a drafted row hold its annotation (<id>/anchor), its target and selectors
_COVERED |= ANCHOR_PREDICATES


def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix] + local


def test_every_property_the_ontology_declares_has_a_column():
    declared = {
        t.subject.value for t in ox.parse(path=str(ontology_file()))
        if t.predicate.value == PREFIXES["rdf"] + "type"
        and t.object.value in (PREFIXES["owl"] + "ObjectProperty", PREFIXES["owl"] + "DatatypeProperty")
    }
    assert declared and declared - _COVERED == set()


SIMPLE = [f for f in fields() if not any(ch in f.path.lstrip("^") for ch in " /()|*")]


@pytest.mark.parametrize("field", SIMPLE, ids=lambda f: f"{f.cls} {f.path}")
def test_every_field_of_the_shapes_has_a_column_and_a_sheet(field):
    assert _expand(field.path.lstrip("^")) in _COVERED
    if field.cls.split(":")[0] in ("plan", "void", "time"):
        assert sheet_for_class(_expand(field.cls), class_ancestors()) is not None


def test_every_class_of_the_ontology_but_the_vocabulary_kinds_has_a_sheet():
    classes = {
        t.subject.value for t in ox.parse(path=str(ontology_file()))
        if t.predicate.value == PREFIXES["rdf"] + "type" and t.object.value == PREFIXES["owl"] + "Class"
    }
    without = {c for c in classes if sheet_for_class(c, class_ancestors()) is None}
    # their members are the ontology's own, never a plan's
    assert without == {PLAN + "TaskNumbering", PLAN + "ReviewStatus"}


def test_keys_are_unique_ascii_and_headers_bilingual():
    for spec in SHEETS:
        keys = [c.key for c in spec.columns]
        assert len(keys) == len(set(keys)), spec.name
        assert keys[:3] == ["id", "layer", "type"]
        for column in spec.columns:
            assert column.key.isascii() and " / " in column.title
    assert [c.key for c in OTHER_COLUMNS] == ["layer", "subject", "predicate", "object", "object_kind", "datatype", "lang"]
    assert OTHER not in {s.name for s in SHEETS}


def test_a_single_value_column_holds_one_language_or_kind():
    assert Kind.ZH.lang == "zh" and not Kind.ZH.many
    assert Kind.ZH_LINES.many and Kind.IRI.many and not Kind.INTEGER.many
