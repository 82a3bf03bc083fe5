"""The shapes' SPARQL targets answered on Oxigraph give plain pySHACL's report (plankg.shaclsparql).

Every shape example, the bundled plans and a corpus with broken plans (in
batches and not) are validated twice: with the targets answered on Oxigraph
(the default) and by plain pySHACL (``shaclsparql.ENABLED`` off). The reports
must be the same, messages and labels included. A blank-node focus node that
only a SPARQL target finds checks that Oxigraph hands back the data's own
blank nodes; the algebra checks show which targets are left to rdflib.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Variable

import plankg
from helpers import edit, plan_copy
from plankg import shaclsparql
from plankg.engines.convert import add_triples
from plankg.shaclsparql import TargetAnswers, TargetQueries, answerable
from plankg.validation import _bundled_shapes, run_shacl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_corpus import corpus_plans, write_synthetic_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent
EXAMPLES = sorted((ROOT / "shapes").glob("*/*.ttl"))
BUNDLED = [ROOT.parent / "data" / "kunshan-2022", ROOT.parent / "data" / "jinan-digital-2021", ROOT / "data" / "second-plan"]
CORPUS = {"plans": 12, "seed": 11, "broken": 8}
PREFIXES = "PREFIX plan: <https://w3id.org/plankg/ontology#>\n"


@pytest.fixture
def answered(monkeypatch) -> list[str]:
    """The texts of the targets and constraints that Oxigraph answered in this test (a constraint once per focus node)."""
    texts: list[str] = []
    target, constraint = TargetAnswers.result, TargetAnswers.for_focus_node

    def result(self, text):
        found = target(self, text)
        if found is not None:
            texts.append(text)
        return found

    def for_focus_node(self, text, focus):
        found = constraint(self, text, focus)
        if found is not None:
            texts.append(text)
        return found

    monkeypatch.setattr(TargetAnswers, "result", result)
    monkeypatch.setattr(TargetAnswers, "for_focus_node", for_focus_node)
    return texts


def plain(validate, monkeypatch):
    """What ``validate()`` gives with plain pySHACL, the targets run by rdflib."""
    monkeypatch.setattr(shaclsparql, "ENABLED", False)
    try:
        return validate()
    finally:
        monkeypatch.setattr(shaclsparql, "ENABLED", True)


def assert_same(fast, reference) -> None:
    assert fast.results == reference.results  # focus nodes, messages and labels included
    assert [dict(r.messages) for r in fast.results] == [dict(r.messages) for r in reference.results]
    assert fast.conforms is reference.conforms
    assert fast.plans == reference.plans


def validated_both_ways(triples: list, shapes_text: str):
    """``triples`` validated against the shapes in ``shapes_text`` with Oxigraph answering what it can,
    checked against plain pySHACL (rdflib answering everything); the first report."""
    shapes = Graph().parse(data=shapes_text, format="turtle")
    fast = run_shacl(add_triples(Graph(), triples), shapes, triples=triples)
    assert_same(fast, run_shacl(add_triples(Graph(), triples), shapes))
    return fast


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shape_example_gives_plain_pyshacls_report(example, monkeypatch):
    kg = plankg.load([example])
    reference = plain(lambda: kg.validate(jobs=1), monkeypatch)
    assert_same(kg.validate(jobs=1), reference)
    assert reference.conforms is example.stem.startswith("valid")


def test_the_targets_are_answered_on_oxigraph_for_a_shape_they_pick_out(answered):
    report = plankg.load([ROOT / "shapes" / "YearInHorizonShape" / "invalid.ttl"]).validate(jobs=1)
    assert any(r.shape.endswith("#YearInHorizonShape") for r in report.results)
    # every SPARQL target of the bundled shapes: seven texts (two area targets share one, four observation-source ones another)
    targets = set(_bundled_shapes().targets.texts)
    assert len(targets) == 7
    assert targets <= set(answered)


@pytest.fixture(scope="module")
def broken_kunshan(tmp_path_factory) -> Path:
    """A copy of the Kunshan plan with a task out of its area and a count that no longer matches."""
    folder = plan_copy(tmp_path_factory.mktemp("ks"))
    edit(folder / "source" / "structure.ttl", "<task/02> , <task/03> ,", "<task/02> ,")
    return folder


def test_the_bundled_plans_give_plain_pyshacls_report(broken_kunshan, monkeypatch):
    kg = plankg.load([broken_kunshan, *BUNDLED[1:]])
    reference = plain(lambda: kg.validate(jobs=1), monkeypatch)
    assert not reference.conforms
    assert_same(kg.validate(jobs=1), reference)


@pytest.mark.parametrize("batch", [True, False])
def test_a_corpus_with_broken_plans_gives_plain_pyshacls_report(tmp_path_factory, monkeypatch, batch):
    from plankg.planvalidation import validate_files

    folder = write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), **CORPUS)
    kg = plankg.load([folder])
    reference = plain(lambda: validate_files(kg.files, kg.graphs, jobs=1, batch=False), monkeypatch)
    fast = validate_files(kg.files, kg.graphs, jobs=1, batch=batch)
    assert_same(fast, reference)
    assert {r.plan for r in fast.results} == {p.base + "plan" for p in corpus_plans(**CORPUS) if p.broken}


BLANK_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:NamedShape a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ; sh:prefixes ex: ;
                sh:select "SELECT ?this WHERE { ?this ex:kind ex:Named . FILTER (isBlank(?this)) }" ] ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""


def test_a_blank_node_that_only_a_sparql_target_finds_is_the_datas_own(answered):
    triples = [
        ox.Triple(ox.BlankNode("unnamed1"), ox.NamedNode("http://example.org/kind"), ox.NamedNode("http://example.org/Named")),
        ox.Triple(ox.BlankNode("named2"), ox.NamedNode("http://example.org/kind"), ox.NamedNode("http://example.org/Named")),
        ox.Triple(ox.BlankNode("named2"), ox.NamedNode("http://example.org/name"), ox.Literal("二")),
    ]
    fast = validated_both_ways(triples, BLANK_SHAPES)
    assert answered  # the target went to Oxigraph
    assert [r.focus_node for r in fast.results] == ["unnamed1"]


def test_targets_with_a_graph_a_service_a_function_or_a_prebindable_variable_are_left_to_rdflib():
    assert answerable(PREFIXES + "SELECT DISTINCT ?this WHERE { ?o a plan:Observation ; plan:source ?this }")
    assert answerable(PREFIXES + "SELECT ?this WHERE { ?this plan:year ?y } GROUP BY ?this HAVING (MAX(?y) > 1)")
    assert not answerable(PREFIXES + "SELECT ?this WHERE { GRAPH ?g { ?this a plan:Plan } }")
    assert not answerable(PREFIXES + "SELECT ?this WHERE { SERVICE <http://example.org/sparql> { ?this a plan:Plan } }")
    assert not answerable(PREFIXES + "SELECT ?this WHERE { ?this plan:year ?y FILTER (<http://example.org/f>(?y)) }")
    assert not answerable(PREFIXES + "SELECT ?this WHERE { ?this a ?c . $currentShape plan:about ?c }")
    assert not answerable(PREFIXES + "SELECT ?this WHERE { { SELECT ?this WHERE { ?this a ?c . ?shapesGraph plan:x ?c } } }")
    assert not answerable(PREFIXES + "SELECT ?that WHERE { ?that a plan:Plan }")
    assert not answerable(PREFIXES + "ASK { ?this a plan:Plan }")
    assert not answerable("SELECT ?this WHERE { ?this a undeclared:Plan }")


def test_a_shapes_graph_with_rules_leaves_every_target_to_pyshacl():
    from plankg.validation import _Shapes

    rules = BLANK_SHAPES + """
ex:NamedShape sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:seen ; sh:object ex:Yes ] .
"""
    assert _Shapes(Graph().parse(data=BLANK_SHAPES, format="turtle")).targets.texts
    assert TargetQueries(Graph().parse(data=rules, format="turtle"), _Shapes(Graph().parse(data=rules, format="turtle")).shapes_graph).texts == {}


def test_per_focus_node_constraints_are_read_from_the_algebra():
    from plankg.shaclsparql import per_focus_node

    assert per_focus_node(PREFIXES + "SELECT $this ?value WHERE { $this plan:unit ?value FILTER (?value != plan:x) }")
    assert per_focus_node(PREFIXES + "SELECT DISTINCT $this ?v WHERE { { $this plan:a ?v } UNION { $this plan:b ?v } "
                                     "FILTER NOT EXISTS { ?v a plan:Unit } }")
    # $this bound only in one branch of a UNION, or only in an OPTIONAL: not certainly bound
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { { $this plan:a ?v } UNION { ?v plan:b plan:c } }")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { ?v a plan:Unit OPTIONAL { $this plan:unit ?v } }")
    # subqueries, LIMIT, ORDER BY and VALUES treat one focus node's rows apart from all of them
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(?v) AS ?n) WHERE { $this plan:a ?v } GROUP BY $this")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v } LIMIT 1")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v } ORDER BY ?v")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v { SELECT ?v WHERE { ?v a plan:U } } }")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v VALUES ?v { plan:x } }")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v MINUS { $this plan:b plan:c } }")
    # $this assigned, not projected, or a pre-bindable variable named
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { ?v plan:a ?w BIND (?w AS $this) }")
    assert not per_focus_node(PREFIXES + "SELECT ?v WHERE { $this plan:a ?v }")
    assert not per_focus_node(PREFIXES + "SELECT $this ?v WHERE { $this plan:a ?v . $currentShape plan:b ?v }")


def test_aggregates_grouped_by_this_that_both_engines_count_alike_are_answered_once():
    from plankg.shaclsparql import compared_predicates, per_focus_node

    grouped = "SELECT $this ?k (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v ; plan:k ?k } GROUP BY $this ?k"
    assert per_focus_node(PREFIXES + grouped)
    assert per_focus_node(PREFIXES + grouped + " HAVING (COUNT(DISTINCT ?v) != ?k)")
    assert per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?w "
                                     "OPTIONAL { ?w plan:b ?v } } GROUP BY $this")
    # $this not a key, or no GROUP BY: a group may hold several focus nodes' rows
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v }")
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v ; plan:k ?k } "
                                         "GROUP BY ?k")
    assert not per_focus_node(PREFIXES + "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v } GROUP BY $this")
    # aggregates the engines may answer differently whatever the data: plain COUNT, SUM, AVG, SAMPLE, ...
    for aggregate in ("COUNT(?v)", "COUNT(*)", "SUM(?v)", "AVG(?v)", "SAMPLE(?v)", "GROUP_CONCAT(?v)",
                      "COUNT(DISTINCT ?v) + 1"):
        assert not per_focus_node(PREFIXES + f"SELECT $this ({aggregate} AS ?n) WHERE {{ $this plan:a ?v }} GROUP BY $this")
    # MIN and MAX: the predicates whose objects they compare (the data is checked when the query runs) ...
    plan = "https://w3id.org/plankg/ontology#"
    assert compared_predicates(PREFIXES + grouped) == frozenset()
    assert compared_predicates(PREFIXES + "SELECT $this (MIN(?v) AS ?low) (MAX(?w) AS ?high) WHERE { "
                                          "{ $this plan:a ?v } UNION { $this plan:b ?v } $this plan:c ?w } GROUP BY $this") == {
        plan + "a", plan + "b", plan + "c"}
    # ... and none when a compared value comes from a path, a BIND, a subject, or may be unbound
    for rows in ("$this plan:a/plan:b ?v", "$this plan:a ?w BIND (?w + 1 AS ?v)", "?v plan:a $this . $this plan:b ?v",
                 "$this plan:a ?w OPTIONAL { ?w plan:b ?v }", "$this ?p ?v"):
        assert compared_predicates(PREFIXES + f"SELECT $this (MIN(?v) AS ?n) WHERE {{ {rows} }} GROUP BY $this") is None, rows
    # the grouped rows must qualify as a plain query's: $this certainly bound, never assigned, no MINUS or subquery
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { { $this plan:a ?v } UNION "
                                         "{ ?v plan:b plan:c } } GROUP BY $this")
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v "
                                         "MINUS { $this plan:b ?v } } GROUP BY $this")
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { $this plan:a ?v "
                                         "{ SELECT ?v WHERE { ?v a plan:U } } } GROUP BY $this")
    assert not per_focus_node(PREFIXES + "SELECT $this (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v plan:a ?w "
                                         "BIND (?w AS $this) } GROUP BY $this")
    assert not per_focus_node(PREFIXES + "SELECT ?k (COUNT(DISTINCT ?v) AS ?this) WHERE { ?x plan:a ?v ; plan:k ?k } "
                                         "GROUP BY ?k")


DISTINCT_SHAPES = '''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:DeclaredShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:declared ;
    sh:sparql [ sh:prefixes ex: ;
        sh:select """SELECT $this ?declared (COUNT(DISTINCT ?part) AS ?n) WHERE {
            $this ex:declared ?declared . OPTIONAL { $this ex:part|ex:piece ?part }
        } GROUP BY $this ?declared HAVING (COUNT(DISTINCT ?part) != ?declared)""" ] ;
    sh:message "{$this} declares {?declared} parts and has {?n}"@en .
'''


def test_a_count_grouped_by_this_runs_once_and_each_focus_node_gets_its_own_groups(answered):
    ex = "http://example.org/"
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    rows = [("a", "declared", ox.Literal("3", datatype=integer)), ("a", "part", ox.NamedNode(ex + "x")),
            ("a", "piece", ox.NamedNode(ex + "x")), ("a", "part", ox.BlankNode("y1")),  # x twice: counted once
            ("b", "declared", ox.Literal("1", datatype=integer)), ("b", "part", ox.NamedNode(ex + "x")),
            ("c", "declared", ox.Literal("2", datatype=integer)),  # no part at all: a group of its own, n = 0
            ("d", "declared", ox.Literal("1", datatype=integer)), ("d", "declared", ox.Literal("2", datatype=integer)),
            ("d", "part", ox.NamedNode(ex + "x"))]
    triples = [ox.Triple(ox.NamedNode(ex + s), ox.NamedNode(ex + p), o) for s, p, o in rows]
    fast = validated_both_ways(triples, DISTINCT_SHAPES)
    assert len([text for text in answered if "COUNT(DISTINCT" in text]) == 4  # a, b, c and d, from one query
    assert sorted(r.message("en") for r in fast.results) == [
        f"{ex}a declares 3 parts and has 2", f"{ex}c declares 2 parts and has 0", f"{ex}d declares 2 parts and has 1"]


ORDINAL_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:OrdinalShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:item ;
    sh:sparql [ sh:prefixes ex: ;
        sh:select "SELECT $this (MIN(?o) AS ?low) (MAX(?o) AS ?high) WHERE { $this ex:item ?i . ?i ex:ordinal ?o } GROUP BY $this HAVING (MIN(?o) != 1)" ] ;
    sh:message "{$this} runs from {?low} to {?high}"@en .
"""


@pytest.mark.parametrize("mixed", [False, True])
def test_min_and_max_go_to_oxigraph_only_on_values_both_engines_order_alike(answered, mixed):
    ex, integer = "http://example.org/", ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    ordinals = {"a1": ox.Literal("2", datatype=integer), "a2": ox.Literal("3", datatype=integer),
                "b1": ox.Literal("1", datatype=integer), "c1": ox.Literal("4", datatype=integer),
                "c2": ox.Literal("01") if mixed else ox.Literal("5", datatype=integer)}  # a string among numbers
    triples = [ox.Triple(ox.NamedNode(ex + item[0]), ox.NamedNode(ex + "item"), ox.NamedNode(ex + item)) for item in ordinals]
    triples += [ox.Triple(ox.NamedNode(ex + item), ox.NamedNode(ex + "ordinal"), o) for item, o in ordinals.items()]
    fast = validated_both_ways(triples, ORDINAL_SHAPES)
    if mixed:  # rdflib and Oxigraph order "01" and 4 differently: rdflib answers
        assert not [text for text in answered if "MIN(" in text]
    else:
        assert len([text for text in answered if "MIN(" in text]) == 3  # a, b and c, from one query
        assert sorted(r.message("en") for r in fast.results) == [f"{ex}a runs from 2 to 3", f"{ex}c runs from 4 to 5"]


def test_a_focus_node_whose_results_only_the_rows_order_would_sort_is_left_to_rdflib(tmp_path, monkeypatch, answered):
    # two groups of one plan break OrdinalsShape: both results have the plan as focus node and value
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "structure.ttl", "<area/02> a plan:DemonstrationArea ;\n    plan:ordinal 2 ;",
         "<area/02> a plan:DemonstrationArea ;\n    plan:ordinal 1 ;")
    edit(folder / "source" / "action-plans.ttl", "<action-plan/02> a plan:ActionPlan ;\n    plan:ordinal 2 ;",
         "<action-plan/02> a plan:ActionPlan ;\n    plan:ordinal 1 ;")
    kg = plankg.load([folder])
    fast = kg.validate(jobs=1)
    ordinals = [r for r in fast.results if r.shape.endswith("#OrdinalsShape")]
    assert len(ordinals) == 2 and {r.value for r in ordinals} == {r.focus_node for r in ordinals}
    assert not [text for text in answered if "?kindZh" in text and "MIN(?ordinal)" in text]
    assert_same(fast, plain(lambda: kg.validate(jobs=1), monkeypatch))


def test_rows_that_sort_apart_by_their_values_are_told_from_rows_that_tie():
    from rdflib import BNode, Literal, URIRef

    from plankg.shaclsparql import _ordered_apart

    this, value, path = Variable("this"), Variable("value"), Variable("path")
    a, b = URIRef("https://w3id.org/plankg/ontology#a"), URIRef("https://w3id.org/plankg/ontology#b")
    assert _ordered_apart([{this: a, value: a}, {this: a, value: b}, {this: a, value: Literal("a")}])
    assert not _ordered_apart([{this: a, value: a}, {this: a, value: Literal("plan:a")}])  # both shown as plan:a
    assert not _ordered_apart([{this: a, value: Literal("1")}, {this: a, value: Literal(1)}])  # both shown as 1
    assert not _ordered_apart([{this: a}, {this: a}])  # the focus node is every result's value
    assert not _ordered_apart([{this: a, value: a, path: a}, {this: a, value: b, path: b}])
    assert not _ordered_apart([{this: a, value: BNode("x")}, {this: a, value: BNode("y")}])


COUNT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:PartShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:part ;
    sh:sparql [ sh:prefixes ex: ;
        sh:select "SELECT $this ?value WHERE { $this ex:part ?value . FILTER NOT EXISTS { ?value ex:name ?name } }" ] ;
    sh:sparql [ sh:prefixes ex: ;
        sh:select "SELECT $this (COUNT(?p) AS ?n) WHERE { $this ex:part ?p } GROUP BY $this HAVING (COUNT(?p) > 1)" ] ;
    sh:message "{$this} part {?value} has no name, or {?n} parts"@en .
"""


def test_sparql_constraints_answered_per_focus_node_give_plain_pyshacls_results(answered):
    ex = "http://example.org/"
    triples = [ox.Triple(ox.NamedNode(ex + s), ox.NamedNode(ex + p), o) for s, p, o in [
        ("a", "part", ox.NamedNode(ex + "x")), ("a", "part", ox.NamedNode(ex + "y")),
        ("b", "part", ox.BlankNode("z1")), ("x", "name", ox.Literal("叉"))]]
    triples.append(ox.Triple(ox.BlankNode("z1"), ox.NamedNode(ex + "name"), ox.Literal("z")))
    fast = validated_both_ways(triples, COUNT_SHAPES)
    assert len([text for text in answered if "FILTER NOT EXISTS" in text]) == 2  # once per focus node, a and b
    assert not [text for text in answered if "COUNT" in text]  # the aggregate stays with rdflib
    assert sorted((r.focus_node, r.value, r.message("en")) for r in fast.results) == [
        (ex + "a", ex + "a", f"{ex}a part {ex}a has no name, or 2 parts"),  # a node shape's value is its focus node
        (ex + "a", ex + "y", f"{ex}a part {ex}y has no name, or {{?n}} parts"),
    ]


DECIMAL_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:ShareShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:share ;
    sh:sparql [ sh:prefixes ex: ;
        sh:select "SELECT $this ?value WHERE { $this ex:share ?value . FILTER (?value > 1) }" ] ;
    sh:message "{$this} has the share {?value}"@en .
"""


def test_a_literal_oxigraph_would_give_back_in_another_form_leaves_the_queries_to_rdflib(answered):
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    triples = [ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/share"),
                         ox.Literal("1.50", datatype=decimal))]  # Oxigraph keeps it as "1.5", rdflib as "1.50"
    fast = validated_both_ways(triples, DECIMAL_SHAPES)
    assert not answered
    assert [(r.value, r.message("en")) for r in fast.results] == [("1.50", "http://example.org/a has the share 1.50")]
    canonical = [ox.Triple(triples[0].subject, triples[0].predicate, ox.Literal("1.5", datatype=decimal))]
    assert validated_both_ways(canonical, DECIMAL_SHAPES).results[0].value == "1.5"
    assert answered  # a literal in the form Oxigraph keeps: the constraint goes to Oxigraph
