"""GraphML for yEd, Cytoscape, Gephi and igraph.

Every node and edge attribute of the view is a GraphML ``<data>`` field with
a typed ``<key>`` (``number`` is an ``int``, the rest ``string``), which
Cytoscape, Gephi, igraph and NetworkX read as columns. yEd draws only its own
yFiles graphics, so each node and edge also carries them (a ``y:ShapeNode``
with the label, the type's colour and the layout position, a
``y:PolyLineEdge`` with an arrow and the relation): the file opens in yEd
labelled, coloured and laid out. Other readers skip those two fields.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", label="花桥 <&>", type="Place")
>>> G.add_node("urn:b", label="任务1", type="Task", number=1)
>>> _ = G.add_edge("urn:b", "urn:a", key="involves", label="涉及地点")
>>> text = graphml_text(G)
>>> "花桥 &lt;&amp;&gt;" in text and 'attr.type="int"' in text
True
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from ..atomic import write_text
from .layout import positions as layout_positions
from .palette import color, text_color
from .text import clean, display_width
from .views import EDGE_FIELDS, NODE_FIELDS

__all__ = ["graphml_text", "write_graphml", "FONT"]

#: The font yEd draws labels in; it falls back to a system font that has Chinese.
FONT = "Noto Sans CJK SC"

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:y="http://www.yworks.com/xml/graphml"
 xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
"""


def _key(ident: str, domain: str, name: str, kind: str) -> str:
    return f'  <key id="{ident}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n'


def _data(key: str, value) -> str:
    return f'<data key="{key}">{escape(clean(value))}</data>'


def _box(label: str) -> tuple[float, float]:
    longest = max((display_width(line) for line in label.split("\n")), default=1)
    return max(60.0, 7.0 * longest + 16), 30.0


def graphml_text(G: nx.MultiDiGraph, pos: dict | None = None) -> str:
    """Return a view graph as GraphML text with yFiles graphics.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).
    pos : dict, optional
        ``{node: (x, y)}``; computed by :func:`plankg.exports.layout.positions` if not given.

    Returns
    -------
    str
    """
    pos = layout_positions(G) if pos is None else pos
    out = [_HEAD]
    out += [_key(f"n_{f}", "node", f, "int" if f == "number" else "string") for f in NODE_FIELDS]
    out += [_key(f"e_{f}", "edge", f, "string") for f in EDGE_FIELDS]
    out.append('  <key id="n_yfiles" for="node" yfiles.type="nodegraphics"/>\n')
    out.append('  <key id="e_yfiles" for="edge" yfiles.type="edgegraphics"/>\n')
    out.append('  <graph id="G" edgedefault="directed">\n')
    for node, attrs in G.nodes(data=True):
        fields = "".join(_data(f"n_{f}", attrs[f]) for f in NODE_FIELDS if attrs.get(f) is not None)
        label = clean(attrs.get("label", node))
        kind = attrs.get("type", "")
        width, height = _box(label)
        x, y = pos.get(node, (0.0, 0.0))
        graphics = (
            '<data key="n_yfiles"><y:ShapeNode>'
            f'<y:Geometry x="{x - width / 2:.2f}" y="{y - height / 2:.2f}" width="{width:.1f}" height="{height:.1f}"/>'
            f'<y:Fill color="{color(kind)}" transparent="false"/>'
            '<y:BorderStyle color="#555555" type="line" width="1.0"/>'
            f'<y:NodeLabel fontFamily={quoteattr(FONT)} fontSize="12" textColor="{text_color(kind)}">'
            f"{escape(label)}</y:NodeLabel>"
            '<y:Shape type="roundrectangle"/></y:ShapeNode></data>'
        )
        out.append(f"    <node id={quoteattr(clean(node))}>{fields}{graphics}</node>\n")
    for index, (source, target, attrs) in enumerate(G.edges(data=True)):
        fields = "".join(_data(f"e_{f}", attrs[f]) for f in EDGE_FIELDS if attrs.get(f) is not None)
        graphics = (
            '<data key="e_yfiles"><y:PolyLineEdge>'
            '<y:LineStyle color="#888888" type="line" width="1.0"/>'
            '<y:Arrows source="none" target="standard"/>'
            f'<y:EdgeLabel fontFamily={quoteattr(FONT)} fontSize="10">'
            f'{escape(clean(attrs.get("label", "")))}</y:EdgeLabel>'
            "</y:PolyLineEdge></data>"
        )
        out.append(
            f'    <edge id="e{index}" source={quoteattr(clean(source))} target={quoteattr(clean(target))}>'
            f"{fields}{graphics}</edge>\n"
        )
    out.append("  </graph>\n</graphml>\n")
    return "".join(out)


def write_graphml(G: nx.MultiDiGraph, path: str | Path, pos: dict | None = None) -> Path:
    """Write a view graph to a GraphML file, atomically.

    Node ids are the nodes' IRIs; edge ids are ``e0``, ``e1`` ….

    Returns
    -------
    Path
        The file written.
    """
    write_text(path, graphml_text(G, pos))
    return Path(path)
