"""The three engines answer alike, and parameters never change a query's shape."""

import pytest

import plankg

COUNT_TASKS = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }"


def test_every_engine_counts_the_25_tasks(any_kg):
    assert any_kg.sparql(COUNT_TASKS)[0].value("n") == 25


def test_endpoint_without_curated_layer_sees_no_curated_links(plan_server):
    kg = plankg.connect(plan_server.query_url, curated=False)
    rows = kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a plan:implements ?t }")
    assert rows[0].value("n") == 0


@pytest.mark.parametrize(
    "hostile",
    ['" } ; DROP ALL #', "\\u0022 } #", 'x" . ?s ?p ?o . FILTER("a', "花桥\n} #", "<http://e/>"],
)
def test_hostile_parameter_is_a_value_not_syntax(any_kg, hostile):
    query = "SELECT ?s ?_term WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?_term) }"
    result = any_kg.sparql(query, term=hostile)
    assert len(result) == 0


def test_iri_parameter_with_angle_bracket_is_refused(any_kg):
    with pytest.raises(plankg.ParameterError, match="expects an IRI"):
        any_kg.sparql("SELECT ?p ?_e_iri WHERE { ?_e_iri ?p ?o }", e="http://x/> } DROP ALL {")


def test_parameter_binds_on_every_engine(any_kg):
    query = "SELECT ?s ?_term WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?_term) }"
    rows = any_kg.sparql(query, term="花桥国际商务城")
    assert [r["s"].value for r in rows] == ["https://w3id.org/plankg/kunshan-2022/place/huaqiao"]


def test_network_features_are_refused_unless_allowed(kg):
    with pytest.raises(plankg.NetworkNotAllowed, match="SERVICE"):
        kg.sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_unreachable_endpoint_is_one_clear_error():
    kg = plankg.connect("http://127.0.0.1:9/query", timeout=2)
    with pytest.raises(plankg.EndpointError, match="cannot reach"):
        kg.sparql(COUNT_TASKS)


def test_an_endpoint_that_answers_html_is_one_clear_error(tmp_path):
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>login</html>")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        kg = plankg.connect(f"http://127.0.0.1:{server.server_port}/query", timeout=5)
        with pytest.raises(plankg.EndpointError, match="did not answer with SPARQL JSON"):
            kg.sparql(COUNT_TASKS)
    finally:
        server.shutdown()


def test_unbound_variables_keep_every_term_under_its_own_variable(any_kg):
    # Oxigraph's rows are read in the order of the projected variables, with None where unbound.
    query = """SELECT ?missing ?task ?nothing ?ordinal WHERE {
        ?task a plan:Task ; plan:ordinal ?ordinal .
        OPTIONAL { ?task plan:noSuchProperty ?missing }
        OPTIONAL { ?task plan:noSuchOtherProperty ?nothing }
    } ORDER BY ?task LIMIT 1"""
    row = any_kg.sparql(query)[0]
    assert row["missing"] is None and row["nothing"] is None
    assert row.value("task").startswith("http") and row["ordinal"] is not None
    assert [term is None for term in row] == [True, False, True, False]
