"""Limits a data file must keep before it reaches the RDF parser.

Two formats can make the parser use far more memory or stack than the file's
size suggests, and crash the process rather than fail:

* **JSON-LD** nested thousands deep (``{"p": {"p": …}}``) exhausts the
  parser's stack (a segmentation fault). A file may nest objects and arrays
  at most :data:`MAX_JSON_DEPTH` deep; a JSON tokenizer counts the depth
  (brackets inside strings do not count). Remote ``@context`` documents
  are never fetched (the parser has no loader).
* **RDF/XML** with entities that expand to entities (the "billion laughs")
  exhausts memory. The file is first read by the standard library's expat
  parser, which reports each declaration: external entities (``SYSTEM`` or
  ``PUBLIC``), parameter entities and unparsed entities are refused; at most
  :data:`MAX_ENTITIES` internal entities may be declared, and the document
  expat reads with them expanded (text and attributes) may not grow past
  :data:`MAX_EXPANSION` times the file's size plus a mebibyte: the check
  stops expat as soon as it is past (expat's own amplification limit guards
  its memory meanwhile). Elements may nest at most :data:`MAX_XML_DEPTH`
  deep. The usual ``<!ENTITY owl "http://…#">`` abbreviations that ontology
  editors write stay well within these limits.

Turtle and N-Triples are parsed without recursion and need no limit.

A file may also start with a UTF-8 byte-order mark, which is skipped.

Examples
--------
>>> json_depth(b'{"a": [1, {"b": "[[[{"}]}')
3
>>> check_bytes("x.jsonld", b"[" * 300 + b"]" * 300, "jsonld")
Traceback (most recent call last):
    ...
plankg.errors.DataError: x.jsonld:1: JSON-LD nested more than 256 deep; plankg reads at most 256 levels (see README, Security)
"""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path
from xml.parsers import expat

import pyoxigraph as ox

from .errors import DataError

__all__ = [
    "MAX_JSON_DEPTH",
    "MAX_XML_DEPTH",
    "MAX_ENTITIES",
    "MAX_EXPANSION",
    "BOM",
    "json_depth",
    "check_bytes",
    "parser_input",
]

#: The deepest nesting of JSON objects and arrays a JSON-LD file may have.
MAX_JSON_DEPTH = 256
#: The deepest nesting of elements an RDF/XML file may have.
MAX_XML_DEPTH = 1000
#: The most internal entities an RDF/XML file may declare.
MAX_ENTITIES = 1000
#: How many times its own size an RDF/XML file may grow by expanding entities (plus 1 MiB).
MAX_EXPANSION = 10

#: The UTF-8 byte-order mark, skipped at the start of a file.
BOM = b"\xef\xbb\xbf"

# A JSON string (with its escapes); and a string or a bracket.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_TOKEN = re.compile(_JSON_STRING.pattern + rb"|[\[\]{}]", re.DOTALL)
_NOT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _refuse(path, message: str, line: int | None = None):
    raise DataError(path, f"{message} (see README, Security)", line)


def json_depth(data: bytes) -> int:
    """Return how deep JSON ``data`` nests objects and arrays.

    Strings are dropped first (brackets inside them do not count), then the
    brackets left are counted.

    Parameters
    ----------
    data : bytes
        JSON text (UTF-8).

    Returns
    -------
    int
        The greatest depth; 0 for a scalar.
    """
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    return max(accumulate(_STEP[b] for b in brackets), default=0)


def _first_past(data: bytes, limit: int) -> int:
    """The offset of the first bracket that nests deeper than ``limit``."""
    depth = 0
    for token in _JSON_TOKEN.finditer(data):
        bracket = token.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return token.start()
        elif bracket in (b"]", b"}"):
            depth -= 1
    return 0


def _check_json(path, data: bytes) -> None:
    if json_depth(data) > MAX_JSON_DEPTH:
        line = data.count(b"\n", 0, _first_past(data, MAX_JSON_DEPTH)) + 1
        _refuse(path, f"JSON-LD nested more than {MAX_JSON_DEPTH} deep; plankg reads at most "
                      f"{MAX_JSON_DEPTH} levels", line)


class _XMLLimits:
    """Expat handlers that keep an RDF/XML file within the limits."""

    def __init__(self, path, size: int):
        self.path = path
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.EntityDeclHandler = self.entity
        self.parser.UnparsedEntityDeclHandler = self.unparsed
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.ExternalEntityRefHandler = self.external
        self.entities = 0
        self.depth = 0
        self.expanded = 0
        self.budget = MAX_EXPANSION * size + (1 << 20)

    def refuse(self, message: str):
        _refuse(self.path, message, self.parser.CurrentLineNumber)

    def entity(self, name, is_parameter, value, base, system_id, public_id, notation):
        if is_parameter:
            self.refuse(f"declares the parameter entity %{name}; plankg reads no parameter entities")
        if value is None or system_id or public_id or notation:
            self.refuse(f"declares the external entity &{name};; plankg reads no external entities")
        self.entities += 1
        if self.entities > MAX_ENTITIES:
            self.refuse(f"declares more than {MAX_ENTITIES} entities")

    def unparsed(self, name, *args):
        self.refuse(f"declares the unparsed entity &{name};; plankg reads no external entities")

    def external(self, context, base, system_id, public_id):
        self.refuse("refers to an external entity; plankg reads no external entities")

    def grow(self, size: int):
        self.expanded += size
        if self.expanded > self.budget:
            self.refuse(f"its entities expand it more than {MAX_EXPANSION} times its size")

    def start(self, name, attributes):
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            self.refuse(f"elements nested more than {MAX_XML_DEPTH} deep")
        self.grow(len(name) + sum(len(k) + len(v) for k, v in attributes.items()))

    def end(self, name):
        self.depth -= 1

    def text(self, data):
        self.grow(len(data))

    def check(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as err:
            if err.code == expat.errors.codes.get(getattr(expat.errors, "XML_ERROR_AMPLIFICATION_LIMIT_BREACH", "")):
                self.refuse("its entities expand too much")
            # Any other syntax error is the RDF/XML parser's to report, in its words.


def _check_xml(path, data: bytes) -> None:
    _XMLLimits(path, len(data)).check(data)


_CHECKS = {"jsonld": _check_json, "rdfxml": _check_xml}
_KINDS = {ox.RdfFormat.JSON_LD: "jsonld", ox.RdfFormat.RDF_XML: "rdfxml"}


def check_bytes(path: str | Path, data: bytes, kind: str) -> None:
    """Check the content of a data file against the limits of its format.

    Parameters
    ----------
    path : path-like
        The file, for the error message.
    data : bytes
        Its content.
    kind : {"jsonld", "rdfxml", "turtle", "ntriples"}
        Its format; Turtle and N-Triples have no limits.

    Raises
    ------
    DataError
        Naming the file, the line and the limit, if it breaks one.
    """
    check = _CHECKS.get(kind)
    if check is not None:
        check(path, data)


def parser_input(path: Path, fmt: ox.RdfFormat) -> dict:
    """Return the arguments that hand ``path`` to :func:`pyoxigraph.parse`, once checked.

    A file with a limit is read and checked; a file that starts with a
    UTF-8 byte-order mark is handed over without it. Otherwise the parser
    reads the file itself.

    Parameters
    ----------
    path : Path
        The data file.
    fmt : pyoxigraph.RdfFormat
        Its format.

    Returns
    -------
    dict
        ``{"path": str}`` or ``{"input": bytes}``, for :func:`pyoxigraph.parse`
        or :meth:`pyoxigraph.Store.load`.

    Raises
    ------
    DataError
        If the file breaks a limit (see :func:`check_bytes`).
    OSError
        If it cannot be read.
    """
    kind = _KINDS.get(fmt)
    if kind is None:
        with open(path, "rb") as handle:
            if handle.read(len(BOM)) != BOM:
                return {"path": str(path)}
            return {"input": handle.read()}
    data = path.read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM):]
    check_bytes(path, data, kind)
    return {"input": data}
