"""Progress against targets: observations → baseline, latest usable value, ratio and status.

One way in: :func:`progress`, also ``plankg.progress`` (the package is named
``tracking`` so that the function and the package do not share a name, as
``plankg.export`` and ``plankg.exports`` do not). The rules are in :mod:`plankg.tracking.rules`;
:mod:`~plankg.tracking.charts` draws one SVG chart per target;
:mod:`~plankg.tracking.sdmx` writes observations as SDMX-CSV and Data Cube RDF;
:mod:`~plankg.tracking.observe` adds an observation to a data folder.
"""

from __future__ import annotations

import datetime

from .data import read
from .model import Baseline, Conflict, Observation, Source, Status, TargetProgress
from .report import ProgressReport
from .rules import conflicts_among, judge

__all__ = ["progress", "progress_by_plan", "ProgressReport", "TargetProgress", "Observation", "Source", "Baseline", "Conflict", "Status"]


def progress(kg, as_of: datetime.date | None = None, plan: str | None = None) -> ProgressReport:
    """Report progress against every target: baseline, latest usable observation, ratio and status.

    Parameters
    ----------
    kg : PlanGraph
        One plan or several.
    as_of : datetime.date, optional
        Leave out observations public after this date; today by default.
    plan : str, optional
        Only this plan (its prefix, such as ``ks``, or its IRI).

    Returns
    -------
    ProgressReport
        One :class:`TargetProgress` per target, by plan, year and target.

    Raises
    ------
    ParameterError
        If ``plan`` names no plan in ``kg``.

    Examples
    --------
    >>> import datetime, plankg
    >>> report = plankg.progress(plankg.load(), as_of=datetime.date(2026, 11, 29))
    >>> len(report), report.row("ks:target/09-1").status.value
    (11, 'no baseline')
    """
    as_of = as_of or datetime.date.today()
    only = kg.resolve_plan(plan) if plan else None
    data = read(kg, plan=only)
    rows, plans, places = _judged(data, as_of)
    if only and only not in plans:
        plans.append(only)
    visible = [o for o in data.observations.values() if o.place in places and o.known_from <= as_of]
    position = {iri: i for i, iri in enumerate(plans)}
    rows.sort(key=lambda r: (position[r.plan], r.year or 0, r.target))
    return ProgressReport(as_of, tuple(plans), tuple(rows), tuple(conflicts_among(visible, data.recorded_conflicts)),
                          compact=kg.compact)


def progress_by_plan(kg, as_of: datetime.date | None = None) -> dict[str, ProgressReport]:
    """Report progress for every plan of a corpus at once: each plan's report, from one reading of the graph.

    ``progress_by_plan(kg)[iri]`` is the report ``progress(kg, plan=iri)`` gives, but the
    named queries run once for the whole corpus, not once per plan.

    Parameters
    ----------
    kg : PlanGraph
        One plan or several.
    as_of : datetime.date, optional
        Leave out observations public after this date; today by default.

    Returns
    -------
    dict of str to ProgressReport
        By plan IRI, for every plan in ``kg.plans`` (a plan without targets has an empty report).
    """
    as_of = as_of or datetime.date.today()
    data = read(kg)
    rows, _, _ = _judged(data, as_of)
    by_plan: dict[str, list] = {info.iri: [] for info in kg.plans}
    for row in rows:
        by_plan.setdefault(row.plan, []).append(row)
    places: dict[str, set] = {}
    for record in data.targets:
        places.setdefault(record.plan, set()).update(record.places)
    visible: dict[str, list] = {}
    for o in data.observations.values():
        if o.known_from <= as_of:
            visible.setdefault(o.place, []).append(o)
    reports = {}
    for iri, plan_rows in by_plan.items():
        plan_rows.sort(key=lambda r: (r.year or 0, r.target))
        seen = [o for place in sorted(places.get(iri, ()), key=str) for o in visible.get(place, ())]
        reports[iri] = ProgressReport(as_of, (iri,), tuple(plan_rows),
                                      tuple(conflicts_among(seen, data.recorded_conflicts)), compact=kg.compact)
    return reports


def _judged(data, as_of: datetime.date) -> tuple[list, list, set]:
    """Judge every target of ``data``: the rows, the plans in order of their first target, their places."""
    rows, plans, places = [], {}, set()  # plans: a dict as an ordered set (a corpus has a thousand)
    for record in data.targets:
        plans.setdefault(record.plan)
        places |= record.places
        own = data.of_indicator(record.indicator, record.places)
        proxies = [o for indicator in data.proxies.get(record.iri, ()) for o in data.of_indicator(indicator, record.places)]
        year, observation, rationale = data.baselines.get(record.iri, (None, None, {}))
        baseline = None
        if record.iri in data.baselines:
            baseline = Baseline(year, data.observations.get(observation) if observation else None, rationale)
        conflicts = conflicts_among([o for o in own if o.known_from <= as_of], data.recorded_conflicts)
        rows.append(judge(record, own, proxies, baseline, as_of, conflicts))
    return rows, list(plans), places
