"""A plan read for analysis: its entities and links, through named queries only.

The analysis never looks at triples directly. It runs the ``analysis-*``
named queries with :meth:`plankg.PlanGraph.query`, so it works the same on
embedded Oxigraph, on rdflib and on a remote SPARQL endpoint, and turns their
rows into typed records: :class:`~plankg.analysis.entity.Entity`,
:class:`Link`, :class:`CuratedLink`, :class:`TargetRecord` and
:class:`DeclaredCount`, gathered in a :class:`PlanData`.

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> data = read_plan(kg)
>>> len(data.of_kind("task")), len(data.of_kind("area"))
(25, 7)
>>> data.entity(kg.plans[0].uri_space + "task/06").title("en")
'Task 6: Move the new-generation IT industry cluster to high quality'
>>> sum(link.curated for link in data.links), len(data.asserted().links) < len(data.links)
(47, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ..errors import ParameterError
from ..namespaces import PLAN
from ..sparql.sidebyside import query_side_by_side
from .entity import KINDS, Entity, _pick

__all__ = [
    "CURATED_RELATIONS",
    "Link",
    "CuratedLink",
    "TargetRecord",
    "DeclaredCount",
    "PlanData",
    "NamesOnDemand",
    "read_plan",
    "read_plans",
    "chosen_plan",
]

#: The relations of the curated layer: the ontology defines both as analysts'
#: judgements, each backed by a qualified ``plan:CuratedLink`` node.
CURATED_RELATIONS = frozenset({"implements", "supports"})

def _local(iri: str | None) -> str | None:
    return iri[len(PLAN):] if iri and iri.startswith(PLAN) else iri


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
    """Everything the analysis reads from a plan graph.

    ``plan`` is the IRI of the plan read (``None`` when the graph holds one
    plan or none and no plan was chosen); :attr:`plan_entity` is its entity.
    """

    entities: Mapping[str, Entity]
    links: tuple[Link, ...]
    curated: tuple[CuratedLink, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    counts: tuple[DeclaredCount, ...] = ()
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Prefix to namespace, for reading and showing IRIs: the graph's (:attr:`plankg.PlanGraph.prefixes`).
    prefixes: Mapping[str, str] = field(default_factory=dict, compare=False)
    plan: str | None = None

    @property
    def plan_entity(self) -> Entity | None:
        """The plan the data is about: the chosen one, or the only plan in the data."""
        if self.plan is not None:
            return self.entity(self.plan)
        plans = self.of_kind("plan")
        return plans[0] if len(plans) == 1 else None

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
        return replace(self, links=tuple(link for link in self.links if not link.curated), curated=())


def _labels(row: dict, prefix: str = "label") -> dict[str, str]:
    zh, en = row.get(f"{prefix}_zh"), row.get(f"{prefix}_en")
    return {k: v for k, v in (("zh", zh), ("en", en)) if v is not None}


def _entities(rows: list[dict]) -> dict[str, Entity]:
    found: dict[str, dict] = {}
    for row in rows:
        iri, kind, cls = row["entity"], row["kind"], row["class"]
        item = found.get(iri)
        if item is None:
            item = found[iri] = {"kinds": {}, "classes": [], "labels": {}, "ordinal": None, "year": None}
        item["kinds"].setdefault(kind, _labels(row, "class_label"))
        if cls not in item["classes"]:
            item["classes"].append(cls)
        for lang, text in _labels(row).items():
            item["labels"].setdefault(lang, text)
        for key in ("ordinal", "year"):
            if item[key] is None and isinstance(row[key], int):
                item[key] = row[key]
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


def _links(rows: list[dict]) -> tuple[Link, ...]:
    links, seen, labels = [], set(), {}
    for row in rows:
        relation, role = row["relation"], row["role"]
        if relation not in labels:
            labels[relation] = MappingProxyType(_labels(row, "relation_label"))
        if role not in labels:
            labels[role] = MappingProxyType(_labels(row, "role_label"))
        link = Link(row["source"], _local(relation), row["target"], _local(role), labels[relation], labels[role])
        if link not in seen:
            seen.add(link)
            links.append(link)
    return tuple(links)


def _curated(rows: list[dict]) -> tuple[CuratedLink, ...]:
    out: dict[tuple, CuratedLink] = {}
    for row in rows:
        key = (_local(row["relation"]), row["source"], row["target"])
        if key not in out:
            out[key] = CuratedLink(*key, link=row["link"], labels=_labels(row), rationales=_labels(row, "rationale"))
    return tuple(out.values())


def _targets(rows: list[dict]) -> tuple[TargetRecord, ...]:
    out: dict[str, TargetRecord] = {}
    for row in rows:
        if row["target"] not in out:
            out[row["target"]] = TargetRecord(
                target=row["target"],
                task=row["task"],
                year=row["year"] if isinstance(row["year"], int) else None,
                observations=row["observations"] or 0,
                latest_observed_year=row["latest_observed_year"],
            )
    return tuple(out.values())


def _counts(rows: list[dict]) -> tuple[DeclaredCount, ...]:
    return tuple(
        DeclaredCount(
            count=row["count"],
            counted_class=row["class"],
            declared=row["declared"],
            enumerated=row["enumerated"] or 0,
            labels=_labels(row),
            class_labels=_labels(row, "class_label"),
        )
        for row in rows
    )


def _names(rows: list[dict]) -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for row in rows:
        names.setdefault(row["entity"], []).append(row["name"])
    return {iri: tuple(values) for iri, values in names.items()}


def chosen_plan(kg, plan: str | None) -> str | None:
    """Return the IRI of the plan to analyse in ``kg``.

    Parameters
    ----------
    kg : PlanGraph
    plan : str or None
        A plan's IRI or prefix; ``None`` for the only plan loaded.

    Returns
    -------
    str or None
        The plan's IRI; ``None`` when ``plan`` is ``None`` and the graph holds
        at most one plan (the analysis then reads everything).

    Raises
    ------
    ParameterError
        If ``plan`` names no loaded plan, or if it is ``None`` and several
        plans are loaded (their numbers are never merged).
    """
    if plan is not None:
        return kg.resolve_plan(plan)
    plans = kg.plans
    if len(plans) > 1:
        names = ", ".join(info.prefix or info.iri for info in plans)
        raise ParameterError(
            f"{len(plans)} plans are loaded ({names}); choose one with plan=... (--plan on the command line)"
        )
    return None


#: The named query each part of :class:`PlanData` is read from, and the builder of that part.
_PARTS = {
    "entities": ("analysis-entities", _entities),
    "links": ("analysis-links", _links),
    "curated": ("analysis-curated-links", _curated),
    "targets": ("analysis-targets", _targets),
    "counts": ("analysis-declared-counts", _counts),
    "names": ("analysis-names", _names),
}


def _wanted(parts: Iterable[str]) -> list[str]:
    parts = set(parts)
    unknown = parts - {"curated", "targets", "counts", "names"}
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)}")
    return ["entities", "links", *(p for p in _PARTS if p in parts)]


def _plan_data(kg, built: Mapping[str, object], plan: str | None) -> PlanData:
    return PlanData(
        entities=MappingProxyType(built["entities"]),
        links=built["links"],
        curated=built.get("curated", ()),
        targets=built.get("targets", ()),
        counts=built.get("counts", ()),
        names=MappingProxyType(built.get("names", {})),
        prefixes=MappingProxyType(dict(kg.prefixes)),
        plan=plan,
    )


class NamesOnDemand(Mapping):
    """The ``names`` part of a plan's data (entity IRI to its labels), read the first time it is looked at.

    An analysis that needs names only to find an entity the user named by its
    label (see :func:`plankg.analysis.path.resolve`) does not run the
    ``analysis-names`` query when the user gave IRIs.
    """

    def __init__(self, kg, plan: str | None):
        self._kg, self._plan, self._names = kg, plan, None

    def _read(self) -> dict[str, tuple[str, ...]]:
        if self._names is None:
            chosen = {} if self._plan is None else {"plan": self._plan}
            self._names = _names(self._kg.query(_PARTS["names"][0], **chosen).records())
        return self._names

    def __getitem__(self, iri: str) -> tuple[str, ...]:
        return self._read()[iri]

    def __iter__(self):
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __repr__(self) -> str:
        return "<NamesOnDemand (not read yet)>" if self._names is None else f"<NamesOnDemand {len(self._names)} entities>"


def read_plan(
    kg, *, parts: Iterable[str] = (), plan: str | None = None, names_on_demand: bool = False
) -> PlanData:
    """Read a plan's entities and links, and optionally more, by named queries.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine.
    parts : iterable of str
        Extra parts to read: ``"curated"`` (the curated links' nodes and
        rationales), ``"targets"`` (years and observations), ``"counts"``
        (declared against enumerated), ``"names"`` (labels and altLabels).
    plan : str, optional
        The IRI of the plan to read (each query's ``plan`` parameter); by
        default every plan in the graph (see :func:`chosen_plan`).
    names_on_demand : bool, default False
        With ``"names"`` among ``parts``: read the names the first time they
        are looked at (:class:`NamesOnDemand`), not now.

    Returns
    -------
    PlanData

    Raises
    ------
    QueryError, EndpointError
        If a query fails (with ``names_on_demand``, the names' query when they are first looked at).
    """
    wanted = _wanted(parts)
    plan = None if plan is None else kg.resolve_plan(plan)
    chosen = {} if plan is None else {"plan": plan}
    later = names_on_demand and "names" in wanted
    now = [part for part in wanted if not (later and part == "names")]
    answers = query_side_by_side(kg, [(_PARTS[part][0], chosen) for part in now])
    built = {part: _PARTS[part][1](answer.records()) for part, answer in zip(now, answers)}
    data = _plan_data(kg, built, plan)
    return replace(data, names=NamesOnDemand(kg, plan)) if later else data


def read_plans(kg, *, parts: Iterable[str] = ()) -> dict[str, PlanData]:
    """Read every loaded plan, each apart, with one run of each named query.

    Each query runs once over the whole graph and its rows are grouped by
    their ``plan`` column, so reading a corpus of many plans costs one pass
    over the data, not one per plan. Every plan's :class:`PlanData` equals
    ``read_plan(kg, parts=parts, plan=iri)``: the rows of a plan are the ones
    the query's ``plan`` parameter keeps, in the same order.

    Parameters
    ----------
    kg : PlanGraph
    parts : iterable of str
        As for :func:`read_plan`.

    Returns
    -------
    dict
        Plan IRI to its data, in the order of :attr:`plankg.PlanGraph.plans`.

    Raises
    ------
    QueryError, EndpointError
        If a query fails.

    Examples
    --------
    >>> import plankg
    >>> kg = plankg.load(["data/kunshan-2022", "data/jinan-digital-2021"])
    >>> plans = read_plans(kg)
    >>> [len(data.of_kind("task")) for data in plans.values()] == [
    ...     len(read_plan(kg, plan=iri).of_kind("task")) for iri in plans]
    True
    """
    wanted = _wanted(parts)
    iris = [info.iri for info in kg.plans]
    grouped: dict[str, dict[str, list[dict]]] = {iri: {part: [] for part in wanted} for iri in iris}
    for part, answer in zip(wanted, query_side_by_side(kg, [(_PARTS[part][0], {}) for part in wanted])):
        for row in answer.records():
            rows = grouped.get(row["plan"])
            if rows is not None:
                rows[part].append(row)
    return {iri: _plan_data(kg, {part: _PARTS[part][1](rows) for part, rows in grouped[iri].items()}, iri)
            for iri in iris}
