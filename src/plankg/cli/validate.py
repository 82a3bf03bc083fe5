"""``plankg validate``."""

from __future__ import annotations

import sys

import click

from .. import load
from ..errors import EXIT_OK, EXIT_VIOLATIONS
from ..plans import require_plans
from . import main
from .options import (
    curated_option,
    data_options,
    data_paths,
    emit,
    lang_option,
    output_option,
    validation_options,
)


@main.command()
@data_options
@curated_option
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@validation_options
@output_option
def validate(paths, data, curated, lang, fmt, jobs, shacl_engine, output):
    """Check plans against the plankg SHACL shapes, each plan on its own.

    PATH (or --data PATH) is a plan data file or folder, repeatable; the
    bundled plan by default. Each data set is validated with the ontology
    alone, several side by side, into one report that names each result's
    plan. Exit codes: 0 conforms, 1 violations, 2 error (unreadable or
    malformed file).
    """
    from ..steps import stepping
    from .bars import progress_bars

    bars = progress_bars()
    kg = load(data_paths(paths, data), curated=curated, progress=bars)
    with stepping(bars, "validate"):
        report = kg.validate(jobs=jobs, shacl_engine=shacl_engine)
    if not report.plans:
        require_plans(kg)
    text = {"text": report.to_text, "json": report.to_json, "turtle": report.to_turtle}[fmt]
    rendered = text(lang) if fmt == "text" else text()
    emit(rendered, output, human=fmt == "text")
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)
