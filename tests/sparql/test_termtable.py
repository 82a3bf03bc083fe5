"""Answers as term tables (plankg.sparql.termtable): the output written a distinct term at a time.

Each format must come out byte for byte as the row-by-row writers made it
before (the references below are those writers: Python's csv writer over
:func:`csv_cell`, ``json.dumps`` of the bindings, Oxigraph's TSV writer over
that JSON), on terms chosen to trip a hand-written writer.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from array import array

import pyoxigraph as ox
import pytest

from plankg.engines.bounded import collect
from plankg.errors import QueryError, UnexpectedAnswer
from plankg.sparql.results import QueryResult, Row, csv_cell
from plankg.sparql.termtable import TermTable, term_json

XSD = "http://www.w3.org/2001/XMLSchema#"

TRICKY = [
    ox.NamedNode("https://example.org/地方/花桥"),
    ox.NamedNode("urn:x,y"),
    ox.BlankNode("b0"),
    ox.Literal("昆山之路"),
    ox.Literal(""),
    ox.Literal(" leading and trailing "),
    ox.Literal('say "hi", then go'),
    ox.Literal("two\nlines\r\nand a lone\rCR"),
    ox.Literal("tab\there, backslash \\ and \x1b[2J"),
    ox.Literal("=1+1"),
    ox.Literal("+86 512"),
    ox.Literal("@SUM(A1)"),
    ox.Literal("-5", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-x", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("2035", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("Kunshan", language="en"),
    ox.Literal("كونشان", language="ar", direction=ox.BaseDirection.RTL),
    ox.Literal("emoji 🚄 and \u2028 separator"),
    ox.Literal("中文, with a comma"),
    ox.Literal("\x01"),
    ox.Literal("C1 \x85 and DEL \x7f"),
]


def reference_csv(variables, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([csv_cell(term) for term in row] for row in rows)
    return buffer.getvalue()


def reference_json(variables, rows) -> str:
    bindings = [{v: term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def reference_tsv(variables, rows) -> str:
    parsed = ox.parse_query_results(reference_json(variables, rows).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")


def shifted(width: int, count: int, *, unbound_every: int = 0, first_bound: bool = False) -> list[tuple]:
    """Rows of ``width`` cells cycling through TRICKY, some unbound."""
    pool = TRICKY + [None]
    rows = []
    for r in range(count):
        row = []
        for c in range(width):
            term = pool[(r * 7 + c * 3) % len(pool)]
            if unbound_every and (r + c) % unbound_every == 0:
                term = None
            if first_bound and c == 0 and term is None:
                term = TRICKY[r % len(TRICKY)]
            row.append(term)
        rows.append(tuple(row))
    return rows


CASES = {
    "one column, some unbound": (("x",), shifted(1, 60)),
    "one column, all unbound": (("x",), [(None,)] * 3),
    "no rows": (("a", "b"), []),
    "no variables, two rows": ((), [(), ()]),
    "first column always bound": (("s", "p", "o"), shifted(3, 200, unbound_every=4, first_bound=True)),
    "first column sometimes unbound": (("s", "p", "o", "中文"), shifted(4, 200, unbound_every=3)),
    "every row empty": (("a", "b"), [(None, None)] * 4),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_format_is_byte_identical_to_the_row_by_row_writers(case):
    variables, rows = CASES[case]
    table = TermTable.from_rows(variables, rows)
    assert len(table) == len(rows)
    assert table.to_csv() == reference_csv(variables, rows)
    assert table.to_json() == reference_json(variables, rows)
    assert table.to_tsv() == reference_tsv(variables, rows)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_collected_answer_reads_and_writes_as_rows_did(case):
    variables, rows = CASES[case]
    result = collect(variables, iter(rows), threading.Event(), None)
    assert result.table is not None and len(result) == len(rows)
    assert bool(result) == bool(rows)
    for fmt, reference in (("csv", reference_csv), ("json", reference_json), ("tsv", reference_tsv)):
        assert result.serialize(fmt) == reference(variables, rows), fmt
    expected_xml = ox.parse_query_results(reference_json(variables, rows).encode(), format=ox.QueryResultsFormat.JSON)
    assert result.serialize("xml") == expected_xml.serialize(format=ox.QueryResultsFormat.XML).decode()
    # The Row objects are made when read, and are the rows given.
    assert [tuple(row) for row in result] == rows
    assert list(result) == [Row(tuple(variables), row) for row in rows]


def test_rows_are_made_only_when_read_and_then_behave_as_before():
    rows = shifted(3, 50, unbound_every=5, first_bound=True)
    result = collect(("s", "p", "o"), iter(rows), threading.Event(), None)
    assert result._row_list is None  # the output formats need no Row objects
    assert result.serialize("csv") and result._row_list is None
    assert repr(result) == "<QueryResult variables=['s', 'p', 'o'] rows=50>"
    assert result[3]["s"] == rows[3][0]
    assert result[-1].as_dict() == {v: t for v, t in zip("spo", rows[-1]) if t is not None}
    assert result.column("s")[0] == rows[0][0].value
    with pytest.raises(UnexpectedAnswer):
        result[50]
    with pytest.raises(UnexpectedAnswer):
        result[0]["nope"]


def test_collect_still_refuses_more_than_max_rows():
    with pytest.raises(QueryError, match="more than 2 rows"):
        collect(("x",), iter([(TRICKY[0],)] * 3), threading.Event(), 2)


def test_a_row_of_the_wrong_width_is_an_error():
    with pytest.raises(QueryError, match="2 terms for 1 variables"):
        TermTable.from_rows(("x",), [(TRICKY[0], TRICKY[1])])


def test_cells_that_do_not_fit_are_refused():
    with pytest.raises(ValueError):
        TermTable(("a", "b"), [None, TRICKY[0]], array("I", [1, 1, 1]))
    with pytest.raises(ValueError):
        TermTable(("a",), [None, TRICKY[0]], array("I", [2]))
    with pytest.raises(ValueError):
        TermTable(("a",), [TRICKY[0]], array("I", [0]))


def test_a_kept_answer_from_a_query_result_table_round_trips(tmp_path):
    from plankg.engines.answers import AnswerCache

    cache = AnswerCache(tmp_path, "g", min_seconds=0)
    variables, rows = CASES["first column sometimes unbound"]
    fresh = collect(variables, iter(rows), threading.Event(), None)
    key = cache.key("SELECT * WHERE { ?s ?p ?o }", {}, None)
    assert cache.put(key, fresh.variables, fresh.table, seconds=1.0)
    kept = cache.get(key, max_rows=None)
    assert kept.table is not None
    for fmt in ("csv", "tsv", "json", "xml"):
        assert kept.serialize(fmt) == fresh.serialize(fmt)
    assert [tuple(row) for row in kept] == rows
    with pytest.raises(QueryError, match="more than 10 rows"):
        cache.get(key, max_rows=10)


def test_a_result_read_from_json_is_unchanged():
    variables, rows = CASES["first column sometimes unbound"]
    result = QueryResult.from_json(reference_json(variables, rows))
    assert result.table is None
    assert result.to_csv() == reference_csv(variables, rows)


@pytest.mark.parametrize("case", sorted(CASES))
def test_pieces_cleaned_per_term_equal_the_whole_text_cleaned(case, monkeypatch):
    from plankg.cli.terminal import clean_csv, escape_controls
    from plankg.sparql import termtable

    monkeypatch.setattr(termtable, "_PIECE_ROWS", 7)  # many pieces
    variables, rows = CASES[case]
    table = TermTable.from_rows(variables, rows)
    assert "".join(table.pieces("csv", clean_csv)) == clean_csv(reference_csv(variables, rows))
    assert "".join(table.pieces("tsv", escape_controls)) == escape_controls(reference_tsv(variables, rows))
    assert "".join(table.pieces("json", escape_controls)) == escape_controls(reference_json(variables, rows))
    assert "".join(table.pieces("json")) == reference_json(variables, rows)


def test_the_command_line_writes_a_term_table_as_it_wrote_the_whole_text(capsys):
    from plankg.cli.terminal import write, write_csv, write_result

    variables, rows = CASES["first column sometimes unbound"]
    for fmt, whole in (("csv", write_csv), ("tsv", write), ("json", write)):
        result = collect(variables, iter(rows), threading.Event(), None)
        write_result(result, fmt)
        ours = capsys.readouterr().out
        whole(QueryResult.from_json(reference_json(variables, rows)).serialize(fmt))
        assert ours == capsys.readouterr().out, fmt
