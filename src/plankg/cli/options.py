"""Options shared by several commands."""

from __future__ import annotations

import click

__all__ = ["lang_option", "paths_argument", "curated_option", "output_option"]

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

curated_option = click.option(
    "--curated/--no-curated",
    default=True,
    show_default=True,
    help="Include the curated layer (analysts' judgements).",
)

output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
