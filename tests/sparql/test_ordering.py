"""A query's top ORDER BY done in Python (plankg.sparql.ordering): Oxigraph's order, exactly.

Each check runs the query twice on Oxigraph: as written (Oxigraph sorts) and
without its ORDER BY, the rows then sorted by sort_table; both must give the
same rows in the same order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import plankg
from plankg.sparql.ordering import OrderKey, order_plan, sort_table
from plankg.sparql.termtable import TermTable

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://example.org/"

DATA = f"""
@prefix ex: <{EX}> .
@prefix xsd: <{XSD}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a1 ex:n 10 ; ex:d "1.50"^^xsd:decimal ; rdfs:label "花桥"@zh , "Huaqiao"@en ; ex:y "2035"^^xsd:gYear .
ex:a2 ex:n 9 ; ex:d "-2"^^xsd:decimal ; rdfs:label "昆山"@zh , "kunshan"@en ; ex:y "2025"^^xsd:gYear .
ex:a3 ex:n -3 ; ex:d "1.5000001"^^xsd:decimal ; rdfs:label "Zed" , "苏州"@zh ; ex:y "1999"^^xsd:gYear .
ex:a4 ex:n 100 ; rdfs:label "alpha"@en , "alpha"@fr ; ex:when "2024-02-29"^^xsd:date .
ex:a5 ex:when "2023-12-31"^^xsd:date ; rdfs:label "Émile"@fr , "emile" , "="^^ex:code .
_:b1 ex:n 0 ; rdfs:label "blank"@en .
_:b2 ex:n 1 ; rdfs:label "空白"@zh .
ex:a6 ex:n 9 ; ex:link ex:a1 , _:b1 , "a literal" .
"""

QUERIES = {
    "by number, then subject": "SELECT ?s ?n WHERE { ?s <{ex}n> ?n } ORDER BY ?n ?s",
    "descending number": "SELECT ?s ?n WHERE { ?s <{ex}n> ?n } ORDER BY DESC(?n) DESC(?s)",
    "kinds: unbound, blank, IRI, literal": (
        "SELECT DISTINCT ?s ?o WHERE { ?s ?p ?x OPTIONAL { ?s <{ex}link> ?o } } ORDER BY ?o ?s"),
    "labels of every language, Chinese included": (
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l ?s"),
    "STR and LANG of labels": (
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        "ORDER BY STR(?l) DESC(LANG(?l)) ?s"),
    "decimals by value": "SELECT ?s ?d WHERE { ?s <{ex}d> ?d } ORDER BY ?d",
    "years and dates": (
        "SELECT DISTINCT ?s ?y ?w WHERE { ?s ?p ?o OPTIONAL { ?s <{ex}y> ?y } OPTIONAL { ?s <{ex}when> ?w } } "
        "ORDER BY DESC(?y) ?w ?s"),
    "aggregate, descending count": (
        "SELECT ?s (COUNT(?o) AS ?c) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?c) ?s"),
    "distinct": "SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p",
    "an ORDER BY after a subquery with its own": (
        "SELECT ?s ?n WHERE { { SELECT ?s ?n WHERE { ?s <{ex}n> ?n } ORDER BY ?s LIMIT 5 } } ORDER BY ?n ?s"),
}


@pytest.fixture(scope="module")
def store():
    s = ox.Store()
    s.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return s


def rows(answer) -> list[tuple]:
    return [tuple(solution) for solution in answer]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_python_order_is_oxigraphs(store, name):
    query = QUERIES[name].replace("{ex}", EX)
    plan = order_plan(query)
    assert plan is not None and "ORDER" not in plan.text.split("}")[-1]
    expected = store.query(query)
    variables = [v.value for v in expected.variables]
    expected = rows(expected)
    table = TermTable.from_rows(variables, rows(store.query(plan.text)))
    done = sort_table(table, plan.keys)
    assert done is not None and not done.ties
    assert [tuple(row) for row in done.table.rows()] == expected


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 1",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s VALUES ?s { <urn:a> }",
    "SELECT REDUCED ?s WHERE { ?s ?p ?o } ORDER BY ?s",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o",  # not projected
    "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY (?o + 1)",  # an expression kept to the engine
    "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY UCASE(?o)",
    "SELECT ?s WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",
])
def test_what_cannot_be_done_exactly_is_left_to_the_engine(query):
    assert order_plan(query) is None


def test_the_order_by_is_cut_where_the_parser_placed_it_not_where_a_string_says_it():
    plan = order_plan('SELECT ?s ?o WHERE { ?s ?p "ORDER BY ?o" } # ORDER BY ?o\nORDER BY ?s # end')
    assert plan.text == 'SELECT ?s ?o WHERE { ?s ?p "ORDER BY ?o" } # ORDER BY ?o\n'
    assert plan.keys == (OrderKey("s", None, False),)


def table_of(variables, values) -> TermTable:
    return TermTable.from_rows(variables, [tuple(row) for row in values])


def integer(n) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


@pytest.mark.parametrize("values", [
    [integer(10), ox.Literal("9")],  # numbers with strings: Oxigraph's comparison is not transitive
    [ox.Literal("1.5", datatype=ox.NamedNode(XSD + "double")), ox.Literal("2", datatype=ox.NamedNode(XSD + "double"))],
    [ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))],
    [ox.Literal("2025Z", datatype=ox.NamedNode(XSD + "gYear")), ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear"))],
    [ox.Literal("2025-02-30", datatype=ox.NamedNode(XSD + "date")), ox.Literal("2024-01-01", datatype=ox.NamedNode(XSD + "date"))],
])
def test_keys_oxigraph_does_not_order_totally_give_no_order(values):
    table = table_of(("x",), [(v,) for v in values])
    assert sort_table(table, (OrderKey("x", None, False),)) is None


def test_equal_keys_of_different_rows_are_reported_as_ties():
    a, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    table = table_of(("k", "v"), [(integer(1), a), (integer(1), b), (integer(0), a)])
    done = sort_table(table, (OrderKey("k", None, False),))
    assert done.ties
    assert [tuple(r) for r in done.table.rows()] == [(integer(0), a), (integer(1), a), (integer(1), b)]
    same = table_of(("k",), [(integer(1),), (integer(1),)])
    assert not sort_table(same, (OrderKey("k", None, False),)).ties  # equal rows are no tie


def test_a_store_sends_oxigraph_the_query_without_its_order_by(tmp_path, monkeypatch):
    # The corpus store sorts in Python: Oxigraph is asked the query without ORDER BY, and the
    # rows come back in the order Oxigraph's ORDER BY gives (the in-memory engine's).
    from helpers import SECOND_PLAN

    plankg.load_store([SECOND_PLAN], tmp_path / "store")
    kg = plankg.load(store=tmp_path / "store")
    asked = []
    real = kg.engine.store

    class Recording:
        def __getattr__(self, name):
            return getattr(real, name)

        def query(self, text, **kwargs):
            asked.append(text)
            return real.query(text, **kwargs)

    monkeypatch.setattr(kg.engine, "store", Recording())
    got = kg.query("plan-overview")
    assert asked and all("ORDER BY" not in text.split("WHERE")[-1][-200:] for text in asked)
    assert order_plan(asked[0]) is None  # what was sent has no ORDER BY left
    expected = plankg.load([SECOND_PLAN]).query("plan-overview")
    assert len(got) > 1 and [tuple(r) for r in got] == [tuple(r) for r in expected]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from helpers import plan_folders
    from synthetic import write_synthetic_corpus

    folder = write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), plans=6, seed=3, broken=2)
    folders = [folder, *plan_folders()]
    store = tmp_path_factory.mktemp("store") / "store"
    plankg.load_store(folders, store)
    return plankg.load(store=store), plankg.load(folders)


def test_every_named_query_gives_oxigraphs_rows_and_order_on_a_corpus(corpus):
    # The store sorts in Python; the in-memory graph lets Oxigraph sort. Chinese labels included.
    from bench_corpus import query_parameters

    from plankg.sparql.text import declare_prefixes

    stored, in_memory = corpus
    stored.engine.answers.min_seconds = float("inf")  # every answer computed, none read back
    stored.max_rows = in_memory.max_rows = None
    sorted_in_python = 0
    for named in plankg.QueryLibrary().values():
        params = dict(p.partition("=")[::2] for p in query_parameters(named.name)[1::2])
        got = stored.query(named.name, **params)
        expected = in_memory.query(named.name, **params)
        assert got.variables == expected.variables, named.name
        assert [tuple(r) for r in got] == [tuple(r) for r in expected], named.name
        sorted_in_python += order_plan(declare_prefixes(named.text, stored.prefixes)) is not None
    assert sorted_in_python >= 45
