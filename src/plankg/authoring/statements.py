"""Statements as plain Python values, the form the workbook code works with.

A subject or IRI object is a ``str`` (a blank node's starts with ``_:``); a
literal object is a :class:`Lit`. Plain values compare, hash and sort fast,
and need no RDF library: the query path stays light.

Examples
--------
>>> t = ("http://ex.org/a", RDFS_LABEL, Lit("花桥", lang="zh"))
>>> ntriples([t])
'<http://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "花桥"@zh .\\n'
"""

from __future__ import annotations

import re

from collections.abc import Iterable
from typing import NamedTuple

from ..namespaces import PREFIXES

__all__ = ["Lit", "Triple", "RDF_TYPE", "RDFS_LABEL", "XSD_STRING", "LANG_STRING", "from_oxigraph", "ntriples", "escape"]

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
XSD_STRING = PREFIXES["xsd"] + "string"
LANG_STRING = PREFIXES["rdf"] + "langString"


class _Literal(NamedTuple):
    value: str
    datatype: str
    lang: str | None


class Lit(_Literal):
    """A literal: its lexical form, datatype (``xsd:string`` by default) and language tag.

    A language tag makes the datatype ``rdf:langString``.

    Examples
    --------
    >>> Lit("花桥", lang="zh") == Lit("花桥", LANG_STRING, "zh")
    True
    """

    __slots__ = ()

    def __new__(cls, value: str, datatype: str | None = None, lang: str | None = None):
        if lang:
            datatype = LANG_STRING
        return super().__new__(cls, value, datatype or XSD_STRING, lang or None)


Triple = tuple  # (subject: str, predicate: str, object: str | Lit)


def from_oxigraph(triples: Iterable) -> set[tuple]:
    """Return pyoxigraph triples as plain ``(s, p, o)`` tuples."""
    import pyoxigraph as ox

    out = set()
    for t in triples:
        s = t.subject
        subject = f"_:{s.value}" if isinstance(s, ox.BlankNode) else s.value
        o = t.object
        if isinstance(o, ox.Literal):
            obj = Lit(o.value, LANG_STRING if o.language else o.datatype.value, o.language)
        elif isinstance(o, ox.BlankNode):
            obj = f"_:{o.value}"
        else:
            obj = o.value
        out.add((subject, t.predicate.value, obj))
    return out


_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')


def escape(text: str) -> str:
    """Escape ``text`` for a Turtle or N-Triples string: quotes, backslashes, control characters."""
    if not _ESCAPED.search(text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return "".join(out)


def _nt(term) -> str:
    if isinstance(term, Lit):
        if term.lang:
            return f'"{escape(term.value)}"@{term.lang}'
        if term.datatype == XSD_STRING:
            return f'"{escape(term.value)}"'
        return f'"{escape(term.value)}"^^<{term.datatype}>'
    return term if term.startswith("_:") else f"<{term}>"


def ntriples(triples: Iterable[tuple]) -> str:
    """Return the triples as sorted N-Triples, one a line (canonical when there are no blank nodes)."""
    return "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples))
