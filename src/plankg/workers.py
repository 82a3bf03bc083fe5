"""Worker processes that run calls while this process does other work, and leave none behind.

:class:`Workers` starts its processes at once and hands each the next call
not yet taken (a shared counter, so a slow call does not leave another
process idle). Each process sends its answers when it has no call left;
:meth:`Workers.results` waits for them with a deadline, and notices at once
a process that ended without answering (killed, out of memory).
:meth:`Workers.stop` ends every process still running (``SIGTERM``, then
``SIGKILL``), each wait bounded; leaving a ``with`` block stops them too, so
an error in this process (or Ctrl-C) leaves no worker behind. On Linux a
worker also ends when this process dies (``PR_SET_PDEATHSIG``).

:mod:`plankg.planvalidation` validates plans in them, and
:func:`plankg.plan_report` runs its queries while they validate.

Examples
--------
>>> with Workers(pow, [(2, 10), (3, 2), (5, 3)], processes=2) as workers:
...     workers.results(deadline=60)
[1024, 9, 125]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait

from .errors import ValidationEngineError

__all__ = ["Workers", "STOP_WAIT"]

#: Seconds a stopped process is given to end after ``SIGTERM``, and again after ``SIGKILL``.
STOP_WAIT = 5.0


class Workers:
    """Run ``function(*call)`` for every call in ``processes`` worker processes, started at once.

    Parameters
    ----------
    function : callable
        A module-level function (it is pickled where processes are spawned, not forked).
    calls : sequence of tuple
        The arguments of each call.
    processes : int
        How many worker processes (at most one per call: none without calls).
    initializer : callable, optional
        Run once in each process before its first call, with ``initargs``.
    initargs : tuple
    name : str
        What the processes do, for messages (``"validation"``).

    Notes
    -----
    The processes are made when the object is, in the calling thread: with the
    ``fork`` start method (Linux's default), make them before this process
    starts threads of its own.
    """

    def __init__(self, function: Callable, calls: Sequence[tuple], processes: int, *,
                 initializer: Callable | None = None, initargs: tuple = (), name: str = "work"):
        context = multiprocessing.get_context()
        self.name = name
        self._count = len(calls)
        self._answers: dict[int, object] = {}
        self._processes: list = []
        self._readers: dict = {}  # a process's sentinel -> the end of its pipe this process reads
        taken = context.Value("l", 0)  # the next call no process has taken yet
        try:
            for _ in range(min(processes, self._count)):
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_serve, name=f"plankg-{name}", daemon=True,
                                          args=(function, calls, taken, writer, initializer, initargs, os.getpid()))
                process.start()
                writer.close()  # the child holds its own copy: at its end, the reader sees EOF
                self._processes.append(process)
                self._readers[process.sentinel] = (process, reader)
        except BaseException:
            self.stop()
            raise

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def results(self, deadline: float) -> list:
        """Wait for every call's answer, ``deadline`` seconds at most; the answers in the order of the calls.

        Parameters
        ----------
        deadline : float
            Seconds to wait, from now.

        Returns
        -------
        list
            ``function(*call)`` for each call.

        Raises
        ------
        ValidationEngineError
            If a process ended without answering (killed, out of memory), or
            the deadline passed; every process is then stopped.
        Exception
            The first exception a call raised (in the order the processes
            answered), as it was raised; every process is then stopped.
        """
        end = time.monotonic() + deadline
        try:
            while self._readers:
                left = end - time.monotonic()
                if left <= 0:
                    raise ValidationEngineError(
                        f"the {self.name} processes did not finish within {deadline:g} s; they were stopped")
                for ready in wait([reader for _, reader in self._readers.values()]
                                  + list(self._readers), timeout=left):
                    self._take(ready)
            return [self._answers[index] for index in range(self._count)]
        except BaseException:
            self.stop()
            raise

    def _take(self, ready) -> None:
        """Read what a process sent, or learn that it ended without sending."""
        for sentinel, (process, reader) in list(self._readers.items()):
            if ready is not sentinel and ready is not reader:
                continue
            try:
                if not reader.poll():
                    if process.is_alive():
                        return  # its sentinel and pipe are both watched: the next wait tells
                    raise EOFError
                kind, payload = reader.recv()
            except (EOFError, OSError):
                process.join(STOP_WAIT)
                raise ValidationEngineError(
                    f"a {self.name} process ended without answering (exit code {process.exitcode}; "
                    "killed, or out of memory?); run again with --jobs 1 to work in one process") from None
            del self._readers[sentinel]
            reader.close()
            process.join(STOP_WAIT)
            if kind == "error":
                raise payload
            self._answers.update(payload)

    def stop(self) -> None:
        """End every process still running and close the pipes; each wait is bounded by :data:`STOP_WAIT`."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(STOP_WAIT)
            if process.is_alive():
                process.kill()
                process.join(STOP_WAIT)
        for _, reader in self._readers.values():
            reader.close()
        self._readers.clear()

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids."""
        return [process.pid for process in self._processes]


def _serve(function: Callable, calls: Sequence[tuple], taken, writer, initializer, initargs, parent: int) -> None:
    """A worker process: take the next call until none is left, then send every answer at once."""
    _end_with_parent(parent)
    answers: dict[int, object] = {}
    try:
        if initializer is not None:
            initializer(*initargs)
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(calls):
                break
            answers[index] = function(*calls[index])
        message = ("answers", answers)
    except KeyboardInterrupt:
        return  # Ctrl-C reaches the whole process group: this process's parent reports it
    except BaseException as err:  # handed to the parent, raised there as it was
        message = ("error", _sendable(err))
    try:
        writer.send(message)
    except (BrokenPipeError, OSError):
        pass  # the parent has gone, or stopped waiting
    except Exception as err:  # an answer that cannot be pickled
        writer.send(("error", ValidationEngineError(f"a worker's answer could not be sent back: {err}")))
    finally:
        writer.close()


def _sendable(err: BaseException) -> BaseException:
    """``err``, or a :class:`ValidationEngineError` with its text if it cannot be pickled."""
    import pickle

    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:
        return ValidationEngineError(f"{type(err).__name__}: {err}")


def _end_with_parent(parent: int) -> None:
    """Ask Linux to end this process with ``SIGTERM`` when ``parent`` ends (elsewhere: nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the call
        os._exit(1)
