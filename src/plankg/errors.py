"""The exceptions plankg raises.

Every error a user can cause derives from :class:`PlanKGError`; the command
line turns each into one line on standard error and exit code 2
(:data:`EXIT_ERROR`). Errors about a file carry its path and, where known, the
line.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_ERROR",
    "PlanKGError",
    "DataError",
    "QueryError",
    "QueryDefinitionError",
    "ParameterError",
    "NetworkNotAllowed",
    "EndpointError",
    "PushError",
    "ExportError",
    "AnalysisError",
    "OutputError",
    "UnexpectedAnswer",
    "ValidationEngineError",
]

#: Exit code: success (and, for ``validate``, the data conforms).
EXIT_OK = 0
#: Exit code: ``validate`` found violations.
EXIT_VIOLATIONS = 1
#: Exit code: an error stopped the command (bad input, unreachable endpoint…).
EXIT_ERROR = 2


class PlanKGError(Exception):
    """Base class of every error plankg raises for bad input or environment."""


class DataError(PlanKGError):
    """A data file cannot be read or parsed.

    Parameters
    ----------
    path : path-like
        The file at fault.
    message : str
        What is wrong, and what to do about it.
    line : int, optional
        The 1-based line of the problem, where known.

    Examples
    --------
    >>> str(DataError("data/x.ttl", "a dot is expected", line=4))
    'data/x.ttl:4: a dot is expected'
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


class QueryError(PlanKGError):
    """A query cannot be found, parsed or run."""


class QueryDefinitionError(QueryError):
    """A query file is malformed: its ``#+`` header or its SPARQL.

    Parameters
    ----------
    path : path-like
        The ``.rq`` file.
    message : str
        What is wrong.
    line : int, optional
        The 1-based line of the problem, where known.
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


class ParameterError(QueryError):
    """A query parameter is missing, unknown, or not a valid value."""


class UnexpectedAnswer(QueryError, KeyError, IndexError):
    """A query's answer lacks a variable, column or row that was read.

    Local engines answer the query asked; a SPARQL endpoint may answer with
    other variables, or with nothing. Being also a :class:`KeyError` and an
    :class:`IndexError`, it stops the lookups that would have raised those.
    """

    __str__ = Exception.__str__


class NetworkNotAllowed(QueryError):
    """A query would reach the network (``SERVICE``, ``LOAD``, remote ``FROM``)."""


class EndpointError(PlanKGError):
    """A SPARQL endpoint answered with an error, refused, or timed out."""


class PushError(PlanKGError):
    """Uploading the plan to a SPARQL server failed; the old data is intact."""


class ExportError(PlanKGError):
    """An export could not be written; any earlier file is left as it was."""


class AnalysisError(PlanKGError):
    """An analysis cannot run as asked: a name matches no entity of the plan, or too many."""


class OutputError(PlanKGError):
    """An output file cannot be written where asked.

    The target is not a regular file (a device, a FIFO, a socket, a folder),
    is a symbolic link (plankg does not replace or write through links), or
    its folder is missing, read-only or full. Nothing was written.
    """


class ValidationEngineError(PlanKGError):
    """The SHACL engine asked for cannot be used: unknown, not installed, or at odds with pySHACL on a result."""


class ExtractionError(PlanKGError):
    """A plan's text cannot be read or its draft cannot be written (``plankg extract``)."""
