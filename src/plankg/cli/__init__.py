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


#: Each command and the module that defines it. A module is imported only when
#: one of its commands runs (or ``--help`` lists them all), so that a command
#: pays only for the libraries it uses: ``plankg query`` never loads pySHACL,
#: NetworkX or rich's tables unless it prints one.
COMMANDS = {
    "validate": "validate",
    "report": "report",
    "queries": "query",
    "query": "query",
    "sparql": "query",
    "analyze": "analyze",
    "export": "export",
    "serve": "publish",
    "push": "publish",
}


class _Group(click.Group):
    """A click group that loads commands on demand, and turns plankg errors
    into one line and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in COMMANDS:
            import importlib

            importlib.import_module(f"{__name__}.{COMMANDS[name]}")
        return self.commands.get(name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PlanKGError as err:
            click.echo(f"plankg: error: {err}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def main() -> None:
    """plankg: government development plans as linked, validated, queryable knowledge graphs.

    Commands that read plans take them as PATH... or --data PATH (files or
    folders, one data set per dataset.ttl); several plans stay apart, each in
    graphs of its own. With no data given, commands work on the bundled plan
    in data/kunshan-2022/.
    """
