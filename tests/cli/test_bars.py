"""Progress bars: on a terminal after a delay, never in piped output (plankg.cli.bars, plankg.steps)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time

from helpers import plan_folders

from plankg.cli.bars import Bars, progress_bars
from plankg.engines.storesync import load_store
from plankg.steps import stepping

PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def env(**extra) -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **extra}


def run_in_pty(argv, **extra) -> tuple[int, bytes, bytes]:
    """Run ``argv`` with standard error on a pseudo-terminal and standard output piped."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=follower, env=env(**extra))
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read()
    os.close(leader)
    return process.wait(timeout=60), out, seen


def test_the_callback_is_told_each_file_loaded(tmp_path):
    calls = []
    report = load_store(plan_folders(), tmp_path / "store", progress=lambda *c: calls.append(c))
    assert calls[0] == ("load", 0, report.files) and calls[-1] == ("load", report.files, report.files)
    assert [c[1] for c in calls] == list(range(report.files + 1))


def test_a_step_shorter_than_the_delay_draws_nothing():
    stream = FakeTerminal()
    bars = Bars(delay=30, stream=stream)
    with stepping(bars, "validate"):
        pass
    bars.close()
    assert stream.getvalue() == ""


def test_a_step_longer_than_the_delay_draws_a_bar_and_erases_it():
    stream = FakeTerminal()
    bars = Bars(delay=0, stream=stream)
    bars("load", 0, 10)
    deadline = time.monotonic() + 10
    while "Loading" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    bars("load", 10, 10)
    assert "Loading" in stream.getvalue()
    assert bars._progress is None  # stopped once every step is done


def test_no_bars_when_standard_error_is_not_a_terminal(monkeypatch):
    assert progress_bars(io.StringIO()) is None
    monkeypatch.setenv("PLANKG_PROGRESS", "0")
    assert progress_bars(FakeTerminal()) is None


def test_plankg_load_on_a_terminal_shows_a_bar_after_the_delay_and_prints_only_its_report(tmp_path):
    folders = [str(p) for p in plan_folders()]
    code, out, terminal = run_in_pty(
        [*PLANKG, "load", *folders, "--store", str(tmp_path / "store")], PLANKG_PROGRESS_DELAY="0"
    )
    assert code == 0, terminal
    assert b"Loading" in terminal
    assert out.decode().count("\n") == 1 and "3 plans" in out.decode()


def test_plankg_load_piped_writes_no_bar(tmp_path):
    folders = [str(p) for p in plan_folders()]
    done = subprocess.run(
        [*PLANKG, "load", *folders, "--store", str(tmp_path / "store")],
        capture_output=True,
        env=env(PLANKG_PROGRESS_DELAY="0"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert done.stdout.decode().count("\n") == 1 and "3 plans" in done.stdout.decode()


def test_validate_on_a_terminal_shows_its_bar(tmp_path):
    code, out, terminal = run_in_pty([*PLANKG, "validate", str(plan_folders()[-1])], PLANKG_PROGRESS_DELAY="0")
    assert code == 0, terminal
    assert b"Validating" in terminal
    assert b"Validating" not in out


def test_a_quick_command_on_a_terminal_draws_nothing(tmp_path):
    code, out, terminal = run_in_pty(
        [*PLANKG, "load", str(plan_folders()[-1]), "--store", str(tmp_path / "store")], PLANKG_PROGRESS_DELAY="30"
    )
    assert code == 0, terminal
    assert terminal == b"" and b"1 plan, " in out
