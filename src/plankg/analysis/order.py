"""Implementation order over the task support graph: cycles, generations, chains.

The support graph has an edge from each supporting task to the task it
supports (:func:`~plankg.analysis.structure.support_graph`). Tasks that
support each other in a ring cannot be put in order; they are found as
cycles, reported with the support links that close them, and collapsed into
one step (NetworkX's condensation: each strongly connected component becomes
one node). Over that acyclic graph:

* the implementation order is its topological generations: every task of a
  generation depends only on tasks of earlier generations, and the tasks in a
  cycle share a generation;
* the longest chains are its longest paths, each step a task or the tasks of
  a cycle.

:func:`curated_effect` says what leaving the curated layer out changes to
that order (:class:`CuratedEffect`).

Examples
--------
>>> import networkx as nx
>>> from plankg.analysis.entity import Entity
>>> tasks = {n: Entity(f"urn:t{n}", "task", ("task",), ordinal=n) for n in range(1, 5)}
>>> g = nx.DiGraph([("urn:t1", "urn:t2"), ("urn:t2", "urn:t3"), ("urn:t3", "urn:t2")])
>>> g.add_node("urn:t4")
>>> entity = lambda iri: tasks[int(iri[5:])]
>>> generations, chains = order(g, entity)
>>> [[t.ordinal for t in g] for g in generations]
[[1, 4], [2, 3]]
>>> [[[t.ordinal for t in step] for step in chain] for chain in chains]
[[[1], [2, 3]]]
>>> links = (SupportLink(tasks[2], tasks[3], "urn:l23"), SupportLink(tasks[3], tasks[2], "urn:l32"))
>>> [[l.link for l in c.links] for c in find_cycles(g, links, entity)]
[['urn:l23', 'urn:l32']]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from .entity import Entity
from .plandata import CuratedLink, PlanData
from .reporting import say
from .structure import support_graph

__all__ = [
    "MAX_LISTED", "SupportLink", "Cycle", "CuratedEffect", "support_links", "find_cycles", "order",
    "generation_count", "curated_effect",
]

#: At most this many cycles and chains are listed.
MAX_LISTED = 50


@dataclass(frozen=True)
class SupportLink:
    """A curated support link: ``supported`` depends on ``supporting``.

    Attributes
    ----------
    supporting, supported : Entity
    link : str or None
        The IRI of the qualified ``plan:Support`` node that records the judgement.
    labels, rationales : Mapping
        The node's labels and rationale by language.
    """

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
        """``tasks`` (IRIs, in ring order) and ``links``."""
        return {"tasks": [t.iri for t in self.tasks], "links": [link.to_dict() for link in self.links]}


def support_links(data: PlanData) -> tuple[SupportLink, ...]:
    """Return the plan's support links with their qualified nodes, in task order.

    Parameters
    ----------
    data : PlanData
        Read with the ``"curated"`` part, for the nodes and rationales.

    Returns
    -------
    tuple of SupportLink
    """
    nodes: dict[tuple[str, str], CuratedLink] = {
        (c.source, c.target): c for c in data.curated if c.relation == "supports"
    }
    out = []
    for link in data.linked("supports"):
        node = nodes.get((link.source, link.target))
        out.append(SupportLink(data.entity(link.source), data.entity(link.target), node.link if node else None,
                               node.labels if node else {}, node.rationales if node else {}))
    return tuple(sorted(out, key=lambda link: (link.supporting.sort_key, link.supported.sort_key)))


def find_cycles(graph: nx.DiGraph, links: tuple[SupportLink, ...],
                entity: Callable[[str], Entity]) -> tuple[Cycle, ...]:
    """Return the simple cycles of a support graph: the first :data:`MAX_LISTED` found.

    Parameters
    ----------
    graph : networkx.DiGraph
        The support graph (nodes are task IRIs).
    links : tuple of SupportLink
        Its links, to name those that close each cycle.
    entity : callable
        Gives the :class:`Entity` of an IRI.

    Returns
    -------
    tuple of Cycle
        Those found, shortest first, then by task number. A graph with more
        than :data:`MAX_LISTED` cycles has shorter ones than some listed.
    """
    by_pair = {(link.supporting.iri, link.supported.iri): link for link in links}
    cycles = []
    for ring in itertools.islice(nx.simple_cycles(graph), MAX_LISTED):
        start = min(range(len(ring)), key=lambda i: entity(ring[i]).sort_key)
        ring = ring[start:] + ring[:start]
        pairs = zip(ring, ring[1:] + ring[:1])
        cycles.append(Cycle(tuple(entity(t) for t in ring),
                            tuple(by_pair.get(p) or SupportLink(entity(p[0]), entity(p[1])) for p in pairs)))
    return tuple(sorted(cycles, key=lambda c: (len(c.tasks), [t.sort_key for t in c.tasks])))


def _chains(condensed: nx.DiGraph, members) -> list[tuple[tuple[Entity, ...], ...]]:
    depth: dict[int, int] = {}
    for n in nx.topological_sort(condensed):
        depth[n] = max((depth[p] + 1 for p in condensed.predecessors(n)), default=0)
    longest = max(depth.values(), default=0)
    if longest == 0:
        return []

    def back(end):
        # Walk back from ``end`` one generation at a time, with a stack rather
        # than recursion, so that a chain of thousands of tasks is no problem.
        stack = [(end, [end])]
        while stack:
            node, tail = stack.pop()
            if depth[node] == 0:
                yield tail[::-1]
                continue
            earlier = [p for p in condensed.predecessors(node) if depth[p] == depth[node] - 1]
            stack.extend((p, tail + [p]) for p in reversed(earlier))

    ends = [n for n in condensed if depth[n] == longest]
    found = itertools.islice((c for n in ends for c in back(n)), MAX_LISTED * 4)
    chains = [tuple(tuple(members[n]) for n in chain) for chain in found]
    chains.sort(key=lambda c: [[t.sort_key for t in step] for step in c])
    return chains[:MAX_LISTED]


def order(graph: nx.DiGraph, entity: Callable[[str], Entity]):
    """Return the implementation order and the longest chains of a support graph.

    Parameters
    ----------
    graph : networkx.DiGraph
        The support graph; cycles are allowed.
    entity : callable
        Gives the :class:`Entity` of an IRI.

    Returns
    -------
    generations : tuple of tuple of Entity
        The topological generations of the condensation, tasks in plan order.
    chains : tuple of tuple of tuple of Entity
        The longest paths of the condensation (none if it has no edge); each
        step holds one task, or the tasks of a cycle.
    """
    condensed = nx.condensation(graph)
    members = {n: sorted((entity(t) for t in condensed.nodes[n]["members"]), key=lambda e: e.sort_key)
               for n in condensed}
    generations = [sorted((t for n in gen for t in members[n]), key=lambda e: e.sort_key)
                   for gen in nx.topological_generations(condensed)]
    return tuple(tuple(g) for g in generations), tuple(_chains(condensed, members))


def generation_count(graph: nx.DiGraph) -> int:
    """Return how many generations the implementation order of ``graph`` has.

    >>> generation_count(nx.DiGraph([(1, 2), (2, 3), (3, 2)]))
    2
    """
    return sum(1 for _ in nx.topological_generations(nx.condensation(graph))) if len(graph) else 0


@dataclass(frozen=True)
class CuratedEffect:
    """What leaving the curated layer out changes."""

    support_links_dropped: int
    implementation_links_dropped: int
    generations_with_curated: int
    generations_without: int
    cycles_with_curated: int  # capped at MAX_LISTED

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
            + (f",{self._cycles} 个环路随之消失。" if self.cycles_with_curated else "。"),
            f"Asserted only (curated layer left out): {self.support_links_dropped} support link(s) and "
            f"{self.implementation_links_dropped} implementation link(s) dropped; the implementation "
            f"order goes from {self.generations_with_curated} generation(s) to {self.generations_without}"
            + (f", and {self._cycles} cycle(s) go with them." if self.cycles_with_curated else "."),
        )

    @property
    def _cycles(self) -> str:
        """The cycle count as words say it: a count at the cap is a lower bound."""
        n = self.cycles_with_curated
        return f"≥{n}" if n >= MAX_LISTED else str(n)


def curated_effect(data: PlanData) -> CuratedEffect:
    """Return what leaving the curated layer out of ``data`` changes to the order.

    >>> import plankg
    >>> from plankg.analysis.plandata import read_plan
    >>> curated_effect(read_plan(plankg.load())).generations_with_curated
    3
    """
    full = support_graph(data)
    return CuratedEffect(
        support_links_dropped=len(data.linked("supports")),
        implementation_links_dropped=len(data.linked("implements")),
        generations_with_curated=generation_count(full),
        generations_without=generation_count(support_graph(data.asserted())),
        cycles_with_curated=sum(1 for _ in itertools.islice(nx.simple_cycles(full), MAX_LISTED)),
    )
