"""The IRIs plankg mints and the prefixes it uses to show them.

Examples
--------
>>> PLAN + "Task"
'https://w3id.org/plankg/ontology#Task'
>>> compact("http://www.w3.org/2004/02/skos/core#Concept")
'skos:Concept'
>>> compact("http://example.org/p/task/06", {"ex": "http://example.org/p/"})
'ex:task/06'
>>> compact("urn:x:unknown")
'urn:x:unknown'

The prefixes of plan data sets are not here: each data set declares its own
(``vann:preferredNamespacePrefix``), and :attr:`plankg.PlanGraph.prefixes`
adds them to these.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["PLAN", "PLANSH", "ONTOLOGY_IRI", "SHAPES_IRI", "PREFIXES", "compact"]

#: The ontology's namespace.
PLAN = "https://w3id.org/plankg/ontology#"
#: The namespace of the SHACL shapes.
PLANSH = "https://w3id.org/plankg/shapes#"
#: The ontology's IRI, also the named graph it is loaded into.
ONTOLOGY_IRI = "https://w3id.org/plankg/ontology"
#: The shapes graph's IRI.
SHAPES_IRI = "https://w3id.org/plankg/shapes"

#: Prefixes used to compact IRIs for display, most specific first.
PREFIXES: dict[str, str] = {
    "plan": PLAN,
    "plansh": PLANSH,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "unit": "http://qudt.org/vocab/unit/",
    "qudt": "http://qudt.org/schema/qudt/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "vann": "http://purl.org/vocab/vann/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "qb": "http://purl.org/linked-data/cube#",
    "oa": "http://www.w3.org/ns/oa#",
    "unit": "http://qudt.org/vocab/unit/",
    "qudt": "http://qudt.org/schema/qudt/",
}


def compact(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Return ``iri`` as ``prefix:local`` when a known prefix matches, else as is.

    Parameters
    ----------
    iri : str
        An absolute IRI.
    prefixes : mapping, optional
        Prefix to namespace; :data:`PREFIXES` by default. The longest
        matching namespace wins.

    Returns
    -------
    str
        The compact form, or ``iri`` unchanged.
    """
    best = None
    for prefix, namespace in (PREFIXES if prefixes is None else prefixes).items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            if best is None or len(namespace) > len(best[1]):
                best = (prefix, namespace)
    return iri if best is None else f"{best[0]}:{iri[len(best[1]):]}"
