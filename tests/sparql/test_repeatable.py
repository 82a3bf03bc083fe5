"""Whether an answer may be kept: decided from the query's algebra, not its words."""

import json

import pytest

from plankg.sparql import parsecache, repeatable as repeatable_module
from plankg.sparql.repeatable import repeatable


@pytest.mark.parametrize("query", [
    "SELECT (NOW() AS ?t) WHERE {}",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY RAND()",
    "SELECT (UUID() AS ?u) WHERE {}",
    "SELECT (STRUUID() AS ?u) WHERE {}",
    "SELECT ?b WHERE { BIND(BNODE() AS ?b) }",
    'SELECT ?b WHERE { BIND(BNODE("x") AS ?b) }',
    "ASK { FILTER(YEAR(now()) > 2000) }",
    "SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT ?s FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o FILTER(RAND() < 0.5) } } }",
    "not SPARQL at all",
])
def test_what_reads_the_clock_draws_or_reaches_out_is_not_repeatable(query):
    assert not repeatable(query)


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o }  # NOW() RAND() SERVICE",
    'SELECT ?s WHERE { ?s ?p "NOW() and RAND()" }',
    "SELECT ?s WHERE { ?s <urn:x:RAND()> ?o }",
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n)",
    "ASK { ?s a ?type }",
])
def test_words_in_comments_strings_and_iris_change_nothing(query):
    assert repeatable(query)


def test_every_named_query_is_repeatable():
    from plankg import QueryLibrary
    from plankg.namespaces import PREFIXES
    from plankg.sparql.text import declare_prefixes

    assert all(repeatable(declare_prefixes(q.text, PREFIXES)) for q in QueryLibrary().values())


def test_a_later_process_reads_the_decision_from_disk_without_parsing(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(parsecache, "_loaded", {})
    repeatable.cache_clear()
    clock, data = "SELECT (NOW() AS ?t) WHERE {}", "ASK { ?s a ?type }"
    assert not repeatable(clock) and repeatable(data)
    assert json.loads((tmp_path / "repeatable.json").read_text()) == {
        parsecache._key(clock): False, parsecache._key(data): True}
    monkeypatch.setattr(parsecache, "_loaded", {})  # as a new process finds it
    repeatable.cache_clear()
    seen = []
    read = repeatable_module._read
    monkeypatch.setattr(repeatable_module, "_read", lambda query: seen.append(query) or read(query))
    assert not repeatable(clock) and repeatable(data)
    assert seen == []
    assert not repeatable(clock + " # edited") and seen == [clock + " # edited"]
    repeatable.cache_clear()
