"""One plan's report: the plan at a glance, validation, coverage gaps and order.

A :class:`PlanReport` holds a plan's overview (areas and their tasks, counts,
milestones), its validation results, the coverage and dependency analyses and
its progress against targets, and renders as text, Markdown or JSON.
:func:`one_plan_report` reads one plan; :func:`plan_reports` reads every plan
of a corpus at once (every query's rows split by their ``plan`` column), so no
number of one plan is ever merged with another's.

:func:`plankg.plan_report` (:mod:`plankg.report`) validates and calls these;
``plankg report`` prints the result. The JSON of a plan has the shape of a
corpus's (:mod:`plankg.corpusreport`), a corpus of one: ``today``, ``layers``,
``corpus`` (the summary) and ``plans``, a list with one object per plan.

Examples
--------
>>> import datetime, plankg
>>> kg = plankg.load()
>>> report = one_plan_report(kg, datetime.date(2026, 11, 27), kg.plans[0], None, separate=False)
>>> [len(s.tasks) for s in report.sections], report.conforms
([5, 3, 3, 3, 4, 4, 3], True)
>>> print(report.to_text("en").splitlines()[2])
At a glance: 7 areas, 25 main tasks, 12 action plans, 11 targets, 25 initiatives, 22 places, 2 milestones (2025, 2035)
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .analysis.coverage import CoverageReport, coverage_report
from .analysis.dependencies import DependencyReport, dependency_report
from .analysis.entity import Entity
from .analysis.plandata import read_plan, read_plans
from .analysis.reporting import JSONReport, say, titles
from .corpusreport import CorpusReport, PlanSummary
from .markdown import markdown_cell, markdown_text

__all__ = ["Section", "PlanReport", "ProgressSections", "one_plan_report", "plan_reports"]

_COUNTED = ("area", "task", "action-plan", "target", "project", "place", "milestone")
_COUNT_WORDS = {
    "area": ("个板块", "areas"), "task": ("项主要任务", "main tasks"), "action-plan": ("项行动计划", "action plans"),
    "target": ("个量化目标", "targets"), "project": ("项点名举措", "initiatives"), "place": ("个地点", "places"),
    "milestone": ("个时间节点", "milestones"),
}


@dataclass(frozen=True)
class Section:
    """An area (section) of the plan and its tasks, in order."""

    area: Entity
    tasks: tuple[Entity, ...]

    def to_dict(self) -> dict:
        """``area`` (IRI), ``ordinal``, labels, ``tasks`` (IRIs)."""
        return {"area": self.area.iri, "ordinal": self.area.ordinal, "label_zh": self.area.labels.get("zh"),
                "label_en": self.area.labels.get("en"), "tasks": [t.iri for t in self.tasks]}


@dataclass(frozen=True)
class PlanReport(JSONReport):
    """A plan at a glance, its validation, coverage gaps and implementation order.

    Attributes
    ----------
    plan : Entity or None
        The plan document.
    today : datetime.date
    layers : tuple of str
        The layers the graph holds (``ontology``, ``source``, ``curated``).
    sections : tuple of Section
    counts : Mapping of str to int
        The number of entities of each kind.
    milestones : tuple of Entity
    validation : ValidationReport or None
        ``None`` when the report was made with ``validate=False``.
    coverage : CoverageReport
    dependencies : DependencyReport
    info : PlanInfo or None
        The plan as the data set describes it (prefix, IRI space, graph).
    """

    plan: Entity | None
    today: datetime.date
    layers: tuple[str, ...]
    sections: tuple[Section, ...]
    counts: Mapping[str, int]
    milestones: tuple[Entity, ...]
    validation: object | None
    coverage: CoverageReport
    dependencies: DependencyReport
    #: hook: the Markdown lines of the progress section per language (plankg.tracking.hooks), or None
    progress: Mapping[str, list] | None = None
    info: object | None = None

    @property
    def conforms(self) -> bool:
        """Whether the plan passed validation (``True`` if it was not validated)."""
        return self.validation is None or bool(self.validation.conforms)

    def validated(self, validation) -> PlanReport:
        """Return the report with ``validation`` (kept as it is: pass :func:`own_results` for one plan of several).

        Parameters
        ----------
        validation : ValidationReport or None
            ``None``: not validated.
        """
        return replace(self, validation=validation)

    def name(self) -> str:
        """The short name of the plan: its data set's prefix, else its IRI."""
        if self.info is not None:
            return self.info.name()
        return self.plan.iri if self.plan else "-"

    def summary(self) -> PlanSummary:
        """Return the plan's row of the corpus summary (progress counts are the corpus report's)."""
        tasks = self.coverage.tasks
        results = None if self.validation is None else self.validation.results
        return PlanSummary(
            plan=self.plan.iri if self.plan else "", prefix=getattr(self.info, "prefix", None),
            labels=dict(self.plan.labels) if self.plan else {}, counts=dict(self.counts),
            with_action_plan=sum(bool(t.action_plans) for t in tasks), with_target=sum(bool(t.targets) for t in tasks),
            with_initiative=sum(bool(t.initiatives) for t in tasks), uncovered=len(self.coverage.gaps.uncovered_tasks),
            conforms=None if results is None else not results, problems=None if results is None else len(results))

    def _glance(self, lang: str) -> str:
        years = ", ".join(str(m.year) for m in self.milestones if m.year is not None)
        if lang == "zh":
            parts = "、".join(f"{self.counts.get(k, 0)} {_COUNT_WORDS[k][0]}" for k in _COUNTED)
            return f"概览:{parts}({years})"
        parts = ", ".join(f"{self.counts.get(k, 0)} {_COUNT_WORDS[k][1]}" for k in _COUNTED)
        return f"At a glance: {parts} ({years})"

    def _validation_line(self, lang: str) -> str:
        if self.validation is None:
            return say(lang, "校验:未执行", "Validation: not run")
        if self.validation.conforms:
            return say(lang, "校验:符合 plankg 所有约束", "Validation: conforms to every plankg shape")
        entities, problems = len(self.validation.by_focus_node()), len(self.validation.results)
        return say(lang, f"校验:不符合约束,{entities} 个实体共 {problems} 处问题",
                   f"Validation: does not conform, {problems} problem(s) in {entities} entit(ies)")

    def _problems(self, lang: str, limit: int = 10) -> list[str]:
        if self.validation is None or self.validation.conforms:
            return []
        return [f"{r.label(lang)} <{r.focus_node}>: {r.message(lang)}" for r in self.validation.results[:limit]]

    def _heads(self, lang: str) -> dict[str, str]:
        day, score, n = self.today.isoformat(), self.coverage.plan_score, len(self.dependencies.generations)
        return {
            "gaps": say(lang, f"覆盖缺口(截至 {day})", f"Coverage gaps (as of {day})"),
            "score": say(lang, f"覆盖得分(全规划 {score:.2f})", f"Coverage score (whole plan {score:.2f})"),
            "order": say(lang, f"实施顺序({n} 代,依据标注层的支撑关系)",
                         f"Implementation order ({n} generation(s), from the curated support links)"),
        }

    def _order(self, lang: str) -> list[str]:
        sep = "、" if lang == "zh" else ", "
        return [titles(g, lang, sep) for g in self.dependencies.generations]

    def to_text(self, lang: str = "zh") -> str:
        """Return the report as plain text in ``lang``."""
        title = self.plan.label(lang) if self.plan else say(lang, "(无规划)", "(no plan)")
        lines = [title, "=" * min(len(title) * (2 if lang == "zh" else 1), 72), self._glance(lang)]
        for s in self.sections:
            numbers = f" ({', '.join(str(t.ordinal) for t in s.tasks)})" if s.tasks else ""
            lines.append(f"  {s.area.title(lang)} — " + say(lang, "{} 项任务", "{} task(s)").format(len(s.tasks))
                         + numbers)
        lines += ["", self._validation_line(lang), *("  " + p for p in self._problems(lang))]
        heads = self._heads(lang)
        lines += ["", heads["gaps"] + ":", *("  " + line for line in self.coverage.gaps.lines(lang))]
        lines += ["", heads["score"] + ":", *(f"  {a.area.tag(lang)}: {a.score:.2f}" for a in self.coverage.areas)]
        lines += ["", heads["order"] + ":"]
        lines += [say(lang, f"  第 {i + 1} 代:", f"  {i + 1}. ") + g for i, g in enumerate(self._order(lang))]
        if not self.dependencies.support_links:
            lines.append(say(lang, "  (没有支撑关系:全部任务可同时开展)", "  (no support links: every task can start at once)"))
        if self.dependencies.cycles:
            n = len(self.dependencies.cycles)
            lines.append(say(lang, f"  注意:{n} 个环路", f"  Note: {n} cycle(s)"))
        return "\n".join(lines)

    def to_markdown(self, lang: str = "zh") -> str:
        """Return the report as Markdown in ``lang``.

        Every text from the data is escaped (see :func:`markdown_text`): a
        label cannot add markup, HTML, links or list items, nor break the
        report's lines.
        """
        title = self.plan.label(lang) if self.plan else say(lang, "(无规划)", "(no plan)")
        md = [f"# {markdown_text(title)}", "", markdown_text(self._glance(lang)), "",
              say(lang, "| 板块 | 名称 | 任务数 | 任务 |", "| Area | Label | Tasks | Task numbers |"),
              "|---|---|---:|---|"]
        md += [f"| {markdown_cell(s.area.tag(lang))} | {markdown_cell(s.area.label(lang))} | {len(s.tasks)} | "
               f"{markdown_cell(', '.join(str(t.ordinal) for t in s.tasks))} |" for s in self.sections]
        md += ["", say(lang, "## 校验", "## Validation"), "", markdown_text(self._validation_line(lang))]
        md += [f"- {markdown_text(p)}" for p in self._problems(lang)]
        heads = {key: markdown_text(head) for key, head in self._heads(lang).items()}
        md += ["", f"## {heads['gaps']}", "", *(f"- {markdown_text(line)}" for line in self.coverage.gaps.lines(lang))]
        md += ["", f"## {heads['score']}", "",
               say(lang, "| 板块 | 任务 | 有行动计划 | 有目标 | 有举措 | 得分 |",
                   "| Area | Tasks | With action plan | With target | With initiative | Score |"),
               "|---|---:|---:|---:|---:|---:|"]
        md += [f"| {markdown_cell(a.area.tag(lang))} | {a.tasks} | {a.with_action_plan} | {a.with_target} | {a.with_initiative} "
               f"| {a.score:.2f} |" for a in self.coverage.areas]
        md += ["", f"## {heads['order']}", "",
               *(f"{i + 1}. {markdown_text(g)}" for i, g in enumerate(self._order(lang)))]
        md += (self.progress or {}).get(lang, [])  # hook: progress against targets, with charts
        return "\n".join(md) + "\n"

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data, a corpus of one plan (see :meth:`CorpusReport.to_dict`)."""
        return CorpusReport(self.today, self.layers, (self,), self.validation, (self.summary(),)).to_dict()

    def plan_dict(self) -> dict:
        """Return the plan's object in the report's JSON ``plans`` list.

        Keys: ``plan``, ``prefix``, ``today``, ``layers``, ``overview`` (``counts``,
        ``sections``, ``milestones``), ``validation`` (``conforms``,
        ``results``), ``coverage`` (``score_definition``, ``plan_score``,
        ``areas``, ``gaps``), ``implementation_order`` (generations of task
        IRIs), ``cycles``, and ``entities`` (IRI → ``iri``, ``kind``,
        ``ordinal``, ``label_zh``, ``label_en``).
        """
        cov = self.coverage.to_dict()
        deps = self.dependencies.to_dict()
        entities = {**cov["entities"], **deps["entities"]}
        return {
            "plan": self.plan.to_dict() if self.plan else None,
            "prefix": getattr(self.info, "prefix", None),
            "today": self.today.isoformat(),
            "layers": list(self.layers),
            "overview": {
                "counts": dict(self.counts),
                "sections": [s.to_dict() for s in self.sections],
                "milestones": [{"milestone": m.iri, "year": m.year} for m in self.milestones],
            },
            "validation": None if self.validation is None else {
                "conforms": self.validation.conforms,
                "results": [r.to_dict() for r in self.validation.results],
            },
            "coverage": {k: cov[k] for k in ("score_definition", "plan_score", "areas", "gaps")},
            "implementation_order": deps["generations"],
            "cycles": deps["cycles"],
            "entities": entities,
        }



class ProgressSections(Mapping):
    """The progress section of a plan report in each language, its Markdown made on first use.

    The section (a table and a chart per target) is drawn only when the
    Markdown report is asked for; text and JSON do not show it.

    Parameters
    ----------
    today : datetime.date
    report : ProgressReport
        The plan's progress, already judged.
    """

    def __init__(self, today: datetime.date, report):
        self._today, self._report, self._made = today, report, {}

    def __getitem__(self, lang: str) -> list[str]:
        if lang not in LANGS:
            raise KeyError(lang)
        if lang not in self._made:
            from .tracking.hooks import report_section

            self._made[lang] = report_section(None, self._today, lang, report=self._report)
        return self._made[lang]

    def __iter__(self):
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def __repr__(self) -> str:
        return f"<ProgressSections {len(self._report.rows)} target(s)>"


#: The languages a report is written in.
LANGS = ("zh", "en")

#: The parts of the plan data a report reads (see :func:`plankg.analysis.plandata.read_plan`).
PARTS = ("curated", "targets", "counts")


def one_plan_report(kg, today: datetime.date, info, validation, *, separate: bool) -> PlanReport:
    """Return the report of one plan, read on its own.

    Parameters
    ----------
    kg : PlanGraph
    today : datetime.date
    info : PlanInfo or None
        The plan (None: the graph holds no plan node).
    validation : ValidationReport or None
        The validation of the graph; with ``separate``, only the results about the plan are kept.
    separate : bool
        Whether the graph holds other plans too: every query is then asked about this plan only.

    Returns
    -------
    PlanReport
    """
    from .tracking import progress

    plan = info.iri if separate else None
    if separate:
        validation = own_results(validation, info)
    data = read_plan(kg, parts=PARTS, plan=plan)
    return report_of(kg, today, info, validation, data, ProgressSections(today, progress(kg, as_of=today, plan=plan)))


def plan_reports(kg, today: datetime.date, validation, progress: dict) -> tuple[PlanReport, ...]:
    """Return the report of every plan in ``kg``, from one reading of the whole corpus.

    Parameters
    ----------
    kg : PlanGraph
    today : datetime.date
    validation : ValidationReport or None
        The whole corpus's; each plan keeps the results about it.
    progress : dict of str to ProgressReport
        Each plan's progress (:func:`plankg.tracking.progress_by_plan`).

    Returns
    -------
    tuple of PlanReport
        In the order of :attr:`plankg.PlanGraph.plans`.
    """
    every = read_plans(kg, parts=PARTS)
    return tuple(
        report_of(kg, today, info, own_results(validation, info), every[info.iri],
                  ProgressSections(today, progress[info.iri]))
        for info in kg.plans
    )


def own_results(validation, info):
    """Return ``validation`` with only the results about ``info``'s plan (each result names its plan)."""
    if validation is None or info is None:
        return validation
    return validation.about(info.iri)


def report_of(kg, today: datetime.date, info, validation, data, progress) -> PlanReport:
    """Report one plan from its data already read."""
    tasks_of: dict[str, list[Entity]] = {}
    for link in data.linked("hasTask"):
        tasks_of.setdefault(link.source, []).append(data.entity(link.target))
    sections = tuple(Section(a, tuple(sorted(tasks_of.get(a.iri, []), key=lambda e: e.sort_key)))
                     for a in data.of_kind("area"))
    milestones = sorted(data.of_kind("milestone"), key=lambda m: (m.year or 0, m.iri))
    return PlanReport(
        plan=data.plan_entity,
        today=today,
        layers=tuple(layer.value for layer in kg.layers),
        sections=sections,
        counts={kind: len(data.of_kind(kind)) for kind in _COUNTED},
        milestones=tuple(milestones),
        validation=validation,
        coverage=coverage_report(data, today=today),
        dependencies=dependency_report(data),
        progress=progress,
        info=info,
    )
