"""Options shared by several commands, and the plan graph they describe."""

from __future__ import annotations

import click

from ..engines.bounded import DEFAULT_MAX_ROWS

__all__ = [
    "lang_option",
    "paths_argument",
    "data_options",
    "curated_option",
    "output_option",
    "plan_option",
    "graph_option",
    "validation_options",
    "emit",
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
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    default=None,
    help="Write to this regular file (atomically) instead of standard output; '-' is standard output.",
)


def _iri(ctx, param, value):
    """Refuse a ``--graph`` prefix that does not make IRIs."""
    if value is None:
        return value
    import pyoxigraph as ox

    try:
        ox.NamedNode(value + "source")
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not an IRI ({err})") from None
    return value


graph_option = click.option(
    "--graph",
    "graph_base",
    metavar="IRI",
    callback=_iri,
    help="Prefix of one plan's layers' named graphs (…source, …curated); by default each plan's own.",
)


plan_option = click.option(
    "--plan",
    metavar="PLAN",
    default=None,
    help="The plan to use, by its data set's prefix or its IRI, when several are loaded; by default each plan in turn.",
)


def validation_options(command):
    """Add the options of validation, shared by every command that validates (``validate``, ``report``)."""
    options = [
        click.option(
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Processes validating plans side by side (one per core by default; 1: in this process).",
        ),
        click.option(
            "--shacl-engine",
            type=click.Choice(["pyshacl", "shacl"]),
            default="pyshacl",
            show_default=True,
            help="SHACL engine: pySHACL (the reference) or shacl (faster, the same results; "
            "pip install 'plankg[shacl]').",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


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
            envvar="PLANKG_STORE",
            type=click.Path(file_okay=False, path_type=str),
            help="Answer from the Oxigraph store in DIR (see plankg load; env PLANKG_STORE): "
            "loaded once, only the plan graphs whose files changed reloaded.",
        ),
        graph_option,
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


def open_graph(paths, data, curated, engine, endpoint, store, graph_base, timeout, max_rows=DEFAULT_MAX_ROWS):
    """Return the PlanGraph the graph options describe."""
    from ..datafiles import GraphNames
    from ..graph import connect, load

    graphs = GraphNames(graph_base) if graph_base else None
    given = data_paths(paths, data)
    if store and (endpoint or engine != "oxigraph") and _from_environment("store"):
        store = None  # PLANKG_STORE serves the embedded Oxigraph engine only
    if endpoint:
        if given or store:
            raise click.UsageError("--endpoint queries the server; drop PATH, --data and --store")
        kg = connect(endpoint, curated=curated, graphs=graphs, timeout=timeout)
    else:
        from .bars import progress_bars

        kg = load(given, curated=curated, engine=engine, store=store, graphs=graphs, progress=progress_bars())
        kg.timeout = timeout
    kg.max_rows = max_rows or None
    return kg


def _from_environment(name: str) -> bool:
    """Whether the running command's option ``name`` came from its environment variable."""
    try:
        source = click.get_current_context().get_parameter_source(name)
    except RuntimeError:
        return False
    return source is click.core.ParameterSource.ENVIRONMENT


def emit(text: str, output: str | None, *, human: bool) -> None:
    """Write a command's output to the file ``output`` (atomically), or print it.

    ``None`` or ``-`` prints to standard output: text meant for people
    (``human``) without control characters, a machine format (JSON, Turtle)
    with them escaped. A file gets the text as it is.
    """
    text = text if text.endswith("\n") else text + "\n"
    if output and output != "-":
        from ..atomic import write_text

        write_text(output, text)
        return
    from .terminal import echo, write

    if human:
        echo(text.rstrip("\n"))
    else:
        write(text)
