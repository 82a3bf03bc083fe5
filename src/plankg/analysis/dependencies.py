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
(2, [19, 6])
>>> [t.ordinal for t in report.generations[1]]
[6, 7, 10, 12, 16, 17]
>>> report.cycles
()
>>> asserted = plankg.dependencies(plankg.load(), asserted_only=True)
>>> asserted.curated_effect.support_links_dropped, len(asserted.generations)
(6, 1)
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from .plandata import CuratedLink, Entity, PlanData, read_plan
from .reporting import Table, dumps, rounded, say, titles
from .structure import dependency_graph, support_graph

__all__ = [
    "SupportLink",
    "Cycle",
    "TaskStanding",
    "Reach",
    "CuratedEffect",
    "DependencyReport",
    "dependencies",
    "dependency_report",
]

#: At most this many cycles and chains are listed.
MAX_LISTED = 50


@dataclass(frozen=True)
class SupportLink:
    """A curated support link: ``supported`` depends on ``supporting``."""

    supporting: Entity
    supported: Entity
    link: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    rationales: Mapping[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        """``supporting``, ``supported``, ``link`` (IRIs), ``label_*``, ``rationale_*``."""
        return {
            "supporting": self.supporting.iri,
            "supported": self.supported.iri,
            "link": self.link,
            "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"),
            "rationale_zh": self.rationales.get("zh"),
            "rationale_en": self.rationales.get("en"),
        }


@dataclass(frozen=True)
class Cycle:
    """Tasks that support each other in a ring, and the links that close it.

    ``tasks`` starts with the lowest-numbered task; ``links[i]`` goes from
    ``tasks[i]`` to the next task, the last back to the first.
    """

    tasks: tuple[Entity, ...]
    links: tuple[SupportLink, ...]

    def to_dict(self) -> dict:
        """``tasks`` (IRIs) and ``links``."""
        return {"tasks": [t.iri for t in self.tasks], "links": [l.to_dict() for l in self.links]}


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
class CuratedEffect:
    """What leaving the curated layer out changes."""

    support_links_dropped: int
    implementation_links_dropped: int
    generations_with_curated: int
    generations_without: int
    cycles_with_curated: int

    def to_dict(self) -> dict:
        """The counts, by field name."""
        return dict(self.__dict__)

    def to_text(self, lang: str = "zh") -> str:
        """Say what leaving the curated layer out changes."""
        return say(
            lang,
            f"仅用原文断言(不含标注层):去掉 {self.support_links_dropped} 条支撑关系、"
            f"{self.implementation_links_dropped} 条落实关系;实施顺序由 "
            f"{self.generations_with_curated} 代变为 {self.generations_without} 代"
            + (f",{self.cycles_with_curated} 个环路随之消失。" if self.cycles_with_curated else "。"),
            f"Asserted only (curated layer left out): {self.support_links_dropped} support link(s) and "
            f"{self.implementation_links_dropped} implementation link(s) dropped; the implementation "
            f"order goes from {self.generations_with_curated} generation(s) to {self.generations_without}"
            + (f", and {self.cycles_with_curated} cycle(s) go with them." if self.cycles_with_curated else "."),
        )


@dataclass(frozen=True)
class DependencyReport:
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
            "asserted_only": self.asserted_only,
            "graph": {"nodes": dict(self.nodes), "edges": dict(self.edges)},
            "support_links": [l.to_dict() for l in self.support_links],
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

    def to_json(self) -> str:
        """Return :meth:`to_dict` as indented JSON."""
        return dumps(self.to_dict())

    def tables(self, lang: str = "zh") -> dict[str, Table]:
        """Return the report's tables: ``tasks`` (the main one), ``support_links``, ``cycles``."""
        tasks = Table(
            "tasks",
            say(lang, "任务依赖", "Task dependencies"),
            ("ordinal", "task", "label", "area", "generation", "in_degree", "out_degree",
             "pagerank", "betweenness", "in_cycle", "reaches_tasks"),
            (*say(lang, "序号|任务|名称|板块|代|被依赖|依赖|PageRank|介数|在环中|波及任务", "No.|Task|Label|Area|Generation|Depended on by|Depends on|PageRank|Betweenness|In cycle|Reaches tasks").split("|"),),
            tuple(
                (s.task.ordinal, s.task.iri, s.task.label(lang), s.area.ordinal if s.area else None,
                 s.generation + 1, s.in_degree, s.out_degree, rounded(s.pagerank), rounded(s.betweenness),
                 s.in_cycle, len(self.reach_of(s.task.iri).tasks))
                for s in sorted(self.standings, key=lambda s: s.task.sort_key)
            ),
        )
        links = Table(
            "support_links",
            say(lang, "支撑关系", "Support links"),
            ("supporting", "supported", "link", "rationale"),
            (*say(lang, "支撑任务|被支撑任务|关系|理由", "Supporting|Supported|Link|Rationale").split("|"),),
            tuple((l.supporting.title(lang), l.supported.title(lang), l.link, l.rationales.get(lang))
                  for l in self.support_links),
        )
        cycles = Table(
            "cycles",
            say(lang, "环路", "Cycles"),
            ("cycle", "tasks", "links"),
            (*say(lang, "环路|任务|关系", "Cycle|Tasks|Links").split("|"),),
            tuple((i + 1, " → ".join(t.title(lang) for t in c.tasks), " ".join(l.link or "" for l in c.links))
                  for i, c in enumerate(self.cycles)),
        )
        return {"tasks": tasks, "support_links": links, "cycles": cycles}

    def to_text(self, lang: str = "zh") -> str:
        """Return a readable summary in ``lang``."""
        lines = [say(lang, "依赖分析", "Dependency analysis")
                 + (say(lang, "(仅原文断言)", " (asserted only)") if self.asserted_only else "")]
        lines.append(say(lang, "结构图:", "Structure graph: ")
                     + say(lang, f"{sum(self.nodes.values())} 个节点,{sum(self.edges.values())} 条边",
                           f"{sum(self.nodes.values())} nodes, {sum(self.edges.values())} edges"))
        if self.curated_effect:
            lines.append(self.curated_effect.to_text(lang))
        lines.append(say(lang, f"支撑关系:{len(self.support_links)} 条", f"Support links: {len(self.support_links)}"))
        if not self.support_links:
            lines.append(say(lang, "  没有支撑关系,全部任务可同时开展(一代)。",
                             "  No support links: every task can start at once (one generation)."))
        lines.append(say(lang, f"环路:{len(self.cycles) or '无'}", f"Cycles: {len(self.cycles) or 'none'}"))
        for cycle in self.cycles:
            ring = " → ".join(t.title(lang) for t in (*cycle.tasks, cycle.tasks[0]))
            lines.append(f"  {ring}")
            lines.extend(f"    {l.link or ''} {l.labels.get(lang, '')}".rstrip() for l in cycle.links)
        lines.append(say(lang, f"实施顺序({len(self.generations)} 代):", f"Implementation order ({len(self.generations)} generation(s)):"))
        for i, generation in enumerate(self.generations):
            head = say(lang, f"  第 {i + 1} 代({len(generation)} 项):", f"  {i + 1}. ({len(generation)}): ")
            lines.append(head + titles(generation, lang))
        lines.append(say(lang, "被依赖最多的任务:", "Most depended-on tasks:"))
        for s in self.most_depended_on()[:10]:
            lines.append(f"  {s.task.title(lang)} — " + say(
                lang, f"被 {s.in_degree} 项任务直接依赖,PageRank {s.pagerank:.3f},介数 {s.betweenness:.3f}",
                f"{s.in_degree} task(s) depend on it directly, PageRank {s.pagerank:.3f}, betweenness {s.betweenness:.3f}"))
        if not self.most_depended_on():
            lines.append(say(lang, "  无", "  none"))
        lines.append(say(lang, "改动波及(经支撑关系到达的任务):", "What a change reaches (tasks, through support links):"))
        for r in self.reach:
            if r.tasks:
                lines.append(f"  {r.task.title(lang)} → {titles(r.tasks, lang)}")
        chain_len = len(self.longest_chains[0]) - 1 if self.longest_chains else 0
        lines.append(say(lang, f"最长链({chain_len} 级):", f"Longest chains ({chain_len} link(s)):"))
        for chain in self.longest_chains:
            lines.append("  " + " → ".join("{" + titles(step, lang) + "}" if len(step) > 1 else step[0].title(lang) for step in chain))
        lines.append(say(lang, f"无支撑关系的任务({len(self.isolated_tasks)} 项):", f"Tasks no support link touches ({len(self.isolated_tasks)}): ")
                     + titles(self.isolated_tasks, lang))
        if self.unattached:
            lines.append(say(lang, f"未挂接到规划的实体({len(self.unattached)} 个):", f"Not attached to the plan ({len(self.unattached)}): ")
                         + titles(self.unattached, lang))
        return "\n".join(lines)


def _mentioned(report: DependencyReport) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for s in report.standings:
        seen.setdefault(s.task.iri, s.task)
        if s.area:
            seen.setdefault(s.area.iri, s.area)
    for r in report.reach:
        for e in (*r.action_plans, *r.targets, *r.initiatives):
            seen.setdefault(e.iri, e)
    for e in report.unattached:
        seen.setdefault(e.iri, e)
    return sorted(seen.values(), key=lambda e: e.sort_key)


def _support_links(data: PlanData, entity) -> tuple[SupportLink, ...]:
    nodes: dict[tuple[str, str], CuratedLink] = {
        (c.source, c.target): c for c in data.curated if c.relation == "supports"
    }
    out = []
    for link in data.linked("supports"):
        node = nodes.get((link.source, link.target))
        out.append(SupportLink(entity(link.source), entity(link.target), node.link if node else None,
                               node.labels if node else {}, node.rationales if node else {}))
    return tuple(sorted(out, key=lambda l: (l.supporting.sort_key, l.supported.sort_key)))


def _cycles(graph: nx.DiGraph, links: tuple[SupportLink, ...], entity) -> tuple[Cycle, ...]:
    by_pair = {(l.supporting.iri, l.supported.iri): l for l in links}
    cycles = []
    for ring in itertools.islice(nx.simple_cycles(graph), MAX_LISTED):
        start = min(range(len(ring)), key=lambda i: entity(ring[i]).sort_key)
        ring = ring[start:] + ring[:start]
        pairs = zip(ring, ring[1:] + ring[:1])
        cycles.append(Cycle(tuple(entity(t) for t in ring), tuple(by_pair[p] for p in pairs)))
    return tuple(sorted(cycles, key=lambda c: (len(c.tasks), [t.sort_key for t in c.tasks])))


def _order(graph: nx.DiGraph, entity):
    """Return the generations and longest chains over the condensation."""
    condensed = nx.condensation(graph)
    members = {n: sorted((entity(t) for t in condensed.nodes[n]["members"]), key=lambda e: e.sort_key)
               for n in condensed}
    generations = [sorted((t for n in gen for t in members[n]), key=lambda e: e.sort_key)
                   for gen in nx.topological_generations(condensed)]
    depth: dict[int, int] = {}
    for n in nx.topological_sort(condensed):
        depth[n] = max((depth[p] + 1 for p in condensed.predecessors(n)), default=0)
    longest = max(depth.values(), default=0)
    chains = []
    if longest > 0:
        def back(node):
            if depth[node] == 0:
                yield [node]
                return
            for p in condensed.predecessors(node):
                if depth[p] == depth[node] - 1:
                    for chain in back(p):
                        yield chain + [node]
        ends = [n for n in condensed if depth[n] == longest]
        found = itertools.islice((c for n in ends for c in back(n)), MAX_LISTED * 4)
        chains = [tuple(tuple(members[n]) for n in chain) for chain in found]
        chains.sort(key=lambda c: [[t.sort_key for t in step] for step in c])
    return tuple(tuple(g) for g in generations), tuple(chains[:MAX_LISTED])


def _effect(data: PlanData) -> CuratedEffect:
    full = support_graph(data)
    generations = len(list(nx.topological_generations(nx.condensation(full)))) if len(full) else 0
    asserted = support_graph(data.asserted())
    return CuratedEffect(
        support_links_dropped=len(data.linked("supports")),
        implementation_links_dropped=len(data.linked("implements")),
        generations_with_curated=generations,
        generations_without=len(list(nx.topological_generations(nx.condensation(asserted)))) if len(asserted) else 0,
        cycles_with_curated=sum(1 for _ in itertools.islice(nx.simple_cycles(full), MAX_LISTED)),
    )


def dependency_report(data: PlanData, *, asserted_only: bool = False) -> DependencyReport:
    """Analyse dependencies in a plan already read (see :func:`dependencies`)."""
    effect = _effect(data) if asserted_only else None
    if asserted_only:
        data = data.asserted()
    entity = data.entity
    full = dependency_graph(data)
    support = support_graph(data)
    depends_on = support.reverse(copy=False)
    links = _support_links(data, entity)
    cycles = _cycles(support, links, entity)
    generations, chains = _order(support, entity)
    generation_of = {t.iri: i for i, g in enumerate(generations) for t in g}
    pagerank = nx.pagerank(depends_on) if len(support) else {}
    betweenness = nx.betweenness_centrality(depends_on)
    in_cycle = {t.iri for c in cycles for t in c.tasks}
    area_of = {l.target: entity(l.source) for l in data.linked("hasTask")}
    standings = [
        TaskStanding(
            task=entity(t), area=area_of.get(t), generation=generation_of.get(t, 0),
            in_degree=depends_on.in_degree(t), out_degree=depends_on.out_degree(t),
            pagerank=pagerank.get(t, 0.0), betweenness=betweenness.get(t, 0.0), in_cycle=t in in_cycle,
        )
        for t in support
    ]
    standings.sort(key=lambda s: (-s.in_degree, -round(s.pagerank, 9), -round(s.betweenness, 9), s.task.sort_key))
    reach = []
    for task in sorted((entity(t) for t in support), key=lambda e: e.sort_key):
        found = sorted((entity(n) for n in nx.descendants(full, task.iri)), key=lambda e: e.sort_key)
        reach.append(Reach(
            task,
            tuple(e for e in found if e.kind == "task"),
            tuple(e for e in found if e.kind == "action-plan"),
            tuple(e for e in found if e.kind == "target"),
            tuple(e for e in found if e.kind != "target" and "project" in e.kinds),
        ))
    roots = [n for n, d in full.nodes(data="entity") if d.kind == "plan"]
    attached = set(roots).union(*(nx.descendants(full, r) for r in roots)) if roots else set()
    unattached = sorted((full.nodes[n]["entity"] for n in full if n not in attached
                         and full.nodes[n]["entity"].kind in ("area", "task", "milestone")),
                        key=lambda e: e.sort_key)
    return DependencyReport(
        asserted_only=asserted_only,
        nodes=dict(sorted(Counter(d.kind for _, d in full.nodes(data="entity")).items())),
        edges=dict(sorted(Counter(r for *_, r in full.edges(data="relation")).items())),
        support_links=links,
        cycles=cycles,
        generations=generations,
        standings=tuple(standings),
        reach=tuple(reach),
        longest_chains=chains,
        isolated_tasks=tuple(sorted((entity(t) for t in support if support.degree(t) == 0), key=lambda e: e.sort_key)),
        unattached=tuple(unattached),
        curated_effect=effect,
    )


def dependencies(kg, *, asserted_only: bool = False) -> DependencyReport:
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
    >>> report = plankg.dependencies(plankg.load())
    >>> [(s.task.ordinal, s.in_degree) for s in report.most_depended_on()]
    [(8, 2), (15, 2), (9, 1), (14, 1)]
    >>> [t.ordinal for t in report.reach_of("https://w3id.org/plankg/kunshan-2022/task/08").tasks]
    [6, 7]
    """
    return dependency_report(read_plan(kg, parts=("curated",)), asserted_only=asserted_only)
