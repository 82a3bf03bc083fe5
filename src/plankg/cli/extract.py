"""``plankg extract``: draft a plan's workbook (or Turtle) from its text."""

from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command("extract")
@click.argument("text", type=click.Path(path_type=str), metavar="TEXT")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="The workbook (.xlsx), CSV folder or (with --format turtle) data folder to write; "
                   "SLUG.xlsx by default.")
@click.option("--slug", default=None, help="The draft plan's slug (IRI space and prefix); from TEXT's name by default.")
@click.option("--format", "format_", type=click.Choice(["xlsx", "csvdir", "turtle"]), default=None,
              help="xlsx (default; csvdir when -o is a folder without .xlsx), csvdir, or turtle.")
def extract_command(text, output, slug, format_):
    """Draft a plan from its TEXT (plain text or HTML; UTF-8, GB18030/GBK or Big5).

    Every drafted row is anchored in the text (offsets, quote, rule) and marked
    plan:Unreviewed. Review it in the workbook (the verdict column: accept or
    reject), then `plankg import` it.

    Example: plankg extract plan.txt -o draft.xlsx && plankg import draft.xlsx -o data/draft
    """
    from ..extraction import extract, write_draft
    from .terminal import echo

    draft = extract(text, slug=slug)
    if format_ is None:
        format_ = "csvdir" if output is not None and not output.lower().endswith(".xlsx") else "xlsx"
    if output is None:
        output = draft.slug + (".xlsx" if format_ == "xlsx" else "")
    files = write_draft(draft, Path(output), format_)
    counts = {}
    for item in draft.items:
        if item.anchor is not None:
            counts[item.sheet] = counts.get(item.sheet, 0) + 1
    echo(f"{output}  ({len(files)} files; " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
