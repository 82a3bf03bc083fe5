"""Write a synthetic plan N times the size of the bundled Kunshan plan.

The plan follows the plankg model and passes its SHACL shapes: ``scale``
blocks shaped like Kunshan's (7 areas of 5, 3, 3, 3, 4, 4, 3 tasks; 12
action plans; 18 places in four clusters plus a corridor and a planned city;
11 targets; 24 named initiatives; 26 implementation links), one plan over all
of them, the two milestones, the declared counts scaled to match, and, for
the graph analyses something to find, 6 support links per block drawn at
random from an earlier task to a later one (so the support graph stays
acyclic but chains run across blocks), a town of each block also working
with a task of another block, and an observation for one target in eleven.
The same ``scale`` and ``seed`` give the same files, byte for byte.

Use it from Python::

    from benchmarks.synthetic import write_synthetic_plan
    folder = write_synthetic_plan(tmp_path, scale=10)   # then plankg.load([folder])

or from the shell::

    python benchmarks/synthetic.py --scale 10 OUT_DIR

``--plans N`` writes a corpus of N distinct plans instead, one folder each,
some sharing places and indicators, ``--broken K`` of them invalid in known
ways (``write_synthetic_corpus``; see ``synthetic_corpus.py``)::

    python benchmarks/synthetic.py --plans 1000 --broken 8 OUT_DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import corpus_plans, write_synthetic_corpus  # noqa: E402

__all__ = ["BASE", "corpus_plans", "write_synthetic_corpus", "write_synthetic_plan"]

#: The base IRI of the synthetic data set.
BASE = "https://w3id.org/plankg/synthetic/"

_HEADER = f"""@base <{BASE}> .
@prefix plan:    <https://w3id.org/plankg/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix unit:    <http://qudt.org/vocab/unit/> .

"""

#: The data set's description of itself: its plan, IRI space and prefix.
_DATASET = f"""@base <{BASE}> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix vann: <http://purl.org/vocab/vann/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .

<dataset> a void:Dataset ;
    foaf:primaryTopic <plan> ;
    void:uriSpace "{BASE}" ;
    vann:preferredNamespacePrefix "syn" .
"""

#: Tasks per area in one block, as in Kunshan.
_AREA_TASKS = (5, 3, 3, 3, 4, 4, 3)
#: Block-relative task numbers (1-based) and how many initiatives each names.
_INITIATIVES = {
    1: 2,
    2: 1,
    3: 1,
    4: 1,
    6: 3,
    9: 2,
    12: 3,
    14: 3,
    15: 1,
    16: 1,
    17: 1,
    18: 1,
    21: 1,
    24: 1,
    25: 1,
}
#: Block-relative task numbers that set targets, and how many.
_TARGETS = {6: 1, 7: 1, 8: 5, 9: 1, 10: 1, 19: 2}
#: Block-relative action plan → tasks it implements (Kunshan's curated layer).
_IMPLEMENTS = {
    1: (6, 7, 8),
    2: (1, 2, 3),
    3: (2, 8),
    4: (12, 13, 14),
    5: (4,),
    6: (10, 11),
    7: (19, 20, 21, 22),
    8: (4,),
    9: (14, 21),
    10: (15, 16, 17, 18),
    11: (18,),
}
_DIRECTIONS = ("East", "West", "North", "South")
_ROLES = ("Lead", "Pillar", "Lead", "MainBody")
#: Collaborating towns per regional task (block-relative), as in Kunshan.
_TOWNS = (1, 1, 3, 3)
_SUPPORTS_PER_BLOCK = 6


def _lit(text: str, lang: str) -> str:
    return f'"{text}"@{lang}'


def _labels(zh: str, en: str) -> str:
    return f"    rdfs:label {_lit(zh, 'zh')} , {_lit(en, 'en')} ;\n"


class _Plan:
    """The synthetic plan's entities, numbered across blocks."""

    def __init__(self, scale: int, seed: int):
        self.scale = scale
        self.rng = random.Random(seed)
        self.areas: list[tuple[int, list[int]]] = []
        task = 0
        for _ in range(scale):
            for size in _AREA_TASKS:
                tasks = list(range(task + 1, task + size + 1))
                task += size
                self.areas.append((len(self.areas) + 1, tasks))
        self.tasks = task
        self.action_plans = 12 * scale

    @staticmethod
    def task(n: int) -> str:
        return f"<task/{n:04d}>"

    def structure(self) -> str:
        out = [_HEADER]
        for ordinal, tasks in self.areas:
            kind = "plan:PartyBuildingSection" if ordinal % 7 == 0 else "plan:DemonstrationArea"
            members = " , ".join(self.task(t) for t in tasks)
            out.append(
                f"<area/{ordinal:03d}> a {kind} ;\n    plan:ordinal {ordinal} ;\n"
                + _labels(f"合成板块{ordinal}", f"Synthetic area {ordinal}")
                + f"    plan:hasTask {members} ;\n    plan:source <source/doc> .\n\n"
            )
        for t in range(1, self.tasks + 1):
            out.append(
                f"{self.task(t)} a plan:Task ;\n    plan:ordinal {t} ;\n"
                + _labels(f"合成任务{t}", f"Synthetic task {t}")
                + f"    plan:statement {_lit(f'第{t}项任务的表述。', 'zh')} , {_lit(f'The statement of task {t}.', 'en')} ;\n"
                + "    plan:source <source/doc> .\n\n"
            )
        return "".join(out)

    def document(self) -> str:
        areas = " , ".join(f"<area/{o:03d}>" for o, _ in self.areas)
        aps = " , ".join(f"<action-plan/{n:03d}>" for n in range(1, self.action_plans + 1))
        goals = {2025: 8, 2035: 4}
        out = [
            _HEADER,
            "<plan> a plan:Plan ;\n"
            + _labels("合成规划", "Synthetic plan")
            + "    plan:issuedBy <org/issuer> ;\n    plan:covers <place/county> ;\n    plan:taskNumbering plan:AcrossPlan ;\n"
            + "    plan:hasMilestone <milestone/2025> , <milestone/2035> ;\n"
            + f"    plan:hasArea {areas} ;\n    plan:hasActionPlan {aps} ;\n"
            + "    plan:declares <count/demonstrations> , <count/tasks> , <count/action-plans> , <count/projects> ;\n"
            + "    plan:source <source/doc> .\n\n",
            "<source/doc> a plan:SourceDocument ;\n" + _labels("合成来源", "Synthetic source") + "    .\n\n",
            "<source/stats> a plan:SourceDocument ;\n" + _labels("合成统计来源", "Synthetic statistics source")
            + "    <https://schema.org/url> <https://example.org/synthetic-statistics> ;\n"
            + "    plan:sourceType plan:OfficialSource .\n\n",
            "<observations> a <http://purl.org/linked-data/cube#DataSet> ;\n" + _labels("合成观测值", "Synthetic observations")
            + "    <http://purl.org/linked-data/cube#structure> plan:ObservationStructure .\n\n",
            "<org/issuer> a plan:Organization ;\n" + _labels("合成机构", "Synthetic issuer") + "    .\n\n",
            "<place/county> a plan:CountyLevelCity ;\n" + _labels("合成县", "Synthetic county") + "    .\n\n",
            "<period/2022-2025> a time:ProperInterval ;\n"
            + _labels("2022~2025年", "2022–2025")
            + "    plan:startYear 2022 ;\n    plan:endYear 2025 .\n\n",
        ]
        for year, count in goals.items():
            refs = " , ".join(f"<milestone/{year}/goal/{g}>" for g in range(1, count + 1))
            out.append(
                f"<milestone/{year}> a plan:Milestone ;\n"
                + _labels(f"{year}年", f"{year} milestone")
                + f"    plan:year {year} ;\n    plan:hasGoalStatement {refs} .\n\n"
            )
            for g in range(1, count + 1):
                out.append(
                    f"<milestone/{year}/goal/{g}> a plan:GoalStatement ;\n    plan:ordinal {g} ;\n"
                    + _labels(f"目标{g}", f"Goal {g}")
                    + f"    plan:statement {_lit(f'{year}年目标{g}。', 'zh')} , {_lit(f'Goal {g} for {year}.', 'en')} .\n\n"
                )
        for n in range(1, self.action_plans + 1):
            out.append(
                f"<action-plan/{n:03d}> a plan:ActionPlan ;\n    plan:ordinal {n} ;\n"
                + _labels(f"合成行动计划{n}", f"Synthetic action plan {n}")
                + "    plan:period <period/2022-2025> .\n\n"
            )
        counts = {
            "demonstrations": ("DemonstrationArea", 6 * self.scale),
            "tasks": ("Task", self.tasks),
            "action-plans": ("ActionPlan", self.action_plans),
            "projects": ("Project", 200 * self.scale),
        }
        for slug, (cls, value) in counts.items():
            out.append(
                f"<count/{slug}> a plan:DeclaredCount ;\n"
                + _labels(f"声明数量{slug}", f"Declared {slug}")
                + f"    plan:countOf plan:{cls} ;\n    plan:declaredValue {value} .\n\n"
            )
        return "".join(out)

    def places(self) -> str:
        out = [_HEADER]
        towns_of_block: list[list[str]] = []
        for b in range(self.scale):
            first = b * 25
            towns = [f"<place/b{b}-town-{i}>" for i in range(1, 9)]
            towns_of_block.append(towns)
            for i, town in enumerate(towns, start=1):
                out.append(
                    f"{town} a plan:Town ;\n"
                    + _labels(f"{b}区{i}镇", f"Town {b}-{i}")
                    + f"    skos:altLabel {_lit(f'{b}区{i}', 'zh')} .\n\n"
                )
            used = 0
            for r in range(4):
                task, zone, region = (
                    self.task(first + r + 1),
                    f"<place/b{b}-zone-{r}>",
                    f"<place/b{b}-region-{r}>",
                )
                zone_class = "plan:TourismResort" if r == 3 else "plan:DevelopmentZone"
                out.append(
                    f"{zone} a {zone_class} ;\n" + _labels(f"{b}区功能区{r}", f"Zone {b}-{r}") + "    .\n\n"
                )
                out.append(
                    f"{region} a plan:ExternalRegion ;\n"
                    + _labels(f"{b}区外部区域{r}", f"Region {b}-{r}")
                    + "    .\n\n"
                )
                collaborators = towns[used : used + _TOWNS[r]]
                used += _TOWNS[r]
                involvements = [(zone, _ROLES[r], f"zone-{r}")] + [
                    (t, "Collaborator", t[7:-1]) for t in collaborators
                ]
                refs = " , ".join(
                    f"<task/{first + r + 1:04d}/involvement/{slug}>" for *_, slug in involvements
                )
                out.append(
                    f"{task} plan:direction plan:{_DIRECTIONS[r]} ;\n    plan:connectsTo {region} ;\n"
                    + f"    plan:formsCluster <cluster/b{b}-{r}> ;\n    plan:involves {refs} .\n\n"
                )
                for place, role, slug in involvements:
                    out.append(
                        f"<task/{first + r + 1:04d}/involvement/{slug}> a plan:PlaceInvolvement ;\n"
                        + _labels(f"任务{first + r + 1}:{slug}", f"Task {first + r + 1}: {slug}")
                        + f"    plan:place {place} ;\n    plan:role plan:{role} .\n\n"
                    )
                members = " , ".join(p for p, *_ in involvements)
                out.append(
                    f"<cluster/b{b}-{r}> a plan:SpatialGroup ;\n"
                    + _labels(f"{b}区组团{r}", f"Cluster {b}-{r}")
                    + f"    plan:includesPlace {members} .\n\n"
                )
            out.append(
                f"<place/b{b}-corridor> a plan:PlannedArea ;\n"
                + _labels(f"{b}区科创带", f"Corridor {b}")
                + "    .\n\n"
            )
            out.append(
                f"<place/b{b}-future-city> a plan:PlannedArea , plan:Project ;\n"
                + _labels(f"{b}区未来城", f"Future city {b}")
                + "    .\n\n"
            )
            out.append(
                f"{self.task(first + 5)} plan:connectsTo <place/b{b}-corridor> ;\n"
                + f"    plan:namesInitiative <place/b{b}-future-city> .\n\n"
            )
        for b in range(self.scale):
            other = self.rng.randrange(self.scale)
            r = self.rng.randrange(4)
            town = towns_of_block[b][7]
            task = other * 25 + r + 1
            slug = f"shared-{b}"
            out.append(
                f"{self.task(task)} plan:involves <task/{task:04d}/involvement/{slug}> .\n"
                + f"<task/{task:04d}/involvement/{slug}> a plan:PlaceInvolvement ;\n"
                + _labels(f"任务{task}:{slug}", f"Task {task}: {slug}")
                + f"    plan:place {town} ;\n    plan:role plan:Collaborator .\n\n"
            )
        return "".join(out)

    def projects_and_targets(self) -> tuple[str, str]:
        projects, targets = [_HEADER], [_HEADER]
        for b in range(self.scale):
            for rel, count in _INITIATIVES.items():
                t = b * 25 + rel
                refs = [f"<project/{t:04d}-{i}>" for i in range(1, count + 1)]
                projects.append(f"{self.task(t)} plan:namesInitiative {' , '.join(refs)} .\n")
                for i, ref in enumerate(refs, start=1):
                    projects.append(
                        f"{ref} a plan:Project ;\n"
                        + _labels(f"任务{t}举措{i}", f"Initiative {t}-{i}")
                        + "    .\n"
                    )
            for rel, count in _TARGETS.items():
                t = b * 25 + rel
                for i in range(1, count + 1):
                    ref, year = f"<target/{t:04d}-{i}>", 2025 if (t + i) % 3 else 2030
                    targets.append(
                        f"{self.task(t)} plan:hasTarget {ref} .\n{ref} a plan:Target ;\n"
                        + _labels(f"目标{t}-{i}", f"Target {t}-{i}")
                        + f"    plan:year {year} ;\n    plan:measure {_lit('产值', 'zh')} , {_lit('output', 'en')} ;\n"
                        + f'    plan:comparator plan:Reach ;\n    plan:value "{(t * 7 + i) * 100}"^^xsd:decimal ;\n'
                        + f'    plan:unit unit:CCY_CNY ;\n    plan:sourceExpression "{t}-{i}" .\n'
                    )
                    if (t + i) % 11 == 0 and year == 2025:
                        indicator = f"<indicator/{t:04d}-{i}>"
                        targets.append(
                            f"{ref} plan:indicator {indicator} .\n{indicator} a plan:Indicator ;\n"
                            + _labels(f"指标{t}-{i}", f"Indicator {t}-{i}")
                            + "    plan:unit unit:CCY_CNY .\n"
                            f"<observation/{t:04d}-{i}> a plan:Observation ;\n"
                            + _labels(f"观测{t}-{i}", f"Observation {t}-{i}")
                            + "    <http://purl.org/linked-data/cube#dataSet> <observations> ;\n"
                            + f'    plan:indicator {indicator} ;\n    plan:refPeriod "2025" ;\n    plan:refArea <place/county> ;\n'
                            + f'    plan:value "{t * 700}"^^xsd:decimal ;\n    plan:unit unit:CCY_CNY ;\n'
                            + "    plan:periodKind plan:FullYear ;\n    plan:observationStatus plan:Final ;\n"
                            + f'    plan:sourceExpression "{t * 700}" ;\n    plan:source <source/stats> .\n'
                        )
        return "".join(projects), "".join(targets)

    def curated(self) -> str:
        out = [
            _HEADER,
            "<agent/analysts> a plan:Analyst ;\n" + _labels("合成分析者", "Synthetic analysts") + "    .\n\n",
        ]

        def link(kind: str, iri: str, a: str, b: str, props: tuple[str, str], label: tuple[str, str]) -> str:
            return (
                f"{iri} a plan:{kind} ;\n"
                + _labels(*label)
                + f"    plan:{props[0]} {a} ;\n    plan:{props[1]} {b} ;\n"
                + f"    plan:rationale {_lit('合成理由。', 'zh')} , {_lit('A synthetic rationale.', 'en')} ;\n"
                + "    prov:wasAttributedTo <agent/analysts> .\n\n"
            )

        for b in range(self.scale):
            for rel_ap, rel_tasks in _IMPLEMENTS.items():
                ap = b * 12 + rel_ap
                for rel in rel_tasks:
                    t = b * 25 + rel
                    out.append(f"<action-plan/{ap:03d}> plan:implements {self.task(t)} .\n")
                    out.append(
                        link(
                            "Implementation",
                            f"<curated/implementation/{ap:03d}-{t:04d}>",
                            f"<action-plan/{ap:03d}>",
                            self.task(t),
                            ("actionPlan", "task"),
                            (f"行动计划{ap}落实任务{t}", f"Action plan {ap} implements task {t}"),
                        )
                    )
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < _SUPPORTS_PER_BLOCK * self.scale:
            a = self.rng.randrange(1, self.tasks)
            b = self.rng.randrange(a + 1, min(self.tasks, a + 60) + 1)
            pairs.add((a, b))
        for a, b in sorted(pairs):
            out.append(f"{self.task(a)} plan:supports {self.task(b)} .\n")
            out.append(
                link(
                    "Support",
                    f"<curated/support/{a:04d}-{b:04d}>",
                    self.task(a),
                    self.task(b),
                    ("supportingTask", "supportedTask"),
                    (f"任务{a}支撑任务{b}", f"Task {a} supports task {b}"),
                )
            )
        return "".join(out)


def write_synthetic_plan(folder: Path, scale: int = 10, seed: int = 0) -> Path:
    """Write a synthetic plan ``scale`` times Kunshan's size into ``folder``.

    Parameters
    ----------
    folder : Path
        Where to write; ``dataset.ttl``, ``source/*.ttl`` and
        ``curated/links.ttl`` are created in it (the folder is created if need be).
    scale : int, default 10
        How many Kunshan-sized blocks the plan has.
    seed : int, default 0
        Seeds the random support links and shared towns.

    Returns
    -------
    Path
        ``folder``, ready for ``plankg.load([folder])``.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    folder = Path(folder)
    plan = _Plan(scale, seed)
    projects, targets = plan.projects_and_targets()
    files = {
        "dataset.ttl": _DATASET,
        "source/plan.ttl": plan.document(),
        "source/structure.ttl": plan.structure(),
        "source/places.ttl": plan.places(),
        "source/projects.ttl": projects,
        "source/targets.ttl": targets,
        "curated/links.ttl": plan.curated(),
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"# Synthetic plankg plan, scale {scale}, seed {seed} (benchmarks/synthetic.py)\n" + text,
            encoding="utf-8",
        )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Write a synthetic plan N times Kunshan's size, or a corpus of N distinct plans."
    )
    parser.add_argument("--scale", type=int, default=10, help="the size of the one plan, in Kunshans")
    parser.add_argument("--plans", type=int, default=None, help="write a corpus of this many plans instead")
    parser.add_argument("--broken", type=int, default=0, help="how many corpus plans to make invalid")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    if args.plans is None:
        if args.broken:
            parser.error("--broken needs --plans")
        print(write_synthetic_plan(args.out_dir, scale=args.scale, seed=args.seed))
    else:
        print(write_synthetic_corpus(args.out_dir, plans=args.plans, seed=args.seed, broken=args.broken))


if __name__ == "__main__":
    main()
