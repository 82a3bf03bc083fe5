"""The ``plankg`` command line: a thin layer over the Python API.

Every command parses its options, calls the API and prints the result. Errors
the user can fix (:class:`plankg.PlanKGError`), and output that cannot be
written (a full disk behind standard output), become one line on standard
error, without control characters, and exit code 2; ``validate`` exits 1 when
the data breaks a shape.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from ..errors import EXIT_ERROR, OutputError, PlanKGError

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
    "new": "authoring",
    "import": "authoring",
    "progress": "progress",
    "observe": "progress",
    "extract": "extract",
    "load": "store",
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
            try:
                result = super().invoke(ctx)
            except SystemExit:
                _flush_stdout()
                raise
            _flush_stdout()
            return result
        except PlanKGError as err:
            _fail(str(err))
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # the reader went away (plankg … | head): click ends quietly
            where = f"{err.filename}: " if err.filename else "cannot write the output: "
            _fail(f"{where}{err.strerror or err}")


def _flush_stdout() -> None:
    """Flush standard output, so that a full disk or a closed pipe is an error now,
    not a traceback when Python exits."""
    try:
        sys.stdout.flush()
    except OSError as err:
        if err.errno == errno.EPIPE:
            raise
        raise OutputError(f"standard output: cannot write: {err.strerror or err}") from err


def _fail(message: str):
    """Print ``message`` as one line on standard error and exit with code 2."""
    from .terminal import one_line

    try:
        _silence_stdout()
        click.echo(f"plankg: error: {one_line(message)}", err=True)
    finally:
        sys.exit(EXIT_ERROR)


def _silence_stdout() -> None:
    """Point standard output at /dev/null if writing it failed, so that what
    is left in its buffer does not fail again when Python exits."""
    try:
        sys.stdout.flush()
    except OSError:
        try:
            fd = sys.stdout.fileno()
        except (OSError, ValueError, AttributeError):
            return
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def main() -> None:
    """plankg: government development plans as linked, validated, queryable knowledge graphs.

    Commands that read plans take them as PATH... or --data PATH (files or
    folders, one data set per dataset.ttl); several plans stay apart, each in
    graphs of its own. With no data given, commands work on the bundled plan
    in data/kunshan-2022/.
    """
