"""``plankg report`` in Python: validate once, then report one plan or a whole corpus.

:func:`plan_report` is the way in. For one plan it gives a
:class:`~plankg.planreport.PlanReport` (the plan at a glance, validation,
coverage gaps, implementation order); with several plans loaded, the
:class:`~plankg.corpusreport.CorpusReport` of :func:`corpus_report`: a summary
row per plan and the cross-plan views (:mod:`plankg.corpusreport`), then, for
up to :data:`~plankg.corpusreport.SECTIONS_UP_TO` plans, each plan's own
report, all built from one reading of the corpus (every query's rows split by
their ``plan`` column), so no number of one plan is ever merged with another's.

Validation runs once for the whole graph, first, with the options of
``plankg validate`` (``jobs``); the queries that read the plans then run side
by side on Oxigraph (:mod:`plankg.sparql.sidebyside`).

The modules import one way: this one uses :mod:`plankg.planreport` (one plan's
report) and :mod:`plankg.corpusreport` (the summary and the cross-plan views),
and :mod:`plankg.planreport` uses :mod:`plankg.corpusreport` (a plan's report
is written as a corpus of one).

Examples
--------
>>> import datetime, plankg
>>> report = plankg.plan_report(plankg.load(), today=datetime.date(2026, 11, 27))
>>> report.conforms, [len(s.tasks) for s in report.sections]
(True, [5, 3, 3, 3, 4, 4, 3])
>>> print(report.to_text("en").splitlines()[2])
At a glance: 7 areas, 25 main tasks, 12 action plans, 11 targets, 25 initiatives, 22 places, 2 milestones (2025, 2035)
"""

from __future__ import annotations

import datetime

from .corpusreport import SECTIONS_UP_TO, CorpusReport, corpus_summary
from .planreport import PlanReport, one_plan_report, plan_reports

__all__ = ["plan_report", "corpus_report"]


def plan_report(
    kg, today: datetime.date | None = None, *, validate: bool = True, plan: str | None = None,
    sections: bool | None = None, jobs: int | None = None, shacl_engine: str = "pyshacl",
) -> PlanReport | CorpusReport:
    """Validate a plan and report it at a glance, with its coverage gaps and implementation order.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).
    today : datetime.date, optional
        The date overdue targets are judged against; the current date by default.
    validate : bool, default True
        Run SHACL validation (the slowest part, seconds for a big plan).
    plan : str, optional
        The plan to report (its IRI or prefix), when the graph holds several.
    sections : bool, optional
        With several plans: add each plan's own report after the corpus summary;
        by default for up to 20 plans (see :func:`corpus_report`).
    jobs : int, optional
        Worker processes validating plans side by side, as for
        :meth:`plankg.PlanGraph.validate`: one per core by default, 1 to validate in this process.
    shacl_engine : {"pyshacl", "shacl"}
        The SHACL engine validation runs on (:meth:`plankg.PlanGraph.validate`).

    Returns
    -------
    PlanReport or CorpusReport
        A :class:`~plankg.planreport.PlanReport` for one plan (``plan`` given,
        or only one loaded); a :class:`~plankg.corpusreport.CorpusReport` when
        several are loaded and ``plan`` is not given.

    Raises
    ------
    DataError
        If a data file cannot be read.
    QueryError, EndpointError
        If the graph cannot be queried.
    ParameterError
        If ``plan`` names no loaded plan.
    """
    today = today or datetime.date.today()
    loaded = tuple(kg.plans)
    if len(loaded) > 1 and plan is None:
        return corpus_report(kg, today, validate=validate, sections=sections, jobs=jobs,
                             shacl_engine=shacl_engine)
    info = loaded[0] if loaded else None
    if plan is not None:
        iri = kg.resolve_plan(plan)
        info = next(i for i in loaded if i.iri == iri)
    validation = kg.validate(jobs=jobs, shacl_engine=shacl_engine) if validate else None
    separate = len(loaded) > 1
    return one_plan_report(kg, today, info, validation, separate=separate)


def corpus_report(
    kg, today: datetime.date | None = None, *, validate: bool = True, sections: bool | None = None,
    jobs: int | None = None, shacl_engine: str = "pyshacl",
) -> CorpusReport:
    """Report every plan of a corpus: a summary row each, what they share, the largest gaps.

    Parameters
    ----------
    kg : PlanGraph
        The plans, on any engine.
    today : datetime.date, optional
        The date progress and overdue targets are judged against; today by default.
    validate : bool, default True
        Validate the whole corpus once (the slowest part).
    sections : bool, optional
        Add each plan's own report (:class:`~plankg.planreport.PlanReport`), from one
        whole-corpus reading; by default when the corpus has at most
        :data:`~plankg.corpusreport.SECTIONS_UP_TO` plans (a thousand sections are
        read by no one, and the ``analysis-*`` queries then return more rows than
        the graph's ``max_rows`` allows by default).
    jobs : int, optional
        Worker processes for validation, as for :meth:`plankg.PlanGraph.validate`.
    shacl_engine : {"pyshacl", "shacl"}
        The SHACL engine validation runs on (:meth:`plankg.PlanGraph.validate`).

    Returns
    -------
    CorpusReport

    Raises
    ------
    DataError
        If a data file cannot be read.
    QueryError, EndpointError
        If the graph cannot be queried.

    Examples
    --------
    >>> import datetime, plankg
    >>> from plankg.resources import resource_root
    >>> kg = plankg.load([resource_root() / "data"])   # every bundled plan
    >>> report = corpus_report(kg, today=datetime.date(2026, 11, 27), validate=False, sections=False)
    >>> [(s.prefix, s.counts["task"], round(s.score, 2), s.uncovered) for s in report.summaries]
    [('jn', 19, 0.39, 2), ('ks', 25, 0.61, 1)]
    >>> report.summaries[1].progress["only proxies"], report.shared_places
    (3, ())
    """
    from .tracking import progress_by_plan

    today = today or datetime.date.today()
    validation = kg.validate(jobs=jobs, shacl_engine=shacl_engine) if validate else None
    progress = progress_by_plan(kg, today)
    reports = ()
    if sections or (sections is None and len(kg.plans) <= SECTIONS_UP_TO):
        reports = plan_reports(kg, today, validation, progress)
    return corpus_summary(kg, today, progress).validated(validation).with_plans(reports)
