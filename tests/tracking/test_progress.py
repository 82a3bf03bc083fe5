"""plankg.progress on the bundled plans: every Kunshan target's status and evidence, Jinan's table."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

import plankg
from plankg.errors import ParameterError
from plankg.tracking import Status
from progressdata import AS_OF, KS

EXPECTED = {
    "06-1": "only proxies", "07-1": "only proxies", "08-1": "only proxies", "08-2": "no data", "08-3": "no data",
    "08-4": "no data", "08-5": "no baseline", "09-1": "no baseline", "10-1": "no data", "19-1": "behind",
    "19-2": "no baseline",
}


def test_every_kunshan_target_has_its_status(report):
    assert {r.target.removeprefix(KS + "target/"): r.status.value for r in report} == EXPECTED
    assert report.counts() == {"achieved": 0, "on track": 0, "behind": 1, "no baseline": 3, "only bounds": 0,
                               "only proxies": 3, "no data": 4}


def test_income_is_behind_the_path_from_the_cited_baseline(report):
    row = report.row("ks:target/19-1")
    assert row.baseline.value == Decimal(62238) and row.baseline.year == 2020
    assert row.baseline.observation.source.url == "http://www.jz8899.net/hqrw/2021/1209/65263.html"
    assert (row.latest.value, row.latest.period, row.latest.source.type) == (Decimal(70269), "2022", "repost")
    assert row.path_value == Decimal("71342.8")
    assert row.ratio == pytest.approx((70269 - 62238) / (85000 - 62238))


def test_listed_companies_official_46_decides_and_the_conflict_is_reported(report):
    row = report.row("ks:target/09-1")
    assert (row.latest.expression, row.latest.source.type) == ("累计达46家", "official")
    assert row.ratio == pytest.approx(46 / 80) and row.ratio_basis == "target"
    conflict, = row.conflicts
    assert [o.expression for o in conflict.observations] == ["累计达46家", "共有48家上市公司"]
    assert conflict.preferred.source.type == "official" and conflict.recorded
    assert [c.period for c in report.conflicts] == ["2022"]


def test_high_tech_lower_bounds_below_the_target_do_not_decide(report):
    row = report.row("ks:target/08-5")
    assert row.latest.expression == "年末有效高新技术企业2744家"
    assert {o.expression for o in row.evidence} >= {"总量超2700家", "总量突破3000家", "有效高企数超3300家",
                                                  "有效高新技术企业3072家"}


def test_proxies_are_shown_never_deciding(report):
    row = report.row("ks:target/06-1")
    assert row.proxies == (KS + "indicator/electronic-information-output",)
    assert all(row.is_proxy(o) for o in row.evidence) and len(row.evidence) == 5
    assert row.latest.source.type != "low"


def test_every_target_is_overdue_with_no_2025_value(report):
    assert all(r.overdue for r in report)


def test_json_gives_all_eleven_targets_with_status_and_evidence(report):
    data = json.loads(report.to_json())
    assert data["as_of"] == "2026-11-29" and len(data["targets"]) == 11
    assert all(t["status"] in {s.value for s in Status} and t["reason_en"] for t in data["targets"])
    nine = next(t for t in data["targets"] if t["target"].endswith("09-1"))
    assert nine["latest"]["source"]["url"] == "https://www.jiangsu.gov.cn/art/2023/1/29/art_33718_10736636.html"
    assert len(nine["evidence"]) == 2 and nine["conflicts"][0]["values"][1]["source_type"] == "low"


def test_the_table_shows_the_conflict_and_the_proxies(report):
    table = report.to_table("zh")
    assert "累计达46家 (官方, 首选), 共有48家上市公司 (低可信)" in table
    assert "7000亿元级 (替代)" in table and "累计达46家 [冲突]" in table
    english = report.to_table("en")
    assert "only proxies" in english and "[conflict]" in english


def test_csv_has_a_row_per_target(report):
    lines = report.to_csv("en").splitlines()
    assert len(lines) == 12 and lines[0].startswith("plan,target,label,baseline")


def test_an_earlier_date_sees_less(kg):
    early = plankg.progress(kg, as_of=datetime.date(2023, 6, 30))
    assert early.row("ks:target/19-1").status is Status.NO_DATA  # 70269 was reposted in 2024
    assert early.row("ks:target/09-1").latest.expression == "累计达46家"
    assert early.row("ks:target/19-2").status is Status.NO_DATA
    assert not any(r.overdue for r in early)


def test_both_bundled_plans_together_and_one_by_one(both):
    everything = plankg.progress(both, as_of=AS_OF)
    jinan = plankg.progress(both, as_of=AS_OF, plan="jn")
    kunshan = plankg.progress(both, as_of=AS_OF, plan="ks")
    assert len(everything) == len(jinan) + len(kunshan) and len(kunshan) == 11
    assert len(jinan) > 0 and {r.status for r in jinan} == {Status.NO_DATA}
    assert {r.plan for r in jinan} == {"https://w3id.org/plankg/jinan-digital-2021/plan"}
    assert [r.status.value for r in kunshan] == list(EXPECTED.values())


def test_an_unknown_plan_is_an_error(kg):
    with pytest.raises(ParameterError):
        plankg.progress(kg, plan="zz")


def test_the_same_report_on_every_engine(any_kg, report):
    other = plankg.progress(any_kg, as_of=AS_OF)
    assert [(r.target, r.status, r.latest.iri if r.latest else None, r.ratio) for r in other] == [
        (r.target, r.status, r.latest.iri if r.latest else None, r.ratio) for r in report]
    assert [c.preferred.iri for c in other.conflicts] == [c.preferred.iri for c in report.conflicts]
