"""Small hooks that put progress into other outputs without those modules knowing its details.

* :func:`report_section` — the plan report's progress section (Markdown, charts as SVG data URIs);
* :func:`attach_charts` — each target node of an offline-page graph gets its chart (``chart``,
  an SVG data URI the details panel shows as an image).

Both fail soft on data without observations: every target still gets a row and a chart.
"""

from __future__ import annotations

import base64
import datetime

from .charts import chart_svg

__all__ = ["report_section", "attach_charts", "chart_data_uri"]


def chart_data_uri(row, lang: str = "zh") -> str:
    """Return the chart of ``row`` as a ``data:image/svg+xml;base64,…`` URI."""
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(row, lang).encode("utf-8")).decode("ascii")


def report_section(
    kg, today: datetime.date | None, lang: str = "zh", *, charts: bool = True, plan: str | None = None, report=None
) -> list[str]:
    """Return the Markdown lines of the plan report's progress section.

    Parameters
    ----------
    kg : PlanGraph
    today : datetime.date or None
        The report's date (observations public after it are left out).
    lang : {"zh", "en"}
    charts : bool, default True
        Add one chart per target, as an image with an SVG data URI.
    plan : str, optional
        The plan's IRI, when several are loaded.
    report : ProgressReport, optional
        The plan's progress, already judged (see :func:`plankg.tracking.progress_by_plan`);
        ``kg``, ``today`` and ``plan`` are then not read.
    """
    from ..markdown import markdown_cell, markdown_text
    from . import progress

    if report is None:
        report = progress(kg, as_of=today, plan=plan)
    zh = lang == "zh"
    lines = ["", "## 目标进展" if zh else "## Progress against targets", "",
             "| 目标 | 基线 | 最新可用观测值 | 时期 | 来源类型 | 目标值 | 进度 | 状态 |" if zh else
             "| Target | Baseline | Latest usable observation | Period | Source | Target value | Progress | Status |",
             "|---|---|---|---|---|---|---:|---|"]
    for record, row in zip(report.records(lang), report.rows):
        latest = record["latest_expression"] + ((" (替代)" if zh else " (proxy)") if record["latest_proxy"] else "")
        cells = [row.label(lang), record["baseline"], latest, record["latest_period"], record["latest_source_type"],
                 f"{record['target_value']} ({record['target_year']})", record["ratio"], record["status"]]
        lines.append("| " + " | ".join(markdown_cell(str(c)) for c in cells) + " |")
    for conflict in report.conflicts:
        values = " / ".join(f"{o.expression} ({o.source.type_label(lang)})" for o in conflict.observations)
        lines.append("")
        lines.append(markdown_text(("数值冲突 " if zh else "Conflict ") + f"{conflict.period}: {values}"))
    if charts:
        lines.append("")
        lines += [f"![{markdown_text(row.label(lang))}]({chart_data_uri(row, lang)})" for row in report.rows]
    return lines


def attach_charts(G, kg, lang: str = "zh") -> None:
    """Give every target node of the view graph ``G`` its progress chart (node attribute ``chart``)."""
    from . import progress

    report = progress(kg)
    for row in report.rows:
        if row.target in G:
            G.nodes[row.target]["chart"] = chart_data_uri(row, lang)
