"""Place analysis: which towns and zones carry the plan, and which work together.

:func:`places` builds the bipartite graph of tasks and places
(:func:`~plankg.analysis.structure.task_place_graph`: a task names a place by
a role, as a region to connect to, or as an initiative), projects it onto the
places (two places are joined when a task names both; the weight is the
number of such tasks), and reports each place's tasks, partners and
centrality, the pairs that work together, NetworkX communities of the
projection (greedy modularity, deterministic), and how those communities
compare with the plan's own clusters (组团).

Examples
--------
>>> import plankg
>>> report = plankg.places(plankg.load())
>>> [p.place.label("zh") for p in report.standings][:3]
['昆山开发区', '千灯镇', '张浦镇']
>>> len(report.communities), [len(c) for c in report.communities]
(5, [5, 5, 3, 3, 2])
>>> [(m.cluster.label("zh"), m.contained) for m in report.clusters][:1]
[('国际数字商务贸易组团', True)]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from . import centrality
from .entity import Entity
from .plandata import PlanData, chosen_plan, read_plan
from .reporting import (
    JSONReport,
    Table,
    entity_map,
    headings,
    plan_dict,
    plan_tables,
    rounded,
    say,
    titles,
    with_plan,
)
from .structure import PLACE_RELATIONS, place_order, task_place_graph

__all__ = ["PlaceLink", "PlaceStanding", "PlacePair", "ClusterMatch", "PlacesReport", "places", "places_report",
           "place_projection"]


@dataclass(frozen=True)
class PlaceLink:
    """A task naming a place: by a ``role`` (``involves``), as a region (``connectsTo``), or as an initiative."""

    task: Entity
    place: Entity
    relation: str
    role: str | None = None
    role_labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    relation_labels: Mapping[str, str] = field(default_factory=dict, compare=False)

    def how(self, lang: str = "zh") -> str:
        """The role's label in ``lang`` or, without a role, the relation's (``对接区域``)."""
        if self.role:
            return self.role_labels.get(lang) or self.role
        return self.relation_labels.get(lang) or self.relation

    def to_dict(self) -> dict:
        """``task``, ``place`` (IRIs), ``relation``, ``role`` (local names)."""
        return {"task": self.task.iri, "place": self.place.iri, "relation": self.relation, "role": self.role}


@dataclass(frozen=True)
class PlaceStanding:
    """A place's tasks, partners and centrality.

    Attributes
    ----------
    tasks : tuple of Entity
        The tasks that name it.
    partners : tuple of Entity
        The places named together with it by some task.
    degree_centrality, betweenness : float
        In the place projection (normalised).
    community : int or None
        Its community's index in :attr:`PlacesReport.communities` (0-based).
    """

    place: Entity
    tasks: tuple[Entity, ...]
    links: tuple[PlaceLink, ...]
    partners: tuple[Entity, ...]
    degree_centrality: float
    betweenness: float
    community: int | None

    def to_dict(self) -> dict:
        """The place's IRI, its tasks' and partners' IRIs, roles and measures."""
        return {
            "place": self.place.iri,
            "tasks": [t.iri for t in self.tasks],
            "roles": sorted({link.role for link in self.links if link.role}),
            "partners": [p.iri for p in self.partners],
            "degree_centrality": rounded(self.degree_centrality),
            "betweenness": rounded(self.betweenness),
            "community": self.community,
        }


@dataclass(frozen=True)
class PlacePair:
    """Two places that tasks name together; ``tasks`` are those tasks."""

    a: Entity
    b: Entity
    tasks: tuple[Entity, ...]

    def to_dict(self) -> dict:
        """``places`` (two IRIs) and ``tasks`` (IRIs)."""
        return {"places": [self.a.iri, self.b.iri], "tasks": [t.iri for t in self.tasks], "weight": len(self.tasks)}


@dataclass(frozen=True)
class ClusterMatch:
    """A cluster the plan forms (组团), and the community that best matches it."""

    cluster: Entity
    task: Entity | None
    places: tuple[Entity, ...]
    community: int | None
    jaccard: float
    contained: bool

    def to_dict(self) -> dict:
        """``cluster``, ``task``, ``places`` (IRIs), ``community``, ``jaccard``, ``contained``."""
        return {"cluster": self.cluster.iri, "task": self.task.iri if self.task else None,
                "places": [p.iri for p in self.places], "community": self.community,
                "jaccard": rounded(self.jaccard), "contained": self.contained}


@dataclass(frozen=True)
class PlacesReport(JSONReport):
    """The place analysis of a plan; see :func:`places`.

    Attributes
    ----------
    links : tuple of PlaceLink
        The edges of the task–place bipartite graph.
    standings : tuple of PlaceStanding
        Every place some task names, the most central first.
    pairs : tuple of PlacePair
        The edges of the projection, heaviest first.
    communities : tuple of tuple of Entity
        Communities of the projection, largest first.
    clusters : tuple of ClusterMatch
        The plan's clusters against the communities.
    unnamed : tuple of Entity
        Places no task names (such as the place the plan covers).
    plan : Entity or None
        The plan analysed (``None`` if the graph holds no plan node).
    """

    links: tuple[PlaceLink, ...]
    standings: tuple[PlaceStanding, ...]
    pairs: tuple[PlacePair, ...]
    communities: tuple[tuple[Entity, ...], ...]
    clusters: tuple[ClusterMatch, ...]
    unnamed: tuple[Entity, ...]
    plan: Entity | None = None

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data (see the module docs for the shape)."""
        entities = {e.iri: e for link in self.links for e in (link.task, link.place)}
        entities.update({m.cluster.iri: m.cluster for m in self.clusters})
        entities.update({e.iri: e for e in self.unnamed})
        return {
            "plan": plan_dict(self.plan),
            "links": [link.to_dict() for link in self.links],
            "standings": [s.to_dict() for s in self.standings],
            "pairs": [p.to_dict() for p in self.pairs],
            "communities": [[p.iri for p in c] for c in self.communities],
            "clusters": [m.to_dict() for m in self.clusters],
            "unnamed": [e.iri for e in self.unnamed],
            "entities": entity_map(entities),
        }

    def tables(self, lang: str = "zh") -> dict[str, Table]:
        """Return ``places`` (the main table), ``pairs`` and ``clusters``."""
        places = Table(
            "places", say(lang, "地点", "Places"),
            ("place", "label", "class", "tasks", "roles", "partners", "degree_centrality", "betweenness",
             "community"),
            headings(lang, "地点|名称|类别|任务|角色|协同地点数|度中心性|介数|社区",
                     "Place|Label|Class|Tasks|Roles|Partners|Degree centrality|Betweenness|Community"),
            tuple((s.place.iri, s.place.label(lang), s.place.class_labels.get(lang), _tags(s.tasks, lang),
                   " ".join(sorted({link.how(lang) for link in s.links})), len(s.partners),
                   rounded(s.degree_centrality), rounded(s.betweenness), _number(s.community))
                  for s in self.standings),
        )
        pairs = Table(
            "pairs", say(lang, "协同地点", "Places working together"), ("place_a", "place_b", "weight", "tasks"),
            headings(lang, "地点甲|地点乙|共同任务数|任务", "Place A|Place B|Shared tasks|Tasks"),
            tuple((p.a.label(lang), p.b.label(lang), len(p.tasks), _tags(p.tasks, lang)) for p in self.pairs),
        )
        clusters = Table(
            "clusters", say(lang, "组团与社区", "Clusters and communities"),
            ("cluster", "task", "places", "community", "jaccard", "contained"),
            headings(lang, "组团|任务|地点|社区|Jaccard|包含于社区", "Cluster|Task|Places|Community|Jaccard|Contained"),
            tuple((m.cluster.label(lang), m.task.tag(lang) if m.task else None, titles(m.places, lang),
                   _number(m.community), rounded(m.jaccard), m.contained) for m in self.clusters),
        )
        return plan_tables({"places": places, "pairs": pairs, "clusters": clusters}, self.plan, lang)

    def to_text(self, lang: str = "zh") -> str:
        """Return a readable summary in ``lang``."""
        links, named = len(self.links), len(self.standings)
        lines = [say(lang, "地点分析", "Place analysis"),
                 say(lang, f"任务—地点关系 {links} 条,涉及地点 {named} 个",
                     f"{links} task–place links, {named} places named"),
                 say(lang, "最核心的地点:", "Most central places:")]
        for s in self.standings[:10]:
            roles = ", ".join(sorted({link.how(lang) for link in s.links}))
            tasks = ("、" if lang == "zh" else "; ").join(t.tag(lang) for t in s.tasks)
            lines.append(f"  {s.place.label(lang)} — " + say(
                lang, "{} 项任务({}),{};协同地点 {} 个,介数 {:.3f}",
                "{} task(s) ({}), {}; {} partner(s), betweenness {:.3f}",
            ).format(len(s.tasks), tasks, roles, len(s.partners), s.betweenness))
        lines.append(say(lang, "协同地点(同一任务点名):", "Places working together (named by the same task):"))
        lines.extend(f"  {p.a.label(lang)} — {p.b.label(lang)} ({_tags(p.tasks, lang)})" for p in self.pairs[:20])
        if len(self.pairs) > 20:
            more = len(self.pairs) - 20
            lines.append(say(lang, f"  ……另 {more} 对", f"  … {more} more pair(s)"))
        n = len(self.communities)
        lines.append(say(lang, f"社区(贪心模块度,{n} 个):", f"Communities (greedy modularity, {n}):"))
        lines.extend(f"  {i + 1}. " + titles(c, lang) for i, c in enumerate(self.communities))
        lines.append(say(lang, "规划的组团与社区:", "The plan's clusters against the communities:"))
        for m in self.clusters:
            where = say(lang, "社区 {}", "community {}").format(m.community + 1) if m.community is not None else "—"
            task = m.task.tag(lang) if m.task else "—"
            lines.append(f"  {m.cluster.label(lang)} ({task}): {titles(m.places, lang)} → {where}, "
                         f"Jaccard {m.jaccard:.2f}" + (say(lang, ",完全包含", ", contained") if m.contained else ""))
        if self.unnamed:
            lines.append(say(lang, "未被任务点名的地点:", "Places no task names: ") + titles(self.unnamed, lang))
        return with_plan("\n".join(lines), self.plan, lang)


def _tags(entities, lang: str) -> str:
    return " ".join(e.tag(lang) for e in entities)


def _number(index: int | None) -> int | None:
    return None if index is None else index + 1


def _communities(projection: nx.Graph, entity, rank: dict[str, int]) -> list[list[Entity]]:
    if projection.number_of_edges() == 0:
        groups = [{n} for n in projection]
    else:
        groups = nx.community.greedy_modularity_communities(projection, weight="weight")
    ordered = [sorted((entity(n) for n in g), key=lambda e: rank[e.iri]) for g in groups]
    return sorted(ordered, key=lambda c: (-len(c), rank[c[0].iri]))


def _standings(named, links, projection: nx.Graph, community_of, entity) -> list[PlaceStanding]:
    degree = nx.degree_centrality(projection) if len(projection) > 1 else {n: 0.0 for n in projection}
    betweenness = centrality.betweenness(projection)
    links_of: dict[str, list[PlaceLink]] = {}
    for link in links:
        links_of.setdefault(link.place.iri, []).append(link)
    standings = []
    for place in named:
        mine = tuple(links_of.get(place, ()))
        standings.append(PlaceStanding(
            place=entity(place),
            tasks=tuple(sorted({link.task for link in mine}, key=lambda e: e.sort_key)),
            links=mine,
            partners=tuple(sorted((entity(n) for n in projection.neighbors(place)), key=lambda e: e.sort_key)),
            degree_centrality=degree.get(place, 0.0),
            betweenness=betweenness.get(place, 0.0),
            community=community_of.get(place),
        ))
    return standings


def _clusters(data: PlanData, communities, rank) -> list[ClusterMatch]:
    entity = data.entity
    formed_by = {link.target: entity(link.source) for link in data.linked("formsCluster")}
    members: dict[str, list[Entity]] = {}
    for link in data.linked("includesPlace"):
        members.setdefault(link.source, []).append(entity(link.target))
    community_of = {e.iri: i for i, community in enumerate(communities) for e in community}
    matches = []
    for cluster in data.of_kind("cluster"):
        inside = {p.iri for p in members.get(cluster.iri, [])}
        # Only the communities holding one of its places can share any: the others score 0 and never win.
        shared = Counter(community_of[iri] for iri in inside if iri in community_of)
        best, score = None, 0.0
        for i in sorted(shared):
            jaccard = shared[i] / (len(inside) + len(communities[i]) - shared[i])
            if jaccard > score:
                best, score = i, jaccard
        contained = best is not None and shared[best] == len(inside)
        places = sorted(members.get(cluster.iri, []), key=lambda e: rank.get(e.iri, 1 << 30))
        matches.append(ClusterMatch(cluster, formed_by.get(cluster.iri), tuple(places), best, score, contained))
    return sorted(matches, key=lambda m: (m.task.sort_key if m.task else (9,), m.cluster.iri))


def place_projection(bipartite: nx.Graph, rank: Mapping[str, int]) -> tuple[nx.Graph, dict]:
    """Project the task–place graph onto the places some task names.

    Parameters
    ----------
    bipartite : networkx.Graph
        From :func:`~plankg.analysis.structure.task_place_graph`.
    rank : Mapping of str to int
        Each place's position in plan order (:func:`~plankg.analysis.structure.place_order`).

    Returns
    -------
    projection : networkx.Graph
        The named places in plan order; an edge joins two places some task names
        together, its ``weight`` the number of such tasks.
    shared : dict
        ``(place a, place b)`` (IRIs, in plan order) to the tasks naming both.
    """
    named = [n for n, side in bipartite.nodes(data="bipartite") if side == 1 and bipartite.degree(n) > 0]
    shared: dict[tuple[str, str], list[Entity]] = {}
    for task in (t for t, side in bipartite.nodes(data="bipartite") if side == 0):
        for a, b in itertools.combinations(sorted(bipartite.neighbors(task), key=rank.__getitem__), 2):
            shared.setdefault((a, b), []).append(bipartite.nodes[task]["entity"])
    projection = nx.Graph()
    projection.add_nodes_from(sorted(named, key=rank.__getitem__))
    for (a, b), tasks in shared.items():
        projection.add_edge(a, b, weight=len(tasks))
    return projection, shared


def places_report(data: PlanData) -> PlacesReport:
    """Analyse places in a plan already read (see :func:`places`)."""
    entity = data.entity
    bipartite = task_place_graph(data)
    links = tuple(
        PlaceLink(entity(link.source), entity(link.target), link.relation, link.role, link.role_labels,
                  link.relation_labels)
        for link in data.links
        if link.relation in PLACE_RELATIONS and bipartite.has_edge(link.source, link.target)
    )
    ordered = place_order(data)
    rank = {p.iri: i for i, p in enumerate(ordered)}
    named = [n for n, side in bipartite.nodes(data="bipartite") if side == 1 and bipartite.degree(n) > 0]
    projection, shared = place_projection(bipartite, rank)
    communities = _communities(projection, entity, rank)
    community_of = {e.iri: i for i, c in enumerate(communities) for e in c}
    standings = _standings(named, links, projection, community_of, entity)
    standings.sort(key=lambda s: (-len(s.tasks), -round(s.betweenness, 9), -round(s.degree_centrality, 9),
                                  rank[s.place.iri]))
    pairs = sorted((PlacePair(entity(a), entity(b), tuple(t)) for (a, b), t in shared.items()),
                   key=lambda p: (-len(p.tasks), rank[p.a.iri], rank[p.b.iri]))
    unnamed = tuple(p for p in ordered if bipartite.degree(p.iri) == 0)
    return PlacesReport(links, tuple(standings), tuple(pairs), tuple(tuple(c) for c in communities),
                        tuple(_clusters(data, communities, rank)), unnamed, plan=data.plan_entity)


def places(kg, *, plan: str | None = None) -> PlacesReport:
    """Analyse which places the plan's tasks name, and which work together.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).

    Returns
    -------
    PlacesReport

    Raises
    ------
    QueryError, EndpointError
        If the graph cannot be queried.

    Examples
    --------
    >>> import plankg
    >>> report = plankg.places(plankg.load())
    >>> [(p.a.label("zh"), p.b.label("zh")) for p in report.pairs][:2]
    [('花桥国际商务城', '陆家镇'), ('花桥国际商务城', '上海')]
    >>> [e.label("zh") for e in report.unnamed]
    ['昆山', '苏州', '长三角', '长三角生态绿色一体化发展示范区协调区(昆山)']
    """
    return places_report(read_plan(kg, plan=chosen_plan(kg, plan)))
