"""Graph analysis of a plan: dependencies, coverage, places and connections.

Each analysis reads the plan only through the ``analysis-*`` named queries, so
it runs on every engine, a remote SPARQL endpoint included; builds NetworkX
graphs from the answers (:mod:`plankg.analysis.structure`); and returns a
typed, frozen report with ``to_text(lang)``, ``to_dict()``/``to_json()`` and
``tables(lang)`` (rows for a table or CSV).

* :func:`dependencies` — cycles, implementation order, most depended-on
  tasks, reach, longest chains (:class:`DependencyReport`);
* :func:`coverage` — matrices, gaps by name, coverage score per area
  (:class:`CoverageReport`);
* :func:`places` — the task–place graph, its projection, centrality and
  communities against the plan's clusters (:class:`PlacesReport`);
* :func:`connection` — how two entities connect (:class:`ConnectionReport`).

With several plans loaded, :func:`each_plan` runs one analysis on every plan,
each apart, with one run of each named query for the whole graph.

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> len(plankg.dependencies(kg).generations), len(plankg.coverage(kg).gaps.tasks_without_action_plan)
(3, 1)
"""

from .coverage import AreaCoverage, CoverageReport, TaskCoverage, coverage
from .dependencies import DependencyReport, Reach, TaskStanding, dependencies
from .entity import Entity
from .gaps import CountCheck, CoverageGaps, OverdueTarget
from .order import CuratedEffect, Cycle, SupportLink
from .path import ConnectionReport, Route, Step, connection
from .perplan import each_plan
from .places import (
    ClusterMatch,
    PlaceLink,
    PlacePair,
    PlacesReport,
    PlaceStanding,
    places,
)

__all__ = [
    "dependencies",
    "coverage",
    "places",
    "connection",
    "each_plan",
    "DependencyReport",
    "TaskStanding",
    "Reach",
    "SupportLink",
    "Cycle",
    "CuratedEffect",
    "CoverageReport",
    "TaskCoverage",
    "AreaCoverage",
    "CoverageGaps",
    "CountCheck",
    "OverdueTarget",
    "PlacesReport",
    "PlaceLink",
    "PlaceStanding",
    "PlacePair",
    "ClusterMatch",
    "ConnectionReport",
    "Route",
    "Step",
    "Entity",
]
