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
    ParameterError,
    PlanKGError,
    PushError,
    QueryDefinitionError,
    QueryError,
)
from .graph import PlanGraph, connect, load
from .querylib import NamedQuery, QueryLibrary
from .results import QueryResult, Row

__version__ = "0.1.0"

__all__ = [
    "load",
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
]
