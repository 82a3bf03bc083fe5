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

__all__ = ["PLAN", "PLANSH", "ONTOLOGY_IRI", "SHAPES_IRI", "PREFIXES", "Compactor", "compact"]

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


class Compactor:
    """Write IRIs as ``prefix:local`` with a fixed set of prefixes, the longest matching namespace winning.

    Each IRI costs one dictionary lookup per distinct namespace length, not
    one comparison per prefix: a corpus of 1,000 plans brings 1,000 prefixes.

    Parameters
    ----------
    prefixes : mapping
        Prefix to namespace. Of two prefixes of one namespace, the first wins.

    Examples
    --------
    >>> short = Compactor({"ex": "http://example.org/", "p": "http://example.org/p/"})
    >>> short("http://example.org/p/task/06"), short("http://example.org/x"), short("http://example.org/")
    ('p:task/06', 'ex:x', 'http://example.org/')
    """

    __slots__ = ("_by_length",)

    def __init__(self, prefixes: Mapping[str, str]):
        by_length: dict[int, dict[str, str]] = {}
        for prefix, namespace in prefixes.items():
            by_length.setdefault(len(namespace), {}).setdefault(namespace, prefix)
        self._by_length = sorted(by_length.items(), reverse=True)

    def __call__(self, iri: str) -> str:
        for length, namespaces in self._by_length:
            if length < len(iri):
                prefix = namespaces.get(iri[:length])
                if prefix is not None:
                    return f"{prefix}:{iri[length:]}"
        return iri


_PLANKG = Compactor(PREFIXES)


def compact(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Return ``iri`` as ``prefix:local`` when a known prefix matches, else as is.

    Parameters
    ----------
    iri : str
        An absolute IRI.
    prefixes : mapping, optional
        Prefix to namespace; :data:`PREFIXES` by default. The longest
        matching namespace wins. (To compact many IRIs with one large
        mapping, make a :class:`Compactor` once.)

    Returns
    -------
    str
        The compact form, or ``iri`` unchanged.
    """
    return (_PLANKG if prefixes is None else Compactor(prefixes))(iri)
