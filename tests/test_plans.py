"""Several plans loaded together stay apart: own graphs, prefixes, names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import serve_graph

import plankg
from plankg.cli import main
from plankg.resources import bundled_plan_dir

SECOND = Path(__file__).resolve().parent / "data" / "second-plan"
KS = "https://w3id.org/plankg/kunshan-2022/"
TINY = "https://example.org/tiny/"
COUNT_TASKS = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }"


@pytest.fixture(scope="module")
def both() -> plankg.PlanGraph:
    return plankg.load([bundled_plan_dir(), SECOND])


@pytest.fixture(scope="module")
def both_server(tmp_path_factory, both):
    server = serve_graph(both, tmp_path_factory.mktemp("oxigraph-two-plans"))
    yield server
    server.stop()


def test_each_plan_gets_graphs_of_its_own(both):
    assert both.graph_iris == [
        "https://w3id.org/plankg/ontology",
        KS + "graph/source", KS + "graph/curated",
        TINY + "graph/source", TINY + "graph/curated",
    ]
    graphs = {q.graph_name.value for q in both.quads() if q.subject.value.startswith(TINY)}
    assert graphs == {TINY + "graph/source", TINY + "graph/curated"}


def test_plans_are_listed_with_their_prefixes(both):
    assert [(p.prefix, p.iri, p.graph) for p in both.plans] == [
        ("ks", KS + "plan", KS + "graph/source"),
        ("tiny", TINY + "plan", TINY + "graph/source"),
    ]
    assert both.plans[1].label("en") == "Tiny plan"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_plan_names_resolve_on_every_engine(engine):
    kg = plankg.load([bundled_plan_dir(), SECOND], engine=engine)
    assert kg.resolve_plan("tiny") == TINY + "plan"
    assert kg.resolve_plan("ks:") == KS + "plan"
    assert kg.resolve_plan("ks:plan") == KS + "plan"
    assert kg.resolve_plan(TINY + "plan") == TINY + "plan"
    with pytest.raises(plankg.ParameterError, match="the plans loaded are: ks, tiny"):
        kg.resolve_plan("sh")


def test_prefixes_come_from_the_loaded_data(both):
    assert both.prefixes["tiny"] == TINY and both.prefixes["ks"] == KS
    assert both.compact(TINY + "task/2") == "tiny:task/2"
    only_tiny = plankg.load([SECOND])
    assert "ks" not in only_tiny.prefixes
    assert only_tiny.compact(KS + "task/2") == KS + "task/2"


def test_a_prefixed_iri_parameter_with_an_unknown_prefix_is_an_error_not_an_empty_answer():
    only_tiny = plankg.load([SECOND])
    with pytest.raises(plankg.ParameterError, match="prefix 'ks:'.*known prefixes:.*tiny"):
        only_tiny.query("provenance", entity="ks:task/03")
    rows = only_tiny.query("provenance", entity="tiny:task/1")
    assert rows and rows[0].value("entity") == TINY + "task/1"


def test_plan_prefixes_need_no_declaration_in_ad_hoc_queries(both):
    answer = both.sparql("SELECT ?l WHERE { tiny:plan rdfs:label ?l FILTER(LANG(?l) = 'en') }")
    assert [r.value("l") for r in answer] == ["Tiny plan"]


def test_the_endpoint_finds_every_plan_published_on_it(both_server):
    kg = plankg.connect(both_server.query_url)
    assert [p.prefix for p in kg.plans] == ["ks", "tiny"]
    assert kg.prefixes["tiny"] == TINY
    assert kg.sparql(COUNT_TASKS)[0].value("n") == 29
    one = plankg.connect(both_server.query_url, graphs=plankg.GraphNames(TINY + "graph/"))
    assert one.sparql(COUNT_TASKS)[0].value("n") == 4


def test_one_graph_prefix_cannot_hold_two_plans():
    with pytest.raises(plankg.QueryError, match="cannot hold 2 plans"):
        plankg.load([bundled_plan_dir(), SECOND], graphs=plankg.GraphNames("urn:g:"))


def test_two_copies_of_one_plan_are_refused(tmp_path):
    shutil.copytree(bundled_plan_dir(), tmp_path / "copy")
    with pytest.raises(plankg.DataError, match="claims the IRI space 'https://w3id.org/plankg/kunshan-2022/'"):
        plankg.load([bundled_plan_dir(), tmp_path / "copy"])


def test_a_folder_of_plans_is_split_by_their_descriptions(tmp_path):
    shutil.copytree(bundled_plan_dir(), tmp_path / "plans" / "kunshan")
    shutil.copytree(SECOND, tmp_path / "plans" / "tiny")
    kg = plankg.load(tmp_path / "plans")
    assert {f.dataset.prefix for f in kg.files if f.dataset} == {"ks", "tiny"}
    assert [p.prefix for p in kg.plans] == ["ks", "tiny"]


def test_a_file_inside_a_data_set_is_named_by_its_description_but_loaded_alone(tmp_path):
    files = plankg.datafiles.discover(bundled_plan_dir() / "source" / "targets.ttl")
    assert [f.path.name for f in files] == ["plankg.ttl", "targets.ttl"]
    assert files[1].dataset.prefix == "ks"
    kg = plankg.PlanGraph(files)
    assert kg.graph_iris[1:] == [KS + "graph/source"]
    assert kg.compact(KS + "target/06-1") == "ks:target/06-1"


@pytest.mark.parametrize(
    "turtle, problem",
    [
        ("", "describes 0 data sets"),
        ('<d> a void:Dataset ; void:uriSpace "http://x/" ; vann:preferredNamespacePrefix "x" .',
         "exactly one foaf:primaryTopic"),
        ('<d> a void:Dataset ; foaf:primaryTopic <http://y/plan> ; void:uriSpace "http://x/" ;'
         ' vann:preferredNamespacePrefix "x" .', "must end with / or # and start the plan's IRI"),
        ('<d> a void:Dataset ; foaf:primaryTopic <http://x/plan> ; void:uriSpace "http://x/" ;'
         ' vann:preferredNamespacePrefix "X-1" .', "must be lower-case letters and digits"),
    ],
)
def test_a_broken_description_names_the_file_and_what_to_do(tmp_path, turtle, problem):
    (tmp_path / "dataset.ttl").write_text(
        "@prefix void: <http://rdfs.org/ns/void#> . @prefix vann: <http://purl.org/vocab/vann/> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> . @base <http://x/> .\n" + turtle, encoding="utf-8")
    with pytest.raises(plankg.DataError, match=problem) as raised:
        plankg.load(tmp_path)
    assert "dataset.ttl" in str(raised.value)


@pytest.mark.parametrize("command", [
    ["validate"], ["report", "--format", "json"], ["query", "plans", "--format", "csv"],
    ["sparql", "-", "--format", "csv"], ["analyze", "dependencies", "--format", "json"],
])
def test_every_command_takes_paths_and_data_alike(command):
    runner = CliRunner()
    stdin = "SELECT ?p WHERE { ?p a plan:Plan } ORDER BY ?p"
    split = command[:2] if command[0] in ("query", "sparql", "analyze") else command[:1]
    rest = command[len(split):]
    as_paths = runner.invoke(main, [*split, str(bundled_plan_dir()), str(SECOND), *rest], input=stdin)
    as_data = runner.invoke(main, [*split, "--data", str(bundled_plan_dir()), "--data", str(SECOND), *rest],
                            input=stdin)
    assert as_paths.exit_code == as_data.exit_code, as_paths.output + as_data.output
    assert as_paths.exit_code in (0, 1), as_paths.output
    assert as_paths.output == as_data.output
    assert "tiny" in as_paths.output or TINY in as_paths.output
