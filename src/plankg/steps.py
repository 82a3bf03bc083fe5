"""How long work tells its caller how far it is: progress callbacks.

Loading a store, validating, pushing and exporting take an optional
``progress`` callable. It is called as ``progress(step, done, total)``:

* ``step``: what is being done (``"load"``, ``"validate"``, ``"push"``,
  ``"export"``);
* ``done``: how many units of the step are done, from 0;
* ``total``: how many there are, or None when not known.

A step begins with ``done == 0`` and ends with ``done == total``. The Python
API never draws anything itself: the command line turns these calls into
progress bars on a terminal (:mod:`plankg.cli.bars`), and a Python caller may
log them or ignore them (the default).

Examples
--------
>>> seen = []
>>> with stepping(lambda *call: seen.append(call), "validate"):
...     pass
>>> seen
[('validate', 0, 1), ('validate', 1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Progress", "tick", "stepping"]

#: A progress callback: ``progress(step, done, total)``.
Progress = Callable[[str, int, "int | None"], None]


def tick(progress: Progress | None, step: str, done: int, total: int | None) -> None:
    """Tell ``progress`` (if any) that ``done`` of ``total`` units of ``step`` are done."""
    if progress is not None:
        progress(step, done, total)


@contextmanager
def stepping(progress: Progress | None, step: str) -> Iterator[None]:
    """Report one indivisible step: begun on entry, done on exit (also when it fails)."""
    tick(progress, step, 0, 1)
    try:
        yield
    finally:
        tick(progress, step, 1, 1)
