"""Query results: typed rows over the W3C SPARQL 1.1 results formats.

Every engine hands back its answer in the W3C SPARQL 1.1 Query Results JSON
format; :class:`QueryResult` reads it with pyoxigraph and converts it, also
with pyoxigraph, to TSV and XML. The three engines therefore give results of
one shape. An embedded engine's answer, and an answer kept in a store, is
held as a :class:`~plankg.sparql.termtable.TermTable` (each distinct term
once, the rows as numbers into them): its rows become :class:`Row` objects
only when read, and its CSV, TSV and JSON are written a distinct term at a
time, byte for byte as from the rows.

CSV is for spreadsheets, which run a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula: such a text cell is written with a leading
``'``, as the CSV export does (OWASP's advice against CSV injection); a
number (a literal of a numeric datatype that reads as one) is written as it is.

Examples
--------
>>> data = b'{"head":{"vars":["n","label"]},"results":{"bindings":[{"n":{"type":"literal",'
>>> data += b'"value":"6","datatype":"http://www.w3.org/2001/XMLSchema#integer"},"label":'
>>> data += b'{"type":"literal","value":"\\xe8\\x8a\\xb1\\xe6\\xa1\\xa5","xml:lang":"zh"}}]}}'
>>> result = QueryResult.from_json(data)
>>> result
<QueryResult variables=['n', 'label'] rows=1>
>>> row = result[0]
>>> row["label"].value, row.value("n")
('花桥', 6)
>>> result.to_csv()
'n,label\\r\\n6,花桥\\r\\n'
>>> QueryResult.from_json(data.replace(b"\\xe8\\x8a\\xb1\\xe6\\xa1\\xa5", b"=1+1")).to_csv()
"n,label\\r\\n6,'=1+1\\r\\n"
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator, Sequence

import pyoxigraph as ox

from ..errors import UnexpectedAnswer
from .termtable import TermTable

__all__ = ["QueryResult", "Row", "python_value", "csv_cell"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
    )
}

_STRING = _XSD + "string"
_NUMBERS = _INTEGERS | {_XSD + t for t in ("decimal", "double", "float")}
#: What a spreadsheet runs as a formula when a cell starts with it.
_FORMULA = ("=", "+", "-", "@")


def csv_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """Return a term as a W3C SPARQL CSV cell, safe to open in a spreadsheet.

    Text that would start a formula (``=``, ``+``, ``-``, ``@``) gets a
    leading ``'``; a literal of a numeric datatype that reads as a number
    does not.

    Examples
    --------
    >>> csv_cell(ox.Literal("@SUM(A1)")), csv_cell(ox.Literal("-5", datatype=ox.NamedNode(_XSD + "integer")))
    ("'@SUM(A1)", '-5')
    """
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    text = term.value
    if not text.startswith(_FORMULA):
        return text
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
        try:
            float(text)
            return text
        except ValueError:
            pass
    return "'" + text


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None):
    """Return a plain Python value for an RDF term.

    IRIs and blank nodes become their string value; ``xsd:integer`` and its
    kin become :class:`int`, ``xsd:decimal`` :class:`~decimal.Decimal`,
    ``xsd:double`` and ``xsd:float`` :class:`float`, ``xsd:boolean``
    :class:`bool`; other literals their lexical form.
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal) or term.language is not None:
        return term.value  # an IRI, a blank node, or a text in a language
    datatype = term.datatype.value
    if datatype == _STRING:
        return term.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == _XSD + "decimal":
            from decimal import Decimal

            return Decimal(term.value)
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(term.value)
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
    except ValueError:
        pass
    return term.value


def _listed(variables) -> str:
    return ", ".join(f"?{v}" for v in variables) or "none"


def _no_variable(name, variables) -> UnexpectedAnswer:
    return UnexpectedAnswer(
        f"the answer has no variable ?{name} (its variables: {_listed(variables)}); "
        "if it came from an endpoint, the endpoint answered another query"
    )


class _Record(dict):
    """A row's Python values by variable; reading a variable the answer lacks
    raises :class:`UnexpectedAnswer` (still a ``KeyError``)."""

    def __missing__(self, key):
        raise _no_variable(key, tuple(self))


class Row(Sequence):
    """One solution: terms indexable by position or variable name."""

    __slots__ = ("_variables", "_terms")

    def __init__(self, variables: tuple[str, ...], terms: tuple):
        self._variables = variables
        self._terms = terms

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._terms[self._variables.index(key)]
            except ValueError:
                raise _no_variable(key, self._variables) from None
        try:
            return self._terms[key]
        except IndexError:
            raise UnexpectedAnswer(
                f"the answer has no column {key} (its variables: {_listed(self._variables)}); "
                "if it came from an endpoint, the endpoint answered another query"
            ) from None

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator:
        return iter(self._terms)

    def __repr__(self) -> str:
        inner = " ".join(f"{v}={t}" for v, t in zip(self._variables, self._terms) if t is not None)
        return f"<Row {inner}>"

    def __eq__(self, other) -> bool:
        return isinstance(other, Row) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, str(v)) for k, v in self.as_dict().items())))

    def get(self, variable: str, default=None):
        """Return the term bound to ``variable``, or ``default`` if it is unbound.

        Raises
        ------
        UnexpectedAnswer
            If the answer has no such variable at all.
        """
        term = self[variable]
        return default if term is None else term

    def value(self, variable: str):
        """Return the Python value bound to ``variable`` (see :func:`python_value`)."""
        return python_value(self.get(variable))

    def as_dict(self) -> dict:
        """Return the bound terms by variable name (unbound ones left out)."""
        return {v: t for v, t in zip(self._variables, self._terms) if t is not None}

    def values(self) -> dict:
        """Return the Python values by variable name (unbound ones are ``None``).

        Reading a variable the answer lacks raises :class:`~plankg.errors.UnexpectedAnswer`.
        """
        return _Record(zip(self._variables, map(python_value, self._terms)))


class QueryResult(Sequence):
    """The answer to a ``SELECT`` or ``ASK`` query.

    Attributes
    ----------
    variables : tuple of str
        The projected variables, without ``?``.
    boolean : bool or None
        The answer of an ``ASK`` query; ``None`` for ``SELECT``.
    """

    def __init__(self, variables, rows, boolean: bool | None, raw, *, plain: bool = False):
        """``rows`` is a list of :class:`Row`, or a :class:`~plankg.sparql.termtable.TermTable`
        whose rows are made only when they are read (its output formats are written from its
        term numbers). ``raw`` is the answer as W3C SPARQL 1.1 Query Results JSON: bytes, or a
        function returning them, called the first time they are needed (most callers read the
        rows only), or None with a term table (its JSON is then written from the table).
        ``plain``: they are already UTF-8 JSON with no ``\\u`` escapes, written as they are."""
        self.variables: tuple[str, ...] = tuple(variables)
        self._table: TermTable | None = rows if isinstance(rows, TermTable) else None
        self._row_list: list[Row] | None = None if self._table is not None else rows
        self.boolean = boolean
        if raw is None and self._table is not None:
            table = self._table
            raw, plain = (lambda: table.to_json().encode("utf-8")), True
        self._raw_source = raw
        self._plain = plain

    @property
    def table(self) -> TermTable | None:
        """The answer as a :class:`~plankg.sparql.termtable.TermTable`, when it was made as one (else None)."""
        return self._table

    @property
    def _rows(self) -> list[Row]:
        if self._row_list is None:
            self._row_list = self._table.rows()
        return self._row_list

    @property
    def _raw(self) -> bytes:
        if callable(self._raw_source):
            self._raw_source = self._raw_source()
        return self._raw_source

    @classmethod
    def from_json(cls, data: bytes | str) -> "QueryResult":
        """Read a result from the W3C SPARQL 1.1 Query Results JSON format."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return cls((), [], bool(parsed), raw)
        variables = tuple(v.value for v in parsed.variables)
        rows = [Row(variables, tuple(solution[v] for v in variables)) for solution in parsed]
        return cls(variables, rows, None, raw)

    def __getitem__(self, index):
        try:
            return self._rows[index]
        except IndexError:
            raise UnexpectedAnswer(
                f"the answer has no row {index} (it has {len(self._rows)}); "
                "if it came from an endpoint, the endpoint holds no such data or answered another query"
            ) from None

    def __len__(self) -> int:
        return len(self._table) if self._row_list is None else len(self._row_list)

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else len(self) > 0

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"<QueryResult boolean={self.boolean}>"
        return f"<QueryResult variables={list(self.variables)} rows={len(self)}>"

    def column(self, variable: str) -> list:
        """Return the Python values of one variable, row by row."""
        return [row.value(variable) for row in self._rows]

    def records(self) -> list[dict]:
        """Return every row as a dict of Python values."""
        return [row.values() for row in self._rows]

    def serialize(self, fmt: str = "json") -> str:
        """Return the result in a W3C SPARQL 1.1 results format.

        Parameters
        ----------
        fmt : {"json", "csv", "tsv", "xml"}
        """
        formats = {
            "json": ox.QueryResultsFormat.JSON,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "xml": ox.QueryResultsFormat.XML,
        }
        if fmt not in formats:
            raise ValueError(f"unknown results format {fmt!r}; use one of {sorted(formats)}")
        if self._table is not None and self.boolean is None and fmt != "xml":
            # Each distinct term converted once, the rows joined from their term numbers.
            return {"json": self._table.to_json, "csv": self._table.to_csv, "tsv": self._table.to_tsv}[fmt]()
        if fmt == "json":
            if self._plain:
                return self._raw.decode("utf-8")
            import json

            return json.dumps(json.loads(self._raw), ensure_ascii=False)
        if fmt == "csv" and self.boolean is None:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(self.variables)
            cell = functools.lru_cache(maxsize=None)(csv_cell)  # a term repeated down the rows is written once
            writer.writerows([cell(term) for term in row] for row in self._rows)
            return buffer.getvalue()
        parsed = ox.parse_query_results(self._raw, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=formats[fmt]).decode("utf-8")

    def to_json(self) -> str:
        """Return the result as W3C SPARQL 1.1 Query Results JSON."""
        return self.serialize("json")

    def to_csv(self) -> str:
        """Return the result as W3C SPARQL 1.1 Query Results CSV (formula cells protected, see :func:`csv_cell`)."""
        return self.serialize("csv")

    def to_tsv(self) -> str:
        """Return the result as W3C SPARQL 1.1 Query Results TSV."""
        return self.serialize("tsv")

    def to_dataframe(self):
        """Return the result as a :class:`pandas.DataFrame` of Python values.

        Requires pandas (``pip install plankg[pandas]``).
        """
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError("to_dataframe needs pandas: pip install 'plankg[pandas]'") from err
        return pd.DataFrame(self.records(), columns=list(self.variables))
