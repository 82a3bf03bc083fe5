"""Fixtures shared by the test suite: the bundled plan, and real Oxigraph servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/helpers.py

import plankg  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: CI must install what tests need."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true: {report.longrepr}"


def oxigraph_binary() -> str:
    """Return the ``oxigraph`` server command (PyPI package ``oxigraph``)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        message = "the oxigraph server is not installed: pip install 'plankg[test]'"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running Oxigraph server on loopback."""

    process: subprocess.Popen
    base: str
    location: Path

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(location: Path, *, read_only: bool = False, port: int | None = None) -> Server:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers."""
    port = port or free_port()
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen(
        [oxigraph_binary(), command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                return Server(process, base, location)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph did not start within 30 s")


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
    location = tmp_path_factory.mktemp("oxigraph-plan")
    store = ox.Store(str(location))
    store.extend(kg.quads())
    store.flush()
    del store
    server = start_server(location, read_only=True)
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
def source_text() -> str:
    """The source text of the bundled plan (``shared/source`` beside the repository)."""
    repo = Path(__file__).resolve().parents[1]
    path = repo.parent / "shared" / "source" / "kunshan-overall-plan-2022.txt"
    if not path.exists():
        message = f"the source text is not at {path}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")
