"""The ``plankg`` command line: a thin layer over the Python API.

Every command parses its options, calls the API and prints the result. Errors
the user can fix (:class:`plankg.PlanKGError`) become one line on standard
error and exit code 2; ``validate`` exits 1 when the data breaks a shape.
"""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_ERROR, PlanKGError

__all__ = ["main"]


class _Group(click.Group):
    """A click group that turns plankg errors into one line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PlanKGError as err:
            click.echo(f"plankg: error: {err}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def main() -> None:
    """plankg: a government development plan as a linked, validated, queryable knowledge graph.

    With no data given, commands work on the bundled plan: Kunshan City's 2022
    Overall Plan (《总体方案》).
    """


#: The modules whose commands make up the CLI; each registers itself on ``main``.
COMMAND_MODULES = ["validate", "query", "publish", "analyze", "report", "export"]


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


_register()
