"""Running a local query where it can be stopped: a deadline, Ctrl-C, a row limit.

Neither embedded engine can be interrupted from outside: Oxigraph evaluates
in Rust (releasing the GIL, but with no cancellation in its Python API) and
rdflib in Python. So each query runs in a thread of its own, made for it:

* the calling thread waits in short slices, so a deadline (``timeout``) and
  Ctrl-C are noticed within a tenth of a second, and the call returns with
  :class:`~plankg.errors.QueryError` ("the query timed out after N s") or
  :class:`KeyboardInterrupt`;
* the query's thread is told to stop: it checks between result rows, and a
  Python engine (rdflib) is also interrupted with an asynchronous exception.
  An Oxigraph query stuck inside one operator (a ``COUNT`` over a cartesian
  product) finishes that operator in the background before it notices; its
  thread holds no lock, and a command-line run exits at once regardless;
* without ``allow_network`` the thread is cut off from the network first
  (:func:`plankg.sparql.netguard.block_network`);
* at most ``max_rows`` rows are kept (:data:`DEFAULT_MAX_ROWS` by default);
  a larger answer is an error that says so, instead of filling the memory.
"""

from __future__ import annotations

import ctypes
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence

from ..errors import NetworkNotAllowed, QueryError
from ..sparql.netguard import block_network, network_attempts
from ..sparql.results import QueryResult
from ..sparql.termtable import TermTableBuilder

__all__ = ["DEFAULT_MAX_ROWS", "run_stoppable", "collect", "too_many_rows", "Stopped"]

#: The largest answer a local query may have unless told otherwise (``--max-rows``).
DEFAULT_MAX_ROWS = 100_000

_SLICE = 0.1


class Stopped(BaseException):
    """Raised inside a query's thread to stop it (a deadline or Ctrl-C).

    A :class:`BaseException`, so that an engine's ``except Exception`` does
    not swallow it.
    """


def run_stoppable(
    work: Callable[[threading.Event], QueryResult],
    *,
    timeout: float | None,
    allow_network: bool,
    interrupt_python: bool,
) -> QueryResult:
    """Run ``work(stop)`` in a new thread and return its result.

    Parameters
    ----------
    work : callable
        Evaluates the query; it should return early once ``stop`` is set.
    timeout : float or None
        Seconds before the query is abandoned; ``None`` waits for ever.
    allow_network : bool
        Whether the query's thread may use the network.
    interrupt_python : bool
        Whether to raise :class:`Stopped` inside the thread when stopping it
        (for engines written in Python).

    Raises
    ------
    QueryError
        If the query timed out, or failed.
    NetworkNotAllowed
        If the query tried to reach the network without ``allow_network``.
    KeyboardInterrupt
        On Ctrl-C; the query is stopped as on a timeout.
    """
    stop = threading.Event()
    box: dict = {}
    finished = threading.Event()

    def target() -> None:
        try:
            try:
                if not allow_network:
                    box["sealed"] = block_network()
                box["value"] = work(stop)
            except Stopped:
                pass
            except BaseException as err:  # handed to the caller's thread
                _clear_locals(err)
                box["error"] = err
            finally:
                box["attempts"] = network_attempts() if not allow_network else []
                finished.set()
        except Stopped:  # arrived just as the query finished
            pass

    thread = threading.Thread(target=target, name="plankg-query", daemon=True)
    thread.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while not finished.wait(_SLICE):
            if deadline is not None and time.monotonic() >= deadline:
                _stop(thread, stop, interrupt_python)
                raise QueryError(f"the query timed out after {timeout:g} s; narrow it, or raise --timeout")
    except KeyboardInterrupt:
        _stop(thread, stop, interrupt_python)
        raise
    error = box.get("error")
    if error is not None:
        if box.get("attempts") or (box.get("sealed") and isinstance(error, PermissionError)):
            raise NetworkNotAllowed(
                "the query tried to reach the network (SERVICE); pass --allow-network (allow_network=True) to run it"
            ) from error
        raise error
    return box["value"]


def _clear_locals(err: BaseException) -> None:
    # The traceback's frames hold the engine's result iterator; pyoxigraph's
    # must be dropped in the thread that made it, so drop them here.
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        traceback.clear_frames(err.__traceback__)
        err = err.__cause__ or err.__context__


def _stop(thread: threading.Thread, stop: threading.Event, interrupt_python: bool) -> None:
    stop.set()
    if interrupt_python and thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(Stopped))


def collect(
    variables: Sequence[str],
    solutions: Iterable[Sequence],
    stop: threading.Event,
    max_rows: int | None,
) -> QueryResult:
    """Gather a ``SELECT`` answer's rows, at most ``max_rows`` of them.

    Parameters
    ----------
    variables : sequence of str
        The projected variables.
    solutions : iterable of sequences of pyoxigraph terms (or None)
        The rows, each with one term per variable.
    stop : threading.Event
        Checked between rows.
    max_rows : int or None
        The most rows kept; ``None`` for no limit.

    Raises
    ------
    QueryError
        If the answer has more than ``max_rows`` rows.
    """
    table = TermTableBuilder(variables)
    for terms in solutions:
        if stop.is_set():
            raise Stopped
        if max_rows is not None and table.count >= max_rows:
            raise too_many_rows(max_rows)
        table.add(tuple(terms))
    # The rows are kept as numbers into their distinct terms: the output formats convert each
    # term once, and the Row objects are made only if a caller reads them (sparql/termtable.py).
    return QueryResult(variables, table.done(), None, None)


def too_many_rows(max_rows: int) -> QueryError:
    """The error of an answer with more than ``max_rows`` rows."""
    return QueryError(f"the query returned more than {max_rows:,} rows; narrow it (LIMIT, FILTER) or raise --max-rows")
