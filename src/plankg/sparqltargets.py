"""The shapes' SPARQL targets answered on embedded Oxigraph, for pySHACL.

pySHACL finds the focus nodes of a shape's ``sh:SPARQLTarget`` by running its
``sh:select`` (with the declared prefixes put in front) on the data graph with
rdflib's SPARQL engine, nothing pre-bound, and taking ``?this`` from every
solution. On a large plan those selects cost most of a validation, and rdflib
evaluates their joins, aggregates and ``FILTER NOT EXISTS`` many times slower
than Oxigraph. Here the same text is run once on an Oxigraph store of the same
triples (blank nodes keep their labels, so focus nodes are the same terms), and
pySHACL receives the solutions as rdflib's result: the same focus nodes, so the
same validation results and messages.

A target goes this way only when its parsed algebra (rdflib's, as pySHACL
would evaluate it) is a ``SELECT`` that projects ``?this`` and reads nothing
but the data graph: no ``GRAPH``, ``SERVICE`` or dataset clause, no function
that is not a SPARQL built-in (pySHACL may register SHACL functions with
rdflib), and no ``$shapesGraph`` or ``$currentShape``. A shapes graph with
rules (``sh:rule``) is left to pySHACL altogether, since rules add triples to
the data before targets are read. Any target left out, and any Oxigraph
refusal, is answered by rdflib as before.

Examples
--------
>>> from rdflib import Graph
>>> TargetQueries(Graph()).texts
{}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox
from rdflib import SH, Graph, Variable
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

__all__ = ["TargetQueries", "TargetAnswers", "answerable"]

#: Whether :func:`plankg.validation.run_shacl` answers targets here when given the triples; False
#: runs plain pySHACL (the comparison the tests make).
ENABLED = True

#: Variables that SHACL pre-binds in other SPARQL uses; a target naming them is left to rdflib.
_PREBOUND = frozenset({"shapesGraph", "currentShape"})
#: Algebra nodes that read more than the data graph's triples, or that Oxigraph may not evaluate as rdflib does.
_REFUSED = frozenset({"ServiceGraphPattern", "Graph", "Function"})


class TargetQueries:
    """The SPARQL target texts of a shapes graph that Oxigraph may answer for pySHACL.

    Parameters
    ----------
    shapes : rdflib.Graph
        The SHACL shapes graph.
    shapes_graph : pyshacl.shapes_graph.ShapesGraph, optional
        pySHACL's reading of it, whose shapes give the target texts exactly as
        pySHACL sends them to the data graph.

    Attributes
    ----------
    texts : dict
        Each answerable target's text, as pySHACL sends it (its keys; the values are None).
    """

    def __init__(self, shapes: Graph, shapes_graph=None):
        self.texts: dict[str, None] = {}
        if shapes_graph is None or any(True for _ in shapes.subject_objects(SH.rule)):
            return
        from pyshacl.consts import SH_SPARQLTarget

        for shape in shapes_graph.shapes:
            for target in shape.advanced_target().values():
                if target.get("type") != SH_SPARQLTarget:
                    continue
                helper = target["qh"]
                text = helper.apply_prefixes(helper.select_text)
                if text not in self.texts and answerable(text):
                    self.texts[text] = None

    def answers(self, triples: Sequence[ox.Triple]) -> TargetAnswers:
        """The answers on ``triples`` (the data graph pySHACL validates), each computed when first asked."""
        return TargetAnswers(self, triples)


class TargetAnswers:
    """Answers to the target texts on one data graph, each run on Oxigraph once when pySHACL asks it."""

    def __init__(self, queries: TargetQueries, triples: Sequence[ox.Triple]):
        self._texts = queries.texts
        self._triples = triples
        self._store: ox.Store | None = None
        self._found: dict[str, Result | None] = {}
        #: How many target queries Oxigraph answered (the fast path taken), for tests and benchmarks.
        self.answered = 0

    def result(self, text: str) -> Result | None:
        """rdflib's result for the target ``text``, or None if rdflib is to answer it."""
        if text not in self._texts:
            return None
        if text not in self._found:
            self._found[text] = self._run(text)
        found = self._found[text]
        if found is None:
            return None
        self.answered += 1
        result = Result("SELECT")
        result.vars = found.vars
        result.bindings = list(found.bindings)
        return result

    def _run(self, text: str) -> Result | None:
        from .engines.convert import to_rdflib

        if self._store is None:
            self._store = ox.Store()
            # bulk_extend keeps blank nodes' labels (a bulk_load of a serialisation renames them)
            self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in self._triples)
        try:
            solutions = self._store.query(text)  # it declares every prefix it uses (it parsed without any)
        except (SyntaxError, OSError, ValueError, RuntimeError):
            return None
        if not isinstance(solutions, ox.QuerySolutions):
            return None
        variables = [Variable(v.value) for v in solutions.variables]
        result = Result("SELECT")
        result.vars = variables
        result.bindings = [{v: to_rdflib(value) for v, value in zip(variables, row) if value is not None}
                           for row in solutions]
        return result


def answerable(text: str) -> bool:
    """Whether Oxigraph may answer the target query ``text`` for pySHACL, read from its rdflib algebra.

    Parameters
    ----------
    text : str
        The target's ``sh:select`` with its prefixes, as pySHACL runs it.

    Returns
    -------
    bool
        True for a ``SELECT`` projecting ``?this`` that reads only the data
        graph's triples with SPARQL built-ins and names no pre-bindable variable.
    """
    from .errors import QueryError
    from .sparql.netguard import rdflib_prepare

    try:
        algebra = rdflib_prepare(text).algebra
    except QueryError:
        return False
    if algebra.name != "SelectQuery" or algebra.get("datasetClause"):
        return False
    if Variable("this") not in (algebra.get("PV") or ()):
        return False
    return _plain(algebra)


def _plain(node) -> bool:
    """Whether the algebra below ``node`` has no refused part and no pre-bindable variable."""
    if isinstance(node, Variable):
        return str(node) not in _PREBOUND
    if isinstance(node, CompValue):
        if node.name in _REFUSED:
            return False
        return all(_plain(value) for value in node.values())
    if isinstance(node, Mapping):
        return all(_plain(value) for value in node.values())
    if isinstance(node, (list, tuple, set, frozenset)):
        return all(_plain(value) for value in node)
    return True
