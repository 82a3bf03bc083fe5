"""Add an observation to a plan's data folder: validated first, then written atomically.

The observation goes into ``source/observations.ttl`` of the folder (created
with its ``qb:DataSet`` when absent), with a source document for its address
(reused when the data already has one with that address). Before anything is
written, the folder is copied with the new file and validated against the
shapes and the Data Cube integrity queries; only a graph that conforms is
written back, by an atomic replace.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import DataError, ParameterError

__all__ = ["observe", "ObservationInput"]

_PERIOD = re.compile(r"^[0-9]{4}(-S[12]|-[0-9]{2}(-[0-9]{2})?)?$")
_KINDS = {"full year": "FullYear", "half-year": "HalfYear", "as-of date": "AsOfDate"}
_BOUNDS = {"lower": "LowerBound", "approximate": "Approximate", "size class": "SizeClass"}
_TYPES = {"official": "OfficialSource", "media": "MediaSource", "repost": "RepostSource", "low": "LowSource"}
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')

_HEADER = """# Observations: values sources give for this plan's indicators (plankg observe).

@prefix plan:    <https://w3id.org/plankg/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
@prefix qb:      <http://purl.org/linked-data/cube#> .

"""


@dataclass(frozen=True)
class ObservationInput:
    """What ``plankg observe`` is told: one value, as a source writes it."""

    indicator: str
    period: str
    value: str
    expression: str
    source_url: str
    source_type: str
    source_title: str | None = None
    publisher: str | None = None
    source_date: str | None = None
    bound: str | None = None
    preliminary: bool = False
    quote: str | None = None
    place: str | None = None


def _literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _iri(text: str, what: str) -> str:
    if not text or _IRI_BAD.search(text):
        raise ParameterError(f"{what} {text!r} is not an IRI; give an address without spaces, quotes or <>")
    return f"<{text}>"


def _kind(period: str) -> str:
    rest = period[5:]
    return "full year" if not rest else "half-year" if rest.startswith("S") else "as-of date"


def observe(folder, entry: ObservationInput) -> str:
    """Add one observation to the plan data in ``folder`` and return its IRI.

    Parameters
    ----------
    folder : path-like
        A plan data folder (with ``dataset.ttl`` and ``source/``).
    entry : ObservationInput

    Returns
    -------
    str
        The new observation's IRI.

    Raises
    ------
    ParameterError
        If a value is malformed (period, number, source type, bound) or the indicator is unknown.
    DataError
        If the data with the new observation breaks a shape or a Data Cube integrity check
        (nothing is written then).
    """
    import plankg

    folder = Path(folder)
    if not (folder / "dataset.ttl").is_file():
        raise DataError(folder, "not a plan data folder (no dataset.ttl); give the folder of one plan")
    if not _PERIOD.match(entry.period):
        raise ParameterError(f"period {entry.period!r}: write 2022, 2024-S1, 2024-07 or 2024-07-05")
    try:
        value = Decimal(entry.value)
    except InvalidOperation:
        raise ParameterError(f"value {entry.value!r} is not a number; give it in base units (yuan, counts)") from None
    if entry.source_type not in _TYPES:
        raise ParameterError(f"source type {entry.source_type!r}: use one of {', '.join(_TYPES)}")
    if entry.bound and entry.bound not in _BOUNDS:
        raise ParameterError(f"bound {entry.bound!r}: use one of {', '.join(_BOUNDS)}")
    if not entry.expression.strip():
        raise ParameterError("the expression as written is empty; copy the number and unit from the source")
    kg = plankg.load([folder])
    space = next(iter(kg.datasets)).uri_space
    indicator = _resolve(kg, entry.indicator, space)
    rows = kg.sparql("SELECT ?_indicator_iri ?unit ?zh ?en WHERE { ?_indicator_iri a plan:Indicator ; plan:unit ?unit ; "
                     "rdfs:label ?zh , ?en FILTER(LANG(?zh) = 'zh' && LANG(?en) = 'en') }", indicator=indicator)
    if not rows:
        raise ParameterError(f"indicator {entry.indicator!r} is not a plan:Indicator with a unit in {folder}")
    unit, zh, en = rows[0].value("unit"), rows[0].value("zh"), rows[0].value("en")
    place = _resolve(kg, entry.place, space) if entry.place else _covered(kg)
    source, source_turtle = _source(kg, entry, space)
    slug = lambda iri: iri.rstrip("/").rsplit("/", 1)[-1]  # noqa: E731
    iri = f"{space}observation/{slug(indicator)}/{entry.period}/{slug(source)}"
    if kg.sparql("SELECT ?_observation_iri ?p WHERE { ?_observation_iri ?p ?v } LIMIT 1", observation=iri):
        raise ParameterError(f"{iri} exists: this source already gives a value for that indicator and period")
    lines = [f"{_iri(iri, 'observation')} a plan:Observation ;",
             f"    rdfs:label {_literal(f'{zh} {entry.period}:{entry.expression}')}@zh , "
             f"{_literal(f'{en}, {entry.period}: {entry.expression}')}@en ;",
             f"    qb:dataSet <{space}observations> ;", f"    plan:indicator <{indicator}> ;",
             f"    plan:refPeriod {_literal(entry.period)} ;", f"    plan:refArea <{place}> ;",
             f"    plan:source <{source}> ;", f'    plan:value "{value}"^^xsd:decimal ;', f"    plan:unit <{unit}> ;",
             f"    plan:periodKind plan:{_KINDS[_kind(entry.period)]} ;",
             f"    plan:observationStatus plan:{'Preliminary' if entry.preliminary else 'Final'} ;"]
    if entry.bound:
        lines.append(f"    plan:bound plan:{_BOUNDS[entry.bound]} ;")
    if entry.quote:
        lines.append(f"    plan:sourceText {_literal(entry.quote)}@zh ;")
    lines.append(f"    plan:sourceExpression {_literal(entry.expression)} .")
    target = folder / "source" / "observations.ttl"
    old = target.read_text(encoding="utf-8") if target.exists() else _HEADER + (
        f"<{space}observations> a qb:DataSet ;\n    rdfs:label \"观测值\"@zh , \"Observations\"@en ;\n"
        "    qb:structure plan:ObservationStructure .\n")
    new = old.rstrip("\n") + "\n" + source_turtle + "\n" + "\n".join(lines) + "\n"
    _check(folder, target, new)
    from ..atomic import write_text

    write_text(target, new)
    return iri


def _resolve(kg, text: str, space: str) -> str:
    """An IRI, a prefixed name (``ks:indicator/gdp``), a path in the data set (``indicator/gdp``) or a slug (``gdp``)."""
    if ":" in text:
        from ..sparql.params import Parameter

        return Parameter.from_variable("_term_iri").to_term(text, kg.prefixes).value
    return space + (text if "/" in text else f"indicator/{text}")


def _covered(kg) -> str:
    rows = kg.sparql("SELECT ?place WHERE { ?plan a plan:Plan ; plan:covers ?place }")
    if len(rows) != 1:
        raise ParameterError("the plan covers no single place; give the place with --place")
    return rows[0].value("place")


def _source(kg, entry: ObservationInput, space: str) -> tuple[str, str]:
    _iri(entry.source_url, "source address")
    found = kg.sparql("SELECT ?_url_iri ?s WHERE { ?s a plan:SourceDocument ; schema:url ?_url_iri }", url=entry.source_url)
    if found:
        return found[0].value("s"), ""
    host = (urlsplit(entry.source_url).hostname or "source").replace(".", "-")
    iri = f"{space}source/{host}-{hashlib.sha1(entry.source_url.encode()).hexdigest()[:8]}"
    title = entry.source_title or host
    lines = [f"<{iri}> a plan:SourceDocument ;",
             f"    rdfs:label {_literal(title)}@zh , {_literal(title)}@en ;",
             f"    schema:url {_iri(entry.source_url, 'source address')} ;"]
    if entry.source_title:
        lines.append(f"    dcterms:title {_literal(entry.source_title)}@zh ;")
    if entry.publisher:
        lines.append(f"    plan:publisherText {_literal(entry.publisher)} ;")
    if entry.source_date:
        if not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", entry.source_date):
            raise ParameterError(f"source date {entry.source_date!r}: write YYYY-MM-DD")
        lines.append(f'    dcterms:date "{entry.source_date}"^^xsd:date ;')
    lines.append(f"    plan:sourceType plan:{_TYPES[entry.source_type]} .")
    return iri, "\n" + "\n".join(lines) + "\n"


def _check(folder: Path, target: Path, text: str) -> None:
    """Validate the folder with ``target`` holding ``text``; raise DataError if it does not conform."""
    import plankg

    with tempfile.TemporaryDirectory(prefix="plankg-observe-") as tmp:
        copy = Path(tmp) / folder.name
        shutil.copytree(folder, copy, symlinks=False)
        (copy / target.relative_to(folder)).write_text(text, encoding="utf-8")
        try:
            kg = plankg.load([copy])
            report = kg.validate()
        except DataError as err:
            raise DataError(target, f"the new observation does not parse: {err}") from err
        if not report.conforms:
            first = report.results[0]
            raise DataError(target, f"not written: {first.message('en')} ({len(report.results)} violation(s))")
        for name in [n for n in kg.library if n.startswith("datacube-") and n.endswith("-violation")]:
            if len(kg.query(name)):
                raise DataError(target, f"not written: the data would break {name}")
