"""Fixtures shared by the test suite: the bundled plan, and real Oxigraph servers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/helpers.py

import plankg  # noqa: E402
from helpers import IN_CI, plan_folders, serve_graph  # noqa: E402


def pytest_configure(config):
    """A cache folder of the run's own (plankg.sparql.parsecache), set before test modules are read:
    what a query's parse gave is read again, never taken from an earlier run or the user's cache.
    A ``PLANKG_STORE`` in the user's shell is dropped: the tests say which store they mean."""
    import tempfile

    os.environ.pop("PLANKG_STORE", None)
    config._plankg_cache = tempfile.TemporaryDirectory(prefix="plankg-cache-")
    os.environ["PLANKG_CACHE_DIR"] = config._plankg_cache.name


def pytest_unconfigure(config):
    if hasattr(config, "_plankg_cache"):
        config._plankg_cache.cleanup()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: CI must install what tests need."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true: {report.longrepr}"


@pytest.fixture(scope="session")
def kg() -> plankg.PlanGraph:
    """The bundled plan with its curated layer, on embedded Oxigraph."""
    return plankg.load()


@pytest.fixture(scope="session")
def kg_rdflib() -> plankg.PlanGraph:
    """The bundled plan with its curated layer, on rdflib."""
    return plankg.load(engine="rdflib")


@pytest.fixture(scope="session")
def plan_server(tmp_path_factory, kg) -> Server:
    """A read-only Oxigraph server holding the bundled plan in its layers' graphs."""
    server = serve_graph(kg, tmp_path_factory.mktemp("oxigraph-plan"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def kg_endpoint(plan_server) -> plankg.PlanGraph:
    """The bundled plan queried through a real SPARQL endpoint."""
    return plankg.connect(plan_server.query_url)


@pytest.fixture(params=["oxigraph", "rdflib", "endpoint"])
def any_kg(request) -> plankg.PlanGraph:
    """The bundled plan on each of the three engines in turn."""
    return request.getfixturevalue({"oxigraph": "kg", "rdflib": "kg_rdflib", "endpoint": "kg_endpoint"}[request.param])


@pytest.fixture(scope="session")
def kg_plans() -> plankg.PlanGraph:
    """Every plan loaded together (the bundled ones and the test plan), on embedded Oxigraph."""
    return plankg.load(plan_folders())


@pytest.fixture(scope="session")
def kg_plans_rdflib() -> plankg.PlanGraph:
    """Every plan loaded together, on rdflib."""
    return plankg.load(plan_folders(), engine="rdflib")


@pytest.fixture(scope="session")
def plans_server(tmp_path_factory, kg_plans) -> Server:
    """A read-only Oxigraph server holding every plan, each in its own graphs."""
    server = serve_graph(kg_plans, tmp_path_factory.mktemp("oxigraph-plans"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def kg_plans_endpoint(plans_server) -> plankg.PlanGraph:
    """Every plan queried through a real SPARQL endpoint."""
    return plankg.connect(plans_server.query_url)


@pytest.fixture(params=["oxigraph", "rdflib", "endpoint"])
def any_kg_plans(request) -> plankg.PlanGraph:
    """Every plan loaded together, on each of the three engines in turn."""
    names = {"oxigraph": "kg_plans", "rdflib": "kg_plans_rdflib", "endpoint": "kg_plans_endpoint"}
    return request.getfixturevalue(names[request.param])


@pytest.fixture(scope="session")
def kg_alone() -> dict[str, plankg.PlanGraph]:
    """Each plan loaded on its own, by prefix (what a plan-filtered answer must equal)."""
    alone = {}
    for folder in plan_folders():
        kg = plankg.load([folder])
        (info,) = kg.plans
        alone[info.prefix] = kg
    return alone


@pytest.fixture(scope="session")
def source_text() -> str:
    """The source text of the bundled plan (``shared/source`` beside the repository)."""
    repo = Path(__file__).resolve().parents[1]
    path = repo.parent / "shared" / "source" / "kunshan-overall-plan-2022.txt"
    if os.environ.get("PLANKG_SOURCE_TEXT"):  # a checkout elsewhere (a git worktree, say)
        path = Path(os.environ["PLANKG_SOURCE_TEXT"])
    if not path.exists():
        message = f"the source text is not at {path}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")
