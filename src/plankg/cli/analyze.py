"""``plankg analyze dependencies|coverage|places|path``."""

from __future__ import annotations

import click

from ..plans import require_plans
from . import main
from . import tables as cli_tables
from .options import graph_options, lang_option, open_graph, plan_option

_FORMATS = click.Choice(["table", "text", "json", "csv"])


def _analysis_options(command):
    options = [
        click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True,
                     help="Output: tables, a text summary, JSON, or one table as CSV."),
        click.option("--table", "table", metavar="NAME",
                     help="The one table to print; by default all (table) or the main one (csv)."),
        lang_option,
        click.option("--asserted-only", is_flag=True, help="Leave the curated layer (analysts' links) out."),
        plan_option,
    ]
    for option in reversed(options):
        command = option(command)
    return graph_options(command)


def _analyse(name: str, graph: dict, plan: str | None, *args, **options) -> tuple[list, object]:
    """Run one analysis on the chosen plan, or on each loaded plan in turn (never on two merged).

    With several plans, each named query runs once and the rows are split by plan
    (:func:`plankg.analysis.perplan.each_plan`), not once per plan.
    """
    from ..analysis import connection, coverage, dependencies, places
    from ..analysis.perplan import each_plan

    kg = open_graph(**graph)
    require_plans(kg)
    if plan is not None or len(kg.plans) <= 1:
        one = {"dependencies": dependencies, "coverage": coverage, "places": places, "connection": connection}[name]
        return [one(kg, *args, plan=plan, **options)], kg
    return each_plan(kg, name, *args, **options), kg


def _print(found, fmt: str, lang: str, table: str | None) -> None:
    """Print the reports of one analysis: one per plan, each naming its plan."""
    from .terminal import echo, text, write, write_csv

    reports, kg = found
    if fmt == "json":
        from ..analysis.reporting import dumps

        write(reports[0].to_json() if len(reports) == 1 else dumps({"plans": [r.to_dict() for r in reports]}))
        return
    if fmt == "text":
        echo("\n\n".join(r.to_text(lang) for r in reports))
        return
    every = [r.tables(lang) for r in reports]
    tables = every[0]
    if table is not None and table not in tables:
        raise click.BadParameter(f"{table!r} is not one of {', '.join(tables)}", param_hint="--table")
    if fmt == "csv":
        name = table or next(iter(tables))
        # Each table ends with the plan column: one CSV holds every plan, one header.
        csv_text = [t[name].to_csv() for t in every]
        write_csv(csv_text[0] + "".join(part.split("\n", 1)[1] for part in csv_text[1:]))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for tables in every:
        for chosen in [tables[table]] if table else tables.values():
            if len(chosen.rows) > cli_tables.RICH_ROWS:
                echo(plain_table(chosen, kg.compact))
                continue
            shown = Table(title=text(chosen.title), show_lines=False)
            for header in chosen.headers:
                shown.add_column(text(header), overflow="fold")
            for row in chosen.rows:
                # Text, not markup, without control characters (see cli.terminal).
                shown.add_row(*(text(_cell(cell, kg.compact)) for cell in row))
            console.print(shown)


def plain_table(table, compact=lambda iri: iri) -> str:
    """Return a report table as plain text (:func:`plankg.cli.tables.aligned`), IRIs compacted.

    Examples
    --------
    >>> from plankg.analysis.reporting import Table
    >>> print(plain_table(Table("t", "示例", ("a", "b"), ("名称", "No."), (("花桥", 1), ("x\x1b[2J", None)))))
    示例
    名称  No.
    ----  ---
    花桥  1
    x[2J
    """
    return cli_tables.aligned(table.title, table.headers, ([_cell(cell, compact) for cell in row] for row in table.rows))


def _cell(value, compact) -> str:
    if value is None:
        return ""
    return compact(value) if isinstance(value, str) else str(value)


@main.group()
def analyze() -> None:
    """Analyse the plan as a graph: dependencies, coverage, places, paths."""


@analyze.command()
@_analysis_options
def dependencies(fmt, table, lang, asserted_only, plan, **graph):
    """What must come first: cycles, implementation order, most depended-on tasks, reach, chains."""
    _print(_analyse("dependencies", graph, plan, asserted_only=asserted_only), fmt, lang, table)


@analyze.command()
@_analysis_options
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Judge overdue targets as of this date (YYYY-MM-DD).")
def coverage(fmt, table, lang, asserted_only, plan, today, **graph):
    """What covers each task, the gaps by name, and a coverage score per area."""
    day = today.date() if today else None
    _print(_analyse("coverage", graph, plan, today=day, asserted_only=asserted_only), fmt, lang, table)


@analyze.command()
@_analysis_options
def places(fmt, table, lang, asserted_only, plan, **graph):
    """Which towns and zones the tasks name, which work together, and clusters."""
    if asserted_only:
        raise click.UsageError(
            "--asserted-only does not apply to places: every task–place link is in the source layer"
        )
    _print(_analyse("places", graph, plan), fmt, lang, table)


@analyze.command()
@click.argument("a")
@click.argument("b")
@click.option("--limit", type=click.IntRange(min=1), default=3, show_default=True, help="The most paths to show.")
@_analysis_options
def path(a, b, limit, fmt, table, lang, asserted_only, plan, **graph):
    """How A and B connect, by the shortest meaningful paths.

    A and B are labels (Chinese or English), alternative labels or IRIs.
    Example: plankg analyze path 花桥 共同富裕
    """
    found = _analyse("connection", graph, plan, a, b, limit=limit, asserted_only=asserted_only)
    _print(found, fmt, lang, table)
