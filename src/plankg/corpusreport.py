"""The report of a corpus of plans: one summary row per plan, then what the plans share and lack.

:func:`corpus_summary` reads the whole corpus with a few named queries, each
run once, never once per plan, into a :class:`CorpusReport`:

* ``corpus-plan-counts`` and ``corpus-plan-coverage``: each plan's areas,
  tasks, targets, places …, and what covers its tasks (the coverage score and
  the uncovered tasks of the coverage analysis);
* ``corpus-shared-indicators``: indicators that targets of several plans measure;
* ``corpus-shared-places``: places several plans name (a place belongs to each
  plan whose graph types it, the plan-membership rule of every named query).

Each plan's row also counts its targets by progress status (judged once for
the corpus by :func:`plankg.tracking.progress_by_plan`) and, once the report
is :meth:`~CorpusReport.validated`, the validation results that name the plan.
The plans with the largest gaps are those with the largest share of
*uncovered tasks* (the coverage gaps' ``uncovered_tasks``: no action plan,
no target, no initiative and no place).

:func:`plankg.corpus_report` (what :func:`plankg.plan_report` gives when
several plans are loaded, see :mod:`plankg.report`) validates, reads the
summary and adds each plan's own report. This module knows nothing of a
plan's own report but its rendering methods (``to_text``, ``to_markdown``,
``plan_dict``), so :mod:`plankg.planreport` can write one plan as a corpus of one.

Examples
--------
>>> import datetime, plankg
>>> from plankg.resources import resource_root
>>> from plankg.tracking import progress_by_plan
>>> kg = plankg.load([resource_root() / "data"])   # every bundled plan
>>> today = datetime.date(2026, 11, 27)
>>> report = corpus_summary(kg, today, progress_by_plan(kg, today))
>>> [(s.prefix, s.counts["task"], round(s.score, 2), s.uncovered) for s in report.summaries]
[('jn', 19, 0.39, 2), ('ks', 25, 0.61, 1)]
>>> report.summaries[1].progress["only proxies"], report.shared_places
(3, ())
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from .analysis.reporting import JSONReport, rounded, say
from .markdown import markdown_cell, markdown_text
from .sparql.sidebyside import query_side_by_side

__all__ = ["PlanSummary", "SharedIndicator", "SharedPlace", "CorpusReport", "corpus_summary", "GAP_DEFINITION",
           "SUMMARY_QUERIES"]

#: What "gap" means in the ranking of plans.
GAP_DEFINITION = (
    "uncovered tasks (the coverage gaps' uncovered_tasks: a main task with no action plan, no target, "
    "no initiative and no place) as a share of the plan's main tasks"
)
_GAP_ZH = "未覆盖任务(覆盖缺口中的 uncovered_tasks:没有行动计划、目标、举措,也不涉及地点的主要任务)占主要任务的比例"
_KINDS = ("area", "task", "action-plan", "target", "project", "place", "milestone")
#: How many plans the cross-plan views list by name in text and Markdown (JSON lists all).
SHOWN = 10
#: Up to how many plans the corpus report adds each plan's own section unless told (``sections``).
SECTIONS_UP_TO = 20


@dataclass(frozen=True)
class PlanSummary:
    """One plan's row of the corpus summary.

    Attributes
    ----------
    plan : str
        The plan's IRI.
    prefix : str or None
    labels : Mapping of str to str
    counts : Mapping of str to int
        Entities of each kind: area, task, action-plan, target, project, place, milestone.
    with_action_plan, with_target, with_initiative, uncovered : int
        Main tasks an action plan implements, that set a target, that name an
        initiative, and that have nothing at all.
    conforms : bool or None
        ``None`` when the corpus was not validated.
    problems : int or None
        Validation results about the plan.
    progress : Mapping of str to int
        Targets by progress status (every status, zeros included).
    """

    plan: str
    prefix: str | None
    labels: Mapping[str, str]
    counts: Mapping[str, int]
    with_action_plan: int = 0
    with_target: int = 0
    with_initiative: int = 0
    uncovered: int = 0
    conforms: bool | None = None
    problems: int | None = None
    progress: Mapping[str, int] = field(default_factory=dict)

    @property
    def tasks(self) -> int:
        """The number of main tasks."""
        return self.counts.get("task", 0)

    @property
    def score(self) -> float:
        """The coverage score: the mean share of tasks passing each of the three checks."""
        return (self.with_action_plan + self.with_target + self.with_initiative) / (3 * self.tasks) if self.tasks else 0.0

    @property
    def gap(self) -> float:
        """The share of main tasks that are uncovered (see :data:`GAP_DEFINITION`)."""
        return self.uncovered / self.tasks if self.tasks else 0.0

    def name(self) -> str:
        """The plan's prefix, else its IRI."""
        return self.prefix or self.plan

    def label(self, lang: str = "zh") -> str:
        """The plan's label in ``lang`` (the other language, or the IRI, if missing)."""
        return self.labels.get(lang) or self.labels.get("en" if lang == "zh" else "zh") or self.plan

    def to_dict(self) -> dict:
        """``plan``, ``prefix``, labels, ``counts``, ``plan_score``, ``coverage``, ``conforms``, ``problems``, ``progress``."""
        return {
            "plan": self.plan, "prefix": self.prefix,
            "label_zh": self.labels.get("zh"), "label_en": self.labels.get("en"),
            "counts": {k: self.counts.get(k, 0) for k in _KINDS},
            "plan_score": rounded(self.score),
            "coverage": {"tasks": self.tasks, "with_action_plan": self.with_action_plan, "with_target": self.with_target,
                         "with_initiative": self.with_initiative, "uncovered": self.uncovered},
            "conforms": self.conforms, "problems": self.problems, "progress": dict(self.progress),
        }


@dataclass(frozen=True)
class _Shared:
    """An entity several plans share, with a number for each plan (targets or tasks)."""

    iri: str
    labels: Mapping[str, str]
    #: (plan IRI, prefix, number) for each plan, in plan order
    plans: tuple[tuple[str, str | None, int], ...]

    def label(self, lang: str = "zh") -> str:
        return self.labels.get(lang) or self.labels.get("en" if lang == "zh" else "zh") or self.iri

    def line(self, lang: str) -> str:
        names = ", ".join(f"{prefix or plan}" + (f" ×{n}" if n > 1 else "") for plan, prefix, n in self.plans[:SHOWN])
        more = len(self.plans) - SHOWN
        if more > 0:
            names += say(lang, f" 等(另 {more} 个)", f", … ({more} more)")
        count = say(lang, f"{len(self.plans)} 个规划", f"{len(self.plans)} plans")
        return f"{self.label(lang)} <{self.iri}>: {count} ({names})"

    def _dict(self, key: str, number: str) -> dict:
        return {key: self.iri, "label_zh": self.labels.get("zh"), "label_en": self.labels.get("en"),
                "plans": len(self.plans),
                "by_plan": [{"plan": plan, "prefix": prefix, number: n} for plan, prefix, n in self.plans]}


class SharedIndicator(_Shared):
    """An indicator the targets of several plans measure; each plan's number is its targets that do."""

    def to_dict(self) -> dict:
        """``indicator``, labels, ``plans`` (how many) and ``by_plan`` (``plan``, ``prefix``, ``targets``)."""
        return self._dict("indicator", "targets")


class SharedPlace(_Shared):
    """A place several plans name; each plan's number is its tasks that name the place."""

    def to_dict(self) -> dict:
        """``place``, labels, ``plans`` (how many) and ``by_plan`` (``plan``, ``prefix``, ``tasks``)."""
        return self._dict("place", "tasks")


@dataclass(frozen=True)
class CorpusReport(JSONReport):
    """The report of several plans loaded together.

    Attributes
    ----------
    today : datetime.date
    layers : tuple of str
    plans : tuple of PlanReport
        Each plan's own report, in the order of :attr:`plankg.PlanGraph.plans`
        (empty when made with ``sections=False``).
    validation : ValidationReport or None
        The validation of the whole graph (each plan's report and summary hold its own results).
    summaries : tuple of PlanSummary
        One row per plan.
    shared_indicators : tuple of SharedIndicator
        By number of plans, most first.
    shared_places : tuple of SharedPlace
        By number of plans, most first.
    """

    today: datetime.date
    layers: tuple[str, ...]
    plans: tuple = ()
    validation: object | None = None
    summaries: tuple[PlanSummary, ...] = ()
    shared_indicators: tuple[SharedIndicator, ...] = ()
    shared_places: tuple[SharedPlace, ...] = ()

    @property
    def conforms(self) -> bool:
        """Whether every plan passed validation (``True`` if it was not validated)."""
        return self.validation is None or bool(self.validation.conforms)

    def validated(self, validation) -> CorpusReport:
        """Return the report with ``validation`` (of the whole corpus): each plan's row counts the results about it.

        Parameters
        ----------
        validation : ValidationReport or None
            ``None``: not validated.
        """
        if validation is None:
            return replace(self, validation=None,
                           summaries=tuple(replace(s, conforms=None, problems=None) for s in self.summaries))
        results = validation.by_plan()  # grouped once, not a pass over the results per plan
        return replace(self, validation=validation, summaries=tuple(
            replace(s, conforms=not results.get(s.plan), problems=len(results.get(s.plan, ())))
            for s in self.summaries))

    def with_plans(self, plans: tuple) -> CorpusReport:
        """Return the report with each plan's own report (:class:`~plankg.planreport.PlanReport`) after the summary."""
        return replace(self, plans=tuple(plans))

    def largest_gaps(self, n: int = SHOWN) -> list[PlanSummary]:
        """Return the ``n`` plans with the largest share of uncovered tasks (see :data:`GAP_DEFINITION`).

        Ties go to the plan with more uncovered tasks, then by name; plans with none are left out.
        """
        ranked = sorted((s for s in self.summaries if s.uncovered), key=lambda s: (-s.gap, -s.uncovered, s.name()))
        return ranked[:n]

    # ------------------------------------------------------------------ text

    def _head(self, lang: str) -> str:
        n = len(self.summaries)
        return say(lang, f"语料:{n} 个规划(各自统计,互不合并)", f"Corpus: {n} plan(s), each counted on its own")

    def _table(self, lang: str) -> tuple[list[str], list[list[str]]]:
        header = (["规划", "校验", "板块", "任务", "目标", "地点", "得分", "未覆盖", "进展", "名称"] if lang == "zh" else
                  ["plan", "valid", "areas", "tasks", "targets", "places", "score", "uncovered", "progress", "label"])
        rows = []
        for s in self.summaries:
            valid = "-" if s.conforms is None else say(lang, "是", "yes") if s.conforms else say(
                lang, f"否({s.problems})", f"no ({s.problems})")
            progress = ", ".join(f"{status} {n}" for status, n in s.progress.items() if n) or "-"
            rows.append([s.name(), valid, *(str(s.counts.get(k, 0)) for k in ("area", "task", "target", "place")),
                         f"{s.score:.2f}", str(s.uncovered), progress, s.label(lang)])
        return header, rows

    def _views(self, lang: str) -> list[tuple[str, list[str]]]:
        gaps = self.largest_gaps()
        return [
            (say(lang, f"多个规划瞄准的指标({len(self.shared_indicators)} 个)",
                 f"Indicators targeted by several plans ({len(self.shared_indicators)})"),
             [i.line(lang) for i in self.shared_indicators]),
            (say(lang, f"多个规划点名的地点({len(self.shared_places)} 个)",
                 f"Places named by several plans ({len(self.shared_places)})"),
             [p.line(lang) for p in self.shared_places]),
            (say(lang, f"缺口最大的规划(按{_GAP_ZH};前 {SHOWN} 个)",
                 f"Plans with the largest gaps ({GAP_DEFINITION}; top {SHOWN})"),
             [say(lang, f"{s.name()} {s.label(lang)}:{s.tasks} 项任务中 {s.uncovered} 项({s.gap:.0%})",
                  f"{s.name()} {s.label(lang)}: {s.uncovered} of {s.tasks} tasks ({s.gap:.0%})") for s in gaps]),
        ]

    def to_text(self, lang: str = "zh") -> str:
        """Return the summary table, the cross-plan views, then each plan's report, as plain text."""
        header, rows = self._table(lang)
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
        lines = [self._head(lang), ""]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1] for r in [header, *rows]]
        for title, items in self._views(lang):
            lines += ["", title + (":" if items else ""), *("  " + item for item in items)]
        return "\n\n".join(["\n".join(lines), *(p.to_text(lang) for p in self.plans)])

    def to_markdown(self, lang: str = "zh") -> str:
        """Return the summary table, the cross-plan views, then each plan's report (headings one level down)."""
        header, rows = self._table(lang)
        md = [say(lang, "# 规划语料", "# Plan corpus"), "", markdown_text(self._head(lang)), "",
              "| " + " | ".join(header) + " |", "|---|---|" + "---:|" * 6 + "---|---|"]
        md += ["| " + " | ".join(markdown_cell(c) for c in r) + " |" for r in rows]
        for title, items in self._views(lang):
            md += ["", f"## {markdown_text(title)}", "", *(f"- {markdown_text(item)}" for item in items)]
        for p in self.plans:
            md += ["", *("#" + line if line.startswith("#") else line for line in p.to_markdown(lang).splitlines())]
        return "\n".join(md) + "\n"

    def to_dict(self) -> dict:
        """Return the report as JSON-ready data.

        Keys: ``today``, ``layers``, ``corpus`` (``plans``: how many;
        ``conforms``; ``summary``: one object per plan, see
        :meth:`PlanSummary.to_dict`; ``shared_indicators``; ``shared_places``;
        ``largest_gaps``: ``definition`` and ``plans``, each with ``plan``,
        ``prefix``, ``tasks``, ``uncovered`` and ``share``) and ``plans``: one
        object per plan's own report (see :meth:`PlanReport.plan_dict`), empty
        when the report was made without sections.
        """
        return {
            "today": self.today.isoformat(),
            "layers": list(self.layers),
            "corpus": {
                "plans": len(self.summaries),
                "conforms": None if self.validation is None else bool(self.validation.conforms),
                "summary": [s.to_dict() for s in self.summaries],
                "shared_indicators": [i.to_dict() for i in self.shared_indicators],
                "shared_places": [p.to_dict() for p in self.shared_places],
                "largest_gaps": {
                    "definition": GAP_DEFINITION,
                    "plans": [{"plan": s.plan, "prefix": s.prefix, "tasks": s.tasks, "uncovered": s.uncovered,
                               "share": rounded(s.gap)} for s in self.largest_gaps()],
                },
            },
            "plans": [p.plan_dict() for p in self.plans],
        }


#: The named queries the summary reads, each run once for the whole corpus (see :func:`corpus_summary`).
SUMMARY_QUERIES = ("corpus-plan-counts", "corpus-plan-coverage", "corpus-shared-indicators", "corpus-shared-places")


def corpus_summary(kg, today: datetime.date, progress: Mapping, answers: Sequence | None = None) -> CorpusReport:
    """Read the summary of every plan of a corpus and the cross-plan views, with one run of each query.

    The report it gives is not validated and holds no plan's own report:
    :meth:`CorpusReport.validated` and :meth:`CorpusReport.with_plans` add them.

    Parameters
    ----------
    kg : PlanGraph
        The plans, on any engine.
    today : datetime.date
        The date of the report.
    progress : Mapping of str to ProgressReport
        Each plan's progress (:func:`plankg.tracking.progress_by_plan`).
    answers : sequence of QueryResult, optional
        The answers of :data:`SUMMARY_QUERIES`, in that order, when already asked
        (:func:`plankg.corpus_report` asks them while it judges progress); asked here otherwise.

    Returns
    -------
    CorpusReport

    Raises
    ------
    QueryError, EndpointError
        If the graph cannot be queried.
    """
    infos = tuple(kg.plans)
    if answers is None:
        answers = query_side_by_side(kg, [(name, {}) for name in SUMMARY_QUERIES])
    counted, covered, indicators, places = answers
    counts: dict[str, dict[str, int]] = {info.iri: dict.fromkeys(_KINDS, 0) for info in infos}
    for row in counted.records():
        if row["plan"] in counts:
            counts[row["plan"]][row["kind"]] = row["count"]
    coverage = {row["plan"]: row for row in covered.records()}
    summaries = []
    for info in infos:
        cov = coverage.get(info.iri, {})
        summaries.append(PlanSummary(
            plan=info.iri, prefix=info.prefix, labels=dict(info.labels), counts=counts.get(info.iri, {}),
            with_action_plan=cov.get("with_action_plan") or 0, with_target=cov.get("with_target") or 0,
            with_initiative=cov.get("with_initiative") or 0, uncovered=cov.get("uncovered") or 0,
            progress=progress[info.iri].counts() if info.iri in progress else {}))
    prefixes = {info.iri: info.prefix for info in infos}
    order = {info.iri: i for i, info in enumerate(infos)}
    return CorpusReport(
        today=today,
        layers=tuple(layer.value for layer in kg.layers),
        summaries=tuple(summaries),
        shared_indicators=tuple(_shared(SharedIndicator, indicators.records(), "indicator", "targets", prefixes, order)),
        shared_places=tuple(_shared(SharedPlace, places.records(), "place", "tasks", prefixes, order)),
    )


def _shared(cls, rows, key: str, number: str, prefixes: Mapping[str, str | None], order: Mapping[str, int]) -> list:
    """Gather the rows of a corpus-shared-* query into one ``cls`` per entity, most plans first."""
    found: dict[str, dict] = {}
    for row in rows:
        item = found.setdefault(row[key], {"labels": {}, "plans": {}, "total": row["plans"]})
        for lang in ("zh", "en"):
            if row.get(f"{key}_label_{lang}") and lang not in item["labels"]:
                item["labels"][lang] = row[f"{key}_label_{lang}"]
        item["plans"][row["plan"]] = max(item["plans"].get(row["plan"], 0), row[number] or 0)
    out = [
        cls(iri, item["labels"], tuple((plan, prefixes.get(plan), n)
                                       for plan, n in sorted(item["plans"].items(), key=lambda p: order.get(p[0], len(order)))))
        for iri, item in found.items()
    ]
    return sorted(out, key=lambda s: (-len(s.plans), s.iri))
