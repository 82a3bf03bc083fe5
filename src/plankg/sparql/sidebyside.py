"""Run several named queries side by side, and get their results in the order asked.

Embedded Oxigraph evaluates a query without holding Python's lock, and its
store may be read by several threads at once, so the queries an analysis, a
report or an export needs (three to six, each a whole pass over the plan) run
at once there, one per core. On any other engine (rdflib evaluates in Python;
an endpoint's connection, or an engine a caller plugs in, may serve one query
at a time) they run one after another, as before. Each query keeps its own
``timeout`` and ``max_rows`` (see :mod:`plankg.engines.bounded`).

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> plans, tasks = query_side_by_side(kg, [("plans", {}), ("tasks-by-area", {"area": "03"})])
>>> len(plans), [row.value("task_label_zh") for row in tasks]
(1, ['注重制度创新', '深化产业合作', '扩大交流交往'])
"""

from __future__ import annotations

import functools
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from ..cores import usable_cores
from .results import QueryResult

__all__ = ["query_side_by_side", "run_side_by_side"]

T = TypeVar("T")


def query_side_by_side(kg, calls: Sequence[tuple[str, Mapping]]) -> list[QueryResult]:
    """Run the named queries ``calls`` on ``kg``, at once where the engine allows, results in order.

    Parameters
    ----------
    kg : PlanGraph
    calls : sequence of (str, Mapping)
        Each query's name and parameters, as for :meth:`plankg.PlanGraph.query`.

    Returns
    -------
    list of QueryResult
        One per call, in the order of ``calls``.

    Raises
    ------
    QueryError, ParameterError, EndpointError
        The first error in the order of ``calls``. Ctrl-C ends the wait at
        once (the queries' threads are daemons, left to end with the process).
    """
    return run_side_by_side(kg, [functools.partial(kg.query, name, **params) for name, params in calls])


def run_side_by_side(kg, jobs: Sequence[Callable[[], T]], *, done: Callable[[int], None] | None = None) -> list[T]:
    """Call each of ``jobs`` (each asks ``kg``), at once where its engine allows; return their values in order.

    Parameters
    ----------
    kg : PlanGraph
        The graph the jobs ask: on embedded Oxigraph they run in threads,
        one per core; otherwise one after another.
    jobs : sequence of callable
        Called without arguments, each in one thread.
    done : callable, optional
        Called with a job's index as soon as it has ended (in the job's
        thread; a caller that draws progress serializes it).

    Returns
    -------
    list
        Each job's value, in the order of ``jobs``.

    Raises
    ------
    BaseException
        The first job's exception in the order of ``jobs`` (in threads, once
        all have ended). Ctrl-C ends the wait at once.
    """
    from ..engines.oxigraph import OxigraphEngine

    workers = min(len(jobs), usable_cores())
    if workers <= 1 or not isinstance(kg.engine, OxigraphEngine):  # the engine is made here, once
        values = []
        for index, job in enumerate(jobs):
            values.append(job())
            if done is not None:
                done(index)
        return values
    values: list = [None] * len(jobs)
    failures: list = [None] * len(jobs)
    waiting = queue.SimpleQueue()
    for index in range(len(jobs)):
        waiting.put(index)

    def work() -> None:
        while True:
            try:
                index = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                values[index] = jobs[index]()
            except BaseException as err:  # handed to the caller, in the order of the jobs
                failures[index] = err
            if done is not None:
                done(index)

    # Daemon threads: a Ctrl-C in the caller ends the command at once, as for one query
    # (a thread pool's threads would be waited for at exit, each query up to its timeout).
    threads = [threading.Thread(target=work, name="plankg-queries", daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for failure in failures:
        if failure is not None:
            raise failure
    return values
