"""The rules: general features of Chinese plan documents, each named, each yielding anchored rows.

Every rule works on the simplified text (:attr:`SourceText.simple`) and
anchors what it finds by character offsets, so that the quote is cut from the
text as written. The rule names (``task.numbered-item``, ``place.role-phrase``
…) are stored with each anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .draft import Anchor, Item
from .lexicon import HAN, TITLE_END
from .structure import Node, clauses, sentences

__all__ = ["Context", "title_and_issuer", "areas_and_tasks", "milestones"]


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
    numbering: str = "plan:AcrossPlan"  # plan:WithinArea when the task numbers restart

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
                 if m.group(2).endswith(TITLE_END)]
    for m in sorted(announced, key=lambda m: -len(m.group(2)))[:1]:
        found = {"title": (m.start(2), m.end(2)), "rule": "plan.title-announced"}
        lead = s[:m.start()]
        begin = max(lead.rfind(ch) for ch in "，,。；;\n") + 1
        issuers = []
        place = ""
        for part in re.finditer(rf"[{HAN}]+", s[begin:m.start()]):
            for name in re.split(r"[、和及与]", part.group()):
                if not name:
                    continue
                at = begin + part.start() + part.group().index(name)
                m2 = re.match(rf"^([{HAN}]{{2,}}?[市县区省])(委|政府|人民政府)", name)
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
        if p.style is None and text.endswith(TITLE_END) and not re.search(r"[，,。；]", text):
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


def milestones(ctx: Context, paras) -> None:
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
            _goal(ctx, seen, goals, current_year, None, first, "goal.dash-lead")
        elif not dash:
            current_year = None
        for sent in sentences(s, start, p.end):
            m = _YEAR_LEAD.match(s, sent[0], sent[1])
            if not m:
                continue
            year = int(m.group(1))
            if not dash and current_year is None:
                current_year = year
            phrase = (m.start(), m.end())
            while s[phrase[1] - 1] in "，,":
                phrase = (phrase[0], phrase[1] - 1)
            for clause in clauses(s, m.end(), sent[1], ctx.comma):
                _goal(ctx, seen, goals, year, phrase, clause, "goal.year-clause")


_YEAR_LEAD = re.compile(r"(?:力争)?到(\d{4})年(?:底|末)?[，,]?")
_DOCUMENT_LINE = re.compile(r"^\d+\s*[.．、]\s*《")


def _goal(ctx, seen, goals, year, phrase, span, rule) -> None:
    """A goal statement of the milestone of ``year`` (made, anchored at its year ``phrase``, if new)."""
    s = ctx.s
    a, b = span
    while a < b and s[a] in " ，,；":
        a += 1
    if b - a < 4:
        return
    if year not in seen:
        pa, pb = phrase or span
        ident = f"milestone/{year}"
        seen[year] = ident
        ctx.add("milestones", {"id": ident, "plan": "plan", "year": str(year), "time": f"time/{year}",
                               "label_zh": f"{year}年", "label_en": f"{year} milestone", "source": "source/text"},
                pa, pb, "milestone.year-phrase")
        ctx.add("periods", {"id": f"time/{year}", "type": "time:Instant", "label_zh": f"{year}年",
                            "label_en": str(year), "in_year": str(year), "source": "source/text"},
                pa, pb, "milestone.year-phrase")
    goals[year] = goals.get(year, 0) + 1
    n = goals[year]
    text = s[a:b]
    ctx.add("goals", {"id": f"milestone/{year}/goal/{n}", "milestone": seen[year], "ordinal": str(n),
                      "label_zh": text[:40], "label_en": f"Goal {n} for {year}", "statement_zh": text,
                      "statement_en": f"Goal {n} for {year} (the Chinese statement, not yet translated).",
                      "modality": "plan:Firm", "source": "source/text"}, a, b, rule)
