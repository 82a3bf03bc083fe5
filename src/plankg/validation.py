"""SHACL validation of a plan graph, and the typed report it returns.

pySHACL returns a bare ``(conforms, graph, text)`` tuple; plankg wraps it in a
:class:`ValidationReport` of :class:`ValidationResult` objects that carry the
focus node's labels and the shape's messages in Chinese and English.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .engines.indexed import IndexedGraph, IndexedStore
from .namespaces import compact
from . import shaclsparql
from .shaclsparql import TargetQueries

__all__ = ["ValidationResult", "ValidationReport", "run_shacl"]

_LANGS = ("zh", "en")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: a focus node that breaks a shape.

    Attributes
    ----------
    focus_node : str
        The IRI (or blank node id) of the entity at fault.
    path : str or None
        The property path checked, compacted (``^`` marks an inverse path).
    value : str or None
        The offending value, where the constraint names one.
    messages : dict
        The shape's message by language (``"zh"``, ``"en"``, ``""`` untagged).
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    shape : str
        The IRI of the shape whose constraint failed.
    node_shape : str
        The node shape holding ``shape`` (``shape`` itself for a node shape).
    component : str
        The SHACL constraint component, compacted (``sh:MinCountConstraintComponent``).
    labels : dict
        The focus node's ``rdfs:label`` by language.
    plan : str or None
        The IRI of the plan whose data set was validated (None for data no
        ``dataset.ttl`` describes, unless it holds a single plan).
    """

    focus_node: str
    path: str | None
    value: str | None
    messages: Mapping[str, str]
    severity: str
    shape: str
    node_shape: str
    component: str
    labels: Mapping[str, str] = field(default_factory=dict)
    plan: str | None = None

    def message(self, lang: str = "zh") -> str:
        """Return the message in ``lang``, falling back to any other language."""
        return _pick(self.messages, lang)

    def label(self, lang: str = "zh") -> str:
        """Return the focus node's label in ``lang``, or its compact IRI."""
        return _pick(self.labels, lang) or compact(self.focus_node)

    def to_dict(self) -> dict:
        """Return the result as plain JSON-ready data."""
        return {
            "focus_node": self.focus_node,
            "labels": dict(self.labels),
            "path": self.path,
            "value": self.value,
            "severity": self.severity,
            "messages": dict(self.messages),
            "shape": self.shape,
            "node_shape": self.node_shape,
            "component": self.component,
            "plan": self.plan,
        }


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a plan graph against the plankg shapes.

    Attributes
    ----------
    conforms : bool
        Whether the graph satisfies every shape.
    results : tuple of ValidationResult
        One per failed constraint, ordered by focus node.
    graph : rdflib.Graph
        The SHACL validation report as RDF (``sh:ValidationReport``).
    plans : tuple of PlanInfo
        The plans validated (see :attr:`plankg.PlanGraph.plans`).
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph = field(repr=False, compare=False)
    plans: tuple = field(default=(), compare=False)

    def __repr__(self) -> str:
        return f"<ValidationReport conforms={self.conforms} results={len(self.results)}>"

    def __bool__(self) -> bool:
        return self.conforms

    def about(self, plan: str) -> ValidationReport:
        """Return the report of one plan: the results whose :attr:`~ValidationResult.plan` is ``plan``.

        Parameters
        ----------
        plan : str
            The plan's IRI.

        Returns
        -------
        ValidationReport
            Its results only; it conforms if it has none.
        """
        results = tuple(r for r in self.results if r.plan == plan)
        return replace(self, conforms=not results, results=results,
                       plans=tuple(p for p in self.plans if p.iri == plan))

    def by_focus_node(self) -> dict[str, list[ValidationResult]]:
        """Group the results by focus node, in order."""
        groups: dict[str, list[ValidationResult]] = defaultdict(list)
        for result in self.results:
            groups[result.focus_node].append(result)
        return dict(groups)

    def by_plan(self) -> dict[str | None, list[ValidationResult]]:
        """Group the results by the plan they name (:attr:`ValidationResult.plan`), in order."""
        groups: dict[str | None, list[ValidationResult]] = defaultdict(list)
        for result in self.results:
            groups[result.plan].append(result)
        return dict(groups)

    def to_text(self, lang: str = "zh") -> str:
        """Render a readable report, grouped by focus node, in ``lang``, after the plans it is about.

        With several plans, the results come under a heading per plan that has any.
        """
        named = [f"{p.name()} {p.label(lang)}" for p in self.plans]
        plans = [("规划:" if lang == "zh" else "Plans: ") + "; ".join(named)] if named else []
        if self.conforms:
            return "\n".join([*plans, "符合所有约束 (conforms)。" if lang == "zh" else "Conforms to every shape."])
        groups = self.by_focus_node()
        head = (
            f"不符合约束:{len(groups)} 个实体,{len(self.results)} 处问题。"
            if lang == "zh"
            else f"Does not conform: {len(self.results)} problem(s) in {len(groups)} entit(ies)."
        )
        lines = [*plans, head]
        if len(self.plans) <= 1:
            lines.extend(_focus_lines(self.results, lang))
            return "\n".join(lines)
        names = {p.iri: f"{p.name()} {p.label(lang)}" for p in self.plans}
        for plan, results in self.by_plan().items():
            count = len({r.focus_node for r in results})
            lines.append("")
            title = names.get(plan, plan or ("(未描述的数据)" if lang == "zh" else "(undescribed data)"))
            lines.append(
                f"== {title}:{count} 个实体,{len(results)} 处问题"
                if lang == "zh"
                else f"== {title}: {len(results)} problem(s) in {count} entit(ies)"
            )
            lines.extend(_focus_lines(results, lang))
        return "\n".join(lines)

    def to_json(self) -> str:
        """Render the report as JSON (``plans``, ``conforms`` and ``results``).

        A result names its ``plan`` when the report is about several plans.
        """
        several = len(self.plans) > 1
        results = []
        for r in self.results:
            data = r.to_dict()
            if not several:
                del data["plan"]
            results.append(data)
        data = {
            "plans": [p.to_dict() for p in self.plans],
            "conforms": self.conforms,
            "results": results,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_turtle(self) -> str:
        """Render the SHACL report graph as Turtle."""
        return self.graph.serialize(format="turtle")


def _focus_lines(results: Iterable[ValidationResult], lang: str) -> list[str]:
    """The lines of ``results``, grouped by focus node."""
    groups: dict[str, list[ValidationResult]] = defaultdict(list)
    for result in results:
        groups[result.focus_node].append(result)
    lines = []
    for focus, found in groups.items():
        lines.append("")
        lines.append(f"{found[0].label(lang)}  <{focus}>")
        for r in found:
            where = f" [{r.path}]" if r.path else ""
            value = f" = {r.value}" if r.value is not None else ""
            lines.append(f"  {r.severity}{where}{value}: {r.message(lang)}")
            lines.append(f"    ({compact(r.shape)}, {r.component})")
    return lines


def _pick(values: Mapping[str, str], lang: str) -> str:
    if lang in values:
        return values[lang]
    for other in (*_LANGS, ""):
        if other in values:
            return values[other]
    return next(iter(values.values()), "")


_HAN = re.compile(r"[\u3400-\u9fff]")


def _by_lang(literals: Iterable[Node], templates: Iterable[Literal] = ()) -> dict[str, str]:
    """Sort literals by language tag.

    pySHACL drops the tags of messages it fills in from a SPARQL constraint's
    variables; an untagged text takes the language of the one tagged
    ``templates`` it was filled from (the shape's messages), else it is filed
    as ``zh`` if it has Han characters and ``en`` otherwise, unless a tagged
    one is present. (A Chinese value in an English message does not make it Chinese.)
    """
    tagged: dict[str, str] = {}
    untagged: dict[str, str] = {}
    patterns = [(_template(str(t)), t.language) for t in templates if isinstance(t, Literal) and t.language]
    for lit in literals:
        if not isinstance(lit, Literal):
            continue
        if lit.language:
            tagged.setdefault(lit.language, str(lit))
        else:
            text = str(lit)
            langs = {lang for pattern, lang in patterns if pattern.fullmatch(text)}
            lang = langs.pop() if len(langs) == 1 else ("zh" if _HAN.search(text) else "en")
            untagged.setdefault(lang, text)
    found = {**untagged, **tagged}
    order = {lang: i for i, lang in enumerate(_LANGS)}
    return {lang: found[lang] for lang in sorted(found, key=lambda lang: (order.get(lang, len(order)), lang))}


_SLOT = re.compile(r"\{[?$]\w+\}")


@lru_cache(maxsize=1024)
def _template(message: str) -> re.Pattern:
    """A pattern that the text of ``message`` matches once its ``{?var}`` slots are filled."""
    parts = _SLOT.split(message)
    return re.compile("(?s)" + ".*?".join(re.escape(part) for part in parts))


_PATH_SUFFIXES = ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?"))


def _show(node: Node | None, graph: Graph) -> str | None:
    """Render a value or a SHACL property path in SPARQL's path syntax, compacted."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return compact(str(node))
    if isinstance(node, BNode):
        if graph.value(node, RDF.first) is not None:
            return "/".join(_show(step, graph) or "" for step in Collection(graph, node))
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + (_show(inverse, graph) or "")
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(_show(a, graph) or "" for a in Collection(graph, alternatives)) + ")"
        for predicate, suffix in _PATH_SUFFIXES:
            inner = graph.value(node, predicate)
            if inner is not None:
                return f"({_show(inner, graph)}){suffix}"
        return str(node)
    return str(node)


def _node_shapes(shapes: Graph) -> dict[Node, Node]:
    owner: dict[Node, Node] = {}
    for node_shape, prop_shape in shapes.subject_objects(SH.property):
        owner[prop_shape] = node_shape
    return owner


def run_shacl(data: Graph, shapes: Graph | None = None, *, plan: str | None = None,
              triples: Sequence[ox.Triple] | None = None, terms: Iterable | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` with pySHACL.

    Parameters
    ----------
    data : rdflib.Graph
        The plan graph: ontology and data layers together, so that
        ``rdfs:subClassOf`` reaches the shapes' target classes. It is
        validated in place, not copied.
    shapes : rdflib.Graph, optional
        The SHACL shapes; plankg's own (``ontology/shapes.ttl``) by default,
        read and prepared once per process.
    plan : str, optional
        The plan IRI that every result names (:attr:`ValidationResult.plan`).
    triples : sequence of pyoxigraph.Triple, optional
        The triples of ``data``, the same ones. When given, the shapes'
        SPARQL targets and simple SPARQL constraints are answered on embedded
        Oxigraph (:mod:`plankg.shaclsparql`): the same solutions, the same report, faster.
    terms : iterable of pyoxigraph terms, optional
        Every distinct term of ``triples`` (at least every literal), if known:
        spares reading them out of ``triples`` again.

    Returns
    -------
    ValidationReport
    """
    prepared = _bundled_shapes() if shapes is None else _Shapes(shapes)
    conforms, report = prepared.validate(data, triples, terms)
    return report_of(report, bool(conforms), prepared.owner, lambda focus: data.objects(focus, RDFS.label), plan,
                     prepared.graph)


def report_of(
    report: Graph,
    conforms: bool,
    owner: Mapping[Node, Node],
    labels: Callable[[Node], Iterable[Node]],
    plan: str | None = None,
    shapes: Graph | None = None,
) -> ValidationReport:
    """Read a SHACL report graph into a :class:`ValidationReport`, whichever engine wrote it.

    Parameters
    ----------
    report : rdflib.Graph
        The ``sh:ValidationReport`` graph.
    conforms : bool
        The engine's verdict.
    owner : mapping
        The node shape holding each property shape.
    labels : callable
        The ``rdfs:label`` literals of a focus node in the data.
    plan : str, optional
        The plan IRI that every result names.
    shapes : rdflib.Graph, optional
        The shapes graph, whose tagged messages give the language of a filled-in untagged one.

    Returns
    -------
    ValidationReport
        Its results ordered by focus node, shape, path and value.
    """
    found: dict[Node, list[Literal]] = {}

    def templates(shape: Node) -> list[Literal]:
        if shapes is None:
            return []
        if shape not in found:
            found[shape] = [*shapes.objects(shape, SH.message),
                            *(m for c in shapes.objects(shape, SH.sparql) for m in shapes.objects(c, SH.message))]
        return found[shape]

    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        shape = report.value(node, SH.sourceShape)
        severity = report.value(node, SH.resultSeverity)
        component = report.value(node, SH.sourceConstraintComponent)
        results.append(
            ValidationResult(
                focus_node=str(focus),
                path=_show(report.value(node, SH.resultPath), report),
                value=_show(report.value(node, SH.value), report),
                messages=_by_lang(report.objects(node, SH.resultMessage), templates(shape)),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=str(shape),
                node_shape=str(owner.get(shape, shape)),
                component=compact(str(component)),
                labels=_by_lang(labels(focus)),
                plan=plan,
            )
        )
    results.sort(key=lambda r: (r.focus_node, r.shape, r.path or "", r.value or ""))
    return ValidationReport(conforms=conforms, results=tuple(results), graph=report)


class _Shapes:
    """A shapes graph made ready for pySHACL once, to validate many data graphs.

    pySHACL's ``validate`` reads the shapes out of the shapes graph on every
    call; a plan corpus validates hundreds of small graphs, so the shapes
    are read once here and handed to each run.
    """

    def __init__(self, graph: Graph):
        from pyshacl.shapes_graph import ShapesGraph

        self.graph = graph
        self.owner = _node_shapes(graph)
        self.shapes_graph = ShapesGraph(graph)
        self.shapes_graph.shapes  # noqa: B018 - reads the shapes now, not in every run
        self.targets = TargetQueries(graph, self.shapes_graph)

    def validate(self, data: Graph, triples: Sequence[ox.Triple] | None = None,
                 terms: Iterable | None = None) -> tuple[bool, Graph]:
        """Return pySHACL's conformance and report graph for ``data`` (validated in place).

        With ``triples`` (the same as ``data``'s), SPARQL targets and simple constraints are answered on Oxigraph.
        """
        from pyshacl import Validator
        from pyshacl.monkey import apply_patches
        from pyshacl.validator import assign_baked_in

        apply_patches()
        assign_baked_in()
        view = _view_of(data)
        if triples is not None and self.targets.usable and shaclsparql.ENABLED:
            view.__dict__["_targets"] = self.targets.answers(triples, terms)
        options = {
            "inference": "none",
            "advanced": True,
            "allow_warnings": True,
            "inplace": True,  # the shapes have no rules, so nothing is written to the data
        }
        validator = Validator(_data_graph(view), shacl_graph=self.graph, options=options)
        validator.shacl_graph = self.shapes_graph
        conforms, report, _ = validator.run()
        return conforms, report


def _view_of(data: Graph) -> _PreparedQueries:
    """A :class:`_PreparedQueries` view of ``data``: its store, identifier and namespaces.

    On an :class:`~plankg.engines.indexed.IndexedStore`, the view reads the
    indexes directly (:class:`~plankg.engines.indexed.IndexedGraph`).
    """
    kind = _IndexedPreparedQueries if isinstance(data.store, IndexedStore) else _PreparedQueries
    return kind(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)


def _data_graph(view: Graph):
    """pySHACL's data graph over ``view``: every read and query goes to ``view``.

    pySHACL's data graph is an rdflib ``Dataset`` that hands each call on to
    the graph it wraps; its own ``Dataset`` part must stand on a context-aware
    store. A graph on an :class:`~plankg.engines.indexed.IndexedStore` (no
    contexts) gets an empty ``Memory`` store for that part, which nothing reads.
    """
    from pyshacl.graph_abstraction import DataGraph, RdfLibDataGraph
    from rdflib.plugins.stores.memory import Memory

    if isinstance(view.store, IndexedStore):
        return RdfLibDataGraph(store=Memory(), impl=view)
    return DataGraph.from_rdflib(view)


@lru_cache(maxsize=1)
def _bundled_shapes() -> _Shapes:
    from .datafiles import parse_file
    from .engines.indexed import indexed_graph
    from .resources import shapes_file

    # on an IndexedStore: pySHACL reads a property path's parts in the shapes graph for every focus node
    return _Shapes(indexed_graph(parse_file(shapes_file())))


#: Parsed SPARQL queries by namespace bindings and text, shared by every validation in the process.
_PREPARED: dict[tuple[frozenset, str], object] = {}


class _PreparedQueries(Graph):
    """A view of a graph (same store, nothing copied) that parses each SPARQL text once.

    pySHACL hands rdflib the text of a SPARQL constraint for every focus
    node, with ``$this`` bound separately; parsing it (tens of milliseconds
    with pyparsing) cost far more than answering it. The parsed query does
    not depend on the data, so it is kept by text for the whole process.
    Given Oxigraph's answers to the shapes' SPARQL (:class:`plankg.shaclsparql.TargetAnswers`),
    it returns those for the targets and constraints that have them, instead of running them on rdflib.
    """

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, initBindings=None,  # noqa: N803
              use_store_provided=True, **kwargs):
        targets = self.__dict__.get("_targets")
        if targets is not None and isinstance(query_object, str) and not initNs:
            if not initBindings:
                found = targets.result(query_object)  # a SPARQL target, answered on Oxigraph
            elif set(initBindings) == {"this"}:
                found = targets.for_focus_node(query_object, initBindings["this"])  # a SPARQL constraint
            else:
                found = None
            if found is not None:
                return found
        if isinstance(query_object, str) and processor == "sparql" and initNs is None:
            namespaces = self.__dict__.get("_namespaces")
            if namespaces is None:
                namespaces = self.__dict__["_namespaces"] = frozenset(self.namespaces())
            key = (namespaces, query_object)
            prepared = _PREPARED.get(key)
            if prepared is None:
                from .sparql.netguard import rdflib_prepare  # under rdflib's parse lock, as every parse

                prepared = _PREPARED[key] = rdflib_prepare(query_object, dict(namespaces))
            query_object = prepared
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


class _IndexedPreparedQueries(_PreparedQueries, IndexedGraph):
    """A :class:`_PreparedQueries` view of a graph on an :class:`~plankg.engines.indexed.IndexedStore`, reading its
    indexes directly (:class:`~plankg.engines.indexed.IndexedGraph`)."""
