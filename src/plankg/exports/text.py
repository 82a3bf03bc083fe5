"""Text hygiene for exports: what no export format can carry is removed.

XML 1.0 (GraphML, GEXF), CSV readers and graph tools choke on control
characters, lone surrogates and the noncharacters U+FFFE/U+FFFF. They carry
no meaning in a plan's labels, so :func:`clean` drops them; tab, line feed and
carriage return stay (each writer escapes them as its format needs).

Examples
--------
>>> clean("花桥\\x00\\x1b 🌉 <&>")
'花桥 🌉 <&>'
>>> clean("line 1\\nline 2\\t!")
'line 1\\nline 2\\t!'
>>> one_line("a\\r\\nb\\tc")
'a b c'
>>> wrap("争当区域一体发展的县域示范", 16)
['争当区域一体发', '展的县域示范']
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from ..errors import ExportError

__all__ = ["clean", "one_line", "local_name", "wrap", "display_width", "parse_choice"]

# C0 controls but tab, LF and CR; DEL and the C1 controls; lone surrogates;
# the noncharacters U+FFFE and U+FFFF (not allowed in XML 1.0).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def clean(text: object) -> str:
    """Return ``text`` as a string without control characters.

    Parameters
    ----------
    text : object
        Usually a string; anything else is converted with :func:`str`.

    Returns
    -------
    str
    """
    return _UNWANTED.sub("", text if isinstance(text, str) else str(text))


def one_line(text: object) -> str:
    """Return :func:`clean` ``text`` with every run of white space made one space."""
    return _SPACE.sub(" ", clean(text)).strip()


def local_name(iri: str) -> str:
    """Return the last segment of an IRI, after its last ``#`` or ``/``.

    Examples
    --------
    >>> local_name("https://w3id.org/plankg/ontology#ActionPlan")
    'ActionPlan'
    >>> local_name("https://example.org/plan/task/06")
    '06'
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Return how many columns ``text`` takes: wide (CJK) characters take two.

    >>> display_width("花桥 A")
    6
    """
    return sum(_width(c) for c in text)


def _greedy(tokens: list[str], sizes: list[int], limit: int) -> list[str]:
    lines, line, used = [], "", 0
    for token, size in zip(tokens, sizes):
        if line and used + size - (1 if token.endswith(" ") else 0) > limit:
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap(text: str, width: int = 24) -> list[str]:
    """Break ``text`` into balanced lines of at most ``width`` columns.

    A Chinese character counts two columns. Latin words stay whole where they
    fit; Chinese breaks between characters. The lines are made about equally
    long, so no line is left with one or two characters. Used to keep the
    boxes of long labels narrow in drawn graphs.
    """
    tokens = re.findall(r"[A-Za-z0-9'’.,:;!?()\[\]-]+ ?|\s|.", one_line(text))
    sizes = [display_width(token) for token in tokens]
    total = sum(sizes)
    if total <= width:
        return [one_line(text)]
    fewest = len(_greedy(tokens, sizes, width))
    for limit in range(-(-total // fewest), width):
        lines = _greedy(tokens, sizes, limit)
        if len(lines) <= fewest:
            return lines
    return _greedy(tokens, sizes, width)


def parse_choice(choices: type[Enum], value, noun: str):
    """Return the member of the enum ``choices`` named ``value`` (any case).

    Raises
    ------
    ExportError
        If no member has that name; the message lists the names.

    Examples
    --------
    >>> import enum
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    >>> parse_choice(Colour, " Red ", "colour")
    <Colour.RED: 'red'>
    """
    if isinstance(value, choices):
        return value
    try:
        return choices(str(value).strip().lower())
    except ValueError:
        names = ", ".join(member.value for member in choices)
        raise ExportError(f"unknown {noun} {value!r}; use one of {names}") from None
