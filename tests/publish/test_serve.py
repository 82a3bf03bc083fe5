"""``plankg serve``: a read-only SPARQL server over the plan, stopped by Ctrl-C."""

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import plankg
from helpers import default_signals, free_port


@pytest.fixture
def served():
    port = free_port()
    cli = str(Path(sys.executable).with_name("plankg"))
    process = subprocess.Popen(
        [cli, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=default_signals,
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.1)
    yield process, base
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)
    with pytest.raises(OSError):  # the Oxigraph server went with it
        urllib.request.urlopen(base + "query?query=ASK%7B%7D", timeout=2)


def test_serve_answers_queries_with_the_plan(served):
    _, base = served
    remote = plankg.connect(base + "query")
    rows = remote.sparql("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }")
    assert rows[0].value("n") == 25


def test_serve_default_graph_is_the_union_of_layers(served):
    _, base = served
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/plankg/ontology#implements> ?t }")
    request = urllib.request.Request(base + "query?query=" + query, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
    assert int(body.split()[-1]) > 0


@pytest.mark.parametrize(
    ("path", "data", "content_type"),
    [
        ("update", b"update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("store?default", b"<http://e/s> <http://e/p> <http://e/o> .", "application/n-triples"),
    ],
)
def test_serve_refuses_writes(served, path, data, content_type):
    _, base = served
    request = urllib.request.Request(base + path, data=data, method="POST", headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code in (403, 404, 405)
    remote = plankg.connect(base + "query")
    assert remote.sparql("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }")[0].value("n") == 25


def test_sigterm_stops_cleanly(served):
    process, _ = served
    process.terminate()
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "stopped" in out


def test_ctrl_c_stops_cleanly(served):
    process, base = served
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert f"serving the plan read-only at {base}" in out
    assert "stopped" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "query?query=ASK%7B%7D", timeout=2)
