"""``plankg report``."""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_OK, EXIT_VIOLATIONS
from . import main
from .options import (
    emit,
    graph_options,
    lang_option,
    open_graph,
    output_option,
    plan_option,
    validation_options,
)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@lang_option
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Judge overdue targets as of this date (YYYY-MM-DD).")
@click.option("--sections/--no-sections", default=None,
              help="With several plans: each plan's own report after the corpus summary [default: up to 20 plans].")
@validation_options
@output_option
@plan_option
@graph_options
def report(fmt, lang, today, sections, jobs, shacl_engine, output, plan, **graph):
    """Validate the plan and report it: at a glance, validation, coverage gaps, implementation order.

    PATH (or --data PATH) is a plan data file or folder, repeatable (the
    bundled plan by default); or use --endpoint for published plans. With
    several plans, a corpus summary comes first: a row per plan (validation,
    counts, coverage score, progress), the indicators and places several plans
    share, and the plans with the largest share of uncovered tasks; then each
    plan's section, for up to 20 plans unless --sections or --no-sections
    says otherwise. Validation runs once, with validate's options (--jobs),
    in worker processes while the report's queries run (--jobs 1: in this
    process, first). Exit codes: 0 every plan
    conforms, 1 one breaks a shape (the report is still printed), 2 error.
    """
    from ..report import plan_report

    kg = open_graph(**graph)
    # The data must hold a plan (plankg.plans.require_plans), checked once validation has started beside it.
    result = plan_report(kg, today=today.date() if today else None, plan=plan, sections=sections, jobs=jobs,
                         shacl_engine=shacl_engine, require=True)
    rendered = {"text": result.to_text, "markdown": result.to_markdown, "json": lambda _: result.to_json()}[fmt](lang)
    emit(rendered, output, human=fmt != "json")
    sys.exit(EXIT_OK if result.conforms else EXIT_VIOLATIONS)
