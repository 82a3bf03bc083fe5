"""``plankg export``."""

from __future__ import annotations

import click

from . import main
from .options import graph_options, lang_option, open_graph

_FORMATS = ["turtle", "ntriples", "jsonld", "graphml", "gexf", "cytoscape", "dot", "csv", "mermaid", "html"]
_VIEWS = ["all", "structure", "places", "dependencies"]


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), required=True, help="The file format.")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=str),
    help="The file to write (atomically), or a folder to write <view>.<ext> in. "
    "csv writes PATH (nodes) and PATH's name with -edges (edges).",
)
@click.option("--view", type=click.Choice(_VIEWS), default="all", show_default=True,
              help="The subgraph, for the graph formats; RDF formats hold every triple.")
@lang_option
@click.option("--plan", metavar="PLAN", default=None,
              help="The one plan to export (prefix or IRI), for the graph formats; by default every plan "
              "loaded, each node and edge with a plan attribute.")
@graph_options
def export_command(fmt, output, view, lang, plan, **graph):
    """Export the plan to Gephi, Cytoscape, yEd, Graphviz, Mermaid, a spreadsheet or an offline web page.

    Formats: turtle, ntriples, jsonld (every triple); graphml (yEd, Cytoscape,
    Gephi), gexf (Gephi), cytoscape (.cyjs), dot (Graphviz), csv (nodes and
    edges, UTF-8 with BOM), mermaid, html (one file, works offline).

    Example: plankg export --format gexf --view places -o kunshan-places.gexf
    """
    from ..exports import export

    result = export(open_graph(**graph), fmt, output, view=view, lang=lang, plan=plan)
    what = f"{result.nodes} nodes, {result.edges} edges" if result.view else f"{result.edges} triples"
    for path in result.files:
        click.echo(f"{path}  ({result.format.value}, {what})")
