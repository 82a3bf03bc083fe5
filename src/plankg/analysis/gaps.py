"""The coverage gaps of a plan, by name.

:func:`find_gaps` names what the coverage matrices leave open: tasks no
action plan implements and action plans that implement no task, tasks and
whole areas without a quantitative target, tasks with nothing at all, places
named by one task only (or by none, apart from the county the plan covers),
declared counts against the items the data names, and targets whose year
has passed with no observation for that year or later.

Examples
--------
>>> import datetime, plankg
>>> gaps = plankg.coverage(plankg.load(), today=datetime.date(2026, 11, 27)).gaps
>>> [t.ordinal for t in gaps.uncovered_tasks], [a.ordinal for a in gaps.action_plans_without_task]
([23], [12])
>>> [(c.count.declared, c.count.enumerated, c.ratio) for c in gaps.short_counts]
[(200, 25, 0.125)]
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .entity import Entity
from .plandata import DeclaredCount, PlanData
from .reporting import Matrix, rounded, say, titles

__all__ = ["CountCheck", "OverdueTarget", "CoverageGaps", "find_gaps"]


@dataclass(frozen=True)
class CountCheck:
    """A count the plan declares against the items the data names."""

    count: DeclaredCount

    @property
    def ratio(self) -> float:
        """``enumerated / declared`` (1.0 when nothing is declared)."""
        return self.count.enumerated / self.count.declared if self.count.declared else 1.0

    def label(self, lang: str = "zh") -> str:
        """The declared count's label."""
        return self.count.labels.get(lang) or self.count.labels.get("zh") or self.count.count

    def to_dict(self) -> dict:
        """``count``, ``class`` (IRIs), ``declared``, ``enumerated``, ``ratio``, labels."""
        return {"count": self.count.count, "class": self.count.counted_class, "declared": self.count.declared,
                "enumerated": self.count.enumerated, "ratio": rounded(self.ratio),
                "label_zh": self.count.labels.get("zh"), "label_en": self.count.labels.get("en")}


@dataclass(frozen=True)
class OverdueTarget:
    """A target whose year has passed with no observation for that year or later."""

    target: Entity
    task: Entity | None
    year: int
    latest_observed_year: int | None

    def to_dict(self) -> dict:
        """``target``, ``task`` (IRIs), ``year``, ``latest_observed_year``."""
        return {"target": self.target.iri, "task": self.task.iri if self.task else None,
                "year": self.year, "latest_observed_year": self.latest_observed_year}


@dataclass(frozen=True)
class CoverageGaps:
    """The gaps, by name (every tuple in plan order)."""

    tasks_without_action_plan: tuple[Entity, ...]
    action_plans_without_task: tuple[Entity, ...]
    tasks_without_target: tuple[Entity, ...]
    areas_without_target: tuple[Entity, ...]
    uncovered_tasks: tuple[Entity, ...]
    places_in_one_task: tuple[tuple[Entity, Entity], ...]
    places_in_no_task: tuple[Entity, ...]
    declared_counts: tuple[CountCheck, ...]
    overdue_targets: tuple[OverdueTarget, ...]

    @property
    def short_counts(self) -> tuple[CountCheck, ...]:
        """The declared counts the data does not name in full."""
        return tuple(c for c in self.declared_counts if c.count.enumerated < c.count.declared)

    def to_dict(self) -> dict:
        """Each gap as a list of IRIs (or of records); see :class:`CoverageReport`."""
        return {
            "tasks_without_action_plan": [e.iri for e in self.tasks_without_action_plan],
            "action_plans_without_task": [e.iri for e in self.action_plans_without_task],
            "tasks_without_target": [e.iri for e in self.tasks_without_target],
            "areas_without_target": [e.iri for e in self.areas_without_target],
            "uncovered_tasks": [e.iri for e in self.uncovered_tasks],
            "places_in_one_task": [{"place": p.iri, "task": t.iri} for p, t in self.places_in_one_task],
            "places_in_no_task": [e.iri for e in self.places_in_no_task],
            "declared_counts": [c.to_dict() for c in self.declared_counts],
            "overdue_targets": [o.to_dict() for o in self.overdue_targets],
        }

    def lines(self, lang: str = "zh") -> list[str]:
        """Return one line per gap, in ``lang``: a heading, the count, and the entities by name."""
        sep = "、" if lang == "zh" else "; "
        named = [
            ("无行动计划落实的任务", "Tasks no action plan implements", self.tasks_without_action_plan),
            ("未落实任何任务的行动计划", "Action plans implementing no task", self.action_plans_without_task),
            ("无量化目标的任务", "Tasks without a quantitative target", self.tasks_without_target),
            ("无量化目标的板块", "Areas without a quantitative target", self.areas_without_target),
            ("无行动计划、目标、举措和地点的任务", "Tasks with no action plan, target, initiative or place",
             self.uncovered_tasks),
        ]
        out = [f"{say(lang, zh, en)} ({len(items)}): {titles(items, lang)}" for zh, en, items in named]
        places = sep.join(f"{p.title(lang)} ({t.tag(lang)})" for p, t in self.places_in_one_task) or "—"
        out.append(f"{say(lang, '只出现在一项任务中的地点', 'Places named by one task only')} "
                   f"({len(self.places_in_one_task)}): {places}")
        if self.places_in_no_task:
            out.append(f"{say(lang, '未被任何任务点名的地点', 'Places no task names')} "
                       f"({len(self.places_in_no_task)}): {titles(self.places_in_no_task, lang)}")
        for check in self.declared_counts:
            c, name = check.count, check.label(lang)
            share = f"{c.enumerated}/{c.declared} = {check.ratio:.0%}"
            out.append(say(lang, f"声明与列举:{name}:声明 {c.declared},数据列举 {c.enumerated}({share})",
                           f"Declared against named: {name}: {c.declared} declared, {c.enumerated} named ({share})"))
        overdue = titles((o.target for o in self.overdue_targets), lang)
        out.append(f"{say(lang, '年份已过而无观测记录的目标', 'Targets past their year with no observation')} "
                   f"({len(self.overdue_targets)}): {overdue}")
        return out


def find_gaps(data: PlanData, tasks: Sequence, areas: Sequence, matrices: Mapping[str, Matrix],
              today: datetime.date) -> CoverageGaps:
    """Name the gaps of a plan from its coverage.

    Parameters
    ----------
    data : PlanData
        The plan, read with the ``"targets"`` and ``"counts"`` parts.
    tasks : sequence of TaskCoverage
    areas : sequence of AreaCoverage
    matrices : Mapping of str to Matrix
        ``task_action_plan``, ``task_place`` and ``task_target``.
    today : datetime.date
        A target is overdue when its year is before ``today.year``.

    Returns
    -------
    CoverageGaps
    """
    places = matrices["task_place"].columns
    in_tasks = dict(zip(places, matrices["task_place"].column_totals()))
    covered_places = {link.target for link in data.linked("covers")}
    first_task = {}
    for task, place in matrices["task_place"].pairs():
        first_task.setdefault(place, task)
    task_of_target = {target: task for task, target in matrices["task_target"].pairs()}
    records = {r.target: r for r in data.targets}
    overdue = []
    for target in matrices["task_target"].columns:
        record = records.get(target.iri)
        year = target.year if target.year is not None else (record.year if record else None)
        latest = record.latest_observed_year if record else None
        if year is not None and year < today.year and (latest is None or latest < year):
            overdue.append(OverdueTarget(target, task_of_target.get(target), year, latest))
    plans_used = zip(matrices["task_action_plan"].columns, matrices["task_action_plan"].column_totals())
    return CoverageGaps(
        tasks_without_action_plan=tuple(c.task for c in tasks if not c.action_plans),
        action_plans_without_task=tuple(ap for ap, n in plans_used if n == 0),
        tasks_without_target=tuple(c.task for c in tasks if not c.targets),
        areas_without_target=tuple(a.area for a in areas if a.with_target == 0),
        uncovered_tasks=tuple(c.task for c in tasks if not (c.action_plans or c.targets or c.initiatives or c.places)),
        places_in_one_task=tuple((p, first_task[p]) for p in places if in_tasks[p] == 1),
        places_in_no_task=tuple(p for p in places if in_tasks[p] == 0 and p.iri not in covered_places),
        declared_counts=tuple(CountCheck(c) for c in data.counts),
        overdue_targets=tuple(overdue),
    )
