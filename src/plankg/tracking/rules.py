"""The status rules: which observations may decide a target's status, and what they decide.

* Only observations of the target's own indicator, in a place its plan covers, decide.
  Proxies (an analyst's judgement that another indicator stands in), size classes
  (7000亿级), approximate values (近, 约) and sources of type "low" never decide; nor
  does a value ranked deprecated, nor a half-year value (never compared with a
  full-year target). A preliminary value (预计) decides only where no final value
  exists for the same period. Where sources disagree on an exact final value, the
  one ranked preferred decides, else the most reliable source type.
* **achieved**: a deciding exact value meets the target, or a deciding lower bound
  (超, 突破) is already at or above it.
* Otherwise the latest deciding exact value after the baseline year is compared with the path, which runs
  linearly from the baseline (year and value, cited) to the target (year and
  value): **on track** at or above the path for its year, **behind** below it;
  **no baseline** where no source gives the baseline value, so there is no path.
* Without a deciding exact value: **only bounds** when non-low lower bounds,
  approximate values or size classes of the indicator exist; **only proxies**
  when only proxy observations exist; **no data** otherwise.
* An observation counts only once public: its source's date (else the end of its
  period) is on or before the report's date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from .model import SOURCE_TYPES, Baseline, Conflict, Observation, Status, TargetProgress

__all__ = ["judge", "conflicts_among", "decides"]

_LOWER_IS_BETTER = {"AtMost", "DecreaseBy"}
_RELATIVE = {"Add": 1, "IncreaseBy": 1, "DecreaseBy": -1}


def _preference(o: Observation) -> tuple:
    rank = {"preferred": 0, "normal": 1, "deprecated": 2}[o.rank]
    kind = SOURCE_TYPES.index(o.source.type) if o.source.type in SOURCE_TYPES else len(SOURCE_TYPES)
    return (rank, o.preliminary, kind, o.iri)


def decides(o: Observation) -> str | None:
    """Return why ``o`` cannot decide a status (one word), or None when it can.

    Examples
    --------
    >>> from plankg.tracking.model import Observation, Source
    >>> from decimal import Decimal
    >>> low = Source("s", None, None, None, None, "low")
    >>> decides(Observation("o", "i", "2022", "full year", None, Decimal(1), None, None, False, "1", None,
    ...                     False, None, "normal", low))
    'low source'
    """
    if o.source.type == "low":
        return "low source"
    if o.rank == "deprecated":
        return "deprecated"
    if o.kind == "half-year":
        return "half-year"
    if o.bound in ("approximate", "size class"):
        return o.bound
    return None


def conflicts_among(observations, recorded=frozenset()) -> list[Conflict]:
    """Return the conflicts in ``observations``: exact final values that differ for one indicator, period and place.

    Parameters
    ----------
    observations : iterable of Observation
    recorded : set of str
        The observations a curated plan:Conflict names.
    """
    groups: dict[tuple, list[Observation]] = {}
    for o in observations:
        if o.exact and not o.preliminary:
            groups.setdefault((o.indicator, o.period, o.place), []).append(o)
    found = []
    for (indicator, period, _), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1])):
        if len({o.value for o in members}) > 1:
            members = sorted(members, key=_preference)
            found.append(Conflict(indicator, period, tuple(members), members[0],
                                  all(o.iri in recorded for o in members)))
    return found


def _level(value, comparator, baseline: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    sign = _RELATIVE.get(comparator)
    if sign is None:
        return value
    return None if baseline is None else baseline + sign * value


def _meets(v: Decimal, level: Decimal, comparator) -> bool:
    if comparator in _LOWER_IS_BETTER:
        return v <= level
    if comparator == "Exceed":
        return v > level
    return v >= level


def _why(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def judge(record, own, proxies, baseline: Baseline | None, as_of: datetime.date, conflicts=()) -> TargetProgress:
    """Return the progress row of one target.

    Parameters
    ----------
    record : TargetRecord
        The target.
    own, proxies : list of Observation
        Observations of the target's indicator and of its proxy indicators, in the plan's places.
    baseline : Baseline or None
    as_of : datetime.date
        Observations public after this date are left out.
    conflicts : sequence of Conflict
        The conflicts among ``own``.
    """
    own = [o for o in own if o.known_from <= as_of]
    proxies = [o for o in proxies if o.known_from <= as_of]
    base_value = baseline.value if baseline and baseline.observation and baseline.observation.known_from <= as_of else None
    level = _level(record.value, record.comparator, base_value)
    deciding = [o for o in own if decides(o) is None]
    exact = [o for o in deciding if o.exact]
    # a preliminary value stands only where no final one exists for its period
    finals = {o.period for o in exact if not o.preliminary}
    exact = [o for o in exact if not (o.preliminary and o.period in finals)]
    if base_value is not None and baseline.year is not None:
        exact = [o for o in exact if o.year > baseline.year]  # the baseline is the start, not progress
    lower = [o for o in deciding if o.bound == "lower"]
    overdue = record.year is not None and as_of > datetime.date(record.year, 12, 31) and not any(
        o.year >= record.year for o in exact)
    common = dict(record=record, baseline=baseline,
                  evidence=tuple(sorted(own + proxies, key=lambda o: (o.period_end, o.iri))),
                  proxies=tuple(sorted({o.indicator for o in proxies})), conflicts=tuple(conflicts), overdue=overdue)

    def ratio(v: Decimal):
        if level is None or record.value is None:
            return None, None
        if base_value is not None and level != base_value:
            return float((v - base_value) / (level - base_value)), "baseline"
        return (float(v / level), "target") if level else (None, None)

    if level is not None:
        met = [o for o in exact if _meets(o.value, level, record.comparator)]
        if record.comparator not in _LOWER_IS_BETTER:
            met += [o for o in lower if o.value >= level]
        if met:
            best = max(met, key=lambda o: (o.period_end, -_preference(o)[0]))
            r, basis = ratio(best.value)
            words = "下限" if best.bound == "lower" else "数值"
            return TargetProgress.of(**common, latest=best, ratio=r, ratio_basis=basis, path_value=None,
                                  status=Status.ACHIEVED, reason=_why(
                                      f"{best.period}年的{words}{best.expression}已达到目标", 
                                      f"the {'lower bound' if best.bound else 'value'} {best.expression} "
                                      f"for {best.period} already meets the target"))
    if exact:
        latest_end = max(o.period_end for o in exact)
        latest = sorted((o for o in exact if o.period_end == latest_end), key=_preference)[0]
        r, basis = ratio(latest.value)
        if base_value is None or level is None or baseline.year is None or record.year in (None, baseline.year):
            return TargetProgress.of(**common, latest=latest, ratio=r, ratio_basis=basis, path_value=None,
                                  status=Status.NO_BASELINE, reason=_why(
                                      "没有来源给出基线值,画不出路径,无法判断是否符合进度",
                                      "no source gives the baseline value, so there is no path to compare with"))
        span = Decimal(record.year - baseline.year)
        path = base_value + (level - base_value) * Decimal(latest.year - baseline.year) / span
        ahead = latest.value <= path if record.comparator in _LOWER_IS_BETTER else latest.value >= path
        status = Status.ON_TRACK if ahead else Status.BEHIND
        return TargetProgress.of(**common, latest=latest, ratio=r, ratio_basis=basis, path_value=path, status=status,
                              reason=_why(f"{latest.period}年的值{latest.expression}{'不低于' if ahead else '低于'}"
                                          f"从{baseline.year}年基线到{record.year}年目标的线性路径({path:.0f})",
                                          f"the {latest.period} value {latest.expression} is "
                                          f"{'at or above' if ahead else 'below'} the linear path from the "
                                          f"{baseline.year} baseline to the {record.year} target ({path:.0f})"))
    bounds = [o for o in own if o.bound is not None and o.source.type != "low" and o.rank != "deprecated"]
    if bounds:
        latest = bounds[-1]
        return TargetProgress.of(**common, latest=latest, ratio=None, ratio_basis=None, path_value=None,
                              status=Status.ONLY_BOUNDS, reason=_why(
                                  "只有界限值(下限、约数或量级),且下限未达到目标",
                                  "only bounds (lower bounds below the target, approximate values or size classes)"))
    if proxies:
        shown = [o for o in proxies if o.source.type != "low"] or proxies
        return TargetProgress.of(**common, latest=shown[-1], ratio=None, ratio_basis=None, path_value=None,
                              status=Status.ONLY_PROXIES, reason=_why(
                                  "只有替代指标的观测值,不能判断目标",
                                  "only observations of proxy indicators, which never decide"))
    why = sorted({decides(o) for o in own if decides(o)})
    return TargetProgress.of(**common, latest=own[-1] if own else None, ratio=None, ratio_basis=None, path_value=None,
                          status=Status.NO_DATA, reason=_why(
                              "没有可用的观测值" + (f"(只有:{'、'.join(why)})" if why else ""),
                              "no usable observation" + (f" (only: {', '.join(why)})" if why else "")))
