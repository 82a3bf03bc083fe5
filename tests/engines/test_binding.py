"""Parameter values written into query text (plankg.engines.binding), decided from the parse tree."""

import pyoxigraph as ox
import pytest

from plankg.engines.binding import bind_terms, inline_values
from plankg.errors import QueryError

E = "http://e/"
C = ox.Literal("c")


@pytest.fixture(scope="module")
def store():
    """a p "1"; b p "2"; c p "1"; a q "2"; b in graph g; c r a."""
    store = ox.Store()
    p, q, r = (ox.NamedNode(E + n) for n in "pqr")
    a, b, c = (ox.NamedNode(E + n) for n in "abc")
    one, two = ox.Literal("1"), ox.Literal("2")
    store.extend([ox.Quad(a, p, one), ox.Quad(b, p, two), ox.Quad(c, p, one), ox.Quad(a, q, two), ox.Quad(c, r, a)])
    store.add(ox.Quad(b, p, two, ox.NamedNode(E + "g")))
    return store


def rows(store, query, substitutions=None):
    result = store.query(f"PREFIX : <{E}> {query}", substitutions=substitutions)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    names = [v.value for v in result.variables]
    return names, sorted(tuple(str(row[n]) if row[n] is not None else None for n in names) for row in result)


def test_a_variable_named_in_a_string_an_iri_or_a_comment_is_left_as_written():
    query = 'SELECT ?s ?_x WHERE { # ?_x {\n ?s <http://e/p?_x=1> ?_x ; <http://e/q> "?_x $_x" . } # ?_x'
    assert bind_terms(query, {"_x": C}) == (
        'SELECT ?s ("c" AS ?_x) WHERE { # ?_x {\n ?s <http://e/p?_x=1> "c" ; <http://e/q> "?_x $_x" . } # ?_x'
    )


def test_dollar_and_question_mark_name_one_variable_and_a_longer_name_is_another():
    query = "SELECT $_x ?s WHERE { ?s ?p $_x FILTER(?_x != ?_xy) }"
    assert bind_terms(query, {"_x": C}) == 'SELECT ("c" AS ?_x) ?s WHERE { ?s ?p "c" FILTER("c" != ?_xy) }'


def test_a_subquery_that_does_not_project_the_variable_keeps_its_own(store):
    query = "SELECT ?s ?o WHERE { ?s :p ?o { SELECT ?s WHERE { ?s :p ?o } } }"
    one = ox.Literal("1")
    text = bind_terms(query, {"o": one})
    assert text == 'SELECT ?s ("1" AS ?o) WHERE { ?s :p "1" { SELECT ?s WHERE { ?s :p ?o } } }'
    assert rows(store, text) == rows(store, query, {ox.Variable("o"): one})
    assert len(rows(store, text)[1]) == 2


def test_a_subquery_that_projects_the_variable_joins_the_values_of_the_outer_group(store):
    query = "SELECT ?s ?o WHERE { ?s :q ?t { SELECT ?s ?o WHERE { ?s :p ?o } } }"
    one, two = ox.Literal("1"), ox.Literal("2")
    text = bind_terms(query, {"o": one})
    assert text == 'SELECT ?s ?o WHERE { VALUES (?o) { ("1") } ?s :q ?t { SELECT ?s ?o WHERE { ?s :p ?o } } }'
    assert rows(store, text) == rows(store, query, {ox.Variable("o"): one}) == (["s", "o"], [(f"<{E}a>", '"1"')])
    assert rows(store, bind_terms(query, {"o": two})) == (["s", "o"], [])


def test_a_parameter_the_query_does_not_name_is_left_out():
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    assert bind_terms(query, {"_absent": C}) is query
    assert bind_terms("SELECT * WHERE { ?s ?p ?o }", {"_absent": C, "o": C}) == 'SELECT * WHERE { VALUES (?o) { ("c") } ?s ?p ?o }'
    inner = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?_x } } }"  # ?_x is the subquery's own
    assert bind_terms(inner, {"_x": C}) is inner


@pytest.mark.parametrize(
    "query, term",
    [
        ("SELECT ?s ?o WHERE { { SELECT ?s ?o WHERE { ?s :p ?o } } }", ox.Literal("2")),  # projected by a subquery
        ("SELECT ?s ?o WHERE { ?s :p ?o VALUES ?o { '1' '2' } }", ox.Literal("2")),  # a VALUES variable
        ("SELECT ?o (COUNT(*) AS ?n) WHERE { ?s :p ?o } GROUP BY ?o", ox.Literal("1")),  # GROUP BY ?o
        ("SELECT ?s ?o WHERE { ?s :p ?o } ORDER BY ?o", ox.Literal("1")),  # ORDER BY ?o
        ("SELECT ?s ?o WHERE { ?s :p ?v MINUS { ?s :q ?o } }", ox.Literal("2")),  # shared only through ?o
        ("SELECT ?s ?o WHERE { GRAPH ?o { ?s :p ?v } }", ox.Literal("2")),  # a literal as a GRAPH name
        ("SELECT ?s ?o WHERE { ?s ?o ?v }", ox.Literal("2")),  # a literal as a predicate
        ("SELECT * WHERE { ?s :p ?o }", ox.Literal("2")),  # SELECT *
    ],
)
def test_where_a_constant_cannot_stand_the_bindings_go_as_values(store, query, term):
    text = bind_terms(query, {"o": term})
    assert text == inline_values(query, {"o": term})
    assert f"VALUES (?o) {{ ({term}) }}" in text
    rows(store, text)  # it parses


def test_values_beside_a_subquery_that_is_the_whole_group(store):
    query = "SELECT * WHERE { SELECT ?s ?o WHERE { ?s :p ?o } }"
    text = bind_terms(query, {"o": ox.Literal("2")})
    assert text == 'SELECT * WHERE { VALUES (?o) { ("2") } { SELECT ?s ?o WHERE { ?s :p ?o } } }'
    assert rows(store, text) == (["o", "s"], [('"2"', f"<{E}b>")])


@pytest.mark.parametrize("query", ["SELECT ?s ?o WHERE { ?s :p ?v BIND(?v AS ?o) }", "SELECT ?s (?v AS ?o) WHERE { ?s :p ?v }"])
def test_a_variable_the_query_assigns_cannot_be_bound(query):
    with pytest.raises(QueryError, match=r"assigns \?o"):
        bind_terms(query, {"o": C})


@pytest.mark.parametrize(
    "query, name, term",
    [
        ("SELECT ?s ?o WHERE { ?s :p ?o FILTER NOT EXISTS { ?s :q ?o } }", "o", ox.Literal("1")),
        ("SELECT ?s ?o WHERE { ?s :p ?o FILTER EXISTS { ?x :r ?s } }", "o", ox.Literal("1")),
        ("SELECT ?s ?g WHERE { GRAPH ?g { ?s :p ?o } }", "g", ox.NamedNode(E + "g")),
        ("SELECT ?s ?v ?p WHERE { ?s ?p ?v }", "p", ox.NamedNode(E + "q")),
        ("SELECT ?s ?o WHERE { ?s :p ?v OPTIONAL { ?s :q ?o } }", "o", ox.Literal("2")),
        ("SELECT ?s ?o WHERE { { ?s :p ?o } UNION { ?s :r ?t } }", "o", ox.Literal("1")),
        ("SELECT ?s ?o (STR(?o) AS ?text) WHERE { ?s :p ?o } ORDER BY DESC(?o) ?s", "o", ox.Literal("1")),
        ("ASK { ?s :p ?o }", "o", ox.Literal("3")),
    ],
)
def test_written_as_constants_the_answer_is_oxigraphs_with_the_variable_bound(store, query, name, term):
    text = bind_terms(query, {name: term})
    assert "VALUES" not in text and f"?{name} " not in text.split("WHERE", 1)[-1].split("{", 1)[-1]
    assert rows(store, text) == rows(store, query, {ox.Variable(name): term})


def test_a_query_rdflib_cannot_parse_is_a_query_error():
    with pytest.raises(QueryError, match="does not parse"):
        bind_terms("SELECT ?s WHERE { ?s ?p }", {"s": C})
