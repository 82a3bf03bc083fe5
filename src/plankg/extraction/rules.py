"""The rules: general features of Chinese plan documents, each named, each yielding anchored rows.

Every rule works on the simplified text (:attr:`SourceText.simple`) and
anchors what it finds by character offsets, so that the quote is cut from the
text as written. The rule names (``task.numbered-item``, ``place.role-phrase``
…) are stored with each anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..authoring.quantity import find_quantities
from .draft import Anchor, Item
from .names import PLACE_SUFFIXES, REGIONS, PROVINCES, place_class, slug_of, english_place
from .structure import Node, clauses, comma_of, outline, paragraphs, sentences

__all__ = ["Context", "title_and_issuer", "areas_and_tasks", "milestones"]

_HAN = "\u3400-\u9fff"
_RUN = re.compile(rf"[{_HAN}A-Za-z0-9·]+")
#: Words a name never starts with: verbs and function words that come before a name in a plan.
_LEADS = sorted("""贯彻落实 落实 推进 推动 加快 强化 支持 建设 打造 依托 围绕 实施 形成 聚焦 引领 对接 接轨 融入 联动 协同
 全面 深入 大力 积极 精心 着力 加强 提升 构建 培育 发展 完善 优化 深化 规划 建立 建好 擦亮 开展 组织 申报 争创 加大 促进 引导 利用 充分 以上 以下 力争 其中
 调研 为 以 与 和 及 在 对 向 把 将 从 由 到 是 的 等 了 并 同 跟 使 让 至 于 其 各 全 我 本 该 会议""".split(), key=len, reverse=True)
#: After these words, a suffix is not a place's (县域, 市场, 区域 …).
_NOT_AFTER = "域级场民内外长辖属情直属委政县区镇乡村级"
_ROLE_WORDS = {"引领": "plan:Lead", "支撑": "plan:Pillar", "龙头": "plan:Spearhead", "主体": "plan:MainBody",
               "核心": "plan:Core", "载体": "plan:Carrier", "枢纽": "plan:Hub", "节点": "plan:Node"}
_DIRECTIONS = {"东": "plan:East", "西": "plan:West", "南": "plan:South", "北": "plan:North"}
_CONNECT = {"接轨": "links_up_with", "融入": "merges_into", "联动": "acts_in_concert_with",
            "协同推进": "coordinates_with", "协同": "coordinates_with", "对接": "links_up_with"}
_INITIATIVE_SUFFIX = ("工程", "示范区", "实验区", "试验区", "先导区", "引领区", "样板区", "示范基地", "基地", "行动")
_FACILITY_NOUNS = ("路网", "廊道", "品牌", "工程", "体系", "平台", "中心", "系统", "基地", "计划", "行动")
_BUILD_VERBS = ("加快推进", "加快建设", "加快实施", "加快", "推进", "实施", "建设", "打造", "建立", "建好", "启动", "开展",
                "创建")
_COUNT_NOUNS = {"主要任务": "plan:Task", "重点任务": "plan:Task", "任务": "plan:Task", "具体项目": "plan:Project",
                "重点项目": "plan:Project", "项目": "plan:Project", "行动计划": "plan:ActionPlan", "示范": "plan:DemonstrationArea"}
_TITLE_END = ("方案", "规划", "纲要", "意见", "计划", "决定", "办法", "战略")


def _strip_leads(name: str) -> tuple[str, int]:
    """Drop the verbs and function words a name starts with; return the name and how many characters went."""
    cut = 0
    changed = True
    while changed:
        changed = False
        for word in _LEADS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, cut, changed = name[len(word):], cut + len(word), True
                break
    return name, cut


@dataclass
class Context:
    """What the rules share: the texts, the outline and the rows found so far."""

    s: str
    comma: str
    items: list[Item] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # name → id
    initiatives: dict[str, str] = field(default_factory=dict)
    tasks: list[tuple[Node, str]] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)

    def add(self, sheet: str, cells: dict, start: int, end: int, rule: str) -> Item:
        item = Item(sheet, cells, Anchor(start, end, rule))
        self.items.append(item)
        return item

    def new_id(self, base: str) -> str:
        out, n = base, 2
        while out in self.used_ids:
            out, n = f"{base}-{n}", n + 1
        self.used_ids.add(out)
        return out


# ---------------------------------------------------------------- title, issuer, outline


def title_and_issuer(ctx: Context, paras) -> dict:
    """The plan's title (《…》 after 出台/印发/制定, or a first line ending in 方案, 规划 …) and its issuers."""
    s = ctx.s
    announced = [m for m in re.finditer(r"(出台|印发|制定|发布|审议通过)了?《([^《》]{4,80}?)》", s)
                 if m.group(2).endswith(_TITLE_END)]
    for m in sorted(announced, key=lambda m: -len(m.group(2)))[:1]:
        found = {"title": (m.start(2), m.end(2)), "rule": "plan.title-announced"}
        lead = s[:m.start()]
        begin = max(lead.rfind(ch) for ch in "，,。；;\n") + 1
        issuers = []
        place = ""
        for part in re.finditer(rf"[{_HAN}]+", s[begin:m.start()]):
            for name in re.split(r"[、和及与]", part.group()):
                if not name:
                    continue
                at = begin + part.start() + part.group().index(name)
                m2 = re.match(rf"^([{_HAN}]{{2,}}?[市县区省])(委|政府|人民政府)", name)
                if m2:
                    place = m2.group(1)
                    issuers.append((name, at, at + len(name)))
                elif place and re.match(r"^[市县区省](委|政府|人民政府)", name):
                    issuers.append((place[:-1] + name, at, at + len(name)))
        found["issuers"] = issuers
        short = re.match(r"[（(]以下简称《([^《》]+)》[）)]", s[m.end():m.end() + 30])
        if short:
            found["short"] = (m.end() + short.start(1), m.end() + short.end(1))
        return found
    for p in paras[:5]:
        text = p.text(s)
        if p.style is None and text.endswith(_TITLE_END) and not re.search(r"[，,。；]", text):
            return {"title": (p.start, p.end), "rule": "plan.title-first-line", "issuers": []}
    return {}


def areas_and_tasks(ctx: Context, nodes: list[Node], task_style: str | None) -> None:
    """Areas (numbered headings above the task level) and tasks (items of the task level), with statements."""
    s = ctx.s
    area_levels = sorted({n.level for n in nodes if n.para.style != task_style and not n.document})
    area_ids: dict[int, str] = {}
    counters: dict[object, int] = {}
    task_numbers = []
    for node in nodes:
        if node.document:
            continue
        parent = node.parent
        while parent is not None and parent.document:
            parent = parent.parent
        parent_key = id(parent) if parent is not None else None
        counters[parent_key] = counters.get(parent_key, 0) + 1
        ordinal = counters[parent_key]
        if node.para.style == task_style:
            if parent is None or id(parent) not in area_ids:
                continue
            task_numbers.append(node.para.number)
            number = len(ctx.tasks) + 1
            ident = ctx.new_id(f"task/{number:02d}")
            label_end = node.title[1]
            first_clause = clauses(s, node.body[0], node.body[1], ctx.comma)[0]
            if node.statement is not None and node.statement[0] == node.body[0]:
                label_end = first_clause[1]  # a one-sentence task: its first clause names it
            cells = {"id": ident, "area": area_ids[id(parent)], "ordinal": str(ordinal),
                     "notation": str(node.para.number), "scheme": "plan",
                     "label_zh": s[node.body[0]:label_end].rstrip("。"), "label_en": f"Task {node.para.number}",
                     "statement_zh": s[node.body[0]:node.body[1]],
                     "statement_en": f"Task {node.para.number} (the Chinese statement, not yet translated).",
                     "source": "source/text"}
            ctx.add("tasks", cells, node.body[0], node.body[1], "task.numbered-item")
            ctx.tasks.append((node, ident))
            continue
        depth = area_levels.index(node.level) if node.level in area_levels else 0
        path = [ordinal]
        up = parent
        while up is not None and id(up) in area_ids:
            path.insert(0, int(area_ids[id(up)].rsplit("/", 1)[1].split("-")[-1]))
            up = up.parent
        ident = ctx.new_id("area/" + "-".join(f"{p:02d}" if len(path) == 1 else str(p) for p in path))
        area_ids[id(node)] = ident
        label = s[node.title[0]:node.title[1]].rstrip("。")
        kind = ("plan:Part" if node.para.style == "chapter" and s[node.para.end - 1:node.para.end] in "篇部分" else
                "plan:DemonstrationArea" if label.endswith("示范") else
                ("plan:Chapter", "plan:Section", "plan:Area")[min(depth, 2)] if len(area_levels) > 1 else "plan:Area")
        cells = {"id": ident, "type": kind, "parent": area_ids.get(id(parent), "plan"), "ordinal": str(ordinal),
                 "notation": node.para.notation, "scheme": "plan", "label_zh": label,
                 "label_en": f"{'Part' if depth == 0 else 'Section'} {'.'.join(str(p) for p in path)}",
                 "source": "source/text"}
        if node.statement is not None:
            parts = [node.statement] + node.extra
            cells["statement_zh"] = "\n\n".join(s[a:b] for a, b in parts)
            cells["statement_en"] = f"{cells['label_en']} (the Chinese statement, not yet translated)."
        ctx.add("areas", cells, node.para.start, node.title[1], "area.numbered-heading")
    across = len(task_numbers) > 1 and task_numbers == list(range(1, len(task_numbers) + 1))
    ctx.numbering = "plan:AcrossPlan" if across else "plan:WithinArea"
    if across:  # numbered across the plan: a task's ordinal is its number
        for item in ctx.items:
            if item.sheet == "tasks":
                item.cells["ordinal"] = item.cells["notation"]


# ---------------------------------------------------------------- milestones and goals


def milestones(ctx: Context, nodes: list[Node], paras) -> None:
    """到YYYY年 at the start of a paragraph or sentence outside the tasks: a milestone and its goal statements."""
    s = ctx.s
    task_spans = [n.body for n, _ in ctx.tasks]
    seen: dict[int, str] = {}
    goals: dict[int, int] = {}
    current_year = None
    for p in paras:
        if any(a <= p.body < b for a, b in task_spans) or _DOCUMENT_LINE.match(p.text(s)):
            continue
        start = p.body
        text = s[start:p.end]
        dash = re.match(r"^[—－-]{1,2}", text)
        if dash and current_year is not None:
            first = sentences(s, start + dash.end(), p.end)[0]
            _goal(ctx, seen, goals, current_year, first, "goal.dash-lead")
        elif not dash:
            current_year = None
        for sent in sentences(s, start, p.end):
            m = _YEAR_LEAD.match(s, sent[0], sent[1])
            if not m:
                continue
            year = int(m.group(1))
            if not dash and current_year is None:
                current_year = year
            for clause in clauses(s, m.end(), sent[1], ctx.comma):
                _goal(ctx, seen, goals, year, clause, "goal.year-clause")


_YEAR_LEAD = re.compile(r"(?:力争)?到(\d{4})年(?:底|末)?[，,]?")
_DOCUMENT_LINE = re.compile(r"^\d+\s*[.．、]\s*《")


def _goal(ctx, seen, goals, year, span, rule) -> None:
    s = ctx.s
    a, b = span
    while a < b and s[a] in " ，,；": a += 1
    if b - a < 4:
        return
    if year not in seen:
        ident = f"milestone/{year}"
        seen[year] = ident
        ctx.add("milestones", {"id": ident, "plan": "plan", "year": str(year), "time": f"time/{year}",
                               "label_zh": f"{year}年", "label_en": f"{year} milestone", "source": "source/text"},
                a, b, "milestone.year-phrase")
        ctx.add("periods", {"id": f"time/{year}", "type": "time:Instant", "label_zh": f"{year}年",
                            "label_en": str(year), "in_year": str(year)}, a, b, "milestone.year-phrase")
    goals[year] = goals.get(year, 0) + 1
    n = goals[year]
    text = s[a:b]
    ctx.add("goals", {"id": f"milestone/{year}/goal/{n}", "milestone": seen[year], "ordinal": str(n),
                      "label_zh": text[:40], "label_en": f"Goal {n} for {year}", "statement_zh": text,
                      "statement_en": f"Goal {n} for {year} (the Chinese statement, not yet translated).",
                      "modality": "plan:Firm", "source": "source/text"}, a, b, rule)
