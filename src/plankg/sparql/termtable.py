"""An answer as a table of term numbers, and its output written a distinct term at a time.

An answer of a corpus query repeats its terms down the rows: ``targets`` over
1,000 plans has 32,051 rows of 20 variables (641,020 cells) but 52,594
distinct terms, ``analysis-names`` 275,589 rows of five variables but
157,724. A
:class:`TermTable` holds each distinct term once (:attr:`TermTable.terms`,
number 0 standing for an unbound variable) and the rows as unsigned 32-bit
numbers into it (:attr:`TermTable.cells`, row after row). This is also the
layout of an answer kept in a store (:mod:`plankg.engines.answers`).

Each output format converts every distinct term once to its cell, then joins
the rows from the numbers (:meth:`TermTable.joined`) without making a Python
object per row: CSV (:meth:`TermTable.to_csv`), TSV (:meth:`TermTable.to_tsv`,
each term written by Oxigraph's own TSV writer) and the W3C SPARQL results
JSON (:meth:`TermTable.to_json`) come out byte for byte as the row-by-row
writers make them. The rows as :class:`~plankg.sparql.results.Row` objects are
made only when a caller reads them (:meth:`TermTable.rows`).

Examples
--------
>>> import pyoxigraph as ox
>>> zh = ox.Literal("花桥", language="zh")
>>> table = TermTable.from_rows(("s", "label"), [(ox.NamedNode("urn:a"), zh), (ox.NamedNode("urn:b"), None)])
>>> len(table), len(table.terms)
(2, 4)
>>> table.to_csv()
's,label\\r\\nurn:a,花桥\\r\\nurn:b,\\r\\n'
>>> print(table.to_tsv(), end="")
?s	?label
<urn:a>	"花桥"@zh
<urn:b>	
>>> table.to_json()
'{"head": {"vars": ["s", "label"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:a"}, \
"label": {"type": "literal", "value": "花桥", "xml:lang": "zh"}}, {"s": {"type": "uri", "value": "urn:b"}}]}}'
"""

from __future__ import annotations

import csv
import io
import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, repeat
from json.encoder import encode_basestring

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["TermTable", "TermTableBuilder", "term_json"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(term) -> dict:
    """Return a term as a binding of the W3C SPARQL 1.1 Query Results JSON format.

    Raises
    ------
    QueryError
        If the term is of no kind the format holds.

    Examples
    --------
    >>> term_json(ox.Literal("6", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '6', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: term_json(getattr(term, p)) for p in parts}}
    raise QueryError(f"the answer holds a term plankg cannot carry: {term!r}")


class TermTable:
    """A ``SELECT`` answer: its distinct terms once, and its rows as numbers into them.

    Parameters
    ----------
    variables : sequence of str
        The projected variables, without ``?``.
    terms : list
        The distinct terms; ``terms[0]`` is None and stands for an unbound variable.
    cells : array.array of typecode ``"I"``
        One number into ``terms`` per variable, row after row.
    count : int, optional
        The number of rows; needed only when there are no variables (the
        cells then say nothing of the rows).

    Raises
    ------
    ValueError
        If the cells do not fill whole rows, or point past the terms.
    """

    __slots__ = ("variables", "terms", "cells", "count")

    def __init__(self, variables: Sequence[str], terms: list, cells: array, count: int | None = None):
        self.variables: tuple[str, ...] = tuple(variables)
        self.terms = terms
        self.cells = cells
        width = len(self.variables)
        if not terms or terms[0] is not None:
            raise ValueError("term 0 must stand for an unbound variable")
        if width == 0:
            self.count = count or 0
            if len(cells):
                raise ValueError("cells without variables")
        else:
            self.count, rest = divmod(len(cells), width)
            if rest or (count is not None and count != self.count):
                raise ValueError("the cells do not fill the variables")
        if len(cells) and max(cells) >= len(terms):
            raise ValueError("a cell points past the terms")

    @classmethod
    def from_rows(cls, variables: Sequence[str], rows: Iterable[Sequence]) -> "TermTable":
        """Number the terms of ``rows`` (sequences of terms, None when unbound), each distinct one once."""
        table = TermTableBuilder(variables)
        for row in rows:
            table.add(row)
        return table.done()

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"<TermTable variables={list(self.variables)} rows={self.count} terms={len(self.terms) - 1}>"

    def columns(self, tables: Sequence[Sequence]) -> Iterable[tuple]:
        """Yield each row as a tuple of ``tables[j][number]``, the number of its term in column ``j``.

        ``tables`` has one sequence per variable, indexed by term number
        (``self.terms`` for every column gives the rows' terms).
        """
        width = len(self.variables)
        return zip(*(map(tables[j].__getitem__, self.cells[j::width]) for j in range(width)))

    def joined(
        self,
        tables: Sequence[Sequence[str]],
        *extra: str,
        start: int = 0,
        stop: int | None = None,
        columns: Sequence[int] | None = None,
    ) -> str:
        """Return rows ``start`` to ``stop`` written one after the other: ``tables[k][number]`` of each column.

        ``tables[k]`` is indexed by term number and belongs to the ``k``-th
        of ``columns`` (the variables' positions; all of them by default).
        Each table already ends its cells with what follows them (a
        separator, a line end); the ``extra`` strings are written after the
        cells of each row. Nothing is made per row: the strings are looked up
        and joined in C.
        """
        slices = self._slices(tables, start, self.count if stop is None else stop, columns)
        return "".join(chain.from_iterable(zip(*slices, *(repeat(e) for e in extra))))

    def _pieces(self, tables: Sequence[Sequence[str]], *extra: str) -> Iterator[str]:
        for start, stop in self._spans():
            yield self.joined(tables, *extra, start=start, stop=stop)

    def rows(self) -> list:
        """Return the rows as :class:`~plankg.sparql.results.Row` objects."""
        from .results import Row

        variables = self.variables
        if not variables:
            return [Row((), ()) for _ in range(self.count)]
        terms = self.terms
        return [Row(variables, row) for row in self.columns([terms] * len(variables))]

    def pieces(self, fmt: str, clean: Callable[[str], str] | None = None) -> Iterator[str]:
        """Yield the answer in ``fmt`` as consecutive pieces of text, a few thousand rows each.

        Parameters
        ----------
        fmt : {"csv", "tsv", "json"}
            The W3C SPARQL 1.1 results format (:meth:`to_csv`, :meth:`to_tsv`, :meth:`to_json`).
        clean : callable, optional
            Applied to the header and to each distinct term's cell, as written
            (quoted, escaped), before the rows are joined: a filter of single
            characters (the command line's control characters,
            :mod:`plankg.cli.terminal`) gives the text it would give applied
            to the whole output, without reading that text again.
        """
        clean = _each(clean) if clean is not None else _same
        if fmt == "csv":
            return self._csv(clean)
        if fmt == "tsv":
            return self._tsv(clean)
        if fmt == "json":
            return self._json(clean)
        raise ValueError(f"unknown results format {fmt!r}; use csv, tsv or json")

    def to_csv(self) -> str:
        """Return the W3C SPARQL CSV text (formula cells protected, see :func:`~plankg.sparql.results.csv_cell`)."""
        return "".join(self._csv(_same))

    def to_tsv(self) -> str:
        """Return the W3C SPARQL TSV text, each term as Oxigraph's TSV writer writes it."""
        return "".join(self._tsv(_same))

    def to_json(self) -> str:
        """Return the W3C SPARQL 1.1 Query Results JSON text, as ``json.dumps(..., ensure_ascii=False)`` writes it."""
        return "".join(self._json(_same))

    def _csv(self, clean) -> Iterator[str]:
        from .results import csv_cell

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(self.variables)
        head = clean([buffer.getvalue()])[0]
        width = len(self.variables)
        if not width or not self.count:
            yield head * (self.count + 1) if not width else head
            return
        yield head
        # As Python's csv writer quotes (QUOTE_MINIMAL): a cell with a comma, a quote or a line end,
        # and an empty cell alone on its row.
        cells = [_csv_quoted(csv_cell(term)) for term in self.terms]
        if width == 1:
            cells = [cell or '""' for cell in cells]
        cells = clean(cells)
        if width == 1:
            yield from self._pieces([[cell + "\r\n" for cell in cells]])
            return
        inner = [cell + "," for cell in cells]
        last = [cell + "\r\n" for cell in cells]
        yield from self._pieces([inner] * (width - 1) + [last])

    def _tsv(self, clean) -> Iterator[str]:
        width = len(self.variables)
        if not width:
            yield "\n" * (self.count + 1)
            return
        yield clean(["\t".join(f"?{v}" for v in self.variables) + "\n"])[0]
        if not self.count:
            return
        # Oxigraph writes the distinct terms, one a line; a TSV cell holds no tab or line end.
        bindings = [{"t": term_json(term)} if term is not None else {} for term in self.terms]
        document = json.dumps({"head": {"vars": ["t"]}, "results": {"bindings": bindings}}, ensure_ascii=False)
        parsed = ox.parse_query_results(document.encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        lines = parsed.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")[1:-1]
        if len(lines) != len(self.terms):
            raise QueryError("a term's TSV cell runs over several lines")
        lines = clean(lines)
        inner = [cell + "\t" for cell in lines]
        last = [cell + "\n" for cell in lines]
        yield from self._pieces([inner] * (width - 1) + [last])

    def _json(self, clean) -> Iterator[str]:
        variables = json.dumps(list(self.variables), ensure_ascii=False)
        yield clean([f'{{"head": {{"vars": {variables}}}, "results": {{"bindings": ['])[0]
        width = len(self.variables)
        if not width or not self.count:
            yield ", ".join(["{}"] * self.count) + "]}}"
            return
        as_json = [None] + clean([_json_text(term) for term in self.terms[1:]])
        keys = [cell + ": " for cell in clean([json.dumps(v, ensure_ascii=False) for v in self.variables])]
        # Every row but the first starts with ", ", taken off the first piece.
        if 0 not in self.cells[0::width]:
            # The first variable always bound: it opens the row, each later binding brings its ", ".
            tables = [[", {" + keys[0] + cell if cell is not None else "" for cell in as_json]]
            tables += [[", " + keys[j] + cell if cell is not None else "" for cell in as_json] for j in range(1, width)]
            pieces = self._pieces(tables, "}")
        else:
            tables = [[keys[j] + cell if cell is not None else "" for cell in as_json] for j in range(width)]
            pieces = (", {" + "}, {".join([", ".join(filter(None, row)) for row in zip(*self._slices(tables, start, stop))]) + "}"
                      for start, stop in self._spans())
        yield next(pieces)[2:]
        yield from pieces
        yield "]}}"

    def _spans(self) -> Iterator[tuple[int, int]]:
        for start in range(0, self.count, _PIECE_ROWS):
            yield start, min(start + _PIECE_ROWS, self.count)

    def _slices(self, tables, start: int, stop: int, columns: Sequence[int] | None = None) -> list:
        width = len(self.variables)
        columns = range(width) if columns is None else columns
        return [map(tables[k].__getitem__, self.cells[start * width + j:stop * width:width])
                for k, j in enumerate(columns)]


#: Rows written per piece of text (:meth:`TermTable.pieces`).
_PIECE_ROWS = 10_000

_CSV_QUOTED = re.compile('[,"\r\n]')


def _same(texts: list[str]) -> list[str]:
    return texts


def _each(clean: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    """``clean`` applied to each of a list of texts, skipped when it changes none of them.

    The texts are tried joined by spaces first (one pass over the distinct
    cells): a filter of single characters, or of a CR not followed by LF,
    that leaves the joined text as it was leaves every text as it was.
    """

    def each(texts: list[str]) -> list[str]:
        joined = " ".join(texts)
        if clean(joined) == joined:
            return texts
        return [clean(text) for text in texts]

    return each



def _csv_quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _CSV_QUOTED.search(cell) else cell


_STRING_JSON = encode_basestring  # the C string encoder json.dumps(..., ensure_ascii=False) uses


def _json_text(term) -> str:
    """``json.dumps(term_json(term), ensure_ascii=False)``, written directly for the common kinds."""
    kind = type(term)
    if kind is ox.NamedNode:
        return '{"type": "uri", "value": ' + _STRING_JSON(term.value) + "}"
    if kind is ox.Literal:
        text = '{"type": "literal", "value": ' + _STRING_JSON(term.value)
        if term.language:
            return text + ', "xml:lang": ' + _STRING_JSON(term.language) + "}"
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return text + "}"
        return text + ', "datatype": ' + _STRING_JSON(datatype) + "}"
    return json.dumps(term_json(term), ensure_ascii=False)


class TermTableBuilder:
    """Numbers the terms of rows given one at a time (see :meth:`TermTable.from_rows`)."""

    __slots__ = ("variables", "number", "terms", "cells", "count")

    def __init__(self, variables: Sequence[str]):
        self.variables = tuple(variables)
        self.number: dict = {None: 0}
        self.terms: list = [None]
        self.cells = array("I")
        self.count = 0

    def add(self, row: Sequence) -> None:
        if len(row) != len(self.variables):
            raise QueryError(f"a row of {len(row)} terms for {len(self.variables)} variables")
        number, terms, cells = self.number, self.terms, self.cells
        for term in row:
            n = number.get(term)
            if n is None:
                n = number[term] = len(terms)
                terms.append(term)
            cells.append(n)
        self.count += 1

    def done(self) -> TermTable:
        return TermTable(self.variables, self.terms, self.cells, self.count)
