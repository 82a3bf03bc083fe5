"""plankg.sparql.sidebyside: several named queries at once, the same results in the order asked."""

from __future__ import annotations

import pytest

import plankg
from plankg.sparql.sidebyside import query_side_by_side, run_side_by_side

CALLS = [("analysis-entities", {}), ("analysis-links", {}), ("plans", {}), ("tasks-by-area", {"area": "03"}),
         ("analysis-curated-links", {})]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_results_are_those_of_one_query_after_another_in_order(engine):
    kg = plankg.load(engine=engine)
    together = query_side_by_side(kg, CALLS)
    alone = [kg.query(name, **params) for name, params in CALLS]
    assert [r.variables for r in together] == [r.variables for r in alone]
    assert [r.records() for r in together] == [r.records() for r in alone]
    assert len(together[0]) > 100 and [row.value("task_label_zh") for row in together[3]] == [
        "注重制度创新", "深化产业合作", "扩大交流交往"]


def test_the_first_failing_query_in_order_is_the_error(kg):
    with pytest.raises(plankg.QueryError, match="no-such-query"):
        query_side_by_side(kg, [("plans", {}), ("no-such-query", {}), ("also-missing", {})])
    with pytest.raises(plankg.ParameterError):
        query_side_by_side(kg, [("tasks-by-area", {}), ("plans", {})])


class OneAtATime:
    """An engine a caller plugs in (as the Jena tests do): it notes how many queries run at once."""

    def __init__(self, engine):
        self.engine, self.running, self.most = engine, 0, 0

    def run(self, query, bindings, **options):
        import time

        self.running += 1
        self.most = max(self.most, self.running)
        time.sleep(0.05)
        try:
            return self.engine.run(query, bindings, **options)
        finally:
            self.running -= 1


def test_an_engine_plugged_in_gets_one_query_at_a_time():
    """Regression: the Jena engine of the engine tests answered another query when asked two at once."""
    kg = plankg.load()
    plugged = OneAtATime(kg.engine)
    kg.__dict__["engine"] = plugged
    results = query_side_by_side(kg, CALLS)
    assert plugged.most == 1
    assert [len(r) for r in results] == [len(plankg.load().query(name, **params)) for name, params in CALLS]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_jobs_give_their_values_in_order_and_each_tells_when_it_ended(engine):
    kg = plankg.load(engine=engine)
    ended = []
    names = ["analysis-links", "plans", "milestones"]
    values = run_side_by_side(kg, [lambda name=name: len(kg.query(name)) for name in names], done=ended.append)
    assert values == [len(kg.query(name)) for name in names] and values[1] == 1
    assert sorted(ended) == [0, 1, 2]

    def failing(message):
        raise ValueError(message)

    with pytest.raises(ValueError, match="first"):
        run_side_by_side(kg, [lambda: 1, lambda: failing("first"), lambda: failing("second")])
