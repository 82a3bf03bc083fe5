"""The progress report: one row per target, with its conflicts, in table, JSON, CSV, HTML and SVG."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
from dataclasses import dataclass

from .charts import CHART_HEIGHT, CHART_WIDTH, chart_svg, format_value
from .model import Conflict, Status, TargetProgress

__all__ = ["ProgressReport"]

COLUMNS = ("plan", "target", "label", "baseline", "baseline_year", "latest_value", "latest_expression", "latest_period",
           "latest_source", "latest_source_type", "latest_proxy", "target_value", "target_year", "ratio", "status",
           "reason", "conflicts", "proxies", "overdue")


@dataclass(frozen=True)
class ProgressReport:
    """Progress against every target of the plans in a graph.

    Attributes
    ----------
    as_of : datetime.date
        Observations public after this date are left out.
    plans : tuple of str
        The plans reported on.
    rows : tuple of TargetProgress
        One per target, by plan, year and target.
    conflicts : tuple of Conflict
        Every conflict among the observations of the plans' places (also of indicators no target uses).
    """

    as_of: datetime.date
    plans: tuple[str, ...]
    rows: tuple[TargetProgress, ...]
    conflicts: tuple[Conflict, ...]
    compact: object = None

    def __repr__(self) -> str:
        counts = self.counts()
        return f"<ProgressReport as_of={self.as_of} targets={len(self.rows)} " + " ".join(
            f"{k.replace(' ', '_')}={v}" for k, v in counts.items() if v) + ">"

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def row(self, target: str) -> TargetProgress:
        """Return the row of ``target`` (its IRI or compact name such as ``ks:target/09-1``)."""
        for r in self.rows:
            if target in (r.target, self._short(r.target)):
                return r
        raise KeyError(target)

    def counts(self) -> dict[str, int]:
        """How many targets have each status."""
        return {s.value: sum(r.status is s for r in self.rows) for s in Status}

    def _short(self, iri: str | None) -> str:
        return self.compact(iri) if (iri and self.compact) else (iri or "")

    # ------------------------------------------------------------------ formats

    def to_dict(self) -> dict:
        """The report as plain data: ``as_of``, ``plans``, ``counts``, ``targets``, ``conflicts``."""
        return {"as_of": self.as_of.isoformat(), "plans": list(self.plans), "counts": self.counts(),
                "targets": [r.to_dict() for r in self.rows], "conflicts": [c.to_dict() for c in self.conflicts]}

    def to_json(self) -> str:
        """Return :meth:`to_dict` as JSON (Chinese kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def records(self, lang: str = "zh") -> list[dict]:
        """One flat record per target, the columns of the table and CSV."""
        out = []
        for r in self.rows:
            latest, base = r.latest, r.baseline
            out.append({
                "plan": self._short(r.plan), "target": self._short(r.target), "label": r.label(lang),
                "baseline": format_value(base.value, r.unit, lang) if base and base.value is not None else (
                    "无" if lang == "zh" else "none"),
                "baseline_year": base.year if base else None,
                "latest_value": str(latest.value) if latest else "",
                "latest_expression": latest.expression if latest else "",
                "latest_period": latest.period if latest else "",
                "latest_source": (latest.source.url or latest.source.iri) if latest else "",
                "latest_source_type": latest.source.type_label(lang) if latest else "",
                "latest_proxy": bool(latest and r.is_proxy(latest)),
                "target_value": format_value(r.value, r.unit, lang), "target_year": r.year,
                "ratio": f"{r.ratio:.1%}" if r.ratio is not None else "",
                "status": r.status.label(lang), "reason": r.reason.get(lang, ""),
                "conflicts": "; ".join(" / ".join(f"{o.expression} ({o.source.type_label(lang)})" for o in c.observations)
                                       for c in r.conflicts),
                "proxies": ", ".join(self._short(p) for p in r.proxies),
                "overdue": r.overdue,
            })
        return out

    def to_csv(self, lang: str = "zh") -> str:
        """Return the table as CSV (a header row, then one row per target)."""
        from ..exports.csvfiles import cell

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in self.records(lang):
            writer.writerow({k: cell(v) for k, v in record.items()})
        return buffer.getvalue()

    def to_table(self, lang: str = "zh") -> str:
        """Return a plain-text table for the terminal, one line per target, then the conflicts."""
        zh = lang == "zh"
        head = ("目标", "基线", "最新可用观测值", "时期", "来源类型", "目标值", "进度", "状态") if zh else (
            "target", "baseline", "latest usable observation", "period", "source", "target value", "progress", "status")
        lines = [head]
        for rec, r in zip(self.records(lang), self.rows):
            latest = rec["latest_expression"] + ((" (替代)" if zh else " (proxy)") if rec["latest_proxy"] else "")
            latest += (" [冲突]" if zh else " [conflict]") if r.conflicts else ""
            lines.append((rec["target"], rec["baseline"], latest, rec["latest_period"], rec["latest_source_type"],
                          f"{rec['target_value']} ({rec['target_year']})", rec["ratio"], rec["status"]))
        widths = [max(_width(row[i]) for row in lines) for i in range(len(head))]
        text = [f"{'进展' if zh else 'Progress'} ({'截至' if zh else 'as of'} {self.as_of})"]
        for row in lines:
            text.append("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
        if self.conflicts:
            text.append("")
            text.append("数值冲突:" if zh else "Conflicts:")
            for c in self.conflicts:
                values = ", ".join(f"{o.expression} ({o.source.type_label(lang)}"
                                   f"{', 首选' if zh and o is c.preferred else ', preferred' if o is c.preferred else ''})"
                                   for o in c.observations)
                text.append(f"  {self._short(c.indicator)} {c.period}: {values}")
        return "\n".join(text)

    def to_html(self, lang: str = "zh", charts: bool = True) -> str:
        """Return a self-contained HTML page: the table, the conflicts, and one SVG chart per target."""

        esc = html.escape
        zh = lang == "zh"
        head = [("目标", "target"), ("基线", "baseline"), ("最新可用观测值", "latest usable observation"),
                ("时期", "period"), ("来源", "source"), ("目标值", "target value"), ("进度", "progress"),
                ("状态", "status"), ("理由", "reason")]
        out = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
               f"<title>{'进展' if zh else 'Progress'}</title>",
               "<style>body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;margin:1.5em}"
               "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px}"
               "th{background:#f3f3f3}td a{white-space:nowrap}.chart{display:inline-block;margin:8px}</style></head><body>",
               f"<h1>{'进展' if zh else 'Progress'} <small>({'截至' if zh else 'as of'} {self.as_of})</small></h1>",
               "<table><thead><tr>" + "".join(f"<th>{esc(h[0] if zh else h[1])}</th>" for h in head) + "</tr></thead><tbody>"]
        for rec, r in zip(self.records(lang), self.rows):
            source = (f'<a href="{esc(rec["latest_source"])}">{esc(rec["latest_source_type"])}</a>'
                      if rec["latest_source"] else "")
            latest = esc(rec["latest_expression"]) + (esc(" (替代)" if zh else " (proxy)") if rec["latest_proxy"] else "")
            cells = [esc(r.label(lang)), esc(rec["baseline"]), latest, esc(rec["latest_period"]), source,
                     esc(f"{rec['target_value']} ({rec['target_year']})"), esc(rec["ratio"]),
                     f'<span data-status="{esc(r.status.value)}">{esc(rec["status"])}</span>', esc(rec["reason"])]
            out.append(f'<tr id="{esc(rec["target"])}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table>")
        if self.conflicts:
            out.append(f"<h2>{'数值冲突' if zh else 'Conflicts'}</h2><ul>")
            for c in self.conflicts:
                values = ", ".join(esc(f"{o.expression} ({o.source.type_label(lang)})")
                                   + (" <b>✓</b>" if o is c.preferred else "") for o in c.observations)
                out.append(f"<li class=\"conflict\">{esc(self._short(c.indicator))} {esc(c.period)}: {values}</li>")
            out.append("</ul>")
        if charts:
            out.append(f"<h2>{'图表' if zh else 'Charts'}</h2>")
            out.extend(f'<div class="chart">{chart_svg(r, lang)}</div>' for r in self.rows)
        out.append("</body></html>")
        return "\n".join(out) + "\n"

    def to_svg(self, lang: str = "zh") -> str:
        """Return every target's chart stacked in one SVG document."""

        parts = [f'<g transform="translate(0,{i * CHART_HEIGHT})">{chart_svg(r, lang, standalone=False)}</g>'
                 for i, r in enumerate(self.rows)]
        height = max(1, len(self.rows)) * CHART_HEIGHT
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
                f'viewBox="0 0 {CHART_WIDTH} {height}">' + "".join(parts) + "</svg>\n")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))
