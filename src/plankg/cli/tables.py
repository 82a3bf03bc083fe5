"""Rich tables of query results, with labels in the chosen language."""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import compact
from ..results import QueryResult

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


def _cell(term, labels: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = compact(term.value)
        label = labels.get(term.value)
        return f"{label} ({short})" if label else short
    return term.value


def show_table(result: QueryResult, labels: dict[str, str], title: str | None = None) -> None:
    """Print ``result`` as a table; IRIs shown by label and compact IRI."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.boolean is not None:
        console.print("true" if result.boolean else "false")
        return
    table = Table(title=title, show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result:
        table.add_row(*(_cell(term, labels) for term in row))
    console.print(table)
    console.print(f"{len(result)} row(s)", style="dim")
