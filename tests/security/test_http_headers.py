"""plankg reads Virtuoso's thousands of echoed headers on its own connections only (plankg.http)."""

import http.client
import subprocess
import sys

import pytest

from fakehttp import ONE_ROW
from plankg.engines.endpoint import EndpointEngine
from plankg.errors import EndpointError
from plankg.http import MAX_HEADERS, address, request


def many_headers(count: int, *, continue_first: bool = False):
    def answer(handler):
        if continue_first:
            handler.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Early: 1\r\n\r\n")
        handler.send_response(200)
        for number in range(count):
            handler.send_header(f"X-SPARQL-default-graph-uri-{number}", f"urn:plankg:graph:plan-{number:04}")
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.send_header("Content-Length", str(len(ONE_ROW)))
        handler.end_headers()
        handler.wfile.write(ONE_ROW)

    return answer


def test_importing_plankg_leaves_the_standard_librarys_header_limit_as_it_is():
    code = "import http.client as h; before = h._MAXHEADERS; import plankg, plankg.http, plankg.engines.endpoint; print(before, h._MAXHEADERS)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == out[1] == "100"
    assert http.client._MAXHEADERS == 100


@pytest.mark.parametrize("continue_first", [False, True], ids=["plain", "after-100-continue"])
def test_a_response_with_thousands_of_headers_reaches_plankg_whole(fake_server, continue_first):
    fake = fake_server(many_headers(4_500, continue_first=continue_first))
    answer = request(address(fake.base + "/query"), method="GET", headers={}, timeout=10)
    assert answer.ok and answer.body == ONE_ROW
    assert answer.headers["X-SPARQL-default-graph-uri-4499"] == "urn:plankg:graph:plan-4499"
    assert len([name for name in answer.headers if name.startswith("X-SPARQL-")]) == 4_500
    assert EndpointEngine(fake.base + "/query").run("SELECT ?n WHERE { ?s ?p ?n }", {}).variables == ("n",)


def test_the_same_response_is_refused_by_the_standard_librarys_own_client(fake_server):
    fake = fake_server(many_headers(4_500))
    connection = http.client.HTTPConnection("127.0.0.1", fake.server.server_port, timeout=10)
    try:
        connection.request("GET", "/query")
        with pytest.raises(http.client.HTTPException, match="got more than 100 headers"):
            connection.getresponse()
    finally:
        connection.close()


def test_past_plankgs_own_limit_a_response_is_an_endpoint_error(fake_server):
    fake = fake_server(many_headers(MAX_HEADERS + 1))
    with pytest.raises(EndpointError, match=r"got more than 10,000 headers"):
        request(address(fake.base + "/query"), method="GET", headers={}, timeout=10)
