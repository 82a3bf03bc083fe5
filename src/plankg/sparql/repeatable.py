"""Whether a query's answer depends on the data alone, read from its algebra.

An answer may be kept and given again (:mod:`plankg.engines.answers`) only
if asking again on the same data would give it again. A query that reads the
clock (``NOW``), draws numbers or identifiers (``RAND``, ``UUID``,
``STRUUID``), mints blank nodes (``BNODE``) or asks another server
(``SERVICE``), or that names its own data set (``FROM``, ``FROM NAMED``),
is not such a query. rdflib parses the query (under the parse lock, see
:func:`plankg.sparql.netguard.rdflib_prepare`), and the decision is made
from the parts of its algebra, never from the words of its text: a comment
or a string that says ``NOW()`` changes nothing. The decision depends on the
text alone, so it is kept on disk by the text
(:func:`plankg.sparql.parsecache.remembered`): a later process decides
without importing rdflib (about 0.4 s of a query's first ask).

Examples
--------
>>> repeatable("SELECT ?x WHERE { ?x a ?type }  # not NOW()")
True
>>> repeatable("SELECT ?x (NOW() AS ?when) WHERE { ?x a ?type }")
False
>>> repeatable("this is not SPARQL")
False
"""

from __future__ import annotations

import functools

from ..errors import QueryError

__all__ = ["repeatable", "UNREPEATABLE"]

#: The parts of rdflib's algebra whose value is not given by the data alone.
UNREPEATABLE = frozenset(
    {"Builtin_NOW", "Builtin_RAND", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE", "ServiceGraphPattern"}
)


@functools.lru_cache(maxsize=256)
def repeatable(query: str) -> bool:
    """Return whether ``query`` gives the same answer every time it is asked of the same data.

    False also when rdflib cannot parse it (an answer is kept only when this is known).
    """
    from .parsecache import remembered

    return remembered("repeatable", query, _read, valid=lambda value: isinstance(value, bool))


def _read(query: str) -> bool:
    """Decide from the parse (see :func:`repeatable`)."""
    from .netguard import algebra_names, rdflib_prepare

    try:
        parsed = rdflib_prepare(query)
    except QueryError:
        return False
    if parsed.algebra.get("datasetClause"):
        return False
    return not (algebra_names(parsed.algebra) & UNREPEATABLE)
