"""The export formats, each knowing its file extension.

Examples
--------
>>> ExportFormat("gexf").extension
'.gexf'
>>> ExportFormat.parse("GraphML")
<ExportFormat.GRAPHML: 'graphml'>
>>> ExportFormat.TURTLE.is_rdf, ExportFormat.HTML.is_rdf
(True, False)
>>> ExportFormat.from_path("out/plan.dot")
<ExportFormat.DOT: 'dot'>
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from ..errors import ExportError
from .text import parse_choice

__all__ = ["ExportFormat"]

# value: (extension, media type, the tools that open it)
_FACTS = {
    "turtle": (".ttl", "text/turtle", "any RDF tool"),
    "ntriples": (".nt", "application/n-triples", "any RDF tool"),
    "jsonld": (".jsonld", "application/ld+json", "any JSON-LD processor"),
    "graphml": (".graphml", "application/graphml+xml", "yEd, Cytoscape, Gephi, igraph"),
    "gexf": (".gexf", "application/gexf+xml", "Gephi"),
    "cytoscape": (".cyjs", "application/json", "Cytoscape desktop, Cytoscape.js"),
    "dot": (".dot", "text/vnd.graphviz", "Graphviz"),
    "csv": (".csv", "text/csv", "Excel, WPS, any spreadsheet"),
    "mermaid": (".mmd", "text/vnd.mermaid", "Mermaid (GitHub, GitLab, mermaid.live)"),
    "html": (".html", "text/html", "any web browser, offline"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel, WPS, LibreOffice"),
    "csvdir": ("", "text/csv", "Excel, WPS, git diff (a folder of CSV files)"),
}


class ExportFormat(str, Enum):
    """A file format :func:`plankg.export` writes.

    The RDF formats (``turtle``, ``ntriples``, ``jsonld``) hold every triple
    of the graph; the others hold one view of it as nodes and edges.
    """

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    DOT = "dot"
    CSV = "csv"
    MERMAID = "mermaid"
    HTML = "html"
    XLSX = "xlsx"
    CSVDIR = "csvdir"

    @property
    def extension(self) -> str:
        """The file extension, with its dot (``.ttl``, ``.gexf`` …)."""
        return _FACTS[self.value][0]

    @property
    def media_type(self) -> str:
        """The format's media (MIME) type."""
        return _FACTS[self.value][1]

    @property
    def tools(self) -> str:
        """The programs that open the format."""
        return _FACTS[self.value][2]

    @property
    def is_rdf(self) -> bool:
        """Whether the format holds RDF triples rather than a view's nodes and edges."""
        return self in (ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.JSONLD)

    @property
    def is_workbook(self) -> bool:
        """Whether the format is the plan workbook (every statement, see :mod:`plankg.authoring`)."""
        return self in (ExportFormat.XLSX, ExportFormat.CSVDIR)

    @classmethod
    def parse(cls, value: str | ExportFormat) -> ExportFormat:
        """Return the format named ``value`` (any case).

        Raises
        ------
        ExportError
            If no format has that name.
        """
        return parse_choice(cls, value, "export format")

    @classmethod
    def from_path(cls, path: str | Path) -> ExportFormat:
        """Return the format whose extension ``path`` has.

        Raises
        ------
        ExportError
            If no format has that extension.
        """
        suffix = Path(path).suffix.lower()
        for fmt in cls:
            if (fmt.extension and fmt.extension == suffix) or (fmt is cls.DOT and suffix == ".gv"):
                return fmt
        raise ExportError(f"{path}: no export format has the extension {suffix or '(none)'!r}")
