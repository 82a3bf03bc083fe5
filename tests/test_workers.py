"""plankg.workers: calls in worker processes, answers in order, errors as raised, no process left behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from plankg.errors import ParameterError, ValidationEngineError
from plankg.workers import Workers


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended and been reaped (no zombie left either)."""
    return not Path(f"/proc/{pid}").exists()


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def fails_on(n: int, bad: int) -> int:
    if n == bad:
        raise ParameterError(f"call {n} is refused")
    return n


def killed(n: int) -> int:
    if n == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def sleeps(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


class Unpicklable(Exception):
    def __init__(self, a, b):  # pickling re-creates it with one argument: fails
        super().__init__(f"{a}/{b}")


def raises_unpicklable() -> None:
    raise Unpicklable("left", "right")


def test_answers_come_in_the_order_of_the_calls_from_several_processes():
    with Workers(square_and_pid, [(n,) for n in range(7)], processes=2) as workers:
        answers = workers.results(deadline=60)
        pids = workers.pids
    assert [square for square, _ in answers] == [n * n for n in range(7)]
    assert {pid for _, pid in answers} <= set(pids) and os.getpid() not in pids
    assert len(pids) == 2 and all(gone(pid) for pid in pids)


def test_never_more_processes_than_calls():
    with Workers(square_and_pid, [(3,)], processes=4) as workers:
        assert workers.results(deadline=60)[0][0] == 9
        assert len(workers.pids) == 1


def test_a_calls_error_is_raised_as_it_was_and_every_process_is_stopped():
    workers = Workers(fails_on, [(n, 2) for n in range(5)], processes=2)
    with pytest.raises(ParameterError, match="call 2 is refused"):
        workers.results(deadline=60)
    assert all(gone(pid) for pid in workers.pids)


def test_an_error_that_cannot_be_pickled_comes_back_as_its_text():
    with Workers(raises_unpicklable, [()], processes=1) as workers:
        with pytest.raises(ValidationEngineError, match="Unpicklable: left/right"):
            workers.results(deadline=60)


def test_a_process_killed_without_answering_is_an_error_at_once():
    workers = Workers(killed, [(0,), (1,), (2,)], processes=1, name="validation")
    started = time.monotonic()
    with pytest.raises(ValidationEngineError, match=r"a validation process ended without answering \(exit code -9"):
        workers.results(deadline=60)
    assert time.monotonic() - started < 30 and all(gone(pid) for pid in workers.pids)


def test_the_deadline_stops_the_processes():
    workers = Workers(sleeps, [(60,), (60,)], processes=2, name="validation")
    started = time.monotonic()
    with pytest.raises(ValidationEngineError, match=r"did not finish within 0.5 s; they were stopped"):
        workers.results(deadline=0.5)
    assert time.monotonic() - started < 20 and all(gone(pid) for pid in workers.pids)


def test_an_error_in_this_process_stops_the_workers_when_the_block_is_left():
    with pytest.raises(KeyError):
        with Workers(sleeps, [(60,)], processes=1) as workers:
            pids = workers.pids
            raise KeyError("the other side failed")
    assert all(gone(pid) for pid in pids)


def ended(pid: int) -> bool:
    """Whether process ``pid`` is gone or a zombie (an orphan's zombie is its new parent's to reap)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="Linux only (PR_SET_PDEATHSIG)")
def test_the_workers_end_when_their_parent_is_killed():
    import subprocess
    import sys

    code = ("import os, sys, time; sys.path.insert(0, sys.argv[1]); from test_workers import sleeps;"
            "from plankg.workers import Workers; w = Workers(sleeps, [(60,), (60,)], processes=2);"
            "time.sleep(0.5); print(*w.pids, flush=True); os.kill(os.getpid(), 9)")
    done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], capture_output=True, text=True,
                          timeout=60)
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) == 2, done.stderr
    deadline = time.monotonic() + 20
    while not all(ended(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(ended(pid) for pid in pids)


def test_no_calls_no_processes():
    with Workers(sleeps, [], processes=2) as workers:
        assert workers.pids == [] and workers.results(deadline=1) == []
