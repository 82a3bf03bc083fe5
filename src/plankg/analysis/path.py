"""How two entities of a plan connect: the shortest meaningful paths between them.

:func:`connection` finds the entities two names stand for (a label in Chinese
or English, an alternative label such as 花桥, or an IRI) and explains how
they connect, step by step, with labels.

What "meaningful" means
-----------------------
1. A path follows only the plan's own relations between its entities: plan
   and area, area and task, task and place (with the role), region, cluster,
   initiative, target, action plan (the curated implementation links), task
   and task (the curated support links), plan and milestone, milestone and the
   next milestone, cluster and place, plan and the place it covers. It never
   follows ``rdf:type``, ``skos:inScheme``, sources, periods, units,
   comparators, roles or directions: these tie unrelated entities together
   through shared vocabulary (every action plan has the same period).
2. The plan itself is a hub every area, action plan and milestone hangs on;
   "both are in the plan" says little. A step into or out of the plan costs
   2 instead of 1, so a path through the plan is chosen only when every path
   avoiding it is more than 2 steps longer.
3. Among the paths of least cost, up to ``limit`` are reported, fewest steps
   first, then in plan order.

A name is matched exactly (ignoring case) against labels and alternative
labels first; failing that, as a part of one. A name that matches several
entities stands for all of them, and the paths from or to any of them count.

Examples
--------
>>> import plankg
>>> report = plankg.connection(plankg.load(), "花桥", "共同富裕")
>>> print(report.paths[0].to_text("zh"))
花桥国际商务城 ←[涉及地点:引领]— 任务1 向东接轨上海 ←[包含任务]— 板块01 争当区域一体发展的县域示范
←[包含板块]— 关于打造社会主义现代化建设县域示范 走好新时代“昆山之路”的总体方案 —[包含板块]→
板块06 争当实现共同富裕的县域示范
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from ..errors import AnalysisError
from ..namespaces import PREFIXES
from .entity import Entity
from .plandata import Link, PlanData, chosen_plan, read_plan
from .reporting import JSONReport, Table, entity_map, headings, plan_dict, plan_tables, say, titles, with_plan
from .structure import connection_graph

__all__ = ["MEANINGFUL", "Step", "Route", "ConnectionReport", "resolve", "connection", "connection_report"]

#: The definition of a meaningful path, as the JSON output states it.
MEANINGFUL = (
    "plan relations only (no rdf:type, inScheme, source, period, unit, comparator, role or direction edges); "
    "a step into or out of the plan costs 2, any other step 1; least-cost paths, fewest steps first"
)

#: A name that matches more entities than this is too vague.
MAX_MATCHES = 12


@dataclass(frozen=True)
class Step:
    """One entity on a path, and the link that leads on from it (none for the last)."""

    entity: Entity
    link: Link | None = None

    @property
    def forward(self) -> bool:
        """Whether the link points from this entity to the next."""
        return self.link is not None and self.link.source == self.entity.iri

    def to_dict(self) -> dict:
        """``entity`` (IRI), and ``relation``, ``role``, ``direction`` of the link on."""
        if self.link is None:
            return {"entity": self.entity.iri, "relation": None, "role": None, "direction": None}
        return {"entity": self.entity.iri, "relation": self.link.relation, "role": self.link.role,
                "direction": "forward" if self.forward else "backward"}


@dataclass(frozen=True)
class Route:
    """A path between the two entities: its steps, cost and whether it passes the plan."""

    steps: tuple[Step, ...]
    cost: float
    via_hub: bool

    @property
    def hops(self) -> int:
        """The number of links on the path."""
        return len(self.steps) - 1

    def to_text(self, lang: str = "zh") -> str:
        """Return the path as one line: ``A ←[relation]— B —[relation]→ C``."""
        parts = []
        for step in self.steps:
            parts.append(step.entity.title(lang))
            if step.link is None:
                continue
            name = step.link.relation_label(lang)
            role = step.link.role_label(lang)
            name = f"{name}{':' if lang == 'zh' else ': '}{role}" if role else name
            parts.append(f"—[{name}]→" if step.forward else f"←[{name}]—")
        return " ".join(parts)

    def to_dict(self) -> dict:
        """``hops``, ``cost``, ``via_hub`` and ``steps``."""
        return {"hops": self.hops, "cost": self.cost, "via_hub": self.via_hub,
                "steps": [s.to_dict() for s in self.steps]}


@dataclass(frozen=True)
class ConnectionReport(JSONReport):
    """How two entities connect; see :func:`connection`.

    Attributes
    ----------
    a, b : str
        The names asked for.
    a_matches, b_matches : tuple of Entity
        The entities they stand for.
    paths : tuple of Route
        The shortest meaningful paths; empty if the two are not connected.
    asserted_only : bool
    plan : Entity or None
        The plan analysed (``None`` if the graph holds no plan node).
    """

    a: str
    b: str
    a_matches: tuple[Entity, ...]
    b_matches: tuple[Entity, ...]
    paths: tuple[Route, ...]
    asserted_only: bool = False
    plan: Entity | None = None

    @property
    def connected(self) -> bool:
        """Whether any path joins the two."""
        return bool(self.paths)

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data (see the module docs for the shape)."""
        entities = {e.iri: e for e in (*self.a_matches, *self.b_matches)}
        entities.update({s.entity.iri: s.entity for p in self.paths for s in p.steps})
        return {
            "plan": plan_dict(self.plan),
            "a": {"name": self.a, "matches": [e.iri for e in self.a_matches]},
            "b": {"name": self.b, "matches": [e.iri for e in self.b_matches]},
            "asserted_only": self.asserted_only,
            "connected": self.connected,
            "definition": MEANINGFUL,
            "paths": [p.to_dict() for p in self.paths],
            "entities": entity_map(entities),
        }

    def tables(self, lang: str = "zh") -> dict[str, Table]:
        """Return ``paths``: one row per step of each path."""
        rows = tuple(
            (i + 1, j, s.entity.iri, s.entity.title(lang),
             s.link.relation if s.link else None, ("forward" if s.forward else "backward") if s.link else None)
            for i, p in enumerate(self.paths) for j, s in enumerate(p.steps)
        )
        return plan_tables({"paths": Table(
            "paths", say(lang, "路径", "Paths"), ("path", "step", "entity", "label", "relation", "direction"),
            headings(lang, "路径|步|实体|名称|关系|方向", "Path|Step|Entity|Label|Relation|Direction"), rows)},
            self.plan, lang)

    def to_text(self, lang: str = "zh") -> str:
        """Return the paths, one per line, with a heading naming the two entities."""
        a, b = titles(self.a_matches, lang), titles(self.b_matches, lang)
        head = say(lang, f"{self.a}({a})与 {self.b}({b})", f"{self.a} ({a}) and {self.b} ({b})")
        if not self.paths:
            return with_plan(head + say(lang, ":没有路径相连。", ": not connected."), self.plan, lang)
        hops = self.paths[0].hops
        lines = [head + say(lang, f":最短路径 {hops} 步", f": shortest path {hops} step(s)")]
        for i, route in enumerate(self.paths):
            note = say(lang, "(经由规划本身)", " (through the plan itself)") if route.via_hub else ""
            lines.append(f"{i + 1}. {route.to_text(lang)}{note}")
        return with_plan("\n".join(lines), self.plan, lang)


def _expand(name: str, prefixes) -> str:
    prefix, sep, rest = name.partition(":")
    if sep and prefix in prefixes and not rest.startswith("//"):
        return prefixes[prefix] + rest
    return name


def resolve(data: PlanData, name: str, nodes=None) -> tuple[Entity, ...]:
    """Return the entities ``name`` stands for: an IRI, or a label matched exactly, else in part.

    Parameters
    ----------
    data : PlanData
        Read with the ``"names"`` part.
    name : str
        An IRI (``ks:task/06`` or absolute), a label, or an alternative label.
    nodes : container of str, optional
        Only entities among these IRIs count; all the plan's entities by default.

    Returns
    -------
    tuple of Entity

    Raises
    ------
    AnalysisError
        If nothing matches, or more than :data:`MAX_MATCHES` entities do.
    """
    nodes = data.entities if nodes is None else nodes
    wanted = name.strip()
    iri = _expand(wanted, data.prefixes or PREFIXES)
    if iri in nodes:
        return (data.entity(iri),)
    folded = wanted.casefold()
    candidates = [(iri, names) for iri, names in data.names.items() if iri in nodes]
    found = [iri for iri, names in candidates if any(n.casefold() == folded for n in names)]
    if not found and folded:
        found = [iri for iri, names in candidates if any(folded in n.casefold() for n in names)]
    if not found:
        raise AnalysisError(f"no entity of the plan is called {name!r}; try a label, an alternative label or an IRI")
    matches = sorted((data.entity(iri) for iri in found), key=lambda e: e.sort_key)
    if len(matches) > MAX_MATCHES:
        some = ", ".join(e.label("zh") for e in matches[:5])
        raise AnalysisError(f"{name!r} matches {len(matches)} entities ({some}, …); name one more precisely")
    return tuple(matches)


def connection_report(
    data: PlanData, a: str, b: str, *, limit: int = 3, asserted_only: bool = False
) -> ConnectionReport:
    """Explain how two entities connect, in a plan already read (see :func:`connection`)."""
    if asserted_only:
        data = data.asserted()
    graph = connection_graph(data)
    a_matches, b_matches = resolve(data, a, graph), resolve(data, b, graph)
    start, end = object(), object()
    graph.add_edges_from(((start, e.iri) for e in a_matches), cost=0.0)
    graph.add_edges_from(((e.iri, end) for e in b_matches), cost=0.0)
    try:
        found = list(itertools.islice(nx.all_shortest_paths(graph, start, end, weight="cost"), 200))
    except nx.NetworkXNoPath:
        found = []
    routes = []
    for nodes in dict.fromkeys(tuple(p[1:-1]) for p in found):
        steps = [Step(data.entity(n), graph.edges[n, m]["link"]) for n, m in zip(nodes, nodes[1:])]
        steps.append(Step(data.entity(nodes[-1])))
        cost = sum(graph.edges[n, m]["cost"] for n, m in zip(nodes, nodes[1:]))
        routes.append(Route(tuple(steps), cost, any(s.entity.kind == "plan" for s in steps)))
    routes.sort(key=lambda r: (r.hops, [s.entity.sort_key for s in r.steps]))
    return ConnectionReport(a, b, a_matches, b_matches, tuple(routes[:limit]), asserted_only, plan=data.plan_entity)


def connection(
    kg, a: str, b: str, *, limit: int = 3, asserted_only: bool = False, plan: str | None = None
) -> ConnectionReport:
    """Explain how two entities of a plan connect, by the shortest meaningful paths.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).
    a, b : str
        Each a label (Chinese or English), an alternative label, or an IRI
        (absolute or prefixed, such as ``ks:task/06``).
    limit : int, default 3
        The most paths to report.
    asserted_only : bool, default False
        Leave the curated layer (implementation and support links) out.

    Returns
    -------
    ConnectionReport

    Raises
    ------
    AnalysisError
        If a name matches no entity, or too many.
    QueryError, EndpointError
        If the graph cannot be queried.

    Examples
    --------
    >>> import plankg
    >>> report = plankg.connection(plankg.load(), "ks:task/12", "Task 19", limit=1)
    Traceback (most recent call last):
    ...
    plankg.errors.AnalysisError: no entity of the plan is called 'Task 19'; try a label, ...
    >>> report = plankg.connection(plankg.load(), "ks:task/12", "ks:task/19", limit=1)
    >>> print(report.paths[0].to_text("en"))
    Task 12: Concentrate efforts on building the city centre ←[supports]—
    Task 14: Make every effort to upgrade infrastructure functions —[supports]→
    Task 21: Do “multiplication”: focus on quality of life ←[has task]—
    Area 06: Strive to be a county-level demonstration of achieving common prosperity —[has task]→
    Task 19: Do “addition”: focus on raising people's incomes
    """
    # Names are read only if a name is not an IRI of the graph (a label to look up).
    data = read_plan(kg, parts=("names",), plan=chosen_plan(kg, plan), names_on_demand=True)
    return connection_report(data, a, b, limit=limit, asserted_only=asserted_only)
