"""Coverage analysis: what is covered, by whom, and where the gaps are.

:func:`coverage` reports, for a plan:

* four incidence matrices: task × action plan (the curated implementation
  links), task × place, task × target and area × target;
* the gaps, by name: tasks no action plan implements (and action plans that
  implement no task), tasks and whole areas without a quantitative target,
  tasks with no action plan, target, initiative or place at all, places named
  by only one task, declared counts against the items the data names (200
  projects declared, 24 named), and targets whose year has passed with no
  observation recorded;
* a coverage score per area.

The coverage score
------------------
For a task *t*, ``c(t)`` is the share of three checks it passes: (1) at least
one action plan implements it (a curated judgement), (2) it sets at least one
quantitative target, (3) it names at least one initiative (project). An
area's score is the mean of ``c(t)`` over its tasks (0 for an area without
tasks); the plan's is the mean over all its tasks. Places are reported but not
scored: only the regional tasks name places.

Examples
--------
>>> import datetime, plankg
>>> report = plankg.coverage(plankg.load(), today=datetime.date(2026, 11, 27))
>>> [t.ordinal for t in report.gaps.tasks_without_action_plan]
[23]
>>> [a.ordinal for a in report.gaps.areas_without_target]
[1, 4, 5, 7]
>>> len(report.gaps.overdue_targets), report.plan_score
(11, 0.6133333333333332)
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from .entity import Entity
from .gaps import CoverageGaps, find_gaps
from .plandata import PlanData, chosen_plan, read_plan
from .reporting import (
    JSONReport,
    Matrix,
    Table,
    entity_map,
    headings,
    plan_dict,
    plan_tables,
    rounded,
    say,
    with_plan,
)
from .structure import PLACE_RELATIONS, place_order

__all__ = [
    "TaskCoverage",
    "AreaCoverage",
    "CoverageReport",
    "coverage",
    "coverage_report",
]


@dataclass(frozen=True)
class TaskCoverage:
    """What covers one task: the action plans, targets, initiatives and places linked to it."""

    task: Entity
    area: Entity | None
    action_plans: tuple[Entity, ...]
    targets: tuple[Entity, ...]
    initiatives: tuple[Entity, ...]
    places: tuple[Entity, ...]

    @property
    def score(self) -> float:
        """The share of the three checks it passes: action plan, target, initiative."""
        return (bool(self.action_plans) + bool(self.targets) + bool(self.initiatives)) / 3

    def to_dict(self) -> dict:
        """IRIs of the task, its area and what covers it, and its ``score``."""
        return {
            "task": self.task.iri,
            "area": self.area.iri if self.area else None,
            "action_plans": [e.iri for e in self.action_plans],
            "targets": [e.iri for e in self.targets],
            "initiatives": [e.iri for e in self.initiatives],
            "places": [e.iri for e in self.places],
            "score": rounded(self.score),
        }


@dataclass(frozen=True)
class AreaCoverage:
    """An area's tasks and how many pass each check; ``score`` is their mean share."""

    area: Entity
    tasks: int
    with_action_plan: int
    with_target: int
    with_initiative: int
    score: float

    def to_dict(self) -> dict:
        """The area's IRI, the counts and the score."""
        return {"area": self.area.iri, "tasks": self.tasks, "with_action_plan": self.with_action_plan,
                "with_target": self.with_target, "with_initiative": self.with_initiative,
                "score": rounded(self.score)}


@dataclass(frozen=True)
class CoverageReport(JSONReport):
    """The coverage analysis of a plan; see :func:`coverage`.

    Attributes
    ----------
    asserted_only : bool
    today : datetime.date
        The date the overdue targets are judged against.
    tasks : tuple of TaskCoverage
    areas : tuple of AreaCoverage
    plan_score : float
        The mean coverage of all tasks.
    matrices : Mapping of str to Matrix
        ``task_action_plan``, ``task_place``, ``task_target``, ``area_target``.
    gaps : CoverageGaps
    plan : Entity or None
        The plan analysed (``None`` if the graph holds no plan node).
    """

    asserted_only: bool
    today: datetime.date
    tasks: tuple[TaskCoverage, ...]
    areas: tuple[AreaCoverage, ...]
    plan_score: float
    matrices: Mapping[str, Matrix]
    gaps: CoverageGaps
    plan: Entity | None = None

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data (see the module docs for the shape)."""
        entities = {e.iri: e for m in self.matrices.values() for e in (*m.rows, *m.columns)}
        entities.update({e.iri: e for t in self.tasks for e in t.initiatives})
        return {
            "plan": plan_dict(self.plan),
            "asserted_only": self.asserted_only,
            "today": self.today.isoformat(),
            "score_definition": SCORE_DEFINITION,
            "plan_score": rounded(self.plan_score),
            "areas": [a.to_dict() for a in self.areas],
            "tasks": [t.to_dict() for t in self.tasks],
            "gaps": self.gaps.to_dict(),
            "matrices": {name: m.to_dict() for name, m in self.matrices.items()},
            "entities": entity_map(entities),
        }

    def tables(self, lang: str = "zh") -> dict[str, Table]:
        """Return ``areas`` (the main table, with scores), ``tasks`` and ``gaps``."""
        areas = Table(
            "areas", say(lang, "板块覆盖得分", "Coverage score per area"),
            ("ordinal", "area", "label", "tasks", "with_action_plan", "with_target", "with_initiative", "score"),
            headings(lang, "序号|板块|名称|任务数|有行动计划|有目标|有举措|得分",
                     "No.|Area|Label|Tasks|With action plan|With target|With initiative|Score"),
            tuple((a.area.ordinal, a.area.iri, a.area.label(lang), a.tasks, a.with_action_plan, a.with_target,
                   a.with_initiative, rounded(a.score)) for a in self.areas),
        )
        tasks = Table(
            "tasks", say(lang, "任务覆盖", "Coverage per task"),
            ("ordinal", "task", "label", "area", "action_plans", "targets", "initiatives", "places", "score"),
            headings(lang, "序号|任务|名称|板块|行动计划|目标|举措|地点|得分",
                     "No.|Task|Label|Area|Action plans|Targets|Initiatives|Places|Score"),
            tuple((t.task.ordinal, t.task.iri, t.task.label(lang), t.area.ordinal if t.area else None,
                   " ".join(str(a.ordinal) for a in t.action_plans), len(t.targets), len(t.initiatives),
                   len(t.places), rounded(t.score)) for t in self.tasks),
        )
        gaps = Table("gaps", say(lang, "缺口", "Gaps"), ("gap",), (say(lang, "缺口", "Gap"),),
                     tuple((line,) for line in self.gaps.lines(lang)))
        return plan_tables({"areas": areas, "tasks": tasks, "gaps": gaps}, self.plan, lang)

    def to_text(self, lang: str = "zh") -> str:
        """Return a readable summary in ``lang``."""
        day = self.today.isoformat()
        head = say(lang, "覆盖分析", "Coverage analysis")
        head += say(lang, "(仅原文断言)", " (asserted only)") if self.asserted_only else ""
        lines = [head + say(lang, f",截至 {day}", f", as of {day}")]
        if self.asserted_only:
            lines.append(say(lang, "不含标注层:没有行动计划落实关系,每项任务都算作无行动计划。",
                             "Curated layer left out: no implementation links, so no task counts as implemented."))
        score = f"{self.plan_score:.2f}"
        lines.append(say(lang, f"覆盖得分(全规划):{score}", f"Coverage score (whole plan): {score}"))
        for a in self.areas:
            counts = (a.tasks, a.with_action_plan, a.with_target, a.with_initiative)
            detail = say(lang, "(任务 {},有行动计划 {},有目标 {},有举措 {})",
                         "(tasks {}, with action plan {}, with target {}, with initiative {})").format(*counts)
            lines.append(f"  {a.area.title(lang)}: {a.score:.2f} {detail}")
        shapes = ", ".join(f"{n} {m.shape[0]}×{m.shape[1]}" for n, m in self.matrices.items())
        lines.append(say(lang, "矩阵:", "Matrices: ") + shapes)
        lines.append(say(lang, "缺口:", "Gaps:"))
        lines.extend("  " + line for line in self.gaps.lines(lang))
        return with_plan("\n".join(lines), self.plan, lang)


SCORE_DEFINITION = (
    "c(task) = ([an action plan implements it] + [it sets a quantitative target] + "
    "[it names an initiative]) / 3; area score = mean of c over the area's tasks (0 if none); "
    "plan score = mean of c over all tasks"
)


def _pairs(data: PlanData, relation: str, reverse: bool = False) -> list[tuple[str, str]]:
    links = data.linked(relation)
    return [(link.target, link.source) if reverse else (link.source, link.target) for link in links]


def coverage_report(
    data: PlanData, *, today: datetime.date | None = None, asserted_only: bool = False
) -> CoverageReport:
    """Analyse coverage in a plan already read (see :func:`coverage`)."""
    today = today or datetime.date.today()
    if asserted_only:
        data = data.asserted()
    entity = data.entity
    tasks, areas = data.of_kind("task"), data.of_kind("area")
    action_plans, places, targets = data.of_kind("action-plan"), place_order(data), data.of_kind("target")
    task_iris = {t.iri for t in tasks}
    place_pairs = [(link.source, link.target) for link in data.links
                   if link.relation in PLACE_RELATIONS and link.source in task_iris
                   and "place" in entity(link.target).kinds]
    target_pairs = _pairs(data, "hasTarget")
    area_of = {t: a for a, t in _pairs(data, "hasTask")}
    area_iris = {a.iri for a in areas}
    area_pairs = [(area_of[t], g) for t, g in target_pairs if t in area_of]
    area_pairs += [(a, g) for a, g in target_pairs if a in area_iris]
    matrices = {
        "task_action_plan": Matrix.build("task_action_plan", tasks, action_plans,
                                         _pairs(data, "implements", reverse=True)),
        "task_place": Matrix.build("task_place", tasks, places, place_pairs),
        "task_target": Matrix.build("task_target", tasks, targets, target_pairs),
        "area_target": Matrix.build("area_target", areas, targets, area_pairs),
    }

    initiatives: dict[str, list[Entity]] = {}
    for task, project in _pairs(data, "namesInitiative"):
        initiatives.setdefault(task, []).append(entity(project))
    implemented_by, targets_of, places_of = (
        matrices[name].row_links() for name in ("task_action_plan", "task_target", "task_place"))
    covered = [
        TaskCoverage(t, entity(area_of[t.iri]) if t.iri in area_of else None,
                     implemented_by[i], targets_of[i],
                     tuple(sorted(initiatives.get(t.iri, []), key=lambda e: e.sort_key)),
                     places_of[i])
        for i, t in enumerate(tasks)
    ]
    by_area: dict[str, list[TaskCoverage]] = {}
    for c in covered:
        if c.area is not None:
            by_area.setdefault(c.area.iri, []).append(c)
    area_rows = []
    for a in areas:
        mine = by_area.get(a.iri, [])
        area_rows.append(AreaCoverage(
            a, len(mine), sum(bool(c.action_plans) for c in mine), sum(bool(c.targets) for c in mine),
            sum(bool(c.initiatives) for c in mine), sum(c.score for c in mine) / len(mine) if mine else 0.0))
    gaps = find_gaps(data, covered, area_rows, matrices, today)
    return CoverageReport(
        asserted_only=asserted_only,
        today=today,
        tasks=tuple(covered),
        areas=tuple(area_rows),
        plan_score=sum(c.score for c in covered) / len(covered) if covered else 0.0,
        matrices=matrices,
        gaps=gaps,
        plan=data.plan_entity,
    )


def coverage(
    kg, *, today: datetime.date | None = None, asserted_only: bool = False, plan: str | None = None
) -> CoverageReport:
    """Analyse what covers each task of a plan, and name the gaps.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).
    today : datetime.date, optional
        The date to judge overdue targets against; the current date by default.
    asserted_only : bool, default False
        Leave the curated layer out (then no action plan implements any task).

    Returns
    -------
    CoverageReport

    Raises
    ------
    QueryError, EndpointError
        If the graph cannot be queried.

    Examples
    --------
    >>> import datetime, plankg
    >>> report = plankg.coverage(plankg.load(), today=datetime.date(2025, 6, 1))
    >>> report.gaps.overdue_targets
    ()
    >>> [(c.count.declared, c.count.enumerated) for c in report.gaps.short_counts]
    [(200, 25)]
    >>> [(a.area.ordinal, round(a.score, 3)) for a in report.areas][:2]
    [(1, 0.667), (2, 0.778)]
    """
    data = read_plan(kg, parts=("targets", "counts"), plan=chosen_plan(kg, plan))
    return coverage_report(data, today=today, asserted_only=asserted_only)
