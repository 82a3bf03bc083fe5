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

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from .results import QueryResult

__all__ = ["query_side_by_side"]


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
        The first error in the order of ``calls``. If the caller is
        interrupted (Ctrl-C), the queries not yet started are cancelled and
        the ones under way end within their ``timeout``.
    """
    from ..engines.oxigraph import OxigraphEngine

    workers = min(len(calls), _cores())
    if workers <= 1 or not isinstance(kg.engine, OxigraphEngine):  # the engine is made here, once
        return [kg.query(name, **params) for name, params in calls]
    pool = ThreadPoolExecutor(workers, thread_name_prefix="plankg-queries")
    try:
        futures = [pool.submit(kg.query, name, **params) for name, params in calls]
        results = [future.result() for future in futures]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
