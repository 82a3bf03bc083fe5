"""The building blocks every analysis report renders with: tables and matrices.

Each report returns its findings as typed records, and renders them as text,
as JSON (``to_dict``), and as :class:`Table` rows, which the command line
prints as a table or writes as CSV. Matrices (task × action plan …) are
sparse :class:`Matrix` objects: the linked cells only, in memory and in JSON.

Examples
--------
>>> t = Table("demo", "示例", ("task", "score"), ("任务", "得分"), (("ks:task/01", 0.5),))
>>> print(t.to_csv(), end="")
task,score
ks:task/01,0.5
>>> t.to_dict()
{'name': 'demo', 'columns': ['task', 'score'], 'rows': [['ks:task/01', 0.5]]}
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .entity import Entity

__all__ = [
    "Table", "Matrix", "JSONReport", "entity_map", "rounded", "titles", "dumps", "say", "headings",
    "plan_dict", "with_plan", "plan_tables",
]


def rounded(value: float) -> float:
    """Round a score for stable JSON and text (6 decimal places).

    >>> rounded(2 / 3)
    0.666667
    """
    return round(float(value), 6)


def titles(entities: Iterable[Entity], lang: str, sep: str | None = None) -> str:
    """Join entity titles for text output (``、`` in Chinese, ``; `` in English).

    >>> titles([], "en")
    '—'
    """
    items = [e.title(lang) for e in entities]
    if not items:
        return "—"
    return (sep if sep is not None else ("、" if lang == "zh" else "; ")).join(items)


def say(lang: str, zh: str, en: str) -> str:
    """Return the Chinese or English wording.

    >>> say("en", "有", "yes")
    'yes'
    """
    return zh if lang == "zh" else en


def headings(lang: str, zh: str, en: str) -> tuple[str, ...]:
    """Split ``|``-separated column headings in the chosen language.

    >>> headings("en", "序号|名称", "No.|Label")
    ('No.', 'Label')
    """
    return tuple(say(lang, zh, en).split("|"))


def dumps(data) -> str:
    """Return ``data`` as indented JSON with Chinese left unescaped.

    >>> dumps({"a": "花桥"})
    '{\\n  "a": "花桥"\\n}'
    """
    return json.dumps(data, ensure_ascii=False, indent=2)


def entity_map(entities: Mapping[str, Entity]) -> dict[str, dict]:
    """Return the ``entities`` part of a report's JSON: each entity by IRI, in plan order."""
    return {iri: e.to_dict() for iri, e in sorted(entities.items(), key=lambda kv: kv[1].sort_key)}


def plan_dict(plan: Entity | None) -> dict | None:
    """Return the ``plan`` part of a report's JSON: the plan's IRI and labels."""
    return plan.to_dict() if plan is not None else None


def with_plan(text: str, plan: Entity | None, lang: str) -> str:
    """Return a report's text with a first line naming its plan."""
    if plan is None:
        return text
    return say(lang, f"规划:{plan.label(lang)}", f"Plan: {plan.label(lang)}") + "\n" + text


def plan_tables(tables: dict[str, Table], plan: Entity | None, lang: str) -> dict[str, Table]:
    """Return a report's tables naming their plan: in the title, and a last column ``plan`` (its IRI)."""
    if plan is None:
        return tables
    label = plan.label(lang)
    return {
        name: replace(
            table,
            title=f"{table.title} · {label}",
            columns=(*table.columns, "plan"),
            headers=(*table.headers, say(lang, "规划", "Plan")),
            rows=tuple((*row, plan.iri) for row in table.rows),
        )
        for name, table in tables.items()
    }


class JSONReport:
    """Gives a report with ``to_dict()`` its ``to_json()``."""

    def to_json(self) -> str:
        """Return :meth:`to_dict` as indented JSON."""
        return dumps(self.to_dict())


def _csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


@dataclass(frozen=True)
class Table:
    """Rows of a report, ready to print or to write as CSV.

    Attributes
    ----------
    name : str
        A stable name (``tasks``, ``areas`` …), used by ``--table``.
    title : str
        A heading in the report's language.
    columns : tuple of str
        Stable column keys, the CSV header.
    headers : tuple of str
        The column headings in the report's language.
    rows : tuple of tuple
        Plain values: text, numbers, or ``None``.
    """

    name: str
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]

    def to_csv(self) -> str:
        """Return the table as CSV with the stable column keys as header."""
        return _csv(self.columns, self.rows)

    def to_dict(self) -> dict:
        """Return ``name``, ``columns`` and ``rows``."""
        return {"name": self.name, "columns": list(self.columns), "rows": [list(r) for r in self.rows]}


@dataclass(frozen=True)
class Matrix:
    """A sparse 0/1 incidence matrix between two lists of entities.

    Only the linked cells are kept: ``links`` lists the ``(row, column)``
    index pairs that are 1, row by row, each row's columns in order. A plan
    ten times Kunshan's size has thousands of tasks and places but each task
    names a few places, so a dense grid would be almost all zeros (0.06 %
    non-zero at scale 100 of the synthetic plan).

    The JSON form (:meth:`to_dict`) is sparse too, whatever the matrix's size::

        {"name": "task_place",
         "rows": [row IRI, ...], "columns": [column IRI, ...],
         "links": [[row index, column index], ...]}

    Indices are 0-based positions in ``rows`` and ``columns``; a pair is
    listed once, in row order and then column order; a cell not listed is 0.
    :attr:`cells` and :meth:`to_csv` still give the dense grid for a caller
    that wants it (both cost rows × columns).

    Attributes
    ----------
    name : str
        ``task_action_plan``, ``task_place``, ``task_target`` or ``area_target``.
    rows, columns : tuple of Entity
    links : tuple of tuple of int
        The ``(i, j)`` pairs where row *i* is linked to column *j*, sorted.

    Examples
    --------
    >>> a, b, c = Entity("urn:a"), Entity("urn:b"), Entity("urn:c")
    >>> m = Matrix.build("demo", (a, b), (c,), [("urn:a", "urn:c"), ("urn:a", "urn:x")])
    >>> m.links, m.row_totals(), m.empty_rows()
    (((0, 0),), (1, 0), (<Entity urn:b other>,))
    >>> m.to_dict()
    {'name': 'demo', 'rows': ['urn:a', 'urn:b'], 'columns': ['urn:c'], 'links': [[0, 0]]}
    >>> m.cells
    ((1,), (0,))
    >>> print(m.to_csv("en"), end="")
    row,urn:c
    urn:a,1
    urn:b,0
    """

    name: str
    rows: tuple[Entity, ...]
    columns: tuple[Entity, ...]
    links: tuple[tuple[int, int], ...]

    @classmethod
    def build(cls, name: str, rows, columns, pairs: Iterable[tuple[str, str]]) -> Matrix:
        """Make a matrix from ``(row IRI, column IRI)`` pairs; others are ignored, repeats count once."""
        rows, columns = tuple(rows), tuple(columns)
        col_index = {c.iri: j for j, c in enumerate(columns)}
        row_index = {r.iri: i for i, r in enumerate(rows)}
        linked = {(row_index[row], col_index[column]) for row, column in pairs
                  if row in row_index and column in col_index}
        return cls(name, rows, columns, tuple(sorted(linked)))

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)``."""
        return len(self.rows), len(self.columns)

    @property
    def cells(self) -> tuple[tuple[int, ...], ...]:
        """The dense grid: ``cells[i][j]`` is 1 when row *i* is linked to column *j* (rows × columns cells)."""
        grid = [[0] * len(self.columns) for _ in self.rows]
        for i, j in self.links:
            grid[i][j] = 1
        return tuple(tuple(r) for r in grid)

    def row_links(self) -> tuple[tuple[Entity, ...], ...]:
        """Return, for each row, the columns it is linked to (in column order)."""
        out: list[list[Entity]] = [[] for _ in self.rows]
        for i, j in self.links:
            out[i].append(self.columns[j])
        return tuple(tuple(r) for r in out)

    def pairs(self) -> tuple[tuple[Entity, Entity], ...]:
        """Return the linked ``(row, column)`` entities, in row order and then column order."""
        return tuple((self.rows[i], self.columns[j]) for i, j in self.links)

    def row_totals(self) -> tuple[int, ...]:
        """Return how many columns each row is linked to."""
        totals = [0] * len(self.rows)
        for i, _ in self.links:
            totals[i] += 1
        return tuple(totals)

    def column_totals(self) -> tuple[int, ...]:
        """Return how many rows each column is linked to."""
        totals = [0] * len(self.columns)
        for _, j in self.links:
            totals[j] += 1
        return tuple(totals)

    def empty_rows(self) -> tuple[Entity, ...]:
        """Return the rows linked to no column."""
        return tuple(r for r, total in zip(self.rows, self.row_totals()) if total == 0)

    def to_dict(self) -> dict:
        """Return ``name``, ``rows`` and ``columns`` (IRIs) and ``links`` (index pairs); see the class docs."""
        return {
            "name": self.name,
            "rows": [r.iri for r in self.rows],
            "columns": [c.iri for c in self.columns],
            "links": [[i, j] for i, j in self.links],
        }

    def to_csv(self, lang: str = "zh") -> str:
        """Return the dense grid as CSV: a header of column labels, one row per row entity."""
        header = ["row", *(c.title(lang) for c in self.columns)]
        return _csv(header, ([r.title(lang), *cells] for r, cells in zip(self.rows, self.cells)))
