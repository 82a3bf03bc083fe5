"""One analysis on every loaded plan, each apart, reading the graph once.

With several plans loaded, an analysis runs on each plan in turn (their
numbers are never merged). Asking each analysis function for one plan after
another would run its named queries once per plan, each over the whole
graph: for a corpus of 1,000 plans, thousands of queries each as long as the
corpus. :func:`each_plan` runs each query once
(:func:`~plankg.analysis.plandata.read_plans` groups the rows by their
``plan`` column) and analyses every plan from its own rows; the reports are
the same as the analysis function gives with ``plan=`` that plan.

Examples
--------
>>> import plankg
>>> kg = plankg.load(["data/kunshan-2022", "data/jinan-digital-2021"])
>>> [r.to_dict() for r in each_plan(kg, "dependencies")] == [
...     plankg.dependencies(kg, plan=info.iri).to_dict() for info in kg.plans]
True
"""

from __future__ import annotations

from .coverage import coverage_report
from .dependencies import dependency_report
from .path import connection_report
from .places import places_report
from .plandata import read_plans

__all__ = ["ANALYSES", "each_plan"]

#: Each analysis by name: the extra parts of the plan it reads, and the function analysing a plan already read.
ANALYSES = {
    "dependencies": (("curated",), dependency_report),
    "coverage": (("targets", "counts"), coverage_report),
    "places": ((), places_report),
    "connection": (("names",), connection_report),
}


def each_plan(kg, analysis: str, /, *args, **options) -> list:
    """Run one analysis on every plan loaded in ``kg``, each apart.

    Parameters
    ----------
    kg : PlanGraph
    analysis : str
        ``dependencies``, ``coverage``, ``places`` or ``connection``.
    *args, **options
        What the analysis takes besides the plan (``connection``: the two
        names; ``today``, ``asserted_only``, ``limit`` …).

    Returns
    -------
    list
        One report per plan, in the order of :attr:`plankg.PlanGraph.plans`.

    Raises
    ------
    KeyError
        If ``analysis`` is not one of :data:`ANALYSES`.
    AnalysisError
        As the analysis raises it for a plan (``connection``: a name no entity of that plan has).
    QueryError, EndpointError
        If the graph cannot be queried.
    """
    parts, report = ANALYSES[analysis]
    return [report(data, *args, **options) for data in read_plans(kg, parts=parts).values()]
