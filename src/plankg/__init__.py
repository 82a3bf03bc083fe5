"""plankg: government development plans as linked, validated, queryable knowledge graphs.

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> kg.validate().conforms
True
"""

from .datafiles import DataFile, GraphNames, Layer
from .errors import (
    DataError,
    EndpointError,
    ExportError,
    NetworkNotAllowed,
    OutputError,
    ParameterError,
    PlanKGError,
    PushError,
    QueryDefinitionError,
    QueryError,
    UnexpectedAnswer,
)
from .graph import PlanGraph, connect, load
from .sparql.library import NamedQuery, QueryLibrary
from .sparql.results import QueryResult, Row

__version__ = "0.1.0"

# Analysis and export pull in networkx and friends; they load on first use so
# that the query path stays light (``plankg query`` imports neither).
_LAZY = {
    "dependencies": "plankg.analysis",
    "coverage": "plankg.analysis",
    "places": "plankg.analysis",
    "connection": "plankg.analysis",
    "plan_report": "plankg.report",
    "PlanReport": "plankg.planreport",
    "CorpusReport": "plankg.corpusreport",
    "corpus_report": "plankg.report",
    "export": "plankg.exports",
    "progress": "plankg.tracking",
    "load_store": "plankg.engines.storesync",
    "keep_answers": "plankg.keptanswers",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plankg' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_LAZY))

__all__ = [
    "load",
    "load_store",
    "keep_answers",
    "dependencies",
    "coverage",
    "places",
    "connection",
    "plan_report",
    "PlanReport",
    "CorpusReport",
    "corpus_report",
    "export",
    "progress",
    "connect",
    "QueryLibrary",
    "NamedQuery",
    "QueryResult",
    "Row",
    "PlanGraph",
    "Layer",
    "DataFile",
    "GraphNames",
    "PlanKGError",
    "DataError",
    "QueryError",
    "QueryDefinitionError",
    "ParameterError",
    "NetworkNotAllowed",
    "EndpointError",
    "PushError",
    "ExportError",
    "OutputError",
    "UnexpectedAnswer",
]
