"""Turtle, N-Triples and JSON-LD: every triple of the plan graph.

These formats carry the whole graph, every layer merged into one (the
ontology, the source layer and, if loaded, the curated layer), straight from
the parsed files' quads, serialized by pyoxigraph; a graph on a SPARQL
endpoint is read with one ``SELECT ?s ?p ?o`` query. Triples are sorted, so
the same data gives the same file.

JSON-LD is compacted with a context of the usual prefixes (``plan:``,
``rdfs:`` … and each loaded plan's own): pyoxigraph writes expanded JSON-LD, and
:func:`compact_jsonld` shortens its IRIs to ``prefix:name`` and its
one-element lists to the element, the two steps of JSON-LD compaction that a
context of prefixes alone calls for (the JSON-LD processors PyLD and rdflib
take seconds for what this does in milliseconds). Any JSON-LD processor reads
the result back to the same triples.

Examples
--------
>>> import pyoxigraph as ox
>>> from plankg.namespaces import PLAN
>>> KS, prefixes = "https://example.org/plan/", {**PREFIXES, "ex": "https://example.org/plan/"}
>>> integer = ox.NamedNode(XSD + "integer")
>>> t = ox.Triple(ox.NamedNode(KS + "task/01"), ox.NamedNode(PLAN + "ordinal"), ox.Literal("1", datatype=integer))
>>> print(rdf_bytes([t], ExportFormat.NTRIPLES).decode(), end="")
<https://example.org/plan/task/01> <https://w3id.org/plankg/ontology#ordinal> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
>>> jsonld_data([t], prefixes)["@graph"]
[{'@id': 'ex:task/01', 'plan:ordinal': {'@type': 'xsd:integer', '@value': '1'}}]
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from ..atomic import write_bytes
from ..namespaces import PREFIXES
from .formats import ExportFormat

__all__ = ["plan_triples", "rdf_bytes", "jsonld_data", "compact_jsonld", "write_rdf", "CONTEXT"]

#: The XML Schema datatypes' namespace.
XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: The JSON-LD context of the export: the plankg prefixes.
CONTEXT = dict(PREFIXES)
_OXIGRAPH = {ExportFormat.TURTLE: ox.RdfFormat.TURTLE, ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES}


def plan_triples(kg) -> list[ox.Triple]:
    """Return every triple of a plan graph's layers, once each, sorted.

    Parameters
    ----------
    kg : PlanGraph
        From files (the parsed quads are used) or on an endpoint (queried).
    """
    if kg.files:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in kg.quads()}
    else:
        rows = kg.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        triples = {ox.Triple(row[0], row[1], row[2]) for row in rows}
    return sorted(triples, key=str)


def rdf_bytes(triples, fmt: ExportFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """Return triples as Turtle, N-Triples or compact JSON-LD, UTF-8.

    ``prefixes`` (the graph's, :attr:`plankg.PlanGraph.prefixes`) shorten
    IRIs in Turtle and JSON-LD; :data:`CONTEXT` by default.
    """
    fmt = ExportFormat.parse(fmt)
    prefixes = CONTEXT if prefixes is None else prefixes
    if fmt is ExportFormat.JSONLD:
        return (json.dumps(jsonld_data(triples, prefixes), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt not in _OXIGRAPH:
        raise ValueError(f"{fmt.value} is not an RDF format")
    return ox.serialize(triples, format=_OXIGRAPH[fmt], prefixes=prefixes)


def _iri(iri: str, context: dict[str, str]) -> str:
    for prefix, namespace in context.items():
        if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _value(value, context):
    if not isinstance(value, dict):
        return value
    if set(value) == {"@id"}:
        return {"@id": _iri(value["@id"], context)}
    if set(value) == {"@value"}:
        return value["@value"]
    if "@type" in value and "@value" in value:
        return {**value, "@type": _iri(value["@type"], context)}
    return value


def _node(node: dict, context: dict[str, str]) -> dict:
    out = {}
    for key, values in node.items():
        if key == "@id":
            out["@id"] = _iri(values, context)
        elif key.startswith("@"):
            out[key] = values
        elif key == _RDF_TYPE and all(set(v) == {"@id"} and not v["@id"].startswith("_:") for v in values):
            types = [_iri(v["@id"], context) for v in values]
            out["@type"] = types[0] if len(types) == 1 else types
        else:
            compacted = [_value(v, context) for v in values] if isinstance(values, list) else _value(values, context)
            if isinstance(compacted, list) and len(compacted) == 1:
                compacted = compacted[0]
            out[_iri(key, context)] = compacted
    return out


def compact_jsonld(expanded: list, prefixes: dict[str, str] | None = None) -> dict:
    """Compact pyoxigraph's expanded JSON-LD (a list of node objects) with ``prefixes`` (:data:`CONTEXT`)."""
    context = dict(CONTEXT if prefixes is None else prefixes)
    return {"@context": context, "@graph": [_node(node, context) for node in expanded]}


def jsonld_data(triples, prefixes: dict[str, str] | None = None) -> dict:
    """Return triples as a compact JSON-LD document (``@context`` and ``@graph``), with ``prefixes``."""
    expanded = json.loads(ox.serialize(list(triples), format=ox.RdfFormat.JSON_LD))
    if isinstance(expanded, dict):
        expanded = expanded.get("@graph", [expanded])
    return compact_jsonld(expanded, prefixes)


def write_rdf(triples, path: str | Path, fmt: ExportFormat, prefixes: dict[str, str] | None = None) -> Path:
    """Write triples to ``path`` in an RDF format, atomically.

    Returns
    -------
    Path
        The file written.
    """
    data = rdf_bytes(triples, fmt, prefixes)
    write_bytes(path, data)
    return Path(path)


