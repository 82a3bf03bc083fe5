"""Tables of query results and reports, with labels in the chosen language.

Up to :data:`RICH_ROWS` rows a table is drawn by rich, fitted to the
terminal; beyond, it is written as plain aligned text (:func:`aligned`):
rich measures and folds every cell, which for thousands of rows takes longer
than the query.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from ..sparql.results import QueryResult

__all__ = ["RICH_ROWS", "aligned", "labels_of", "show_table"]

#: Tables longer than this print as plain aligned text.
RICH_ROWS = 200

#: Labels are asked for this many IRIs at a time.
_CHUNK = 500

_LABELS = """
SELECT ?s ?_lang (MIN(STR(?label)) AS ?text) WHERE {{
  VALUES ?s {{ {iris} }}
  ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label
  FILTER(LANGMATCHES(LANG(?label), ?_lang))
}}
GROUP BY ?s ?_lang"""


def labels_of(kg, lang: str, iris: Iterable[str]) -> dict[str, str]:
    """Return a label in ``lang`` of each of ``iris`` that has one (the first, if it has several).

    Only the IRIs a table shows are asked for, a few hundred at a time (and
    never more than the graph's ``max_rows``, one row each): the labels of a
    whole corpus would be hundreds of thousands of rows. Each IRI is written
    into the query as a term (:class:`pyoxigraph.NamedNode`, which accepts no
    character that could end it); the language is bound as a parameter.
    """
    wanted = sorted(set(iris))
    chunk = min(_CHUNK, kg.max_rows) if kg.max_rows else _CHUNK
    labels: dict[str, str] = {}
    for start in range(0, len(wanted), chunk):
        terms = " ".join(str(ox.NamedNode(iri)) for iri in wanted[start:start + chunk])
        for row in kg.sparql(_LABELS.format(iris=terms), lang=lang):
            labels[row["s"].value] = row["text"].value
    return labels


def aligned(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return a table as plain text: its title, then columns aligned by display width.

    Each cell is on one line, without control characters
    (:func:`plankg.cli.terminal.one_line`); Chinese characters count two
    columns, as a terminal shows them.

    Examples
    --------
    >>> print(aligned("示例", ("名称", "No."), [("花桥", "1"), ("x\x1b[2J", "")]))
    示例
    名称  No.
    ----  ---
    花桥  1
    x[2J
    """
    from rich.cells import cell_len

    from .terminal import one_line

    head = [one_line(h) for h in headers]
    body = [[one_line(cell) for cell in row] for row in rows]
    widths = [cell_len(h) for h in head]
    for row in body:
        for i, cell in enumerate(row):
            n = cell_len(cell)
            if n > widths[i]:
                widths[i] = n

    def line(cells) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths)).rstrip()

    out = ([one_line(title)] if title else []) + [line(head), line("-" * w for w in widths)]
    out.extend(line(row) for row in body)
    return "\n".join(out)


def _aligned_table(title: str | None, headers: Sequence[str], table, shown: Sequence[int],
                   cells: dict[int, dict[int, str]]) -> str:
    """:func:`aligned` of a term table's columns ``shown``, ``cells[column][term number]`` the cell of each term.

    The same text as :func:`aligned` of the rows, with each distinct cell
    made one line, measured and padded once, and the rows joined from the
    term numbers.
    """
    from rich.cells import cell_len

    from .terminal import one_line

    head = [one_line(h) for h in headers]
    padded = []
    widths = []
    for k, i in enumerate(shown):
        column = {n: one_line(cell) for n, cell in cells[i].items()}
        lengths = {n: cell_len(cell) for n, cell in column.items()}
        width = max([cell_len(head[k]), *lengths.values()])
        widths.append(width)
        end = "  " if k < len(shown) - 1 else "\n"
        strings = [""] * len(table.terms)
        for n, cell in column.items():
            strings[n] = cell + " " * (width - lengths[n]) + end
        padded.append(strings)

    def line(row) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(row, widths)).rstrip()

    out = ([one_line(title)] if title else []) + [line(head), line("-" * w for w in widths)]
    body = table.joined(padded, columns=shown) if shown else "\n" * len(table)
    out.extend(text.rstrip() for text in body.split("\n")[:-1])
    return "\n".join(out)


def _cell(term, labels: dict[str, str], compact) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = compact(term.value)
        label = labels.get(term.value)
        return f"{label} ({short})" if label else short
    return term.value


def _columns(variables, lang: str) -> list[int]:
    """The columns to show: not the echoed parameters (``_name``), and of
    the paired ``x_zh`` / ``x_en`` columns only the one in ``lang``."""
    other = "_en" if lang == "zh" else "_zh"
    return [i for i, v in enumerate(variables) if not v.startswith("_") and not v.endswith(other)]


def show_table(result: QueryResult, kg, lang: str, title: str | None = None) -> None:
    """Print ``result`` as a table in ``lang``: IRIs by their label and compact IRI, from ``kg``."""
    from .terminal import echo, text

    if result.boolean is not None:
        echo("true" if result.boolean else "false")
        return
    shown = _columns(result.variables, lang)
    # An IRI column whose label the query also returns shows just the IRI.
    labelled = {i for i in shown if f"{result.variables[i]}_label_{lang}" in result.variables}
    looked_up = [i for i in shown if i not in labelled]
    headers = [result.variables[i] for i in shown]
    table = result.table
    if table is not None and len(table) > RICH_ROWS:
        # Each distinct term of a column made into its cell once (see sparql/termtable.py).
        width = len(table.variables)
        present = {i: set(table.cells[i::width]) for i in shown}
        labels = labels_of(kg, lang, (table.terms[n].value for i in looked_up for n in present[i]
                                      if isinstance(table.terms[n], ox.NamedNode)))
        cells = {i: {n: _cell(table.terms[n], {} if i in labelled else labels, kg.compact) for n in present[i]}
                 for i in shown}
        echo(_aligned_table(title, headers, table, shown, cells))
        echo(f"{len(table)} row(s)")
        return
    labels = labels_of(kg, lang, (
        row[i].value for row in result for i in looked_up if isinstance(row[i], ox.NamedNode)))
    cells = [[_cell(row[i], {} if i in labelled else labels, kg.compact) for i in shown] for row in result]
    if len(cells) > RICH_ROWS:
        echo(aligned(title, headers, cells))
        echo(f"{len(result)} row(s)")
        return
    from rich.console import Console
    from rich.table import Table

    # On a terminal the table fits its width; written to a file or a pipe it
    # keeps each value on one line rather than folding it at 80 columns.
    console = Console(highlight=False) if sys.stdout.isatty() else Console(width=100_000, highlight=False)
    table = Table(title=text(title) if title else None, show_lines=False)
    for header in headers:
        table.add_column(text(header), overflow="fold")
    for row in cells:
        # Text, not markup: a label such as "[bold]" is shown as it is, without
        # the control characters that would drive the terminal.
        table.add_row(*(text(cell) for cell in row))
    console.print(table)
    console.print(f"{len(result)} row(s)", style="dim")
