"""plankg.places: the task–place graph, its projection, centrality, communities and the plan's clusters.

Expected answers on the bundled plan, from source/places.ttl: tasks 1–4 each
name a leading zone (lead, pillar, spearhead or main body), partner towns
(collaborating, or — task 4 — integrated) and the region they connect to, and
form one development group of the zone and the towns; task 5 connects to the
Wusong River belt and names 昆山未来城 as an initiative; 昆山 is the county the
plan covers and no task names it among its places (tasks 1–3 give it
positions, plan:Positioning, which are not place links); 苏州, 长三角, the
coordination area and (curated) 江苏 are named, but by no task.
"""

from __future__ import annotations

import json

import pytest
from tinyplan import iri, write_tiny_plan

import plankg

KS = "https://w3id.org/plankg/kunshan-2022/"


def slugs(entities):
    return [e.iri.removeprefix(KS + "place/") for e in entities]


@pytest.fixture(scope="module")
def report(kg):
    return plankg.places(kg)


def test_the_bipartite_links(report):
    assert len(report.links) == 18
    kinds = sorted({(link.relation, link.role) for link in report.links}, key=str)
    assert kinds == [("connectsTo", None), ("involves", "Collaborator"), ("involves", "Integration"),
                     ("involves", "Lead"), ("involves", "MainBody"), ("involves", "Pillar"), ("involves", "Spearhead"),
                     ("namesInitiative", None)]
    huaqiao = next(link for link in report.links if link.place.iri == KS + "place/huaqiao")
    assert (huaqiao.task.ordinal, huaqiao.role, huaqiao.how("zh"), huaqiao.how("en")) == (1, "Lead", "引领", "lead")
    future = next(link for link in report.links if link.place.iri == KS + "place/kunshan-future-city")
    assert (future.relation, future.how("zh")) == ("namesInitiative", "点名举措")


def test_which_places_work_together(report):
    # A task naming n places gives n(n-1)/2 pairs: 3 + 3 + 10 + 10 + 1.
    assert len(report.pairs) == 27
    assert {len(p.tasks) for p in report.pairs} == {1}
    assert [(slugs([p.a])[0], slugs([p.b])[0], p.tasks[0].ordinal) for p in report.pairs[:3]] == [
        ("huaqiao", "lujia", 1), ("huaqiao", "shanghai", 1), ("lujia", "shanghai", 1)]


def test_centrality(report):
    by_place = {s.place.iri.removeprefix(KS + "place/"): s for s in report.standings}
    assert len(by_place) == 18 and "kunshan" not in by_place
    huaqiao = by_place["huaqiao"]
    assert slugs(huaqiao.partners) == ["lujia", "shanghai"]
    assert huaqiao.degree_centrality == pytest.approx(2 / 17)
    assert by_place["kunshan-development-zone"].degree_centrality == pytest.approx(4 / 17)
    assert {s.betweenness for s in report.standings} == {0.0}
    assert slugs(s.place for s in report.standings[:5]) == [
        "kunshan-development-zone", "qiandeng", "zhangpu", "zhoushi", "taicang"]


def test_communities_are_the_five_regional_tasks(report):
    assert [slugs(c) for c in report.communities] == [
        ["kunshan-development-zone", "qiandeng", "zhangpu", "zhoushi", "taicang"],
        ["kunshan-tourism-resort", "dianshanhu", "jinxi", "zhouzhuang", "yrd-eco-green-demo-zone"],
        ["huaqiao", "lujia", "shanghai"],
        ["kunshan-high-tech-zone", "bacheng", "suzhou-main-city"],
        ["wusong-river-corridor", "kunshan-future-city"],
    ]


def test_each_cluster_of_the_plan_lies_within_one_community(report):
    got = [(m.cluster.iri.removeprefix(KS + "cluster/"), m.task.ordinal, m.community, round(m.jaccard, 3), m.contained)
           for m in report.clusters]
    # A community also holds the outside region the task connects to, which the cluster leaves out.
    assert got == [
        ("international-digital-commerce", 1, 2, 0.667, True),
        ("cross-strait-sci-tech-education", 2, 3, 0.667, True),
        ("yrd-advanced-manufacturing", 3, 0, 0.8, True),
        ("jiangnan-water-town-eco-culture", 4, 1, 0.8, True),
    ]
    assert slugs(report.clusters[2].places) == ["kunshan-development-zone", "qiandeng", "zhangpu", "zhoushi"]


def test_the_county_and_the_places_around_it_are_named_by_no_task(report):
    # 江苏 only the curated layer names: it is no place of the plan's own (see test_coverage).
    assert slugs(report.unnamed) == ["kunshan", "suzhou", "yrd", "yrd-demo-zone-coordination-area"]


def test_json_and_tables(report):
    data = json.loads(report.to_json())
    assert list(data) == ["plan", "links", "standings", "pairs", "communities", "clusters", "unnamed", "entities"]
    assert data["links"][0] == {"task": KS + "task/01", "place": KS + "place/shanghai", "relation": "connectsTo",
                                "role": None}
    assert data["standings"][0]["roles"] == ["Spearhead"] and data["standings"][0]["community"] == 0
    tables = report.tables("en")
    assert list(tables) == ["places", "pairs", "clusters"]
    assert tables["places"].to_csv().splitlines()[0] == (
        "place,label,class,tasks,roles,partners,degree_centrality,betweenness,community,plan")
    assert tables["places"].rows[0][:5] == (KS + "place/kunshan-development-zone", "Kunshan Development Zone",
                                            "Development zone", "Task 3", "spearhead")


def test_a_place_shared_by_two_tasks_is_the_most_central(tmp_path):
    kg = plankg.load([write_tiny_plan(tmp_path, tasks=3, involvements=[
        (1, "a", "Lead"), (1, "b", "Collaborator"), (2, "a", "Collaborator"), (2, "c", "Lead"),
        (3, "d", "Lead"), (3, "e", "Collaborator")])])
    report = plankg.places(kg)
    top = report.standings[0]
    assert (top.place.iri, [t.ordinal for t in top.tasks]) == (iri("place/a"), [1, 2])
    # a lies on the only path between b and c: one of the 4·3/2 = 6 pairs of other places.
    assert top.betweenness == pytest.approx(1 / 6)
    assert [[e.iri.removeprefix(iri("place/")) for e in c] for c in report.communities] == [["a", "b", "c"], ["d", "e"]]
    assert report.clusters == ()


def test_a_plan_without_places(tmp_path):
    report = plankg.places(plankg.load([write_tiny_plan(tmp_path, tasks=2)]))
    assert (report.links, report.standings, report.pairs, report.communities) == ((), (), (), ())
    assert "0 task–place links" in report.to_text("en")


@pytest.mark.parametrize("engine", ["kg_rdflib", "kg_endpoint"])
def test_every_engine_gives_the_same_report(request, report, engine):
    assert plankg.places(request.getfixturevalue(engine)).to_dict() == report.to_dict()
