"""Dependency analysis: what must come first, what depends on what, what a change reaches.

:func:`dependencies` reads the plan through named queries, builds the
dependency graph (:func:`~plankg.analysis.structure.dependency_graph`) and the
task support graph, and reports the cycles among the support links (with the
links that form them), an implementation order (topological generations), the
tasks the most others depend on, what a change to each task reaches, the
longest chains, and the tasks no support link touches.

The support links are the curated layer's judgements (``plan:supports``). With
``asserted_only=True`` the curated layer is left out, and the report says what
that drops and how the order changes.

Examples
--------
>>> import plankg
>>> report = plankg.dependencies(plankg.load())
>>> len(report.generations), [len(g) for g in report.generations]
(3, [16, 5, 4])
>>> [t.ordinal for t in report.generations[1]]
[8, 10, 12, 15, 21]
>>> report.cycles
()
>>> asserted = plankg.dependencies(plankg.load(), asserted_only=True)
>>> asserted.curated_effect.support_links_dropped, len(asserted.generations)
(12, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from . import centrality
from .entity import Entity
from .order import (
    CuratedEffect,
    Cycle,
    SupportLink,
    curated_effect,
    find_cycles,
    order,
    support_links,
)
from .plandata import PlanData, chosen_plan, read_plan
from .reporting import JSONReport, Table, headings, plan_dict, plan_tables, rounded, say, titles, with_plan
from .structure import dependency_graph, support_graph

__all__ = [
    "TaskStanding",
    "Reach",
    "DependencyReport",
    "dependencies",
    "dependency_report",
]

@dataclass(frozen=True)
class TaskStanding:
    """How much a task is depended on, in the graph of support links.

    Attributes
    ----------
    in_degree : int
        How many tasks depend on it directly (in the graph with an edge from
        each task to each task it depends on).
    out_degree : int
        How many tasks it depends on directly.
    pagerank : float
        PageRank in that graph: high for tasks that many tasks, or important
        ones, depend on, directly or not.
    betweenness : float
        Normalised betweenness: how often it lies between two other tasks on a
        chain of dependencies.
    generation : int
        Its step in the implementation order (0 first).
    """

    task: Entity
    area: Entity | None
    generation: int
    in_degree: int
    out_degree: int
    pagerank: float
    betweenness: float
    in_cycle: bool

    def to_dict(self) -> dict:
        """The task's IRI and area's IRI, and the measures."""
        return {
            "task": self.task.iri,
            "area": self.area.iri if self.area else None,
            "generation": self.generation,
            "in_degree": self.in_degree,
            "out_degree": self.out_degree,
            "pagerank": rounded(self.pagerank),
            "betweenness": rounded(self.betweenness),
            "in_cycle": self.in_cycle,
        }


@dataclass(frozen=True)
class Reach:
    """What a change to a task reaches: its descendants in the dependency graph."""

    task: Entity
    tasks: tuple[Entity, ...]
    action_plans: tuple[Entity, ...]
    targets: tuple[Entity, ...]
    initiatives: tuple[Entity, ...]

    def to_dict(self) -> dict:
        """The task's IRI and the IRIs it reaches, by kind."""
        return {
            "task": self.task.iri,
            "tasks": [e.iri for e in self.tasks],
            "action_plans": [e.iri for e in self.action_plans],
            "targets": [e.iri for e in self.targets],
            "initiatives": [e.iri for e in self.initiatives],
        }


@dataclass(frozen=True)
class DependencyReport(JSONReport):
    """The dependency analysis of a plan; see :func:`dependencies`.

    Attributes
    ----------
    asserted_only : bool
    nodes, edges : Mapping
        The dependency graph's size: nodes by kind, edges by relation.
    support_links : tuple of SupportLink
    cycles : tuple of Cycle
    generations : tuple of tuple of Entity
        The implementation order: every task of a generation depends only on
        tasks of earlier ones. Tasks in a cycle share a generation.
    standings : tuple of TaskStanding
        Every task, the most depended-on first.
    reach : tuple of Reach
        Every task's reach, by task number.
    longest_chains : tuple of tuple of tuple of Entity
        The longest chains of support links; each step is one task, or the
        tasks of a cycle.
    isolated_tasks : tuple of Entity
        Tasks no support link touches.
    unattached : tuple of Entity
        Entities the plan does not reach through areas, tasks and milestones.
    curated_effect : CuratedEffect or None
        With ``asserted_only``: what leaving the curated layer out changes.
    plan : Entity or None
        The plan analysed (``None`` if the graph holds no plan node).
    """

    asserted_only: bool
    nodes: Mapping[str, int]
    edges: Mapping[str, int]
    support_links: tuple[SupportLink, ...]
    cycles: tuple[Cycle, ...]
    generations: tuple[tuple[Entity, ...], ...]
    standings: tuple[TaskStanding, ...]
    reach: tuple[Reach, ...]
    longest_chains: tuple[tuple[tuple[Entity, ...], ...], ...]
    isolated_tasks: tuple[Entity, ...]
    unattached: tuple[Entity, ...]
    curated_effect: CuratedEffect | None = None
    plan: Entity | None = None

    def reach_of(self, task: str) -> Reach:
        """Return the reach of the task with IRI ``task``."""
        for reach in self.reach:
            if reach.task.iri == task:
                return reach
        raise KeyError(task)

    def most_depended_on(self) -> tuple[TaskStanding, ...]:
        """Return the standings of the tasks at least one task depends on."""
        return tuple(s for s in self.standings if s.in_degree > 0)

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data (see the module docs for the shape)."""
        return {
            "plan": plan_dict(self.plan),
            "asserted_only": self.asserted_only,
            "graph": {"nodes": dict(self.nodes), "edges": dict(self.edges)},
            "support_links": [link.to_dict() for link in self.support_links],
            "cycles": [c.to_dict() for c in self.cycles],
            "generations": [[t.iri for t in g] for g in self.generations],
            "standings": [s.to_dict() for s in self.standings],
            "reach": [r.to_dict() for r in self.reach],
            "longest_chains": [[[t.iri for t in step] for step in chain] for chain in self.longest_chains],
            "isolated_tasks": [t.iri for t in self.isolated_tasks],
            "unattached": [e.iri for e in self.unattached],
            "curated_effect": self.curated_effect.to_dict() if self.curated_effect else None,
            "entities": {e.iri: e.to_dict() for e in _mentioned(self)},
        }

    def tables(self, lang: str = "zh") -> dict[str, Table]:
        """Return the report's tables: ``tasks`` (the main one), ``support_links``, ``cycles``."""
        reach = {r.task.iri: r for r in self.reach}
        tasks = Table(
            "tasks",
            say(lang, "任务依赖", "Task dependencies"),
            ("ordinal", "task", "label", "area", "generation", "in_degree", "out_degree",
             "pagerank", "betweenness", "in_cycle", "reaches_tasks"),
            headings(lang, "序号|任务|名称|板块|代|被依赖|依赖|PageRank|介数|在环中|波及任务",
                     "No.|Task|Label|Area|Generation|Depended on by|Depends on|PageRank|Betweenness|In cycle|"
                     "Reaches tasks"),
            tuple(
                (s.task.ordinal, s.task.iri, s.task.label(lang), s.area.ordinal if s.area else None,
                 s.generation + 1, s.in_degree, s.out_degree, rounded(s.pagerank), rounded(s.betweenness),
                 s.in_cycle, len(reach[s.task.iri].tasks))
                for s in sorted(self.standings, key=lambda s: s.task.sort_key)
            ),
        )
        links = Table(
            "support_links",
            say(lang, "支撑关系", "Support links"),
            ("supporting", "supported", "link", "rationale"),
            headings(lang, "支撑任务|被支撑任务|关系|理由", "Supporting|Supported|Link|Rationale"),
            tuple((link.supporting.title(lang), link.supported.title(lang), link.link, link.rationales.get(lang))
                  for link in self.support_links),
        )
        cycles = Table(
            "cycles",
            say(lang, "环路", "Cycles"),
            ("cycle", "tasks", "links"),
            headings(lang, "环路|任务|关系", "Cycle|Tasks|Links"),
            tuple((i + 1, " → ".join(t.title(lang) for t in c.tasks), " ".join(link.link or "" for link in c.links))
                  for i, c in enumerate(self.cycles)),
        )
        return plan_tables({"tasks": tasks, "support_links": links, "cycles": cycles}, self.plan, lang)

    def _order_lines(self, lang: str) -> list[str]:
        n = len(self.generations)
        lines = [say(lang, f"实施顺序({n} 代):", f"Implementation order ({n} generation(s)):")]
        for i, generation in enumerate(self.generations):
            head = say(lang, f"  第 {i + 1} 代({len(generation)} 项):", f"  {i + 1}. ({len(generation)}): ")
            lines.append(head + titles(generation, lang))
        lines.append(say(lang, "被依赖最多的任务:", "Most depended-on tasks:"))
        for s in self.most_depended_on()[:10]:
            measures = (s.in_degree, s.pagerank, s.betweenness)
            lines.append(f"  {s.task.title(lang)} — " + say(
                lang, "被 {} 项任务直接依赖,PageRank {:.3f},介数 {:.3f}",
                "{} task(s) depend on it directly, PageRank {:.3f}, betweenness {:.3f}").format(*measures))
        return lines + ([] if self.most_depended_on() else [say(lang, "  无", "  none")])

    def _reach_lines(self, lang: str) -> list[str]:
        lines = [say(lang, "改动波及(经支撑关系到达的任务):", "What a change reaches (tasks, through support links):")]
        reaching = [r for r in self.reach if r.tasks]
        lines.extend(f"  {r.task.title(lang)} → {titles(r.tasks, lang)}" for r in reaching)
        if not reaching:
            lines.append(say(lang, "  无", "  none"))
        n = len(self.longest_chains[0]) - 1 if self.longest_chains else 0
        lines.append(say(lang, f"最长链({n} 级):", f"Longest chains ({n} link(s)):"))
        for chain in self.longest_chains:
            steps = ("{" + titles(step, lang) + "}" if len(step) > 1 else step[0].title(lang) for step in chain)
            lines.append("  " + " → ".join(steps))
        return lines + ([] if self.longest_chains else [say(lang, "  无", "  none")])

    def to_text(self, lang: str = "zh") -> str:
        """Return a readable summary in ``lang``."""
        head = say(lang, "依赖分析", "Dependency analysis")
        lines = [head + (say(lang, "(仅原文断言)", " (asserted only)") if self.asserted_only else "")]
        nodes, edges = sum(self.nodes.values()), sum(self.edges.values())
        lines.append(say(lang, f"结构图:{nodes} 个节点,{edges} 条边", f"Structure graph: {nodes} nodes, {edges} edges"))
        if self.curated_effect:
            lines.append(self.curated_effect.to_text(lang))
        n = len(self.support_links)
        lines.append(say(lang, f"支撑关系:{n} 条", f"Support links: {n}"))
        if not self.support_links:
            lines.append(say(lang, "  没有支撑关系,全部任务可同时开展(一代)。",
                             "  No support links: every task can start at once (one generation)."))
        lines.append(say(lang, f"环路:{len(self.cycles) or '无'}", f"Cycles: {len(self.cycles) or 'none'}"))
        for cycle in self.cycles:
            lines.append("  " + " → ".join(t.title(lang) for t in (*cycle.tasks, cycle.tasks[0])))
            lines.extend(f"    {link.link or ''} {link.labels.get(lang, '')}".rstrip() for link in cycle.links)
        lines += self._order_lines(lang) + self._reach_lines(lang)
        n = len(self.isolated_tasks)
        lines.append(say(lang, f"无支撑关系的任务({n} 项):", f"Tasks no support link touches ({n}): ")
                     + titles(self.isolated_tasks, lang))
        if self.unattached:
            n = len(self.unattached)
            lines.append(say(lang, f"未挂接到规划的实体({n} 个):", f"Not attached to the plan ({n}): ")
                         + titles(self.unattached, lang))
        return with_plan("\n".join(lines), self.plan, lang)


def _mentioned(report: DependencyReport) -> list[Entity]:
    found = [e for s in report.standings for e in (s.task, s.area) if e is not None]
    found += [e for r in report.reach for e in (*r.action_plans, *r.targets, *r.initiatives)]
    found += report.unattached
    return sorted({e.iri: e for e in found}.values(), key=lambda e: e.sort_key)


def _standings(data: PlanData, support: nx.DiGraph, generations, cycles) -> list[TaskStanding]:
    """Measure each task in the graph with an edge from a task to each task it depends on."""
    entity = data.entity
    depends_on = support.reverse(copy=False)
    generation_of = {t.iri: i for i, g in enumerate(generations) for t in g}
    pagerank = nx.pagerank(depends_on) if len(support) else {}
    betweenness = centrality.betweenness(depends_on)
    in_cycle = {t.iri for c in cycles for t in c.tasks}
    area_of = {link.target: entity(link.source) for link in data.linked("hasTask")}
    standings = [
        TaskStanding(
            task=entity(t), area=area_of.get(t), generation=generation_of.get(t, 0),
            in_degree=depends_on.in_degree(t), out_degree=depends_on.out_degree(t),
            pagerank=pagerank.get(t, 0.0), betweenness=betweenness.get(t, 0.0), in_cycle=t in in_cycle,
        )
        for t in support
    ]
    standings.sort(key=lambda s: (-s.in_degree, -round(s.pagerank, 9), -round(s.betweenness, 9), s.task.sort_key))
    return standings


def _reach(full: nx.DiGraph, tasks: list[Entity], entity) -> list[Reach]:
    """Return each task's descendants in the dependency graph, by kind."""
    successors = {n: tuple(full.successors(n)) for n in full}
    reach = []
    for task in tasks:
        found = sorted((entity(n) for n in _descendants(successors, task.iri)), key=lambda e: e.sort_key)
        reach.append(Reach(
            task,
            tuple(e for e in found if e.kind == "task"),
            tuple(e for e in found if e.kind == "action-plan"),
            tuple(e for e in found if e.kind == "target"),
            tuple(e for e in found if e.kind != "target" and "project" in e.kinds),
        ))
    return reach


def _descendants(successors: Mapping[str, tuple[str, ...]], start: str) -> set[str]:
    """Return the nodes reachable from ``start``, without ``start`` itself, as ``nx.descendants`` does."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        for n in successors.get(stack.pop(), ()):
            if n not in seen:
                seen.add(n)
                stack.append(n)
    seen.discard(start)
    return seen


def _unattached(full: nx.DiGraph) -> list[Entity]:
    """Return the areas, tasks and milestones no plan reaches in the dependency graph."""
    roots = [n for n, kind in full.nodes(data="kind") if kind == "plan"]
    attached = set(roots).union(*(nx.descendants(full, r) for r in roots)) if roots else set()
    loose = (full.nodes[n]["entity"] for n in full if n not in attached)
    return sorted((e for e in loose if e.kind in ("area", "task", "milestone")), key=lambda e: e.sort_key)


def dependency_report(data: PlanData, *, asserted_only: bool = False) -> DependencyReport:
    """Analyse dependencies in a plan already read (see :func:`dependencies`)."""
    effect = curated_effect(data) if asserted_only else None
    if asserted_only:
        data = data.asserted()
    entity = data.entity
    full, support = dependency_graph(data), support_graph(data)
    links = support_links(data)
    cycles = find_cycles(support, links, entity)
    generations, chains = order(support, entity)
    tasks = sorted((entity(t) for t in support), key=lambda e: e.sort_key)
    return DependencyReport(
        asserted_only=asserted_only,
        nodes=dict(sorted(Counter(kind for _, kind in full.nodes(data="kind")).items())),
        edges=dict(sorted(Counter(r for *_, r in full.edges(data="relation")).items())),
        support_links=links,
        cycles=cycles,
        generations=generations,
        standings=tuple(_standings(data, support, generations, cycles)),
        reach=tuple(_reach(full, tasks, entity)),
        longest_chains=chains,
        isolated_tasks=tuple(t for t in tasks if support.degree(t.iri) == 0),
        unattached=tuple(_unattached(full)),
        plan=data.plan_entity,
        curated_effect=effect,
    )


def dependencies(kg, *, asserted_only: bool = False, plan: str | None = None) -> DependencyReport:
    """Analyse what must come first in a plan, and what depends on what.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).
    asserted_only : bool, default False
        Leave the curated layer out: no support or implementation links.
        The report's ``curated_effect`` then says what that changes.

    Returns
    -------
    DependencyReport

    Raises
    ------
    QueryError, EndpointError
        If the graph cannot be queried.

    Examples
    --------
    >>> import plankg
    >>> kg = plankg.load()
    >>> report = plankg.dependencies(kg)
    >>> [(s.task.ordinal, s.in_degree) for s in report.most_depended_on()]
    [(15, 2), (14, 2), (9, 2), (8, 2), (24, 1), (2, 1), (3, 1), (11, 1)]
    >>> [t.ordinal for t in report.reach_of(kg.plans[0].uri_space + "task/08").tasks]
    [6, 7]
    """
    data = read_plan(kg, parts=("curated",), plan=chosen_plan(kg, plan))
    return dependency_report(data, asserted_only=asserted_only)
