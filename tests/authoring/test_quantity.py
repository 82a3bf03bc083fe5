"""The quantity parser, on real expressions from both plans' texts and the Kunshan observations."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.authoring.quantity import COMPARATOR_WORDS, UNIT_WORDS, find_quantities, parse_quantity
from plankg.namespaces import PLAN
from plankg.resources import ontology_file

KS = "kunshan-overall-plan-2022.txt"
JN = "jinan-digital-pioneer-city-plan-2021.txt"
OBS = "kunshan-observations.md"

# (where the phrase is from, phrase, expression, value, unit, comparator, comparator word, year)
CASES = [
    (KS, "力争到2025年新一代信息技术产业产值突破6000亿元", "6000亿元", "600000000000", "unit:CCY_CNY", "plan:Exceed", "突破", 2025),
    (KS, "高端装备制造产业产值突破4000亿元", "4000亿元", "400000000000", "unit:CCY_CNY", "plan:Exceed", "突破", None),
    (KS, "力争到2025年形成3个千亿级", "3个", "3", "unit:NUM", "plan:Reach", "形成", 2025),
    (KS, "高新技术企业各3500家", "3500家", "3500", "unit:NUM", None, None, None),
    (KS, "力争到2025年上市企业达80家", "80家", "80", "unit:NUM", "plan:Reach", "达", 2025),
    (KS, "新增台资总部或功能性机构25家", "25家", "25", "unit:NUM", "plan:Add", "新增", None),
    (KS, "力争到2025年居民人均可支配收入达8.5万元", "8.5万元", "85000", "unit:CCY_CNY", "plan:Reach", "达", 2025),
    (KS, "村均集体可支配收入达1300万元", "1300万元", "13000000", "unit:CCY_CNY", "plan:Reach", "达", None),
    (KS, "制定12项现代化行", "12项", "12", "unit:NUM", None, None, None),
    (KS, "明确25项主要任务", "25项", "25", "unit:NUM", None, None, None),
    (KS, "细化形成200项具体项目", "200项", "200", "unit:NUM", "plan:Reach", "形成", None),
    (JN, "占GDP比重超过50%", "50%", "50", "unit:PERCENT", "plan:Exceed", "超过", None),
    (JN, "数字经济核心产业规模超过5500亿元", "5500亿元", "550000000000", "unit:CCY_CNY", "plan:Exceed", "超过", None),
    (JN, "软件和信息技术服务业收入达到4000亿元", "4000亿元", "400000000000", "unit:CCY_CNY", "plan:Reach", "达到", None),
    (JN, "电子信息制造业收入达到1500亿元", "1500亿元", "150000000000", "unit:CCY_CNY", "plan:Reach", "达到", None),
    (JN, "培育壮大30家以上", "30家", "30", "unit:NUM", "plan:AtLeast", "以上", None),
    (JN, "打造300个以上", "300个", "300", "unit:NUM", "plan:AtLeast", "以上", None),
    (JN, "到2023年，建成4万个以上", "4万个", "40000", "unit:NUM", "plan:AtLeast", "以上", 2023),
    (JN, "年均增速保持在20%左右", "20%", "20", "unit:PERCENT", "plan:About", "左右", None),
    (JN, "到2023年，培育5个以上", "5个", "5", "unit:NUM", "plan:AtLeast", "以上", 2023),
    (JN, "建成10个以上省级特色软件产业园区", "10个", "10", "unit:NUM", "plan:AtLeast", "以上", None),
    (JN, "各级各类平台1000家以上", "1000家", "1000", "unit:NUM", "plan:AtLeast", "以上", None),
    (JN, "到2023年，培育3-5家", "3-5家", "3", "unit:NUM", None, None, 2023),
    (JN, "工业互联网行业平台，打造60个", "60个", "60", "unit:NUM", None, None, None),
    (JN, "形成不少于100个", "100个", "100", "unit:NUM", "plan:AtLeast", "不少于", None),
    (JN, "每年实施1000个", "1000个", "1000", "unit:NUM", None, None, None),
    (JN, "新建住宅建筑实现100%", "100%", "100", "unit:PERCENT", "plan:Reach", "实现", None),
    (JN, "累计建设5G基站4万个以上", "4万个", "40000", "unit:NUM", "plan:AtLeast", "以上", None),
    (JN, "围绕37条产业链", "37条", "37", "unit:NUM", None, None, None),
    (JN, "建造试点项目200个以上", "200个", "200", "unit:NUM", "plan:AtLeast", "以上", None),
    (OBS, "已形成7000亿元级电子信息", "7000亿元", "700000000000", "unit:CCY_CNY", "plan:Reach", "形成", None),
    (OBS, "上半年实现产值3304.39亿元,同比增长15.4%", "3304.39亿元", "330439000000", "unit:CCY_CNY", "plan:Reach", "实现", None),
    (OBS, "同比增长15.4%", "15.4%", "15.4", "unit:PERCENT", "plan:IncreaseBy", "增长", None),
    (OBS, "增长9.1%", "9.1%", "9.1", "unit:PERCENT", "plan:IncreaseBy", "增长", None),
    (OBS, "新增2家千亿级企业", "2家", "2", "unit:NUM", "plan:Add", "新增", None),
    (OBS, "高新技术企业总量突破3000家", "3000家", "3000", "unit:NUM", "plan:Exceed", "突破", None),
    (OBS, "目前昆山拥有有效高新技术企业3072家", "3072家", "3072", "unit:NUM", None, None, None),
    (OBS, "村均集體可支配收入達1262萬元", "1262萬元", "12620000", "unit:CCY_CNY", "plan:Reach", "達", None),
    (OBS, "2023年成为全国首个GDP突破5000亿元县级市", "5000亿元", "500000000000", "unit:CCY_CNY", "plan:Exceed", "突破", 2023),
    (OBS, "昆山市2023年GDP总量高达5140.60亿元", "5140.60亿元", "514060000000", "unit:CCY_CNY", "plan:Reach", "达", 2023),
    (OBS, "全體居民人均可支配收入62238元", "62238元", "62238", "unit:CCY_CNY", None, None, None),
    (OBS, "農村居民人均可支配收入約4.73萬元", "4.73萬元", "47300", "unit:CCY_CNY", "plan:About", "約", None),
    (OBS, "164个行政村", "164个", "164", "unit:NUM", None, None, None),
    # the issue's own list
    (None, "提高2个百分点", "2个百分点", "2", "plan:PercentagePoint", "plan:IncreaseBy", "提高", None),
    (None, "不低于45%", "45%", "45", "unit:PERCENT", "plan:AtLeast", "不低于", None),
    (None, "单位GDP能耗控制在0.3吨以内", "0.3吨", "0.3", "unit:TONNE", "plan:AtMost", "以内", None),
    (None, "PM2.5浓度控制在30", None, None, None, None, None, None),
]


@pytest.mark.parametrize("where, phrase, expression, value, unit, comparator, word, year", CASES)
def test_real_expressions(where, phrase, expression, value, unit, comparator, word, year):
    if where is not None:
        assert _in_source(where, phrase), f"{phrase!r} is not in {where}"
    quantity = parse_quantity(phrase)
    if expression is None:
        assert quantity is None
        return
    assert quantity.expression == expression
    assert quantity.value_text == value
    assert quantity.unit_name == unit
    assert quantity.comparator_name == comparator
    assert quantity.comparator_text == word
    assert quantity.year == year
    assert quantity.expression in phrase  # kept verbatim


def test_there_are_at_least_40_real_expressions():
    assert sum(1 for case in CASES if case[0] is not None) >= 40


REPO = Path(__file__).resolve().parents[2]


def _shared(*parts: str) -> Path | None:
    """A file of the shared folder beside the repository (or beside its worktrees' folder)."""
    for root in (REPO.parent, REPO.parent.parent):
        path = root.joinpath("shared", *parts)
        if path.exists():
            return path
    return None


_TEXTS = {
    KS: _shared("source", KS),
    JN: REPO / "data" / "jinan-digital-2021" / "source-text" / JN,
    OBS: _shared("observations", OBS),
}


def _in_source(where: str, phrase: str) -> bool:
    path = _TEXTS[where]
    if path is None:
        pytest.skip(f"{where} is not on this machine")
    flat = "".join(path.read_text(encoding="utf-8").split())
    return "".join(phrase.split()) in flat


def test_a_range_gives_both_ends():
    q = parse_quantity("培育3-5家")
    assert (q.value, q.upper, q.counted_kind) == (Decimal(3), Decimal(5), PLAN + "Enterprise")


def test_mu_converts_to_hectares_and_counts_name_their_kind():
    assert parse_quantity("1500亩").value_text == "100"
    assert parse_quantity("新增2000户").counted_kind_name == "plan:Household"


def test_level_words_are_amounts_of_money():
    assert [q.value_text for q in find_quantities("形成3个千亿级、30个百亿级")] == ["3", "100000000000", "30", "10000000000"]
    assert parse_quantity("万亿级").value_text == "1000000000000"


def test_a_year_is_not_a_quantity():
    assert find_quantities("到2035年") == []
    assert parse_quantity("到2035年达到5%").year == 2035


def test_every_unit_and_comparator_is_one_the_ontology_declares():
    declared = set()
    for t in ox.parse(path=str(ontology_file())):
        if t.predicate.value.endswith("#type") and t.object.value in (PLAN + "Unit", PLAN + "Comparator", PLAN + "CountedKind"):
            declared.add(t.subject.value)
    used = {u for u, _, _ in UNIT_WORDS.values()} | {k for _, k, _ in UNIT_WORDS.values() if k} | set(COMPARATOR_WORDS.values())
    assert used <= declared


def test_every_comparator_word_of_the_ontology_is_read():
    labels = {}
    for t in ox.parse(path=str(ontology_file())):
        if t.predicate.value.endswith(("#label", "#altLabel")) and getattr(t.object, "language", None) == "zh":
            labels.setdefault(t.subject.value, set()).add(t.object.value)
    comparators = {c for c in COMPARATOR_WORDS.values()}
    for comparator in comparators:
        for word in labels[comparator]:
            assert COMPARATOR_WORDS.get(word) == comparator, word
