"""Answers computed when a store is loaded, so that the first ask is a file read (``plankg load --keep-answers``).

A store keeps the answers that took long (:mod:`plankg.engines.answers`),
but only once someone has asked: over a corpus of 1,000 plans, the first
ask of a corpus-wide named query still costs Oxigraph's evaluation, seconds
each. :func:`keep_answers` asks every named query that needs no parameter
over the whole store, right after a load, and keeps each answer as an ask
would have (the same key: a later ``plankg query NAME --store STORE`` reads
it). It trades load time for query time: over 1,000 plans it adds minutes
to the load, and is therefore asked for, never done by default.

* Only queries without a required parameter are asked (the others depend on
  a value the load does not know), over all the store's plans, without a
  row limit (a later ``--max-rows`` applies to the answer read), side by
  side, one per core (:func:`plankg.sparql.sidebyside.run_side_by_side`).
* The answers are kept under the store's answer cache's rules: only those
  that took :attr:`~plankg.engines.answers.AnswerCache.min_seconds` or
  more, and within its size cap, the least recently used removed first.
* A query that fails is reported, and the others are still asked.
"""

from __future__ import annotations

import functools
import gc
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QueryError
from .sparql.sidebyside import run_side_by_side
from .steps import Progress, tick

__all__ = ["KeptAnswers", "keep_answers"]


@dataclass(frozen=True)
class KeptAnswers:
    """What :func:`keep_answers` asked and kept.

    Attributes
    ----------
    asked : tuple of str
        The named queries asked, in order.
    kept : tuple of str
        Those whose answer the store now keeps.
    failed : dict
        Query name to the error's message, for those that failed.
    seconds : float
        Wall time of all the asks.
    bytes : int
        The size of the store's kept answers afterwards.
    """

    asked: tuple[str, ...]
    kept: tuple[str, ...]
    failed: dict = field(default_factory=dict)
    seconds: float = 0.0
    bytes: int = 0

    def summary(self) -> str:
        """Return one line: how many answers are kept, their size and the time taken."""
        line = (f"kept the answers of {len(self.kept)} of {len(self.asked)} named queries "
                f"({self.bytes / 2**20:.1f} MB) in {self.seconds:.1f} s")
        if self.failed:
            line += f"; {len(self.failed)} failed: {', '.join(sorted(self.failed))}"
        return line

    def to_dict(self) -> dict:
        """Return the report as plain data (for ``--format json``)."""
        return {"asked": list(self.asked), "kept": list(self.kept), "failed": dict(self.failed),
                "seconds": round(self.seconds, 3), "bytes": self.bytes}


def keep_answers(
    store: str | Path,
    *,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
    min_seconds: float | None = None,
) -> KeptAnswers:
    """Ask a loaded store every named query without a required parameter, keeping the answers.

    Parameters
    ----------
    store : path-like
        A store :func:`plankg.load_store` made (in step with its files).
    names : iterable of str, optional
        Only these named queries (all of the library's by default).
    progress : callable, optional
        Told how many queries are done (step ``"answers"``, :mod:`plankg.steps`).
    min_seconds : float, optional
        Keep the answers that took this long or more (the answer cache's
        :attr:`~plankg.engines.answers.AnswerCache.min_seconds` by default).

    Returns
    -------
    KeptAnswers

    Examples
    --------
    >>> import tempfile
    >>> from plankg.engines.storesync import load_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = load_store(None, Path(tmp) / "s")
    ...     report = keep_answers(Path(tmp) / "s", names=["plans", "targets"])
    >>> report.asked, report.failed
    (('plans', 'targets'), {})
    """
    from .graph import load

    kg = load(store=store)
    kg.max_rows = None
    kg.timeout = None
    engine = kg.engine
    if min_seconds is not None and engine.answers is not None:
        engine.answers.min_seconds = min_seconds
    wanted = None if names is None else set(names)
    queries = [q for q in kg.library.values()
               if (wanted is None or q.name in wanted) and not any(p.required for p in q.parameters)]
    started = time.perf_counter()
    answers = engine.answers
    ticking = threading.Lock()
    ended = 0

    def ask(named) -> tuple[str | None, bool]:
        """Ask one query (in one of the threads): its error, and whether the store keeps its answer."""
        used = len(answers.used) if answers is not None else 0  # this thread's
        try:
            kg.query(named.name)
        except QueryError as err:
            return str(err), False
        # The cache kept the answer, or gave one it already kept.
        return None, answers is not None and len(answers.used) > used

    def done(_index: int) -> None:
        nonlocal ended
        with ticking:
            ended += 1
            tick(progress, "answers", ended, len(queries))

    tick(progress, "answers", 0, len(queries))
    # Side by side, one query per core: Oxigraph evaluates without holding Python's lock.
    outcomes = run_side_by_side(kg, [functools.partial(ask, named) for named in queries], done=done)
    kept = [named.name for named, (_, keeps) in zip(queries, outcomes) if keeps]
    failed = {named.name: error for named, (error, _) in zip(queries, outcomes) if error is not None}
    size = _size(engine)
    del kg, engine  # let the store (and its lock) go for whoever writes it next
    gc.collect()
    return KeptAnswers(tuple(q.name for q in queries), tuple(kept), failed, time.perf_counter() - started, size)


def _size(engine) -> int:
    """The size in bytes of the answers the store keeps."""
    answers = engine.answers
    size = 0
    if answers is not None and answers.folder.is_dir():
        for path in answers.folder.glob("*.answer.gz"):
            try:
                size += path.stat().st_size
            except OSError:
                continue
    return size
