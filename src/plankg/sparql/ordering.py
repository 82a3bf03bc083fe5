"""A query's top ``ORDER BY`` done in Python, with Oxigraph's ordering reproduced exactly.

Over a corpus Oxigraph spends a large part of a named query in its
``ORDER BY`` (``targets`` over 1,000 plans: 3.8 of 8.6 s): it sorts the
solutions with a comparison that evaluates the ordering expressions and
converts the terms for every pair it compares. Sorting the answer's rows in
Python costs a few tenths of a second, because each distinct term of the
answer is ranked once (:class:`plankg.sparql.termtable.TermTable`) and the
rows are then sorted by tuples of small integers.

:func:`order_plan` reads a query's parse tree (:mod:`plankg.sparql.parsetree`)
and gives the query without its top ``ORDER BY`` clause (the text before the
clause, as the parser placed it) and the keys to sort by; :func:`sort_table` sorts an answer by them. Only what can be done
exactly is done, and anything else is left to the engine:

* the query is a ``SELECT`` whose ``ORDER BY`` is at the top and ends it:
  no ``LIMIT``, ``OFFSET`` or ``VALUES`` after it, no ``REDUCED``, no
  ``SELECT *``;
* each condition is a projected variable, ``STR(?v)`` or ``LANG(?v)``,
  ascending or descending (``ASC``, ``DESC``);
* each key's values are of kinds Oxigraph orders as a total order, compared
  as it compares them (``spareval``'s ``cmp_terms`` and
  ``partial_cmp_literals``): unbound first, then blank nodes, IRIs and
  literals, each kind by its string; among literals, simple and
  language-tagged strings and literals of datatypes Oxigraph does not read as
  values by (lexical form, datatype, language); ``xsd:integer`` (and its
  derived types) with ``xsd:decimal`` by numeric value; ``xsd:gYear`` by year
  and ``xsd:date`` by date (both without a time zone). A key that mixes
  these families of literals, or holds doubles, booleans, times or time
  zones, gives no order (:func:`sort_table` returns None) and the caller asks
  the engine with the ``ORDER BY``.

Solutions whose keys are all equal are kept in the order the engine gave
them. Oxigraph's own sort is unstable, and SPARQL leaves the order of such
solutions open; :func:`sort_table` reports whether the answer has any
(``ties``), and the engine asks Oxigraph itself when it does, so the order
of every answer is the one Oxigraph gives.

Examples
--------
>>> plan = order_plan('SELECT ?s ?n WHERE { ?s <urn:p> ?n } ORDER BY DESC(?n) STR(?s)')
>>> plan.text
'SELECT ?s ?n WHERE { ?s <urn:p> ?n } '
>>> [(key.variable, key.function, key.descending) for key in plan.keys]
[('n', None, True), ('s', 'STR', False)]
>>> order_plan('SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10') is None
True
"""

from __future__ import annotations

import re
import threading
from array import array
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import chain

import pyoxigraph as ox

from ..errors import QueryError
from .termtable import TermTable

__all__ = ["OrderKey", "OrderPlan", "order_plan", "sort_table", "SortedTable"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_INTEGERS = frozenset(_XSD + t for t in (
    "integer", "byte", "short", "int", "long", "unsignedByte", "unsignedShort", "unsignedInt", "unsignedLong",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "nonNegativeInteger"))
#: Datatypes Oxigraph reads as values (spareval's parse_typed_literal), besides xsd:string.
_VALUE_TYPES = _INTEGERS | frozenset(_XSD + t for t in (
    "boolean", "float", "double", "decimal", "dateTime", "dateTimeStamp", "time", "date", "gYearMonth", "gYear",
    "gMonthDay", "gDay", "gMonth", "duration", "yearMonthDuration", "dayTimeDuration"))
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_YEAR = re.compile(r"-?(?:[1-9][0-9]{4,}|[0-9]{4})\Z")
_DATE = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\Z")
_WRAPPERS = frozenset({
    "ConditionalOrExpression", "ConditionalAndExpression", "RelationalExpression", "AdditiveExpression",
    "MultiplicativeExpression", "UnaryExpression", "BrackettedExpression"})


@dataclass(frozen=True)
class OrderKey:
    """One ``ORDER BY`` condition: ``function(?variable)`` (no function: the variable itself), and its direction."""

    variable: str
    function: str | None
    descending: bool


@dataclass(frozen=True)
class OrderPlan:
    """A query without its top ``ORDER BY`` (``text``), and the keys to sort its answer by."""

    text: str
    keys: tuple[OrderKey, ...]

    def to_json(self) -> list:
        """The plan as JSON (kept on disk, see :mod:`plankg.sparql.parsecache`)."""
        return [self.text, [[k.variable, k.function, k.descending] for k in self.keys]]

    @classmethod
    def from_json(cls, value) -> "OrderPlan":
        """The plan :meth:`to_json` gave."""
        text, keys = value
        return cls(text, tuple(OrderKey(v, f, bool(d)) for v, f, d in keys))


def order_plan(query: str) -> OrderPlan | None:
    """Return ``query`` without its top ``ORDER BY`` and the keys to sort by, or None if it cannot be done exactly.

    Read from rdflib's parse tree with positions
    (:func:`plankg.sparql.parsetree.parse_tree`) and kept on disk by the
    query's text (:func:`plankg.sparql.parsecache.remembered`).
    """
    from .parsecache import remembered

    def read(text: str):
        plan = _apart(_read_plan, text)
        return None if plan is None else plan.to_json()

    def valid(value) -> bool:
        return value is None or (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str))

    try:
        value = remembered("ordering", query, read, valid=valid)
    except QueryError:
        return None
    return None if value is None else OrderPlan.from_json(value)


def _apart(function, *args):
    """``function(*args)`` in a thread of its own.

    The parser keeps some of the frames it ran in (pyparsing's exceptions);
    through their callers, frames of the caller's thread would keep alive
    what the caller holds (an engine, and the store it has open, which
    another process then cannot open). A thread's frames chain up to that
    thread alone.
    """
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = function(*args)
        except BaseException as err:  # handed to the caller, as raised
            box["error"] = err

    thread = threading.Thread(target=target, name="plankg-parse", daemon=True)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _read_plan(query: str) -> OrderPlan | None:
    from .parsetree import parse_tree

    text, tree = parse_tree(query)
    top = tree[-1]
    if top.name != "SelectQuery" or "orderby" not in top or "limitoffset" in top or "valuesClause" in top:
        return None
    if _field(top, "modifier") == "REDUCED" or _field(top, "datasetClause"):
        return None
    projection = _field(top, "projection")
    if not projection:
        return None  # SELECT *: which variables come back is known only from the answer
    projected = {str(_field(item, "evar") or _field(item, "var")) for item in projection}
    keys = []
    for condition in top["orderby"]["condition"]:
        key = _key(condition)
        if key is None or key.variable not in projected:
            return None
        keys.append(key)
    clause = top["orderby"]
    start = getattr(clause, "at", None)
    if start is None:
        return None
    return OrderPlan(text[:start], tuple(keys))


def _key(condition) -> OrderKey | None:
    from rdflib.term import Variable

    descending = _field(condition, "order") == "DESC"
    expression = _unwrapped(_field(condition, "expr"))
    if isinstance(expression, Variable):
        return OrderKey(str(expression), None, descending)
    name = getattr(expression, "name", None)
    if name in ("Builtin_STR", "Builtin_LANG"):
        argument = _unwrapped(_field(expression, "arg"))
        if isinstance(argument, Variable):
            return OrderKey(str(argument), name[len("Builtin_"):], descending)
    return None


def _field(node, name: str):
    """A parse tree node's ``name``, None if it has none (CompValue.get takes other arguments)."""
    return node[name] if name in node else None


def _unwrapped(node):
    """An expression without the grammar's one-child wrappers (``ConditionalOrExpression`` … around ``?x``)."""
    while getattr(node, "name", None) in _WRAPPERS and set(node.keys()) == {"expr"}:
        node = node["expr"]
    return node


class _Unordered(Exception):
    """A key whose values Oxigraph does not order as a total order."""


@dataclass(frozen=True)
class SortedTable:
    """An answer sorted by :func:`sort_table`; ``ties``: whether two different rows have equal keys."""

    table: TermTable
    ties: bool


def sort_table(table: TermTable, keys: tuple[OrderKey, ...]) -> SortedTable | None:
    """Return ``table``'s rows sorted by ``keys`` as Oxigraph's ``ORDER BY`` sorts them, or None if it cannot.

    Each distinct term of a key's column is ranked once; the rows are then
    sorted by their tuples of ranks (a descending key's ranks negated), in C.

    Examples
    --------
    >>> xsd = "http://www.w3.org/2001/XMLSchema#integer"
    >>> n = [ox.Literal(str(i), datatype=ox.NamedNode(xsd)) for i in (10, 9)]
    >>> table = TermTable.from_rows(("x", "n"), [(ox.NamedNode("urn:b"), n[0]), (ox.NamedNode("urn:a"), n[1]),
    ...                                          (ox.BlankNode("z"), None)])
    >>> done = sort_table(table, (OrderKey("n", None, False),))
    >>> [(row[0].value, row[1] and row[1].value) for row in done.table.rows()], done.ties
    ([('z', None), ('urn:a', '9'), ('urn:b', '10')], False)
    """
    variables = table.variables
    width, count = len(variables), len(table)
    if count < 2:
        return SortedTable(table, False)
    columns = []
    try:
        for key in keys:
            j = variables.index(key.variable)
            ranks = _ranks(table.terms, set(table.cells[j::width]), key.function)
            if key.descending:
                ranks = {n: -r for n, r in ranks.items()}
            rank = [0] * len(table.terms)
            for n, r in ranks.items():
                rank[n] = r
            columns.append(list(map(rank.__getitem__, table.cells[j::width])))
    except _Unordered:
        return None
    except ValueError:  # a key's variable not in the answer
        return None
    order_keys = list(zip(*columns))
    order = sorted(range(count), key=order_keys.__getitem__)
    whole = [table.cells[j::width] for j in range(width)]
    sorted_columns = [list(map(column.__getitem__, order)) for column in whole]
    cells = array("I", chain.from_iterable(zip(*sorted_columns)))
    ties = _has_ties(order, order_keys, sorted_columns)
    return SortedTable(TermTable(variables, table.terms, cells, count), ties)


def _has_ties(order, order_keys, sorted_columns) -> bool:
    """Whether two adjacent rows (in the new order) have equal keys but are not the same row."""
    keys = [order_keys[i] for i in order]
    rows = list(zip(*sorted_columns))
    return any(keys[i] == keys[i - 1] and rows[i] != rows[i - 1] for i in range(1, len(keys)))


def _ranks(terms: list, present: set[int], function: str | None) -> dict[int, int]:
    """Each present term number's rank by Oxigraph's order of the key's values (equal values, equal ranks).

    Raises
    ------
    _Unordered
        If the values are not of kinds Oxigraph orders totally (see the module).
    """
    values = {n: _value(terms[n], function) for n in present}
    literals = [v for v in values.values() if v is not None and v[0] == 3]
    family = {v[1] for v in literals}
    if len(family) > 1:
        raise _Unordered(family)
    keyed = sorted(values.items(), key=lambda item: _sortable(item[1]))
    ranks: dict[int, int] = {}
    previous, rank = object(), 0
    for n, value in keyed:
        comparable = _sortable(value)
        if comparable != previous:
            rank += 1
            previous = comparable
        ranks[n] = rank
    return ranks


def _is_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _sortable(value) -> tuple:
    if value is None:
        return (0,)
    return value[:1] + value[2:]


def _value(term, function: str | None):
    """A key's value as a tuple ``(kind, family, …)``: None when unbound (or when the function fails)."""
    if function == "STR":
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return (3, "lexical", term.value, _XSD + "string", "")
        if isinstance(term, ox.Literal) and term.datatype.value not in _VALUE_TYPES:
            return (3, "lexical", term.value, _XSD + "string", "")
        raise _Unordered("STR of a blank node or of a typed value")
    if function == "LANG":
        if term is None:
            return None
        if isinstance(term, ox.Literal):
            return (3, "lexical", term.language or "", _XSD + "string", "")
        raise _Unordered("LANG of a node")
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return (1, "", term.value)
    if isinstance(term, ox.NamedNode):
        return (2, "", term.value)
    if not isinstance(term, ox.Literal):
        raise _Unordered(type(term).__name__)
    datatype = term.datatype.value
    if term.language is not None or datatype not in _VALUE_TYPES:
        return (3, "lexical", term.value, datatype, term.language or "")
    text = term.value
    if datatype in _INTEGERS and _INTEGER.match(text):
        value = int(text)
        if -(1 << 63) <= value < (1 << 63):
            return (3, "number", Decimal(value))
    elif datatype == _XSD + "decimal" and _DECIMAL.match(text):
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is not None and abs(value) < Decimal(10) ** 19 and -value.as_tuple().exponent <= 18:
            return (3, "number", value)
    elif datatype == _XSD + "gYear" and _YEAR.match(text):
        return (3, "year", int(text))
    elif datatype == _XSD + "date" and _DATE.match(text) and _is_date(text):
        return (3, "date", text)
    raise _Unordered(f"a {datatype} key")
