"""The words the rules know: verbs and function words before names, role words, suffixes, count nouns.

These are general features of Chinese plan documents (no plan's own names):
the verbs a name follows (推进, 依托 …), the words that give a place its role
(以X为引领 …), the suffixes of initiatives (工程, 示范区 …) and the nouns of
declared counts (主要任务, 具体项目 …).

Examples
--------
>>> strip_leads("强化与陆家镇")
('陆家镇', 3)
>>> cut_name("探索面向黄河流域")
('黄河流域', 4)
"""

from __future__ import annotations

from .names import PROVINCES, REGIONS

__all__ = ["HAN", "LEADS", "NOT_AFTER", "ROLE_WORDS", "DIRECTIONS", "CONNECT", "INITIATIVE_SUFFIX", "FACILITY_NOUNS",
           "BUILD_VERBS", "COUNT_NOUNS", "TITLE_END", "strip_leads", "cut_name"]

#: The CJK ideographs (a character class body).
HAN = "\u3400-\u9fff"
#: Words a name never starts with: verbs and function words that come before a name in a plan.
LEADS = sorted("""贯彻落实 落实 推进 推动 加快 强化 支持 建设 打造 依托 围绕 实施 形成 聚焦 引领 对接 接轨 融入 联动 协同
 全面 深入 大力 积极 精心 着力 加强 提升 构建 培育 发展 完善 优化 深化 规划 建立 建好 擦亮 开展 组织 申报 争创 加大 促进 引导 利用 充分 以上 以下 力争 其中
 调研 为 以 与 和 及 在 对 向 把 将 从 由 到 是 的 等 了 并 同 跟 使 让 至 于 其 各 全 我 本 该 会议""".split(), key=len, reverse=True)
#: After these words, a suffix is not a place's (县域, 市场, 区域 …).
NOT_AFTER = "域级场民内外长辖属情直属委政县区镇乡村级"
#: Each word of 以X为… and the place role it gives.
ROLE_WORDS = {"引领": "plan:Lead", "支撑": "plan:Pillar", "龙头": "plan:Spearhead", "主体": "plan:MainBody",
               "核心": "plan:Core", "载体": "plan:Carrier", "枢纽": "plan:Hub", "节点": "plan:Node"}
#: Each compass word of 向东… and its direction.
DIRECTIONS = {"东": "plan:East", "西": "plan:West", "南": "plan:South", "北": "plan:North"}
#: Each verb that connects a task to a region, and the column of that link.
CONNECT = {"接轨": "links_up_with", "融入": "merges_into", "联动": "acts_in_concert_with",
            "协同推进": "coordinates_with", "协同": "coordinates_with", "对接": "links_up_with"}
#: The words a named initiative ends in.
INITIATIVE_SUFFIX = ("工程", "示范区", "实验区", "试验区", "先导区", "引领区", "样板区", "示范基地", "基地", "行动")
#: The nouns that follow a quoted name to name a work (“两环四连八射”快速路网).
FACILITY_NOUNS = ("路网", "廊道", "品牌", "工程", "体系", "平台", "中心", "系统", "基地", "计划", "行动", "节点")
#: The verbs of building whose quoted objects are initiatives.
BUILD_VERBS = ("加快推进", "加快建设", "加快实施", "加快", "推进", "实施", "建设", "打造", "建立", "建好", "启动", "开展",
                "创建")
#: The nouns of declared counts and the class each counts.
COUNT_NOUNS = {"主要任务": "plan:Task", "重点任务": "plan:Task", "任务": "plan:Task", "具体项目": "plan:Project",
                "重点项目": "plan:Project", "项目": "plan:Project", "行动计划": "plan:ActionPlan", "示范": "plan:DemonstrationArea"}
#: The words a plan's title ends in.
TITLE_END = ("方案", "规划", "纲要", "意见", "计划", "决定", "办法", "战略")


def strip_leads(name: str) -> tuple[str, int]:
    """Drop the verbs and function words a name starts with; return the name and how many characters went."""
    cut = 0
    changed = True
    while changed:
        changed = False
        for word in LEADS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, cut, changed = name[len(word):], cut + len(word), True
                break
    return name, cut


def cut_name(candidate: str) -> tuple[str, int]:
    """The name a suffix ends: a known region it ends with, or the text after the last verb or function word."""
    for region in (*REGIONS, *PROVINCES):
        if candidate.endswith(region):
            return region, len(candidate) - len(region)
    best = 0
    for word in LEADS:
        at = candidate.rfind(word)
        if at >= 0 and at + len(word) <= len(candidate) - 1:
            best = max(best, at + len(word))
    name = candidate[best:]
    if name[:-1] in LEADS:
        return "", len(candidate)
    return name, best
