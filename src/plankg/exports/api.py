"""``plankg.export``: write a plan graph, or one view of it, in a tool's format.

Examples
--------
>>> import plankg, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> result = plankg.export(plankg.load(), "gexf", folder / "plan.gexf", view="structure")
>>> result
<ExportResult gexf view=structure nodes=56 edges=90 plan.gexf>
>>> plankg.export(plankg.load(), "csv", folder).files[1].name
'all-edges.csv'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal

from ..errors import ExportError, OutputError
from .csvfiles import write_csv
from .cytoscape import write_cytoscape
from .dot import write_dot
from .formats import ExportFormat
from .gexf import write_gexf
from .graphml import write_graphml
from .html import write_html
from .layout import LAYOUTS, positions
from .mermaid import write_mermaid
from .rdf import plan_triples, write_rdf
from .views import View, view_graph

__all__ = ["export", "ExportResult"]

#: The writer of each graph format: ``write(G, path)`` returns the file(s) written.
_GRAPH_WRITERS = {
    ExportFormat.GRAPHML: write_graphml,
    ExportFormat.GEXF: write_gexf,
    ExportFormat.CYTOSCAPE: write_cytoscape,
    ExportFormat.DOT: write_dot,
    ExportFormat.CSV: write_csv,
    ExportFormat.MERMAID: write_mermaid,
    ExportFormat.HTML: write_html,
}
#: The formats that carry node positions, and so take a layout method.
_LAID_OUT = (ExportFormat.GRAPHML, ExportFormat.GEXF, ExportFormat.CYTOSCAPE, ExportFormat.HTML)


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export` wrote.

    Attributes
    ----------
    path : Path
        The file written (for ``csv``, the nodes file).
    format : ExportFormat
    view : View or None
        The view exported; ``None`` for the RDF formats, which hold every triple.
    nodes : int
        Nodes in the file; for RDF, the distinct subjects and non-literal objects.
    edges : int
        Edges in the file; for RDF, the triples.
    files : tuple of Path
        Every file written (``csv`` writes two).
    """

    path: Path
    format: ExportFormat
    view: View | None
    nodes: int
    edges: int
    files: tuple[Path, ...]

    def __repr__(self) -> str:
        view = f" view={self.view.value}" if self.view else ""
        return f"<ExportResult {self.format.value}{view} nodes={self.nodes} edges={self.edges} {self.path.name}>"


def _target(path: str | Path, fmt: ExportFormat, view: View) -> Path:
    path = Path(path)
    if path.is_dir():
        name = f"{view.value}-nodes.csv" if fmt is ExportFormat.CSV else f"{view.value}{fmt.extension}"
        return path / name
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    return path


def _write(
    fmt: ExportFormat, kg, path: Path, view: View, lang: str, plan: str | None, layout: str | None
) -> tuple[int, int, tuple[Path, ...]]:
    if fmt.is_rdf:
        triples = plan_triples(kg)
        resources = {t.subject for t in triples} | {t.object for t in triples if not isinstance(t.object, Literal)}
        write_rdf(triples, path, fmt, kg.prefixes)
        return len(resources), len(triples), (path,)
    G = view_graph(kg, view, lang, plan=plan)
    if fmt is ExportFormat.HTML:  # hook: each target's progress chart in the details panel
        from ..tracking.hooks import attach_charts

        attach_charts(G, kg, lang)
    if fmt in _LAID_OUT:
        written = _GRAPH_WRITERS[fmt](G, path, positions(G, method=layout or "spring"))
    else:
        written = _GRAPH_WRITERS[fmt](G, path)
    files = tuple(written) if isinstance(written, tuple) else (written,)
    return G.number_of_nodes(), G.number_of_edges(), files


def export(
    kg,
    format: str | ExportFormat,
    path: str | Path,
    *,
    view: str | View = "all",
    lang: str = "zh",
    plan: str | None = None,
    layout: str | None = None,
) -> ExportResult:
    """Write a plan graph, or a view of it, to a file in a visualization tool's format.

    Parameters
    ----------
    kg : PlanGraph
        The plan, from :func:`plankg.load` or :func:`plankg.connect`.
    format : str or ExportFormat
        ``turtle``, ``ntriples``, ``jsonld`` (every triple), or ``graphml``,
        ``gexf``, ``cytoscape``, ``dot``, ``csv``, ``mermaid``, ``html`` (a view).
    path : path-like
        The file to write; if it is a folder, ``<view><extension>`` in it.
        ``csv`` writes two files: ``path`` (nodes) and ``…-edges.csv`` beside
        it (see :mod:`plankg.exports.csvfiles`); in a folder,
        ``<view>-nodes.csv`` and ``<view>-edges.csv``.
    view : {"all", "structure", "places", "dependencies"}, default "all"
        The subgraph, for the graph formats (see :mod:`plankg.exports.views`);
        the RDF formats take only ``all``.
    lang : {"zh", "en"}, default "zh"
        The language of the drawn labels; both languages are in every format.
    plan : str, optional
        The plan to export (its IRI or prefix), for the graph formats. By
        default every plan loaded goes into the one file, each node and edge
        with a ``plan`` attribute (see :mod:`plankg.exports.views`).
    layout : {"spring", "igraph-fr", "igraph-drl", "igraph-lgl", "igraph-kk"}, optional
        How the formats that carry positions (``graphml``, ``gexf``,
        ``cytoscape``, ``html``) lay the nodes out; ``spring`` by default.
        The ``igraph-…`` methods need ``pip install 'plankg[igraph]'`` (see
        :mod:`plankg.exports.layout`).

    Returns
    -------
    ExportResult

    Raises
    ------
    ExportError
        For an unknown format, view, language or layout, a layout for a
        format without positions, python-igraph missing for an ``igraph-…``
        layout, a missing folder, or a file
        that cannot be written. Every file is written atomically: on any
        error, a file that existed before is left as it was, and no temporary
        file stays behind.
    ParameterError
        If ``plan`` names no loaded plan.
    QueryError
        If a view's query fails.
    """
    fmt = ExportFormat.parse(format)
    chosen = View.parse(view)
    if lang not in ("zh", "en"):
        raise ExportError(f"unknown language {lang!r}; use zh or en")
    if (fmt.is_rdf or fmt.is_workbook) and chosen is not View.ALL:
        raise ExportError(f"{fmt.value} holds every triple of the graph; views are for the graph formats")
    if fmt.is_rdf and plan is not None:
        raise ExportError(
            f"{fmt.value} holds every triple of the graph, each plan's under its own IRI space; "
            "--plan is for the graph formats (load only that plan's data to export its triples)"
        )
    if layout is not None and layout not in LAYOUTS:
        raise ExportError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    if layout is not None and fmt not in _LAID_OUT:
        raise ExportError(
            f"{fmt.value} carries no node positions; a layout is for {', '.join(f.value for f in _LAID_OUT)}"
        )
    if fmt.is_workbook:
        return _workbook(kg, fmt, path)
    target = _target(path, fmt, chosen)
    try:
        nodes, edges, files = _write(fmt, kg, target, chosen, lang, plan, layout)
    except OutputError as err:
        raise ExportError(str(err)) from err
    except OSError as err:
        where = err.filename or target
        raise ExportError(f"{where}: cannot write: {err.strerror or err}") from err
    return ExportResult(target, fmt, None if fmt.is_rdf else chosen, nodes, edges, files)


def _workbook(kg, fmt: ExportFormat, path: str | Path) -> ExportResult:
    """Write the plan workbook (``xlsx``, ``csvdir``): see :func:`plankg.authoring.export_workbook`.

    A folder given for ``xlsx`` gets ``all.xlsx``, as the other formats get
    ``all<extension>``; ``csvdir`` writes its CSV files into the folder itself.
    """
    from ..authoring import export_workbook

    if fmt is ExportFormat.XLSX and Path(path).is_dir():
        path = Path(path) / f"{View.ALL.value}{fmt.extension}"
    try:
        result = export_workbook(kg, path, fmt.value)
    except OutputError as err:
        raise ExportError(str(err)) from err
    except OSError as err:
        raise ExportError(f"{err.filename or path}: cannot write: {err.strerror or err}") from err
    return ExportResult(result.path, fmt, None, result.rows, result.triples, result.files)
