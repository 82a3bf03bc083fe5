"""Two CSV files, nodes and edges, that Excel, WPS and Gephi open as they are.

The files are UTF-8 *with* a byte-order mark, comma-separated, CRLF line
ends: without the BOM, Excel and WPS read UTF-8 as the local code page and
show Chinese as mojibake. The first columns are the names Gephi's spreadsheet
import recognises: ``Id`` and ``Label`` for nodes; ``Source``, ``Target``,
``Type`` (``Directed``) and ``Label`` for edges; the view's other attributes
follow (``Id`` is the node's IRI).

Where the files go (:func:`csv_paths`): ``path`` is the nodes file, and the
edges file sits beside it, named like it with ``-nodes`` replaced by
``-edges`` (or ``-edges`` added): ``plan-nodes.csv`` and
``plan-edges.csv``; ``plan.csv`` and ``plan-edges.csv``.
(:func:`plankg.export` given a folder writes ``<view>-nodes.csv`` and
``<view>-edges.csv`` in it.)

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, so such a text cell is written with a leading ``'`` (OWASP's advice
against CSV injection); a plan's labels do not start that way.

Examples
--------
>>> from pathlib import Path
>>> [p.name for p in csv_paths(Path("out/plan-nodes.csv"))]
['plan-nodes.csv', 'plan-edges.csv']
>>> [p.name for p in csv_paths(Path("out/plan.csv"))]
['plan.csv', 'plan-edges.csv']
>>> cell("=1+1"), cell("花桥"), cell(3)
("'=1+1", '花桥', 3)
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from ..atomic import write_bytes, write_with
from .views import EDGE_FIELDS, NODE_FIELDS

__all__ = ["csv_paths", "csv_texts", "write_csv", "cell"]

_FORMULA = ("=", "+", "-", "@")
#: The UTF-8 byte-order mark that tells Excel and WPS the file is UTF-8.
BOM = b"\xef\xbb\xbf"


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """Return the nodes file and the edges file that ``path`` names."""
    path = Path(path)
    stem, suffix = path.stem, path.suffix or ".csv"
    edges = stem[: -len("-nodes")] + "-edges" if stem.endswith("-nodes") else stem + "-edges"
    return path, path.with_name(edges + suffix)


def cell(value):
    """Return a value as a CSV cell: text that a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _table(header: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else cell(value) for value in row])
    return buffer.getvalue()


def csv_texts(G: nx.MultiDiGraph) -> tuple[str, str]:
    """Return the nodes table and the edges table of a view graph as CSV text (without BOM)."""
    node_fields = [f for f in NODE_FIELDS if f not in ("label", "iri")]
    nodes = _table(
        ["Id", "Label"] + node_fields,
        ([node, attrs.get("label")] + [attrs.get(f) for f in node_fields] for node, attrs in G.nodes(data=True)),
    )
    edge_fields = [f for f in EDGE_FIELDS if f != "label"]
    edges = _table(
        ["Source", "Target", "Type", "Label"] + edge_fields,
        (
            [source, target, "Directed", attrs.get("label")] + [attrs.get(f) for f in edge_fields]
            for source, target, attrs in G.edges(data=True)
        ),
    )
    return nodes, edges


def write_csv(G: nx.MultiDiGraph, path: str | Path) -> tuple[Path, Path]:
    """Write a view graph's nodes and edges CSV files (UTF-8 with BOM), atomically.

    Both tables are made first. The new nodes file is written to a temporary
    file and synced to disk; then the edges file is written atomically; the
    nodes file replaces the old one last. A failure before the edges file is
    in place leaves both old files as they were; only a failure of that last
    rename would leave the new edges beside the old nodes.

    Returns
    -------
    tuple of Path
        The nodes file and the edges file.
    """
    nodes_path, edges_path = csv_paths(path)
    nodes, edges = csv_texts(G)

    def both(handle) -> None:
        handle.write(BOM + nodes.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
        write_bytes(edges_path, BOM + edges.encode("utf-8"))

    write_with(nodes_path, both)
    return nodes_path, edges_path
