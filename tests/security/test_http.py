"""Issue 13, finding 3: credentials stay with their origin, only http(s), one deadline per request."""

import base64

import pytest
from click.testing import CliRunner

import plankg
from fakehttp import redirect, results, trickle
from plankg.cli import main
from plankg.engines.endpoint import EndpointEngine

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SECRET = "s3cr3t-Pa55"


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def env_credentials(monkeypatch):
    monkeypatch.setenv("PLANKG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("PLANKG_ENDPOINT_PASSWORD", SECRET)


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_query_redirected_to_another_origin_sends_no_credentials_there(fake_server, env_credentials, code):
    other = fake_server(results)
    first = fake_server(redirect(other.base + "/query", code))
    with pytest.raises(plankg.EndpointError, match="another origin"):
        EndpointEngine(first.base + "/query", timeout=5).run(QUERY, {})
    assert first.authorizations() == [basic("ann", SECRET)]
    assert other.received == []


def test_url_credentials_are_not_carried_to_another_origin(fake_server):
    other = fake_server(results)
    first = fake_server(redirect(other.base + "/query"))
    url = first.base.replace("http://", f"http://ann:{SECRET}@") + "/query"
    result = CliRunner().invoke(main, ["sparql", "--endpoint", url, "-", "--timeout", "5"], input=QUERY)
    assert result.exit_code == 2, result.output
    assert other.received == []
    assert SECRET not in result.output


def test_push_redirected_to_another_origin_sends_no_credentials_there(fake_server, env_credentials):
    other = fake_server(results)
    first = fake_server(redirect(other.base + "/anything"))
    result = CliRunner().invoke(main, ["push", "--endpoint", first.base + "/query", "--timeout", "5"])
    assert other.received == []
    assert result.exit_code == 2, result.output
    assert "another origin" in result.output


def test_same_origin_redirect_is_followed_with_credentials(fake_server, env_credentials):
    def answer(handler):
        if handler.path == "/old":
            redirect("/query", 307)(handler)
        else:
            results(handler)

    fake = fake_server(answer)
    rows = EndpointEngine(fake.base + "/old", timeout=5).run(QUERY, {})
    assert rows[0].value("n") == 1
    assert [(method, path) for method, path, _ in fake.received] == [("POST", "/old"), ("POST", "/query")]
    assert fake.authorizations() == [basic("ann", SECRET)] * 2


@pytest.mark.parametrize("code", [301, 302, 303])
def test_a_post_redirected_within_the_origin_by_301_to_303_is_a_clear_error(fake_server, code):
    def answer(handler):
        redirect("/query", code)(handler) if handler.path == "/old" else results(handler)

    fake = fake_server(answer)
    with pytest.raises(plankg.EndpointError, match=f"answered HTTP {code}, moved to {fake.base}/query; give that address"):
        EndpointEngine(fake.base + "/old", timeout=5).run(QUERY, {})
    assert [path for _, path, _ in fake.received] == ["/old"]


@pytest.mark.parametrize("command", [["sparql", "-"], ["push"]])
@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/query", "gopher://127.0.0.1:70/"])
def test_only_http_and_https_endpoints(command, url):
    args = [command[0], "--endpoint", url, *command[1:]]
    result = CliRunner().invoke(main, args, input=QUERY)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert "only http and https" in result.output
    assert "root:" not in result.output


def test_credentials_in_the_url_go_into_the_header_not_the_request_line(fake_server):
    fake = fake_server(results)
    url = fake.base.replace("http://", "http://ann:p%40ss%3Aword@") + "/query"
    kg = plankg.connect(url, timeout=5)
    assert kg.sparql(QUERY)[0].value("n") == 1
    # Two requests: finding the plans on the endpoint, then the query.
    assert len(fake.received) == 2
    for method, path, headers in fake.received:
        assert (method, path) == ("POST", "/query")
        assert headers["Authorization"] == basic("ann", "p@ss:word")
        assert "ann" not in headers["Host"]


def test_credentials_in_the_url_override_the_environment(fake_server, env_credentials):
    fake = fake_server(results)
    url = fake.base.replace("http://", "http://bob:other@") + "/query"
    EndpointEngine(url, timeout=5).run(QUERY, {})
    assert fake.authorizations() == [basic("bob", "other")]


@pytest.mark.parametrize("command", [["sparql", "-"], ["push"], ["push", "--clean-staging"]])
def test_credentials_in_the_url_are_never_printed(command):
    url = f"http://ann:{SECRET}@127.0.0.1:9/query"
    result = CliRunner().invoke(main, [command[0], "--endpoint", url, *command[1:], "--timeout", "2"], input=QUERY)
    assert result.exit_code == 2, result.output
    assert "127.0.0.1:9" in result.output
    assert SECRET not in result.output and "ann:" not in result.output


def test_bad_port_with_credentials_is_one_line_without_them():
    result = CliRunner().invoke(main, ["sparql", "--endpoint", f"http://ann:{SECRET}@host:po/query", "-"], input=QUERY)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert SECRET not in result.output


def test_endpoint_engine_repr_and_url_hold_no_credentials():
    engine = EndpointEngine(f"http://ann:{SECRET}@127.0.0.1:9/query")
    assert engine.url == "http://127.0.0.1:9/query"
    assert SECRET not in repr(engine) and SECRET not in repr(engine.address)


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(fake_server, headers_too):
    fake = fake_server(trickle(1.0, headers_too=headers_too))
    with pytest.raises(plankg.EndpointError, match="did not answer within 1.5 s"):
        EndpointEngine(fake.base + "/query", timeout=1.5).run(QUERY, {})


def test_push_to_a_trickling_server_is_cut_off_at_the_deadline(fake_server):
    fake = fake_server(trickle(1.0, headers_too=False))
    result = CliRunner().invoke(main, ["push", "--endpoint", fake.base + "/query", "--timeout", "1.5"])
    assert result.exit_code == 2, result.output
    assert "did not answer within 1.5 s" in result.output


def test_the_deadline_covers_redirects(fake_server):
    from plankg.http import request

    def answer(handler):
        trickle(1.0, headers_too=False)(handler) if handler.path == "/query" else redirect("/query", 307)(handler)

    fake = fake_server(answer)
    with pytest.raises(plankg.EndpointError, match="did not answer within"):
        request(fake.base + "/start", method="POST", body=b"x", timeout=1.5)
    assert [path for _, path, _ in fake.received] == ["/start", "/query"]


def test_address_refuses_a_url_without_host():
    from plankg.http import address

    with pytest.raises(plankg.EndpointError, match="names no host"):
        address("http:///query")


def test_a_get_redirected_within_the_origin_is_followed(fake_server, env_credentials):
    from plankg.http import request

    def answer(handler):
        redirect("/store?graph=x", 301)(handler) if handler.path == "/old" else results(handler)

    fake = fake_server(answer)
    response = request(fake.base + "/old", timeout=5)
    assert response.ok and response.url == fake.base + "/store?graph=x"
    assert fake.authorizations() == [basic("ann", SECRET)] * 2


def test_a_plan_graph_on_an_endpoint_shows_no_credentials():
    kg = plankg.connect(f"http://ann:{SECRET}@127.0.0.1:9/query")
    assert SECRET not in repr(kg) and "ann" not in repr(kg)
    assert "endpoint=http://127.0.0.1:9/query" in repr(kg)
