"""Write a corpus of N distinct synthetic plans, some sharing places and indicators.

Each plan has its own folder ``OUT/<slug>/`` (slug ``p0001``, ``p0002`` …), with
its own ``dataset.ttl``, base IRI (``https://w3id.org/plankg/synthetic/p0001/``)
and prefix (``p0001``), a source layer ``source/plan.ttl`` and a curated layer
``curated/links.ttl``. Plans differ in shape, drawn from the seed: 3–9 areas of
2–7 tasks (numbered across the plan), one or two milestones of 2025, 2030 and
2035 with 1–4 goal statements each, 1–5 action plans, 1–3 targets on about
three tasks in five, 2–10 towns of its own, 3–24 named initiatives, support
links between tasks and an observation for about one target in three: about
1,200 triples a plan on average (1,000 plans, seed 0: 1.21 million).

What plans share lives in one namespace, ``https://w3id.org/plankg/synthetic/shared/``:

* ``place/region-NN`` (:data:`SHARED_PLACES` of them): a plan connects 0–3 of
  its tasks to them (``plan:connectsTo``);
* ``indicator/NN`` (:data:`SHARED_INDICATORS` of them): about half of a plan's
  targets measure one of them (``plan:indicator``), the others an indicator of
  the plan's own.

A shared entity is typed, with the same labels, in the source graph of every
plan that names it, so the plan-membership rule of the named queries (a row's
plan is the plan typed in the named graph that types the entity) puts it in
each of those plans, and the merged graph still holds one label of each language.

``broken=K`` makes K plans invalid, each in one of these ways (in this order,
repeating when K is larger), each a violation of the shape named:

=============================  ==============================  ===========================================
kind                           what is wrong                   shape
=============================  ==============================  ===========================================
``task-without-english-label``  the first task has no @en label  ``plansh:TaskShape``
``declared-count-mismatch``    the task count declared is one  ``plansh:DeclaredCountMatchesShape``
                               more than the tasks listed
``ordinal-gap``                the last task is numbered n+1   ``plansh:OrdinalsShape``
``target-without-year``        the first target has no year    ``plansh:TargetShape``
``year-outside-horizon``       the first target's year is      ``plansh:YearInHorizonShape``
                               after the latest milestone
``support-without-rationale``  the first support link has no   ``plansh:CuratedLinkShape``
                               rationale
``involvement-without-role``   the first place involvement     ``plansh:PlaceInvolvementShape``
                               has no role
``observation-without-source``  the first observation cites no  ``plansh:ObservationShape``
                               source
=============================  ==============================  ===========================================

:data:`BROKEN_KINDS` maps each kind to its shape. The plans that are broken are
drawn from the seed. The same ``plans``, ``seed`` and ``broken`` give the same
files, byte for byte; a plan's content depends only on the seed and its number,
so ``p0003`` is the same in a corpus of 5 plans and in one of 1,000 (unless it is
one of the broken ones).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BROKEN_KINDS",
    "CORPUS_BASE",
    "SHARED",
    "SHARED_INDICATORS",
    "SHARED_PLACES",
    "CorpusPlan",
    "corpus_plans",
    "write_synthetic_corpus",
]

#: The base of every corpus plan's IRI space.
CORPUS_BASE = "https://w3id.org/plankg/synthetic/"
#: The namespace of the places and indicators plans share.
SHARED = CORPUS_BASE + "shared/"
#: How many shared places and shared indicators there are.
SHARED_PLACES = 40
SHARED_INDICATORS = 30

_PLANSH = "https://w3id.org/plankg/shapes#"
#: Each way of breaking a plan, and the node shape it violates.
BROKEN_KINDS = {
    "task-without-english-label": _PLANSH + "TaskShape",
    "declared-count-mismatch": _PLANSH + "DeclaredCountMatchesShape",
    "ordinal-gap": _PLANSH + "OrdinalsShape",
    "target-without-year": _PLANSH + "TargetShape",
    "year-outside-horizon": _PLANSH + "YearInHorizonShape",
    "support-without-rationale": _PLANSH + "CuratedLinkShape",
    "involvement-without-role": _PLANSH + "PlaceInvolvementShape",
    "observation-without-source": _PLANSH + "ObservationShape",
}

_PREFIXES = """@prefix plan:    <https://w3id.org/plankg/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix unit:    <http://qudt.org/vocab/unit/> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix schema:  <https://schema.org/> .
"""

_MILESTONES = ((2025,), (2030,), (2025, 2030), (2025, 2035), (2030, 2035))
_UNITS = ("unit:CCY_CNY", "unit:PERCENT")
_ROLES = ("Lead", "Collaborator", "Pillar", "MainBody")
_CHINESE_DIGITS = "〇一二三四五六七八九"


def _zh_number(n: int) -> str:
    return "".join(_CHINESE_DIGITS[int(d)] for d in str(n))


def _labels(zh: str, en: str | None) -> str:
    en_part = f' , "{en}"@en' if en is not None else ""
    return f'rdfs:label "{zh}"@zh{en_part}'


def _shared_place(n: int) -> str:
    return (
        f"<{SHARED}place/region-{n:02d}> a plan:ExternalRegion ; "
        + _labels(f"共享区域{_zh_number(n)}", f"Shared region {n}")
        + " .\n"
    )


def _shared_indicator(n: int) -> str:
    return (
        f"<{SHARED}indicator/{n:02d}> a plan:Indicator ; "
        + _labels(f"共享指标{_zh_number(n)}", f"Shared indicator {n}")
        + f" ; plan:unit {_UNITS[n % 2]} .\n"
    )


@dataclass
class CorpusPlan:
    """One plan of a synthetic corpus: what the generator drew for it.

    Attributes
    ----------
    number : int
        1-based number of the plan in the corpus.
    slug : str
        Folder name and preferred prefix (``p0001``).
    base : str
        The plan's IRI space.
    areas : list of int
        The number of tasks of each area.
    milestones : tuple of int
        The milestone years.
    action_plans : int
        The number of action plans.
    targets : list of tuple
        ``(task, indicator IRI, year, value)`` for each target, in order.
    towns : int
        The number of the plan's own towns.
    shared_places : tuple of int
        The shared regions the plan connects to.
    initiatives : int
        The number of named initiatives.
    supports : list of tuple of int
        ``(supporting task, supported task)`` pairs.
    implements : list of tuple of int
        ``(action plan, task)`` pairs.
    observed : tuple of int
        Indexes (into ``targets``) of the targets whose indicator has an observation.
    broken : str or None
        The way the plan is broken (a key of :data:`BROKEN_KINDS`), or None.
    """

    number: int
    slug: str
    base: str
    areas: list[int]
    milestones: tuple[int, ...]
    action_plans: int
    targets: list[tuple[int, str, int, int]]
    towns: int
    shared_places: tuple[int, ...]
    initiatives: int
    supports: list[tuple[int, int]]
    implements: list[tuple[int, int]]
    observed: tuple[int, ...]
    involvements: list[tuple[int, int, str]] = field(default_factory=list)
    connections: list[tuple[int, int]] = field(default_factory=list)
    broken: str | None = None

    @property
    def tasks(self) -> int:
        """The number of tasks."""
        return sum(self.areas)

    @property
    def shared_indicators(self) -> tuple[str, ...]:
        """The shared indicators the plan's targets measure, sorted, without repeats."""
        return tuple(sorted({i for _, i, *_ in self.targets if i.startswith(SHARED)}))


def _draw(number: int, seed: int, width: int) -> CorpusPlan:
    rng = random.Random(f"plankg-corpus/{seed}/{number}")
    slug = f"p{number:0{width}d}"
    areas = [rng.randint(2, 7) for _ in range(rng.randint(3, 9))]
    tasks = sum(areas)
    milestones = rng.choice(_MILESTONES)
    action_plans = rng.randint(1, 5)
    base = f"{CORPUS_BASE}{slug}/"
    targets = []
    own_indicator = 0
    for task in range(1, tasks + 1):
        if rng.random() < 0.4:
            continue
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.5:
                indicator = f"{SHARED}indicator/{rng.randint(1, SHARED_INDICATORS):02d}"
            else:
                own_indicator += 1
                indicator = f"{base}indicator/{own_indicator:02d}"
            targets.append((task, indicator, rng.choice(milestones), rng.randint(1, 999) * 10))
    observed = tuple(i for i in range(len(targets)) if rng.random() < 0.34)
    towns = rng.randint(2, 10)
    involvements = [(rng.randint(1, tasks), town, rng.choice(_ROLES)) for town in range(1, towns + 1)]
    shared_places = tuple(sorted(rng.sample(range(1, SHARED_PLACES + 1), rng.randint(0, 3))))
    connections = [(rng.randint(1, tasks), p) for p in shared_places]
    supports = sorted({(a, rng.randint(a + 1, tasks)) for a in (rng.randint(1, tasks - 1) for _ in range(rng.randint(1, tasks // 3 + 1)))})
    implements = sorted({(ap, rng.randint(1, tasks)) for ap in range(1, action_plans + 1) for _ in range(rng.randint(1, 3))})
    return CorpusPlan(
        number=number, slug=slug, base=base, areas=areas, milestones=milestones,
        action_plans=action_plans, targets=targets, towns=towns, shared_places=shared_places,
        initiatives=rng.randint(3, 24), supports=supports, implements=implements,
        observed=observed, involvements=involvements, connections=connections,
    )


def corpus_plans(plans: int, seed: int = 0, broken: int = 0) -> list[CorpusPlan]:
    """Return what :func:`write_synthetic_corpus` writes for these arguments, plan by plan.

    Parameters
    ----------
    plans : int
        How many plans.
    seed : int, default 0
        Seeds every drawing.
    broken : int, default 0
        How many plans to break (see :data:`BROKEN_KINDS`).

    Returns
    -------
    list of CorpusPlan
        In plan order.

    Raises
    ------
    ValueError
        If ``plans`` is less than 1 or ``broken`` is not between 0 and ``plans``.
    """
    if plans < 1:
        raise ValueError("plans must be at least 1")
    if not 0 <= broken <= plans:
        raise ValueError("broken must be between 0 and the number of plans")
    width = max(4, len(str(plans)))
    drawn = [_draw(n, seed, width) for n in range(1, plans + 1)]
    kinds = list(BROKEN_KINDS)
    chosen = sorted(random.Random(f"plankg-corpus/{seed}/broken").sample(range(plans), broken))
    for i, index in enumerate(chosen):
        plan = drawn[index]
        kind = kinds[i % len(kinds)]
        # Every plan can be broken in every way: make sure the thing to break exists.
        if kind in ("target-without-year", "year-outside-horizon") and not plan.targets:
            plan.targets.append((1, f"{plan.base}indicator/extra", plan.milestones[0], 100))
        if kind == "observation-without-source" and not plan.observed:
            if not plan.targets:
                plan.targets.append((1, f"{plan.base}indicator/extra", plan.milestones[0], 100))
            plan.observed = (0,)
        plan.broken = kind
    return drawn


def _source(p: CorpusPlan) -> str:
    broken = p.broken
    tasks = p.tasks
    out = [f"@base <{p.base}> .\n", _PREFIXES, "\n"]
    n = p.number
    start = 2021 + n % 3
    latest = max(p.milestones)
    area_refs = " , ".join(f"<area/{a}>" for a in range(1, len(p.areas) + 1))
    ms_refs = " , ".join(f"<milestone/{y}>" for y in p.milestones)
    ap_refs = " , ".join(f"<action-plan/{a}>" for a in range(1, p.action_plans + 1))
    out.append(
        f"<plan> a plan:Plan ; {_labels(f'合成规划{_zh_number(n)}', f'Synthetic plan {n}')} ;\n"
        f"    plan:issuedBy <org/issuer> ; plan:source <source/doc> ; plan:covers <place/county> ;\n"
        f"    plan:taskNumbering plan:AcrossPlan ; plan:hasArea {area_refs} ;\n"
        f"    plan:hasMilestone {ms_refs} ; plan:hasActionPlan {ap_refs} ;\n"
        f"    plan:declares <count/tasks> , <count/action-plans> , <count/projects> .\n"
        f"<source/doc> a plan:SourceDocument ; {_labels(f'合成规划{_zh_number(n)}原文', f'Text of synthetic plan {n}')} .\n"
        f"<org/issuer> a plan:Organization ; {_labels(f'合成机构{_zh_number(n)}', f'Synthetic issuer {n}')} .\n"
        f"<place/county> a plan:CountyLevelCity ; {_labels(f'合成县{_zh_number(n)}', f'Synthetic county {n}')} .\n"
        f"<period> a time:ProperInterval ; {_labels(f'{start}~{latest}年', f'{start}–{latest}')} ;\n"
        f"    plan:startYear {start} ; plan:endYear {latest} .\n"
    )
    declared_tasks = tasks + 1 if broken == "declared-count-mismatch" else tasks
    for slug, cls, value in (
        ("tasks", "Task", declared_tasks),
        ("action-plans", "ActionPlan", p.action_plans),
        ("projects", "Project", p.initiatives + 10 * n % 7),
    ):
        out.append(
            f"<count/{slug}> a plan:DeclaredCount ; {_labels(f'声明数量{slug}', f'Declared {slug}')} ;\n"
            f"    plan:countOf plan:{cls} ; plan:declaredValue {value} .\n"
        )
    for y in p.milestones:
        goals = 1 + (n + y) % 4
        refs = " , ".join(f"<milestone/{y}/goal/{g}>" for g in range(1, goals + 1))
        out.append(
            f"<milestone/{y}> a plan:Milestone ; {_labels(f'{y}年', f'{y} milestone')} ;\n"
            f"    plan:year {y} ; plan:hasGoalStatement {refs} .\n"
        )
        for g in range(1, goals + 1):
            out.append(
                f"<milestone/{y}/goal/{g}> a plan:GoalStatement ; plan:ordinal {g} ; {_labels(f'目标{g}', f'Goal {g}')} ;\n"
                f'    plan:statement "{y}年目标{g}。"@zh , "Goal {g} for {y}."@en .\n'
            )
    for a in range(1, p.action_plans + 1):
        out.append(
            f"<action-plan/{a}> a plan:ActionPlan ; plan:ordinal {a} ; "
            f"{_labels(f'行动计划{a}', f'Action plan {a}')} ; plan:period <period> .\n"
        )
    task = 0
    for a, size in enumerate(p.areas, start=1):
        members = " , ".join(f"<task/{t}>" for t in range(task + 1, task + size + 1))
        task += size
        out.append(
            f"<area/{a}> a plan:DemonstrationArea ; plan:ordinal {a} ; {_labels(f'板块{a}', f'Area {a}')} ;\n"
            f"    plan:hasTask {members} ; plan:source <source/doc> .\n"
        )
    for t in range(1, tasks + 1):
        ordinal = tasks + 1 if broken == "ordinal-gap" and t == tasks else t
        en = None if broken == "task-without-english-label" and t == 1 else f"Task {t}"
        out.append(
            f"<task/{t}> a plan:Task ; plan:ordinal {ordinal} ; {_labels(f'任务{t}', en)} ;\n"
            f'    plan:statement "第{t}项任务的表述。"@zh , "The statement of task {t}."@en ; plan:source <source/doc> .\n'
        )
    for town in range(1, p.towns + 1):
        out.append(f"<place/town-{town}> a plan:Town ; {_labels(f'{_zh_number(n)}县{town}镇', f'Town {n}-{town}')} .\n")
    for i, (t, town, role) in enumerate(p.involvements):
        role_part = "" if broken == "involvement-without-role" and i == 0 else f" ; plan:role plan:{role}"
        out.append(
            f"<task/{t}> plan:involves <task/{t}/involvement/town-{town}> .\n"
            f"<task/{t}/involvement/town-{town}> a plan:PlaceInvolvement ; "
            f"{_labels(f'任务{t}:{town}镇', f'Task {t}: town {town}')} ;\n"
            f"    plan:place <place/town-{town}>{role_part} .\n"
        )
    for t, region in p.connections:
        out.append(f"<task/{t}> plan:connectsTo <{SHARED}place/region-{region:02d}> .\n")
    out.extend(_shared_place(region) for region in p.shared_places)
    for i in range(1, p.initiatives + 1):
        t = 1 + (i * 7 + n) % tasks
        out.append(
            f"<task/{t}> plan:namesInitiative <project/{i}> .\n"
            f"<project/{i}> a plan:Project ; {_labels(f'举措{i}', f'Initiative {i}')} .\n"
        )
    out.extend(_targets(p))
    return "".join(out)


def _targets(p: CorpusPlan) -> list[str]:
    out = []
    latest = max(p.milestones)
    own = {}
    shared = set()
    for i, (t, indicator, year, value) in enumerate(p.targets, start=1):
        if p.broken == "year-outside-horizon" and i == 1:
            year = latest + 5
        year_part = "" if p.broken == "target-without-year" and i == 1 else f" plan:year {year} ;"
        unit = _UNITS[int(indicator.rsplit("/", 1)[1]) % 2] if indicator.startswith(SHARED) else "unit:CCY_CNY"
        if indicator.startswith(SHARED):
            shared.add(int(indicator.rsplit("/", 1)[1]))
            ref = f"<{indicator}>"
        else:
            ref = f"<{indicator[len(p.base):]}>"
            own[ref] = unit
        expression = f"{value}%" if unit == "unit:PERCENT" else f"{value}亿元"
        out.append(
            f"<task/{t}> plan:hasTarget <target/{i}> .\n"
            f"<target/{i}> a plan:Target ; {_labels(f'目标{i}', f'Target {i}')} ;{year_part}\n"
            f'    plan:measure "指标{i}"@zh , "measure {i}"@en ; plan:comparator plan:Reach ;\n'
            f'    plan:value "{value}"^^xsd:decimal ; plan:unit {unit} ; plan:sourceExpression "{expression}" ;\n'
            f"    plan:indicator {ref} .\n"
        )
    for ref, unit in own.items():
        local = ref[1:-1].rsplit("/", 1)[1]
        out.append(f"{ref} a plan:Indicator ; {_labels(f'本规划指标{local}', f'Own indicator {local}')} ; plan:unit {unit} .\n")
    out.extend(_shared_indicator(s) for s in sorted(shared))
    if p.observed:
        out.append(
            f"<observations> a qb:DataSet ; {_labels('合成观测值', 'Synthetic observations')} ;\n"
            "    qb:structure plan:ObservationStructure .\n"
            f"<source/stats> a plan:SourceDocument ; {_labels('合成统计来源', 'Synthetic statistics source')} ;\n"
            "    schema:url <https://example.org/synthetic-statistics> ; plan:sourceType plan:OfficialSource .\n"
        )
    for k, index in enumerate(p.observed):
        t, indicator, year, value = p.targets[index]
        unit = _UNITS[int(indicator.rsplit("/", 1)[1]) % 2] if indicator.startswith(SHARED) else "unit:CCY_CNY"
        ref = f"<{indicator}>" if indicator.startswith(SHARED) else f"<{indicator[len(p.base):]}>"
        observed = value * (3 + (index + p.number) % 9) // 10
        source = "" if p.broken == "observation-without-source" and k == 0 else " plan:source <source/stats> ;"
        out.append(
            f"<observation/{index + 1}> a plan:Observation ; {_labels(f'观测{index + 1}', f'Observation {index + 1}')} ;\n"
            f'    qb:dataSet <observations> ; plan:indicator {ref} ; plan:refPeriod "2023" ; plan:refArea <place/county> ;\n'
            f'    plan:value "{observed}"^^xsd:decimal ; plan:unit {unit} ; plan:periodKind plan:FullYear ;\n'
            f'    plan:observationStatus plan:Final ; plan:sourceExpression "{observed}" ;{source} .\n'.replace("; .\n", ".\n")
        )
    return out


def _curated(p: CorpusPlan) -> str:
    out = [f"@base <{p.base}> .\n", _PREFIXES, "\n"]
    out.append(f"<agent/analysts> a plan:Analyst ; {_labels('合成分析者', 'Synthetic analysts')} .\n")
    rationale = ' plan:rationale "合成理由。"@zh , "A synthetic rationale."@en ;'
    for ap, t in p.implements:
        out.append(
            f"<action-plan/{ap}> plan:implements <task/{t}> .\n"
            f"<curated/implementation/{ap}-{t}> a plan:Implementation ; "
            f"{_labels(f'行动计划{ap}落实任务{t}', f'Action plan {ap} implements task {t}')} ;\n"
            f"    plan:actionPlan <action-plan/{ap}> ; plan:task <task/{t}> ;{rationale}\n"
            "    prov:wasAttributedTo <agent/analysts> .\n"
        )
    for i, (a, b) in enumerate(p.supports):
        why = "" if p.broken == "support-without-rationale" and i == 0 else rationale
        out.append(
            f"<task/{a}> plan:supports <task/{b}> .\n"
            f"<curated/support/{a}-{b}> a plan:Support ; {_labels(f'任务{a}支撑任务{b}', f'Task {a} supports task {b}')} ;\n"
            f"    plan:supportingTask <task/{a}> ; plan:supportedTask <task/{b}> ;{why}\n"
            "    prov:wasAttributedTo <agent/analysts> .\n"
        )
    return "".join(out)


def _dataset(p: CorpusPlan) -> str:
    return (
        f"@base <{p.base}> .\n"
        "@prefix void: <http://rdfs.org/ns/void#> .\n"
        "@prefix vann: <http://purl.org/vocab/vann/> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n\n"
        f'<dataset> a void:Dataset ; foaf:primaryTopic <plan> ; void:uriSpace "{p.base}" ;\n'
        f'    vann:preferredNamespacePrefix "{p.slug}" .\n'
    )


def write_synthetic_corpus(folder: Path, plans: int = 10, seed: int = 0, broken: int = 0) -> Path:
    """Write ``plans`` distinct synthetic plans into ``folder``, one sub-folder each.

    Parameters
    ----------
    folder : Path
        Where to write; ``<slug>/dataset.ttl``, ``<slug>/source/plan.ttl`` and
        ``<slug>/curated/links.ttl`` are created in it for each plan.
    plans : int, default 10
        How many plans.
    seed : int, default 0
        Seeds every drawing (shapes, shared places and indicators, broken plans).
    broken : int, default 0
        How many plans to make invalid (see the module's docstring and
        :data:`BROKEN_KINDS`); :func:`corpus_plans` says which, and how.

    Returns
    -------
    Path
        ``folder``, ready for ``plankg.load([folder])``.

    Raises
    ------
    ValueError
        If ``plans`` is less than 1 or ``broken`` is not between 0 and ``plans``.
    """
    folder = Path(folder)
    for p in corpus_plans(plans, seed=seed, broken=broken):
        header = f"# Synthetic plankg corpus plan {p.slug}, seed {seed} (benchmarks/synthetic.py --plans)\n"
        for name, text in (
            ("dataset.ttl", _dataset(p)),
            ("source/plan.ttl", _source(p)),
            ("curated/links.ttl", _curated(p)),
        ):
            path = folder / p.slug / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(header + text, encoding="utf-8")
    return folder
