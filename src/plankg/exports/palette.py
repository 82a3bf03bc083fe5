"""One colour per node type, shared by every export that draws.

The colours are Tableau 10, a palette made to tell categories apart, also in
print. A type the palette does not know gets a stable colour from its name.

Examples
--------
>>> color("Task")
'#F28E2B'
>>> rgb("Task")
(242, 142, 43)
>>> color("SomethingNew") == color("SomethingNew")
True
"""

from __future__ import annotations

import zlib

__all__ = ["COLORS", "color", "rgb", "text_color"]

#: The colour of each node type of the export views.
COLORS = {
    "Plan": "#4E79A7",
    "Area": "#76B7B2",
    "Task": "#F28E2B",
    "ActionPlan": "#59A14F",
    "Target": "#EDC948",
    "Place": "#E15759",
    "PlaceRole": "#B07AA1",
    "SpatialGroup": "#FF9DA7",
    "PlaceInvolvement": "#BAB0AC",
}
_SPARE = ["#9C755F", "#86BCB6", "#D37295", "#8CD17D", "#B6992D", "#499894"]


def color(node_type: str) -> str:
    """Return the ``#RRGGBB`` colour of a node type."""
    known = COLORS.get(node_type)
    if known:
        return known
    return _SPARE[zlib.crc32(node_type.encode("utf-8")) % len(_SPARE)]


def rgb(node_type: str) -> tuple[int, int, int]:
    """Return the colour of a node type as red, green and blue, 0–255."""
    value = color(node_type)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def text_color(node_type: str) -> str:
    """Return black or white, whichever reads better on the type's colour.

    Examples
    --------
    >>> text_color("Plan"), text_color("Target")
    ('#FFFFFF', '#000000')
    """
    r, g, b = rgb(node_type)
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"
