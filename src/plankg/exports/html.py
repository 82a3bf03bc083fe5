"""One self-contained HTML page that shows a view offline.

The page carries everything inside the file: the graph as JSON, the
Cytoscape.js library (MIT licence, ``assets/cytoscape.LICENSE``), the page's
own script and style. It loads nothing: its Content-Security-Policy allows no
source but the file's own two scripts (by their SHA-256), so even a label
holding a URL cannot make it fetch anything. It opens with the layout of
:func:`plankg.exports.layout.positions`, and offers search by label, a filter
by type, a force-directed re-layout (Cytoscape's CoSE) and, on a click, a
node's properties, source text (plan:sourceText) and statement
(plan:statement), or an edge's relation and rationale.

Labels never become markup: the data sits in a ``<script
type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c``,
``\\u003e`` and ``\\u0026`` (so no text can close the element), and the page
puts every label on screen with ``textContent`` or draws it on a canvas.
The title in ``<title>`` and ``<h1>`` is HTML-escaped.

Large graphs stay usable. Every node belongs to a group (its plan in a
corpus, its area in one plan: :mod:`plankg.exports.groups`); a graph of more
than :data:`~plankg.exports.groups.COLLAPSE_AT` nodes opens with each group
drawn as one node, and a click expands it. Search runs over every node, drawn
or not, and opens the group of the node it finds. Labels are drawn only where
they are readable (a larger node's label from further out), and beyond
:data:`EDGE_LIMIT` drawn edges the edges are plain lines without arrows.

The URL hash ``#search=花桥&select=<IRI>`` runs a search and selects a node on
load, ``#expand=all`` opens every group; the page writes its state into
``#status`` (``data-nodes``, ``data-visible-nodes``, ``data-expanded``,
``data-matches``, ``data-resources`` …) for scripts and tests.

Examples
--------
>>> embed_json({"label": "</script><script>alert(1)</script>"})
'{"label": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx

from .. import __version__
from ..atomic import write_text
from .gexf import node_size
from .groups import COLLAPSE_AT, node_groups
from .layout import UNIT
from .layout import positions as layout_positions
from .palette import COLORS, color, text_color

__all__ = ["html_text", "write_html", "page_data", "embed_json"]

_UI = {
    "zh": {
        "search_placeholder": "搜索名称…", "relayout": "力导向布局", "fit": "全图", "types": "类型",
        "results": "搜索结果", "details": "详情", "hint": "点击节点查看其属性和原文。", "no_results": "无匹配",
        "counts": "{nodes} 个节点 · {edges} 条边", "shown": "显示 {n} 个", "matches": "{n} 个匹配",
        "label": "名称", "label_zh": "中文名称", "label_en": "英文名称", "type": "类型", "number": "序号",
        "iri": "IRI", "source_text": "原文", "statement_zh": "表述", "statement_en": "表述(英文)",
        "connections": "关联", "relation": "关系", "rationale": "理由", "source": "起点", "target": "终点",
        "expand_all": "全部展开", "collapse_all": "全部收起", "collapse": "收起分组", "expand": "展开分组",
        "group": "分组", "members": "{n} 个节点", "edges_between": "{n} 条边", "more": "另有 {n} 个匹配未列出",
        "group_kind": {"plan": "规划", "area": "板块", "type": "类型"},
    },
    "en": {
        "search_placeholder": "Search labels…", "relayout": "Force layout", "fit": "Fit", "types": "Types",
        "results": "Search results", "details": "Details", "hint": "Click a node to see its properties and source text.",
        "no_results": "No match", "counts": "{nodes} nodes · {edges} edges", "shown": "{n} shown",
        "matches": "{n} matches", "label": "Label", "label_zh": "Chinese label", "label_en": "English label",
        "type": "Type", "number": "Number", "iri": "IRI", "source_text": "Source text",
        "statement_zh": "Statement (Chinese)", "statement_en": "Statement", "connections": "Connections",
        "relation": "Relation", "rationale": "Rationale", "source": "From", "target": "To",
        "expand_all": "Expand all", "collapse_all": "Collapse all", "collapse": "Collapse group",
        "expand": "Expand group", "group": "Group", "members": "{n} nodes", "edges_between": "{n} edges",
        "more": "{n} more matches not listed", "group_kind": {"plan": "Plan", "area": "Area", "type": "Type"},
    },
}
_FONT = 'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_ORDER = {name: index for index, name in enumerate(COLORS)}
#: With more edges than this drawn, the page draws them as plain straight lines without arrows.
EDGE_LIMIT = 3000


def embed_json(value) -> str:
    """Return ``value`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&`` (and U+2028, U+2029) are written as ``\\uXXXX``
    escapes, which JSON reads back as the same characters.
    """
    text = json.dumps(value, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group()], text)


@cache
def _asset(name: str) -> str:
    return files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _label_font(size: float) -> float:
    """The label size of a node of this drawn size: 11, larger for large nodes (seen from further out)."""
    return round(11 + max(0.0, size - 25) / 2, 1)


def _group_entries(groups: list[dict], member: dict, pos: dict) -> list[dict]:
    """Each group with the centre of its nodes, a size that grows with their number, colour and label size."""
    sums = {g["id"]: [0.0, 0.0] for g in groups}
    for node, group in member.items():
        x, y = pos.get(node, (0.0, 0.0))
        sums[group][0] += x
        sums[group][1] += y
    out = []
    for group in groups:
        count = group["count"]
        size = round(max(24.0, UNIT * 0.6 * math.sqrt(count)), 1)
        out.append({
            **group, "x": round(sums[group["id"]][0] / count, 2), "y": round(sums[group["id"]][1] / count, 2),
            "size": size, "font": round(min(160.0, max(14.0, size / 4)), 1), "color": color(group["type"]),
        })
    return out


def page_data(G: nx.MultiDiGraph, pos: dict | None = None) -> dict:
    """Return what the page shows: nodes with positions and groups, edges, groups, types, UI text.

    ``collapse`` is true for a graph of more than :data:`~plankg.exports.groups.COLLAPSE_AT`
    nodes: the page then opens with each group drawn as one node.
    """
    pos = layout_positions(G) if pos is None else pos
    lang = G.graph.get("lang", "zh")
    groups, member = node_groups(G)
    nodes, types = [], {}
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("type", "")
        x, y = pos.get(node, (0.0, 0.0))
        entry = {"id": node, **{k: v for k, v in attrs.items() if v is not None}}
        size = round(node_size(G.degree(node)) * 0.9, 1)
        entry.update(x=x, y=y, color=color(kind), size=size, font=_label_font(size), group=member[node])
        nodes.append(entry)
        known = types.setdefault(kind, {"type": kind, "label": attrs.get("type_label", kind), "color": color(kind),
                                        "text_color": text_color(kind), "count": 0})
        known["count"] += 1
    edges = [
        {"id": f"e{index}", "source": source, "target": target, **{k: v for k, v in attrs.items() if v is not None}}
        for index, (source, target, attrs) in enumerate(G.edges(data=True))
    ]
    return {
        "title": G.graph.get("title", "plankg"),
        "view": G.graph.get("view"),
        "lang": lang,
        "font": _FONT,
        "ui": _UI.get(lang, _UI["zh"]),
        "types": sorted(types.values(), key=lambda t: (_ORDER.get(t["type"], len(_ORDER)), t["type"])),
        "nodes": nodes,
        "edges": edges,
        "groups": _group_entries(groups, member, pos),
        "collapse": G.number_of_nodes() > COLLAPSE_AT,
        "edge_limit": EDGE_LIMIT,
    }


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def html_text(G: nx.MultiDiGraph, pos: dict | None = None) -> str:
    """Return a view graph as one self-contained HTML page.

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
    data = page_data(G, pos)
    library, app = _asset("cytoscape.min.js"), _asset("page.js")
    for code in (library, app):
        if re.search(r"</script|<!--", code, re.IGNORECASE):
            raise ValueError("an inlined script must not contain '</script' or '<!--'")
    values = {
        "lang": html.escape(data["lang"]),
        "title": html.escape(data["title"]),
        "generator": html.escape(f"plankg {__version__}"),
        "script_hashes": f"{_script_hash(library)} {_script_hash(app)}",
        "css": _asset("page.css"),
        "data": embed_json(data),
        "library": library,
        "app": app,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("page.html"))


def write_html(G: nx.MultiDiGraph, path: str | Path, pos: dict | None = None) -> Path:
    """Write a view graph to one self-contained HTML file (UTF-8), atomically.

    Returns
    -------
    Path
        The file written.
    """
    write_text(path, html_text(G, pos))
    return Path(path)
