"""Places with their roles, groups (组团) with their members, and named initiatives.

Rules, in the order they run on each task's statement:

* ``place.direction`` — 向东接轨X, 向西融入X, 向北联动X, 向南协同推进X建设: X is a
  region the task connects to, in that direction;
* ``place.role-phrase`` — 以X为引领/支撑/龙头/主体/核心/载体, 与X、Y协同发展,
  推进X、Y一体化发展, 依托X、Y等载体: X and Y are places (if their names end
  in a place suffix, or X is the object of 以…为) with that role;
* ``place.merges-into`` — 融入“X”: X is a planned area;
* ``place.planned`` — 规划建设X: X is a planned area and an initiative;
* ``group.forms`` — 形成X组团: a group whose members are the places the task gives roles;
* ``place.suffix`` and ``place.named-elsewhere`` — anywhere in the plan's
  statements (not in responsible units): names ending in a place suffix, the
  provincial-level names and named regions, X市委 (the place of an issuer);
* ``initiative.suffix`` — names ending in 工程, 示范区, 实验区, 试验区, 先导区,
  引领区, 样板区, 基地, 行动;
* ``initiative.quoted`` — a quoted name “X” that ends in such a word, or
  followed by a facility noun (“X”快速路网), or the object of a verb of
  building (加快/推进/实施/建设 “X”…);
* ``initiative.build-list`` — 推进A、B、C建设: the items of a list built together.
"""

from __future__ import annotations

import re

from .names import PLACE_SUFFIXES, PROVINCES, REGIONS, english_place, place_class, slug_of
from .lexicon import (BUILD_VERBS, CONNECT, DIRECTIONS, FACILITY_NOUNS, HAN, INITIATIVE_SUFFIX, NOT_AFTER, ROLE_WORDS,
                      cut_name, strip_leads)
from .rules import Context

__all__ = ["places_and_roles", "initiatives"]

_NAME = rf"[{HAN}A-Za-z0-9·]"
_ROLE = re.compile(rf"以({_NAME}{{2,24}}?)为({'|'.join(ROLE_WORDS)})")
_WITH = re.compile(rf"与((?:{_NAME}{{2,12}}?、)*{_NAME}{{2,12}}?)协同发展")
_INTEGRATE = re.compile(rf"推进((?:{_NAME}{{2,12}}?、)*{_NAME}{{2,12}}?)一体化发展")
_CARRIER = re.compile(rf"依托((?:{_NAME}{{2,16}}?、)*{_NAME}{{2,16}}?)等载体")
_DIRECTION = re.compile(rf"向([东西南北])({'|'.join(CONNECT)})({_NAME}{{2,30}}?)(?:建设)?(?=[，,。；、])")
_MERGE = re.compile(r"融入“([^“”]{2,20})”")
_PLANNED = re.compile(rf"规划建设({_NAME}{{2,12}}?)(?=[，,。；])")
_GROUP = re.compile(rf"形成({_NAME}{{2,20}}?组团)")
_SUFFIXES = "|".join(sorted({s for s, _, _ in PLACE_SUFFIXES}, key=len, reverse=True))
_SUFFIXED = re.compile(rf"({_NAME}+?)({_SUFFIXES})(?![{NOT_AFTER}])")
_ISSUER_PLACE = re.compile(rf"([{HAN}]{{2,4}}?[市县])委")
_INITIATIVE = re.compile(rf"([{HAN}A-Za-z·]{{2,30}}?)({'|'.join(INITIATIVE_SUFFIX)})(?=建设|[和及、等]|[^{HAN}]|$)")
_QUOTED = re.compile(r"“([^“”]{1,16})”")
_BUILD_LIST = re.compile(r"推进((?:[^，,。；、“”]{3,14}、)+[^，,。；、“”]{3,14}?)建设")


def _is_place_name(name: str) -> bool:
    return name in PROVINCES or name in REGIONS or place_class(name) != "plan:Place"


class _Places:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.spans: list[tuple[int, int]] = []

    def add(self, name: str, start: int, rule: str, cls: str | None = None) -> str | None:
        ctx = self.ctx
        if name in ctx.places:
            return ctx.places[name]
        for known in (name[:-1],) if name.endswith(("市", "省")) and len(name) > 2 else ():
            if known in ctx.places:
                return ctx.places[known]
        if any(a < start + len(name) and start < b and (a, b) != (start, start + len(name))
               for a, b in self.spans):
            return None  # overlaps a name found here by another rule
        self.spans.append((start, start + len(name)))
        slug = slug_of(name) or str(len(ctx.places) + 1)
        if f"place/{slug}" in ctx.used_ids:
            slug = slug + "-" + re.sub(r"[^a-z0-9]+", "-", english_place(name).split(" ", 1)[-1].lower()).strip("-")
        ident = ctx.new_id("place/" + slug)
        ctx.places[name] = ident
        ctx.add("places", {"id": ident, "type": cls or place_class(name), "label_zh": name,
                           "label_en": english_place(name), "source": "source/text"},
                start, start + len(name), rule)
        return ident


def _names(s: str, start: int, group: str) -> list[tuple[str, int]]:
    out, at = [], start
    for part in group.split("、"):
        out.append((part, at))
        at += len(part) + 1
    return out


def places_and_roles(ctx: Context, statement_spans: list[tuple[int, int]]) -> None:
    """Find places, their roles in the tasks, the groups the tasks form, and places named elsewhere."""
    s, places = ctx.s, _Places(ctx)
    for node, task in ctx.tasks:
        a, b = node.body
        text = s[a:b]
        roles: list[tuple[str, str, int, int]] = []
        for m in _DIRECTION.finditer(text):
            name = m.group(3)
            ident = places.add(name, a + m.start(3), "place.direction",
                               "plan:ExternalRegion" if place_class(name) == "plan:Place" else None)
            if ident is None:
                continue
            _task_cell(ctx, task, "direction", DIRECTIONS[m.group(1)])
            _task_cell(ctx, task, "connects_to", ident)
            _task_cell(ctx, task, CONNECT[m.group(2)], ident)
        for m in _ROLE.finditer(text):
            name, _ = strip_leads(m.group(1))
            if not _is_place_name(name):
                continue  # 以科技创新为引领: not a place
            start = a + m.end(1) - len(name)
            roles.append((name, ROLE_WORDS[m.group(2)], start, a + m.end()))
        for pattern, role in ((_WITH, "plan:Collaborator"), (_INTEGRATE, "plan:Integration"),
                              (_CARRIER, "plan:Carrier")):
            for m in pattern.finditer(text):
                for name, at in _names(text, m.start(1), m.group(1)):
                    if _is_place_name(name):
                        roles.append((name, role, a + at, a + m.end()))
        for m in _MERGE.finditer(text):
            ident = places.add(m.group(1), a + m.start(1), "place.merges-into", "plan:PlannedArea")
            if ident is None:
                continue
            _task_cell(ctx, task, "connects_to", ident)
            _task_cell(ctx, task, "merges_into", ident)
        for m in _PLANNED.finditer(text):
            name, _ = strip_leads(m.group(1))
            ident = places.add(name, a + m.end(1) - len(name), "place.planned", "plan:PlannedArea plan:Project")
            if ident is None:
                continue
            ctx.initiatives[name] = ident
            _task_cell(ctx, task, "initiatives", ident)
        members = []
        for name, role, start, end in roles:
            ident = places.add(name, start, "place.role-phrase")
            if ident is None:
                continue
            members.append(ident)
            slug = ident.split("/", 1)[1]
            ctx.add("roles", {"id": ctx.new_id(f"{task}/involvement/{slug}"), "task": task, "place": ident,
                              "role": role, "label_zh": f"任务{node.para.number}:{name}",
                              "label_en": f"Task {node.para.number}: {english_place(name)}",
                              "source": "source/text"}, start, end, "place.role-phrase")
        for m in _GROUP.finditer(text):
            name, cut = strip_leads(m.group(1))
            ident = ctx.new_id(f"group/{len([i for i in ctx.items if i.sheet == 'groups']) + 1}")
            ctx.add("groups", {"id": ident, "label_zh": name, "label_en": f"Group {ident.rsplit('/', 1)[1]}",
                               "includes": " ".join(dict.fromkeys(members)), "source": "source/text"},
                    a + m.start(1) + cut, a + m.end(1), "group.forms")
            _task_cell(ctx, task, "forms_cluster", ident)
    for a, b in statement_spans:
        text = s[a:b]
        # a known place followed by a zone word names a part of it (…示范区协调区)
        for known in list(ctx.places):
            for m in re.finditer(re.escape(known) + r"(协调区|片区|核心区|起步区)", text):
                places.add(known + m.group(1), a + m.start(), "place.named-elsewhere", "plan:PlannedArea")
        for m in _ISSUER_PLACE.finditer(text):
            name, cut = strip_leads(m.group(1))
            if len(name) >= 3:
                places.add(name, a + m.start(1) + cut, "place.named-elsewhere")
        for m in _SUFFIXED.finditer(text):
            name, cut = cut_name(m.group(1) + m.group(2))
            stem = name[:-len(m.group(2))]
            if len(stem) < 2 or len(name) > 16 or any(ch.isdigit() for ch in name):
                continue
            if len(m.group(2)) == 1 and (len(stem) > 3 or stem[-1] in "城强都水"):
                continue  # 城市, 工业强市, 水乡: not the name of a division
            places.add(name, a + m.start(1) + cut, "place.suffix")
        for name in (*REGIONS, *PROVINCES):
            at = text.find(name)
            if at >= 0 and name not in ctx.places and not any(k in (name + "市", name + "省") for k in ctx.places):
                places.add(name, a + at, "place.named-elsewhere")


def _task_cell(ctx: Context, task: str, key: str, value: str) -> None:
    for item in ctx.items:
        if item.sheet == "tasks" and item.id == task:
            old = item.cells.get(key, "")
            if key == "direction":
                item.cells[key] = value
            elif value not in old.split():
                item.cells[key] = (old + " " + value).strip()
            return


def _owners(ctx: Context) -> tuple[str, ...]:
    """The names a named work starts with: the places of the text (without their suffix), 国家 and 国家级."""
    stems = {"国家级", "国家", *PROVINCES}
    for name in ctx.places:
        stems.add(name)
        for suffix, _, _ in PLACE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stems.add(name[:-len(suffix)])
    return tuple(sorted(stems, key=len, reverse=True))


def initiatives(ctx: Context) -> None:
    """Named initiatives in the tasks' statements."""
    s = ctx.s
    owners = _owners(ctx)
    named = re.compile(rf"(?:(?<=建设)({'|'.join(map(re.escape, owners))})([{HAN}A-Za-z0-9·]{{3,16}}?)(?=[，,。；])"
                       rf"|(?<=[推加][进快动])({'|'.join(map(re.escape, owners))})([{HAN}A-Za-z0-9·]{{3,16}}?)(?:等项目)?建设)")
    for node, task in ctx.tasks:
        a, b = node.body
        text = s[a:b]
        found: list[tuple[str, int, str]] = []
        for m in named.finditer(text):
            owner, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            start = m.start(1) if m.group(1) else m.start(3)
            found.append((owner + rest, start, "initiative.named-work"))
        for m in _QUOTED.finditer(text):
            inner = m.group(1)
            after = re.match(rf"[{HAN}]{{0,8}}?({'|'.join(FACILITY_NOUNS)})", text[m.end():])
            before = text[max(0, m.start() - 16):m.start()]
            if after and not re.search(r"[，,。；、]", after.group()):
                found.append((m.group() + after.group(), m.start(), "initiative.quoted"))
            elif inner.endswith(INITIATIVE_SUFFIX + ("体系",)):
                found.append((m.group(), m.start(), "initiative.quoted"))
            elif _built(before):
                found.append((m.group(), m.start(), "initiative.quoted"))
        for m in _BUILD_LIST.finditer(text):
            at = m.start(1)
            if "等" in m.group(1).rsplit("、", 1)[-1]:
                continue  # 推进A、B等系统建设: a list of kinds, not of named works
            for part in m.group(1).split("、"):
                name, cut = strip_leads(part)
                if "“" not in name and "等" not in name and len(name) >= 4:
                    found.append((name, at + cut, "initiative.build-list"))
                at += len(part) + 1
        for m in _INITIATIVE.finditer(text):
            name, cut = strip_leads(m.group(1) + m.group(2))
            start = m.start(1) + cut
            if len(name) - len(m.group(2)) < 2 or "”" in name or "“" in name:
                continue
            inner = re.split(r"的|和|及|在|以上|以下|等", name)[-1]
            start, name = start + len(name) - len(inner), inner
            if len(name) - len(m.group(2)) >= 2:
                found.append((name, start, "initiative.suffix"))
        for name, start, rule in sorted(found, key=lambda f: f[1]):
            if any(name != other and name in other and abs(start - ostart) < len(other)
                   for other, ostart, _ in found):
                continue  # part of a longer name
            if name not in ctx.initiatives and any(name.endswith(place) for place in ctx.places):
                continue  # a place the text names, not an initiative
            ident = ctx.initiatives.get(name)
            if ident is None:
                ident = ctx.new_id("initiative/" + (slug_of(name.strip("“”")) or str(len(ctx.initiatives) + 1)))
                ctx.initiatives[name] = ident
                ctx.add("initiatives", {"id": ident, "label_zh": name,
                                        "label_en": f"Initiative {len(ctx.initiatives)}", "source": "source/text"},
                        a + start, a + start + len(name), rule)
            _task_cell(ctx, task, "initiatives", ident)


def _built(before: str) -> bool:
    """Whether a quote (or the list of quotes it ends) is the object of a verb of building."""
    tail = re.sub(r"(“[^“”]*”[、]?)+$", "", before)
    return tail.endswith(BUILD_VERBS)
