"""``plankg new`` and ``plankg import``: authoring plans in a workbook."""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS
from . import main
from .options import lang_option


@main.command("new")
@click.argument("slug")
@click.option("--title", default=None, help="The plan's title (in Chinese).")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="The folder (or .xlsx with --workbook) to write; SLUG (SLUG.xlsx) by default.")
@click.option("--workbook", is_flag=True, help="Write an .xlsx workbook to fill in, instead of a data folder.")
def new_command(slug, title, output, workbook):
    """Start a new plan: a data folder (or a workbook) that validates as it is.

    It holds the data set's description and one example of each kind of
    entity, to edit or delete. SLUG is lower-case ASCII (demo, suzhou-2025);
    it names the folder, the IRI space and the prefix.

    Example: plankg new demo --title 示例规划 && plankg validate demo
    """
    from ..authoring import new_plan
    from .terminal import echo

    result = new_plan(slug, output, title=title, workbook=workbook)
    echo(f"{result.output}  ({'workbook' if workbook else f'{len(result.files)} files'})")


@main.command("import")
@click.argument("source", type=click.Path(path_type=str), metavar="WORKBOOK|CSV-DIR")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="The data folder to write (replaced whole on success); the workbook's name by default.")
@lang_option
def import_command(source, output, lang):
    """Import a plan workbook (.xlsx) or CSV folder as a data folder of Turtle, and validate it.

    Nothing is written unless the whole import succeeds. Every problem names
    its sheet, row, column and value. Exit codes: 0 written, 1 violations
    (nothing written), 2 error (a cell that cannot be read; nothing written).

    Example: plankg import demo.xlsx -o data/demo
    """
    from ..authoring import WorkbookError, import_workbook
    from .terminal import echo, one_line

    try:
        result = import_workbook(source, output)
    except WorkbookError as err:
        for line in err.lines(lang):
            click.echo(f"plankg: error: {one_line(line)}", err=True)
        sys.exit(EXIT_ERROR)
    for warning in result.warnings:
        echo(("警告：" if lang == "zh" else "warning: ") + warning.message(lang))
    if not result.conforms:
        for error in result.errors:
            echo(error.message(lang))
        count = len(result.errors)
        echo(f"{count} 处违反约束，未写入任何文件。" if lang == "zh" else f"{count} violations; nothing written.")
        sys.exit(EXIT_VIOLATIONS)
    echo(f"{result.output}  ({len(result.files)} files, {result.triples} triples; "
         + ("符合所有约束)" if lang == "zh" else "conforms)"))
    sys.exit(EXIT_OK)
