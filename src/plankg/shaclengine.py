"""The SHACL engines plankg validates with: pySHACL, the reference, and the faster ``shacl``.

pySHACL is the default and the reference. The ``shacl`` package (a Rust
wheel, extra ``shacl``) validates the same shapes many times faster and gives
the same results on every shape example, on the bundled plans and on a
generated corpus with broken plans (``tests/test_shaclengine.py`` checks
that parity). It leaves the ``{?var}`` and ``{$this}`` templates of a SPARQL
constraint's messages unfilled, so they are filled here as pySHACL fills them:
the constraint's query is run again by rdflib, as pySHACL runs it, for the focus node, each
solution is matched to its result by focus node, value and path, and every
message of the shape and of the constraint gets the solution's values
(the text of each term), without its language tag, as pySHACL returns it.

Examples
--------
>>> check_engine("pyshacl")
'pyshacl'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, URIRef
from rdflib.store import Store
from rdflib.term import Node

from .errors import ValidationEngineError
from .validation import ValidationReport, report_of

__all__ = ["ENGINES", "check_engine", "validate_triples"]

#: The engines ``--shacl-engine`` accepts; the first is the default and the reference.
ENGINES = ("pyshacl", "shacl")

_LABEL = str(RDFS.label)
#: Marks a solution that binds ``?failure``.
_FAILURE = object()


def check_engine(name: str) -> str:
    """Return ``name`` if it is an engine that can run here.

    Parameters
    ----------
    name : str
        One of :data:`ENGINES`.

    Returns
    -------
    str
        ``name``.

    Raises
    ------
    ValidationEngineError
        If ``name`` is not an engine plankg knows, or its package is not installed.
    """
    if name not in ENGINES:
        raise ValidationEngineError(f"unknown SHACL engine {name!r}: use one of {', '.join(ENGINES)}")
    if name == "shacl":
        try:
            import shacl  # noqa: F401
        except ImportError as err:
            raise ValidationEngineError(
                "the shacl engine is not installed: pip install 'plankg[shacl]', or validate with pyshacl"
            ) from err
    return name


def validate_triples(triples: Sequence[ox.Triple], *, plan: str | None = None) -> ValidationReport:
    """Validate ``triples`` against plankg's shapes with the ``shacl`` engine.

    Parameters
    ----------
    triples : sequence of pyoxigraph.Triple
        The data graph: the ontology's structure and the data.
    plan : str, optional
        The plan IRI that every result names.

    Returns
    -------
    ValidationReport
        The results as pySHACL reports them, messages filled in.

    Raises
    ------
    ValidationEngineError
        If the engine refuses the shapes, or a SPARQL result has no solution
        to fill its messages from (pySHACL and this engine would then differ).
    """
    from .engines.convert import add_triples

    shapes = _compiled()
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    try:
        found = shapes.engine.validate_text(text.decode(), format="ntriples", allow_warnings=True)
    except ValueError as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ValidationEngineError(f"the shacl engine cannot run plankg's shapes ({reason}): validate with pyshacl") from err
    report = Graph(bind_namespaces="core")
    if len(found):  # read with pyoxigraph, which keeps blank nodes' labels (focus nodes among them)
        add_triples(report, [q.triple for q in ox.parse(found.serialize("ntriples").encode(),
                                                        format=ox.RdfFormat.N_TRIPLES)])
    head = next(report.subjects(RDF.type, SH.ValidationReport), None) or BNode()
    report.remove((head, None, None))
    report.add((head, RDF.type, SH.ValidationReport))
    report.add((head, SH.conforms, Literal(bool(found.conforms))))
    for node in list(report.subjects(RDF.type, SH.ValidationResult)):
        report.add((head, SH.result, node))
    _fill_messages(report, text, shapes)
    labels = _labels(triples, {str(f) for f in report.objects(None, SH.focusNode)})
    return report_of(report, bool(found.conforms), shapes.owner, lambda focus: labels.get(str(focus), ()), plan,
                     shapes.graph)


class _Compiled:
    """plankg's shapes compiled for the ``shacl`` engine, with what filling messages needs."""

    def __init__(self, graph: Graph, text: str):
        import shacl

        from .validation import _node_shapes

        self.engine = shacl.Shapes.from_text(text, format="ntriples")
        self.graph = graph
        self.owner = _node_shapes(graph)
        self._queries: dict[Node, object] = {}

    def query(self, constraint: Node):
        """The SPARQL constraint's query, parsed once, with the prefixes it declares."""
        prepared = self._queries.get(constraint)
        if prepared is None:
            from .sparql.netguard import rdflib_prepare

            prefixes = {
                str(self.graph.value(d, SH.prefix)): str(self.graph.value(d, SH.namespace))
                for declared in self.graph.objects(constraint, SH.prefixes)
                for d in self.graph.objects(declared, SH.declare)
            }
            text = str(self.graph.value(constraint, SH.select))
            prepared = self._queries[constraint] = rdflib_prepare(text, prefixes)
        return prepared


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    from .datafiles import parse_file
    from .engines.convert import add_triples
    from .resources import shapes_file

    triples = parse_file(shapes_file())
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return _Compiled(add_triples(Graph(), triples), text)


def _labels(triples: Sequence[ox.Triple], focus: set[str]) -> dict[str, list[Node]]:
    """The ``rdfs:label`` literals of the ``focus`` nodes, as rdflib terms."""
    from .engines.convert import to_rdflib

    found: dict[str, list[Node]] = defaultdict(list)
    if focus:
        for t in triples:
            if t.predicate.value == _LABEL and t.subject.value in focus:
                found[t.subject.value].append(to_rdflib(t.object))
    return found


def _fill_messages(report: Graph, text: bytes, shapes: _Compiled) -> None:
    """Give each SPARQL constraint's result its messages filled in, as pySHACL does, in ``report``.

    ``text`` is the data graph in N-Triples.
    """
    pending: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    for node in report.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent):
        pending[(report.value(node, SH.sourceShape), report.value(node, SH.focusNode))].append(node)
    if not pending:
        return
    store = ox.Store()
    store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES)
    data = Graph(store=_View(store), bind_namespaces="none")
    for (shape, focus), nodes in pending.items():
        solutions = [s for constraint in shapes.graph.objects(shape, SH.sparql)
                     for s in _solutions(data, shapes, shape, constraint, focus)]
        for node in nodes:
            value, path = report.value(node, SH.value), report.value(node, SH.resultPath)
            match = next((s for s in solutions
                          if s[1] == value and (s[2] is None or s[2] == path)), None)
            if match is None:
                raise ValidationEngineError(
                    f"the shacl engine reports {focus} against {shape}, but its SPARQL query gives no such "
                    "solution to fill the message from: validate with pyshacl")
            solutions.remove(match)
            constraint, _, _, bound = match
            report.remove((node, SH.resultMessage, None))
            for message in _messages(shapes.graph, shape, constraint):
                report.add((node, SH.resultMessage, Literal(_fill(str(message), bound))))


class _View(Store):
    """A read-only rdflib store over a pyoxigraph store, for rdflib's SPARQL to read.

    The terms of each triple a pattern asks for are converted then, so that
    answering a few queries about a few focus nodes does not convert the
    whole data graph to rdflib first.
    """

    def __init__(self, store: ox.Store):
        super().__init__()
        self._store = store

    def triples(self, triple_pattern, context=None):
        from .engines.convert import to_oxigraph, to_rdflib

        pattern = [None if term is None else to_oxigraph(term) for term in triple_pattern]
        for quad in self._store.quads_for_pattern(*pattern, ox.DefaultGraph()):
            yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)), iter(())

    def __len__(self, context=None) -> int:
        return len(self._store)


def _messages(graph: Graph, shape: Node, constraint: Node) -> list[Literal]:
    """The messages of a SPARQL result in pySHACL's order: the constraint's own, then the shape's."""
    messages = [m for m in graph.objects(shape, SH.message) if isinstance(m, Literal)]
    extra = [m for m in graph.objects(constraint, SH.message) if isinstance(m, Literal) and m not in messages]
    return extra + messages


def _solutions(data: Graph, shapes: _Compiled, shape: Node, constraint: Node, focus: Node) -> list[tuple]:
    """The violations the constraint's query gives for ``focus``, deduplicated as pySHACL does.

    The query runs on rdflib, as in pySHACL, with ``$this`` (and a property
    shape's ``$PATH``) bound. Each violation is ``(constraint, value, path,
    bindings)``: the value and path its result reports (a node shape's value
    is its focus node) and the variables that fill its messages.
    """
    graph = shapes.graph
    bindings = {"this": focus}
    property_path = graph.value(shape, SH.path)
    if property_path is not None:
        if not isinstance(property_path, URIRef):
            raise ValidationEngineError(f"{shape}: a SPARQL constraint on a path that is not one IRI needs pyshacl")
        bindings["PATH"] = property_path
    answers = data.query(shapes.query(constraint), initBindings=bindings)
    found: list[tuple] = []
    for row in answers:
        bound = {name: value for name, value in row.asdict().items() if value is not None}
        if "failure" in bound:  # one result for the focus node, filled from the other variables alone
            bound.pop("failure")
            if not any(f[0] is _FAILURE for f in found):
                found.append((_FAILURE, None, None, bound))
            continue
        path, value, this = bound.pop("path", None), bound.pop("value", None), bound.pop("this", None)
        if path is None and value is None and this is None:
            continue
        if (this, path, value, bound) not in found:
            found.append((this, path, value, bound))
    result_value = focus if property_path is None else None
    solutions = []
    for this, path, value, bound in found:
        if this is _FAILURE:
            solutions.append((constraint, result_value, None, bound))
            continue
        value = value if value is not None else result_value
        filled = {**bound, **{k: v for k, v in (("this", this), ("path", path), ("value", value)) if v is not None}}
        solutions.append((constraint, value, path, filled))
    return solutions


def _fill(message: str, bound: dict) -> str:
    """``message`` with each ``{?name}`` and ``{$name}`` replaced by the text of its binding."""
    for name, value in bound.items():
        message = re.sub(r"\{[?$]" + re.escape(name) + r"\}", lambda _, text=str(value): text, message)
    return message
