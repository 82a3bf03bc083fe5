"""``plankg analyze`` and ``plankg report``: formats, options, exit codes, the endpoint."""

from __future__ import annotations

import json

from click.testing import CliRunner
from tinyplan import write_tiny_plan

from plankg.cli import main

KS = "https://w3id.org/plankg/kunshan-2022/"


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_dependencies_json():
    result = invoke("analyze", "dependencies", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["generations"][1] == [KS + f"task/{n:02d}" for n in (8, 10, 12, 15, 21)]
    assert len(data["support_links"]) == 12


def test_dependencies_asserted_only_text():
    result = invoke("analyze", "dependencies", "--asserted-only", "--format", "text", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "12 support link(s) and 35 implementation link(s) dropped" in result.output
    assert "Implementation order (1 generation(s)):" in result.output


def test_dependencies_tables():
    result = invoke("analyze", "dependencies", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Task dependencies" in result.output and "Support links" in result.output
    one = invoke("analyze", "dependencies", "--table", "support_links")
    assert one.exit_code == 0, one.output
    assert "支撑关系" in one.output and "任务依赖" not in one.output


def test_coverage_csv_and_text():
    result = invoke("analyze", "coverage", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "ordinal,area,label,tasks,with_action_plan,with_target,with_initiative,score,plan"
    assert len(lines) == 8
    tasks = invoke("analyze", "coverage", "--format", "csv", "--table", "tasks")
    assert tasks.output.splitlines()[0].startswith("ordinal,task,label,area,action_plans")
    text = invoke("analyze", "coverage", "--format", "text", "--lang", "en", "--today", "2026-11-27")
    assert text.exit_code == 0, text.output
    assert "Targets past their year with no observation (11)" in text.output
    assert "Tasks no action plan implements (1)" in text.output
    early = invoke("analyze", "coverage", "--format", "json", "--today", "2025-06-01")
    assert json.loads(early.output)["gaps"]["overdue_targets"] == []


def test_places_table_and_json():
    result = invoke("analyze", "places")
    assert result.exit_code == 0, result.output
    assert "花桥国际商务城" in result.output
    data = json.loads(invoke("analyze", "places", "--format", "json").output)
    assert len(data["communities"]) == 5


def test_path_between_huaqiao_and_common_prosperity():
    result = invoke("analyze", "path", "花桥", "共同富裕", "--format", "text")
    assert result.exit_code == 0, result.output
    assert "1. 花桥国际商务城 ←[涉及地点:引领]— 任务1 向东接轨上海" in result.output
    data = json.loads(invoke("analyze", "path", "花桥", "共同富裕", "--format", "json", "--limit", "1").output)
    assert [s["entity"] for s in data["paths"][0]["steps"]] == [
        KS + "place/huaqiao", KS + "task/01", KS + "area/01", KS + "plan", KS + "area/06"]


def test_path_to_an_unknown_name_is_one_line_and_exit_2():
    result = invoke("analyze", "path", "花桥", "nowhere")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "plankg: error: no entity of the plan is called 'nowhere'; try a label, an alternative label or an IRI"]


def test_unknown_table_is_a_usage_error():
    result = invoke("analyze", "places", "--table", "nope")
    assert result.exit_code == 2
    assert "'nope' is not one of places, pairs, clusters" in result.output


def test_analysis_over_the_endpoint_matches_local(plan_server):
    remote = invoke("analyze", "dependencies", "--format", "json", "--endpoint", plan_server.query_url)
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(invoke("analyze", "dependencies", "--format", "json").output)


def test_analysis_of_given_data_without_curated_layer(tmp_path):
    folder = write_tiny_plan(tmp_path / "plan", tasks=3, supports=[(1, 2), (2, 3), (3, 1)])
    result = invoke("analyze", "dependencies", "--data", str(folder), "--format", "text", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Cycles: 1" in result.output
    plain = invoke("analyze", "dependencies", "--data", str(folder), "--no-curated", "--format", "text", "--lang", "en")
    assert "Cycles: none" in plain.output


def test_report_text_exit_0():
    result = invoke("report", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert "校验:符合 plankg 所有约束" in result.output
    assert "年份已过而无观测记录的目标 (11)" in result.output


def test_report_markdown_and_json(tmp_path):
    md = invoke("report", "--format", "markdown", "--lang", "en")
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# Overall Plan") and "## Implementation order" in md.output
    out = tmp_path / "report.json"
    result = invoke("report", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["prefix"] for p in data["plans"]] == ["ks"]
    assert data["plans"][0]["validation"]["conforms"] is True and data["corpus"]["conforms"] is True


def test_report_of_a_plan_that_breaks_a_shape_exits_1(tmp_path):
    folder = write_tiny_plan(tmp_path / "plan", tasks=2, orphan_tasks=[3])
    result = invoke("report", str(folder), "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "Validation: does not conform" in result.output and "Isolated task 3" in result.output


def test_report_of_a_missing_file_exits_2(tmp_path):
    result = invoke("report", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_report_over_the_endpoint(plan_server):
    result = invoke("report", "--endpoint", plan_server.query_url, "--format", "json", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    local = invoke("report", "--format", "json", "--today", "2026-11-27")
    assert json.loads(result.output) == json.loads(local.output)


def test_places_refuses_asserted_only_rather_than_ignoring_it():
    result = invoke("analyze", "places", "--asserted-only")
    assert result.exit_code == 2
    assert "does not apply to places" in result.output


# =================================================================== several plans loaded together


def _both():
    from helpers import SECOND_PLAN

    from plankg.resources import bundled_plan_dir

    return [str(bundled_plan_dir()), str(SECOND_PLAN)]


def test_analyze_with_several_plans_gives_one_section_per_plan():
    result = invoke("analyze", "coverage", *_both(), "--format", "json", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["plan"]["iri"] for p in data["plans"]] == [KS + "plan", "https://example.org/tiny/plan"]
    assert [p["plan_score"] for p in data["plans"]] == [0.613333, 0.166667]
    text = invoke("analyze", "places", *_both(), "--format", "text", "--lang", "en")
    assert text.exit_code == 0, text.output
    assert text.output.startswith("Plan: Overall Plan on Becoming") and "\n\nPlan: Tiny plan\nPlace analysis" in text.output
    csv_out = invoke("analyze", "coverage", *_both(), "--format", "csv")
    lines = csv_out.output.splitlines()
    assert lines[0].endswith(",score,plan") and lines.count(lines[0]) == 1
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == [KS + "plan"] * 7 + ["https://example.org/tiny/plan"]


def test_analyze_one_plan_of_several():
    result = invoke("analyze", "dependencies", *_both(), "--plan", "tiny", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["plan"]["iri"] == "https://example.org/tiny/plan"
    assert data["generations"] == [["https://example.org/tiny/task/1", "https://example.org/tiny/task/3",
                                    "https://example.org/tiny/task/4"], ["https://example.org/tiny/task/2"]]
    path = invoke("analyze", "path", "Task 1", "Task 2", *_both(), "--plan", "tiny", "--format", "text", "--lang", "en")
    assert path.exit_code == 0, path.output
    assert path.output.startswith("Plan: Tiny plan\nTask 1")
    bad = invoke("analyze", "places", *_both(), "--plan", "nope")
    assert bad.exit_code == 2 and "the plans loaded are: ks, tiny" in bad.output


def test_report_with_several_plans_json_has_a_plans_list_markdown_a_section_each():
    result = invoke("report", *_both(), "--format", "json", "--today", "2026-11-27")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(p["prefix"], p["overview"]["counts"]["task"], p["coverage"]["plan_score"]) for p in data["plans"]] == [
        ("ks", 25, 0.613333), ("tiny", 4, 0.166667)]
    ks = data["plans"][0]["overview"]["counts"]
    assert (ks["area"], ks["target"], ks["action-plan"]) == (7, 11, 12)
    md = invoke("report", *_both(), "--format", "markdown", "--lang", "en")
    assert md.exit_code == 0 and md.output.startswith("# Plan corpus") and "\n## Tiny plan\n" in md.output
    one = invoke("report", *_both(), "--plan", "tiny", "--format", "json")
    assert [p["prefix"] for p in json.loads(one.output)["plans"]] == ["tiny"]


def test_long_tables_print_as_plain_aligned_text(monkeypatch):
    # Beyond RICH_ROWS rows a table is plain text (rich would measure and fold every cell).
    import plankg.cli.tables as tables

    monkeypatch.setattr(tables, "RICH_ROWS", 3)
    result = invoke("analyze", "dependencies", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Task dependencies · "))
    assert lines[head + 1].split()[:3] == ["No.", "Task", "Label"]
    assert set(lines[head + 2]) == {"-", " "}
    rows = lines[head + 3:head + 3 + 25]
    assert [row.split()[:2] for row in rows[:2]] == [["1", "ks:task/01"], ["2", "ks:task/02"]]
    # Columns line up: every row's second column starts where the header's does.
    assert {row.index("ks:task/") for row in rows} == {lines[head + 1].index("Task")}
    # The short tables (12 support links > 3 rows as well, cycles: none) are plain too; nothing is lost.
    assert "Support links" in result.output


def test_plain_tables_keep_no_control_characters():
    import plankg.cli.analyze as analyze
    from plankg.analysis.reporting import Table

    table = Table("t", "标题\x1b]0;x\x07", ("a", "b"), ("名称", "No."), (("花桥\x1b[2J", 1), ("a\nb", None)))
    text = analyze.plain_table(table)
    assert "\x1b" not in text and "\x07" not in text
    assert text.splitlines() == ["标题]0;x", "名称     No.", "-------  ---", "花桥[2J  1", "a b"]
