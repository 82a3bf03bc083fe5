"""``plankg push`` to a real Oxigraph server: layers verified, failures lose nothing."""

import pytest
from click.testing import CliRunner

import plankg
import plankg.publish.push as push_module
from helpers import start_server
from helpers import edit, plan_copy
from plankg.cli import main
from plankg.engines.endpoint import EndpointEngine

SOURCE_GRAPH = "https://w3id.org/plankg/kunshan-2022/graph/source"


@pytest.fixture
def server(tmp_path):
    server = start_server(tmp_path / "store")
    yield server
    server.stop()


def graph_counts(url):
    """Triples per named graph on the server, over its whole dataset."""
    rows = EndpointEngine(url).run(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", {}
    )
    return {r["g"].value: r.value("n") for r in rows}


def test_push_publishes_each_layer_and_queries_come_back_alike(server, kg):
    pushed = push_module.push(kg, server.query_url)
    assert [p.layer for p in pushed] == ["ontology", "source", "curated"]
    counts = graph_counts(server.query_url)
    assert counts == {p.graph: p.triples for p in pushed}
    remote = plankg.connect(server.query_url)
    query = "SELECT ?t ?l WHERE { ?t a plan:Task ; rdfs:label ?l } ORDER BY ?t ?l"
    assert [r.as_dict() for r in remote.sparql(query)] == [r.as_dict() for r in kg.sparql(query)]


def test_push_again_replaces_rather_than_appends(server, kg, tmp_path):
    push_module.push(kg, server.query_url)
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl", '"总体方案"@zh', '"总体方案(修订)"@zh')
    changed = plankg.load([folder])
    pushed = push_module.push(changed, server.query_url)
    counts = graph_counts(server.query_url)
    assert counts[SOURCE_GRAPH] == next(p.triples for p in pushed if p.layer == "source")
    titles = plankg.connect(server.query_url).sparql("SELECT ?t WHERE { ks:plan plan:shortTitle ?t }")
    assert [r.value("t") for r in titles] == ["总体方案(修订)"]
    assert not any("staging" in g for g in counts)


def test_malformed_payload_leaves_old_graphs_whole(server, kg, monkeypatch):
    push_module.push(kg, server.query_url)
    before = graph_counts(server.query_url)
    monkeypatch.setattr(push_module, "_serialize", lambda triples: b"<not n-triples")
    with pytest.raises(plankg.PushError, match="unchanged"):
        push_module.push(kg, server.query_url)
    assert graph_counts(server.query_url) == before


def test_server_stopped_midway_leaves_old_graphs_whole(server, kg, monkeypatch, tmp_path):
    push_module.push(kg, server.query_url)
    before = graph_counts(server.query_url)
    real_move = push_module._move

    def stop_then_move(*args, **kwargs):
        server.stop()
        return real_move(*args, **kwargs)

    monkeypatch.setattr(push_module, "_move", stop_then_move)
    with pytest.raises(plankg.PushError, match="failed"):
        push_module.push(kg, server.query_url)
    restarted = start_server(server.location)
    try:
        after = graph_counts(restarted.query_url)
        assert {g: n for g, n in after.items() if not g.startswith("urn:plankg:push:")} == before
    finally:
        restarted.stop()


def test_cli_push_reports_each_layer(server):
    result = CliRunner().invoke(main, ["push", "--endpoint", server.query_url, "--no-curated"])
    assert result.exit_code == 0, result.output
    assert "ontology" in result.output and "source" in result.output and "curated" not in result.output
    assert "verified" in result.output


def test_cli_push_to_nothing_is_exit_2():
    result = CliRunner().invoke(main, ["push", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "2"])
    assert result.exit_code == 2
    assert result.output.startswith("plankg: error: pushing the ontology layer failed")


def test_a_replacement_applied_in_part_is_put_back(server, kg, tmp_path, monkeypatch):
    """Virtuoso applies an update's operations one by one: a request that fails midway leaves some
    graphs replaced; push puts each back as it read it under the lock."""
    push_module.push(kg, server.query_url)
    before = graph_counts(server.query_url)
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl", '"总体方案"@zh', '"总体方案(修订)"@zh')
    changed = plankg.load([folder])

    def move_one_then_fail(srv, pairs, run):
        staging, target = pairs[1]  # the source layer
        srv.update(f"DROP SILENT GRAPH <{target}> ; ADD <{staging}> TO <{target}>")
        raise plankg.EndpointError("the server stopped answering midway")

    monkeypatch.setattr(push_module, "_move", move_one_then_fail)
    with pytest.raises(plankg.PushError, match="put back as it was"):
        push_module.push(changed, server.query_url)
    assert graph_counts(server.query_url) == before
    titles = plankg.connect(server.query_url).sparql("SELECT ?t WHERE { ks:plan plan:shortTitle ?t }")
    assert [r.value("t") for r in titles] == ["总体方案"]
