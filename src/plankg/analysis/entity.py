"""An entity of a plan as the analyses see it: identity, kind, labels, display.

Examples
--------
>>> task = Entity("https://example.org/plan/task/06", "task", ("task",),
...               labels={"zh": "新一代信息技术产业", "en": "New-generation IT industry"}, ordinal=6)
>>> task.title("zh"), task.tag("en")
('任务6 新一代信息技术产业', 'Task 6')
>>> task == Entity(task.iri), task
(True, <Entity https://example.org/plan/task/06 task>)
>>> Entity("urn:x:other").label("en")
'urn:x:other'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..namespaces import compact

__all__ = ["KINDS", "Entity"]

#: The kinds of entity the analysis knows, most specific first: an entity of
#: two kinds (昆山未来城 is a place and a project) takes the first as its kind.
KINDS = ("plan", "area", "task", "action-plan", "milestone", "target", "cluster", "place", "project")

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

    @property
    def numbered(self) -> bool:
        """Whether the plan numbers the entity (areas, tasks, action plans)."""
        return self.ordinal is not None and self.kind in ("area", "task", "action-plan")

    def tag(self, lang: str = "zh") -> str:
        """Return a short name: ``任务6`` / ``Task 6`` for numbered entities, else the label."""
        if not self.numbered:
            return self.label(lang)
        zh, en = _WORDS[self.kind]
        number = f"{self.ordinal:02d}" if self.kind == "area" else str(self.ordinal)
        return f"{zh}{number}" if lang == "zh" else f"{en} {number}"

    def title(self, lang: str = "zh") -> str:
        """Return a display title: ``任务6 新一代…`` / ``Task 6: New-generation …``."""
        if not self.numbered:
            return self.label(lang)
        return f"{self.tag(lang)} {self.label(lang)}" if lang == "zh" else f"{self.tag(lang)}: {self.label(lang)}"

    def to_dict(self) -> dict:
        """Return the stable JSON form: ``iri``, ``kind``, ``ordinal``, ``label_zh``, ``label_en``."""
        return {
            "iri": self.iri,
            "kind": self.kind,
            "ordinal": self.ordinal,
            "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"),
        }
