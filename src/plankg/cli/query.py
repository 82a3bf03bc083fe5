"""``plankg queries``, ``plankg query`` and ``plankg sparql``."""

from __future__ import annotations

import json

import click

from . import main
from .options import graph_options, lang_option, open_graph

_FORMATS = click.Choice(["table", "csv", "tsv", "json"])


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


def _print(kg, result, fmt: str, lang: str, title: str | None) -> None:
    if fmt == "table":
        from .tables import show_table

        show_table(result, kg, lang, title)
    else:
        from .terminal import write_result

        write_result(result, fmt)


def _query_options(command):
    options = [
        click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable)."),
        click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True, help="Output: a table, or a W3C SPARQL results format."),
        lang_option,
        click.option("--allow-network", is_flag=True, help="Allow SERVICE, LOAD and remote FROM."),
    ]
    for option in reversed(options):
        command = option(command)
    return graph_options(command)


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_queries(fmt):
    """List the named queries: name, summary and parameters."""
    from ..sparql.library import QueryLibrary

    library = QueryLibrary()
    from .terminal import echo, write

    if fmt == "json":
        write(json.dumps([q.to_dict() for q in library.values()], ensure_ascii=False, indent=2))
        return
    for query in library.values():
        params = " ".join(
            f"{p.name}=<{p.kind}>" if p.required else f"[{p.name}=<{p.kind}>]" for p in query.parameters
        )
        echo(f"{query.name:<28} {query.summary}" + (f"\n{'':<28}   params: {params}" if params else ""))


@main.command("query")
@click.argument("name")
@_query_options
def run_query(name, params, fmt, lang, allow_network, **graph):
    """Run the named query NAME (see 'plankg queries').

    Example: plankg query places-involvement --param place=花桥
    """
    kg = open_graph(**graph)
    result = kg.query(name, allow_network=allow_network, **_params(params))
    _print(kg, result, fmt, lang, name)


@main.command("sparql")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@_query_options
def run_sparql(file, params, fmt, lang, allow_network, **graph):
    """Run the SELECT or ASK query in FILE ('-' reads standard input)."""
    try:
        text = file.read()
    except UnicodeDecodeError as err:
        raise click.BadParameter(f"{file.name} is not UTF-8 text", param_hint="FILE") from err
    kg = open_graph(**graph)
    result = kg.sparql(text, allow_network=allow_network, **_params(params))
    _print(kg, result, fmt, lang, None)
