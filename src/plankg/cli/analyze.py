"""``plankg analyze dependencies|coverage|places|path``."""

from __future__ import annotations

import click

from . import main
from .options import graph_options, lang_option, open_graph

_FORMATS = click.Choice(["table", "text", "json", "csv"])


def _analysis_options(command):
    options = [
        click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
                     help="Output: tables, a text summary, JSON, or one table as CSV."),
        click.option("--table", "table", metavar="NAME",
                     help="The one table to print; by default all (table) or the main one (csv)."),
        lang_option,
        click.option("--asserted-only", is_flag=True, help="Leave the curated layer (analysts' links) out."),
    ]
    for option in reversed(options):
        command = option(command)
    return graph_options(command)


def _print(report, fmt: str, lang: str, table: str | None) -> None:
    from .terminal import echo, text, write, write_csv

    if fmt == "json":
        write(report.to_json())
        return
    if fmt == "text":
        echo(report.to_text(lang))
        return
    tables = report.tables(lang)
    if table is not None and table not in tables:
        raise click.BadParameter(f"{table!r} is not one of {', '.join(tables)}", param_hint="--table")
    if fmt == "csv":
        write_csv(tables[table or next(iter(tables))].to_csv())
        return
    from rich.console import Console
    from rich.table import Table

    from ..namespaces import compact

    console = Console()
    for chosen in [tables[table]] if table else tables.values():
        shown = Table(title=text(chosen.title), show_lines=False)
        for header in chosen.headers:
            shown.add_column(text(header), overflow="fold")
        for row in chosen.rows:
            # Text, not markup, without control characters (see cli.terminal).
            shown.add_row(*(text(_cell(cell, compact)) for cell in row))
        console.print(shown)


def _cell(value, compact) -> str:
    if value is None:
        return ""
    return compact(value) if isinstance(value, str) else str(value)


@main.group()
def analyze() -> None:
    """Analyse the plan as a graph: dependencies, coverage, places, paths."""


@analyze.command()
@_analysis_options
def dependencies(fmt, table, lang, asserted_only, **graph):
    """What must come first: cycles, implementation order, most depended-on tasks, reach, chains."""
    from ..analysis import dependencies as analyse

    _print(analyse(open_graph(**graph), asserted_only=asserted_only), fmt, lang, table)


@analyze.command()
@_analysis_options
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Judge overdue targets as of this date (YYYY-MM-DD).")
def coverage(fmt, table, lang, asserted_only, today, **graph):
    """What covers each task, the gaps by name, and a coverage score per area."""
    from ..analysis import coverage as analyse

    report = analyse(open_graph(**graph), today=today.date() if today else None, asserted_only=asserted_only)
    _print(report, fmt, lang, table)


@analyze.command()
@_analysis_options
def places(fmt, table, lang, asserted_only, **graph):
    """Which towns and zones the tasks name, which work together, and clusters."""
    from ..analysis import places as analyse

    if asserted_only:
        raise click.UsageError(
            "--asserted-only does not apply to places: every task–place link is in the source layer"
        )
    _print(analyse(open_graph(**graph)), fmt, lang, table)


@analyze.command()
@click.argument("a")
@click.argument("b")
@click.option("--limit", type=click.IntRange(min=1), default=3, show_default=True, help="The most paths to show.")
@_analysis_options
def path(a, b, limit, fmt, table, lang, asserted_only, **graph):
    """How A and B connect, by the shortest meaningful paths.

    A and B are labels (Chinese or English), alternative labels or IRIs.
    Example: plankg analyze path 花桥 共同富裕
    """
    from ..analysis import connection

    report = connection(open_graph(**graph), a, b, limit=limit, asserted_only=asserted_only)
    _print(report, fmt, lang, table)
