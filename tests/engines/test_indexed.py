"""The context-free rdflib store that validation builds (plankg.engines.indexed).

Validation's data graph is built on :class:`IndexedStore` instead of rdflib's
``Memory`` store. It must answer every triple pattern with the triples, in the
order, that ``Memory`` gives, keep its count and namespaces as a ``Graph()``
does, and give pySHACL's very report: every shape example, a broken copy of
the bundled plan and a corpus with broken plans are validated on both stores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef

import plankg
from helpers import edit, plan_copy
from plankg.datafiles import discover, parse_file
from plankg.engines import indexed
from plankg.engines.convert import add_triples
from plankg.engines.indexed import IndexedGraph, IndexedStore, add_indexed, indexed_graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic_corpus import write_synthetic_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "shapes").glob("*/*.ttl"))


@pytest.fixture(scope="module")
def plan_triples() -> list[ox.Triple]:
    """The bundled plan's data triples (Chinese labels, typed literals, blank nodes among them)."""
    return [t for f in discover() if f.dataset is not None for t in parse_file(f.path)]


def both(triples):
    """The same triples on rdflib's ``Memory`` store and on an :class:`IndexedStore`."""
    return add_triples(Graph(), triples), indexed_graph(triples)


def test_every_pattern_gives_memorys_triples_in_memorys_order(plan_triples):
    memory, fast = both(plan_triples)
    assert len(fast) == len(memory) == len(set(plan_triples))
    assert set(fast) == set(memory)  # a full scan: Memory iterates a set, so only the triples are compared
    probes = [memory_triple for memory_triple in memory][:: max(1, len(memory) // 300)]
    for s, p, o in probes:
        for pattern in [(s, None, None), (s, p, None), (s, None, o), (None, p, None), (None, p, o), (None, None, o),
                        (s, p, o)]:
            assert list(fast.triples(pattern)) == list(memory.triples(pattern)), pattern
        for subject, predicate in [(s, p), (s, None), (None, p)]:
            assert list(fast.objects(subject, predicate)) == list(memory.objects(subject, predicate))
            assert list(fast.objects(subject, predicate, unique=True)) == list(
                memory.objects(subject, predicate, unique=True))
        for predicate, obj in [(p, o), (None, o), (p, None)]:
            assert list(fast.subjects(predicate, obj)) == list(memory.subjects(predicate, obj))
    missing = URIRef("http://example.org/missing")
    for pattern in [(missing, None, None), (None, missing, None), (None, None, missing), (s, missing, None),
                    (s, p, missing)]:
        assert list(fast.triples(pattern)) == []


def test_a_path_query_and_sparql_read_it_as_memory(plan_triples):
    memory, fast = both(plan_triples)
    query = """SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }
               GROUP BY ?s ORDER BY ?s"""
    assert list(fast.query(query)) == list(memory.query(query))
    path = "SELECT ?s ?o WHERE { ?s (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#label>)|^<http://www.w3.org/2000/01/rdf-schema#seeAlso>+ ?o }"
    assert sorted(fast.query(path)) == sorted(memory.query(path))
    kind = next(iter(memory.objects(None, RDF.type)))
    assert list(fast.objects(kind, ~RDF.type)) == list(memory.objects(kind, ~RDF.type))  # a path: rdflib's way
    assert sorted(fast.subjects(RDF.type)) == sorted(memory.subjects(RDF.type))


def test_namespaces_are_those_of_a_plain_graph():
    assert list(indexed_graph().namespaces()) == list(Graph().namespaces())
    graph = indexed_graph()
    graph.bind("ex", "http://example.org/")
    graph.bind("ex2", "http://example.org/", override=True)
    reference = Graph()
    reference.bind("ex", "http://example.org/")
    reference.bind("ex2", "http://example.org/", override=True)
    assert list(graph.namespaces()) == list(reference.namespaces())


def test_adding_twice_keeps_one_triple_and_removing_updates_the_count():
    a, p, b = URIRef("http://example.org/a"), URIRef("http://example.org/p"), BNode("b1")
    graph = IndexedGraph()
    graph.add((a, p, b))
    graph.add((a, p, b))
    graph.addN([(a, p, Literal("花桥", lang="zh"), graph)])
    assert len(graph) == 2
    graph.remove((a, p, b))
    assert len(graph) == 1 and list(graph.objects(a, p)) == [Literal("花桥", lang="zh")]
    assert list(graph.triples((None, None, b))) == []


def test_terms_are_converted_once_and_shared():
    a, p = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p")
    converted: dict = {}
    graph = indexed_graph([ox.Triple(a, p, a)], converted)
    add_indexed(graph, [ox.Triple(a, p, ox.Literal("6", datatype=ox.NamedNode(str(Literal(6).datatype))))], converted)
    subject, _, obj = next(iter(graph.triples((None, URIRef(p.value), None))))
    assert subject is obj is converted[a]
    assert len(graph) == 2 and Literal(6) in set(graph.objects())
    with pytest.raises(TypeError, match="IndexedStore"):
        add_indexed(Graph(), [])
    with pytest.raises(TypeError, match="IndexedStore"):
        IndexedGraph(store=Graph().store)
    assert len(Graph(store=IndexedStore())) == 0


@pytest.fixture
def on_memory(monkeypatch):
    """Validation with its data graph on rdflib's ``Memory`` store, as before :mod:`plankg.engines.indexed`."""

    def memory_graph(triples=(), converted=None, *, rdflib_triples=()):
        graph = Graph()
        graph.addN((s, p, o, graph) for s, p, o in rdflib_triples)
        return add_triples(graph, triples, converted)

    def validate(validate_once):
        with monkeypatch.context() as patched:
            patched.setattr(indexed, "indexed_graph", memory_graph)
            patched.setattr(indexed, "add_indexed", lambda graph, triples, converted=None: add_triples(
                graph, triples, converted))
            return validate_once()

    return validate


def assert_same(fast, reference) -> None:
    assert fast.results == reference.results  # focus nodes, values, paths, messages and labels
    assert [dict(r.messages) for r in fast.results] == [dict(r.messages) for r in reference.results]
    assert fast.conforms is reference.conforms
    assert len(fast.graph) == len(reference.graph)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shape_example_gives_the_report_it_gives_on_memory(example, on_memory):
    kg = plankg.load([example])
    reference = on_memory(lambda: kg.validate(jobs=1))
    assert_same(kg.validate(jobs=1), reference)
    assert reference.conforms is example.stem.startswith("valid")


def test_a_broken_plan_and_a_broken_corpus_give_the_reports_they_give_on_memory(tmp_path, on_memory):
    from plankg.planvalidation import validate_files

    folder = plan_copy(tmp_path)
    edit(folder / "source" / "structure.ttl", "<task/02> , <task/03> ,", "<task/02> ,")
    corpus = write_synthetic_corpus(tmp_path / "corpus", plans=6, seed=5, broken=4)
    kg = plankg.load([folder, corpus])
    reference = on_memory(lambda: validate_files(kg.files, kg.graphs, jobs=1))
    assert not reference.conforms and len(reference.results) > 4
    assert_same(validate_files(kg.files, kg.graphs, jobs=1), reference)
