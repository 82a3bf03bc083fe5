"""Validate each plan on its own, across processes, into one report.

Each data set (a ``dataset.ttl`` and its files) is validated with the
ontology and the data that no description covers (shared reference data, such
as the places or indicators several plans name), and nothing else, so plans
loaded together cannot hide or cause each other's violations. A plan's
results are those about its own entities (focus nodes its files describe);
the shared data is validated once more as a set of its own, which reports
its own faults once, not once per plan. The sets are spread over a process pool in chunks of several
small plans each, so that a corpus of many small plans does not pay a
process's start-up per plan, and the outcomes are merged into one
:class:`~plankg.validation.ValidationReport` whose results name their plan.

Examples
--------
>>> from plankg.datafiles import discover
>>> report = validate_files(discover())
>>> report.conforms, [p.prefix for p in report.plans]
(True, ['ks'])
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, SH, BNode, Graph, Literal

from .datafiles import DataFile, GraphNames, Layer, parse_file
from .errors import DataError
from .namespaces import PREFIXES
from .plans import PlanInfo, plans_from_rows
from .validation import ValidationReport, ValidationResult

__all__ = ["plan_groups", "validate_files"]

#: The ontology's predicates that validation keeps: what SHACL targets and class
#: checks use, and the vocabulary terms' labels and schemes that the shapes check.
STRUCTURE = frozenset({
    PREFIXES["rdfs"] + "label",
    PREFIXES["rdf"] + "type",
    PREFIXES["rdfs"] + "subClassOf",
    PREFIXES["rdfs"] + "subPropertyOf",
    PREFIXES["rdfs"] + "domain",
    PREFIXES["rdfs"] + "range",
    PREFIXES["owl"] + "inverseOf",
    PREFIXES["skos"] + "inScheme",
})

#: Chunks handed to each worker process, so that a slow plan does not leave the others idle.
_CHUNKS_PER_JOB = 4

_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"
_PLAN = PREFIXES["plan"] + "Plan"
_TOPIC = "http://xmlns.com/foaf/0.1/primaryTopic"
_SPACE = "http://rdfs.org/ns/void#uriSpace"
_PREFIX = "http://purl.org/vocab/vann/preferredNamespacePrefix"


def plan_groups(files: Sequence[DataFile]) -> list[tuple[DataFile, ...]]:
    """Split a graph's files into the sets validated on their own.

    Parameters
    ----------
    files : sequence of DataFile
        The files of a plan graph (:func:`plankg.datafiles.discover`).

    Returns
    -------
    list of tuple of DataFile
        One tuple per data set, in the order the files name them: the
        ontology's files, the data no ``dataset.ttl`` describes (shared by
        every data set), then the data set's own; the undescribed data forms
        one more tuple of its own.
    """
    ontology = [f for f in files if f.layer is Layer.ONTOLOGY]
    sets: dict[str | None, list[DataFile]] = {}
    for datafile in files:
        if datafile.layer is not Layer.ONTOLOGY:
            key = datafile.dataset.uri_space if datafile.dataset else None
            sets.setdefault(key, []).append(datafile)
    shared = sets.get(None, [])
    return [tuple(ontology + (own if key is None else shared + own)) for key, own in sets.items()]


@dataclass(frozen=True)
class _Outcome:
    """What validating one data set gave; what a worker process sends back.

    In this process ``graph`` is pySHACL's report graph; from a worker, which
    sends plain data, its ``triples`` and ``namespaces``.
    """

    conforms: bool = True
    results: tuple[ValidationResult, ...] = ()
    plans: tuple[PlanInfo, ...] = ()
    graph: Graph | None = None
    triples: tuple = ()
    namespaces: tuple = ()
    error: tuple | None = None

    def report_graph(self) -> Graph:
        """The SHACL report graph of the data set."""
        if self.graph is not None:
            return self.graph
        graph = Graph(bind_namespaces="core")
        for prefix, namespace in self.namespaces:
            graph.bind(prefix, namespace)
        graph.addN((s, p, o, graph) for s, p, o in self.triples)
        return graph


def validate_files(
    files: Sequence[DataFile],
    graphs: GraphNames | None = None,
    *,
    jobs: int | None = None,
    triples: Mapping[DataFile, list[ox.Triple]] | None = None,
) -> ValidationReport:
    """Validate each data set of ``files`` on its own, in parallel, into one report.

    Parameters
    ----------
    files : sequence of DataFile
        The files of a plan graph, the ontology among them.
    graphs : GraphNames, optional
        The named graphs the plans are in (reported in :attr:`ValidationReport.plans`).
    jobs : int, optional
        Worker processes; by default one per core, and none (validation in
        this process) when there is one data set or ``jobs`` is 1.
    triples : mapping, optional
        The files' triples, already parsed; used when validating in this process.

    Returns
    -------
    ValidationReport
        The results of every data set, each naming its plan
        (:attr:`ValidationResult.plan`), in the order of the data sets.

    Raises
    ------
    DataError
        If a file cannot be read or parsed (the first such file, in order).
    """
    graphs = graphs or GraphNames()
    groups = plan_groups(files)
    workers = min(jobs or _cores(), len(groups))
    if workers <= 1:
        return _merge([_validate_group(group, graphs, triples) for group in groups])
    outcomes = _in_pool(groups, graphs, workers)
    for outcome in outcomes:
        if outcome.error is not None:
            path, message, line = outcome.error
            raise DataError(path, message, line)
    return _merge(outcomes)


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _in_pool(groups: list[tuple[DataFile, ...]], graphs: GraphNames, workers: int) -> list[_Outcome]:
    """Validate ``groups`` in ``workers`` processes; the outcomes in the order of ``groups``."""
    chunks = _chunks(groups, workers * _CHUNKS_PER_JOB)
    outcomes: list[_Outcome | None] = [None] * len(groups)
    work = [[groups[i] for i in chunk] for chunk in chunks]
    with ProcessPoolExecutor(workers, initializer=_warm) as pool:
        for indexes, done in zip(chunks, pool.map(_validate_chunk, work, [graphs] * len(work))):
            for index, outcome in zip(indexes, done):
                outcomes[index] = outcome
    return outcomes  # type: ignore[return-value]


def _chunks(groups: list[tuple[DataFile, ...]], count: int) -> list[list[int]]:
    """Spread the groups' indexes over ``count`` chunks of about equal size on disk, largest first."""
    sizes = [sum(_size(f.path) for f in group if f.layer is not Layer.ONTOLOGY) for group in groups]
    chunks: list[list[int]] = [[] for _ in range(min(count, len(groups)))]
    loads = [0] * len(chunks)
    for index in sorted(range(len(groups)), key=lambda i: -sizes[i]):
        lightest = loads.index(min(loads))
        chunks[lightest].append(index)
        loads[lightest] += sizes[index] or 1
    return [sorted(chunk) for chunk in chunks if chunk]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _warm() -> None:
    """Read the shapes once in a new worker process, before its first plan."""
    from .validation import _bundled_shapes

    _bundled_shapes()


def _validate_chunk(groups: list[tuple[DataFile, ...]], graphs: GraphNames) -> list[_Outcome]:
    """Validate ``groups`` in a worker: outcomes as plain data, a file's error as a value."""
    outcomes = []
    for group in groups:
        try:
            outcome = _validate_group(group, graphs)
        except DataError as err:
            outcomes.append(_Outcome(conforms=False, error=(str(err.path), err.message, err.line)))
            continue
        graph = outcome.report_graph()
        outcomes.append(_Outcome(outcome.conforms, outcome.results, outcome.plans,
                                 triples=tuple(graph), namespaces=tuple(graph.namespaces())))
    return outcomes


def _validate_group(
    group: tuple[DataFile, ...],
    graphs: GraphNames,
    triples: Mapping[DataFile, list[ox.Triple]] | None = None,
) -> _Outcome:
    """Validate one data set with the ontology's structure.

    Raises
    ------
    DataError
        If one of its files cannot be read or parsed.
    """
    from .engines.convert import add_triples
    from .validation import run_shacl

    parsed = {
        f: (triples[f] if triples is not None and f in triples else parse_file(f.path))
        for f in group
        if f.layer is not Layer.ONTOLOGY
    }
    data = Graph()
    data.addN((s, p, o, data) for f in group if f.layer is Layer.ONTOLOGY for s, p, o in _structure(f.path))
    for found in parsed.values():
        add_triples(data, found)
    described = next((f.dataset for f in group if f.dataset is not None), None)
    own = {f: found for f, found in parsed.items() if described is None or f.dataset is not None}
    plans = _plans(own, graphs)
    plan = described.plan if described else (plans[0].iri if len(plans) == 1 else None)
    report = run_shacl(data, plan=plan)
    if described is not None and len(own) < len(parsed):
        report = _focused_on(report, {t.subject.value for found in own.values() for t in found})
    return _Outcome(report.conforms, report.results, plans, graph=report.graph)


def _focused_on(report: ValidationReport, subjects: set[str]) -> ValidationReport:
    """``report`` restricted to the results whose focus node is one of ``subjects``.

    A data set is validated together with the shared data; the shared data's
    own faults are reported by its own set, once.
    """
    kept = tuple(r for r in report.results if r.focus_node in subjects)
    if len(kept) == len(report.results):
        return report
    graph = report.graph
    for node in list(graph.subjects(RDF.type, SH.ValidationResult)):
        if str(graph.value(node, SH.focusNode)) not in subjects:
            graph.remove((None, SH.result, node))
            graph.remove((node, None, None))
    conforms = not kept
    for head in graph.subjects(RDF.type, SH.ValidationReport):
        graph.set((head, SH.conforms, Literal(conforms)))
    return ValidationReport(conforms=conforms, results=kept, graph=graph, plans=report.plans)


@lru_cache(maxsize=4)
def _structure(path: Path) -> list[tuple]:
    """The ontology's triples that validation needs (:data:`STRUCTURE`), as rdflib terms, read once."""
    from .engines.convert import to_rdflib

    return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
            for t in parse_file(path) if t.predicate.value in STRUCTURE]


def _plans(parsed: Mapping[DataFile, list[ox.Triple]], graphs: GraphNames) -> tuple[PlanInfo, ...]:
    """The plans in a data set's triples, as :func:`plankg.plans.plans_of` finds them in a graph."""
    typed: dict[tuple[str, str], None] = {}
    described: dict[str, dict[str, dict[str, set[str]]]] = {}
    labels: dict[str, dict[str, str]] = {}
    for datafile, triples in parsed.items():
        graph = graphs.of(datafile.layer, datafile.dataset)
        about = described.setdefault(graph, {})
        for t in triples:
            predicate = t.predicate.value
            if predicate == _TYPE and t.object.value == _PLAN and isinstance(t.subject, ox.NamedNode):
                typed[(t.subject.value, graph)] = None
            elif predicate in (_TOPIC, _SPACE, _PREFIX):
                about.setdefault(t.subject.value, {}).setdefault(predicate, set()).add(t.object.value)
            elif predicate == _LABEL and isinstance(t.object, ox.Literal) and t.object.language in ("zh", "en"):
                labels.setdefault(t.subject.value, {}).setdefault(t.object.language, t.object.value)
    rows = []
    for iri, graph in typed:
        found = [
            (space, prefix)
            for values in described.get(graph, {}).values()
            if iri in values.get(_TOPIC, ())
            for space in sorted(values.get(_SPACE, ()))
            for prefix in sorted(values.get(_PREFIX, ()))
        ] or [(None, None)]
        mine = labels.get(iri, {})
        for space, prefix in found:
            rows.append({"plan": iri, "graph": graph, "uri_space": space, "prefix": prefix,
                         "label_zh": mine.get("zh"), "label_en": mine.get("en")})
    rows.sort(key=lambda r: (r["prefix"] is not None, r["prefix"] or "", r["plan"], r["graph"]))
    return plans_from_rows(rows)


def _merge(outcomes: list[_Outcome]) -> ValidationReport:
    """One report of the outcomes, in order: all results, all plans, one SHACL report graph."""
    from .plans import sort_plans

    plans: dict[str, PlanInfo] = {}
    for outcome in outcomes:
        for plan in outcome.plans:
            plans.setdefault(plan.iri, plan)
    results = tuple(r for outcome in outcomes for r in outcome.results)
    conforms = all(outcome.conforms for outcome in outcomes)
    if len(outcomes) == 1:
        graph = outcomes[0].report_graph()
    else:
        graph = _merged_graph([outcome.report_graph() for outcome in outcomes], conforms)
    return ValidationReport(conforms=conforms, results=results, graph=graph, plans=sort_plans(plans.values()))


def _merged_graph(reports: list[Graph], conforms: bool) -> Graph:
    """The SHACL report graphs ``reports`` as one ``sh:ValidationReport``."""
    graph = Graph(bind_namespaces="core")
    for report in reports:
        for prefix, namespace in report.namespaces():
            graph.bind(prefix, namespace)
        heads = set(report.subjects(RDF.type, SH.ValidationReport))
        graph.addN((s, p, o, graph) for s, p, o in report if s not in heads)
    head = BNode()
    graph.add((head, RDF.type, SH.ValidationReport))
    graph.add((head, SH.conforms, Literal(conforms)))
    for node in graph.subjects(RDF.type, SH.ValidationResult):
        graph.add((head, SH.result, node))
    return graph
