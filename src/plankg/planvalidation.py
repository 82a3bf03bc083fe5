"""Validate each plan on its own, across processes, into one report.

Each data set (a ``dataset.ttl`` and its files) is validated with the
ontology and the data that no description covers (shared reference data, such
as the places or indicators several plans name), and nothing else, so plans
loaded together cannot hide or cause each other's violations. A plan's
results are those about its own entities (focus nodes its files describe);
the shared data is validated once more as a set of its own, which reports
its own faults once, not once per plan. The outcomes are merged into one
:class:`~plankg.validation.ValidationReport` whose results name their plan.

With pySHACL, several data sets are validated in one engine run (a batch,
sized by bytes on disk, about two per worker process), so that a corpus of
many small plans pays the engine's fixed cost per batch, not per plan; each result goes to
the data set whose files describe its focus node, exactly as if each data set
had been validated alone. That holds because data sets that say something
about each other's nodes go into different runs (:func:`_runs`), and a run
with a result that could be several data sets' is validated again set by set.
The engine is pySHACL (the reference) or ``shacl``
(:mod:`plankg.shaclengine`). The worker processes are :class:`plankg.workers.Workers`;
:func:`start_validation` starts them and returns at once, so that the caller
(:func:`plankg.plan_report`) works while they validate.

Examples
--------
>>> from plankg.datafiles import discover
>>> report = validate_files(discover())
>>> report.conforms, [p.prefix for p in report.plans]
(True, ['ks'])
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, SH, BNode, Graph, Literal

from .cores import usable_cores
from .datafiles import DataFile, GraphNames, Layer, parse_file
from .errors import DataError
from .namespaces import PREFIXES
from .plans import PlanInfo, plans_from_rows
from .validation import ValidationReport, ValidationResult
from .workers import Workers

__all__ = ["plan_groups", "validate_files", "start_validation", "Validating"]

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

#: Batches per worker process, so that a slow batch does not leave the others idle.
_BATCHES_PER_JOB = 2
#: The most bytes of data files in one batch, which bounds an rdflib graph's memory.
_BATCH_BYTES = 8 * 1024**2
#: Chunks of data sets handed to each worker process when each is validated in a run of its own.
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
    order: tuple[int, ...] = ()

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
    shacl_engine: str = "pyshacl",
    batch: bool | None = None,
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
    shacl_engine : {"pyshacl", "shacl"}
        The SHACL engine (:data:`plankg.shaclengine.ENGINES`); pySHACL, the reference, by default.
    batch : bool, optional
        Validate several data sets in one engine run (the same results): by
        default with pySHACL, whose fixed cost per run it spares, and not with
        ``shacl``, which has no such cost (a run per data set is faster there).

    Returns
    -------
    ValidationReport
        The results of every data set, each naming its plan
        (:attr:`ValidationResult.plan`), in the order of the data sets.

    Raises
    ------
    DataError
        If a file cannot be read or parsed (the first such file, in order).
    ValidationEngineError
        If ``shacl_engine`` is unknown or not installed.
    """
    groups, graphs, workers, batch = _plan_work(files, graphs, jobs, shacl_engine, batch)
    if workers > 1:
        with _start(groups, graphs, workers, shacl_engine, batch) as running:
            return running.result()
    units = _units(groups, 1, batch)
    return _merge([outcome for unit in units for outcome in
                   _validate_unit(unit, [groups[i] for i in unit], graphs, shacl_engine, batch, triples)])


#: Seconds :meth:`Validating.result` waits for the worker processes by default.
DEADLINE = 3600.0


class Validating:
    """Validation under way in worker processes (:func:`start_validation`); wait for it or stop it.

    Use it as a context manager: leaving the block stops the processes still
    running, so an error in the work done meanwhile leaves none behind.
    """

    def __init__(self, workers: Workers):
        self._workers = workers

    def __enter__(self) -> Validating:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def result(self, deadline: float = DEADLINE) -> ValidationReport:
        """Wait for the report, at most ``deadline`` seconds.

        Returns
        -------
        ValidationReport
            The same report :func:`validate_files` gives.

        Raises
        ------
        DataError
            If a file cannot be read or parsed (the first such file, in order).
        ValidationEngineError
            If a worker process ended without answering, or the deadline passed.
        """
        outcomes = [outcome for outcomes in self._workers.results(deadline) for outcome in outcomes]
        for outcome in outcomes:
            if outcome.error is not None:
                path, message, line = outcome.error
                raise DataError(path, message, line)
        return _merge(outcomes)

    def stop(self) -> None:
        """End the worker processes still running (nothing if the report was given)."""
        self._workers.stop()

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids."""
        return self._workers.pids


def start_validation(
    files: Sequence[DataFile],
    graphs: GraphNames | None = None,
    *,
    jobs: int | None = None,
    shacl_engine: str = "pyshacl",
    batch: bool | None = None,
) -> Validating:
    """Start validating ``files`` in worker processes, as :func:`validate_files` does, and return at once.

    The caller works meanwhile (:func:`plankg.plan_report` runs its queries)
    and then waits for :meth:`Validating.result`. Even one data set is
    validated in a process of its own here. The processes are started in the
    calling thread, before it returns: call it before this process starts
    threads of its own.

    Parameters
    ----------
    files, graphs, shacl_engine, batch
        As for :func:`validate_files`.
    jobs : int, optional
        Worker processes; by default one per core, never more than data sets.

    Returns
    -------
    Validating

    Raises
    ------
    ValidationEngineError
        If ``shacl_engine`` is unknown or not installed.
    """
    groups, graphs, workers, batch = _plan_work(files, graphs, jobs, shacl_engine, batch)
    return _start(groups, graphs, max(1, workers), shacl_engine, batch)


def _plan_work(files, graphs, jobs, shacl_engine, batch):
    """Check the engine; return the data sets, the graph names, how many workers, and whether to batch."""
    from .shaclengine import check_engine

    check_engine(shacl_engine)
    groups = plan_groups(files)
    return (groups, graphs or GraphNames(), min(jobs or usable_cores(), len(groups)),
            shacl_engine == "pyshacl" if batch is None else batch)


def _start(groups, graphs, workers: int, shacl_engine: str, batch: bool) -> Validating:
    """Start ``workers`` processes validating ``groups`` (:func:`start_validation`)."""
    units = _units(groups, workers, batch)
    calls = [(unit, [groups[i] for i in unit], graphs, shacl_engine, batch) for unit in units]
    return Validating(Workers(_validate_plain, calls, workers, initializer=_warm, initargs=(shacl_engine,),
                             name="validation"))


def _units(groups: list[tuple[DataFile, ...]], workers: int, batch: bool) -> list[list[int]]:
    """The data sets' numbers, in the units one engine run (batch) or one worker's turn validates."""
    pooled = workers > 1
    if batch:
        total = sum(_sizes(groups))
        return _chunks(groups, max(workers * _BATCHES_PER_JOB if pooled else 1, -(-total // _BATCH_BYTES)))
    return _chunks(groups, workers * _CHUNKS_PER_JOB) if pooled else [[i] for i in range(len(groups))]


def _sizes(groups: list[tuple[DataFile, ...]]) -> list[int]:
    """The bytes on disk of each group's data files (the ontology left out)."""
    return [sum(_size(f.path) for f in group if f.layer is not Layer.ONTOLOGY) for group in groups]


def _chunks(groups: list[tuple[DataFile, ...]], count: int) -> list[list[int]]:
    """Spread the groups' indexes over ``count`` chunks of about equal size on disk, largest first."""
    sizes = _sizes(groups)
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


def _warm(engine: str) -> None:
    """Read the shapes once in a new worker process, before its first plan."""
    if engine == "shacl":
        from .shaclengine import _compiled

        _compiled()
    else:
        from .validation import _bundled_shapes

        _bundled_shapes()


def _validate_plain(indexes: list[int], groups: list[tuple[DataFile, ...]], graphs: GraphNames, engine: str,
                    batch: bool) -> list[_Outcome]:
    """Validate a unit in a worker: outcomes as plain data, a file's error as a value."""
    try:
        outcomes = _validate_unit(indexes, groups, graphs, engine, batch)
    except DataError as err:
        return [_Outcome(conforms=False, error=(str(err.path), err.message, err.line))]
    plain = []
    for outcome in outcomes:
        graph = outcome.report_graph()
        plain.append(_Outcome(outcome.conforms, outcome.results, outcome.plans, triples=tuple(graph),
                              namespaces=tuple(graph.namespaces()), order=outcome.order))
    return plain


def _validate_unit(
    indexes: list[int],
    groups: list[tuple[DataFile, ...]],
    graphs: GraphNames,
    engine: str,
    batch: bool,
    triples: Mapping[DataFile, list[ox.Triple]] | None = None,
) -> list[_Outcome]:
    """Validate the data sets ``groups`` (numbered ``indexes``): together where they are apart, else alone.

    Raises
    ------
    DataError
        If one of their files cannot be read or parsed.
    """
    if not batch or len(groups) == 1:
        return [_validate_group(group, graphs, engine, triples, index) for index, group in zip(indexes, groups)]
    parsed: dict[DataFile, list[ox.Triple]] = {}
    for group in groups:
        for f in group:
            if f.layer is not Layer.ONTOLOGY and f not in parsed:
                parsed[f] = triples[f] if triples is not None and f in triples else parse_file(f.path)
    members = {index: group for index, group in zip(indexes, groups) if any(f.dataset for f in group)}
    outcomes = [_validate_group(group, graphs, engine, parsed, index)
                for index, group in zip(indexes, groups) if index not in members]
    for run in _runs(members, parsed):
        if len(run) == 1:
            outcomes.append(_validate_group(members[run[0]], graphs, engine, parsed, run[0]))
        else:
            outcomes.extend(_validate_together({i: members[i] for i in run}, graphs, engine, parsed))
    return outcomes


def _runs(members: Mapping[int, tuple[DataFile, ...]], parsed: Mapping[DataFile, list[ox.Triple]]) -> list[list[int]]:
    """Share the data sets of ``members`` out into runs whose data sets cannot see each other's triples.

    Validated alone, a data set sees the ontology, the shared data and its own
    triples. In a run with others it must see nothing more that could bear on
    its results, so two data sets go into different runs when one says
    something (a triple that the shared data does not already hold) about a
    node the other mentions or describes, or about a node connected to one it
    mentions through the shared data (a shared place and the triples about
    it). A node in a data set's IRI space (``void:uriSpace``) counts as said
    by it. A data set whose IRI space the ontology mentions runs alone. Data
    sets that only point at a shared node, or restate the shared data's
    triples about it, share a run: no shape counts the links into a shared
    node (the place and indicator shapes follow forward paths).

    Returns
    -------
    list of list of int
        The runs, each a list of data-set numbers, largest data sets first.
    """
    common = next(iter(members.values()), ())
    shared = {t for f in common if f.layer is not Layer.ONTOLOGY and f.dataset is None for t in parsed[f]}
    piece = _pieces(shared)
    spaces = {index: next((f.dataset.uri_space for f in group if f.dataset is not None), None) or None
              for index, group in members.items()}
    says: dict[int, set] = {}  # what each data set says something about, outside its own IRI space
    touches: dict[int, set] = {}  # what it points at (or restates), outside its own IRI space
    for index, group in members.items():
        space = spaces[index]
        said, touched = says.setdefault(index, set()), touches.setdefault(index, set())
        for f in group:
            if f.dataset is None:
                continue
            for t in parsed[f]:
                subject, obj = t.subject, t.object
                if not (space and isinstance(subject, ox.NamedNode) and subject.value.startswith(space)):
                    if isinstance(subject, ox.NamedNode):
                        (touched if t in shared else said).add(subject)
                touched.add(t.predicate)
                if isinstance(obj, ox.NamedNode) and not (space and obj.value.startswith(space)):
                    touched.add(obj)
    # the IRI spaces each foreign node falls in, found by bisection over the sorted nodes
    foreign = sorted({term.value for terms in (*says.values(), *touches.values()) for term in terms})
    in_space: dict[str, set[int]] = {}
    for index, space in spaces.items():
        if space:
            at = bisect_left(foreign, space)
            while at < len(foreign) and foreign[at].startswith(space):
                in_space.setdefault(foreign[at], set()).add(index)
                at += 1
    ontology = sorted({term.value for f in common if f.layer is Layer.ONTOLOGY for t in _structure_triples(f.path)
                       for term in (t.subject, t.object) if isinstance(term, ox.NamedNode)})
    alone = set()
    for index, space in spaces.items():
        at = bisect_left(ontology, space) if space else len(ontology)
        if at < len(ontology) and ontology[at].startswith(space):
            alone.add(index)
    sayers: dict = {}
    for index, said in says.items():
        for term in said:
            sayers.setdefault(piece.get(term, term), set()).add(index)
    apart: dict[int, set[int]] = {index: set() for index in members}
    for index in members:
        for term in (*touches[index], *says[index]):
            owners = sayers.get(piece.get(term, term), set()) | in_space.get(term.value, set())
            for other in owners - {index}:
                apart[index].add(other)
                apart[other].add(index)
    sizes = {index: sum(len(parsed[f]) for f in group if f.dataset is not None) for index, group in members.items()}
    runs: list[list[int]] = [[index] for index in sorted(alone)]
    shareable: list[list[int]] = []
    for index in sorted(set(members) - alone, key=lambda i: (-sizes[i], i)):
        run = next((r for r in shareable if not apart[index].intersection(r)), None)
        if run is None:
            shareable.append([index])
        else:
            run.append(index)
    return runs + [sorted(r) for r in shareable]


def _pieces(triples: set[ox.Triple]) -> dict:
    """Each node of ``triples`` and the piece it is in: the nodes connected through them, types aside."""
    parent: dict = {}

    def find(node):
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for t in triples:
        find(t.subject)
        if not isinstance(t.object, ox.Literal) and t.predicate.value != _TYPE:
            parent[find(t.object)] = find(t.subject)
    return {node: ("piece", find(node)) for node in parent}


def _validate_together(
    members: Mapping[int, tuple[DataFile, ...]],
    graphs: GraphNames,
    engine: str,
    parsed: Mapping[DataFile, list[ox.Triple]],
) -> list[_Outcome]:
    """Validate data sets that are apart (:func:`_runs`) in one run; each result goes to its data set.

    A result about a focus node that no data set's files describe is the shared
    data's (left out, as each data set alone leaves it out). A result that
    could be several data sets' (without shared data, one about a node no data
    set describes; or one about a shared node that several data sets restate,
    which each of them reports when validated alone) has the data sets
    validated again one by one.
    """
    first = next(iter(members.values()))
    ontology = [f for f in first if f.layer is Layer.ONTOLOGY]
    shared = [f for f in first if f.layer is not Layer.ONTOLOGY and f.dataset is None]
    owner: dict[str, int] = {}
    restated: set[str] = set()  # nodes that several data sets describe (restating the shared data)
    parts = [parsed[f] for f in shared]
    for index, group in members.items():
        for f in group:
            if f.dataset is not None:
                parts.append(parsed[f])
                for t in parsed[f]:
                    if owner.setdefault(t.subject.value, index) != index:
                        restated.add(t.subject.value)
    report = _run(engine, ontology, parts, plan=None)
    if any(r.focus_node in restated or (r.focus_node not in owner and not shared) for r in report.results):
        return [_validate_group(group, graphs, engine, parsed, index) for index, group in members.items()]
    report = _focused_on(report, set(owner))
    plans = {index: next(f.dataset.plan for f in group if f.dataset is not None) for index, group in members.items()}
    results = sorted(((owner[r.focus_node], replace(r, plan=plans[owner[r.focus_node]])) for r in report.results),
                     key=lambda pair: pair[0])
    found = tuple(p for index, group in members.items()
                  for p in _plans({f: parsed[f] for f in group if f.dataset is not None}, graphs))
    return [_Outcome(not results, tuple(r for _, r in results), found, graph=report.graph,
                     order=tuple(i for i, _ in results))]


def _run(engine: str, ontology: Sequence[DataFile], parts: Sequence[list[ox.Triple]], plan: str | None):
    """Validate the ontology's structure and ``parts`` with ``engine``; every result names ``plan``."""
    if engine == "shacl":
        from .shaclengine import validate_triples

        data = [t for f in ontology for t in _structure_triples(f.path)]
        for part in parts:
            data.extend(part)
        return validate_triples(data, plan=plan)
    from .engines.indexed import add_indexed, indexed_graph
    from .validation import run_shacl

    graph = indexed_graph(rdflib_triples=(t for f in ontology for t in _structure(f.path)))
    converted: dict = {}  # every distinct term of the parts
    for part in parts:
        add_indexed(graph, part, converted)
    triples = [t for f in ontology for t in _structure_triples(f.path)]
    for part in parts:
        triples.extend(part)
    terms = [*converted, *(term for f in ontology for term in _structure_literals(f.path))]
    return run_shacl(graph, plan=plan, triples=triples, terms=terms)


def _validate_group(
    group: tuple[DataFile, ...],
    graphs: GraphNames,
    engine: str = "pyshacl",
    triples: Mapping[DataFile, list[ox.Triple]] | None = None,
    index: int = 0,
) -> _Outcome:
    """Validate one data set with the ontology's structure; ``index`` is its place among the data sets.

    Raises
    ------
    DataError
        If one of its files cannot be read or parsed.
    """
    parsed = {
        f: (triples[f] if triples is not None and f in triples else parse_file(f.path))
        for f in group
        if f.layer is not Layer.ONTOLOGY
    }
    described = next((f.dataset for f in group if f.dataset is not None), None)
    own = {f: found for f, found in parsed.items() if described is None or f.dataset is not None}
    plans = _plans(own, graphs)
    plan = described.plan if described else (plans[0].iri if len(plans) == 1 else None)
    report = _run(engine, [f for f in group if f.layer is Layer.ONTOLOGY], list(parsed.values()), plan)
    if described is not None and len(own) < len(parsed):
        report = _focused_on(report, {t.subject.value for found in own.values() for t in found})
    return _Outcome(report.conforms, report.results, plans, graph=report.graph, order=(index,) * len(report.results))


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
def _structure_triples(path: Path) -> list[ox.Triple]:
    """The ontology's triples that validation needs (:data:`STRUCTURE`), read once."""
    return [t for t in parse_file(path) if t.predicate.value in STRUCTURE]


@lru_cache(maxsize=4)
def _structure_literals(path: Path) -> frozenset:
    """The distinct literals of :func:`_structure_triples`."""
    return frozenset(t.object for t in _structure_triples(path) if isinstance(t.object, ox.Literal))


@lru_cache(maxsize=4)
def _structure(path: Path) -> list[tuple]:
    """:func:`_structure_triples` as rdflib terms, converted once."""
    from .engines.convert import to_rdflib

    return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in _structure_triples(path)]


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
    placed = [(index, r) for outcome in outcomes for index, r in zip(outcome.order, outcome.results)]
    results = tuple(r for _, r in sorted(placed, key=lambda pair: pair[0]))  # stable: each set's own order
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
