"""Views: the subgraphs the graph exports draw, built from named SPARQL queries.

Each view but ``all`` is two named queries of the library,
``export-<view>-nodes`` and ``export-<view>-edges`` (``plankg queries`` lists
them), run through :meth:`PlanGraph.query`, so a view is the same on embedded
Oxigraph, rdflib and a remote SPARQL endpoint. ``all`` is the union of the
other three.

========================  ==========================================================
view                      nodes
========================  ==========================================================
``structure``             the plan, its areas, main tasks, action plans and targets
``places``                tasks, places, place involvements, place roles, clusters
``dependencies``          the tasks in a curated support link
``all``                   all of the above
========================  ==========================================================

Every node has the attributes ``iri``, ``type`` (the class's local name, such
as ``Task``), ``type_label``, ``label`` (in the chosen language), ``label_zh``,
``label_en``, ``plan`` (the IRI of the plan it belongs to), and where the data
has them ``number`` (plan:ordinal), ``source_text`` (plan:sourceText),
``statement_zh`` and ``statement_en`` (plan:statement). Every edge has
``relation`` (the property's IRI), ``label``, ``label_zh``, ``label_en`` (the
property's labels), ``plan`` and, for curated links, ``rationale_zh`` and
``rationale_en``. Text is cleaned of control characters
(:func:`plankg.exports.text.clean`).

With several plans loaded and no plan chosen, a view holds every plan, each
node and edge tagged with its ``plan``: one file to partition or filter by
plan in Gephi or Cytoscape. A node two plans share (a place role of the
ontology, such as 引领) is one node whose ``plan`` lists both IRIs, separated
by a space, in the order of :attr:`plankg.PlanGraph.plans`.

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> G = view_graph(kg, "structure")
>>> G.number_of_nodes(), G.number_of_edges()
(56, 90)
>>> G.nodes[kg.plans[0].uri_space + "task/01"]["label"]
'向东接轨上海'
"""

from __future__ import annotations

from enum import Enum

import networkx as nx

from ..errors import ExportError
from ..sparql.sidebyside import query_side_by_side
from .text import clean, local_name, one_line, parse_choice

__all__ = ["View", "view_graph", "NODE_FIELDS", "EDGE_FIELDS"]

#: The node attributes of every view, in the order files list them; ``number`` is an int.
NODE_FIELDS = (
    "iri", "type", "type_label", "label", "label_zh", "label_en", "number",
    "source_text", "statement_zh", "statement_en", "plan",
)
#: The edge attributes of every view, in the order files list them.
EDGE_FIELDS = ("relation", "label", "label_zh", "label_en", "rationale_zh", "rationale_en", "plan")


class View(str, Enum):
    """A subgraph to export; see :mod:`plankg.exports.views`."""

    STRUCTURE = "structure"
    PLACES = "places"
    DEPENDENCIES = "dependencies"
    ALL = "all"

    def label(self, lang: str = "zh") -> str:
        """The view's name in Chinese or English."""
        return _VIEW_LABELS[self.value][0 if lang == "zh" else 1]

    @property
    def parts(self) -> tuple[View, ...]:
        """The query-backed views this view is made of."""
        if self is View.ALL:
            return (View.STRUCTURE, View.PLACES, View.DEPENDENCIES)
        return (self,)

    @classmethod
    def parse(cls, value: str | View) -> View:
        """Return the view named ``value``.

        Raises
        ------
        ExportError
            If no view has that name.
        """
        return parse_choice(cls, value, "view")


_LANGS = ("zh", "en")
_VIEW_LABELS = {
    "structure": ("结构", "Structure"),
    "places": ("地点", "Places"),
    "dependencies": ("依赖", "Dependencies"),
    "all": ("全图", "All"),
}


def _text(values: dict, variable: str) -> str | None:
    value = values[variable]
    if value is None:
        return None
    text = clean(value).strip()
    return text or None


def _pick(lang: str, zh: str | None, en: str | None, fallback: str) -> str:
    first, second = (zh, en) if lang == "zh" else (en, zh)
    return one_line(first or second or fallback)


def _also_in(attrs: dict, plan: str | None) -> None:
    """Add ``plan`` to the plans a node or edge belongs to (space-separated)."""
    plans = attrs.get("plan", "").split()
    if plan and plan not in plans:
        attrs["plan"] = " ".join([*plans, plan])


def _add_nodes(G: nx.MultiDiGraph, rows, lang: str) -> None:
    types = {}  # a type's local name and label, worked out once per type
    for row in rows:
        values = row.values()
        iri = values["node"]
        if iri in G:
            _also_in(G.nodes[iri], values["plan"])
            continue  # otherwise the first row (and view) wins
        type_iri = values["type"]
        labels = (type_iri, values["type_label_zh"], values["type_label_en"])
        if labels not in types:
            name = local_name(type_iri)
            types[labels] = (name, _pick(lang, _text(values, "type_label_zh"), _text(values, "type_label_en"), name))
        kind, type_label = types[labels]
        attrs = {
            "iri": iri,
            "type": kind,
            "type_label": type_label,
            "label_zh": _text(values, "label_zh"),
            "label_en": _text(values, "label_en"),
            "number": values["number"],
            "source_text": _text(values, "source_text"),
            "statement_zh": _text(values, "statement_zh"),
            "statement_en": _text(values, "statement_en"),
            "plan": values["plan"],
        }
        attrs["label"] = _pick(lang, attrs["label_zh"], attrs["label_en"], local_name(iri))
        if not isinstance(attrs["number"], int):
            attrs["number"] = None
        G.add_node(iri, **{k: v for k, v in attrs.items() if v is not None})


def _add_edges(G: nx.MultiDiGraph, rows, lang: str) -> None:
    keys = {}
    for row in rows:
        values = row.values()
        source, target, relation = values["source"], values["target"], values["relation"]
        if relation not in keys:
            keys[relation] = local_name(relation)
        key = keys[relation]
        if source not in G or target not in G:
            continue
        if G.has_edge(source, target, key):
            _also_in(G.edges[source, target, key], values["plan"])
            continue
        attrs = {
            "relation": relation,
            "label_zh": _text(values, "label_zh"),
            "label_en": _text(values, "label_en"),
            "rationale_zh": _text(values, "rationale_zh"),
            "rationale_en": _text(values, "rationale_en"),
            "plan": values["plan"],
        }
        attrs["label"] = _pick(lang, attrs["label_zh"], attrs["label_en"], key)
        G.add_edge(source, target, key=key, **{k: v for k, v in attrs.items() if v is not None})


def view_graph(kg, view: str | View = View.ALL, lang: str = "zh", *, plan: str | None = None) -> nx.MultiDiGraph:
    """Return one view of a plan graph as a NetworkX graph.

    Parameters
    ----------
    kg : PlanGraph
        The plan, on any engine or endpoint.
    view : {"structure", "places", "dependencies", "all"}, default "all"
        The subgraph; see :mod:`plankg.exports.views`.
    lang : {"zh", "en"}, default "zh"
        The language of the ``label`` and ``type_label`` attributes (the
        other language is the fallback where a label is missing).
    plan : str, optional
        The plan to draw (its IRI or prefix); by default every plan loaded,
        each node and edge tagged with its ``plan``.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI, edges keyed by the relation's local name, in the
        queries' order; ``G.graph`` holds ``view``, ``lang``, ``name``,
        ``plan`` (the IRIs of the plans drawn, space-separated) and ``title``
        (the plan's label, or the number of plans, and the view's name).

    Raises
    ------
    ExportError
        For an unknown view or language.
    ParameterError
        If ``plan`` names no loaded plan.
    QueryError
        If a view's query fails.
    """
    view = View.parse(view)
    if lang not in _LANGS:
        raise ExportError(f"unknown language {lang!r}; use zh or en")
    chosen = {} if plan is None else {"plan": kg.resolve_plan(plan)}
    G = nx.MultiDiGraph(view=view.value, lang=lang, name=f"plankg {view.value}")
    answers = query_side_by_side(kg, [(f"export-{part.value}-{kind}", chosen)
                                      for part in view.parts for kind in ("nodes", "edges")])
    results = list(zip(answers[::2], answers[1::2]))
    for nodes, _ in results:
        _add_nodes(G, nodes, lang)
    for _, edges in results:
        _add_edges(G, edges, lang)
    rank = {info.iri: i for i, info in enumerate(kg.plans)}
    for _, attrs in G.nodes(data=True):
        if " " in attrs.get("plan", ""):
            attrs["plan"] = " ".join(sorted(attrs["plan"].split(), key=lambda iri: (rank.get(iri, len(rank)), iri)))
    drawn = [info for info in kg.plans if info.iri == chosen.get("plan", info.iri)]
    G.graph["plan"] = " ".join(info.iri for info in drawn)
    if len(drawn) == 1:
        name = one_line(drawn[0].label(lang))
    else:
        name = f"plankg · {len(drawn)} 个规划" if lang == "zh" else f"plankg · {len(drawn)} plans"
    G.graph["title"] = f"{name} · {view.label(lang)}"
    return G
