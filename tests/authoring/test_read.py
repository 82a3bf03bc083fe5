"""Reading the tables: every error names its sheet, row, column and value, in zh and en."""

from __future__ import annotations

import pytest

from plankg.authoring.errors import WorkbookError
from plankg.authoring.read import statements_from_tables
from plankg.authoring.statements import Lit
from plankg.namespaces import PLAN

BASE = "http://example.org/p/"
DATASET = [(3, {"id": "dataset", "type": "void:Dataset", "plan": "plan", "uri_space": BASE, "prefix": "p"})]


def _read(**sheets):
    return statements_from_tables({"dataset": DATASET, **sheets})


def _errors(**sheets):
    with pytest.raises(WorkbookError) as caught:
        _read(**sheets)
    return [(e.sheet, e.row, e.column, e.value) for e in caught.value.errors], caught.value


def test_a_row_becomes_statements_with_the_sheets_class_and_layer():
    result = _read(tasks=[(3, {"id": "task/1", "area": "area/1", "ordinal": "2", "label_zh": "任务",
                               "initiatives": "project/a  project/b"})])
    source = result.layers["source"]
    task = BASE + "task/1"
    assert (task, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", PLAN + "Task") in source
    assert (BASE + "area/1", PLAN + "hasTask", task) in source  # an inverse column
    assert (task, PLAN + "ordinal", Lit("2", "http://www.w3.org/2001/XMLSchema#integer")) in source
    assert {o for s, p, o in source if p == PLAN + "namesInitiative"} == {BASE + "project/a", BASE + "project/b"}
    assert result.home[("source", task)].row == 3


def test_bad_cells_are_all_reported_with_their_place():
    errors, err = _errors(tasks=[
        (3, {"id": "task/1", "ordinal": "三"}),
        (4, {"id": "任务/2"}),
        (5, {"id": "task/3", "area": "foo:bar"}),
        (6, {"id": "task/1"}),
        (7, {"label_zh": "无标识"}),
        (8, {"id": "task/9", "layer": "draft"}),
    ])
    assert errors == [
        ("tasks", 3, "ordinal", "三"),
        ("tasks", 4, "id", "任务/2"),
        ("tasks", 5, "area", "foo:bar"),
        ("tasks", 6, "id", "task/1"),
        ("tasks", 7, "id", ""),
        ("tasks", 8, "layer", "draft"),
    ]
    assert "duplicate id: already used in sheet tasks, row 3" in err.errors[3].message("en")
    assert err.errors[2].message("zh").startswith("工作表 tasks，第 5 行，列 area，值“foo:bar”：未知前缀")
    assert str(err).startswith("tasks, row 3, column ordinal: '三': expected a whole number") and "(and 5 more)" in str(err)


def test_the_dataset_sheet_needs_one_row_with_an_iri_space():
    with pytest.raises(WorkbookError, match="exactly one row"):
        statements_from_tables({})
    with pytest.raises(WorkbookError, match="uri_space: 'p/': expected an IRI ending in /"):
        statements_from_tables({"dataset": [(3, {"id": "dataset", "uri_space": "p/", "prefix": "p"})]})


def test_a_target_expression_fills_its_blank_quantity_cells_and_explicit_cells_win():
    result = _read(targets=[
        (3, {"id": "target/1", "expression": "到2025年突破6000亿元"}),
        (4, {"id": "target/2", "expression": "3500家以上", "comparator": "plan:Reach"}),
    ])
    facts = {(s.rsplit("/", 1)[-1], p.rsplit("#", 1)[-1]): o for s, p, o in result.layers["source"]}
    assert facts[("1", "value")] == Lit("600000000000", "http://www.w3.org/2001/XMLSchema#decimal")
    assert facts[("1", "unit")] == "http://qudt.org/vocab/unit/CCY_CNY"
    assert facts[("1", "comparator")] == PLAN + "Exceed"
    assert facts[("1", "comparatorText")] == Lit("突破")
    assert facts[("1", "year")] == Lit("2025", "http://www.w3.org/2001/XMLSchema#integer")
    assert facts[("2", "comparator")] == PLAN + "Reach"
    assert facts[("2", "countedKind")] == PLAN + "Enterprise"
    assert facts[("1", "sourceExpression")] == Lit("到2025年突破6000亿元")


def test_links_write_their_direct_triple_unless_told_not_to():
    rows = [
        (3, {"id": "link/1", "type": "plan:Implementation", "action_plan": "ap/1", "task": "task/1"}),
        (4, {"id": "link/2", "type": "plan:Support", "supporting_task": "task/1", "supported_task": "task/2", "direct": "no"}),
        (5, {"id": "link/3", "type": "plan:Support", "supporting_task": "task/2", "supported_task": "task/3", "direct": "maybe"}),
    ]
    with pytest.raises(WorkbookError, match="links, row 5, column direct: 'maybe': expected yes or no"):
        _read(links=rows)
    curated = _read(links=rows[:2]).layers["curated"]
    assert (BASE + "ap/1", PLAN + "implements", BASE + "task/1") in curated
    assert not any(p == PLAN + "supports" for _, p, _ in curated)


def test_other_statements_read_iris_literals_languages_and_blank_nodes():
    result = _read(other=[
        (3, {"subject": "task/1", "predicate": "<http://ex.org/p>", "object": "x", "object_kind": "literal",
             "datatype": "<http://ex.org/dt>"}),
        (4, {"layer": "curated", "subject": "_:b1", "predicate": "rdfs:comment", "object": "note", "lang": "fr"}),
        (5, {"subject": "task/1", "predicate": "rdfs:seeAlso", "object": "_:b1", "object_kind": "blank"}),
    ])
    assert (BASE + "task/1", "http://ex.org/p", Lit("x", "http://ex.org/dt")) in result.layers["source"]
    assert ("_:b1", "http://www.w3.org/2000/01/rdf-schema#comment",
            Lit("note", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "fr")) in result.layers["curated"]
    errors, _ = _errors(other=[(3, {"subject": "task/1", "predicate": "", "object": "x"})])
    assert errors == [("other", 3, "predicate", "")]


def test_a_link_with_a_bad_cell_reports_that_cell_once():
    errors, _ = _errors(links=[(3, {"id": "link/1", "type": "plan:Implementation", "action_plan": "行动/1", "task": "task/1"})])
    assert errors == [("links", 3, "action_plan", "行动/1")]


def test_a_row_of_the_other_layer_with_a_blank_type_types_nothing():
    result = _read(places=[(3, {"id": "place/k", "label_zh": "昆山", "label_en": "Kunshan"}),
                           (4, {"id": "place/k", "layer": "curated", "byname": "鹿城"})])
    place = BASE + "place/k"
    assert (place, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", PLAN + "Place") in result.layers["source"]
    assert result.layers["curated"] == {(place, PLAN + "byname", Lit("鹿城", lang="zh"))}
    assert result.home[("curated", place)].row == 4


def test_coverage_confidence_and_the_direct_triples_of_contributions_and_alignments():
    result = _read(links=[
        (3, {"id": "curated/contribution/1", "type": "plan:Contribution", "contributing_action_plan": "action-plan/1",
             "goal_statement": "goal/1", "coverage": "plan:PartialCoverage", "confidence": "0.55"}),
        (4, {"id": "curated/alignment/1", "type": "plan:Alignment", "aligned_entity": "task/1",
             "aligned_concept": "<http://metadata.un.org/sdg/9.2>", "direct": "no"}),
    ])
    curated = result.layers["curated"]
    link = BASE + "curated/contribution/1"
    assert (link, PLAN + "coverage", PLAN + "PartialCoverage") in curated
    assert (link, PLAN + "confidence", Lit("0.55", "http://www.w3.org/2001/XMLSchema#decimal")) in curated
    assert (BASE + "action-plan/1", PLAN + "contributesTo", BASE + "goal/1") in curated
    assert not any(p == "http://www.w3.org/2004/02/skos/core#relatedMatch" for _, p, _ in curated)  # direct: no


def test_a_year_cell_holds_a_year():
    errors, _ = _errors(periods=[(3, {"id": "time/2022", "type": "time:Instant", "in_year": "二〇二二"})])
    assert errors == [("periods", 3, "in_year", "二〇二二")]
    result = _read(periods=[(3, {"id": "time/2022", "type": "time:Instant", "in_year": "2022"})])
    assert (BASE + "time/2022", "http://www.w3.org/2006/time#inXSDgYear",
            Lit("2022", "http://www.w3.org/2001/XMLSchema#gYear")) in result.layers["source"]
