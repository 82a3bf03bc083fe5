"""Readable, sorted Turtle: the files ``plankg import`` writes.

One block a subject, subjects in natural order (``task/2`` before
``task/10``), ``a`` first, then labels, then the other properties by name,
objects sorted: the same statements always give the same bytes, so that a
diff shows what changed. The plan's own IRIs are written relative to the
``@base`` (its IRI space) where that reads back to the same IRI.

Examples
--------
>>> from plankg.authoring.statements import Lit, RDF_TYPE, RDFS_LABEL
>>> base = "https://w3id.org/plankg/demo/"
>>> print(turtle([(base + "task/1", RDF_TYPE, "https://w3id.org/plankg/ontology#Task"),
...               (base + "task/1", RDFS_LABEL, Lit("任务", lang="zh"))], base), end="")
@base <https://w3id.org/plankg/demo/> .
@prefix plan: <https://w3id.org/plankg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<BLANKLINE>
<task/1> a plan:Task ;
    rdfs:label "任务"@zh .
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..namespaces import PREFIXES
from .cells import SLUG
from .statements import RDF_TYPE, RDFS_LABEL, XSD_STRING, Lit, escape

__all__ = ["turtle", "natural_key"]

_DIGITS = re.compile(r"(\d+)")
_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
_XSD = PREFIXES["xsd"]
_ALWAYS = ("rdf", "rdfs", "xsd")


def natural_key(text: str) -> tuple:
    """Sort key that orders the numbers inside ``text`` by value (``goal/2`` < ``goal/10``)."""
    return tuple((0, int(part), part) if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text))


class _Writer:
    def __init__(self, base: str | None, prefixes: dict[str, str]):
        self.base = base if base and base.endswith("/") and "#" not in base and "?" not in base else None
        self.prefixes = prefixes
        self.used: set[str] = set(_ALWAYS)
        self._shown: dict[str, tuple[str, str | None]] = {}

    def iri(self, iri: str) -> str:
        shown = self._shown.get(iri)
        if shown is None:
            shown = self._shown[iri] = self._iri(iri)
        if shown[1] is not None:
            self.used.add(shown[1])
        return shown[0]

    def _iri(self, iri: str) -> tuple[str, str | None]:
        """The Turtle form of ``iri``, and the prefix it uses (if any)."""
        if iri.startswith("_:"):
            return iri, None
        if self.base and iri.startswith(self.base):
            local = iri[len(self.base):]
            if local and SLUG.match(local) and not any(seg in (".", "..", "") for seg in local.split("/")):
                return f"<{local}>", None
        best = None
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
                best = (prefix, namespace)
        if best is not None and _LOCAL.match(iri[len(best[1]):]):
            return f"{best[0]}:{iri[len(best[1]):]}", best[0]
        return f"<{escape_iri(iri)}>", None

    def term(self, term) -> str:
        if not isinstance(term, Lit):
            return self.iri(term)
        text = f'"{escape(term.value)}"'
        if term.lang:
            return f"{text}@{term.lang}"
        if term.datatype == XSD_STRING:
            return text
        if term.datatype == _XSD + "integer" and _INTEGER.match(term.value):
            return term.value
        if term.datatype == _XSD + "decimal" and _DECIMAL.match(term.value):
            return term.value
        return f"{text}^^{self.iri(term.datatype)}"


def escape_iri(iri: str) -> str:
    """Escape the characters an IRI reference may not hold raw in Turtle."""
    return "".join(f"\\u{ord(c):04X}" if ord(c) <= 0x20 or c in '<>"{}|^`\\' else c for c in iri)


def _predicate_key(writer: _Writer, predicate: str) -> tuple:
    if predicate == RDF_TYPE:
        return (0, "")
    if predicate == RDFS_LABEL:
        return (1, "")
    return (2, writer.iri(predicate))


def turtle(
    triples: Iterable[tuple],
    base: str | None,
    *,
    prefixes: dict[str, str] | None = None,
    header: str = "",
    section: Callable[[str], str | None] | None = None,
    rank: Callable[[str], int] | None = None,
) -> str:
    """Return ``triples`` as sorted, readable Turtle.

    Parameters
    ----------
    triples : iterable of (s, p, o)
        Plain statements (see :mod:`plankg.authoring.statements`).
    base : str or None
        The ``@base``: the plan's IRI space; its IRIs are written relative to it.
    prefixes : dict, optional
        Prefix to namespace; plankg's by default. Only those used are declared.
    header : str
        Comment lines to start the file with (without ``#``).
    section : callable, optional
        Given a subject, the title of the section it opens, written as a
        comment when it differs from the previous subject's.
    rank : callable, optional
        Given a subject, its section's place in the file (sections in that order).
    """
    writer = _Writer(base, dict(PREFIXES if prefixes is None else prefixes))
    by_subject: dict[str, list] = defaultdict(list)
    for s, p, o in triples:
        by_subject[s].append((p, o))
    blocks = []
    last_section = None
    ordered = sorted(by_subject, key=lambda s: (rank(s) if rank else 0, natural_key(writer.iri(s))))
    for subject in ordered:
        lines = []
        if section:
            title = section(subject)
            if title and title != last_section:
                lines.append(f"# {'-' * 16} {title}\n")
                last_section = title
        groups: dict[str, list[str]] = defaultdict(list)
        for p, o in by_subject[subject]:
            groups[p].append(writer.term(o))
        parts = []
        for p in sorted(groups, key=lambda p: _predicate_key(writer, p)):
            verb = "a" if p == RDF_TYPE else writer.iri(p)
            objects = sorted(set(groups[p]), key=natural_key)
            parts.append(f"{verb} " + " ,\n        ".join(objects))
        lines.append(f"{writer.iri(subject)} " + " ;\n    ".join(parts) + " .\n")
        blocks.append("".join(lines))
    head = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) if header else ""
    if head:
        head += "\n"
    if writer.base:
        head += f"@base <{writer.base}> .\n"
    for prefix in sorted(writer.used):
        head += f"@prefix {prefix}: <{writer.prefixes[prefix]}> .\n"
    return head + "\n" + "\n".join(blocks)
