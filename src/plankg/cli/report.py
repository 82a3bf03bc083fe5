"""``plankg report``."""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_OK, EXIT_VIOLATIONS
from . import main
from .options import emit, graph_options, lang_option, open_graph, output_option, plan_option, require_plan


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@lang_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Judge overdue targets as of this date (YYYY-MM-DD).")
@output_option
@plan_option
@graph_options
def report(fmt, lang, today, output, plan, **graph):
    """Validate the plan and report it: at a glance, validation, coverage gaps, implementation order.

    PATH (or --data PATH) is a plan data file or folder, repeatable: each plan
    gets a section of its own (the bundled plan by default); or use
    --endpoint for published plans. Exit codes: 0 the plan conforms, 1 it
    breaks a shape (the report is still printed), 2 error.
    """
    from ..planreport import plan_report

    kg = open_graph(**graph)
    require_plan(kg)
    result = plan_report(kg, today=today.date() if today else None, plan=plan)
    rendered = {"text": result.to_text, "markdown": result.to_markdown, "json": lambda _: result.to_json()}[fmt](lang)
    emit(rendered, output, human=fmt != "json")
    sys.exit(EXIT_OK if result.conforms else EXIT_VIOLATIONS)
