"""Targets: a quantity in a sentence with a year; ranges, 各, grades and attributes."""

from __future__ import annotations

from plankg.extraction import extract_text


def targets(statement: str):
    draft = extract_text(f"一、任务\n1. {statement}\n", slug="demo")
    return [(t.cells["expression"], t.cells["value"], t.cells.get("comparator"), t.cells["year"], t.cells["measure_zh"])
            for t in draft.of("targets")]


def test_a_quantity_needs_a_year_before_it_in_its_sentence():
    assert targets("围绕37条产业链和40个产业集群,推动转型。") == []
    assert targets("推动转型。力争到2025年上市企业达80家。") == [("80家", "80", "plan:Reach", "2025", "上市企业")]


def test_a_range_is_two_targets_and_each_names_two():
    assert [t[:3] for t in targets("到2023年，培育3-5家行业平台。")] == [
        ("3-5家", "3", "plan:AtLeast"), ("3-5家", "5", "plan:AtMost")]
    assert [t[4] for t in targets("到2025年规上工业企业和高新技术企业各3500家。")] == ["规上工业企业", "高新技术企业"]


def test_grades_and_attributes_are_not_targets():
    assert [t[0] for t in targets("力争到2025年形成3个千亿级、30个百亿级企业矩阵。")] == ["3个", "30个"]
    assert [t[0] for t in targets("到2023年，培育5个以上收入过200亿元的软件产业集群。")] == ["5个"]


def test_money_is_normalised():
    assert targets("力争到2025年居民人均可支配收入达8.5万元。") == [
        ("8.5万元", "85000", "plan:Reach", "2025", "居民人均可支配收入")]
