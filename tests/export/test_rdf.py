"""Turtle and N-Triples read back by Oxigraph; JSON-LD by rdflib and PyLD."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

import plankg
from plankg.exports import export

KS = "https://w3id.org/plankg/kunshan-2022/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

HUAQIAO = ox.Triple(ox.NamedNode(KS + "place/huaqiao"), RDFS_LABEL, ox.Literal("花桥国际商务城", language="zh"))


def triples(quads) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def source_triples(kg) -> set:
    return triples(kg.quads())


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES)])
def test_turtle_and_ntriples_read_back_by_oxigraph(kg, exported, fmt, rdf_format):
    result = exported(fmt)
    read = triples(ox.parse(path=str(result.path), format=rdf_format))
    assert read == source_triples(kg)
    assert result.edges == len(read) and result.view is None
    assert HUAQIAO in read


def test_turtle_uses_the_plankg_prefixes(exported):
    text = exported("turtle").path.read_text(encoding="utf-8")
    assert "@prefix plan: <https://w3id.org/plankg/ontology#> ." in text
    assert "@prefix ks: <https://w3id.org/plankg/kunshan-2022/> ." in text


def test_jsonld_is_compact_and_read_back_by_rdflib(kg, exported):
    result = exported("jsonld")
    document = json.loads(result.path.read_text(encoding="utf-8"))
    assert document["@context"]["plan"] == "https://w3id.org/plankg/ontology#"
    huaqiao = next(node for node in document["@graph"] if node["@id"] == "ks:place/huaqiao")
    assert huaqiao["@type"] == "plan:DevelopmentZone"
    graph = rdflib.Graph().parse(result.path, format="json-ld")
    expected = rdflib.Graph().parse(exported("ntriples").path, format="nt")
    assert len(graph) == len(source_triples(kg)) == result.edges
    assert isomorphic(graph, expected)
    assert (rdflib.URIRef(KS + "place/huaqiao"), rdflib.RDFS.label, rdflib.Literal("花桥国际商务城", lang="zh")) in graph


def test_jsonld_read_back_by_pyld(kg, exported):
    document = json.loads(exported("jsonld").path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    read = triples(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert read == source_triples(kg)
    expanded = jsonld.expand(document)
    assert any(node["@id"] == KS + "place/huaqiao" for node in expanded)


def test_from_an_endpoint_the_same_triples(kg, kg_endpoint, tmp_path):
    result = export(kg_endpoint, "ntriples", tmp_path / "remote.nt")
    assert triples(ox.parse(path=str(result.path), format=ox.RdfFormat.N_TRIPLES)) == source_triples(kg)


def test_without_the_curated_layer(tmp_path):
    kg = plankg.load(curated=False)
    result = export(kg, "turtle", tmp_path / "source.ttl")
    read = triples(ox.parse(path=str(result.path), format=ox.RdfFormat.TURTLE))
    assert read == source_triples(kg)
    assert not any(t.predicate.value.endswith("#supports") for t in read)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_rdf_keeps_every_character_exactly(hostile_kg, tmp_path, fmt):
    """RDF formats escape what they must, so even control characters survive (only graph formats drop them)."""
    result = export(hostile_kg, fmt, tmp_path)
    if fmt == "jsonld":
        read = rdflib.Graph().parse(result.path, format="json-ld")
        labels = {str(o) for o in read.objects(rdflib.URIRef("https://example.org/hostile/task-1"), rdflib.RDFS.label)}
    else:
        rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        read = ox.parse(path=str(result.path), format=rdf_format)
        labels = {t.object.value for t in read if t.subject.value.endswith("/task-1") and t.predicate == RDFS_LABEL}
    assert "花桥🌉 <b>&amp;</b> \"q\" 'a'\x01\x07\x1b\x7f\x85 end" in labels


def test_rdf_formats_take_no_view(kg, tmp_path):
    with pytest.raises(plankg.ExportError, match="views are for the graph formats"):
        export(kg, "turtle", tmp_path / "x.ttl", view="places")
