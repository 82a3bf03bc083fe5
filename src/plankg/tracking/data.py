"""Read targets, observations and the analysts' progress judgements from a plan graph.

Three named queries (``progress-targets``, ``progress-observations``,
``progress-judgements``) answer on any engine; this module turns their rows
into the typed objects of :mod:`plankg.tracking.model`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Observation, Source, TargetRecord, _local

__all__ = ["ProgressData", "TargetRecord", "read"]

_KINDS = {"FullYear": "full year", "HalfYear": "half-year", "AsOfDate": "as-of date"}
_BOUNDS = {"LowerBound": "lower", "Approximate": "approximate", "SizeClass": "size class"}
_TYPES = {"OfficialSource": "official", "MediaSource": "media", "RepostSource": "repost", "LowSource": "low"}
_RANKS = {"PreferredRank": "preferred", "NormalRank": "normal", "DeprecatedRank": "deprecated"}


@dataclass
class ProgressData:
    """Everything the progress rules need: targets, observations and judgements."""

    targets: list[TargetRecord] = field(default_factory=list)
    observations: dict[str, Observation] = field(default_factory=dict)
    proxies: dict[str, list[str]] = field(default_factory=dict)
    baselines: dict[str, tuple[int | None, str | None, dict]] = field(default_factory=dict)
    recorded_conflicts: set = field(default_factory=set)
    #: observations by indicator and place, built on first use (a corpus has thousands of indicators)
    _index: dict | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    def of_indicator(self, indicator: str | None, places) -> list[Observation]:
        """The observations of ``indicator`` in any of ``places``, oldest first."""
        if not indicator:
            return []
        if self._index is None or self._indexed != len(self.observations):
            self._index = {}
            for o in self.observations.values():
                self._index.setdefault(o.indicator, {}).setdefault(o.place, []).append(o)
            self._indexed = len(self.observations)
        by_place = self._index.get(indicator, {})
        if places:
            found = [o for place in places for o in by_place.get(place, ())]
        else:
            found = [o for observations in by_place.values() for o in observations]
        return sorted(found, key=lambda o: (o.period_end, o.iri))


def _date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read(kg, plan: str | None = None) -> ProgressData:
    """Return the :class:`ProgressData` of ``kg``.

    Parameters
    ----------
    kg : PlanGraph
    plan : str, optional
        Only this plan's targets (the ``plan`` parameter of ``progress-targets``:
        its IRI or prefix); every plan's by default. Observations and judgements
        are read for every plan either way: a target meets the observations of
        its indicator in its plan's places, whichever plan's data set holds them.

    Returns
    -------
    ProgressData

    Raises
    ------
    ParameterError
        If ``plan`` names no plan in ``kg``.
    """
    from ..sparql.sidebyside import query_side_by_side

    data = ProgressData()
    targets: dict[str, dict] = {}
    chosen = {} if plan is None else {"plan": plan}
    found, observed, judged = query_side_by_side(
        kg, [("progress-targets", chosen), ("progress-observations", {}), ("progress-judgements", {})])
    for row in found.records():
        record = targets.setdefault(row["target"], dict(row, places=set()))
        if row.get("place"):
            record["places"].add(row["place"])
    for iri, row in targets.items():
        data.targets.append(TargetRecord(
            iri=iri, plan=row["plan"], labels=_labels(row, "label"), year=row.get("year"),
            value=Decimal(str(row["value"])) if row.get("value") is not None else None,
            unit=row.get("unit"), comparator=_local(row.get("comparator")), expression=row.get("expression"),
            indicator=row.get("indicator"), indicator_labels=_labels(row, "indicator"),
            places=frozenset(row["places"])))
    for row in observed.records():
        if row["observation"] in data.observations or row.get("value") is None or not row.get("period"):
            continue  # incomplete observations are the shapes' business; the report skips them
        source = Source(
            iri=row.get("source") or "", url=row.get("url"), title=row.get("title"), publisher=row.get("publisher"),
            date=_date(row.get("date")), type=_TYPES.get(_local(row.get("source_type"))),
            labels=_labels(row, "source"))
        data.observations[row["observation"]] = Observation(
            iri=row["observation"], indicator=row.get("indicator") or "", period=str(row["period"]),
            kind=_KINDS.get(_local(row.get("kind")), "full year"), place=row.get("place"),
            value=Decimal(str(row["value"])), unit=row.get("unit"), bound=_BOUNDS.get(_local(row.get("bound"))),
            preliminary=_local(row.get("status")) == "Preliminary", expression=row.get("expression") or "",
            quote=row.get("quote"), inferred=bool(row.get("inferred")), note=row.get("note"),
            rank=_RANKS.get(_local(row.get("rank")), "normal"), source=source, dataset=row.get("dataset"),
            indicator_labels=_labels(row, "indicator"))
    for row in judged.records():
        rationale = {lang: row.get(f"rationale_{lang}") for lang in ("zh", "en") if row.get(f"rationale_{lang}")}
        if row["kind"] == "proxy":
            data.proxies.setdefault(row["target"], []).append(row["indicator"])
        elif row["kind"] == "baseline":
            data.baselines[row["target"]] = (row.get("year"), row.get("observation"), rationale)
        elif row["kind"] == "conflict" and row.get("observation"):
            data.recorded_conflicts.add(row["observation"])
    return data


def _labels(row: dict, stem: str) -> dict:
    return {lang: row[f"{stem}_{lang}"] for lang in ("zh", "en") if row.get(f"{stem}_{lang}")}
