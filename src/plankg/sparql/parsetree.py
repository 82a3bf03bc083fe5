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

Examples
--------
>>> text, tree = parse_tree('SELECT ?s WHERE { ?s ?p "?s" } # ?s')
>>> query = tree[-1]
>>> query.where.at, query.where.end, text[query.where.at:query.where.end]
(16, 30, '{ ?s ?p "?s" }')
>>> [(str(v), v.at) for v in query.where.part[0].triples[0] if isinstance(v, PlacedVariable)]
[('s', 18), ('p', 21)]
"""

from __future__ import annotations

import copy
import functools

from rdflib.term import Variable

from ..errors import QueryError

__all__ = ["parse_tree", "PlacedVariable"]


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

    from .netguard import RDFLIB_PARSE_LOCK

    try:
        text = expandUnicodeEscapes(query)
        with RDFLIB_PARSE_LOCK:
            return text, _grammar().parse_string(text, parse_all=True)
    except Exception as err:  # pyparsing and rdflib raise assorted errors
        raise QueryError(f"the query does not parse on rdflib: {err}") from err
