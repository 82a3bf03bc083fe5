"""``plankg report`` in Python: validate once, then report one plan or a whole corpus.

:func:`plan_report` is the way in. For one plan it gives a
:class:`~plankg.planreport.PlanReport` (the plan at a glance, validation,
coverage gaps, implementation order); with several plans loaded, the
:class:`~plankg.corpusreport.CorpusReport` of :func:`corpus_report`: a summary
row per plan and the cross-plan views (:mod:`plankg.corpusreport`), then, for
up to :data:`~plankg.corpusreport.SECTIONS_UP_TO` plans, each plan's own
report, all built from one reading of the corpus (every query's rows split by
their ``plan`` column), so no number of one plan is ever merged with another's.

Validation runs once for the whole graph, with the options of ``plankg
validate`` (``jobs``), beside the report's reading of the plans: it starts
first, in worker processes (:func:`plankg.planvalidation.start_validation`),
and this process meanwhile runs the queries (side by side on Oxigraph,
:mod:`plankg.sparql.sidebyside`) and the analyses, then waits for it. The
report is the same as when the two ran one after the other, which they still
do with ``jobs=1`` (validation in this process) and on an endpoint. An error
on either side is raised as it would be then (the queries' first, if both
fail), and the worker processes are stopped.

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpusreport import CorpusReport
    from .planreport import PlanReport

__all__ = ["plan_report", "corpus_report"]


def plan_report(
    kg, today: datetime.date | None = None, *, validate: bool = True, plan: str | None = None,
    sections: bool | None = None, jobs: int | None = None, shacl_engine: str = "pyshacl", require: bool = False,
) -> PlanReport | CorpusReport:
    """Validate a plan and report it at a glance, with its coverage gaps and implementation order.

    Parameters
    ----------
    kg : PlanGraph
        The plan graph, on any engine (a remote endpoint included).
    today : datetime.date, optional
        The date overdue targets are judged against; the current date by default.
    validate : bool, default True
        Run SHACL validation (the slowest part, seconds for a big plan), in
        worker processes while the report's queries run.
    plan : str, optional
        The plan to report (its IRI or prefix), when the graph holds several.
    sections : bool, optional
        With several plans: add each plan's own report after the corpus summary;
        by default for up to 20 plans (see :func:`corpus_report`).
    jobs : int, optional
        Worker processes validating plans side by side, as for
        :meth:`plankg.PlanGraph.validate`: one per core by default (one process
        for a single data set), 1 to validate in this process, before the queries.
    shacl_engine : {"pyshacl", "shacl"}
        The SHACL engine validation runs on (:meth:`plankg.PlanGraph.validate`).
    require : bool, default False
        Refuse data that holds no plan (:func:`plankg.plans.require_plans`), as
        ``plankg report`` does, instead of reporting an empty graph.

    Returns
    -------
    PlanReport or CorpusReport
        A :class:`~plankg.planreport.PlanReport` for one plan (``plan`` given,
        or only one loaded); a :class:`~plankg.corpusreport.CorpusReport` when
        several are loaded and ``plan`` is not given.

    Raises
    ------
    DataError
        If a data file cannot be read, or (``require``) the data holds no plan.
    QueryError, EndpointError
        If the graph cannot be queried.
    ParameterError
        If ``plan`` names no loaded plan.
    ValidationEngineError
        If ``shacl_engine`` cannot be used, or a validation process ended
        without answering or took longer than
        :data:`plankg.planvalidation.DEADLINE`.
    """
    today = today or datetime.date.today()
    # Validation starts first: its worker processes need none of the report's modules (networkx …).
    with _Validation(kg, validate, jobs, shacl_engine) as validation:
        from .planreport import one_plan_report, own_results

        if require:
            from .plans import require_plans

            require_plans(kg)
        loaded = tuple(kg.plans)
        if len(loaded) > 1 and plan is None:
            return _corpus_report(kg, today, validation, sections)
        info = loaded[0] if loaded else None
        if plan is not None:
            iri = kg.resolve_plan(plan)
            info = next(i for i in loaded if i.iri == iri)
        validation.here()
        separate = len(loaded) > 1
        report = one_plan_report(kg, today, info, None, separate=separate)
        whole = validation.result()
        return report.validated(own_results(whole, info) if separate else whole)


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
        Validate the whole corpus once (the slowest part), in worker processes
        while the report's queries run.
    sections : bool, optional
        Add each plan's own report (:class:`~plankg.planreport.PlanReport`), from one
        whole-corpus reading; by default when the corpus has at most
        :data:`~plankg.corpusreport.SECTIONS_UP_TO` plans (a thousand sections are
        read by no one, and the ``analysis-*`` queries then return more rows than
        the graph's ``max_rows`` allows by default).
    jobs : int, optional
        Worker processes for validation, as for :meth:`plankg.PlanGraph.validate`;
        1 validates in this process, before the queries.
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
    ValidationEngineError
        If ``shacl_engine`` cannot be used, or a validation process failed (see :func:`plan_report`).

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
    today = today or datetime.date.today()
    with _Validation(kg, validate, jobs, shacl_engine) as validation:
        return _corpus_report(kg, today, validation, sections)


def _corpus_report(kg, today: datetime.date, validation: _Validation, sections: bool | None) -> CorpusReport:
    """The corpus report, read while ``validation`` runs, then validated.

    On embedded Oxigraph the summary's queries are asked in a thread of their
    own while this one reads and judges progress (Python work, which leaves
    Oxigraph's evaluation, outside Python's lock, a core); their errors are
    raised after progress's, as when they were asked one after the other.
    """
    from .corpusreport import SECTIONS_UP_TO, SUMMARY_QUERIES, corpus_summary
    from .planreport import own_results, plan_reports
    from .sparql.sidebyside import query_side_by_side
    from .tracking import progress_by_plan

    from .engines.oxigraph import OxigraphEngine

    validation.here()
    kg.plans  # noqa: B018 - the store is loaded, and the plans listed, before two threads read it
    asked = None
    if isinstance(kg.engine, OxigraphEngine):  # other engines answer one query at a time (see sidebyside)
        asked = _Asked(query_side_by_side, kg, [(name, {}) for name in SUMMARY_QUERIES])
    progress = progress_by_plan(kg, today)
    reports = ()
    if sections or (sections is None and len(kg.plans) <= SECTIONS_UP_TO):
        reports = plan_reports(kg, today, None, progress)
    # Each query is bounded by the graph's timeout; the wait by all of them one after the other, and a minute.
    deadline = (kg.timeout or 600) * len(SUMMARY_QUERIES) + 60
    summary = corpus_summary(kg, today, progress, asked.result(deadline) if asked else None)
    whole = validation.result()
    return summary.validated(whole).with_plans(tuple(p.validated(own_results(whole, p.info)) for p in reports))


class _Validation:
    """A report's validation of the whole graph: started at once in worker processes, or run here when due.

    With files to read and ``jobs`` other than 1, the worker processes start
    when the object is made (before this process starts the queries'
    threads) and :meth:`result` waits for them; leaving the ``with`` block
    stops any still running. Otherwise (``jobs=1``, an endpoint)
    :meth:`here` validates in this process, where the report always did:
    after the plans are listed, before the queries.
    """

    def __init__(self, kg, validate: bool, jobs: int | None, shacl_engine: str):
        self._kg, self._validate, self._jobs, self._engine = kg, validate, jobs, shacl_engine
        self._report = None
        self._running = None
        if validate and kg.files and not kg.endpoint and jobs != 1:
            from .planvalidation import start_validation

            self._running = start_validation(kg.files, kg.graphs, jobs=jobs, shacl_engine=shacl_engine)

    def __enter__(self) -> _Validation:
        return self

    def __exit__(self, *exc) -> None:
        if self._running is not None:
            self._running.stop()

    def here(self) -> None:
        """Validate in this process now, unless worker processes are already at it."""
        if self._validate and self._running is None and self._report is None:
            self._report = self._kg.validate(jobs=self._jobs, shacl_engine=self._engine)

    def result(self):
        """The validation report (``None`` when not validated), waited for if it is being made elsewhere."""
        if self._running is not None:
            self._report, running, self._running = self._running.result(), self._running, None
            running.stop()
        return self._report


class _Asked:
    """``function(*args)`` run in a thread of its own; :meth:`result` waits for it and raises its error.

    The thread is a daemon, as the queries' own are (:mod:`plankg.sparql.sidebyside`): Ctrl-C or an
    error in the caller ends the command at once; each query it runs is bounded by the graph's timeout.
    """

    def __init__(self, function, *args):
        import threading

        self._answer, self._error = None, None
        self._thread = threading.Thread(target=self._run, args=(function, *args), name="plankg-summary", daemon=True)
        self._thread.start()

    def _run(self, function, *args) -> None:
        try:
            self._answer = function(*args)
        except BaseException as err:  # raised in the caller's thread
            self._error = err

    def result(self, deadline: float):
        """The function's answer, once its thread is done; at most ``deadline`` seconds of waiting.

        Raises
        ------
        QueryError
            If the thread is not done by then (or the error it raised).
        """
        self._thread.join(deadline)
        if self._thread.is_alive():
            from .errors import QueryError

            raise QueryError(f"the corpus summary's queries did not answer within {deadline:g} s; "
                             "narrow the corpus, or lower --timeout")
        if self._error is not None:
            raise self._error
        return self._answer
