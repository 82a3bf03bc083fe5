"""Targets, declared counts and the plan's list of action plans.

* ``target.year-sentence`` — a quantity (see :func:`plankg.authoring.find_quantities`)
  in a sentence that names a year (到2025年) before it, in a task or a goal
  statement; not a grade (3个千亿级: the 千亿级 qualifies the 3个) nor an
  attribute (收入过200亿元的集群: a quantity followed by 的). A range (3-5家)
  is two targets; 甲和乙各N is one target for each.
* ``count.declared`` — N项主要任务, N项具体项目, N项行动计划, “N个示范”
  outside the tasks: a count the plan declares of its own parts.
* ``action-plan.listed`` — a numbered list item that is only a 《…》 title
  ending in 行动计划 or 方案, with its period (2022~2025年).
"""

from __future__ import annotations

import re

from ..authoring.quantity import decimal_text, find_quantities
from .lexicon import COUNT_NOUNS, strip_leads
from .rules import Context
from .structure import Node, clauses, sentences

__all__ = ["targets", "counts", "action_plans"]

_YEAR = re.compile(r"到(\d{4})年")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def targets(ctx: Context, holders: list[tuple[str, tuple[int, int], str]]) -> None:
    """Targets in the statements of ``holders`` (id, span, the holder's sheet)."""
    s = ctx.s
    for holder, (a, b), _ in holders:
        n = 0
        for sa, sb in sentences(s, a, b):
            years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(s, sa, sb)]
            if holder.startswith("milestone/"):
                years = [(sa, int(holder.split("/")[1]))]  # a goal statement: its milestone's year
            if not years:
                continue
            for ca, cb in clauses(s, sa, sb, ctx.comma):
                clause = s[ca:cb]
                found = find_quantities(clause)
                for i, q in enumerate(found):
                    at = clause.find(q.expression)
                    if at < 0 or ca + at < years[0][0]:
                        continue
                    end = at + len(q.expression)
                    if q.unit.endswith("CCY_CNY") and q.expression.endswith("级") and i > 0 \
                            and clause[:at].rstrip().endswith(found[i - 1].expression):
                        continue  # 3个千亿级: a grade of what is counted
                    if clause[end:end + 1] == "的" or clause[end:end + 2] in ("以上的", "以下的"):
                        continue  # 收入过200亿元的软件产业集群: an attribute
                    year = max((y for p, y in years if p < ca + at), default=years[0][1])
                    values = [q.value] if q.upper is None else [q.value, q.upper]
                    lead = clause[:at]
                    each = re.search(r"([^，,、和与及]+)(?:和|与|及)([^，,、和与及]+?)各$", lead)
                    measures = [each.group(1), each.group(2)] if each else [_measure(clause, at, end, q)]
                    for value in values:
                        for measure in measures:
                            n += 1
                            cells = {"id": f"target/{holder.rsplit('/', 1)[-1] if holder.startswith('task') else holder.replace('milestone/', '').replace('/goal/', '-')}-{n}",
                                     "holder": holder, "expression": q.expression, "measure_zh": measure,
                                     "measure_en": "(measure not yet translated)", "value": decimal_text(value),
                                     "year": str(year), "modality": "plan:Strive" if "力争" in s[sa:sb] else "plan:Firm",
                                     "label_zh": _label(year, clause, q.expression, measure),
                                     "label_en": f"Target {n} of {holder}", "source_text": s[sa:sb],
                                     "source": "source/text"}
                            cells["unit"] = q.unit_name
                            cells["comparator"] = q.comparator_name or "plan:Reach"
                            if q.comparator_text:
                                cells["comparator_text"] = q.comparator_text
                            kind = q.counted_kind_name or _kind_of(measure + clause[end:])
                            if q.unit_name == "unit:NUM" and kind:
                                cells["counted_kind"] = kind
                            if q.upper is not None:
                                cells["comparator"] = "plan:AtLeast" if value == q.value else "plan:AtMost"
                            ctx.add("targets", cells, ca + at, ca + end, "target.year-sentence")


def _label(year: int, clause: str, expression: str, measure: str) -> str:
    """A target's label: its year and its clause, without the year phrase (and the expression, if the clause holds several)."""
    text = re.sub(r"^.*?到\d{4}年(底|末)?[，,]?", "", clause).strip("，, ")
    if len(find_quantities(text)) > 1 or len(text) > 40:
        text = f"{measure}{expression}"
    return f"{year}年{text}"


def _kind_of(measure: str) -> str | None:
    """The counted kind a measured phrase names (企业 enterprises, 机构 institutions …), if one."""
    for word, kind in (("企业", "plan:Enterprise"), ("公司", "plan:Enterprise"), ("供应商", "plan:Enterprise"),
                       ("机构", "plan:Institution"), ("项目", "plan:ProjectItem"), ("学校", "plan:School"),
                       ("村", "plan:Village"), ("人才", "plan:Person")):
        if word in measure:
            return kind
    return None


def _measure(clause: str, at: int, end: int, q) -> str:
    """The measured phrase: what comes before the comparator word, or else after the quantity."""
    lead = clause[:at]
    lead = re.sub(r"^.*?到\d{4}年(底|末)?", "", lead)
    lead = re.sub(r"^(力争|争取|确保|实现|累计|每年|年均)+", "", lead)
    if q.comparator_text and lead.endswith(q.comparator_text):
        lead = lead[:-len(q.comparator_text)]
    if q.comparator_text and lead.startswith(q.comparator_text):
        lead = lead[len(q.comparator_text):]  # 新增台资总部……25家
    for word in ("达到", "达", "突破", "超过", "保持在", "新增", "形成", "培育", "打造", "建成", "建设", "实施", "实现",
                 "不少于", "不低于", "壮大", "累计"):
        lead = lead.removesuffix(word)
    lead = strip_leads(lead.strip("，,、 "))[0]
    if len(lead) >= 2 and not find_quantities(lead) and not lead.endswith(("、", "和", "及")):
        return lead
    tail = re.match(r"(?:以上|以下|左右)?([^，,。；、和及与]*)", clause[end:])
    return tail.group(1).strip() or clause


def counts(ctx: Context, spans: list[tuple[int, int]]) -> None:
    """Counts the plan declares of its own parts."""
    s = ctx.s
    nouns = "|".join(sorted(COUNT_NOUNS, key=len, reverse=True))
    seen = set()
    pattern = re.compile(rf"“?(\d+|[一二两三四五六七八九十]+)(?:项|个|大|条)([^，,。；、“”]{{0,6}}?)({nouns})”?")
    for a, b in spans:
        for m in pattern.finditer(s, a, b):
            number = m.group(1)
            value = int(number) if number.isdigit() else _CN.get(number)
            kind = COUNT_NOUNS[m.group(3)]
            if value is None or (kind, value) in seen or value < 2:
                continue
            seen.add((kind, value))
            ctx.add("counts", {"id": f"count/{len(seen)}", "plan": "plan", "count_of": kind, "value": str(value),
                               "label_zh": m.group(), "label_en": f"{value} (declared count)", "source": "source/text"},
                    m.start(), m.end(), "count.declared")


def action_plans(ctx: Context, nodes: list[Node]) -> None:
    """The plan's action plans, listed as numbered 《…》 titles."""
    s = ctx.s
    n = 0
    for node in nodes:
        if not node.document:
            continue
        a, b = node.para.body, node.para.end
        title = s[a:b].strip("。.")
        inner = title[1:-1]
        m = re.search(r"[（(](\d{4})\s*[~～\-—至－]\s*(\d{4})年?[）)]$", inner)
        if not inner.endswith(("行动计划", "方案", "计划")) and not m:
            continue
        n += 1
        cells = {"id": f"action-plan/{n:02d}", "plan": "plan", "ordinal": str(n), "label_zh": inner,
                 "label_en": f"Action plan {n}", "title_zh": title, "source": "source/text"}
        if m:
            period = f"period/{m.group(1)}-{m.group(2)}"
            cells["period"] = period
            cells["label_zh"] = inner[:m.start()]
            if not any(i.id == period for i in ctx.items):
                ctx.add("periods", {"id": period, "type": "time:ProperInterval", "label_zh": f"{m.group(1)}~{m.group(2)}年",
                                    "label_en": f"{m.group(1)}–{m.group(2)}", "start_year": m.group(1),
                                    "end_year": m.group(2), "source": "source/text"}, a + 1 + m.start(), a + 1 + m.end(), "action-plan.period")
        ctx.add("action_plans", cells, a, a + len(title), "action-plan.listed")
