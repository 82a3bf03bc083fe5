"""SHACL results mapped back to the workbook cells the user can fix.

A result names a focus node and a property path. The focus node's row is the
row whose ``id`` names it; the path picks the column that holds that
property (``^plan:hasTask`` is the tasks sheet's inverse ``area`` column).
Where two columns hold the property (labels in zh and en), the blank one is
meant for a missing value, the one holding the offending value otherwise.
A focus node no row names is found where a cell refers to it.
"""

from __future__ import annotations

from ..namespaces import PREFIXES
from .cells import Names
from .errors import CellError
from .layout import OTHER, sheet
from .read import ReadResult, RowRef

__all__ = ["cells_of_violations"]


def _expand(name: str) -> str | None:
    if ":" in name:
        prefix, local = name.split(":", 1)
        if prefix in PREFIXES:
            return PREFIXES[prefix] + local
    return None


def _path(path: str | None) -> tuple[str | None, bool]:
    if not path:
        return None, False
    inverse = path.startswith("^")
    name = path[1:] if inverse else path
    if any(ch in name for ch in "/|()*+?"):
        return None, inverse
    return _expand(name), inverse


def _row_of(read: ReadResult, focus: str) -> RowRef | None:
    for layer in ("source", "curated"):
        ref = read.home.get((layer, focus))
        if ref is not None:
            return ref
    return None


def _referring(read: ReadResult, focus: str) -> tuple[RowRef, str] | None:
    """A row and column whose cell names ``focus``."""
    for (layer, triple), ref in read.origin.items():
        if triple[2] == focus or triple[0] == focus:
            spec = None if ref.sheet == OTHER else sheet(ref.sheet)
            if spec is None:
                return ref, "object" if triple[2] == focus else "subject"
            for column in spec.columns:
                if column.predicate == triple[1]:
                    return ref, column.key
            return ref, "id"
    return None


def _locate(result, read: ReadResult, names: Names) -> tuple[RowRef | None, str | None]:
    predicate, inverse = _path(result.path)
    ref = _row_of(read, result.focus_node)
    if ref is None:
        found = _referring(read, result.focus_node)
        return found if found else (None, None)
    if ref.sheet == OTHER or predicate is None:
        return ref, "id"
    columns = [c for c in sheet(ref.sheet).columns if c.predicate == predicate and c.inverse == inverse]
    if not columns:
        for (layer, triple), origin in read.origin.items():
            if origin.sheet == OTHER and triple[0] == result.focus_node and triple[1] == predicate:
                return origin, "object"
        return ref, "id"
    if len(columns) > 1:
        if result.value:
            for column in columns:
                text = ref.cells.get(column.key) or ""
                if result.value in text or names.show(_expand(result.value) or result.value) in text.split():
                    return ref, column.key
        for column in columns:
            if not (ref.cells.get(column.key) or "").strip():
                return ref, column.key
    return ref, columns[0].key


def cells_of_violations(report, read: ReadResult) -> tuple[tuple[CellError, ...], tuple[CellError, ...]]:
    """Return each SHACL result of ``report`` as a :class:`CellError` at its cell.

    Returns
    -------
    (errors, warnings) : tuple of tuple of CellError
        Violations, then warnings and infos; one error per cell, its
        messages joined.
    """
    names = Names(read.uri_space)
    errors, warnings = [], []
    for result in report.results:
        ref, key = _locate(result, read, names)
        zh, en = result.message("zh"), result.message("en")
        if result.path:
            zh, en = f"{zh}（{result.path}）", f"{en} ({result.path})"
        if ref is None:
            error = CellError("—", None, None, names.show(result.focus_node), zh, en)
        else:
            error = CellError(ref.sheet, ref.row, key, str(ref.cells.get(key, "") or ""), zh, en)
        (errors if result.severity == "Violation" else warnings).append(error)
    return _one_per_cell(errors), _one_per_cell(warnings)


def _one_per_cell(errors: list[CellError]) -> tuple[CellError, ...]:
    """Merge the messages about one cell into one error, in order of sheet, row and column."""
    merged: dict[tuple, CellError] = {}
    for error in errors:
        key = (error.sheet, error.row, error.column, error.value)
        if key not in merged:
            merged[key] = error
        elif error.en not in merged[key].en:
            first = merged[key]
            merged[key] = CellError(*key, f"{first.zh}；{error.zh}", f"{first.en}; {error.en}")
    return tuple(sorted(merged.values(), key=lambda e: (e.sheet, e.row or 0, e.column or "")))
