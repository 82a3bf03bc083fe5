"""Carry RDF terms between pyoxigraph and rdflib without re-parsing.

plankg parses every file once, with pyoxigraph; the rdflib engine and the
SHACL validator receive the same terms converted here.

Examples
--------
>>> import pyoxigraph as ox
>>> to_rdflib(ox.Literal("花桥", language="zh"))
rdflib.term.Literal('花桥', lang='zh')
>>> to_rdflib(ox.Literal("6", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
rdflib.term.Literal('6', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_oxigraph(to_rdflib(ox.NamedNode("http://example.org/a")))
<NamedNode value=http://example.org/a>
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

__all__ = ["to_rdflib", "to_oxigraph", "add_triples", "converter"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
    """Return the rdflib term equal to a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term plankg handles: {term!r}")


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return the pyoxigraph term equal to an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term plankg handles: {term!r}")


def add_triples(graph: Graph, triples: Iterable[ox.Triple], converted: dict | None = None) -> Graph:
    """Add pyoxigraph triples to an rdflib graph and return the graph.

    Each distinct term is converted once (a plan names its predicates, classes
    and entities many times over); rdflib's terms are immutable, so the
    triples share them. ``converted`` (each pyoxigraph term and its rdflib
    term) is filled in, and can be shared by several calls.
    """
    term = converter(converted)
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)
    return graph


def converter(converted: dict | None = None):
    """Return a function that converts a pyoxigraph term to rdflib's, each distinct term once.

    ``converted`` (each pyoxigraph term and its rdflib term) is filled in as
    terms are converted, and can be shared by several converters.

    Examples
    --------
    >>> term = converter()
    >>> term(ox.NamedNode("http://example.org/a")) is term(ox.NamedNode("http://example.org/a"))
    True
    """
    converted = {} if converted is None else converted

    def term(node):
        found = converted.get(node)
        if found is None:
            found = converted[node] = to_rdflib(node)
        return found

    return term
