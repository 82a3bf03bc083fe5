"""Per-shape tests of ontology/shapes.ttl.

Every shape in the shapes graph has a folder ``tests/shapes/<ShapeLocalName>/``
with two small self-contained graphs: ``valid.ttl`` conforms to every shape,
and ``invalid.ttl``, the same graph with one thing changed, violates that very
shape. Both are validated through the plankg API, which adds the ontology to
the data graph (so ``rdfs:subClassOf`` reaches the target classes) and runs
pySHACL with ``inference="none"`` and ``advanced=True``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SH, Graph, Literal, URIRef

import plankg

ROOT = Path(__file__).resolve().parents[1]
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
EXAMPLES = Path(__file__).resolve().parent / "shapes"
PLANSH = "https://w3id.org/plankg/shapes#"

CASES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate(path: Path):
    """Validate one example graph (with the ontology) against the plankg shapes."""
    return plankg.load([path], curated=True).validate()


def describe(report) -> str:
    return "\n".join(
        f"{r.focus_node} {r.shape} {r.path} {r.value}: {r.message('en')}" for r in report.results
    )


@pytest.mark.parametrize("name", CASES)
def test_valid_example_conforms(name):
    report = validate(EXAMPLES / name / "valid.ttl")
    assert report.conforms, describe(report)
    assert report.results == ()


@pytest.mark.parametrize("name", CASES)
def test_invalid_example_violates_its_shape(name):
    report = validate(EXAMPLES / name / "invalid.ttl")
    assert not report.conforms
    shape = PLANSH + name
    own = [r for r in report.results if shape in (r.shape, r.node_shape)]
    assert own, f"no result from {shape}; results:\n{describe(report)}"
    for result in own:
        assert result.severity == "Violation"
        assert result.message("en"), result
    assert_messages_in_zh_and_en(report.graph, shape)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def assert_messages_in_zh_and_en(report_graph: Graph, shape: str) -> None:
    """Every result of ``shape`` (or of a property shape it holds) has its message in zh and en.

    pySHACL fills in the ``{?var}`` templates of SHACL-SPARQL messages and
    returns them without their language tags, so an untagged message counts
    as Chinese when it is written in Chinese script and as English otherwise.
    """
    seen = 0
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        source = str(report_graph.value(node, SH.sourceShape))
        if source != shape and not source.startswith(shape + "-"):
            continue
        seen += 1
        langs = set()
        for message in report_graph.objects(node, SH.resultMessage):
            text = str(message)
            assert "{?" not in text and "{$" not in text, f"unfilled template: {text}"
            lang = message.language.split("-")[0] if message.language else ("zh" if _is_chinese(text) else "en")
            langs.add(lang)
        assert langs >= {"zh", "en"}, f"{source}: messages {langs}"
    assert seen, f"no result from {shape} in the report graph"


@pytest.mark.parametrize("name", CASES)
def test_examples_start_with_a_comment(name):
    for kind in ("valid", "invalid"):
        first = (EXAMPLES / name / f"{kind}.ttl").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# plansh:{name} — "), first


def test_every_node_shape_has_an_example_folder(shapes):
    node_shapes = {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert node_shapes, "no sh:NodeShape in shapes.ttl"
    assert all(s.startswith(PLANSH) for s in node_shapes), sorted(node_shapes)
    names = {s[len(PLANSH) :] for s in node_shapes}
    assert names - set(CASES) == set(), "node shapes without an example folder"
    assert set(CASES) - names == set(), "example folders without a node shape"


def _languages(graph: Graph, node, predicate) -> set[str]:
    return {
        o.language.split("-")[0]
        for o in graph.objects(node, predicate)
        if isinstance(o, Literal) and o.language and str(o).strip()
    }


def test_every_shape_and_property_shape_has_label_and_message_in_zh_and_en(shapes):
    named = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    held = set(shapes.objects(None, SH.property))
    assert held <= named, "every property shape must be typed sh:PropertyShape"
    for shape in named:
        assert isinstance(shape, URIRef) and str(shape).startswith(PLANSH), shape
        assert _languages(shapes, shape, SH.message) >= {"zh", "en"}, f"{shape}: sh:message"
        assert _languages(shapes, shape, RDFS.label) >= {"zh", "en"}, f"{shape}: rdfs:label"


def test_property_shapes_are_named_after_their_node_shape(shapes):
    for node_shape, prop in shapes.subject_objects(SH.property):
        assert str(prop).startswith(str(node_shape) + "-"), (node_shape, prop)
    owners: dict = {}
    for node_shape, prop in shapes.subject_objects(SH.property):
        owners.setdefault(prop, set()).add(node_shape)
    shared = {p: o for p, o in owners.items() if len(o) > 1}
    assert not shared, f"property shapes held by more than one node shape: {shared}"


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def test_node_shapes_leave_their_targets_to_their_property_shapes(shapes):
    """pySHACL checks a property shape that has its own target once for all focus
    nodes, but one reached through sh:property once per focus node; so a node shape
    that holds property shapes declares no target and each property shape does."""
    for node_shape in set(shapes.subjects(SH.property, None)):
        assert not [t for t in _TARGETS if shapes.value(node_shape, t) is not None], node_shape
        for prop in shapes.objects(node_shape, SH.property):
            assert [t for t in _TARGETS if shapes.value(prop, t) is not None], prop


def test_sparql_constraints_leave_their_messages_to_their_shape(shapes):
    """A shape's sh:message is every result's message (SHACL 2.1.5), so Jena SHACL reports it and
    ignores a SPARQL constraint's own, which pySHACL prefers; Jena 4.5 also refuses a SPARQL
    constraint with more than one sh:message (apache/jena#3817). The detailed, templated
    message goes on the shape, where both engines use it."""
    assert [c for c in shapes.objects(None, SH.sparql) if shapes.value(c, SH.message) is not None] == []


def test_no_qualified_value_shapes(shapes):
    """pySHACL validates a qualified value shape once per value node: too slow for labels."""
    assert not list(shapes.subjects(SH.qualifiedValueShape, None))


EX = "https://example.org/plankg-test/"


def variant(tmp_path: Path, name: str, old: str, new: str):
    """Validate the valid example of ``name`` with ``old`` replaced by ``new``."""
    text = (EXAMPLES / name / "valid.ttl").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "variant.ttl"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return validate(path)


def test_a_second_label_in_one_language_is_a_violation(tmp_path):
    report = variant(tmp_path, "OrganizationShape", '"示例市政府"@zh ,', '"示例市政府"@zh , "示例政府"@zh ,')
    assert not report.conforms
    assert {(r.focus_node, r.shape) for r in report.results} == {
        (EX + "government", PLANSH + "OrganizationShape-labels")
    }


def test_a_label_pair_in_other_languages_is_a_violation(tmp_path):
    report = variant(
        tmp_path, "OrganizationShape", '"示例市政府"@zh , "Example City Government"@en', '"示例市政府"@zh , "Ville"@fr'
    )
    assert {(r.focus_node, r.shape) for r in report.results} == {
        (EX + "government", PLANSH + "OrganizationShape-labels")
    }


@pytest.mark.parametrize(
    "name, node, cls",
    [("ImplementationShape", "implementation-1-1", "Implementation"), ("SupportShape", "support-1-2", "Support")],
)
def test_a_link_node_without_its_type_is_a_violation(tmp_path, name, node, cls):
    report = variant(tmp_path, name, f"ex:{node} a plan:{cls} ;", f"ex:{node}")
    own = [r for r in report.results if r.shape == PLANSH + name + "-type"]
    assert [r.focus_node for r in own] == [EX + node]
    assert own[0].node_shape == PLANSH + name
    assert own[0].message("zh") != own[0].message("en")


def test_sparql_constraints_declare_prefixes(shapes):
    for holder in list(shapes.objects(None, SH.sparql)) + list(shapes.objects(None, SH.target)):
        if shapes.value(holder, SH.select) is not None:
            assert shapes.value(holder, SH.prefixes) == URIRef("https://w3id.org/plankg/shapes")


def test_shapes_graph_header(shapes):
    header = URIRef("https://w3id.org/plankg/shapes")
    owl = "http://www.w3.org/2002/07/owl#"
    dcterms = "http://purl.org/dc/terms/"
    assert (header, RDF.type, URIRef(owl + "Ontology")) in shapes
    assert _languages(shapes, header, URIRef(dcterms + "title")) >= {"zh", "en"}
    assert shapes.value(header, URIRef(dcterms + "description")) is not None
    assert shapes.value(header, URIRef(dcterms + "license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert shapes.value(header, URIRef(owl + "versionIRI")) == URIRef("https://w3id.org/plankg/shapes/0.1.0")
    assert shapes.value(header, URIRef(owl + "imports")) == URIRef("https://w3id.org/plankg/ontology")


def messages_of(report, shape: str) -> dict[str, list[str]]:
    """The result messages of ``shape`` in the report graph, by focus node.

    Read from the SHACL report graph rather than ``ValidationResult.messages``
    because pySHACL returns SHACL-SPARQL messages without language tags.
    """
    out: dict[str, list[str]] = {}
    for node in report.graph.subjects(RDF.type, SH.ValidationResult):
        if str(report.graph.value(node, SH.sourceShape)) == shape:
            focus = str(report.graph.value(node, SH.focusNode))
            out.setdefault(focus, []).extend(str(m) for m in report.graph.objects(node, SH.resultMessage))
    return out


def test_year_outside_the_horizon_names_the_target():
    report = validate(EXAMPLES / "YearInHorizonShape" / "invalid.ttl")
    target = "https://example.org/plankg-test/target-1-1"
    found = messages_of(report, PLANSH + "YearInHorizonShape")
    assert list(found) == [target]
    assert len(found[target]) == 2
    for text in found[target]:
        assert target in text and "2099" in text and "2022" in text and "2025" in text, text


def test_declared_count_messages_give_both_numbers():
    report = validate(EXAMPLES / "DeclaredCountMatchesShape" / "invalid.ttl")
    count = "https://example.org/plankg-test/count-demonstrations"
    found = messages_of(report, PLANSH + "DeclaredCountMatchesShape")
    assert list(found) == [count]
    zh = next(t for t in found[count] if _is_chinese(t))
    en = next(t for t in found[count] if not _is_chinese(t))
    assert "为 2" in zh and "列举了 1 个" in zh, zh
    assert "is 2" in en and "enumerates 1 " in en, en

    report = validate(EXAMPLES / "DeclaredProjectCountShape" / "invalid.ttl")
    count = "https://example.org/plankg-test/count-projects"
    found = messages_of(report, PLANSH + "DeclaredProjectCountShape")
    assert list(found) == [count]
    zh = next(t for t in found[count] if _is_chinese(t))
    en = next(t for t in found[count] if not _is_chinese(t))
    assert "为 1" in zh and "点名的 2 个项目" in zh, zh
    assert "is 1" in en and "the 2 projects" in en, en


# ---- the general model: nesting, numbering, holders of targets, declared terms


def shapes_of(report) -> set[tuple[str, str]]:
    return {(r.focus_node, r.shape) for r in report.results}


def test_tasks_numbered_within_their_area_conform_without_across_plan():
    """Two areas whose tasks are both numbered 1: the default numbering is within the area."""
    report = validate(EXAMPLES / "DeclaredCountMatchesShape" / "valid.ttl")
    assert report.conforms, describe(report)


def test_tasks_numbered_across_the_plan_need_across_plan(tmp_path):
    report = variant(tmp_path, "OrdinalsShape", "ex:plan plan:taskNumbering plan:AcrossPlan ;", "ex:plan")
    found = messages_of(report, PLANSH + "OrdinalsShape")
    assert list(found) == [EX + "plan"]
    parents = sorted(EX + p for p in ("chapter-2", "section-1-1", "section-1-2"))
    for text in found[EX + "plan"]:
        assert any(p in text for p in parents), text
    assert len(found[EX + "plan"]) == 2 * len(parents)


def test_a_count_without_its_counted_kind_is_a_violation(tmp_path):
    report = variant(tmp_path, "TargetShape", "    plan:countedKind plan:Enterprise ;\n", "")
    assert shapes_of(report) == {(EX + "target-plan-1", PLANSH + "TargetShape-count")}


def test_a_target_with_two_holders_is_a_violation(tmp_path):
    report = variant(tmp_path, "TargetShape", "ex:plan plan:hasTarget ex:target-plan-1 .",
                     "ex:plan plan:hasTarget ex:target-plan-1 .\nex:task-1 plan:hasTarget ex:target-plan-1 .")
    assert shapes_of(report) == {(EX + "target-plan-1", PLANSH + "TargetShape-task")}


def test_an_undeclared_term_is_named_with_how_to_declare_it():
    report = validate(EXAMPLES / "DeclaredTermShape" / "invalid.ttl")
    assert shapes_of(report) == {(EX + "target-1-1", PLANSH + "DeclaredTermShape")}
    assert report.results[0].path == "plan:unit"
    found = messages_of(report, PLANSH + "DeclaredTermShape")[EX + "target-1-1"]
    zh = next(t for t in found if _is_chinese(t))
    en = next(t for t in found if not _is_chinese(t))
    assert f"单位 {EX}Jia" in zh and "未声明" in zh and "plan:Unit" in zh and "plan:unit" in zh, zh
    assert f"unit {EX}Jia" in en and "not declared" in en and "as a plan:Unit" in en, en


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("plan:countedKind plan:Enterprise ;", "plan:countedKind ex:Shop ;", "countedKind"),
        ("plan:comparator plan:AtLeast ;", "plan:comparator ex:AtLeastish ;", "comparator"),
        ("plan:role plan:Spearhead .", "plan:role ex:Leader .", "role"),
        ("plan:direction plan:East ;", "plan:direction ex:Eastward ;", "direction"),
    ],
)
def test_every_kind_of_undeclared_term_is_reported(tmp_path, old, new, kind):
    report = variant(tmp_path, "DeclaredTermShape", old, new)
    own = [r for r in report.results if r.shape == PLANSH + "DeclaredTermShape"]
    assert [(r.path, r.value) for r in own] == [(f"plan:{kind}", EX + new.split("ex:")[1].split()[0])]
    assert report.results == tuple(own)


def test_a_plan_covering_a_zone_is_a_violation(tmp_path):
    report = variant(tmp_path, "PlanShape", "ex:municipality a plan:Municipality ;",
                     "ex:municipality a plan:DevelopmentZone ;")
    assert shapes_of(report) == {(EX + "plan", PLANSH + "PlanShape-covers")}


@pytest.mark.parametrize("cls", ["Province", "PrefectureLevelCity", "County", "CountyLevelCity", "District",
                                 "Town", "Township", "Subdistrict"])
def test_a_plan_may_cover_a_division_of_any_level(tmp_path, cls):
    report = variant(tmp_path, "PlanShape", "ex:municipality a plan:Municipality ;", f"ex:municipality a plan:{cls} ;")
    assert report.conforms, describe(report)


def test_an_area_without_content_is_a_violation(tmp_path):
    report = variant(tmp_path, "AreaShape", "    plan:hasArea ex:section-2-1 .", "    .")
    assert (EX + "chapter-2", PLANSH + "AreaShape-content") in shapes_of(report)


STATEMENT = '    plan:statement "由示例领导小组统筹推进各项工作。"@zh , "The example leading group coordinates all the work."@en ;\n'
SOURCE = '    plan:sourceText "（一）加强组织领导。由示例领导小组统筹推进各项工作。"@zh .\n'


def test_an_area_with_only_a_statement_conforms():
    report = validate(EXAMPLES / "AreaShape" / "valid.ttl")
    assert report.conforms, describe(report)


def test_an_area_without_statement_or_content_is_a_violation(tmp_path):
    text = (EXAMPLES / "AreaShape" / "valid.ttl").read_text(encoding="utf-8")
    path = tmp_path / "bare.ttl"
    path.write_text(text.replace(STATEMENT + SOURCE, "    .\n"), encoding="utf-8")
    assert shapes_of(validate(path)) == {(EX + "section-3-1", PLANSH + "AreaShape-content")}


@pytest.mark.parametrize(
    "statement",
    [
        '    plan:statement "由示例领导小组统筹推进各项工作。"@zh ;\n',
        '    plan:statement "The example leading group coordinates all the work."@en ;\n',
        '    plan:statement "由示例领导小组统筹推进各项工作。"@zh , "由领导小组推进。"@zh ;\n',
        '    plan:statement "由示例领导小组统筹推进各项工作。" , "The example leading group coordinates all the work."@en ;\n',
    ],
    ids=["zh-only", "en-only", "two-zh", "untagged"],
)
def test_an_area_statement_must_be_one_zh_and_one_en(tmp_path, statement):
    report = variant(tmp_path, "AreaShape", STATEMENT, statement)
    assert shapes_of(report) == {(EX + "section-3-1", PLANSH + "AreaShape-statements")}


def test_an_area_statement_needs_its_source_text(tmp_path):
    report = variant(tmp_path, "AreaShape", STATEMENT + SOURCE, STATEMENT.replace(" ;\n", " .\n"))
    assert shapes_of(report) == {(EX + "section-3-1", PLANSH + "AreaShape-statementSource")}


def test_a_task_statement_is_not_held_to_the_area_rules(tmp_path):
    """The area-statement shapes select areas only: a task's statement has its own shape."""
    report = variant(tmp_path, "TaskShape", '    plan:statement "建设示例区。"@zh , "Build the example zone."@en ;\n',
                     '    plan:statement "建设示例区。"@zh ;\n')
    assert shapes_of(report) == {(EX + "task-1", PLANSH + "TaskShape-statements")}


def test_a_responsible_unit_that_is_not_an_organization_is_a_violation(tmp_path):
    report = variant(tmp_path, "TaskShape", "plan:responsibleUnit ex:bureau , ex:government .",
                     "plan:responsibleUnit ex:bureau , ex:area-1 .")
    assert shapes_of(report) == {(EX + "task-1", PLANSH + "TaskShape-responsibleUnit")}


def test_a_place_contained_in_a_non_place_is_a_violation(tmp_path):
    report = variant(tmp_path, "PlaceShape", "schema:containedInPlace ex:city .", "schema:containedInPlace ex:plan .")
    assert shapes_of(report) == {(EX + "town", PLANSH + "PlaceShape-containedInPlace")}


def test_a_spatial_group_no_task_forms_conforms(tmp_path):
    report = variant(tmp_path, "SpatialGroupShape", "ex:task-1 plan:formsCluster ex:cluster-1 .", "")
    assert report.conforms, describe(report)


@pytest.mark.parametrize("prefix", ["KS", "1ks", "ks-2022", ""])
def test_a_data_set_prefix_must_be_lower_case_letters_and_digits(tmp_path, prefix):
    report = variant(tmp_path, "DatasetShape", 'vann:preferredNamespacePrefix "ex" ;',
                     f'vann:preferredNamespacePrefix "{prefix}" ;')
    assert shapes_of(report) == {(EX + "dataset", PLANSH + "DatasetShape-prefix")}


@pytest.mark.parametrize(
    "holder",
    ["ex:plan", "ex:area-1", "ex:milestone-2025", "ex:section-1-1"],
)
def test_a_year_outside_the_horizon_is_found_whoever_holds_the_target(tmp_path, holder):
    text = (EXAMPLES / "YearInHorizonShape" / "invalid.ttl").read_text(encoding="utf-8")
    text = text.replace("ex:task-1 plan:hasTarget ex:target-1-1 .", f"{holder} plan:hasTarget ex:target-1-1 .")
    if holder == "ex:section-1-1":
        text += """
ex:area-1 plan:hasArea ex:section-1-1 .
ex:section-1-1 a plan:Section ;
    rdfs:label "示例第一节"@zh , "Example section one"@en ;
    plan:ordinal 1 .
"""
    path = tmp_path / "holder.ttl"
    path.write_text(text, encoding="utf-8")
    found = messages_of(validate(path), PLANSH + "YearInHorizonShape")
    assert list(found) == [EX + "target-1-1"]


def test_declared_counts_reach_tasks_in_nested_areas(tmp_path):
    """A task in a section of a chapter is counted: the plan reaches it through plan:hasArea+."""
    text = (EXAMPLES / "DeclaredCountMatchesShape" / "valid.ttl").read_text(encoding="utf-8")
    old = "ex:area-2 a plan:PartyBuildingSection ;\n    rdfs:label \"示例板块二\"@zh , \"Example area two\"@en ;\n" \
          "    plan:ordinal 2 ;\n    plan:hasTask ex:task-2 ."
    assert text.count(old) == 1
    nested = "ex:area-2 a plan:PartyBuildingSection ;\n    rdfs:label \"示例板块二\"@zh , \"Example area two\"@en ;\n" \
             "    plan:ordinal 2 ;\n    plan:hasArea ex:section-2-1 .\n\n" \
             "ex:section-2-1 a plan:Section ;\n    rdfs:label \"示例第一节\"@zh , \"Example section one\"@en ;\n" \
             "    plan:ordinal 1 ;\n    plan:hasTask ex:task-2 ."
    path = tmp_path / "nested.ttl"
    path.write_text(text.replace(old, nested), encoding="utf-8")
    report = validate(path)
    assert report.conforms, describe(report)
    path.write_text(text.replace(old, nested).replace("plan:declaredValue 2 .", "plan:declaredValue 3 ."),
                    encoding="utf-8")
    found = messages_of(validate(path), PLANSH + "DeclaredCountMatchesShape")
    assert list(found) == [EX + "count-tasks"]
