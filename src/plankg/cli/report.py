"""``plankg report``."""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_OK, EXIT_VIOLATIONS, DataError
from . import main
from .options import emit, graph_options, lang_option, open_graph, output_option


def _where(paths, graph) -> str:
    return graph.get("endpoint") or ", ".join(paths) or "the bundled plan"


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=str), metavar="[PATH]...")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@lang_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Judge overdue targets as of this date (YYYY-MM-DD).")
@output_option
@graph_options
def report(files, fmt, lang, today, output, paths, **graph):
    """Validate the plan and report it: at a glance, validation, coverage gaps, implementation order.

    PATH is a plan data file or folder (the bundled plan by default); or use
    --endpoint for a published plan. Exit codes: 0 the plan conforms, 1 it
    breaks a shape (the report is still printed), 2 error.
    """
    from ..planreport import plan_report

    kg = open_graph(paths=tuple(files) + tuple(paths), **graph)
    result = plan_report(kg, today=today.date() if today else None)
    if result.plan is None:
        raise DataError(_where(files + paths, graph), "no plan found: the data holds no plan:Plan; check the path")
    rendered = {"text": result.to_text, "markdown": result.to_markdown, "json": lambda _: result.to_json()}[fmt](lang)
    emit(rendered, output, human=fmt != "json")
    sys.exit(EXIT_OK if result.conforms else EXIT_VIOLATIONS)
