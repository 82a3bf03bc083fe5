"""What the command line prints: no control character of the data reaches the terminal.

A label, a message or a file name can hold control characters: ``ESC [ 2 J``
clears the screen, an OSC sequence retitles the window or writes a
hyperlink, a lone CR overwrites what was printed. Text meant for people
(tables, reports, analyses, validation text, error lines) loses every C0 and
C1 control character and DEL (:func:`strip_controls`; tab and newline stay
where text runs over several lines). Machine formats keep their data:
JSON, TSV and Turtle write the same characters as ``\\uXXXX`` escapes, which
their readers turn back into the characters (:func:`escape_controls`); CSV,
which has no escapes, loses them as the CSV export does (tab, line feed and
CR LF stay).

Examples
--------
>>> strip_controls("花桥\\x1b[2J\\x1b]0;pwned\\x07 ok\\r\\n\\tnext\\x9b1m")
'花桥[2J]0;pwned ok\\n\\tnext1m'
>>> one_line("a\\x1b[31m\\nb\\tc")
'a[31m b c'
>>> escape_controls('"x\\x1b\\x9by"')
'"x\\\\u001b\\\\u009by"'
"""

from __future__ import annotations

import re
import sys

import click

__all__ = [
    "strip_controls", "one_line", "escape_controls", "echo", "write", "clean_csv", "write_csv", "write_result", "text",
]

# C0 controls but tab and line feed, DEL, the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same, but tab, line feed and carriage return, which the formats escape themselves.
_ESCAPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_LONE_CR = re.compile("\r(?!\n)")


def strip_controls(text: str) -> str:
    """Return ``text`` without control characters; tab and newline stay.

    A CR LF line end becomes a newline; any other CR is removed.
    """
    return _CONTROLS.sub("", text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """Return ``text`` without control characters, on one line."""
    return _SPACE.sub(" ", strip_controls(text)).strip()


def escape_controls(text: str) -> str:
    """Return JSON, TSV or Turtle text with its control characters as ``\\uXXXX`` escapes.

    In these formats a control character can stand only inside a string,
    where ``\\uXXXX`` means the same character; tab, newline and CR are left
    to the format (a JSON, TSV or Turtle writer has already escaped those
    that need it).
    """
    return _ESCAPABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: str) -> None:
    """Print text meant for people, without control characters."""
    click.echo(strip_controls(text))


def write(text: str) -> None:
    """Write a machine format (JSON, TSV, Turtle) with its control characters escaped."""
    text = escape_controls(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def clean_csv(text: str) -> str:
    """Return CSV text without control characters (tab, line feed and CR LF line ends stay)."""
    return _LONE_CR.sub("", _ESCAPABLE.sub("", text))


def write_csv(text: str) -> None:
    """Write CSV without control characters (tab, line feed and CR LF line ends stay)."""
    text = clean_csv(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def write_result(result, fmt: str) -> None:
    """Write a query result in a W3C SPARQL results format (``csv``, ``tsv``, ``json``), cleaned as above.

    A result held as a term table (:class:`plankg.sparql.termtable.TermTable`)
    is written a piece at a time, each distinct term cleaned once
    (:meth:`~plankg.sparql.termtable.TermTable.pieces`): the same bytes as
    :func:`write_csv` or :func:`write` of the whole text, without making or
    scanning that text.
    """
    table = result.table
    if table is None or result.boolean is not None:
        (write_csv if fmt == "csv" else write)(result.serialize(fmt))
        return
    last = ""
    for piece in table.pieces(fmt, clean_csv if fmt == "csv" else escape_controls):
        if piece:
            sys.stdout.write(piece)
            last = piece
    if not last.endswith("\n"):
        sys.stdout.write("\n")


def text(value: object):
    """Return ``value`` as a :class:`rich.text.Text` without control characters.

    Text, not a string: rich would read ``[link=…]`` or ``[bold]`` in a
    string as markup.
    """
    from rich.text import Text

    return Text(strip_controls("" if value is None else str(value)))
