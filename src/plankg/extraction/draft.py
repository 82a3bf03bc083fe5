"""A draft: the items the rules found, each with its anchor in the text.

An :class:`Item` is one row of the plan workbook (its sheet and cells) and
the :class:`Anchor` that says where in the text it was found and by which
rule. :meth:`Draft.tables` turns the items into the workbook's tables, with
the anchor columns filled and every verdict ``plan:Unreviewed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import SourceText

__all__ = ["Anchor", "Item", "Draft", "CONTEXT"]

#: Characters of context kept before and after a quote (oa:prefix, oa:suffix).
CONTEXT = 16


@dataclass(frozen=True)
class Anchor:
    """Where an item is in the text: ``text[start:end]``, and the rule that found it."""

    start: int
    end: int
    rule: str

    def cells(self, text: str) -> dict[str, str]:
        """The anchor columns of the item's row: offsets, quote with its context, rule."""
        return {
            "anchor_start": str(self.start),
            "anchor_end": str(self.end),
            "anchor_exact": text[self.start:self.end],
            "anchor_prefix": text[max(0, self.start - CONTEXT):self.start],
            "anchor_suffix": text[self.end:self.end + CONTEXT],
            "anchor_rule": self.rule,
        }


@dataclass
class Item:
    """One extracted row: its sheet, its cells (column key to text) and its anchor."""

    sheet: str
    cells: dict[str, str]
    anchor: Anchor | None = None

    @property
    def id(self) -> str:
        return self.cells["id"]


@dataclass
class Draft:
    """What :func:`~plankg.extraction.extract` found in one plan's text.

    Attributes
    ----------
    source : SourceText
    slug : str
        The draft plan's slug (IRI space ``https://w3id.org/plankg/<slug>/``, prefix).
    items : list of Item
    """

    source: SourceText
    slug: str
    items: list[Item] = field(default_factory=list)

    def of(self, sheet: str) -> list[Item]:
        """The items of one sheet, in order."""
        return [i for i in self.items if i.sheet == sheet]

    def __repr__(self) -> str:
        counts = {}
        for item in self.items:
            counts[item.sheet] = counts.get(item.sheet, 0) + 1
        shown = " ".join(f"{k}={v}" for k, v in counts.items())
        return f"<Draft {self.slug} {shown}>"

    def tables(self) -> dict[str, list[dict[str, str]]]:
        """Return the draft as the plan workbook's tables (see :mod:`plankg.authoring.layout`).

        Every anchored row gets its anchor columns and the verdict
        ``plan:Unreviewed``.
        """
        from ..authoring.layout import OTHER, SHEETS

        tables: dict[str, list[dict[str, str]]] = {s.name: [] for s in SHEETS}
        tables[OTHER] = []
        for item in self.items:
            row = dict(item.cells)
            if item.anchor is not None:
                row.update(item.anchor.cells(self.source.text))
                row.setdefault("verdict", "plan:Unreviewed")
            tables[item.sheet].append(row)
        return tables
