"""Graphviz DOT, with Chinese labels.

``dot -Tsvg plan.dot -o plan.svg`` (or ``-Tpng``, ``-Tpdf``) draws the view
left to right, each node a rounded box in its type's colour. Graphviz finds
fonts by name through fontconfig, and its default font has no Chinese, so
every graph, node and edge asks for :data:`FONTS`: a list of CJK fonts, then
``sans-serif``. fontconfig takes the first one installed (on Debian and
Ubuntu, ``fonts-noto-cjk`` gives Noto Sans CJK SC); an SVG keeps the whole
list in ``font-family``, so a browser picks a Chinese font of its own.
Labels are wrapped at about 12 Chinese characters.

Quoted strings escape ``\\`` and ``"``; a line break in a label is ``\\n``.
Graphviz reads HTML entities in labels (``&amp;`` is drawn as ``&``), so a
label's ``&`` is written ``&amp;``.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(name="demo")
>>> G.add_node("urn:a", label='花桥 "东" \\\\ <门>', type="Place")
>>> print(dot_text(G).splitlines()[-2])
  "urn:a" [label="花桥 \\"东\\" \\\\ <门>", fillcolor="#E15759", fontcolor="#FFFFFF"];
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..atomic import write_text
from .palette import color, text_color
from .text import clean, one_line, wrap

__all__ = ["dot_text", "write_dot", "quote", "FONTS"]

#: The fonts asked for, first found first: CJK fonts of Linux, Windows and macOS, then any sans-serif.
FONTS = "Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,sans-serif"


def quote(text: str, *, label: bool = False) -> str:
    """Return ``text`` as a DOT quoted string, line breaks as ``\\n``.

    With ``label=True``, ``&`` is written ``&amp;`` too, since Graphviz
    decodes HTML entities in labels.

    Examples
    --------
    >>> print(quote('a "b" \\\\ c'))
    "a \\"b\\" \\\\ c"
    >>> print(quote("R&amp;D", label=True))
    "R&amp;amp;D"
    """
    body = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    if label:
        body = body.replace("&", "&amp;")
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n").replace("\t", " ")
    return f'"{body}"'


def _label(text: str, width: int) -> str:
    return quote("\n".join(wrap(text, width)), label=True)


def dot_text(G: nx.MultiDiGraph, *, rankdir: str = "LR", width: int = 24) -> str:
    """Return a view graph as Graphviz DOT text.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).
    rankdir : {"LR", "TB"}, default "LR"
        Left to right, or top to bottom.
    width : int, default 24
        Wrap labels at this many columns (a Chinese character is two).

    Returns
    -------
    str
    """
    fonts = quote(FONTS)
    title = quote(one_line(G.graph.get("title", G.graph.get("name", ""))), label=True)
    lines = [
        f"digraph {quote(G.graph.get('name', 'plankg'))} {{",
        (
            f'  graph [charset="UTF-8", rankdir={rankdir}, fontname={fonts}, label={title}, '
            "labelloc=t, fontsize=16, nodesep=0.25, ranksep=0.6];"
        ),
        (
            f'  node [fontname={fonts}, shape=box, style="rounded,filled", fontsize=11, color="#555555", '
            'margin="0.12,0.06"];'
        ),
        f'  edge [fontname={fonts}, fontsize=9, color="#888888", fontcolor="#555555", arrowsize=0.7];',
    ]
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("type", "")
        lines.append(
            f"  {quote(node)} [label={_label(attrs.get('label', node), width)}, "
            f'fillcolor="{color(kind)}", fontcolor="{text_color(kind)}"];'
        )
    for source, target, attrs in G.edges(data=True):
        label = quote(one_line(attrs.get("label", "")), label=True)
        lines.append(f"  {quote(source)} -> {quote(target)} [label={label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(G: nx.MultiDiGraph, path: str | Path, **options) -> Path:
    """Write a view graph to a DOT file (UTF-8), atomically; ``options`` go to :func:`dot_text`.

    Returns
    -------
    Path
        The file written.
    """
    write_text(path, dot_text(G, **options))
    return Path(path)
