"""How a cell shows an RDF term, and how a cell's text becomes one again.

A plan's own IRIs show relative to its IRI space (``task/06``); IRIs in a
known namespace show compacted (``plan:Lead``, ``unit:PERCENT``); any other
IRI in angle brackets (``<http://example.org/x>``); a blank node as ``_:b1``.
Every form reads back to the very IRI it shows.

Examples
--------
>>> names = Names("https://w3id.org/plankg/demo/")
>>> names.show("https://w3id.org/plankg/demo/task/06")
'task/06'
>>> names.show("https://w3id.org/plankg/ontology#Lead")
'plan:Lead'
>>> names.show("http://example.org/x")
'<http://example.org/x>'
>>> names.read("plan:Lead")
'https://w3id.org/plankg/ontology#Lead'
>>> names.read("task/06")
'https://w3id.org/plankg/demo/task/06'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..namespaces import PREFIXES

__all__ = ["Names", "CellValueError", "SLUG"]

#: What a plan's own IRIs look like after the IRI space: readable ASCII slugs.
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~/-]*$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([^\s<>\"{}|^`\\]*)$")
_IRI = re.compile(r"^<([^\s<>\"{}|^`\\]+)>$")
_BNODE = re.compile(r"^_:([A-Za-z0-9_][A-Za-z0-9_.-]*)$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class CellValueError(ValueError):
    """A cell's text is not a term of its column; the message is in Chinese and English."""

    def __init__(self, zh: str, en: str):
        self.zh = zh
        self.en = en
        super().__init__(en)


class Names:
    """Shows IRIs in cells and reads them back, for one plan's IRI space.

    Parameters
    ----------
    uri_space : str
        The plan's IRI space (``void:uriSpace``).
    prefixes : mapping, optional
        Prefix to namespace, for IRIs outside it; plankg's by default.
    """

    def __init__(self, uri_space: str, prefixes: Mapping[str, str] | None = None):
        self.uri_space = uri_space
        self.prefixes = dict(PREFIXES if prefixes is None else prefixes)

    def show(self, iri: str) -> str:
        """Return the cell text of ``iri`` (a blank node's id starts with ``_:``)."""
        if iri.startswith("_:"):
            return iri
        if iri.startswith(self.uri_space):
            local = iri[len(self.uri_space):]
            if SLUG.match(local) and not _CURIE.match(local) and local != "":
                return local
        best = None
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
                best = (prefix, namespace)
        if best is not None:
            text = f"{best[0]}:{iri[len(best[1]):]}"
            if _CURIE.match(text) and self._curie(text) == iri:
                return text
        return f"<{iri}>"

    def _curie(self, text: str) -> str | None:
        match = _CURIE.match(text)
        if match and match.group(1) in self.prefixes:
            return self.prefixes[match.group(1)] + match.group(2)
        return None

    def read(self, text: str) -> str:
        """Return the IRI (or ``_:id`` blank node) a cell's ``text`` names.

        Raises
        ------
        CellValueError
            If the text names no IRI.
        """
        text = text.strip()
        if _BNODE.match(text):
            return text
        match = _IRI.match(text)
        if match:
            if not _ABSOLUTE.match(match.group(1)):
                raise CellValueError(f"“{text}”不是绝对 IRI", f"{text!r} is not an absolute IRI")
            return match.group(1)
        expanded = self._curie(text)
        if expanded is not None:
            return expanded
        if _CURIE.match(text) and not SLUG.match(text):
            prefix = text.split(":", 1)[0]
            raise CellValueError(
                f"未知前缀“{prefix}”：请用已知前缀（plan:、unit: …）或写成 <完整 IRI>",
                f"unknown prefix {prefix!r}: use a known prefix (plan:, unit: …) or write <the full IRI>",
            )
        if SLUG.match(text) and not _CURIE.match(text):
            return self.uri_space + text
        raise CellValueError(
            f"“{text}”不是标识：请用 ASCII 字母、数字和 / - . _（如 task/06），不用中文或空格",
            f"{text!r} is not an id: use ASCII letters, digits and / - . _ (as in task/06), no Chinese or spaces",
        )
