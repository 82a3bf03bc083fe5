"""Progress in the plan report and in the offline page's details panel (plankg.tracking.hooks)."""

from __future__ import annotations

import base64
import datetime
from urllib.parse import quote

import plankg
from plankg.report import plan_report
from progressdata import KS


def test_the_plan_report_has_a_progress_section_with_charts(kg):
    report = plan_report(kg, today=datetime.date(2026, 11, 29), validate=False)
    markdown = report.to_markdown("zh")
    section = markdown[markdown.index("## 目标进展"):]
    assert section.count("\n| ") == 12 and "只有替代指标" in section and "数值冲突" in section
    images = [line for line in section.splitlines() if line.startswith("![")]
    assert len(images) == 11
    svg = base64.b64decode(images[0].split("base64,", 1)[1].rstrip(")")).decode("utf-8")
    assert svg.startswith("<svg") and "新一代信息技术" in svg
    assert "## Progress against targets" in report.to_markdown("en")


def test_the_offline_page_shows_a_targets_chart(chromium, kg, tmp_path):
    result = plankg.export(kg, "html", tmp_path / "page.html", view="structure")
    text = result.path.read_text(encoding="utf-8")
    assert text.count("\"chart\": \"data:image/svg+xml;base64,") == 11
    target = KS + "target/19-1"
    dom = chromium.dump_dom(result.path.as_uri() + "#select=" + quote(target, safe=""))
    assert '<img class="chart"' in dom and "data:image/svg+xml;base64," in dom
