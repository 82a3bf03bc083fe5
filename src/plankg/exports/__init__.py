"""Exports of a plan graph to visualization tools, and an offline graph page.

:func:`export` writes one file (``csv``: two) in one call::

    >>> import plankg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.html"
    >>> plankg.export(plankg.load(), "html", out, view="places").nodes
    44

Formats (:class:`ExportFormat`): ``turtle``, ``ntriples``, ``jsonld`` hold
every triple; ``graphml``, ``gexf``, ``cytoscape``, ``dot``, ``csv``,
``mermaid`` and ``html`` hold one view (:class:`View`) as nodes and edges,
built from the named queries ``export-<view>-nodes`` and
``export-<view>-edges`` by :func:`view_graph`. Each format module has the
verb pair of :mod:`networkx.readwrite`: one function returns the data
(:func:`cytoscape_data`, :func:`dot_text` …), ``write_<format>`` writes it to
a file atomically.

``plankg.export`` names both this package and the function :func:`export`:
once a submodule such as ``plankg.exports.views`` is imported, Python binds
the package to ``plankg.export``, so the package itself is callable and
calls :func:`export`.
"""

import sys
import types

from .api import ExportResult, export
from .csvfiles import csv_texts, write_csv
from .cytoscape import cytoscape_data, write_cytoscape
from .dot import dot_text, write_dot
from .formats import ExportFormat
from .gexf import gexf_graph, write_gexf
from .graphml import graphml_text, write_graphml
from .html import html_text, write_html
from .layout import positions
from .mermaid import mermaid_text, write_mermaid
from .rdf import jsonld_data, plan_triples, rdf_bytes, write_rdf
from .views import View, view_graph

__all__ = [
    "export",
    "ExportResult",
    "ExportFormat",
    "View",
    "view_graph",
    "positions",
    "plan_triples",
    "rdf_bytes",
    "jsonld_data",
    "write_rdf",
    "graphml_text",
    "write_graphml",
    "gexf_graph",
    "write_gexf",
    "cytoscape_data",
    "write_cytoscape",
    "dot_text",
    "write_dot",
    "csv_texts",
    "write_csv",
    "mermaid_text",
    "write_mermaid",
    "html_text",
    "write_html",
]

