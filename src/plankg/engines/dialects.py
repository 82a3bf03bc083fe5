"""Answers of SPARQL servers brought to the terms the standard gives.

Servers return some values in another lexical form or datatype than the
SPARQL 1.1 and RDF 1.1 specifications give, and than embedded Oxigraph
returns. :func:`standard_results` rewrites a SPARQL JSON result so that
plankg reads the same terms from every server, deciding from the parsed query
and the result's own datatypes, never from a query's name:

* An ``xsd:boolean`` literal in the form ``1`` or ``0`` (Virtuoso stores
  booleans as numbers and answers ``"1"^^xsd:boolean``) becomes the canonical
  ``true`` or ``false``: the same value.
* A variable the query binds to a boolean expression (``BIND(true AS ?x)``,
  ``BOUND(?y)``, ``EXISTS {…}``, comparisons, ``&&``, ``isIRI`` …), which
  Virtuoso answers as ``"1"^^xsd:integer``, is given back as the
  ``xsd:boolean`` the expression has.

Everything else passes unchanged; a result with nothing to rewrite is
returned byte for byte.
"""

from __future__ import annotations

import functools
import json

from ..errors import QueryError

__all__ = ["standard_results", "boolean_variables"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_BOOLEAN = XSD + "boolean"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "decimal")}
_CANONICAL = {"1": "true", "0": "false", "true": "true", "false": "false"}
#: rdflib algebra nodes whose value is an xsd:boolean.
_BOOLEAN_NODES = {
    "RelationalExpression", "ConditionalAndExpression", "ConditionalOrExpression", "UnaryNot",
    "Builtin_BOUND", "Builtin_EXISTS", "Builtin_NOTEXISTS", "Builtin_isIRI", "Builtin_isBLANK",
    "Builtin_isLITERAL", "Builtin_isNUMERIC", "Builtin_REGEX", "Builtin_CONTAINS", "Builtin_STRSTARTS",
    "Builtin_STRENDS", "Builtin_sameTerm", "Builtin_LANGMATCHES",
}


@functools.lru_cache(maxsize=512)
def boolean_variables(query: str) -> frozenset[str]:
    """Return the variables ``query`` binds to a boolean expression (``BIND`` or ``SELECT … AS``).

    Examples
    --------
    >>> sorted(boolean_variables('SELECT ?s (BOUND(?o) AS ?has) WHERE { ?s ?p ?o BIND(true AS ?t) BIND(1 AS ?n) }'))
    ['has', 't']
    """
    from ..sparql.netguard import rdflib_prepare

    try:
        algebra = rdflib_prepare(query).algebra
    except QueryError:
        return frozenset()
    found: set[str] = set()
    _walk(algebra, found)
    return frozenset(found)


def _walk(node, found: set[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "Extend" and _is_boolean(node.get("expr")):
            found.add(str(node.get("var")))
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _walk(value, found)


def _is_boolean(expr) -> bool:
    from rdflib import Literal
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(expr, Literal):
        return expr.datatype is not None and str(expr.datatype) == _BOOLEAN
    return isinstance(expr, CompValue) and expr.name in _BOOLEAN_NODES


def standard_results(body: bytes, query: str) -> bytes:
    """Return a SPARQL JSON result with booleans in their standard form (see the module).

    Parameters
    ----------
    body : bytes
        The server's SPARQL 1.1 Query Results JSON.
    query : str
        The query it answers.

    Examples
    --------
    >>> q = "SELECT ?x WHERE { BIND(true AS ?x) }"
    >>> one = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1",'
    >>> one += b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    >>> json.loads(standard_results(one, q))["results"]["bindings"][0]["x"]["value"]
    'true'
    """
    try:
        parsed = json.loads(body)
        bindings = parsed["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        return body  # an ASK answer, or not JSON: the caller reports what it is
    booleans = None
    changed = False
    for row in bindings:
        for name, term in row.items():
            if not isinstance(term, dict) or term.get("type") not in ("literal", "typed-literal"):
                continue
            datatype, value = term.get("datatype"), term.get("value")
            if datatype == _BOOLEAN and value in _CANONICAL and _CANONICAL[value] != value:
                term["value"] = _CANONICAL[value]
                changed = True
            elif datatype in _INTEGERS and value in ("0", "1"):
                if booleans is None:
                    booleans = boolean_variables(query)
                if name in booleans:
                    term["datatype"], term["value"] = _BOOLEAN, _CANONICAL[value]
                    changed = True
    return json.dumps(parsed, ensure_ascii=False).encode("utf-8") if changed else body
