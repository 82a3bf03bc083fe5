"""Workbook tables → plan statements, remembering the cell each statement came from.

Examples
--------
>>> tables = {"dataset": [(3, {"id": "dataset", "type": "void:Dataset", "plan": "plan",
...     "uri_space": "http://example.org/p/", "prefix": "p"})],
...     "tasks": [(3, {"id": "task/1", "label_zh": "任务"})]}
>>> result = statements_from_tables(tables)
>>> sorted(p.rsplit("#", 1)[-1] for s, p, o in result.layers["source"] if s.endswith("task/1"))
['label', 'type']
>>> result.home[("source", "http://example.org/p/task/1")].sheet
'tasks'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..namespaces import PREFIXES
from .anchors import ANCHOR_KEYS, anchor_statements
from .cells import CellValueError, Names
from .errors import CellError, WorkbookError
from .layout import OTHER, SHEETS, Column, Kind, Sheet, sheet
from .quantity import parse_quantity
from .statements import LANG_STRING, RDF_TYPE, XSD_STRING, Lit
from .write import LAYERS

__all__ = ["statements_from_tables", "ReadResult", "RowRef", "Tables"]

#: Each sheet's name to its rows: (spreadsheet row number, column key → cell text).
Tables = Mapping[str, Sequence[tuple[int, Mapping[str, str]]]]

_PLAN = "https://w3id.org/plankg/ontology#"
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_DATE = re.compile(r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^-?[0-9]{4,}$")
_BOOLEAN = re.compile(r"^(true|false)$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class RowRef:
    """Where an entity's row is: the sheet, the row number and its cells."""

    sheet: str
    row: int
    cells: Mapping[str, str]
    layer: str


@dataclass
class ReadResult:
    """What :func:`statements_from_tables` read.

    Attributes
    ----------
    layers : dict
        Each layer's name to its statements.
    uri_space, prefix : str
        The plan's IRI space and prefix, from the ``dataset`` sheet.
    home : dict
        ``(layer, subject)`` to the row that names it.
    origin : dict
        Each statement (with its layer) to the row it came from.
    """

    layers: dict[str, set] = field(default_factory=lambda: {layer: set() for layer in LAYERS})
    uri_space: str = ""
    prefix: str = ""
    home: dict[tuple[str, str], RowRef] = field(default_factory=dict)
    origin: dict[tuple, RowRef] = field(default_factory=dict)


def _text(cells: Mapping[str, str], key: str) -> str:
    value = cells.get(key)
    return "" if value is None else str(value)


class _Reader:
    def __init__(self, names: Names):
        self.names = names
        self.errors: list[CellError] = []
        self._read: dict[str, str] = {}

    def fail(self, where: str, row: int, key: str, value: str, zh: str, en: str) -> None:
        self.errors.append(CellError(where, row, key, value, zh, en))

    def iris(self, where, row, key, text) -> list[str]:
        out = []
        for part in text.split():
            known = self._read.get(part)
            if known is not None:
                out.append(known)
                continue
            try:
                out.append(self._read.setdefault(part, self.names.read(part)))
            except CellValueError as err:
                self.fail(where, row, key, text, err.zh, err.en)
        return out

    def values(self, where: str, row: int, column: Column, text: str) -> list:
        kind = column.kind
        if kind is Kind.IRI:
            return self.iris(where, row, column.key, text)
        if kind.lang:
            parts = text.split("\n") if kind.many else [text]
            return [Lit(part, LANG_STRING, kind.lang) for part in parts if part != ""]
        value = text.strip()
        if kind is Kind.STRING:
            return [Lit(text)]
        checks = {
            Kind.INTEGER: (_INTEGER, "整数（如 3）", "a whole number (such as 3)"),
            Kind.DECIMAL: (_DECIMAL, "数字（如 8.5，不带单位）", "a number (such as 8.5, without a unit)"),
            Kind.DATE: (_DATE, "日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
            Kind.YEAR: (_YEAR, "年份 YYYY", "a year YYYY"),
            Kind.BOOLEAN: (_BOOLEAN, "true 或 false", "true or false"),
        }
        pattern, zh, en = checks[kind]
        if not pattern.match(value):
            self.fail(where, row, column.key, text, f"应为{zh}", f"expected {en}")
            return []
        return [Lit(value, kind.datatype)]


def _dataset(tables: Tables) -> tuple[str, str, list[CellError]]:
    rows = [(n, cells) for n, cells in tables.get("dataset", ()) if any(_text(cells, k).strip() for k in cells)]
    if len(rows) != 1:
        got = len(rows)
        return "", "", [CellError(
            "dataset", rows[1][0] if got > 1 else None, "uri_space", "",
            f"数据集工作表须恰有一行（现有 {got} 行）：它给出 IRI 空间和前缀",
            f"the dataset sheet needs exactly one row (it has {got}): it gives the IRI space and prefix")]
    number, cells = rows[0]
    uri_space, prefix = _text(cells, "uri_space").strip(), _text(cells, "prefix").strip()
    errors = []
    if not re.match(r"^[a-z][a-z0-9+.-]*:[^ <>\"]*[/#]$", uri_space):
        errors.append(CellError("dataset", number, "uri_space", uri_space,
                                "应为以 / 或 # 结尾的 IRI（如 https://example.org/my-plan/）",
                                "expected an IRI ending in / or # (such as https://example.org/my-plan/)"))
    return uri_space, prefix, errors


def statements_from_tables(tables: Tables, *, prefixes: Mapping[str, str] | None = None) -> ReadResult:
    """Read the workbook's tables into each layer's statements.

    Blank ``layer`` cells mean the sheet's layer, blank ``type`` cells the
    sheet's first class; but a row of the other layer with a blank ``type``
    cell types nothing: it adds that layer's statements about an entity the
    sheet's layer types (a curated byname of a source place). In the ``targets`` sheet, blank value, unit,
    comparator, comparator word, counted kind and year cells are filled from
    the ``expression`` cell by :func:`~plankg.authoring.quantity.parse_quantity`.

    Parameters
    ----------
    tables : mapping
        Each sheet's name to its rows, ``(row number, {column key: text})``.
    prefixes : mapping, optional
        Prefixes for IRIs outside the plan's IRI space; plankg's by default.

    Returns
    -------
    ReadResult

    Raises
    ------
    WorkbookError
        Listing every cell that cannot be read, each with its sheet, row,
        column, value and message.
    """
    uri_space, prefix, errors = _dataset(tables)
    if errors:
        raise WorkbookError(errors)
    known = dict(PREFIXES if prefixes is None else prefixes)
    if prefix and re.match(r"^[a-z][a-z0-9]*$", prefix) and prefix not in known:
        known[prefix] = uri_space
    names = Names(uri_space, known)
    reader = _Reader(names)
    result = ReadResult(uri_space=uri_space, prefix=prefix)

    def add(layer: str, triple: tuple, ref: RowRef) -> None:
        result.layers[layer].add(triple)
        result.origin.setdefault((layer, triple), ref)

    for spec in SHEETS:
        for number, cells in tables.get(spec.name, ()):
            if not any(_text(cells, k).strip() for k in cells):
                continue
            _read_row(spec, number, cells, reader, result, add)
    for number, cells in tables.get(OTHER, ()):
        if not any(_text(cells, k).strip() for k in cells):
            continue
        _read_other(number, cells, reader, result, add)
    if reader.errors:
        raise WorkbookError(reader.errors)
    return result


def _layer(where, number, cells, default, reader) -> str | None:
    layer = _text(cells, "layer").strip() or default
    if layer not in LAYERS:
        reader.fail(where, number, "layer", layer, "层应为 source 或 curated", "the layer is source or curated")
        return None
    return layer


def _read_row(spec: Sheet, number: int, cells, reader: _Reader, result: ReadResult, add) -> None:
    where = spec.name
    id_text = _text(cells, "id").strip()
    if not id_text:
        reader.fail(where, number, "id", "", "标识必填：它决定实体的 IRI（如 task/06）",
                    "the id is required: it fixes the entity's IRI (such as task/06)")
        return
    subjects = reader.iris(where, number, "id", id_text)
    layer = _layer(where, number, cells, spec.layer, reader)
    if len(subjects) != 1 or layer is None:
        if len(subjects) > 1:
            reader.fail(where, number, "id", id_text, "一行只能有一个标识", "a row has one id")
        return
    subject = subjects[0]
    ref = RowRef(where, number, cells, layer)
    previous = result.home.get((layer, subject))
    if previous is not None:
        reader.fail(where, number, "id", id_text,
                    f"标识重复：已用于工作表 {previous.sheet} 第 {previous.row} 行",
                    f"duplicate id: already used in sheet {previous.sheet}, row {previous.row}")
        return
    if _text(cells, "verdict").strip() in ("plan:Rejected", f"<{_PLAN}Rejected>"):
        return  # the reviewer rejected the drafted row: it is left out
    result.home[(layer, subject)] = ref
    cells = dict(cells)
    if spec.name == "targets":
        _fill_from_expression(cells, reader.names)
    if not _text(cells, "type").strip() and layer == spec.layer:
        add(layer, (subject, RDF_TYPE, spec.default_class), ref)
    for column in spec.columns:
        if column.predicate is None:
            continue
        text = _text(cells, column.key)
        if text.strip() == "":
            continue
        for value in reader.values(where, number, column, text):
            triple = (value, column.predicate, subject) if column.inverse else (subject, column.predicate, value)
            add(layer, triple, ref)
    if _text(cells, "anchor_start").strip():
        _read_anchor(where, number, subject, cells, reader, layer, ref, add)
    for left, predicate, right in spec.direct:
        direct = _text(cells, "direct").strip().lower()
        if direct not in ("", "yes", "no", "是", "否"):
            reader.fail(where, number, "direct", direct, "应为 yes 或 no", "expected yes or no")
            continue
        a, b = _text(cells, left).split(), _text(cells, right).split()
        if direct in ("", "yes", "是") and len(a) == 1 and len(b) == 1:
            try:
                add(layer, (reader.names.read(a[0]), predicate, reader.names.read(b[0])), ref)
            except CellValueError:
                pass  # the cell's own column has reported it


def _read_anchor(where, number, subject, cells, reader: _Reader, layer, ref, add) -> None:
    """A drafted row's anchor cells as W3C Web Annotation (see :mod:`plankg.authoring.anchors`)."""
    start, end = _text(cells, "anchor_start").strip(), _text(cells, "anchor_end").strip()
    if not (_INTEGER.match(start) and _INTEGER.match(end)) or int(start) < 0 or int(end) < int(start):
        reader.fail(where, number, "anchor_start", f"{start}–{end}", "原文起止应为非负整数，且起点不大于终点",
                    "the anchor's start and end are whole numbers, start not after end")
        return
    anchor = {key: _text(cells, key) for key in ANCHOR_KEYS}
    anchor["anchor_start"], anchor["anchor_end"] = str(int(start)), str(int(end))
    for triple in anchor_statements(subject, anchor, reader.iris(where, number, "source", _text(cells, "source"))):
        add(layer, triple, ref)


def _fill_from_expression(cells: dict, names: Names) -> None:
    """Fill a target's blank quantity cells from its ``expression`` cell."""
    expression = _text(cells, "expression")
    wanted = ("value", "unit", "comparator", "comparator_text", "counted_kind", "year")
    if not expression.strip() or all(_text(cells, k).strip() for k in wanted):
        return
    quantity = parse_quantity(expression)
    if quantity is None:
        return
    found = {
        "value": quantity.value_text,
        "unit": names.show(quantity.unit),
        "comparator": names.show(quantity.comparator) if quantity.comparator else "",
        "comparator_text": quantity.comparator_text or "",
        "counted_kind": names.show(quantity.counted_kind) if quantity.counted_kind else "",
        "year": str(quantity.year) if quantity.year else "",
    }
    for key, value in found.items():
        if not _text(cells, key).strip() and value:
            cells[key] = value


def _read_other(number: int, cells, reader: _Reader, result: ReadResult, add) -> None:
    where = OTHER
    layer = _layer(where, number, cells, "source", reader)
    subject = reader.iris(where, number, "subject", _text(cells, "subject"))
    predicate = reader.iris(where, number, "predicate", _text(cells, "predicate"))
    kind = _text(cells, "object_kind").strip() or "literal"
    text = _text(cells, "object")
    obj = None
    if kind in ("iri", "blank"):
        found = reader.iris(where, number, "object", text)
        obj = found[0] if len(found) == 1 else None
        if len(found) > 1 or not text.strip():
            reader.fail(where, number, "object", text, "应为一个 IRI", "expected one IRI")
    elif kind == "literal":
        lang = _text(cells, "lang").strip()
        datatype_text = _text(cells, "datatype").strip()
        if lang:
            if not _LANG.match(lang):
                reader.fail(where, number, "lang", lang, "语言标签无效（如 zh、en）", "not a language tag (such as zh, en)")
            obj = Lit(text, LANG_STRING, lang.lower())
        elif datatype_text:
            datatype = reader.iris(where, number, "datatype", datatype_text)
            obj = Lit(text, datatype[0]) if len(datatype) == 1 else None
        else:
            obj = Lit(text, XSD_STRING)
    else:
        reader.fail(where, number, "object_kind", kind, "宾语种类应为 iri、literal 或 blank",
                    "the object kind is iri, literal or blank")
    if len(subject) != 1 or len(predicate) != 1 or obj is None or layer is None:
        if not subject or not predicate:
            reader.fail(where, number, "subject" if not subject else "predicate", "",
                        "主语和谓语必填", "the subject and predicate are required")
        return
    add(layer, (subject[0], predicate[0], obj), RowRef(where, number, cells, layer))
