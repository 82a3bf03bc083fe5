"""A plan read for analysis: its entities and links, through named queries only.

The analysis never looks at triples directly. It runs the ``analysis-*``
named queries with :meth:`plankg.PlanGraph.query`, so it works the same on
embedded Oxigraph, on rdflib and on a remote SPARQL endpoint, and turns their
rows into the typed records of this module: :class:`Entity`, :class:`Link`,
:class:`CuratedLink`, :class:`TargetRecord` and :class:`DeclaredCount`,
gathered in a :class:`PlanData`.

Examples
--------
>>> import plankg
>>> data = read_plan(plankg.load())
>>> len(data.of_kind("task")), len(data.of_kind("area"))
(25, 7)
>>> data.entity("https://w3id.org/plankg/kunshan-2022/task/06").title("en")
'Task 6: New-generation information technology industry'
>>> sum(link.curated for link in data.links), len(data.asserted().links) < len(data.links)
(32, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ..namespaces import PLAN, compact

__all__ = [
    "KINDS",
    "CURATED_RELATIONS",
    "Entity",
    "kind_word",
    "Link",
    "CuratedLink",
    "TargetRecord",
    "DeclaredCount",
    "PlanData",
    "read_plan",
]

#: The kinds of entity the analysis knows, most specific first: an entity of
#: two kinds (昆山未来城 is a place and a project) takes the first as its kind.
KINDS = ("plan", "area", "task", "action-plan", "milestone", "target", "cluster", "place", "project")

#: The relations of the curated layer: the ontology defines both as analysts'
#: judgements, each backed by a qualified ``plan:CuratedLink`` node.
CURATED_RELATIONS = frozenset({"implements", "supports"})

_WORDS = {
    "plan": ("规划", "Plan"),
    "area": ("板块", "Area"),
    "task": ("任务", "Task"),
    "action-plan": ("行动计划", "Action plan"),
    "milestone": ("时间节点", "Milestone"),
    "target": ("目标", "Target"),
    "cluster": ("组团", "Cluster"),
    "place": ("地点", "Place"),
    "project": ("举措", "Initiative"),
    "other": ("实体", "Entity"),
}


def _local(iri: str | None) -> str | None:
    return iri[len(PLAN):] if iri and iri.startswith(PLAN) else iri


def _pick(labels: Mapping[str, str], lang: str, default: str = "") -> str:
    return labels.get(lang) or labels.get("zh") or labels.get("en") or default


@dataclass(frozen=True, eq=False)
class Entity:
    """One entity of the plan, as the analysis sees it.

    Two entities are equal when their IRIs are, so entities can be graph
    nodes, set members and dictionary keys.

    Attributes
    ----------
    iri : str
    kind : str
        One of :data:`KINDS`, or ``"other"`` for an entity of none.
    kinds : tuple of str
        Every kind the entity has, in the order of :data:`KINDS`.
    classes : tuple of str
        Its asserted classes (IRIs).
    labels : Mapping
        ``rdfs:label`` by language (``"zh"``, ``"en"``).
    class_labels : Mapping
        The labels of its first class of kind ``kind`` (``镇`` / ``Town``).
    ordinal : int or None
        The number the plan gives it (areas, tasks, action plans).
    year : int or None
        The year of a milestone or target.
    """

    iri: str
    kind: str = "other"
    kinds: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    class_labels: Mapping[str, str] = field(default_factory=dict)
    ordinal: int | None = None
    year: int | None = None

    def __eq__(self, other) -> bool:
        return isinstance(other, Entity) and other.iri == self.iri

    def __hash__(self) -> int:
        return hash(self.iri)

    def __repr__(self) -> str:
        return f"<Entity {compact(self.iri)} {self.kind}>"

    @property
    def sort_key(self) -> tuple:
        """Order by kind, then number, then IRI."""
        rank = KINDS.index(self.kind) if self.kind in KINDS else len(KINDS)
        return (rank, self.ordinal if self.ordinal is not None else 1 << 30, self.iri)

    def label(self, lang: str = "zh") -> str:
        """Return the label in ``lang`` (falling back to the other), or the compact IRI."""
        return _pick(self.labels, lang, compact(self.iri))

    def title(self, lang: str = "zh") -> str:
        """Return a display title: ``任务6 新一代…`` / ``Task 6: New-generation …``."""
        zh, en = _WORDS.get(self.kind, _WORDS["other"])
        if self.ordinal is None or self.kind not in ("area", "task", "action-plan"):
            return self.label(lang)
        number = f"{self.ordinal:02d}" if self.kind == "area" else str(self.ordinal)
        if lang == "zh":
            return f"{zh}{number} {self.label('zh')}"
        return f"{en} {number}: {self.label('en')}"

    def to_dict(self) -> dict:
        """Return the stable JSON form: ``iri``, ``kind``, ``ordinal``, ``label_zh``, ``label_en``."""
        return {
            "iri": self.iri,
            "kind": self.kind,
            "ordinal": self.ordinal,
            "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"),
        }


def kind_word(kind: str, lang: str) -> str:
    """Return the word for a kind of entity in ``lang`` (``任务`` / ``Task``)."""
    zh, en = _WORDS.get(kind, _WORDS["other"])
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class Link:
    """A relation between two entities.

    Attributes
    ----------
    source, target : str
        The IRIs, in the direction of the RDF property.
    relation : str
        The property's local name in ``plan:`` (``hasTask``, ``involves`` …).
    role : str or None
        For ``involves``: the role's local name (``Lead``, ``Collaborator`` …).
    relation_labels, role_labels : Mapping
        Labels by language, from the ontology.
    """

    source: str
    relation: str
    target: str
    role: str | None = None
    relation_labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    role_labels: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def curated(self) -> bool:
        """Whether the link is an analyst's judgement (the curated layer)."""
        return self.relation in CURATED_RELATIONS

    def relation_label(self, lang: str = "zh") -> str:
        """Return the relation's label in ``lang``."""
        return _pick(self.relation_labels, lang, self.relation)

    def role_label(self, lang: str = "zh") -> str | None:
        """Return the role's label in ``lang``, if the link has a role."""
        return _pick(self.role_labels, lang, self.role or "") or None


@dataclass(frozen=True)
class CuratedLink:
    """A curated judgement with its qualified node, labels and rationale."""

    relation: str
    source: str
    target: str
    link: str | None
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    rationales: Mapping[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        """Return ``link``, ``source``, ``target``, ``label_*`` and ``rationale_*``."""
        return {
            "link": self.link,
            "source": self.source,
            "target": self.target,
            "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"),
            "rationale_zh": self.rationales.get("zh"),
            "rationale_en": self.rationales.get("en"),
        }


@dataclass(frozen=True)
class TargetRecord:
    """A target's year, task and the observations recorded for it."""

    target: str
    task: str | None
    year: int | None
    observations: int
    latest_observed_year: int | None


@dataclass(frozen=True)
class DeclaredCount:
    """A count the plan declares and the number of items the data names."""

    count: str
    counted_class: str
    declared: int
    enumerated: int
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    class_labels: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PlanData:
    """Everything the analysis reads from a plan graph."""

    entities: Mapping[str, Entity]
    links: tuple[Link, ...]
    curated: tuple[CuratedLink, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    counts: tuple[DeclaredCount, ...] = ()
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def entity(self, iri: str) -> Entity:
        """Return the entity of ``iri``; one of kind ``"other"`` if the plan lacks it."""
        found = self.entities.get(iri)
        return found if found is not None else Entity(iri)

    def of_kind(self, kind: str) -> list[Entity]:
        """Return the entities of ``kind`` (among their kinds), in order."""
        return sorted((e for e in self.entities.values() if kind in e.kinds), key=lambda e: e.sort_key)

    def linked(self, relation: str) -> list[Link]:
        """Return the links of one relation, in query order."""
        return [link for link in self.links if link.relation == relation]

    def asserted(self) -> PlanData:
        """Return the plan without its curated layer (what the source asserts)."""
        return replace(self, links=tuple(l for l in self.links if not l.curated), curated=())


def _labels(row, prefix: str = "label") -> dict[str, str]:
    out = {}
    for lang in ("zh", "en"):
        value = row.value(f"{prefix}_{lang}")
        if value is not None:
            out[lang] = value
    return out


def _entities(kg) -> dict[str, Entity]:
    found: dict[str, dict] = {}
    for row in kg.query("analysis-entities"):
        iri, kind, cls = row.value("entity"), row.value("kind"), row.value("class")
        item = found.setdefault(iri, {"kinds": {}, "classes": [], "labels": {}, "ordinal": None, "year": None})
        item["kinds"].setdefault(kind, _labels(row, "class_label"))
        if cls not in item["classes"]:
            item["classes"].append(cls)
        for lang, text in _labels(row).items():
            item["labels"].setdefault(lang, text)
        for key in ("ordinal", "year"):
            if item[key] is None and isinstance(row.value(key), int):
                item[key] = row.value(key)
    entities = {}
    for iri, item in found.items():
        kinds = tuple(k for k in KINDS if k in item["kinds"])
        entities[iri] = Entity(
            iri=iri,
            kind=kinds[0],
            kinds=kinds,
            classes=tuple(item["classes"]),
            labels=MappingProxyType(item["labels"]),
            class_labels=MappingProxyType(item["kinds"][kinds[0]]),
            ordinal=item["ordinal"],
            year=item["year"],
        )
    return entities


def _links(kg) -> tuple[Link, ...]:
    links, seen = [], set()
    for row in kg.query("analysis-links"):
        link = Link(
            source=row.value("source"),
            relation=_local(row.value("relation")),
            target=row.value("target"),
            role=_local(row.value("role")),
            relation_labels=MappingProxyType(_labels(row, "relation_label")),
            role_labels=MappingProxyType(_labels(row, "role_label")),
        )
        if link not in seen:
            seen.add(link)
            links.append(link)
    return tuple(links)


def _curated(kg) -> tuple[CuratedLink, ...]:
    out: dict[tuple, CuratedLink] = {}
    for row in kg.query("analysis-curated-links"):
        key = (_local(row.value("relation")), row.value("source"), row.value("target"))
        if key not in out:
            out[key] = CuratedLink(*key, link=row.value("link"), labels=_labels(row),
                                   rationales=_labels(row, "rationale"))
    return tuple(out.values())


def _targets(kg) -> tuple[TargetRecord, ...]:
    out: dict[str, TargetRecord] = {}
    for row in kg.query("analysis-targets"):
        target = row.value("target")
        if target not in out:
            out[target] = TargetRecord(
                target=target,
                task=row.value("task"),
                year=row.value("year") if isinstance(row.value("year"), int) else None,
                observations=row.value("observations") or 0,
                latest_observed_year=row.value("latest_observed_year"),
            )
    return tuple(out.values())


def _counts(kg) -> tuple[DeclaredCount, ...]:
    return tuple(
        DeclaredCount(
            count=row.value("count"),
            counted_class=row.value("class"),
            declared=row.value("declared"),
            enumerated=row.value("enumerated") or 0,
            labels=_labels(row),
            class_labels=_labels(row, "class_label"),
        )
        for row in kg.query("analysis-declared-counts")
    )


def _names(kg) -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for row in kg.query("analysis-names"):
        names.setdefault(row.value("entity"), []).append(row.value("name"))
    return {iri: tuple(values) for iri, values in names.items()}


def read_plan(kg, *, parts: Iterable[str] = ()) -> PlanData:
    """Read a plan's entities and links, and optionally more, by named queries.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine.
    parts : iterable of str
        Extra parts to read: ``"curated"`` (the curated links' nodes and
        rationales), ``"targets"`` (years and observations), ``"counts"``
        (declared against enumerated), ``"names"`` (labels and altLabels).

    Returns
    -------
    PlanData

    Raises
    ------
    QueryError, EndpointError
        If a query fails.
    """
    parts = set(parts)
    unknown = parts - {"curated", "targets", "counts", "names"}
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)}")
    return PlanData(
        entities=MappingProxyType(_entities(kg)),
        links=_links(kg),
        curated=_curated(kg) if "curated" in parts else (),
        targets=_targets(kg) if "targets" in parts else (),
        counts=_counts(kg) if "counts" in parts else (),
        names=MappingProxyType(_names(kg)) if "names" in parts else MappingProxyType({}),
    )
