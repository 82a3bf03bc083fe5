"""Plan statements → workbook tables (``plankg export --format xlsx|csvdir``).

Each entity of a layer becomes a row of the sheet of its class; each of its
statements goes to the column that holds it exactly (the right property,
kind, language and number of values), or else to the ``other`` sheet. An
entity that a layer describes without typing it (the curated layer's byname
of a place of the source layer) gets a row of that layer, its ``type`` cell
blank, in the sheet of the class the other layer gives it. So
every statement is in the tables once, and reading them back
(:mod:`plankg.authoring.read`) gives the very same statements.

Examples
--------
>>> from plankg.authoring.statements import Lit, RDF_TYPE, RDFS_LABEL
>>> base = "http://example.org/p/"
>>> tables = tables_from_statements({"source": {
...     (base + "task/1", RDF_TYPE, "https://w3id.org/plankg/ontology#Task"),
...     (base + "task/1", RDFS_LABEL, Lit("任务", lang="zh")),
...     (base + "task/1", "http://example.org/v#odd", Lit("x"))}}, base)
>>> tables["tasks"][0]["id"], tables["tasks"][0]["label_zh"]
('task/1', '任务')
>>> tables["other"][0]["predicate"]
'<http://example.org/v#odd>'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from ..namespaces import PREFIXES
from .anchors import anchor_cells
from .cells import Names
from .layout import OTHER, SHEETS, Column, Kind, Sheet
from .statements import LANG_STRING, RDF_TYPE, XSD_STRING, Lit
from .turtle import natural_key

__all__ = ["tables_from_statements", "class_ancestors", "LAYERS"]

#: The layers a workbook holds, in order.
LAYERS = ("source", "curated")

_XSD = PREFIXES["xsd"]
_LEXICAL = {
    Kind.INTEGER: re.compile(r"^-?(0|[1-9][0-9]*)$"),
    Kind.DECIMAL: re.compile(r"^-?[0-9]+(\.[0-9]+)?$"),
    Kind.DATE: re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    Kind.YEAR: re.compile(r"^[0-9]{4}$"),
    Kind.BOOLEAN: re.compile(r"^(true|false)$"),
}


@lru_cache(maxsize=1)
def class_ancestors() -> dict[str, frozenset[str]]:
    """Each class the ontology declares, with its superclasses (itself included)."""
    from ..datafiles import parse_file
    from ..resources import ontology_file

    sub = PREFIXES["rdfs"] + "subClassOf"
    parents: dict[str, set[str]] = defaultdict(set)
    for t in parse_file(ontology_file()):
        if t.predicate.value == sub and hasattr(t.object, "value") and not hasattr(t.object, "language"):
            parents[t.subject.value].add(t.object.value)
    out = {}
    for cls in list(parents):
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[cls] = frozenset(seen)
    return out


def _sheet_of(types: list[str]) -> Sheet | None:
    ancestors = class_ancestors()
    for sheet in SHEETS:
        for cls in sorted(types):
            if any(c in ancestors.get(cls, {cls}) for c in sheet.classes):
                return sheet
    return None


def _fits(column: Column, obj) -> bool:
    """Whether ``obj`` is a value ``column`` holds exactly."""
    kind = column.kind
    if kind is Kind.IRI:
        return not isinstance(obj, Lit)
    if not isinstance(obj, Lit) or obj.value == "":
        return False
    if kind.lang:
        return obj.lang == kind.lang and obj.datatype == LANG_STRING and (not kind.many or "\n" not in obj.value)
    if obj.lang or obj.datatype != kind.datatype:
        return False
    pattern = _LEXICAL.get(kind)
    return pattern is None or bool(pattern.match(obj.value))


def _cell(column: Column, objects: list, names: Names) -> str:
    if column.kind is Kind.IRI:
        return " ".join(sorted((names.show(o) for o in objects), key=natural_key))
    return "\n".join(sorted(o.value for o in objects))


def _show_literal(obj: Lit, names: Names) -> tuple[str, str, str]:
    if obj.lang:
        return obj.value, "", obj.lang
    return obj.value, "" if obj.datatype == XSD_STRING else names.show(obj.datatype), ""


def _anchor(subject: str, row: dict, by_subject: Mapping[str, list], names: Names):
    """The anchor cells of a row and the statements they stand for, if its entity has an anchor of the usual shape."""
    nodes = [subject + "/anchor" + tail for tail in ("", "/target", "/position", "/quote")]
    if nodes[0] not in by_subject:
        return None
    statements = [t for node in nodes for t in by_subject.get(node, ())]
    sources = [names.read(part) for part in row.get("source", "").split()]
    cells = anchor_cells(subject, statements, sources)
    return None if cells is None else (cells, statements)


def tables_from_statements(
    layers: Mapping[str, set], uri_space: str, prefixes: Mapping[str, str] | None = None
) -> dict[str, list[dict[str, str]]]:
    """Return one plan's statements as the workbook's tables.

    Parameters
    ----------
    layers : mapping
        Each layer's name (``source``, ``curated``) to its statements (plain
        ``(s, p, o)``, see :mod:`plankg.authoring.statements`).
    uri_space : str
        The plan's IRI space: ids are written relative to it.
    prefixes : mapping, optional
        Prefixes for other IRIs; plankg's by default.

    Returns
    -------
    dict
        Each sheet's name to its rows (column key to cell text), and
        ``other`` to the statements no column holds.
    """
    names = Names(uri_space, prefixes)
    tables: dict[str, list[dict[str, str]]] = {sheet.name: [] for sheet in SHEETS}
    other: list[dict[str, str]] = []
    typed: dict[str, list[str]] = defaultdict(list)  # each subject's types, in any layer
    for layer in LAYERS:
        for s, p, o in layers.get(layer, ()):
            if p == RDF_TYPE and not isinstance(o, Lit):
                typed[s].append(o)
    for layer in LAYERS:
        triples = set(layers.get(layer, ()))
        by_subject: dict[str, list] = defaultdict(list)
        pointing: dict[tuple, list] = defaultdict(list)
        for t in triples:
            by_subject[t[0]].append(t)
            if not isinstance(t[2], Lit):
                pointing[(t[2], t[1])].append(t)
        claimed: set = set()
        rows = []
        for subject, own in by_subject.items():
            types = [o for _, p, o in own if p == RDF_TYPE and not isinstance(o, Lit)] or typed.get(subject)
            sheet = _sheet_of(types) if types else None
            if sheet is not None:
                rows.append((sheet, subject))
        for sheet, subject in sorted(rows, key=lambda r: natural_key(names.show(r[1]))):
            row = {"id": names.show(subject), "layer": "" if layer == sheet.layer else layer}
            before = len(claimed)
            for column in sheet.columns:
                if column.predicate is None:
                    continue
                if column.inverse:
                    found = [t for t in pointing.get((subject, column.predicate), ()) if t not in claimed]
                    values = [t[0] for t in found]
                else:
                    found = [t for t in by_subject[subject]
                             if t[1] == column.predicate and t not in claimed and _fits(column, t[2])]
                    values = [t[2] for t in found]
                if not found or (not column.kind.many and len(found) > 1):
                    continue
                row[column.key] = _cell(column, values, names)
                claimed.update(found)
            anchor = _anchor(subject, row, by_subject, names)
            if anchor is not None:
                row.update(anchor[0])
                claimed.update(anchor[1])
            for left, predicate, right in sheet.direct:
                a, b = row.get(left, ""), row.get(right, "")
                if a and b and " " not in a and " " not in b:
                    triple = (names.read(a), predicate, names.read(b))
                    row["direct"] = "yes" if triple in triples else "no"
                    claimed.add(triple)
            if len(claimed) > before:
                tables[sheet.name].append(row)
        for s, p, o in triples - claimed:
            entry = {"layer": "" if layer == "source" else layer, "subject": names.show(s), "predicate": names.show(p)}
            if isinstance(o, Lit):
                value, datatype, lang = _show_literal(o, names)
                entry.update(object=value, object_kind="literal", datatype=datatype, lang=lang)
            else:
                entry.update(object=names.show(o), object_kind="blank" if o.startswith("_:") else "iri")
            other.append(entry)
    other.sort(key=lambda e: tuple(natural_key(e.get(k, "")) for k in ("layer", "subject", "predicate", "object_kind", "object", "datatype", "lang")))
    tables[OTHER] = other
    return tables
