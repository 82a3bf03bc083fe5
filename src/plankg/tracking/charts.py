"""One chart per target, as hand-written SVG.

Why hand-written SVG rather than Vega-Lite (vl-convert) or matplotlib: the
charts must work offline, show Chinese and stay small. SVG text is drawn by the
viewer with its own fonts (the ``font-family`` list names the common CJK
fonts), so no font is embedded or converted to paths and a chart is a few
kilobytes; there is no JavaScript runtime (Vega) and no 40 MB plotting stack
(matplotlib) to install, and the same string goes into the HTML report, the
plan report and the offline page. Every label is XML-escaped.

A chart shows the target (a star at the target year, a dashed line at its
level), the linear path from the baseline where a source gives one, and every
observation of the target's indicator and of its proxies: the marker's shape is
the source type (● official, ■ media, ◆ repost, ○ low), its colour says own
indicator (blue) or proxy (grey); a lower bound carries an upward arrow, an
approximate value a "≈", a size class a "级" bar; a preliminary value is hollow.
"""

from __future__ import annotations

from html import escape

from .model import TargetProgress

__all__ = ["chart_svg", "format_value", "CHART_WIDTH", "CHART_HEIGHT"]

CHART_WIDTH, CHART_HEIGHT = 640, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 86, 20, 44, 62
_FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
_OWN, _PROXY, _TARGET, _PATH = "#1f5fbf", "#8a8a8a", "#c0392b", "#e67e22"


def _marker(kind: str | None, x: float, y: float, colour: str, hollow: bool) -> str:
    fill = "white" if hollow or kind == "low" else colour
    common = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if kind == "media":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" {common}/>'
    if kind == "repost":
        return f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} L{x - 6:.1f},{y:.1f} Z" {common}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" {common}/>'


_UNITS = {"http://qudt.org/vocab/unit/CCY_CNY": ("元", " yuan"), "http://qudt.org/vocab/unit/NUM": ("", ""),
          "http://qudt.org/vocab/unit/PERCENT": ("%", "%")}


def format_value(value, unit: str | None, lang: str = "zh") -> str:
    """Return ``value`` for people: 亿/万 in Chinese, billion/million in English, with the unit.

    Examples
    --------
    >>> format_value(600000000000, "http://qudt.org/vocab/unit/CCY_CNY")
    '6000亿元'
    >>> format_value(85000, "http://qudt.org/vocab/unit/CCY_CNY", "en")
    '85,000 yuan'
    """
    if value is None:
        return ""
    zh, en = _UNITS.get(unit or "", ("", ""))
    number = float(value)
    if lang == "zh":
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(number) >= size * 10 and zh == "元":
                return f"{number / size:g}{word}{zh}"
        return f"{number:g}{zh}" if abs(number) < 1e6 else f"{number:,.0f}{zh}"
    for size, word in ((1e9, " billion"), (1e6, " million")):
        if abs(number) >= size and en:
            return f"{number / size:g}{word}{en}"
    return f"{number:,.0f}{en}" if number == int(number) else f"{number:,g}{en}"


def chart_svg(row: TargetProgress, lang: str = "zh", *, standalone: bool = True) -> str:
    """Return the SVG chart of one target's progress.

    Parameters
    ----------
    row : TargetProgress
    lang : {"zh", "en"}
    standalone : bool, default True
        Include the ``xmlns`` attribute (a document of its own); False for a group inside another SVG.

    Returns
    -------
    str
        An ``<svg>`` element, CHART_WIDTH × CHART_HEIGHT.
    """
    zh = lang == "zh"
    w, h = CHART_WIDTH - _LEFT - _RIGHT, CHART_HEIGHT - _TOP - _BOTTOM
    obs = list(row.evidence)
    base = row.baseline if row.baseline and row.baseline.value is not None else None
    level = row.value if row.comparator not in ("Add", "IncreaseBy", "DecreaseBy") else (
        base.value + row.value if base and row.value is not None else None)
    years = [o.year for o in obs] + ([row.year] if row.year else []) + ([base.year] if base else [])
    span = [row.year - 4] if row.year else []
    first = min(years + span) if years else 2020
    last = max(years + [first + 1])
    values = [float(o.value) for o in obs] + ([float(level)] if level is not None else []) + (
        [float(base.value)] if base else [])
    top = max(values) * 1.12 if values and max(values) > 0 else 1.0

    def x(at: float) -> float:
        return _LEFT + (at - first) / (last + 1 - first) * w

    def y(v: float) -> float:
        return _TOP + h - v / top * h

    def at(o) -> float:
        end = o.period_end
        return end.year + (end.timetuple().tm_yday / (366 if end.year % 4 == 0 else 365))

    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    title = escape(row.label(lang))
    parts = [f'<svg{xmlns} width="{CHART_WIDTH}" height="{CHART_HEIGHT}" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
             f'font-family="{escape(_FONT)}" font-size="11" role="img" aria-label="{title}">',
             f'<title>{title}</title>', '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{_LEFT}" y="18" font-size="13" font-weight="bold">{title}</text>',
             f'<text x="{_LEFT}" y="34" fill="#555">{escape(row.status.label(lang))}'
             f'{escape(" · " + row.reason.get(lang, "")) if row.reason else ""}</text>']
    # axes and grid
    for i in range(5):
        v = top * i / 4
        parts.append(f'<line x1="{_LEFT}" x2="{_LEFT + w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">'
                     f'{escape(format_value(v, row.unit, lang))}</text>')
    for year in range(first, last + 1):
        parts.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{_TOP}" y2="{_TOP + h}" stroke="#f3f3f3"/>')
        parts.append(f'<text x="{x(year + 0.5):.1f}" y="{_TOP + h + 16}" text-anchor="middle" fill="#555">{year}</text>')
    parts.append(f'<line x1="{_LEFT}" x2="{_LEFT + w}" y1="{_TOP + h}" y2="{_TOP + h}" stroke="#999"/>')
    # target and path
    if level is not None and row.year:
        ty = y(float(level))
        parts.append(f'<line class="target" x1="{_LEFT}" x2="{_LEFT + w}" y1="{ty:.1f}" y2="{ty:.1f}" '
                     f'stroke="{_TARGET}" stroke-dasharray="5,4"/>')
        tx = x(row.year + 1)
        parts.append(f'<path class="target-star" d="{_star(tx, ty)}" fill="{_TARGET}"/>')
        parts.append(f'<text x="{tx - 8:.1f}" y="{ty - 9:.1f}" text-anchor="end" fill="{_TARGET}">'
                     f'{escape(("目标 " if zh else "target ") + (row.expression or format_value(level, row.unit, lang)))}</text>')
        if base:
            parts.append(f'<line class="path" x1="{x(base.year + 1):.1f}" y1="{y(float(base.value)):.1f}" x2="{tx:.1f}" '
                         f'y2="{ty:.1f}" stroke="{_PATH}" stroke-width="2"/>')
    elif row.value is not None:
        note = (f"目标:{row.expression or row.value}(相对基线,无基线值,画不出)" if zh else
                f"target: {row.expression or row.value} more than the baseline, which no source gives")
        parts.append(f'<text class="target-note" x="{_LEFT + w:.1f}" y="{_TOP + 12}" text-anchor="end" '
                     f'fill="{_TARGET}">{escape(note)}</text>')
    # observations
    for o in obs:
        colour = _PROXY if row.is_proxy(o) else _OWN
        ox_, oy = x(at(o)), y(float(o.value))
        kind = o.source.type
        parts.append(f'<g class="observation" data-source-type="{escape(kind or "")}" data-bound="{escape(o.bound or "")}" '
                     f'data-proxy="{str(row.is_proxy(o)).lower()}"><title>{escape(o.indicator_label(lang))} {escape(o.period)}: '
                     f'{escape(o.expression)} ({escape(o.source.type_label(lang))})</title>')
        if o.bound == "lower":
            parts.append(f'<path d="M{ox_:.1f},{oy:.1f} V{oy - 18:.1f} M{ox_ - 4:.1f},{oy - 13:.1f} L{ox_:.1f},{oy - 18:.1f} '
                         f'L{ox_ + 4:.1f},{oy - 13:.1f}" stroke="{colour}" fill="none" stroke-width="1.5"/>')
        elif o.bound == "approximate":
            parts.append(f'<text x="{ox_ + 7:.1f}" y="{oy - 5:.1f}" fill="{colour}">≈</text>')
        elif o.bound == "size class":
            parts.append(f'<line x1="{ox_ - 10:.1f}" x2="{ox_ + 10:.1f}" y1="{oy:.1f}" y2="{oy:.1f}" stroke="{colour}" '
                         f'stroke-width="3" opacity="0.5"/><text x="{ox_ + 12:.1f}" y="{oy + 4:.1f}" fill="{colour}">级</text>')
        parts.append(_marker(kind, ox_, oy, colour, o.preliminary))
        parts.append("</g>")
    # legend
    ly = CHART_HEIGHT - 22
    legend = [("official", "官方" if zh else "official"), ("media", "媒体" if zh else "media"),
              ("repost", "转载" if zh else "repost"), ("low", "低可信" if zh else "low")]
    lx = _LEFT
    for kind, text in legend:
        parts.append(_marker(kind, lx, ly, _OWN, False) + f'<text x="{lx + 9}" y="{ly + 4}">{escape(text)}</text>')
        lx += 70
    key = "灰色:替代指标  ↑下限  ≈约数  级:量级" if zh else "grey: proxy  ↑ lower bound  ≈ approx.  级 size class"
    parts.append(f'<text x="{lx}" y="{ly + 4}" fill="{_PROXY}">{escape(key)}</text>')
    if not obs:
        parts.append(f'<text x="{_LEFT + w / 2:.1f}" y="{_TOP + h / 2:.1f}" text-anchor="middle" fill="#999" font-size="14">'
                     f'{escape("无观测值" if zh else "no observation")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _star(cx: float, cy: float, r: float = 7) -> str:
    import math

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy - radius * math.sin(angle):.1f}")
    return "M" + " L".join(points) + " Z"
