"""The SVG charts: well-formed, one marker per observation, Chinese kept; rendered in headless Chromium."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plankg.tracking.charts import chart_svg
from export_readers import artifact

SVG = "{http://www.w3.org/2000/svg}"


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_each_chart_is_svg_with_a_marker_per_observation(report):
    for row in report:
        root = parse(chart_svg(row))
        groups = [g for g in root.iter(SVG + "g") if g.get("class") == "observation"]
        assert len(groups) == len(row.evidence), row.target
        assert root.find(SVG + "title").text == row.label("zh")
        stars = [p for p in root.iter(SVG + "path") if p.get("class") == "target-star"]
        notes = [t for t in root.iter(SVG + "text") if t.get("class") == "target-note"]
        # 10-1 adds 25 to a baseline no source gives: its level cannot be drawn, only said
        assert (len(stars), len(notes)) == ((0, 1) if row.target.endswith("10-1") else (1, 0)), row.target


def test_markers_say_source_type_bound_and_proxy(report):
    root = parse(chart_svg(report.row("ks:target/06-1")))
    groups = [g for g in root.iter(SVG + "g") if g.get("class") == "observation"]
    assert {g.get("data-source-type") for g in groups} == {"media", "repost", "official", "low"}
    assert {g.get("data-bound") for g in groups} == {"lower", "size class", ""}
    assert {g.get("data-proxy") for g in groups} == {"true"}


def test_only_a_target_with_a_baseline_has_a_path(report):
    with_path = [r.target.rsplit("/", 1)[-1] for r in report
                 if any(line.get("class") == "path" for line in parse(chart_svg(r)).iter(SVG + "line"))]
    assert with_path == ["19-1"]


def test_labels_are_escaped(report):
    from dataclasses import replace

    row = replace(report.row("ks:target/09-1"), labels={"zh": '<script>alert("x")</script>&'})
    text = chart_svg(row)
    assert "<script>" not in text and parse(text).find(SVG + "title").text == '<script>alert("x")</script>&'


def test_the_charts_are_small(report):
    assert max(len(chart_svg(r).encode()) for r in report) < 20_000


def test_chromium_renders_the_progress_page(chromium, report, tmp_path):
    page = tmp_path / "progress.html"
    page.write_text(report.to_html("zh"), encoding="utf-8")
    dom = chromium.dump_dom(page.as_uri())
    assert dom.count("<svg") == 11 and dom.count('class="observation"') == sum(len(r.evidence) for r in report)
    assert 'data-status="behind"' in dom and "累计达46家" in dom
    shot = chromium.screenshot(page.as_uri(), artifact("progress-kunshan.png"), size="1400,2600")
    assert shot.stat().st_size > 50_000
