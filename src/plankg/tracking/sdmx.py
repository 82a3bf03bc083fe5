"""Observations out: SDMX-CSV and RDF Data Cube (Turtle).

:func:`sdmx_csv` writes one row per observation in SDMX-CSV 1.0 form:
``DATAFLOW`` first, then the dimensions (``INDICATOR``, ``REF_AREA``,
``SOURCE``, ``TIME_PERIOD``), ``OBS_VALUE``, then the attributes
(``UNIT_MEASURE``, ``OBS_STATUS`` A final / P provisional, ``BOUND``,
``PERIOD_KIND``, ``EXPRESSION``, ``SOURCE_URL``, ``SOURCE_TYPE``). Codes are the
IRIs' last path segments. :func:`datacube_turtle` writes the observations,
their data sets, indicators and sources, and the data structure definition.
"""

from __future__ import annotations

import csv
import io

__all__ = ["sdmx_csv", "datacube_turtle", "SDMX_COLUMNS"]

SDMX_COLUMNS = ("DATAFLOW", "INDICATOR", "REF_AREA", "SOURCE", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE",
                "OBS_STATUS", "BOUND", "PERIOD_KIND", "EXPRESSION", "SOURCE_URL", "SOURCE_TYPE")


def _code(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def sdmx_csv(kg) -> str:
    """Return every observation in ``kg`` as SDMX-CSV.

    Parameters
    ----------
    kg : PlanGraph

    Returns
    -------
    str
        A header row, then one row per observation, by data flow, indicator and period.

    Examples
    --------
    >>> import plankg
    >>> text = sdmx_csv(plankg.load())
    >>> text.splitlines()[0].split(",")[:6]
    ['DATAFLOW', 'INDICATOR', 'REF_AREA', 'SOURCE', 'TIME_PERIOD', 'OBS_VALUE']
    """
    from ..exports.csvfiles import cell
    from .data import read

    data = read(kg)
    prefixes = {d.uri_space: d.prefix for d in kg.datasets}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SDMX_COLUMNS)
    rows = []
    for o in data.observations.values():
        space = next((s for s in prefixes if o.iri.startswith(s)), None)
        flow = f"PLANKG:{(prefixes.get(space) or 'DATA').upper()}_OBSERVATIONS(1.0)"
        rows.append((flow, _code(o.indicator), _code(o.place), _code(o.source.iri), o.period, str(o.value),
                     _code(o.unit), "P" if o.preliminary else "A", o.bound or "", o.kind, o.expression,
                     o.source.url or "", o.source.type or ""))
    for row in sorted(rows):
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def datacube_turtle(kg) -> str:
    """Return the observations of ``kg`` as an RDF Data Cube in Turtle.

    The observations and every triple about them, their data sets, indicators
    and source documents, and the data structure definitions with their
    components and the component properties' declarations.
    """
    from rdflib import RDF, BNode, Graph, Namespace, URIRef

    QB = Namespace("http://purl.org/linked-data/cube#")
    PLAN = Namespace("https://w3id.org/plankg/ontology#")
    graph = kg.rdflib_graph()
    out = Graph()
    for prefix, space in [("qb", QB), ("plan", PLAN), ("sdmx-dimension", "http://purl.org/linked-data/sdmx/2009/dimension#"),
                          ("sdmx-attribute", "http://purl.org/linked-data/sdmx/2009/attribute#"),
                          ("sdmx-measure", "http://purl.org/linked-data/sdmx/2009/measure#"),
                          ("unit", "http://qudt.org/vocab/unit/"), ("schema", "https://schema.org/"),
                          ("dcterms", "http://purl.org/dc/terms/"), ("skos", "http://www.w3.org/2004/02/skos/core#")]:
        out.bind(prefix, space)
    for d in kg.datasets:
        out.bind(d.prefix, d.uri_space)
    todo, seen = [], set()
    observations = set(graph.subjects(RDF.type, PLAN.Observation))
    for o in observations:
        todo.append(o)
        todo.extend(graph.objects(o, QB.dataSet))
        todo.extend(graph.objects(o, PLAN.indicator))
        todo.extend(graph.objects(o, PLAN.source))
    for ds in list(graph.subjects(RDF.type, QB.DataSet)):
        todo.append(ds)
        todo.extend(graph.objects(ds, QB.structure))
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, obj in graph.predicate_objects(node):
            out.add((node, p, obj))
            if isinstance(obj, BNode) or p == QB.component:
                todo.append(obj)
            if p in (QB.dimension, QB.measure, QB.attribute) and isinstance(obj, URIRef):
                todo.append(obj)
    return out.serialize(format="turtle")
