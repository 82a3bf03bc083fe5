"""Options shared by several commands, and the plan graph they describe."""

from __future__ import annotations

import click

__all__ = [
    "lang_option",
    "paths_argument",
    "data_options",
    "curated_option",
    "output_option",
    "plan_option",
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

data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=str),
    help="A plan data file or folder (repeatable), as PATH; the bundled plan by default.",
)


def data_options(command):
    """Add the two equal ways to give plan data: ``PATH...`` and ``--data PATH``."""
    return paths_argument(data_option(command))


def data_paths(paths, data) -> list[str] | None:
    """Return the data paths given as arguments and with ``--data``, or None for the bundled plan."""
    given = [*paths, *data]
    return given or None

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


plan_option = click.option(
    "--plan",
    metavar="PLAN",
    default=None,
    help="The plan to use, by its prefix (ks) or IRI, when several are loaded; by default each plan in turn.",
)


def graph_options(command):
    """Add the options that choose the data and the engine."""
    options = [
        paths_argument,
        data_option,
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
            "--timeout", type=float, default=30, show_default=True, help="Endpoint timeout in seconds."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def open_graph(paths, data, curated, engine, endpoint, store, graph_base, timeout):
    """Return the PlanGraph the graph options describe."""
    from ..datafiles import GraphNames
    from ..graph import connect, load

    graphs = GraphNames(graph_base) if graph_base else None
    given = data_paths(paths, data)
    if endpoint:
        if given or store:
            raise click.UsageError("--endpoint queries the server; drop PATH, --data and --store")
        return connect(endpoint, curated=curated, graphs=graphs, timeout=timeout)
    return load(given, curated=curated, engine=engine, store=store, graphs=graphs)
