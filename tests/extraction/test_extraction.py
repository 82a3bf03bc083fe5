"""plankg extract: scores on the bundled plans (at the level measured), anchors, encodings, CLI."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from plankg.cli import main
from plankg.extraction import extract, extract_text, read_source

ROOT = Path(__file__).resolve().parents[2]
KUNSHAN = Path("/work/shared/source/kunshan-overall-plan-2022.txt")
JINAN = ROOT / "data/jinan-digital-2021/source-text/jinan-digital-pioneer-city-plan-2021.txt"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "benchmarks/score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: (precision, recall) measured per kind; a regression below these fails.
MEASURED = {
    "kunshan-2022": {"areas": (1, 1), "tasks": (1, 1), "goals": (1, 1), "targets": (1, 1), "places": (1, 1),
                     "roles": (1, 1), "groups": (1, 1), "initiatives": (1, 0.96), "counts": (1, 1)},
    "jinan-digital-2021": {"areas": (1, 1), "tasks": (1, 1), "goals": (1, 1), "targets": (1, 0.93),
                           "places": (0.88, 0.88), "roles": (1, 0.75), "initiatives": (0.06, 0.06)},
}


@pytest.mark.parametrize("plan", sorted(MEASURED))
def test_scores_at_the_level_measured(plan):
    scorer = _scorer()
    if plan == "kunshan-2022" and not KUNSHAN.exists():
        pytest.skip("the Kunshan source text is not on this machine")
    rows = {r[0]: r for r in scorer.score(plan, scorer.PLANS[plan])}
    for kind, (precision, recall) in MEASURED[plan].items():
        assert rows[kind][4] >= precision - 1e-9, (kind, rows[kind])
        assert rows[kind][5] >= recall - 1e-9, (kind, rows[kind])


def test_every_anchor_reproduces_its_quote():
    draft = extract(JINAN)
    for item in draft.items:
        if item.anchor is not None:
            cells = item.anchor.cells(draft.source.text)
            assert draft.source.text[int(cells["anchor_start"]):int(cells["anchor_end"])] == cells["anchor_exact"]
            assert cells["anchor_exact"], item


def test_gb18030_and_traditional_text_give_the_same_draft():
    text = "一、区域发展\n1. 向东接轨上海,以花桥商务城为引领,强化与陆家镇协同发展,力争到2025年产值突破6000亿元。\n"
    plain = extract_text(text, slug="demo")
    traditional = extract_text("一、區域發展\n1. 向東接軌上海,以花橋商務城為引領,強化與陸家鎮協同發展,力爭到2025年產值突破6000億元。\n"
                               .encode("gb18030"), slug="demo")
    assert [i.cells["role"] for i in traditional.of("roles")] == ["plan:Lead", "plan:Collaborator"]
    assert [i.cells["value"] for i in traditional.of("targets")] == [i.cells["value"] for i in plain.of("targets")]
    assert traditional.of("places")[2].anchor.cells(traditional.source.text)["anchor_exact"] == "陸家鎮"


def test_html_furniture_is_stripped():
    page = "<html><body><nav>首页 > 新闻</nav><div class='footer-links'>版权所有</div><p>一、总体</p></body></html>"
    assert read_source(page.encode()).text.strip() == "一、总体"


def test_cli_turtle_draft_has_web_annotation_anchors(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(JINAN), "--format", "turtle", "-o", str(tmp_path / "d"),
                                       "--slug", "jn-draft"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "d/source/structure.ttl").read_text(encoding="utf-8")
    assert "oa:TextPositionSelector" in text and "plan:Unreviewed" in text and "task.numbered-item" in text


def test_cli_unreadable_text_is_a_clear_error(tmp_path):
    bad = tmp_path / "plan.bin"
    bad.write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["extract", str(bad), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "binary file" in result.output
