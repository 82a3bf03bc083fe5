"""Every parse with rdflib's SPARQL grammar holds netguard.RDFLIB_PARSE_LOCK.

pyparsing is not thread-safe, and plankg runs queries side by side in threads
(plankg.sparql.sidebyside); a parse outside the lock can break another
thread's parse.
"""

import ast
import itertools
from pathlib import Path

import pyparsing
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

import plankg
from plankg.sparql import netguard

SH = Namespace("http://www.w3.org/ns/shacl#")
_unique = itertools.count()


class RecordingLock:
    """Stands in for the lock and says whether it is held."""

    def __init__(self):
        self.held = False

    def __enter__(self):
        assert not self.held, "the parse lock was taken twice"
        self.held = True

    def __exit__(self, *exc):
        self.held = False


@pytest.fixture
def parses(monkeypatch):
    """Whether the lock was held at each rdflib grammar parse made while the test runs."""
    lock = RecordingLock()
    monkeypatch.setattr(netguard, "RDFLIB_PARSE_LOCK", lock)
    seen = []
    original = pyparsing.ParserElement.parse_string

    def recorded(self, *args, **kwargs):
        seen.append(lock.held)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pyparsing.ParserElement, "parse_string", recorded)
    return seen


def fresh(query: str) -> str:
    """The query, made a text no cache has seen."""
    return f"{query} # {next(_unique)} {id(fresh)}"


def shacl_engine_constraint():
    from plankg.shaclengine import _Compiled

    graph = Graph()
    constraint, declared, declaration = URIRef("http://e/c"), URIRef("http://e/d"), URIRef("http://e/p")
    graph.add((constraint, SH.select, Literal(fresh("SELECT $this WHERE { $this ex:p ?o }"))))
    graph.add((constraint, SH.prefixes, declared))
    graph.add((declared, SH.declare, declaration))
    graph.add((declaration, SH.prefix, Literal("ex")))
    graph.add((declaration, SH.namespace, Literal("http://e/")))
    compiled = _Compiled.__new__(_Compiled)  # its shapes engine (the `shacl` extra) is not needed here
    compiled.graph, compiled._queries = graph, {}
    return compiled.query(constraint)


def pyshacl_data_view():
    from plankg.validation import _PreparedQueries

    data = Graph()
    data.bind("ex", "http://e/")
    view = _PreparedQueries(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)
    return list(view.query(fresh("SELECT ?s WHERE { ?s ex:p ?o }")))


def implied_plan():
    from plankg.sparql.implied import implied_bindings

    query = "SELECT ?plan WHERE { ?plan a ?c FILTER(?plan = COALESCE(?__plan_iri, ?plan)) }"
    return implied_bindings(fresh(query))


PARSERS = {
    "rdflib_prepare": lambda: netguard.rdflib_prepare(fresh("SELECT * WHERE { ?s ?p ?o }")),
    "rdflib_prepare with prefixes": lambda: netguard.rdflib_prepare(fresh("ASK { ?s ex:p ?o }"), {"ex": "http://e/"}),
    "network check": lambda: netguard.network_features(fresh("SELECT * FROM <http://e/g> { ?s ?p ?o }")),
    "parse tree": lambda: plankg.sparql.parsetree.parse_tree(fresh("SELECT ?s WHERE { ?s ?p ?o }")),
    "shacl engine's constraint queries": shacl_engine_constraint,
    "pySHACL's data graph view": pyshacl_data_view,
    "implied plan binding": implied_plan,
    "a query's parameters": lambda: plankg.sparql.params.parameters_of(fresh("SELECT ?_x WHERE { ?s ?p ?_x }")),
}


@pytest.mark.parametrize("parse", PARSERS.values(), ids=PARSERS)
def test_every_rdflib_parse_holds_the_parse_lock(parses, parse):
    import plankg.sparql.params  # noqa: F401
    import plankg.sparql.parsetree  # noqa: F401

    parse()
    assert parses, "nothing was parsed"
    assert all(parses), "a parse ran outside netguard.RDFLIB_PARSE_LOCK"


def test_a_parse_error_is_a_query_error_and_releases_the_lock():
    with pytest.raises(plankg.QueryError, match="does not parse on rdflib"):
        netguard.rdflib_prepare("SELECT WHERE {")
    assert netguard.RDFLIB_PARSE_LOCK.acquire(blocking=False)
    netguard.RDFLIB_PARSE_LOCK.release()


#: rdflib's entry points to its SPARQL grammar; only netguard may call them.
RDFLIB_PARSERS = {"prepareQuery", "parseQuery", "translateQuery", "prepareUpdate", "parseUpdate", "translateUpdate"}


def test_only_netguard_calls_rdflibs_query_parsers():
    package = Path(plankg.__file__).parent
    callers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = set()
            if isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names}
            elif isinstance(node, ast.Attribute):
                names = {node.attr}
            elif isinstance(node, ast.Name):
                names = {node.id}
            if names & RDFLIB_PARSERS:
                callers.add(path.relative_to(package).as_posix())
    assert callers == {"sparql/netguard.py"}
