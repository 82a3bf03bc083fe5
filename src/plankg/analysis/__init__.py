"""Graph analysis of a plan: dependencies, coverage, places and connections.

Each analysis reads the plan only through the ``analysis-*`` named queries, so
it runs on every engine, a remote SPARQL endpoint included; builds NetworkX
graphs from the answers; and returns a typed, frozen report with ``to_text``,
``to_dict``/``to_json`` and ``tables`` (rows for a table or CSV).

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> len(plankg.dependencies(kg).generations)
2
"""

from .dependencies import CuratedEffect, Cycle, DependencyReport, Reach, SupportLink, TaskStanding, dependencies

__all__ = [
    "dependencies",
    "DependencyReport",
    "SupportLink",
    "Cycle",
    "TaskStanding",
    "Reach",
    "CuratedEffect",
]
