"""Which variables a given optional parameter fixes, read from the algebra (plankg.sparql.implied)."""

import sys
from pathlib import Path

import pytest

from plankg.sparql.implied import implied_bindings
from plankg.sparql.text import declare_prefixes

import plankg

FILTER = "FILTER(?plan = COALESCE(?__plan_iri, ?plan))"
HEAD = "PREFIX p: <urn:p:> SELECT ?plan ?t $__plan_iri WHERE { "


def test_every_plan_query_whose_filter_is_on_its_outer_group_fixes_plan():
    kg = plankg.load()
    fixed, as_written = [], []
    library = plankg.QueryLibrary()
    for name in library:
        if any(p.name == "plan" for p in library[name].parameters):
            implied = implied_bindings(declare_prefixes(library[name].text, kg.prefixes))
            (fixed if implied == {"plan": "__plan_iri"} else as_written).append(name)
    # The six whose ?plan is a subquery's GROUP BY key are fixed too: every one of the 32 is.
    assert as_written == []
    assert len(fixed) == 32


@pytest.mark.parametrize("body", [
    "GRAPH ?g { ?plan a p:Plan . ?t a p:Task } " + FILTER,
    "?t a p:Task . { ?plan p:x ?t } UNION { ?plan p:y ?t } " + FILTER + " FILTER(BOUND(?t))",
    "?plan a p:Plan . ?t p:of ?plan FILTER NOT EXISTS { ?plan p:gone true } " + FILTER,
])
def test_a_certainly_bound_plan_is_fixed(body):
    assert implied_bindings(HEAD + body + " }") == {"plan": "__plan_iri"}


@pytest.mark.parametrize("body, why", [
    ("?t a p:Task OPTIONAL { ?t p:of ?plan } " + FILTER, "unbound in some rows: the filter drops them"),
    ("{ ?plan a p:Plan } UNION { ?t a p:Task } " + FILTER, "bound by one branch only"),
    ("?t a p:Task BIND(?t AS ?plan) " + FILTER, "assigned"),
    ("?plan a p:Plan . ?t a p:Task MINUS { ?plan p:gone true } " + FILTER, "in a MINUS"),
    ("?plan a p:Plan . ?t a p:Task { SELECT ?t WHERE { ?plan p:has ?t } } " + FILTER, "a subquery's own ?plan"),
    ("?plan a p:Plan . ?t a p:Task VALUES ?plan { p:a } " + FILTER, "in VALUES"),
    ("?plan a p:Plan . ?t a p:Task FILTER(?plan = COALESCE(?__plan_iri, ?t))", "not the same variable"),
    ("?plan a p:Plan . ?t a p:Task FILTER(?plan = COALESCE(?__plan_iri, ?plan) || true)", "a disjunction"),
    ("?plan a p:Plan . { ?t a p:Task " + FILTER + " }", "an inner group's filter"),
    ("{ SELECT ?plan ?t WHERE { ?plan p:has ?t } LIMIT 1 } " + FILTER, "a subquery's LIMIT would keep other rows"),
    ("{ SELECT ?plan ?t WHERE { ?plan p:has ?t } ORDER BY ?t OFFSET 1 } " + FILTER, "so would its OFFSET"),
    ("{ SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x } GROUP BY ?plan LIMIT 1 } " + FILTER,
     "a grouped subquery's LIMIT"),
    ("{ SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x } GROUP BY ?plan HAVING(COUNT(?x) > 1) } " + FILTER,
     "a HAVING is not passed through"),
    ("{ SELECT (SAMPLE(?y) AS ?plan) (COUNT(?x) AS ?t) WHERE { ?y p:has ?x } } " + FILTER,
     "an aggregate of every row, not a group key"),
    ("{ SELECT (MAX(?y) AS ?plan) (COUNT(?x) AS ?t) WHERE { ?y p:has ?x } GROUP BY ?x } " + FILTER,
     "an aggregate over groups of another key"),
    ("{ SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?y p:has ?x } GROUP BY (?y AS ?plan) } " + FILTER,
     "a key assigned with AS"),
    ("{ SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?y p:has ?x OPTIONAL { ?y p:of ?plan } } GROUP BY ?plan } " + FILTER,
     "a key the grouped rows may leave unbound"),
    ("{ SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x MINUS { ?plan p:gone ?x } } GROUP BY ?plan } " + FILTER,
     "a key in the grouped rows' MINUS"),
])
def test_otherwise_the_query_runs_as_written(body, why):
    assert implied_bindings(HEAD + body + " }") == {}, why


@pytest.mark.parametrize("subquery", [
    "SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x } GROUP BY ?plan",
    "SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x OPTIONAL { ?x p:of ?y } } GROUP BY ?plan ?y",
    "SELECT ?plan ?t WHERE { { SELECT ?plan (COUNT(?x) AS ?t) WHERE { ?plan p:has ?x } GROUP BY ?plan } }",
    "SELECT DISTINCT ?plan ?t WHERE { ?plan p:has ?t }",
])
def test_a_plan_a_subquery_groups_by_is_fixed(subquery):
    # Each group of one plan holds the same rows, and the same aggregates, whether the plan is bound first.
    assert implied_bindings(HEAD + "{ " + subquery + " } " + FILTER + " }") == {"plan": "__plan_iri"}


@pytest.fixture(scope="module")
def corpus_kg(tmp_path_factory):
    """Eight synthetic plans that share places and indicators (benchmarks/synthetic.py), on embedded Oxigraph."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import write_synthetic_corpus

    return plankg.load([write_synthetic_corpus(tmp_path_factory.mktemp("corpus"), plans=8, seed=4)])


PLAN_QUERIES = sorted(name for name, named in plankg.QueryLibrary().items()
                      if [p.name for p in named.parameters] == ["plan"])


@pytest.mark.parametrize("name", PLAN_QUERIES)
def test_one_plans_rows_are_the_rows_the_filter_keeps_on_a_corpus(corpus_kg, name):
    # With ?plan bound as well (grouped subqueries included), each plan keeps exactly its own rows and counts.
    def rows(answer):  # the parameter's own column echoes the plan given, or is unbound
        return [{k: v for k, v in row.values().items() if k != "__plan_iri"} for row in answer]

    whole = rows(corpus_kg.query(name))
    if name in ("analysis-declared-counts", "analysis-targets", "corpus-plan-counts", "corpus-plan-coverage",
                "corpus-shared-indicators", "corpus-shared-places"):  # ?plan is a subquery's GROUP BY key
        assert whole
    for info in corpus_kg.plans:
        own = rows(corpus_kg.query(name, plan=info.prefix))
        assert own == [row for row in whole if row["plan"] == info.iri], info.prefix


def test_a_plan_the_query_does_not_project_is_not_fixed():
    query = "PREFIX p: <urn:p:> SELECT ?t $__plan_iri WHERE { ?plan a p:Plan . ?t p:of ?plan " + FILTER + " }"
    assert implied_bindings(query) == {}


def test_a_query_that_does_not_parse_implies_nothing():
    assert implied_bindings("SELECT ?plan WHERE { ") == {}


def test_one_plans_rows_on_oxigraph_are_the_rows_the_filter_keeps(kg_plans):
    # The engine binds ?plan as well; the answer is the whole answer's rows of that plan.
    whole = kg_plans.query("targets")
    for info in kg_plans.plans:
        own = kg_plans.query("targets", plan=info.prefix)
        kept = [row for row in whole if row.value("plan") == info.iri]
        assert [row.value("target") for row in own] == [row.value("target") for row in kept]
        assert [row.value("value") for row in own] == [row.value("value") for row in kept]
    assert len(kg_plans.query("targets", plan="ks")) == 11


def test_the_algebra_is_read_under_rdflibs_parse_lock():
    # pyparsing is not thread-safe; queries run side by side in threads (plankg.sparql.sidebyside)
    import threading

    from plankg.sparql.netguard import RDFLIB_PARSE_LOCK

    found = []
    query = HEAD + "?plan a p:Plan . ?t a p:Task " + FILTER + " } # read under the lock"
    with RDFLIB_PARSE_LOCK:
        reader = threading.Thread(target=lambda: found.append(implied_bindings(query)), daemon=True)
        reader.start()
        reader.join(0.5)
        assert reader.is_alive() and not found
    reader.join(30)
    assert found == [{"plan": "__plan_iri"}]
