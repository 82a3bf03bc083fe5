"""The status rules (plankg.tracking.rules) on small, hand-made evidence."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from plankg.tracking.data import TargetRecord
from plankg.tracking.model import Baseline, Observation, Source, Status
from plankg.tracking.rules import conflicts_among, decides, judge

TODAY = datetime.date(2026, 11, 29)
OFFICIAL = Source("s/official", "https://example.org/o", None, None, datetime.date(2026, 3, 1), "official")
LOW = Source("s/low", "https://example.org/l", None, None, None, "low")
MEDIA = Source("s/media", "https://example.org/m", None, None, None, "media")


def obs(value, period="2024", *, indicator="i", source=OFFICIAL, bound=None, kind=None, preliminary=False,
        rank="normal", name=None):
    kind = kind or ("half-year" if "-S" in period else "as-of date" if len(period) > 4 else "full year")
    return Observation(name or f"o/{indicator}/{period}/{source.iri}/{value}", indicator, period, kind, "p",
                       Decimal(value), None, bound, preliminary, str(value), None, False, None, rank, source)


def target(value=100, comparator="Reach", year=2025):
    return TargetRecord("t", "plan", {"zh": "目标", "en": "Target"}, year, Decimal(value), None, comparator, None,
                        "i", {}, frozenset({"p"}))


BASE = Baseline(2020, obs(40, "2020", name="o/base"))


def status(own, proxies=(), baseline=BASE, **kw):
    return judge(target(**kw), list(own), list(proxies), baseline, TODAY)


def test_an_exact_value_at_the_target_is_achieved():
    row = status([obs(100, "2024")])
    assert row.status is Status.ACHIEVED and row.ratio == pytest.approx(1.0)


def test_exceed_needs_more_than_the_target():
    assert status([obs(100, "2024")], comparator="Exceed").status is Status.ON_TRACK  # not achieved: path 88 in 2024
    assert status([obs(101, "2024")], comparator="Exceed").status is Status.ACHIEVED


def test_a_lower_bound_above_the_target_is_achieved_but_below_it_decides_nothing():
    assert status([obs(120, "2024", bound="lower")]).status is Status.ACHIEVED
    assert status([obs(90, "2024", bound="lower")]).status is Status.ONLY_BOUNDS


def test_the_linear_path_decides_on_track_or_behind():
    # path from 40 (2020) to 100 (2025): 76 in 2023
    on = status([obs(76, "2023")])
    behind = status([obs(75, "2023")])
    assert (on.status, behind.status) == (Status.ON_TRACK, Status.BEHIND)
    assert on.path_value == Decimal(76)
    assert behind.ratio == pytest.approx((75 - 40) / 60) and behind.ratio_basis == "baseline"


def test_without_a_baseline_value_there_is_no_path():
    row = status([obs(75, "2023")], baseline=Baseline(2020, None))
    assert row.status is Status.NO_BASELINE and row.ratio == pytest.approx(0.75) and row.ratio_basis == "target"


def test_low_sources_size_classes_and_approximations_never_decide():
    assert status([obs(200, "2024", source=LOW)]).status is Status.NO_DATA
    assert status([obs(200, "2024", bound="size class")]).status is Status.ONLY_BOUNDS
    assert status([obs(200, "2024", bound="approximate")]).status is Status.ONLY_BOUNDS
    assert decides(obs(1, source=LOW)) == "low source"


def test_a_half_year_value_is_not_compared_with_a_full_year_target():
    row = status([obs(200, "2024-S1")])
    assert row.status is Status.NO_DATA and "half-year" in row.reason["en"]


def test_proxies_never_decide():
    row = status([], [obs(500, "2024", indicator="broad")])
    assert row.status is Status.ONLY_PROXIES and row.latest.indicator == "broad"
    assert status([], []).status is Status.NO_DATA


def test_a_preliminary_value_gives_way_to_the_final_one():
    row = status([obs(90, "2024", preliminary=True), obs(70, "2024", source=MEDIA)])
    assert row.latest.value == 70 and row.status is Status.BEHIND


def test_the_preferred_value_decides_a_conflict():
    official, low = obs(46, "2022"), obs(48, "2022", source=LOW)
    media = obs(45, "2022", source=MEDIA, rank="preferred")
    conflict, = conflicts_among([official, low, media])
    assert conflict.preferred is media and len(conflict.observations) == 3
    assert status([official, media]).latest is media


def test_values_public_after_the_report_date_are_left_out():
    late = obs(100, "2025")  # its source is dated 2026-03-01
    assert judge(target(), [late], [], BASE, datetime.date(2026, 1, 1)).status is Status.NO_DATA
    assert judge(target(), [late], [], BASE, datetime.date(2026, 3, 1)).status is Status.ACHIEVED


def test_the_baseline_year_is_the_start_not_progress():
    assert status([obs(40, "2020")]).status is Status.NO_DATA


def test_an_add_target_is_measured_from_the_baseline():
    assert status([obs(140, "2024")], comparator="Add").status is Status.ACHIEVED
    assert status([obs(139, "2025")], comparator="Add").status is Status.BEHIND  # path 140 in 2025
    assert status([obs(121, "2024")], comparator="Add").status is Status.ON_TRACK  # path 120 in 2024


def test_overdue_once_the_year_is_over_without_a_value_for_it():
    assert status([obs(70, "2023")]).overdue
    assert not judge(target(), [obs(70, "2023")], [], BASE, datetime.date(2025, 6, 1)).overdue
