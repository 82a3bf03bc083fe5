"""Run several named queries side by side, and get their results in the order asked.

Oxigraph evaluates a query without holding Python's lock, and a remote
endpoint answers over the network, so on those engines the queries an
analysis or an export needs (five or six, each a whole pass over the plan)
can run at once, one per core. rdflib evaluates in Python: there they run one
after another, as before. Each query keeps its own ``timeout`` and
``max_rows`` (see :mod:`plankg.engines.bounded`).

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
    workers = min(len(calls), _cores())
    if workers <= 1 or kg.engine_name == "rdflib":
        return [kg.query(name, **params) for name, params in calls]
    _ = kg.engine  # made once, here, not by several threads at once
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
