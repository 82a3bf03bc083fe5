"""Mermaid flowcharts, for Markdown on GitHub and GitLab and for mermaid.live.

Nodes are ``n1``, ``n2`` … (Mermaid ids must be plain words) with their label
in quotes, edges carry the relation's label, and one ``classDef`` per node
type colours the nodes. Labels are escaped with Mermaid's entity codes
(``#34;`` for ``"``, ``#39;`` for ``'``, ``#60;`` for ``<``, ``#92;`` for
``\\``, ``#37;`` for ``%`` …), so no label can end a string, start markup,
be read as Markdown or as a ``\\n`` line break, or hold a ``%%{init: …}%%``
directive that would reconfigure the diagram; line breaks become spaces. The
title, in the YAML front matter, writes ``%`` as ``\\x25``. A ``%%`` comment
line above each node gives its IRI (a ``%`` in it as ``%25``).

Mermaid draws up to 500 edges by default (its ``maxEdges`` setting), which
the smaller views of a plan fit; the file says so in a comment when a view
has more.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(title="demo")
>>> G.add_node("urn:a", label='花桥 "东门" <b>#1</b>', type="Place")
>>> G.add_node("urn:b", label="任务1", type="Task")
>>> _ = G.add_edge("urn:b", "urn:a", key="involves", label="涉及地点")
>>> print(mermaid_text(G))  # doctest: +NORMALIZE_WHITESPACE
---
title: "demo"
---
flowchart LR
  %% urn:a
  n1["花桥 #34;东门#34; #60;b#62;#35;1#60;/b#62;"]
  %% urn:b
  n2["任务1"]
  n2 -->|"涉及地点"| n1
  classDef Place fill:#E15759,color:#FFFFFF,stroke:#555555
  classDef Task fill:#F28E2B,color:#000000,stroke:#555555
  class n1 Place
  class n2 Task
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from ..atomic import write_text
from .palette import color, text_color
from .text import one_line

__all__ = ["mermaid_text", "write_mermaid", "escape"]

#: Mermaid's default limit on the edges of one diagram.
MAX_EDGES = 500
_SPECIAL = re.compile(r"""["'<>&#`\\%]""")


def escape(text: str) -> str:
    """Return ``text`` safe inside a quoted Mermaid label, on one line.

    Examples
    --------
    >>> escape('a "b" <c> & #d')
    'a #34;b#34; #60;c#62; #38; #35;d'
    >>> escape("%%{init: {'theme': 'dark'}}%%")
    '#37;#37;{init: {#39;theme#39;: #39;dark#39;}}#37;#37;'
    """
    return _SPECIAL.sub(lambda m: f"#{ord(m.group())};", one_line(text))


def _class_name(node_type: str) -> str:
    return re.sub(r"\W", "_", node_type, flags=re.ASCII) or "Other"


def mermaid_text(G: nx.MultiDiGraph, *, direction: str = "LR") -> str:
    """Return a view graph as a Mermaid flowchart.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A view graph (see :func:`plankg.exports.views.view_graph`).
    direction : {"LR", "TB"}, default "LR"

    Returns
    -------
    str
    """
    title = one_line(G.graph.get("title", G.graph.get("name", "plankg")))
    quoted = json.dumps(title, ensure_ascii=False).replace("%", "\\x25")  # a YAML string escape
    lines = ["---", f"title: {quoted}", "---", f"flowchart {direction}"]
    if G.number_of_edges() > MAX_EDGES:
        count = G.number_of_edges()
        lines.append(f"  %% {count} edges: raise Mermaid's maxEdges (default {MAX_EDGES}) to draw them all")
    ids, classes = {}, {}
    for index, (node, attrs) in enumerate(G.nodes(data=True), start=1):
        ids[node] = f"n{index}"
        classes.setdefault(attrs.get("type", ""), []).append(ids[node])
        comment = one_line(node).replace("%", "%25")
        lines.append(f"  %% {comment}")
        lines.append(f'  {ids[node]}["{escape(attrs.get("label", node))}"]')
    for source, target, attrs in G.edges(data=True):
        label = escape(attrs.get("label", ""))
        arrow = f'-->|"{label}"|' if label else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    for node_type in classes:
        lines.append(
            f"  classDef {_class_name(node_type)} fill:{color(node_type)},color:{text_color(node_type)},stroke:#555555"
        )
    for node_type, members in classes.items():
        lines.append(f"  class {','.join(members)} {_class_name(node_type)}")
    return "\n".join(lines) + "\n"


def write_mermaid(G: nx.MultiDiGraph, path: str | Path, **options) -> Path:
    """Write a view graph to a Mermaid file (``.mmd``, UTF-8), atomically.

    Returns
    -------
    Path
        The file written.
    """
    write_text(path, mermaid_text(G, **options))
    return Path(path)
