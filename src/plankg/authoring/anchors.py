"""A drafted row's anchor in its source text, as W3C Web Annotation, and back to the row's anchor cells.

``plankg extract`` anchors every row it drafts: the anchor columns
(:data:`~plankg.authoring.layout.ANCHOR_COLUMNS`) hold the character offsets,
the quote with some context either side, and the rule. On import they become
``<id>/anchor``, an ``oa:Annotation`` that identifies the row's entity
(``oa:hasBody``) in a part (``<id>/anchor/target``, an ``oa:SpecificResource``)
of the row's source documents (``oa:hasSource``), selected by an
``oa:TextPositionSelector`` (``oa:start``, ``oa:end``) and an
``oa:TextQuoteSelector`` (``oa:exact``, ``oa:prefix``, ``oa:suffix``), with
``plan:extractionRule``. On export, an anchor of exactly that shape goes back
to the row's cells, so that a workbook round-trips.

Examples
--------
>>> cells = {"anchor_start": "3", "anchor_end": "6", "anchor_exact": "陆家镇", "anchor_rule": "place.suffix"}
>>> triples = anchor_statements("http://e.org/p/place/lujia", cells, ["http://e.org/p/source/text"])
>>> len(triples), anchor_cells("http://e.org/p/place/lujia", triples, ["http://e.org/p/source/text"]) == cells
(14, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..namespaces import PLAN, PREFIXES
from .statements import RDF_TYPE, XSD_STRING, Lit

__all__ = ["anchor_statements", "anchor_cells", "ANCHOR_KEYS"]

_OA = PREFIXES["oa"]
_NON_NEGATIVE = PREFIXES["xsd"] + "nonNegativeInteger"
#: The anchor cells, in order.
ANCHOR_KEYS = ("anchor_start", "anchor_end", "anchor_exact", "anchor_prefix", "anchor_suffix", "anchor_rule")


def _nodes(subject: str) -> tuple[str, str, str, str]:
    anchor = subject + "/anchor"
    return anchor, anchor + "/target", anchor + "/position", anchor + "/quote"


def anchor_statements(subject: str, cells: Mapping[str, str], sources: Iterable[str]) -> list[tuple]:
    """The statements of ``subject``'s anchor, from the row's anchor cells and its source documents.

    ``anchor_start`` and ``anchor_end`` must be checked by the caller (whole
    numbers, start not after end).
    """
    anchor, target, position, quote = _nodes(subject)
    triples = [
        (anchor, RDF_TYPE, _OA + "Annotation"),
        (anchor, _OA + "motivatedBy", _OA + "identifying"),
        (anchor, _OA + "hasBody", subject),
        (anchor, _OA + "hasTarget", target),
        (target, RDF_TYPE, _OA + "SpecificResource"),
        (target, _OA + "hasSelector", position),
        (target, _OA + "hasSelector", quote),
        (position, RDF_TYPE, _OA + "TextPositionSelector"),
        (position, _OA + "start", Lit(str(cells["anchor_start"]).strip(), _NON_NEGATIVE)),
        (position, _OA + "end", Lit(str(cells["anchor_end"]).strip(), _NON_NEGATIVE)),
        (quote, RDF_TYPE, _OA + "TextQuoteSelector"),
        (quote, _OA + "exact", Lit(str(cells.get("anchor_exact") or ""))),
    ]
    for key, local in (("anchor_prefix", "prefix"), ("anchor_suffix", "suffix")):
        if cells.get(key):
            triples.append((quote, _OA + local, Lit(str(cells[key]))))
    rule = str(cells.get("anchor_rule") or "").strip()
    if rule:
        triples.append((anchor, PLAN + "extractionRule", Lit(rule)))
    triples.extend((target, _OA + "hasSource", source) for source in sources)
    return triples


def anchor_cells(subject: str, statements: Iterable[tuple], sources: Sequence[str]) -> dict[str, str] | None:
    """The anchor cells of ``subject``'s row, if ``statements`` about its anchor nodes are exactly an anchor.

    Parameters
    ----------
    subject : str
    statements : iterable of tuple
        Every statement whose subject is one of the anchor's four nodes.
    sources : sequence of str
        The row's source documents (its ``source`` cell).

    Returns
    -------
    dict or None
        None unless :func:`anchor_statements` of the cells gives back exactly ``statements``.
    """
    statements = set(statements)
    _, _, position, quote = _nodes(subject)
    found = {(s, p): o for s, p, o in statements}

    def text(node, local):
        value = found.get((node, _OA + local))
        return value.value if isinstance(value, Lit) else None

    start, end = text(position, "start"), text(position, "end")
    if start is None or end is None or not start.isdigit() or not end.isdigit():
        return None
    rule = found.get((subject + "/anchor", PLAN + "extractionRule"))
    cells = {"anchor_start": start, "anchor_end": end, "anchor_exact": text(quote, "exact") or "",
             "anchor_prefix": text(quote, "prefix") or "", "anchor_suffix": text(quote, "suffix") or "",
             "anchor_rule": rule.value if isinstance(rule, Lit) and rule.datatype == XSD_STRING else ""}
    cells = {k: v for k, v in cells.items() if v != "" or k == "anchor_exact"}
    if set(anchor_statements(subject, cells, sources)) != statements:
        return None
    return cells
