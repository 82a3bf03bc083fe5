"""Issue 11, other engines: the same answers on Virtuoso and Apache Jena TDB2 as on embedded Oxigraph.

Both bundled plans, and a 50-plan synthetic corpus, go to a real Virtuoso
(Debian's virtuoso-opensource 7.2, started on loopback ports) with
``plankg push`` and into a Jena TDB2 folder with ``tdb2.tdbloader``. Every
named query (with and without the ``plan`` parameter), every analysis and
every export view must give the same rows as embedded Oxigraph, compared as
multisets of rows of RDF terms.

Virtuoso 7.2 fails three named queries with internal compiler errors
(``SQ156``), its ``STR()`` of a non-ASCII literal written in the query matches
nothing (``label-search``, ``places-involvement`` with a Chinese term), and on
the corpus it answers two queries wrongly (``export-dependencies-nodes``,
``analysis-targets``). These are strict expected failures, marked exactly
where they fail (the ``STR()`` one where the reference answers rows: a plan
that does not name the term has none), so that the list stays true when
Virtuoso changes and a run has no unexpected pass. The README
("When one machine is not enough") lists them.
"""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import JenaTDB2, start_virtuoso

import plankg
from plankg.cli import main
from plankg.exports import view_graph
from plankg.resources import resource_root

LIBRARY = plankg.QueryLibrary()
NAMES = sorted(LIBRARY)
BUNDLED = sorted(p for p in (resource_root() / "data").iterdir() if (p / "dataset.ttl").is_file())
TODAY = datetime.date(2026, 11, 27)
CORPUS_PLANS = 50

#: Parameters for the queries that need them (one case each; test_queries.py checks more on Oxigraph).
REQUIRED = {
    "tasks-by-area": {"area": "03"},
    "places-involvement": {"place": "花桥"},
    "targets-by-year": {"year": 2025},
    "label-search": {"term": "示范"},
    "provenance": {"entity": "ks:task/06"},
}

#: Named queries Virtuoso 7.2 cannot answer (an error every time: strict expected failures).
VIRTUOSO_FAILS = {
    "support-cycle-violation": "SQ156 internal compiler error: plan:supports+ with neither end bound",
    "declared-count-violation": "SQ156 internal compiler error: rdfs:subClassOf* in an OPTIONAL of a subquery",
    "export-places-nodes": "SQ156 internal compiler error: a path of alternatives in a subquery (before: in FILTER EXISTS)",
    "corpus-plan-coverage": "no rows: a grouped subquery of MAX flags over UNION branches in GRAPH (not narrowed further)",
}
#: Named queries Virtuoso 7.2 answers wrongly on the corpus, not on the bundled plans.
VIRTUOSO_WRONG_ON_THE_CORPUS = {
    "export-dependencies-nodes": "FILTER EXISTS beside VALUES and rdfs:subClassOf* gives 1 row of 420 on the corpus",
    "analysis-targets": "counts 1 observation in an OPTIONAL where Oxigraph and Jena count 0 (corpus)",
    "corpus-shared-places": "no rows: a grouped subquery of MAX flags over UNION branches in GRAPH, as corpus-plan-coverage",
}
#: Virtuoso 7.2's STR() of a non-ASCII literal written in the query text matches nothing: wrong
#: exactly where the reference answers rows (a plan that does not name the term has none to give).
VIRTUOSO_STR = {"label-search", "places-involvement"}


def rows(result) -> Counter:
    """A result as a multiset of rows, each the set of (variable, N-Triples term) it binds."""
    return Counter(frozenset((name, str(term)) for name, term in row.as_dict().items()) for row in result)


def cases(plans=("ks", "jn")):
    for name in NAMES:
        params = REQUIRED.get(name, {})
        takes_plan = any(p.name == "plan" for p in LIBRARY[name].parameters)
        for plan in (None, *plans) if takes_plan else (None,):
            values = {**params, **({"plan": plan} if plan else {})}
            yield pytest.param(name, values, id="-".join([name, *map(str, values.values())]))


# =================================================================== fixtures


@pytest.fixture(scope="module")
def kg_both() -> plankg.PlanGraph:
    """The two bundled plans on embedded Oxigraph: the reference."""
    return plankg.load(BUNDLED)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pushed(virtuoso):
    """``plankg push`` of both bundled plans to Virtuoso, through the command line."""
    result = CliRunner().invoke(main, ["push", *map(str, BUNDLED), "--endpoint", virtuoso.push_url])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def kg_virtuoso(virtuoso, pushed) -> plankg.PlanGraph:
    return plankg.connect(virtuoso.sparql_url)


@pytest.fixture(scope="module")
def jena(tmp_path_factory, kg_both):
    engine = JenaTDB2(tmp_path_factory.mktemp("jena"), kg_both.quads())
    yield engine
    engine.stop()


@pytest.fixture(scope="module")
def kg_jena(jena) -> plankg.PlanGraph:
    """The bundled plans answered by Jena TDB2 (union of the layers' graphs as the default graph)."""
    kg = plankg.load(BUNDLED)
    kg.__dict__["engine"] = jena
    return kg


@pytest.fixture(params=["virtuoso", "jena"])
def other(request) -> plankg.PlanGraph:
    return request.getfixturevalue(f"kg_{request.param}")


def expect_virtuoso_failure(request, other, name, params=None, *, corpus=False, reference=None):
    """Mark the known Virtuoso 7.2 failures as expected (see the module's description).

    ``reference`` is the embedded reference's rows for the case, which decide the
    ``STR()`` failures: Virtuoso's empty answer is wrong only where there are rows.
    """
    if other.engine_name != "endpoint":
        return
    if name in VIRTUOSO_FAILS:
        request.applymarker(pytest.mark.xfail(reason=f"Virtuoso 7.2: {VIRTUOSO_FAILS[name]}", strict=True))
    elif corpus and name in VIRTUOSO_WRONG_ON_THE_CORPUS:
        reason = f"Virtuoso 7.2: {VIRTUOSO_WRONG_ON_THE_CORPUS[name]}"
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    elif name in VIRTUOSO_STR and any(not str(v).isascii() for v in (params or {}).values()) and reference:
        request.applymarker(pytest.mark.xfail(reason="Virtuoso 7.2: STR() of a non-ASCII literal", strict=True))


# =================================================================== push


def test_push_reports_every_layer_verified(pushed, kg_both):
    graphs = {kg_both.graph_of(f) for f in kg_both.files}
    assert sum("verified (sha256" in line for line in pushed.splitlines()) == len(graphs)


def test_push_again_replaces_and_foreign_graphs_are_refused(virtuoso, pushed, tmp_path):
    runner = CliRunner()
    again = runner.invoke(main, ["push", str(BUNDLED[0]), "--endpoint", virtuoso.push_url])
    assert again.exit_code == 0, again.output
    # One plan pushed onto another plan's graphs (--graph) is refused, nothing changed.
    other_source = "https://w3id.org/plankg/kunshan-2022/graph/"
    jinan = next(p for p in BUNDLED if "kunshan" not in p.name)
    refused = runner.invoke(main, ["push", str(jinan), "--endpoint", virtuoso.push_url, "--graph", other_source])
    assert refused.exit_code == 2, refused.output
    assert "refusing to replace" in refused.output


def test_push_without_credentials_is_refused_by_virtuoso(virtuoso, pushed):
    result = CliRunner().invoke(main, ["push", str(BUNDLED[0]), "--endpoint", virtuoso.sparql_url, "--timeout", "20"])
    assert result.exit_code == 2
    assert "401" in result.output


def test_chinese_literals_come_back_intact(kg_both, kg_virtuoso, kg_jena):
    query = "SELECT ?l WHERE { ?t a plan:Task ; rdfs:label ?l FILTER(LANG(?l) = 'zh') }"
    expected = sorted(r.value("l") for r in kg_both.sparql(query))
    assert any("县域" in label or "数字" in label for label in expected)
    assert sorted(r.value("l") for r in kg_virtuoso.sparql(query)) == expected
    assert sorted(r.value("l") for r in kg_jena.sparql(query)) == expected


# =================================================================== named queries


@pytest.mark.parametrize("name, params", list(cases()))
def test_every_named_query_answers_alike(request, kg_both, other, name, params):
    expected = kg_both.query(name, **params)
    expect_virtuoso_failure(request, other, name, params, reference=rows(expected))
    answer = other.query(name, **params)
    assert answer.variables == expected.variables
    assert rows(answer) == rows(expected)


# =================================================================== analyses and exports

ANALYSES = {
    "dependencies": lambda kg, plan: plankg.dependencies(kg, plan=plan),
    "coverage": lambda kg, plan: plankg.coverage(kg, plan=plan, today=TODAY),
    "places": lambda kg, plan: plankg.places(kg, plan=plan),
}


@pytest.mark.parametrize("plan", ["ks", "jn"])
@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_every_analysis_answers_alike(request, kg_both, other, analysis, plan):
    run = ANALYSES[analysis]
    assert run(other, plan).to_dict() == run(kg_both, plan).to_dict()


@pytest.mark.parametrize("view", ["structure", "places", "dependencies", "all"])
def test_every_export_view_answers_alike(request, kg_both, other, view):
    if view in ("places", "all"):
        expect_virtuoso_failure(request, other, "export-places-nodes")
    expected, graph = view_graph(kg_both, view), view_graph(other, view)
    assert Counter(map(repr, graph.nodes(data=True))) == Counter(map(repr, expected.nodes(data=True)))
    assert Counter(map(repr, graph.edges(keys=True, data=True))) == Counter(map(repr, expected.edges(keys=True, data=True)))


# =================================================================== a corpus of 50 plans


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import write_synthetic_corpus

    return write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), plans=CORPUS_PLANS, seed=11)


@pytest.fixture(scope="module")
def kg_corpus(corpus) -> plankg.PlanGraph:
    return plankg.load([*BUNDLED, corpus])


@pytest.fixture(scope="module")
def corpus_pushed(virtuoso, pushed, corpus):
    result = CliRunner().invoke(main, ["push", *map(str, BUNDLED), str(corpus), "--endpoint", virtuoso.push_url])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def corpus_jena(tmp_path_factory, kg_corpus):
    engine = JenaTDB2(tmp_path_factory.mktemp("jena-corpus"), kg_corpus.quads())
    yield engine
    engine.stop()


@pytest.fixture(params=["virtuoso", "jena"])
def other_corpus(request, virtuoso, corpus_pushed, corpus_jena, corpus) -> plankg.PlanGraph:
    if request.param == "virtuoso":
        return plankg.connect(virtuoso.sparql_url)
    kg = plankg.load([*BUNDLED, corpus])
    kg.__dict__["engine"] = corpus_jena
    return kg


def test_the_corpus_push_verifies_every_graph(corpus_pushed, kg_corpus):
    graphs = {kg_corpus.graph_of(f) for f in kg_corpus.files}
    # the ontology, each plan's two layers, and the places and indicators the corpus's plans share
    assert len(graphs) == 1 + 2 * (len(BUNDLED) + CORPUS_PLANS) + 1
    assert sum("verified (sha256" in line for line in corpus_pushed.splitlines()) == len(graphs)


def test_the_corpus_plans_are_all_there(kg_corpus, other_corpus):
    assert rows(other_corpus.query("plans")) == rows(kg_corpus.query("plans"))
    assert len(other_corpus.plans) == len(BUNDLED) + CORPUS_PLANS


#: Named queries left out on the corpus: embedded Oxigraph, the reference, takes 10 s to over 30 s
#: for each on 52 plans today (issue 11's linear-time work is about this), which the suite cannot afford.
SLOW_ON_THE_CORPUS = {"progress-observations", "progress-targets", "analysis-declared-counts", "label-search"}
_REFERENCE: dict = {}


def corpus_cases():
    for case in cases(plans=("p0007",)):
        name, params = case.values
        if "plan" in params and name not in SLOW_ON_THE_CORPUS:
            yield case


@pytest.mark.parametrize("name, params", list(corpus_cases()))
def test_every_named_query_of_one_corpus_plan_answers_alike(request, kg_corpus, other_corpus, name, params):
    """Jena's answers are compared as sets: a triple that several plans' graphs hold (a shared place's
    label) is one triple of Jena's union default graph, as RDF merge says, but each graph's copy
    gives a row of its own on Oxigraph and Virtuoso, so that rows about shared places repeat there."""
    key = (name, tuple(sorted(params.items())))
    if key not in _REFERENCE:
        _REFERENCE[key] = rows(kg_corpus.query(name, **params))
    expect_virtuoso_failure(request, other_corpus, name, params, corpus=True, reference=_REFERENCE[key])
    expected, answer = _REFERENCE[key], rows(other_corpus.query(name, **params))
    if other_corpus.engine_name == "endpoint":
        assert answer == expected
    else:
        assert set(answer) == set(expected)
