"""Reading SPARQL text safely: blank out comments, strings and IRIs.

plankg never builds a query by pasting user text. It does read query text:
to find the prefixes a query uses. (Whether a query reaches the network is
decided from its parsed form, in :mod:`plankg.sparql.netguard`, which
parameters it takes, in :mod:`plankg.sparql.params`, and where parameter
values are written, in :mod:`plankg.sparql.parsetree`.) It reads the
*skeleton* of a query, in which comments, string literals and IRIs are
replaced by spaces, so that a keyword inside a string or a ``#`` inside an
IRI is never taken for syntax.

Examples
--------
>>> skeleton('SELECT * { ?s ?p "SERVICE # {" } # LOAD')
'SELECT * { ?s ?p "           " }       '
"""

from __future__ import annotations

import re

__all__ = ["skeleton", "declare_prefixes"]

_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>')


def skeleton(query: str) -> str:
    """Return ``query`` with comments, string contents and IRI contents blanked.

    The result has the same length as ``query``, so positions carry over.
    Quotes and angle brackets stay in place.
    """
    out = list(query)
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
            out[i:end] = " " * (end - i)
            i = end
        elif ch in "\"'":
            triple = query[i : i + 3] == ch * 3
            quote = ch * 3 if triple else ch
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                if query[j] == "\\":
                    j += 1
                elif not triple and query[j] == "\n":
                    break
                j += 1
            end = min(j, n)
            out[i + len(quote) : end] = " " * (end - i - len(quote))
            i = end + len(quote)
        elif ch == "<":
            match = _IRI.match(query, i)
            if match:
                end = match.end() - 1
                out[i + 1 : end] = " " * (end - i - 1)
                i = match.end()
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def declare_prefixes(query: str, prefixes: dict[str, str]) -> str:
    """Declare the ``prefixes`` a query uses but does not declare itself.

    The declarations go on the query's first line, so that the line numbers
    of a syntax error stay the query's own.

    Examples
    --------
    >>> declare_prefixes("SELECT * { ?s a plan:Task }", {"plan": "https://w3id.org/plankg/ontology#", "ks": "x:"})
    'PREFIX plan: <https://w3id.org/plankg/ontology#> SELECT * { ?s a plan:Task }'
    """
    text = skeleton(query)
    declared = set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", text))
    # One scan for every prefixed name, not one per known prefix: a corpus of 1,000 plans has 1,000 prefixes.
    used = {name or "" for name in re.findall(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:", text)}
    missing = [
        f"PREFIX {prefix}: <{iri}>"
        for prefix, iri in prefixes.items()
        if prefix not in declared and prefix in used
    ]
    return " ".join(missing + [query]) if missing else query
