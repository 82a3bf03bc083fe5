"""Progress bars on a terminal: rich's transient bars for the API's progress callbacks.

The Python API reports how far long work is through a callback
(:mod:`plankg.steps`); :func:`progress_bars` makes one that draws it. A bar
appears only when standard error is a terminal, and only once a step has run
for :data:`DELAY` seconds (``PLANKG_PROGRESS_DELAY`` sets it), so that quick
commands print nothing extra; it is erased when the work is done. Piped or
redirected output, ``PLANKG_PROGRESS=0`` and a non-terminal standard error
get no bar at all: :func:`progress_bars` then returns None and nothing is
ever written.
"""

from __future__ import annotations

import os
import sys
import threading

__all__ = ["DELAY", "Bars", "progress_bars"]

#: Seconds a step runs before its bar appears.
DELAY = 1.0

_LABELS = {
    "load": "Loading", "validate": "Validating", "push": "Pushing", "export": "Exporting",
    "answers": "Keeping answers",
}


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("PLANKG_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


class Bars:
    """A progress callback that draws rich bars on standard error, after a delay.

    Parameters
    ----------
    delay : float
        Seconds from a step's start before the bars appear.
    stream : file, optional
        Where to draw (standard error by default).
    """

    def __init__(self, delay: float = DELAY, stream=None):
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self._lock = threading.RLock()
        self._steps: dict[str, list] = {}  # step -> [done, total, task id or None]
        self._progress = None
        self._timer: threading.Timer | None = None

    def __call__(self, step: str, done: int, total: int | None) -> None:
        with self._lock:
            state = self._steps.setdefault(step, [0, total, None])
            state[0], state[1] = done, total
            if self._progress is not None:
                self._update(step, state)
            elif self.delay <= 0:
                self._show()
            elif self._timer is None:
                self._timer = threading.Timer(self.delay, self._show)
                self._timer.daemon = True
                self._timer.start()
            if total is not None and done >= total:
                self._finish(step)

    def _update(self, step: str, state: list) -> None:
        if state[2] is None:
            state[2] = self._progress.add_task(_LABELS.get(step, step), total=state[1], completed=state[0])
        else:
            self._progress.update(state[2], total=state[1], completed=state[0])

    def _finish(self, step: str) -> None:
        state = self._steps.pop(step)
        if not self._steps:
            self.close()  # the bars are erased as a whole
        elif self._progress is not None and state[2] is not None:
            self._progress.remove_task(state[2])

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            self._timer = None
            if not self._steps or self._progress is not None:
                return
            console = Console(file=self.stream, force_terminal=True)
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                redirect_stdout=False,  # standard output stays the command's own, piped or not
                redirect_stderr=False,
            )
            for step, state in self._steps.items():
                self._update(step, state)
            self._progress.start()  # draws at once, then refreshes from a thread of its own

    def close(self) -> None:
        """Stop the timer and erase the bars, if shown."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._progress is not None:
                self._progress.stop()
                self._progress = None


def progress_bars(stream=None):
    """Return a :class:`Bars` callback if ``stream`` (standard error) is a terminal, else None.

    ``PLANKG_PROGRESS=0`` turns the bars off; ``PLANKG_PROGRESS_DELAY``
    sets the seconds before they appear (1 by default). The bars are closed
    when the running command ends.
    """
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("PLANKG_PROGRESS", "1").lower() in ("0", "no", "off", "false"):
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    bars = Bars(_delay(), stream)
    try:
        import click

        click.get_current_context().call_on_close(bars.close)
    except RuntimeError:
        pass  # outside a command: the caller closes it
    return bars
