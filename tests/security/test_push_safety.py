"""Issue 13, finding 4, and issue 8's push rule, on a real Oxigraph server.

Concurrent pushes never interleave, content is verified (not only counted),
a killed push's leftovers are cleaned by ``--clean-staging``, and a graph
holding another plan's data is never replaced.
"""

import http.client
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import plankg
import plankg.publish.push as push_module
from helpers import edit, plan_copy, start_server
from plankg.cli import main
from plankg.engines.endpoint import EndpointEngine

KS = "https://w3id.org/plankg/kunshan-2022/"
KS_SOURCE, KS_CURATED = KS + "graph/source", KS + "graph/curated"
OTHER = "https://w3id.org/plankg/testcity-2025/"

DATASET = f"""@base <{OTHER}> .
@prefix plan:    <https://w3id.org/plankg/ontology#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix void:    <http://rdfs.org/ns/void#> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
@prefix vann:    <http://purl.org/vocab/vann/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<dataset> a void:Dataset , dcat:Dataset ;
    dcterms:title "测试市总体规划知识图谱"@zh , "Test city plan knowledge graph"@en ;
    foaf:primaryTopic <plan> ;
    void:uriSpace "{OTHER}" ;
    vann:preferredNamespacePrefix "tc" ;
    vann:preferredNamespaceUri "{OTHER}" .
"""
PLAN = f"""@base <{OTHER}> .
@prefix plan: <https://w3id.org/plankg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<plan> a plan:Plan ; rdfs:label "测试市总体规划"@zh , "Test city overall plan"@en .
<task/01> a plan:Task ; rdfs:label "建设示范区"@zh , "Build a demonstration area"@en .
"""
CURATED = f"""@base <{OTHER}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<task/01> rdfs:comment "分析人员的判断"@zh .
"""


@pytest.fixture
def server(tmp_path):
    server = start_server(tmp_path / "store")
    yield server
    server.stop()


@pytest.fixture
def second_plan(tmp_path) -> Path:
    """A minimal second plan with its own base, data set description and curated layer."""
    folder = tmp_path / "testcity-2025"
    (folder / "source").mkdir(parents=True)
    (folder / "curated").mkdir()
    (folder / "dataset.ttl").write_text(DATASET, encoding="utf-8")
    (folder / "source" / "plan.ttl").write_text(PLAN, encoding="utf-8")
    (folder / "curated" / "links.ttl").write_text(CURATED, encoding="utf-8")
    return folder


def store_url(server, graph: str) -> str:
    return f"{server.base}/store?{urllib.parse.urlencode({'graph': graph})}"


def canonical(server, graph: str) -> list[str]:
    """The graph's canonical N-Triples on the server (the data hold no blank nodes)."""
    request = urllib.request.Request(store_url(server, graph), headers={"Accept": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return []
        raise
    return sorted({f"{q.triple} ." for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)})


def local_canonical(kg, layer: str) -> list[str]:
    return sorted({f"{t} ." for f, triples in kg.triples.items() if f.layer.value == layer for t in triples})


def graphs(server) -> list[str]:
    rows = EndpointEngine(server.query_url).run("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", {})
    return sorted(row.value("g") for row in rows)


def push_cli(server, *args):
    return CliRunner().invoke(main, ["push", "--endpoint", server.query_url, *args])


# Issue 8: a graph holding another plan's data is never replaced.


def test_second_plan_pushed_onto_kunshans_graphs_is_refused_and_changes_nothing(server, second_plan):
    assert push_cli(server).exit_code == 0
    before = {g: canonical(server, g) for g in graphs(server)}
    result = push_cli(server, str(second_plan), "--graph", KS + "graph/")
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert "refusing to replace" in result.output
    assert KS + "plan" in result.output or KS + "dataset" in result.output  # names what it would overwrite
    assert {g: canonical(server, g) for g in graphs(server)} == before


def test_second_plan_pushed_with_default_options_leaves_kunshan_unchanged(server, second_plan):
    assert push_cli(server).exit_code == 0
    before = {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)}
    assert len(before[KS_SOURCE]) > 1000
    result = push_cli(server, str(second_plan))
    assert result.exit_code == 0, result.output  # to its own graphs, {uriSpace}graph/…
    assert f"<{OTHER}graph/source>" in result.output
    assert {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)} == before


def test_second_plan_pushed_to_its_own_graphs_is_fine_and_kunshan_unchanged(server, second_plan):
    assert push_cli(server).exit_code == 0
    before = {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)}
    result = push_cli(server, str(second_plan), "--graph", OTHER + "graph/")
    assert result.exit_code == 0, result.output
    assert {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)} == before
    second = plankg.load([second_plan])
    assert canonical(server, OTHER + "graph/source") == local_canonical(second, "source")
    assert canonical(server, OTHER + "graph/curated") == local_canonical(second, "curated")
    again = push_cli(server, str(second_plan), "--graph", OTHER + "graph/")  # its own data: replaced
    assert again.exit_code == 0, again.output


def test_another_plans_curated_layer_is_refused_though_it_names_no_plan(server, second_plan):
    assert push_cli(server).exit_code == 0
    before = canonical(server, KS_CURATED)
    assert not any("ontology#Plan" in line for line in before)  # only entities in Kunshan's IRI space
    result = push_cli(server, str(second_plan / "curated"), "--graph", KS + "graph/")
    assert result.exit_code == 2, result.output
    assert f"in the IRI space {KS}" in result.output
    assert canonical(server, KS_CURATED) == before


def test_a_plans_own_curated_folder_alone_may_replace_its_curated_graph(server, tmp_path):
    assert push_cli(server).exit_code == 0
    folder = plan_copy(tmp_path)
    edit(folder / "curated" / "links.ttl", "@base <https://w3id.org/plankg/kunshan-2022/> .",
         "@base <https://w3id.org/plankg/kunshan-2022/> .\n<task/01> <http://www.w3.org/2000/01/rdf-schema#comment> \"修订\" .")
    result = push_cli(server, str(folder / "curated"))
    assert result.exit_code == 0, result.output
    assert canonical(server, KS_CURATED) == local_canonical(plankg.load([folder]), "curated")


def test_the_same_plan_pushed_again_replaces_its_graphs(server, tmp_path):
    assert push_cli(server).exit_code == 0
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl", '"总体方案"@zh', '"总体方案(修订)"@zh')
    result = push_cli(server, str(folder))
    assert result.exit_code == 0, result.output
    assert canonical(server, KS_SOURCE) == local_canonical(plankg.load([folder]), "source")


# Finding 4: concurrent pushes, verified content, killed runs.


def test_concurrent_pushes_never_leave_a_mix(server, tmp_path):
    first = plankg.load()
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl", '"总体方案"@zh', '"总体方案(第二版)"@zh')
    edit(folder / "curated" / "links.ttl", "@base <https://w3id.org/plankg/kunshan-2022/> .",
         "@base <https://w3id.org/plankg/kunshan-2022/> .\n<task/01> <http://www.w3.org/2000/01/rdf-schema#comment> \"第二版\" .")
    second = plankg.load([folder])
    expected = {
        (tuple(local_canonical(kg, "source")), tuple(local_canonical(kg, "curated"))) for kg in (first, second)
    }
    assert len(expected) == 2
    for _ in range(6):
        outcomes = []

        def run(kg):
            try:
                outcomes.append(push_module.push(kg, server.query_url, timeout=60))
            except plankg.PushError as err:
                outcomes.append(err)

        threads = [threading.Thread(target=run, args=(kg,)) for kg in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(isinstance(o, list) for o in outcomes), outcomes  # the second waits for the first
        held = (tuple(canonical(server, KS_SOURCE)), tuple(canonical(server, KS_CURATED)))
        assert held in expected
        assert not [g for g in graphs(server) if "staging" in g or "lock" in g]


class AlteringProxy:
    """A loopback HTTP proxy to a server that rewrites one literal in every upload, keeping the count."""

    def __init__(self, target_base: str, old: bytes, new: bytes):
        import http.server

        target = urllib.parse.urlsplit(target_base)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if self.command == "PUT" and body:
                    body = body.replace(old, new)
                    proxy.altered += 1
                upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "content-length", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = do_PUT = _forward

            def log_message(self, *args):
                pass

        self.altered = 0
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.query_url = f"http://127.0.0.1:{self.server.server_port}/query"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_proxy_that_alters_a_literal_is_caught_and_nothing_replaced(server, kg):
    push_module.push(kg, server.query_url)
    before = {g: canonical(server, g) for g in graphs(server)}
    proxy = AlteringProxy(server.base, "总体方案".encode(), "总体规划".encode())
    try:
        with pytest.raises(plankg.PushError, match="differ"):
            push_module.push(kg, proxy.query_url)
    finally:
        proxy.close()
    assert proxy.altered >= 1
    assert {g: canonical(server, g) for g in graphs(server)} == before


def test_a_graph_changed_by_another_writer_during_the_push_is_not_replaced(server, kg, monkeypatch):
    push_module.push(kg, server.query_url)
    intruder = b"<https://w3id.org/plankg/kunshan-2022/x> <http://www.w3.org/2000/01/rdf-schema#label> \"written meanwhile\" .\n"
    real_serialize = push_module._serialize

    def serialize_while_someone_writes(triples):
        request = urllib.request.Request(
            store_url(server, KS_CURATED), data=intruder, method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )
        urllib.request.urlopen(request, timeout=30).close()
        return real_serialize(triples)

    monkeypatch.setattr(push_module, "_serialize", serialize_while_someone_writes)
    with pytest.raises(plankg.PushError, match="changed on the server"):
        push_module.push(kg, server.query_url)
    assert canonical(server, KS_CURATED) == [intruder.decode().strip()]
    assert not [g for g in graphs(server) if "staging" in g]


KILL_MIDWAY = """
import os, signal, sys
import plankg, plankg.publish.push as push_module
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
push_module._move = killed
push_module.push(plankg.load([sys.argv[2]]), sys.argv[1])
"""


def test_a_killed_push_leaves_graphs_whole_and_clean_staging_removes_its_leftovers(server, tmp_path):
    assert push_cli(server).exit_code == 0
    before = {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)}
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl", '"总体方案"@zh', '"总体方案(被中断)"@zh')
    done = subprocess.run([sys.executable, "-c", KILL_MIDWAY, server.query_url, str(folder)], capture_output=True)
    assert done.returncode == -9, done.stderr.decode()
    leftovers = [g for g in graphs(server) if g.startswith("urn:plankg:push:")]
    assert any(g.startswith("urn:plankg:push:staging:") for g in leftovers), leftovers
    assert {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)} == before

    blocked = push_cli(server, str(folder), "--timeout", "2")
    assert blocked.exit_code == 2, blocked.output
    assert "--clean-staging" in blocked.output
    assert {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)} == before

    cleaned = push_cli(server, "--clean-staging")
    assert cleaned.exit_code == 0, cleaned.output
    assert sorted(line.removeprefix("removed <").removesuffix(">") for line in cleaned.output.splitlines()) == sorted(leftovers)
    assert not [g for g in graphs(server) if g.startswith("urn:plankg:push:")]
    assert {g: canonical(server, g) for g in (KS_SOURCE, KS_CURATED)} == before

    result = push_cli(server, str(folder))
    assert result.exit_code == 0, result.output
    assert canonical(server, KS_SOURCE) == local_canonical(plankg.load([folder]), "source")


def test_clean_staging_also_removes_old_style_staging_graphs_and_nothing_else(server):
    assert push_cli(server).exit_code == 0
    old = KS_SOURCE + "-staging-" + "0123456789abcdef" * 2
    request = urllib.request.Request(
        store_url(server, old), data=b"<http://e/s> <http://e/p> <http://e/o> .\n", method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    urllib.request.urlopen(request, timeout=30).close()
    before = {g: canonical(server, g) for g in graphs(server) if g != old}
    cleaned = push_cli(server, "--clean-staging")
    assert cleaned.exit_code == 0, cleaned.output
    assert cleaned.output == f"removed <{old}>\n"
    assert {g: canonical(server, g) for g in graphs(server)} == before
    again = push_cli(server, "--clean-staging")
    assert again.output == "no staging graphs or lock on the server\n"
