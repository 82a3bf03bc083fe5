"""rdflib's SPARQL parse tree, with the place in the text of each variable and group.

rdflib parses a query into a tree of
:class:`~rdflib.plugins.sparql.parserutils.CompValue` nodes (``SelectQuery``,
``GroupGraphPatternSub``, ``TriplesBlock``, ``Filter`` …) whose leaves are
RDF terms and :class:`~rdflib.term.Variable` objects, but it keeps no
positions. :func:`parse_tree` parses with a private copy of rdflib's grammar
(``copy.deepcopy``, so rdflib's own parser is left as it is) in which

* every variable is a :class:`PlacedVariable`, whose ``at`` is the index of
  its ``?`` or ``$`` in the text;
* every group pattern ``{ … }`` (the node it parses to, ``GroupGraphPatternSub``
  or ``SubSelect``) has ``at``, the index of its ``{``, and ``end``, the index
  just after its ``}``.

Everything else, comments, strings, IRIs, escapes and keyword case, is read
by rdflib's grammar exactly as :func:`rdflib.plugins.sparql.prepareQuery`
reads it, so a ``?x`` inside a string, an IRI or a comment is not a variable.

:func:`outer_scope` walks that tree for the variables of the query's outer
scope (a subquery's variables are its own unless it projects them, as SPARQL
scopes them) and says where each occurs and in what role; parameters are
found (:mod:`plankg.sparql.params`) and bound (:mod:`plankg.engines.binding`)
from it.

Examples
--------
>>> text, tree = parse_tree('SELECT ?s WHERE { ?s ?p "?s" } # ?s')
>>> query = tree[-1]
>>> query.where.at, query.where.end, text[query.where.at:query.where.end]
(16, 30, '{ ?s ?p "?s" }')
>>> [(str(v), v.at) for v in query.where.part[0].triples[0] if isinstance(v, PlacedVariable)]
[('s', 18), ('p', 21)]
>>> outer_scope('SELECT ?s WHERE { ?s ?p ?o { SELECT ?o { ?o ?q ?x } } BIND(1 AS ?n) }')
{'s': ((7, 'projected'), (18, 'term')), 'p': ((21, 'iri-only'),), 'o': ((24, 'term'), (36, 'never'), (41, 'term')), 'n': ((64, 'assigned'),)}
"""

from __future__ import annotations

import copy
import functools

from rdflib.term import Variable

__all__ = ["parse_tree", "PlacedVariable", "outer_scope", "TERM", "IRI_ONLY", "PROJECTED", "NEVER", "ASSIGNED"]

#: How a variable occurs: where a term of any kind may stand in its place, …
TERM = "term"
#: … as a triple's predicate or a GRAPH name (an IRI may stand there, a literal not), …
IRI_ONLY = "iri-only"
#: … in the projection (written ``(term AS ?name)``), …
PROJECTED = "projected"
#: … where no term may stand, or would mean something else (``VALUES``,
#: ``BOUND``, ``GROUP BY ?x``, ``ORDER BY ?x``, ``MINUS``, ``SERVICE ?x``,
#: a subquery's projection), …
NEVER = "never"
#: … or assigned by the query (``BIND(… AS ?x)``, ``(… AS ?x)``).
ASSIGNED = "assigned"

#: (node, key) of the parse tree under which a variable takes that role.
_ROLES = {
    ("Bind", "var"): ASSIGNED,
    ("GroupAs", "var"): ASSIGNED,
    ("vars", "evar"): ASSIGNED,
    ("InlineData", "var"): NEVER,
    ("ValuesClause", "var"): NEVER,
    ("Builtin_BOUND", "arg"): NEVER,
    ("ServiceGraphPattern", "term"): NEVER,
    ("MinusGraphPattern", "graph"): NEVER,
    ("GraphGraphPattern", "term"): IRI_ONLY,
    ("vars", "var"): PROJECTED,
}


class PlacedVariable(Variable):
    """A :class:`~rdflib.term.Variable` that knows where it stands: ``at`` indexes its ``?`` or ``$``."""

    def __new__(cls, name: str, at: int):
        variable = super().__new__(cls, name)
        variable.at = at
        return variable


@functools.lru_cache(maxsize=1)
def _grammar():
    import pyparsing
    from rdflib.plugins.sparql import parser

    copies: dict = {}
    query = copy.deepcopy(parser.Query, copies)
    # A parse action's start may lie before the whitespace and comments that
    # precede a token; where a match ends is exact. So each variable and each
    # group's "{" is wrapped in pyparsing.Located and placed by its end.
    var = copies[id(parser.Var)]
    var.exprs = [pyparsing.Located(pyparsing.MatchFirst(var.exprs))]
    var.set_parse_action(_place_variable)
    group = copies[id(parser.GroupGraphPattern)]
    opening, inner, closing = _flat(group.expr)  # "{" (SubSelect | GroupGraphPatternSub) "}"
    group <<= pyparsing.Located(pyparsing.Located(opening) + inner + closing)
    group.set_parse_action(_place_group)
    # Where an ORDER BY clause starts (at or before its ORDER, after what precedes it), for the
    # query without its ORDER BY (sparql/ordering.py).
    copies[id(parser.OrderClause)].add_parse_action(_place_clause)
    return query


def _flat(sequence) -> list:
    """The parts of a pyparsing ``And``, nested ``And`` or not (a first parse streamlines them)."""
    import pyparsing

    if not isinstance(sequence, pyparsing.And):
        return [sequence]
    return [part for inner in sequence.exprs for part in _flat(inner)]


def _place_variable(tokens):
    _, (name,), end = tokens
    return PlacedVariable(name, end - len(name) - 1)


def _place_group(tokens):
    _, (_, _, opened, node), end = tokens
    node.at, node.end = opened - 1, end
    return node


@functools.lru_cache(maxsize=256)
def _place_clause(_text, at, tokens):
    tokens[0].at = at
    return tokens


@functools.lru_cache(maxsize=256)
def parse_tree(query: str):
    """Parse ``query`` with rdflib's grammar into a tree that keeps positions (see the module).

    Parameters
    ----------
    query : str
        A SPARQL 1.1 query.

    Returns
    -------
    text : str
        The text the positions index: ``query`` with its ``\\u`` escapes
        expanded, which SPARQL does before parsing (rdflib too); ``query``
        itself when it has none.
    tree : pyparsing.ParseResults
        The prologue, then the query node (``SelectQuery``, ``AskQuery`` …),
        as :func:`rdflib.plugins.sparql.parser.parseQuery` gives them.

    Raises
    ------
    QueryError
        If rdflib cannot parse the query.
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    from .netguard import rdflib_parsing

    with rdflib_parsing():
        text = expandUnicodeEscapes(query)
        return text, _grammar().parse_string(text, parse_all=True)


@functools.lru_cache(maxsize=512)
def outer_scope(query: str, names: frozenset[str] | None = None) -> dict[str, tuple[tuple[int, str], ...]]:
    """Where each variable of the query's outer scope occurs, and in what role.

    A variable inside a subquery belongs to the outer scope only where the
    subquery projects it (``SELECT *`` projects all of its own).

    Parameters
    ----------
    query : str
        A SPARQL 1.1 query.
    names : frozenset of str, optional
        Only these variables (names without ``?``); all by default.

    Returns
    -------
    dict of str to tuple of (int, str)
        For each variable, in order of first occurrence, each place it
        occurs (the index of its ``?`` or ``$`` in the text
        :func:`parse_tree` returns) with its role (:data:`TERM`,
        :data:`IRI_ONLY`, :data:`PROJECTED`, :data:`NEVER` or
        :data:`ASSIGNED`), in the order of the text. A subject repeated by
        ``;`` or ``,`` is one occurrence.

    Raises
    ------
    QueryError
        If rdflib cannot parse the query.
    """
    found: list[tuple[str, int, str]] = []
    _collect(parse_tree(query)[1][-1], names, TERM, found)
    occurrences: dict[str, dict[int, str]] = {}
    for name, at, role in sorted(found, key=lambda item: item[1]):
        occurrences.setdefault(name, {})[at] = role
    return {name: tuple(places.items()) for name, places in occurrences.items()}


def _collect(node, names: frozenset[str] | None, role: str, found: list) -> None:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, Variable):
        if names is None or str(node) in names:
            found.append((str(node), node.at, role))
    elif isinstance(node, CompValue):
        kind = node.name
        if kind == "SubSelect" and node.projection:  # the others are its own variables
            projected = {str(item.var or item.evar) for item in node.projection}
            names = projected if names is None else names & projected
        if kind == "TriplesBlock":
            for triples in node.triples:
                for index, term in enumerate(triples):  # subject, predicate, object, subject …
                    _collect(term, names, IRI_ONLY if index % 3 == 1 and role == TERM else role, found)
            return
        for key, value in node.items():
            inner = role if role == NEVER else _ROLES.get((kind, key), role)
            if kind == "SubSelect" and key == "projection":
                inner = NEVER  # the subquery's (term AS ?x) and the outer one would clash
            if kind == "GroupClause":  # GROUP BY ?x
                for condition in value:
                    _collect(condition, names, NEVER if isinstance(condition, Variable) else inner, found)
                continue
            if kind == "OrderCondition" and node.order is None and isinstance(value, Variable):
                inner = NEVER  # ORDER BY ?x
            _collect(value, names, inner, found)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            _collect(value, names, role, found)
