"""Small synthetic plans written as Turtle, for analysis tests.

``write_tiny_plan(folder, tasks=3, supports=[(1, 2)])`` writes a valid plan
with one area holding the tasks, an action plan, a 2025 milestone, the
declared counts, and the curated links asked for (each with its qualified
node and rationale), and returns the folder for ``plankg.load([folder])``.
"""

from __future__ import annotations

from pathlib import Path

BASE = "https://example.org/tiny/"

HEADER = f"""@base <{BASE}> .
@prefix plan: <https://w3id.org/plankg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

"""


def iri(local: str) -> str:
    """The full IRI of a local name in the tiny plan."""
    return BASE + local


def _labels(zh: str, en: str) -> str:
    return f'rdfs:label "{zh}"@zh , "{en}"@en'


def _curated_node(kind: str, node: str, props: tuple[str, str], a: str, b: str) -> str:
    return (f"<{node}> a plan:{kind} ; {_labels(node, node)} ;\n"
            f"    plan:{props[0]} <{a}> ; plan:{props[1]} <{b}> ;\n"
            f'    plan:rationale "理由"@zh , "A reason."@en ; prov:wasAttributedTo <agent/a> .\n')


def write_tiny_plan(
    folder: Path,
    *,
    tasks: int = 3,
    supports=(),
    implements=(),
    orphan_tasks=(),
    involvements=(),
    source_extra: str = "",
    curated: bool = True,
    prefix: str | None = "tiny",
) -> Path:
    """Write a small plan into ``folder`` and return ``folder``.

    Parameters
    ----------
    tasks : int
        Tasks ``task/1`` … ``task/N``, all in ``area/1``.
    supports : iterable of (int, int)
        Task *a* supports task *b* (curated).
    implements : iterable of (int, int)
        Action plan *a* (``action-plan/a``) implements task *b* (curated).
    orphan_tasks : iterable of int
        Task numbers after ``tasks`` to write with labels only: in no area,
        linked to nothing (the plan is then invalid).
    involvements : iterable of (int, str, str)
        Task, place slug and role (``Lead``, ``Collaborator`` …).
    source_extra : str
        More Turtle for the source layer.
    curated : bool
        Whether to write the curated layer file at all.
    prefix : str or None
        The data set's prefix in its ``dataset.ttl``; None writes no description.
    """
    folder = Path(folder)
    (folder / "source").mkdir(parents=True, exist_ok=True)
    action_plans = sorted({a for a, _ in implements} | {1})
    task_refs = " , ".join(f"<task/{n}>" for n in range(1, tasks + 1))
    ap_refs = " , ".join(f"<action-plan/{n}>" for n in action_plans)
    source = [HEADER,
              f"<plan> a plan:Plan ; {_labels('小规划', 'Tiny plan')} ;\n"
              f"    plan:issuedBy <org> ; plan:source <doc> ; plan:hasArea <area/1> ;\n"
              f"    plan:hasMilestone <milestone/2025> ; plan:hasActionPlan {ap_refs} ;\n"
              f"    plan:declares <count/tasks> .\n",
              f"<doc> a plan:SourceDocument ; {_labels('来源', 'Source')} .\n",
              f"<org> a plan:Organization ; {_labels('机构', 'Issuer')} .\n",
              f"<count/tasks> a plan:DeclaredCount ; {_labels('任务数', 'Task count')} ;\n"
              f"    plan:countOf plan:Task ; plan:declaredValue {tasks} .\n",
              f"<milestone/2025> a plan:Milestone ; {_labels('2025年', '2025')} ; plan:year 2025 .\n",
              "<period> a time:ProperInterval ; rdfs:label \"期限\"@zh , \"Period\"@en ;\n"
              "    plan:startYear 2022 ; plan:endYear 2025 .\n",
              f"<area/1> a plan:DemonstrationArea ; {_labels('板块一', 'Area one')} ; plan:ordinal 1 ;\n"
              f"    plan:hasTask {task_refs} .\n"]
    for n in range(1, tasks + 1):
        source.append(f"<task/{n}> a plan:Task ; {_labels(f'任务{n}', f'Task {n}')} ; plan:ordinal {n} ;\n"
                      f'    plan:statement "任务{n}。"@zh , "Task {n}."@en .\n')
    for n in orphan_tasks:
        source.append(f"<task/{n}> a plan:Task ; {_labels(f'孤立任务{n}', f'Isolated task {n}')} ; plan:ordinal {n} .\n")
    for n in action_plans:
        source.append(f"<action-plan/{n}> a plan:ActionPlan ; {_labels(f'行动计划{n}', f'Action plan {n}')} ;\n"
                      f"    plan:ordinal {n} ; plan:period <period> .\n")
    for task, place, role in involvements:
        node = f"task/{task}/involvement/{place}"
        source.append(f"<place/{place}> a plan:Town ; {_labels(place, place)} .\n"
                      f"<task/{task}> plan:involves <{node}> .\n"
                      f"<{node}> a plan:PlaceInvolvement ; {_labels(node, node)} ;\n"
                      f"    plan:place <place/{place}> ; plan:role plan:{role} .\n")
    source.append(source_extra)
    if prefix is not None:
        (folder / "dataset.ttl").write_text(
            "@prefix void: <http://rdfs.org/ns/void#> .\n@prefix vann: <http://purl.org/vocab/vann/> .\n"
            f"@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@base <{BASE}> .\n"
            f'<dataset> a void:Dataset ; foaf:primaryTopic <plan> ; void:uriSpace "{BASE}" ;\n'
            f'    vann:preferredNamespacePrefix "{prefix}" .\n',
            encoding="utf-8",
        )
    (folder / "source" / "plan.ttl").write_text("".join(source), encoding="utf-8")
    if curated:
        links = [HEADER, f"<agent/a> a plan:Analyst ; {_labels('分析者', 'Analyst')} .\n"]
        for a, b in supports:
            links.append(f"<task/{a}> plan:supports <task/{b}> .\n")
            links.append(_curated_node("Support", f"support/{a}-{b}", ("supportingTask", "supportedTask"),
                                       f"task/{a}", f"task/{b}"))
        for a, b in implements:
            links.append(f"<action-plan/{a}> plan:implements <task/{b}> .\n")
            links.append(_curated_node("Implementation", f"implementation/{a}-{b}", ("actionPlan", "task"),
                                       f"action-plan/{a}", f"task/{b}"))
        (folder / "curated").mkdir(exist_ok=True)
        (folder / "curated" / "links.ttl").write_text("".join(links), encoding="utf-8")
    return folder
