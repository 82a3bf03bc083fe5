"""``plankg export``."""

from __future__ import annotations

import click

from . import main
from .options import graph_options, lang_option, open_graph

_FORMATS = ["turtle", "ntriples", "jsonld", "graphml", "gexf", "cytoscape", "dot", "csv", "mermaid", "html",
            "xlsx", "csvdir"]
_VIEWS = ["all", "structure", "places", "dependencies"]
_XML = ("graphml", "gexf")
_LAYOUTS = ["spring", "igraph-fr", "igraph-drl", "igraph-lgl", "igraph-kk"]


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), required=True, help="The file format.")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=str),
    help="The file to write (atomically), or a folder to write <view>.<ext> in; '-' is standard output. "
    "csv writes PATH (nodes) and PATH's name with -edges (edges).",
)
@click.option("--view", type=click.Choice(_VIEWS), default="all", show_default=True,
              help="The subgraph, for the graph formats; RDF formats hold every triple.")
@lang_option
@click.option("--plan", metavar="PLAN", default=None,
              help="The one plan to export (prefix or IRI), for the graph formats; by default every plan "
              "loaded, each node and edge with a plan attribute.")
@click.option("--layout", type=click.Choice(_LAYOUTS), default=None,
              help="How graphml, gexf, cytoscape and html lay the nodes out [default: spring]; "
              "igraph-fr (Fruchterman-Reingold), igraph-drl (DrL, for very large graphs; slow), "
              "igraph-lgl (Large Graph Layout) and igraph-kk (Kamada-Kawai, small graphs) need "
              "pip install 'plankg[igraph]'.")
@graph_options
def export_command(fmt, output, view, lang, plan, layout, **graph):
    """Export the plan to Gephi, Cytoscape, yEd, Graphviz, Mermaid, a spreadsheet or an offline web page.

    Formats: turtle, ntriples, jsonld (every triple); graphml (yEd, Cytoscape,
    Gephi), gexf (Gephi), cytoscape (.cyjs), dot (Graphviz), csv (nodes and
    edges, UTF-8 with BOM), mermaid, html (one file, works offline); xlsx
    and csvdir (the plan workbook of one plan, every statement: edit it and
    plankg import it back).

    Example: plankg export --format gexf --view places -o places.gexf

    Example: plankg export --format html --layout igraph-fr -o plan.html
    """
    from ..exports import export

    if output == "-":
        _to_stdout(open_graph(**graph), fmt, view, lang, plan, layout)
        return
    from ..steps import stepping

    kg = open_graph(**graph)
    with stepping(kg.progress, "export"):
        result = export(kg, fmt, output, view=view, lang=lang, plan=plan, layout=layout)
    from .terminal import echo

    if result.format.value in ("xlsx", "csvdir"):
        what = f"{result.nodes} rows, {result.edges} triples"
    else:
        what = f"{result.nodes} nodes, {result.edges} edges" if result.view else f"{result.edges} triples"
    for path in (result.path,) if result.format.value == "csvdir" else result.files:
        echo(f"{path}  ({result.format.value}, {what})")


def _to_stdout(kg, fmt: str, view: str, lang: str, plan: str | None, layout: str | None) -> None:
    """Export into a private temporary folder, then copy the file to standard output.

    The RDF formats keep every character of the data: printed, their control
    characters become ``\\uXXXX`` escapes, which mean the same in Turtle,
    N-Triples and JSON-LD. The graph formats have none left but CR, which
    GraphML and GEXF print as the character reference ``&#13;``.
    """
    import shutil
    import sys
    import tempfile
    from pathlib import Path

    from ..exports import export
    from ..steps import stepping
    from .terminal import escape_controls

    if fmt == "csv":
        raise click.BadParameter("csv writes two files (nodes and edges); give a file or folder", param_hint="-o")
    if fmt in ("xlsx", "csvdir"):
        raise click.BadParameter(f"{fmt} writes files, not text; give a file or folder", param_hint="-o")
    with tempfile.TemporaryDirectory(prefix="plankg-") as folder:
        with stepping(kg.progress, "export"):
            result = export(kg, fmt, Path(folder), view=view, lang=lang, plan=plan, layout=layout)
        sys.stdout.flush()
        if result.format.is_rdf or fmt in _XML:
            text = result.path.read_text(encoding="utf-8")
            sys.stdout.write(escape_controls(text) if result.format.is_rdf else text.replace("\r", "&#13;"))
            sys.stdout.flush()
            return
        with open(result.path, "rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
