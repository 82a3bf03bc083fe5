"""The IRIs plankg mints and the prefixes it uses to show them.

Examples
--------
>>> PLAN + "Task"
'https://w3id.org/plankg/ontology#Task'
>>> compact("https://w3id.org/plankg/kunshan-2022/task/06")
'ks:task/06'
>>> compact("urn:x:unknown")
'urn:x:unknown'
"""

from __future__ import annotations

__all__ = ["PLAN", "PLANSH", "KS", "ONTOLOGY_IRI", "SHAPES_IRI", "PREFIXES", "compact"]

#: The ontology's namespace.
PLAN = "https://w3id.org/plankg/ontology#"
#: The namespace of the SHACL shapes.
PLANSH = "https://w3id.org/plankg/shapes#"
#: The bundled Kunshan 2022 data set's namespace.
KS = "https://w3id.org/plankg/kunshan-2022/"
#: The ontology's IRI, also the named graph it is loaded into.
ONTOLOGY_IRI = "https://w3id.org/plankg/ontology"
#: The shapes graph's IRI.
SHAPES_IRI = "https://w3id.org/plankg/shapes"

#: Prefixes used to compact IRIs for display, most specific first.
PREFIXES: dict[str, str] = {
    "plan": PLAN,
    "plansh": PLANSH,
    "ks": KS,
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
}


def compact(iri: str) -> str:
    """Return ``iri`` as ``prefix:local`` when a known prefix matches, else as is.

    Parameters
    ----------
    iri : str
        An absolute IRI.

    Returns
    -------
    str
        The compact form, or ``iri`` unchanged.
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
