"""Rich tables of query results, with labels in the chosen language."""

from __future__ import annotations

import sys

import pyoxigraph as ox

from ..namespaces import compact
from ..sparql.results import QueryResult

__all__ = ["labels_of", "show_table"]

_LABELS = """
SELECT ?s ?label ?_lang WHERE {
  ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label
  FILTER(LANGMATCHES(LANG(?label), ?_lang))
}"""


def labels_of(kg, lang: str) -> dict[str, str]:
    """Return every entity's label in ``lang``, by IRI."""
    rows = kg.sparql(_LABELS, lang=lang)
    return {row["s"].value: row["label"].value for row in rows if isinstance(row["s"], ox.NamedNode)}


def _cell(term, labels: dict[str, str], prefixes) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = compact(term.value, prefixes)
        label = labels.get(term.value)
        return f"{label} ({short})" if label else short
    return term.value


def _columns(variables, lang: str) -> list[int]:
    """The columns to show: not the echoed parameters (``_name``), and of
    the paired ``x_zh`` / ``x_en`` columns only the one in ``lang``."""
    other = "_en" if lang == "zh" else "_zh"
    return [i for i, v in enumerate(variables) if not v.startswith("_") and not v.endswith(other)]


def show_table(
    result: QueryResult, labels: dict[str, str], lang: str, title: str | None = None, prefixes=None
) -> None:
    """Print ``result`` as a table in ``lang``; IRIs shown by label and compact IRI (with ``prefixes``)."""
    from rich.console import Console
    from rich.table import Table

    from .terminal import text

    # On a terminal the table fits its width; written to a file or a pipe it
    # keeps each value on one line rather than folding it at 80 columns.
    console = Console(highlight=False) if sys.stdout.isatty() else Console(width=100_000, highlight=False)
    if result.boolean is not None:
        console.print("true" if result.boolean else "false")
        return
    table = Table(title=text(title) if title else None, show_lines=False)
    shown = _columns(result.variables, lang)
    for index in shown:
        table.add_column(text(result.variables[index]), overflow="fold")
    # An IRI column whose label the query also returns shows just the IRI.
    labelled = {i for i in shown if f"{result.variables[i]}_label_{lang}" in result.variables}
    for row in result:
        # Text, not markup: a label such as "[bold]" is shown as it is, without
        # the control characters that would drive the terminal.
        table.add_row(*(text(_cell(row[i], {} if i in labelled else labels, prefixes)) for i in shown))
    console.print(table)
    console.print(f"{len(result)} row(s)", style="dim")
