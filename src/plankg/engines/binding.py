"""Parameter values written into a query's text, for engines that take no bindings.

The SPARQL 1.1 protocol has no way to send parameter values apart from the
query, so for a remote endpoint (and the Jena harness of the tests) the bound
terms travel in the query text. Each term is written out by pyoxigraph's
N-Triples serializer, which escapes every quote, backslash and control
character; user text never enters the query unescaped.

Which variables are bound, and where, is decided from the query's parse
tree (:func:`plankg.sparql.parsetree.parse_tree`: rdflib's grammar, with the
place of each variable in the text), never by scanning the text:

* :func:`bind_terms` writes the term in place of each occurrence of the
  variable, and projects it as ``(term AS ?name)``, so that the answer reads
  as if the variable were bound from the start. An occurrence inside a
  subquery that does not project the variable is another variable (SPARQL's
  scoping) and is left alone. Constants are chosen over a ``VALUES`` block
  because some servers evaluate ``VALUES`` wrongly beside ``FILTER EXISTS``
  (Virtuoso 7.2 returns one row instead of fifteen), and answer constants
  right.
* Where a term may not stand or would mean something else, all the
  bindings go as a ``VALUES`` block that opens the query's outer group
  (:func:`inline_values`), the standard's own meaning of "bound from the
  start": the variable is listed in a ``VALUES`` of the query, tested by
  ``BOUND(?x)``, grouped or ordered by bare (``GROUP BY ?x``, ``ORDER BY
  ?x``), used inside ``MINUS`` (where a constant would no longer be shared
  with the outer pattern), projected by a subquery (whose ``(term AS ?x)``
  would clash with the outer one) or named as a ``SERVICE``; a literal would
  stand as a predicate or a ``GRAPH`` name; the query projects ``*``; or it
  is not a ``SELECT`` or ``ASK`` query.
* A variable the query assigns (``BIND(… AS ?x)``, ``(… AS ?x)``) cannot be
  bound from the start (SPARQL forbids assigning a variable in scope), so
  binding it is a :class:`~plankg.errors.QueryError`.

The query is edited at the parsed positions rather than re-serialized from
the parse tree or algebra: rdflib's algebra-to-text (``translateAlgebra``)
does not give back every query it reads, and a re-serialized query would
reach the server in another shape than the one tested against it, while the
servers' bugs (Virtuoso's above all) depend on the shape.

A parameter the query does not name (in its outer scope) is left out: binding
it changes nothing, and a ``VALUES`` block would add it to ``SELECT *``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError
from ..sparql.parsetree import ASSIGNED, IRI_ONLY, NEVER, PROJECTED, outer_scope, parse_tree

__all__ = ["bind_terms", "inline_values"]

@dataclass(frozen=True)
class _Places:
    """Where a query's outer group stands and where the named variables occur, with their roles."""

    text: str
    group: tuple[int, int, bool] | None  # the outer group's "{", its end, and whether it is a subquery
    rewritable: bool  # a SELECT with an explicit projection, or an ASK
    occurrences: Mapping[str, tuple[tuple[int, str], ...]]


@functools.lru_cache(maxsize=512)
def _places(query: str, names: frozenset[str]) -> _Places:
    text, tree = parse_tree(query)
    node = tree[-1]
    where = node.where
    group = None if where is None or where.at is None else (where.at, where.end, where.name == "SubSelect")
    rewritable = node.name == "AskQuery" or (node.name == "SelectQuery" and bool(node.projection))
    return _Places(text, group, rewritable, outer_scope(query, names))


def inline_values(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``query`` with ``bindings`` as a ``VALUES`` block opening its outer group.

    The group is found in the query's parse tree; when it is a subquery, the
    subquery is put in a group of its own beside the block.

    Raises
    ------
    QueryError
        If rdflib cannot parse the query, or it has no ``WHERE`` group.

    Examples
    --------
    >>> q = 'SELECT ?s ?_place WHERE { ?s ?p ?_place }'
    >>> inline_values(q, {"_place": ox.Literal('" } DROP ALL #')})
    'SELECT ?s ?_place WHERE { VALUES (?_place) { ("\\\\" } DROP ALL #") } ?s ?p ?_place }'
    >>> inline_values('SELECT * { SELECT ?s { ?s ?p ?o } }', {"s": ox.NamedNode("http://e/s")})
    'SELECT * { VALUES (?s) { (<http://e/s>) } { SELECT ?s { ?s ?p ?o } } }'
    """
    if not bindings:
        return query
    places = _places(query, frozenset(bindings))
    if places.group is None:
        raise QueryError("the query has no WHERE group { … } to hold the parameters' VALUES")
    text, (opening, end, subquery) = places.text, places.group
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    if subquery:
        return f"{text[:opening + 1]}{block} {{{text[opening + 1:end - 1]}}} {text[end - 1:]}"
    return f"{text[:opening + 1]}{block}{text[opening + 1:]}"


def bind_terms(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``query`` with each bound variable written as its term, or as :func:`inline_values` does.

    See the module for where a term is written and when the bindings go as
    a ``VALUES`` block instead.

    Parameters
    ----------
    query : str
        A SPARQL 1.1 ``SELECT`` or ``ASK`` query.
    bindings : mapping of str to pyoxigraph.NamedNode or pyoxigraph.Literal
        Variable names (without ``?``) and their terms.

    Returns
    -------
    str
        The query to send. Where the query holds ``\\u`` escapes, the text is
        the one with them expanded, as SPARQL reads it.

    Raises
    ------
    QueryError
        If rdflib cannot parse the query, or it assigns a bound variable.

    Examples
    --------
    >>> bind_terms('SELECT ?s $_p WHERE { ?s ?o ?_p FILTER(?s != ?_pp) }', {"_p": ox.Literal("花桥")})
    'SELECT ?s ("花桥" AS ?_p) WHERE { ?s ?o "花桥" FILTER(?s != ?_pp) }'
    >>> bind_terms('SELECT * WHERE { ?s ?p ?_o }', {"_o": ox.Literal("x")})
    'SELECT * WHERE { VALUES (?_o) { ("x") } ?s ?p ?_o }'
    """
    if not bindings:
        return query
    places = _places(query, frozenset(bindings))
    named = {name: term for name, term in bindings.items() if places.occurrences.get(name)}
    if not named:
        return query
    for name in named:
        if any(role == ASSIGNED for _, role in places.occurrences[name]):
            raise QueryError(f"the query assigns ?{name} (… AS ?{name}), so it cannot also take it as a parameter")
    edits = []
    for name, term in named.items():
        for at, role in places.occurrences[name]:
            if not places.rewritable or role == NEVER or (role == IRI_ONLY and not isinstance(term, ox.NamedNode)):
                return inline_values(query, named)
            written = f"({term} AS ?{name})" if role == PROJECTED else str(term)
            edits.append((at, at + 1 + len(name), written))
    text = places.text
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return text
