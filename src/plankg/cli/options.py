"""Options shared by several commands, and the plan graph they describe."""

from __future__ import annotations

import click

from ..engines.bounded import DEFAULT_MAX_ROWS

__all__ = [
    "lang_option",
    "paths_argument",
    "curated_option",
    "output_option",
    "graph_options",
    "open_graph",
]

lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of labels and messages.",
)

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATH]..."
)

curated_option = click.option(
    "--curated/--no-curated",
    default=True,
    show_default=True,
    help="Include the curated layer (analysts' judgements).",
)

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)


def graph_options(command):
    """Add the options that choose the data and the engine."""
    options = [
        click.option(
            "--data",
            "paths",
            multiple=True,
            type=click.Path(path_type=str),
            help="A plan data file or folder (repeatable); the bundled plan by default.",
        ),
        curated_option,
        click.option(
            "--engine",
            type=click.Choice(["oxigraph", "rdflib"]),
            default="oxigraph",
            show_default=True,
            help="The local SPARQL engine.",
        ),
        click.option("--endpoint", metavar="URL", help="Query this SPARQL 1.1 endpoint instead."),
        click.option(
            "--store",
            metavar="DIR",
            type=click.Path(file_okay=False, path_type=str),
            help="Keep an Oxigraph store in DIR: load once, query many times.",
        ),
        click.option(
            "--graph",
            "graph_base",
            metavar="IRI",
            help="Prefix of the layers' named graphs (…source, …curated), as pushed.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=30,
            show_default=True,
            help="Seconds a query may take, on any engine; then it is stopped.",
        ),
        click.option(
            "--max-rows",
            type=click.IntRange(min=0),
            default=DEFAULT_MAX_ROWS,
            show_default=True,
            help="The most rows a query may return (0: no limit); a larger answer is an error.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def open_graph(paths, curated, engine, endpoint, store, graph_base, timeout, max_rows=DEFAULT_MAX_ROWS):
    """Return the PlanGraph the graph options describe."""
    from ..datafiles import GraphNames
    from ..graph import connect, load

    graphs = GraphNames(graph_base) if graph_base else None
    if endpoint:
        if paths or store:
            raise click.UsageError("--endpoint queries the server; drop --data and --store")
        kg = connect(endpoint, curated=curated, graphs=graphs, timeout=timeout)
    else:
        kg = load(paths or None, curated=curated, engine=engine, store=store, graphs=graphs)
        kg.timeout = timeout
    kg.max_rows = max_rows or None
    return kg
