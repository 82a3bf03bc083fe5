"""Places with their roles, groups and their members, named initiatives."""

from __future__ import annotations

from plankg.extraction import extract_text

TASK = ("一、区域\n1. 向北联动太仓,以某市开发区为龙头,强化与张浦镇、周市镇协同发展,形成先进制造组团,"
        "加快建设产城融合示范区,实施社区治理“乐居工程”,加快推进“两环四连八射”快速路网建设。\n")


def test_roles_direction_and_region():
    draft = extract_text(TASK, slug="demo")
    roles = [(r.cells["label_zh"], r.cells["place"], r.cells["role"]) for r in draft.of("roles")]
    assert roles == [("任务1:某市开发区", "place/moushi", "plan:Spearhead"),
                     ("任务1:张浦镇", "place/zhangpu", "plan:Collaborator"),
                     ("任务1:周市镇", "place/zhoushi", "plan:Collaborator")]
    task = draft.of("tasks")[0].cells
    assert task["direction"] == "plan:North"
    taicang = next(p for p in draft.of("places") if p.cells["label_zh"] == "太仓")
    assert task["acts_in_concert_with"] == taicang.id and taicang.cells["type"] == "plan:ExternalRegion"


def test_a_group_has_the_places_the_task_gives_roles():
    draft = extract_text(TASK, slug="demo")
    (group,) = draft.of("groups")
    assert group.cells["label_zh"] == "先进制造组团"
    assert group.cells["includes"].split() == [r.cells["place"] for r in draft.of("roles")]


def test_named_initiatives():
    draft = extract_text(TASK, slug="demo")
    assert [i.cells["label_zh"] for i in draft.of("initiatives")] == [
        "产城融合示范区", "“乐居工程”", "“两环四连八射”快速路网"]


def test_places_by_suffix_skip_generic_words():
    draft = extract_text("一、区域\n1. 推进锦溪镇发展,建设现代化城市,服务全省,拓展县域经济。\n", slug="demo")
    assert [p.cells["label_zh"] for p in draft.of("places")] == ["锦溪镇"]


def test_a_role_phrase_gives_roles_to_places_only():
    draft = extract_text("一、任务\n1. 以科技创新为引领,以某某高新区为支撑,推进甲镇、乙镇一体化发展。\n", slug="demo")
    assert [(r.cells["label_zh"], r.cells["role"]) for r in draft.of("roles")] == [
        ("任务1:某某高新区", "plan:Pillar"), ("任务1:甲镇", "plan:Integration"), ("任务1:乙镇", "plan:Integration")]
