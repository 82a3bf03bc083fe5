"""Regression tests: ``plankg serve`` is no open proxy, stops queries, and cleans up (issue 13).

The Oxigraph server fetched any ``SERVICE`` URL for any client (server-side
request forgery), computed abandoned queries for ever (its ``--timeout-s``
was not passed), was orphaned with its store by ``kill -9`` of plankg, and
``--port 70000`` printed "serving at …:70000" before failing.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from helpers import free_port
from plankg.cli import main
from plankg.sparql.netguard import seccomp_available
from plankg.publish.serve import PlanServer, remove_stale_stores

CLI = str(Path(sys.executable).with_name("plankg"))

pytestmark = pytest.mark.skipif(not seccomp_available(), reason="serve without --allow-network needs Linux seccomp")


def _start(*extra: str):
    port = free_port()
    process = subprocess.Popen(
        [CLI, "serve", "--port", str(port), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "query?query=ASK%7B%7D", timeout=2).close()
            return process, base
        except OSError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def _stop(process):
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def _ask(base: str, query: str, timeout: float = 60):
    url = base + "query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def _outcome(base: str, query: str, timeout: float = 60) -> str:
    """Return "answered", "failed" (an HTTP error, or an answer cut short) or "no answer"."""
    try:
        _ask(base, query, timeout)
    except TimeoutError:
        return "no answer"
    except (urllib.error.HTTPError, ValueError, http.client.HTTPException):
        return "failed"
    return "answered"


def test_served_service_reaches_no_listener(listener):
    process, base = _start()
    try:
        assert _outcome(base, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}") == "failed"
        assert listener.settle() == 0
        # The server still answers ordinary queries.
        answer = _ask(base, "SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/plankg/ontology#Task> }")
        assert answer["results"]["bindings"][0]["n"]["value"] == "25"
    finally:
        _stop(process)


def test_served_service_reaches_the_listener_with_allow_network(listener):
    process, base = _start("--allow-network")
    try:
        _outcome(base, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        assert listener.settle() >= 1
    finally:
        _stop(process)
    assert "--allow-network: any client can make the server fetch URLs" in process.stderr.read()


def test_served_runaway_query_is_stopped_by_the_server_timeout():
    process, base = _start("--timeout", "2")
    try:
        runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        assert _outcome(base, runaway, timeout=60) == "failed"
        # Still serving.
        assert _ask(base, "ASK { ?s ?p ?o }")["boolean"] is True
    finally:
        _stop(process)


def _owned_store(pid: int) -> tuple[Path, int]:
    for folder in Path(tempfile.gettempdir()).glob("plankg-serve-*"):
        try:
            owners = [int(p) for p in (folder / "owners.pid").read_text().split()]
        except (OSError, ValueError):
            continue
        if owners[0] == pid:
            return folder, owners[1]
    raise AssertionError(f"no store of plankg process {pid}")


def _gone(pid: int, within: float = 20) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_kill_9_of_serve_takes_the_oxigraph_server_with_it():
    process, base = _start()
    folder, server_pid = _owned_store(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    try:
        assert _gone(server_pid), "the Oxigraph server outlived plankg"
    finally:
        try:
            os.kill(server_pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "query?query=ASK%7B%7D", timeout=2)
    # The next start removes the store the killed run left.
    assert folder.exists()
    assert folder in remove_stale_stores()
    assert not folder.exists()


def test_stores_of_running_servers_are_kept(kg):
    with PlanServer(kg, port=free_port()) as server:
        assert server.process is not None
        remove_stale_stores()
        assert Path(server._folder, "store").is_dir()


@pytest.mark.parametrize("port", ["70000", "0", "-1"])
def test_serve_bad_port_is_one_line_and_exit_2(port):
    result = CliRunner().invoke(main, ["serve", "--port", port])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # nothing claims to be serving
    assert result.stderr.strip().splitlines() == [
        f"plankg: error: port {port} is not a TCP port; use one from 1 to 65535"
    ]


def test_serve_beyond_loopback_warns_loudly():
    # 192.0.2.1 is a documentation address no machine holds: the bind fails,
    # so nothing listens beyond this machine during the test.
    done = subprocess.run(
        [CLI, "serve", "--host", "192.0.2.1", "--port", str(free_port())], capture_output=True, text=True, timeout=60
    )
    assert "plankg: WARNING: listening on 192.0.2.1, beyond this machine" in done.stderr
    assert done.returncode == 2


def test_loopback_is_read_from_the_addresses_a_host_names(kg):
    assert PlanServer(kg, host="127.0.0.1").loopback
    assert PlanServer(kg, host="::1").loopback
    assert PlanServer(kg, host="localhost").loopback
    assert not PlanServer(kg, host="0.0.0.0").loopback
    assert not PlanServer(kg, host="::").loopback
