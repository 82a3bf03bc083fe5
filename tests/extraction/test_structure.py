"""The outline: numbering styles ranked by first appearance, tasks at the deepest level with statements."""

from __future__ import annotations

from plankg.extraction import extract_text
from plankg.extraction.structure import outline, paragraphs

TEXT = """规划标题

一、总体要求
（一）指导思想。坚持创新驱动，推动高质量发展。
二、主要任务
（一）推进数字产业化。
1.打造产业高地。
（1）建设软件园区。依托齐鲁软件园，打造产业集群。（责任单位：市工业和信息化局）
（2）建设算力中心。建设城市算力中心，提供算力服务。
2.建设创新平台。
（3）突破关键技术。开展关键技术研究，组织实施研发计划。
"""


def test_styles_rank_by_first_appearance_and_the_deepest_holds_the_tasks():
    nodes, task_style = outline(TEXT, paragraphs(TEXT))
    assert task_style == "paren-arabic"
    assert [n.level for n in nodes] == [0, 1, 0, 1, 2, 3, 3, 2, 3]


def test_areas_and_tasks_of_a_four_level_plan():
    draft = extract_text(TEXT, slug="demo")
    areas = {i.cells["label_zh"]: i.cells for i in draft.of("areas")}
    assert list(areas) == ["总体要求", "指导思想", "主要任务", "推进数字产业化", "打造产业高地", "建设创新平台"]
    assert areas["指导思想"]["statement_zh"] == "坚持创新驱动，推动高质量发展。"
    assert "statement_zh" not in areas["推进数字产业化"]  # a heading over numbered items
    assert areas["打造产业高地"]["parent"] == areas["推进数字产业化"]["id"]
    tasks = draft.of("tasks")
    assert [t.cells["statement_zh"] for t in tasks][0] == "建设软件园区。依托齐鲁软件园，打造产业集群。"  # no 责任单位
    assert [t.cells["ordinal"] for t in tasks] == ["1", "2", "3"]
    assert draft.items[1].cells["task_numbering"] == "plan:AcrossPlan"


def test_a_bare_number_line_heads_the_next_line_and_a_list_of_titles_is_not_tasks():
    text = ("01\n\n争当区域一体发展的县域示范\n\n1. 向东接轨上海,强化协同发展。\n\n"
            "为确保落到实处,组织实施2项行动计划:\n\n1. 《某市产业行动计划(2022~2025年)》\n\n2. 《某市人才行动计划(2022~2025年)》\n")
    draft = extract_text(text, slug="demo")
    assert [a.cells["label_zh"] for a in draft.of("areas")] == ["争当区域一体发展的县域示范"]
    assert draft.of("areas")[0].cells["type"] == "plan:DemonstrationArea"
    assert len(draft.of("tasks")) == 1
    plans = draft.of("action_plans")
    assert [p.cells["label_zh"] for p in plans] == ["某市产业行动计划", "某市人才行动计划"]
    assert plans[0].cells["period"] == "period/2022-2025"
    assert [(c.cells["count_of"], c.cells["value"]) for c in draft.of("counts")] == [("plan:ActionPlan", "2")]


def test_milestones_split_goals_at_the_comma_the_text_uses():
    text = "总体目标\n\n到2025年,经济结构实现重大转变,创新驱动取得实质性进展,成为全省样板。\n\n一、任务\n1. 建设示范区,推动发展。\n"
    draft = extract_text(text, slug="demo")
    assert [g.cells["statement_zh"] for g in draft.of("goals")] == [
        "经济结构实现重大转变", "创新驱动取得实质性进展", "成为全省样板"]
    assert [m.cells["year"] for m in draft.of("milestones")] == ["2025"]
