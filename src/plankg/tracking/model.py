"""The typed results of :func:`plankg.progress`: observations, sources, rows and the report."""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
from dataclasses import dataclass, field, fields
from decimal import Decimal

__all__ = ["Status", "Source", "Observation", "Baseline", "Conflict", "TargetRecord", "TargetProgress"]

PLAN = "https://w3id.org/plankg/ontology#"


class Status(enum.Enum):
    """A target's progress status; the rules are in :mod:`plankg.tracking.rules` and the README."""

    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    BEHIND = "behind"
    NO_BASELINE = "no baseline"
    ONLY_BOUNDS = "only bounds"
    ONLY_PROXIES = "only proxies"
    NO_DATA = "no data"

    def label(self, lang: str = "en") -> str:
        """Return the status in ``lang`` ("zh" or "en")."""
        return self.value if lang == "en" else _STATUS_ZH[self]


_STATUS_ZH = {
    Status.ACHIEVED: "已达成", Status.ON_TRACK: "符合进度", Status.BEHIND: "落后于进度",
    Status.NO_BASELINE: "无基线", Status.ONLY_BOUNDS: "只有界限值", Status.ONLY_PROXIES: "只有替代指标",
    Status.NO_DATA: "无数据",
}

#: Source types from most to least reliable (their local names in the ontology).
SOURCE_TYPES = ("official", "media", "repost", "low")
_SOURCE_TYPE_ZH = {"official": "官方", "media": "媒体", "repost": "转载", "low": "低可信", None: "未注明"}
_BOUND_WORDS = {"lower": ("下限", "lower bound"), "approximate": ("约数", "approximate"), "size class": ("量级", "size class")}


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri else None


@dataclass(frozen=True)
class Source:
    """A source document an observation cites.

    Attributes
    ----------
    iri, url, title, publisher : str or None
        The document, its address, its title and publisher as written.
    date : datetime.date or None
        Its publication date, where known.
    type : str or None
        ``"official"``, ``"media"``, ``"repost"`` or ``"low"``.
    """

    iri: str
    url: str | None
    title: str | None
    publisher: str | None
    date: datetime.date | None
    type: str | None
    labels: dict = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "zh") -> str:
        """Return the source's label in ``lang``."""
        return self.labels.get(lang) or self.labels.get("zh") or self.iri

    def type_label(self, lang: str = "en") -> str:
        """Return the source type in ``lang``."""
        return (self.type or "unknown") if lang == "en" else _SOURCE_TYPE_ZH.get(self.type, self.type or "")

    def to_dict(self) -> dict:
        """``iri``, ``url``, ``title``, ``publisher``, ``date``, ``type``."""
        return {"iri": self.iri, "url": self.url, "title": self.title, "publisher": self.publisher,
                "date": self.date.isoformat() if self.date else None, "type": self.type}


@dataclass(frozen=True)
class Observation:
    """One observation: a value a source gives for an indicator, a period and a place.

    Attributes
    ----------
    iri, indicator : str
    period : str
        SDMX TIME_PERIOD: ``2022``, ``2024-S1``, ``2024-07`` or ``2024-07-05``.
    kind : str
        ``"full year"``, ``"half-year"`` or ``"as-of date"``.
    value : Decimal
        In base units.
    bound : str or None
        ``"lower"``, ``"approximate"``, ``"size class"``; None for an exact value.
    preliminary : bool
        The source calls it 预计.
    expression, quote : str
        The value and the sentence as written.
    rank : str
        ``"preferred"``, ``"normal"`` or ``"deprecated"``.
    """

    iri: str
    indicator: str
    period: str
    kind: str
    place: str | None
    value: Decimal
    unit: str | None
    bound: str | None
    preliminary: bool
    expression: str
    quote: str | None
    inferred: bool
    note: str | None
    rank: str
    source: Source
    dataset: str | None = None
    indicator_labels: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def year(self) -> int:
        """The year the reference period falls in."""
        return int(self.period[:4])

    @property
    def period_end(self) -> datetime.date:
        """The last day of the reference period."""
        year, rest = self.year, self.period[5:]
        if not rest:
            return datetime.date(year, 12, 31)
        if rest.startswith("S"):
            return datetime.date(year, 6, 30) if rest == "S1" else datetime.date(year, 12, 31)
        if len(rest) == 2:
            month = int(rest)
            return datetime.date(year, month, calendar.monthrange(year, month)[1])
        return datetime.date.fromisoformat(self.period)

    @property
    def known_from(self) -> datetime.date:
        """When the value was public: its source's date, else the end of its period."""
        return self.source.date or self.period_end

    @property
    def exact(self) -> bool:
        """True for a value with no bound."""
        return self.bound is None

    def indicator_label(self, lang: str = "zh") -> str:
        """Return the indicator's label in ``lang``."""
        return self.indicator_labels.get(lang) or self.indicator_labels.get("zh") or self.indicator

    def bound_label(self, lang: str = "en") -> str:
        """Return the bound in ``lang`` ("" for an exact value)."""
        return "" if self.bound is None else _BOUND_WORDS[self.bound][0 if lang == "zh" else 1]

    def to_dict(self) -> dict:
        """The observation as plain data (value as a string, to keep its digits)."""
        return {"observation": self.iri, "indicator": self.indicator, "period": self.period, "period_kind": self.kind,
                "place": self.place, "value": str(self.value), "unit": self.unit, "bound": self.bound,
                "preliminary": self.preliminary, "expression": self.expression, "quote": self.quote,
                "period_inferred": self.inferred, "rank": self.rank, "source": self.source.to_dict()}


@dataclass(frozen=True)
class Baseline:
    """A target's baseline judgement: the year, and the observation a source gives for it (or none)."""

    year: int | None
    observation: Observation | None
    rationale: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def value(self) -> Decimal | None:
        """The baseline value, or None where no source gives one."""
        return self.observation.value if self.observation else None

    def to_dict(self) -> dict:
        """``year``, ``value``, ``observation``, ``source``, ``rationale``."""
        return {"year": self.year, "value": str(self.value) if self.value is not None else None,
                "observation": self.observation.iri if self.observation else None,
                "source": self.observation.source.to_dict() if self.observation else None,
                "rationale": self.rationale.get("en")}


@dataclass(frozen=True)
class Conflict:
    """Different exact final values from different sources for one indicator, period and place.

    ``preferred`` is the observation ranked preferred (an analyst's rank, else the most
    reliable source type); ``recorded`` says whether the curated layer records the conflict.
    """

    indicator: str
    period: str
    observations: tuple[Observation, ...]
    preferred: Observation
    recorded: bool

    def to_dict(self) -> dict:
        """``indicator``, ``period``, the values with their sources, the preferred one, ``recorded``."""
        return {"indicator": self.indicator, "period": self.period,
                "values": [{"value": str(o.value), "expression": o.expression, "source": o.source.url,
                            "source_type": o.source.type, "rank": o.rank} for o in self.observations],
                "preferred": self.preferred.iri, "recorded": self.recorded}


@dataclass(frozen=True)
class TargetRecord:
    """A target as the plan states it (the ``progress-targets`` query's rows for it).

    Attributes
    ----------
    iri, plan : str
    labels : dict
        The target's label in ``zh`` and ``en``.
    year : int or None
    value : Decimal or None
        The target value, in base units.
    unit, expression : str or None
        The unit, and the target as written.
    comparator : str or None
        Local name of the comparator (``Exceed``, ``Reach``, ``Add``, …).
    indicator : str or None
    indicator_labels : dict
    places : frozenset of str
        The places the target is for.
    """

    iri: str
    plan: str
    labels: dict
    year: int | None
    value: Decimal | None
    unit: str | None
    comparator: str | None
    expression: str | None
    indicator: str | None
    indicator_labels: dict
    places: frozenset


@dataclass(frozen=True)
class TargetProgress(TargetRecord):
    """One row of the progress report: a target (its :class:`TargetRecord`), its evidence and its status.

    Attributes
    ----------
    target : str
        The target's IRI (``iri``).
    baseline : Baseline or None
    latest : Observation or None
        The latest usable observation (the one that decides the status, or the one shown).
    ratio : float or None
        Progress: (value - baseline) / (target - baseline), or value / target without a baseline.
    ratio_basis : str or None
        ``"baseline"`` or ``"target"``.
    path_value : Decimal or None
        The linear path's value for the latest observation's year.
    status : Status
    reason : dict
        Why, in ``zh`` and ``en``.
    evidence : tuple of Observation
        Every observation of the target's indicator and of its proxies, oldest first.
    proxies : tuple of str
        The proxy indicators' IRIs.
    conflicts : tuple of Conflict
    overdue : bool
        The target year is over (as of the report's date) with no usable value for it.
    """

    baseline: Baseline | None
    latest: Observation | None
    ratio: float | None
    ratio_basis: str | None
    path_value: Decimal | None
    status: Status
    reason: dict
    evidence: tuple[Observation, ...]
    proxies: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    overdue: bool

    @classmethod
    def of(cls, record: TargetRecord, **progress) -> "TargetProgress":
        """Return the row of ``record`` with the ``progress`` fields (``baseline``, ``status`` …)."""
        return cls(**{name: getattr(record, name) for name in _record_fields()}, **progress)

    @property
    def target(self) -> str:
        """The target's IRI."""
        return self.iri

    def label(self, lang: str = "zh") -> str:
        """Return the target's label in ``lang``."""
        return self.labels.get(lang) or self.labels.get("zh") or self.target

    def is_proxy(self, observation: Observation) -> bool:
        """True when ``observation`` is of a proxy indicator, not the target's own."""
        return observation.indicator != self.indicator

    def to_dict(self) -> dict:
        """The row as plain data (what ``--format json`` prints for it)."""
        return {
            "target": self.target, "plan": self.plan, "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"), "year": self.year,
            "value": str(self.value) if self.value is not None else None, "unit": self.unit,
            "comparator": self.comparator, "expression": self.expression, "indicator": self.indicator,
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "latest": self.latest.to_dict() if self.latest else None,
            "ratio": self.ratio, "ratio_basis": self.ratio_basis,
            "path_value": str(self.path_value) if self.path_value is not None else None,
            "status": self.status.value, "reason_zh": self.reason.get("zh"), "reason_en": self.reason.get("en"),
            "overdue": self.overdue, "proxies": list(self.proxies),
            "conflicts": [c.to_dict() for c in self.conflicts],
            "evidence": [dict(o.to_dict(), proxy=self.is_proxy(o)) for o in self.evidence],
        }


@functools.cache
def _record_fields() -> tuple[str, ...]:
    """The field names of :class:`TargetRecord`, read once (a corpus judges tens of thousands of targets)."""
    return tuple(f.name for f in fields(TargetRecord))
