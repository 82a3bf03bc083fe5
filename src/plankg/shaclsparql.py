"""The shapes' SPARQL targets and simple SPARQL constraints answered on embedded Oxigraph, for pySHACL.

pySHACL runs the SPARQL of the shapes with rdflib's engine: a shape's
``sh:SPARQLTarget`` once per validation (its ``sh:select``, the declared
prefixes in front, nothing pre-bound, ``?this`` of every solution a focus
node), and a SPARQL constraint (``sh:sparql``) once per focus node, with
``$this`` pre-bound. On a large plan or a batch of plans those queries cost
most of a validation. Here they run on an Oxigraph store of the same triples
(loaded so that blank nodes keep their labels, so focus nodes are the same
terms), and pySHACL receives the solutions as rdflib's result; pySHACL itself
builds the results and fills the messages, so the report is the same.

* A target goes to Oxigraph when its parsed algebra (rdflib's, as pySHACL would
  evaluate it) is a ``SELECT`` that projects ``?this`` and reads nothing but
  the data graph: no ``GRAPH``, ``SERVICE`` or dataset clause, no function that
  is not a SPARQL built-in (pySHACL may register SHACL functions with
  rdflib), and no ``$shapesGraph`` or ``$currentShape`` (:func:`answerable`).
* A constraint goes to Oxigraph when, besides, running it once with ``$this``
  free and keeping each focus node's rows gives what pre-binding gives
  (:func:`per_focus_node`: ``$this`` certainly bound and never assigned, no
  subquery, ``ORDER BY``, ``LIMIT``, ``VALUES`` or ``MINUS``, and an aggregate
  only ``COUNT(DISTINCT ...)``, ``MIN`` or ``MAX`` with ``$this`` a ``GROUP BY``
  key, ``MIN`` and ``MAX`` only on data both engines compare alike), and
  pySHACL pre-binds ``$this`` alone. It runs once per validation, for all
  focus nodes.
* A shapes graph with rules (``sh:rule``) is left to pySHACL altogether, since
  rules add triples to the data first. Whatever is left out, and any query
  Oxigraph refuses, is answered by rdflib as before.

Examples
--------
>>> from rdflib import Graph
>>> TargetQueries(Graph()).texts
{}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import pyoxigraph as ox
from rdflib import SH, Graph, Literal, Variable
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

__all__ = ["TargetQueries", "TargetAnswers", "answerable", "per_focus_node", "compared_predicates"]

#: Whether :func:`plankg.validation.run_shacl`, given the triples, has targets and constraints
#: answered here; False runs plain pySHACL (the comparison the tests make).
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
        #: False when nothing may be answered on Oxigraph (no pySHACL reading, or rules that add triples).
        self.usable = shapes_graph is not None and not any(True for _ in shapes.subject_objects(SH.rule))
        if not self.usable:
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

    def answers(self, triples: Sequence[ox.Triple], terms: Iterable | None = None) -> TargetAnswers:
        """The answers on ``triples`` (the data graph pySHACL validates), each computed when first asked.

        ``terms``, if given, holds every distinct term of ``triples`` (at least every literal).
        """
        return TargetAnswers(self, triples, terms)


class TargetAnswers:
    """Oxigraph's answers to the shapes' SPARQL on one data graph, each query run once, when pySHACL first asks it."""

    def __init__(self, queries: TargetQueries, triples: Sequence[ox.Triple], terms: Iterable | None = None):
        self._texts = queries.texts
        self._triples = triples
        self._terms = terms
        self._store: ox.Store | None = None
        self._faithful: bool | None = None
        self._found: dict[str, Result | None] = {}
        self._grouped: dict[str, tuple | None] = {}
        #: How many of pySHACL's queries Oxigraph answered (the fast path taken).
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

    def for_focus_node(self, text: str, focus) -> Result | None:
        """rdflib's result for the SPARQL constraint ``text`` with ``$this`` pre-bound to ``focus``, or None.

        The query runs once, ``$this`` unbound, and each focus node gets its
        own rows: the same rows pre-binding gives when :func:`per_focus_node` holds.
        Oxigraph may give them in another order than rdflib, so a focus node
        whose rows would make results that the report orders by nothing but
        their order (:func:`_ordered_apart`) is left to rdflib.
        """
        if text not in self._grouped:
            compared = compared_predicates(text)
            alike = compared is not None and (not compared or self._one_numeric_datatype(compared))
            self._grouped[text] = self._group(text) if alike else None
        grouped = self._grouped[text]
        if grouped is None:
            return None
        variables, rows = grouped
        mine = rows.get(focus, ())
        if len(mine) > 1 and not _ordered_apart(mine):
            return None  # results that only the rows' order would sort: rdflib gives them in its order
        self.answered += 1
        result = Result("SELECT")
        result.vars = variables
        result.bindings = list(mine)
        return result

    def _one_numeric_datatype(self, predicates: frozenset[str]) -> bool:
        """Whether every object of ``predicates`` in the data is an ``xsd:integer``, or every one an ``xsd:decimal``.

        Then a ``MIN`` or ``MAX`` over them compares numbers of one type on
        both engines, and equal numbers are one term (each literal is in the
        canonical form Oxigraph keeps, :func:`_faithful`): the same answer.
        Values of mixed types are ordered differently by rdflib and Oxigraph.
        """
        datatypes = set()
        for t in self._triples:
            if t.predicate.value in predicates:
                obj = t.object
                if type(obj) is not ox.Literal or obj.language:
                    return False
                datatypes.add(obj.datatype.value)
                if len(datatypes) > 1:
                    return False
        return datatypes <= _ORDERED_ALIKE

    def _group(self, text: str) -> tuple[list[Variable], dict] | None:
        found = self._run(text)
        if found is None:
            return None
        this = Variable("this")
        rows: dict = {}
        for row in found.bindings:
            rows.setdefault(row.get(this), []).append(row)
        return found.vars, rows

    def _run(self, text: str) -> Result | None:
        from .engines.convert import to_rdflib

        if self._faithful is None:
            terms = self._terms if self._terms is not None else (t.object for t in self._triples)
            self._faithful = _faithful(terms)  # if not, rdflib answers everything on this data
            if self._faithful:
                self._store = ox.Store()
                # bulk_extend keeps blank nodes' labels (a bulk_load of a serialisation renames them)
                self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in self._triples)
        if self._store is None:
            return None
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


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: Datatypes whose values rdflib and Oxigraph order alike (numerically), one datatype at a time.
_ORDERED_ALIKE = frozenset({"http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal"})


def _ordered_apart(rows: Sequence[Mapping]) -> bool:
    """Whether one focus node's ``rows`` make results that the report orders the same in any order of the rows.

    The report orders a focus node's results of one shape by path and value
    (:func:`plankg.validation.report_of`); rows then sort apart when none binds
    ``?path`` (each result has the shape's path) and each binds ``?value`` to a
    term shown differently (an IRI compacted, a literal by its text; a blank
    node is not compared). Without ``?value`` every result's value is the focus
    node, so two rows' results (two groups of an aggregate, say) would tie.
    """
    from rdflib import URIRef

    from .namespaces import compact

    path, value = Variable("path"), Variable("value")
    shown: set[str] = set()
    for row in rows:
        term = row.get(value)
        if path in row or term is None or not isinstance(term, (URIRef, Literal)):
            return False
        text = compact(str(term)) if isinstance(term, URIRef) else str(term)
        if text in shown:
            return False
        shown.add(text)
    return True


def _faithful(terms: Iterable) -> bool:
    """Whether Oxigraph keeps every literal among ``terms`` as rdflib has it.

    Oxigraph stores a typed literal by its value and gives it back in canonical
    form (``"1.50"^^xsd:decimal`` as ``"1.5"``), and a language tag in lower
    case; rdflib keeps some of those forms as written. Such a literal would
    reach pySHACL as another term (another value, another message, or two
    distinct terms as one), so then Oxigraph answers nothing. Each typed
    literal other than a string is tried, and one literal per language tag
    (the text of a tagged literal is kept as it is).
    """
    from .engines.convert import to_rdflib

    typed: set = set()
    tags: dict[str, ox.Literal] = {}
    for obj in terms:
        if type(obj) is ox.Literal:
            language = obj.language
            if language:
                if language not in tags:
                    tags[language] = obj
            elif obj.datatype.value != _XSD_STRING:
                typed.add(obj)
    literals = [*typed, *tags.values()]
    if not literals:
        return True
    probe, predicate = ox.Store(), ox.NamedNode("urn:plankg:literal")
    probe.bulk_extend(ox.Quad(ox.NamedNode(f"urn:plankg:{i}"), predicate, literal) for i, literal in enumerate(literals))
    for quad in probe.quads_for_pattern(None, predicate, None):
        kept, given = quad.object, literals[int(quad.subject.value.rsplit(":", 1)[1])]
        if kept == given:
            continue
        kept, given = to_rdflib(kept), to_rdflib(given)  # rdflib may have normalised it the same way
        if (str(kept), kept.datatype, kept.language) != (str(given), given.datatype, given.language):
            return False
    return True


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


#: Algebra nodes under which pre-binding ``$this`` and picking the rows of one ``?this`` may differ
#: (a ``MINUS`` whose right side shares no variable but ``$this`` removes rows only when ``$this`` is free).
_NOT_PER_ROW = frozenset({"Project", "Group", "AggregateJoin", "Slice", "OrderBy", "Reduced", "values", "Minus"})


def per_focus_node(text: str) -> bool:
    """Whether a SPARQL constraint's query gives, for each focus node, the rows pre-binding ``$this`` gives.

    pySHACL runs a constraint's query once per focus node with ``$this``
    pre-bound. That equals running it once with ``$this`` free and keeping each
    focus node's rows when, in its rdflib algebra, the query is a ``SELECT``
    (``DISTINCT`` or not) projecting ``?this`` over one pattern that certainly
    binds it (a mandatory triple pattern) and never assigns it, with no
    subquery, aggregate, ``ORDER BY``, ``LIMIT``, ``VALUES`` or ``MINUS`` (each could
    treat one focus node's rows differently from all of them), and reads only
    the data graph (as :func:`answerable`). The query may also aggregate such
    a pattern's rows: ``GROUP BY`` plain variables with ``$this`` among them,
    ``COUNT(DISTINCT ...)``, ``MIN`` and ``MAX``, a ``HAVING`` (see
    :func:`_grouped_by_this`); each group is then one focus node's. A
    ``MIN`` or ``MAX`` needs, besides, data on which both engines compare
    alike (:func:`compared_predicates`, checked when the query runs).

    Parameters
    ----------
    text : str
        The constraint's query as pySHACL runs it (prefixes in front, ``$PATH`` filled in).

    Returns
    -------
    bool
    """
    return compared_predicates(text) is not None


@lru_cache(maxsize=512)
def compared_predicates(text: str) -> frozenset[str] | None:
    """The predicates whose objects a SPARQL constraint's ``MIN`` or ``MAX`` compares, if :func:`per_focus_node` holds.

    Parameters
    ----------
    text : str
        The constraint's query as pySHACL runs it.

    Returns
    -------
    frozenset of str or None
        None when running the query once for all focus nodes could give a
        focus node other rows than pre-binding ``$this``; else the IRIs of the
        predicates whose objects are the values of its ``MIN`` and ``MAX`` aggregates
        (empty without them). Oxigraph answers it only on data where each of
        those predicates' objects are literals of one numeric datatype
        (:meth:`TargetAnswers.for_focus_node`).
    """
    from .errors import QueryError
    from .sparql.implied import _certain, _safe
    from .sparql.netguard import algebra_names, rdflib_prepare

    try:
        algebra = rdflib_prepare(text).algebra
    except QueryError:
        return None
    this = Variable("this")
    if algebra.name != "SelectQuery" or algebra.get("datasetClause") or not _plain(algebra):
        return None
    node = algebra.p
    if getattr(node, "name", None) == "Distinct":
        node = node.p
    if getattr(node, "name", None) != "Project" or this not in node.PV:
        return None
    rows, compared = node.p, ()
    if "AggregateJoin" in algebra_names(rows):
        grouped = _grouped_by_this(rows)  # an aggregate query: its groups are one focus node's when $this is a key
        if grouped is None:
            return None
        rows, compared = grouped
    if algebra_names(rows) & _NOT_PER_ROW or not _safe(this, rows):
        return None
    predicates: set[str] = set()
    certain = _certain(rows)
    for variable in compared:
        found = _object_of(variable, rows)
        if found is None or not found or variable not in certain:
            return None
        predicates |= found
    return frozenset(predicates)


def _same_aggregate(aggregate) -> bool:
    """Whether an aggregate gives the same value on Oxigraph as on rdflib, whatever the data.

    Only ``COUNT(DISTINCT ?x)``: both engines count distinct terms, and the
    literals are the same terms on both (:func:`_faithful`). A plain ``COUNT``
    counts duplicate rows that the engines may not produce alike, a ``SUM`` or
    ``AVG`` may come back in another lexical form, and ``SAMPLE`` and
    ``GROUP_CONCAT`` depend on the rows' order. ``MIN`` and ``MAX`` agree only
    on some data (values of mixed types are ordered otherwise by each engine):
    see :func:`compared_predicates`.
    """
    return (aggregate.name == "Aggregate_Count" and aggregate.get("distinct") == "DISTINCT"
            and isinstance(aggregate.get("vars"), Variable))


def _grouped_by_this(node):
    """The rows that an aggregate query groups, if each group is one focus node's rows; else None.

    ``node`` is what a ``SELECT`` projects. It qualifies when it is rdflib's
    algebra of ``GROUP BY`` plain variables, ``$this`` among them, with only
    ``COUNT(DISTINCT ?x)`` (:func:`_same_aggregate`), ``MIN(?x)`` and
    ``MAX(?x)`` (returned: the caller checks what they compare), and above the
    aggregation nothing but ``HAVING`` filters and the extensions that name
    an aggregate's value (``(COUNT(DISTINCT ?x) AS ?n)``) or project a group
    key (rdflib's ``SAMPLE`` of the key). Then a group holds rows of one
    ``$this``, so grouping all focus nodes' rows gives each focus node the
    groups that pre-binding ``$this`` gives (when the rows themselves
    qualify: the caller checks them).

    Returns
    -------
    tuple or None
        ``(rows, compared)``: the pattern grouped, and the variables its ``MIN`` and ``MAX`` aggregate.
    """
    this = Variable("this")
    extended: list = []
    compared: list[Variable] = []
    while getattr(node, "name", None) in ("Extend", "Filter"):
        if node.name == "Extend":
            extended.append((node.var, node.expr))
        node = node.p
    if getattr(node, "name", None) != "AggregateJoin" or getattr(node.p, "name", None) != "Group":
        return None
    keys = list(node.p.expr or [])
    if this not in keys or not all(isinstance(key, Variable) for key in keys):
        return None
    results: dict = {}
    for aggregate in node.A:
        if aggregate.name == "Aggregate_Sample" and aggregate.vars in keys:
            results[aggregate.res] = aggregate.vars  # a group key, projected
        elif _same_aggregate(aggregate):
            results[aggregate.res] = None
        elif aggregate.name in ("Aggregate_Min", "Aggregate_Max") and isinstance(aggregate.get("vars"), Variable):
            results[aggregate.res] = None
            compared.append(aggregate.vars)
        else:
            return None
    for var, expr in extended:
        if not isinstance(expr, Variable) or expr not in results:
            return None  # an expression over the groups (another lexical form is possible)
        if var == this and results[expr] != this:
            return None  # $this assigned another group's value
    return node.p.p, tuple(compared)


def _object_of(variable: Variable, node) -> set[str] | None:
    """The predicate IRIs of the triple patterns that bind ``variable`` as their object, or None.

    None when ``variable`` is bound any other way below ``node``: as a
    subject, by a property path or a variable predicate, by ``BIND`` or ``VALUES``.
    """
    from rdflib import URIRef

    predicates: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "BGP":
                for subject, predicate, obj in item.triples:
                    if subject == variable or predicate == variable:
                        return None
                    if obj == variable:
                        if type(predicate) is not URIRef:
                            return None  # a path
                        predicates.add(str(predicate))
                continue
            if item.name == "Extend" and item.var == variable:
                return None
            if item.name == "values":
                return None
            stack.extend(item.values())
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return predicates


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
