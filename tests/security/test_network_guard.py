"""Regression tests: queries reach no network unless allowed (issue 13, finding 2).

Each test starts its own loopback listener and asserts that nothing connects
to it: the old guard scanned the query's text and was walked around by
escapes, missing spaces and IRIs it could not read.
"""

from __future__ import annotations

import socket

import pytest

import plankg
from plankg.sparql import netguard


def _run_refused(kg, query: str, listener, error=plankg.NetworkNotAllowed):
    with pytest.raises(error):
        kg.sparql(query)
    assert listener.settle() == 0


# Bypasses of the old text scan on rdflib (which dereferences FROM).
RDFLIB_BYPASSES = {
    "escaped-S-of-SERVICE": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "escaped-I-of-SERVICE": "SELECT * WHERE { SERV\\u0049CE <{url}> { ?s ?p ?o } }",
    "escaped-F-of-FROM": "SELECT * \\u0046ROM <{url}> WHERE { ?s ?p ?o }",
    "FROM-without-space": "SELECT * FROM<{url}> WHERE { ?s ?p ?o }",
    "FROM-NAMED-without-space": "SELECT * FROM NAMED<{url}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "FROM-prefixed-name": "PREFIX r: <http://127.0.0.1:{port}/> SELECT * FROM r:sparql WHERE { ?s ?p ?o }",
    "long-s-SERVICE": "SELECT * WHERE { \u017fERVICE <{url}> { ?s ?p ?o } }",
}

# Bypasses of the old text scan on Oxigraph: SERVICE after text the scan misread.
OXIGRAPH_BYPASSES = {
    "escaped-hash-local-name": "PREFIX ex: <http://e/> SELECT * WHERE { { ?s ex:a\\#b ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "escaped-quote-local-name": "PREFIX ex: <http://e/> SELECT * WHERE { { ?s ex:a\\'b ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "escaped-IRI": "SELECT * WHERE { { ?s <http://e/\\u0041#> ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "IRI-with-no-break-space": "SELECT * WHERE { { ?s <http://e/\u00a0#> ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "IRI-with-ideographic-space": "SELECT * WHERE { { ?s <http://e/\u3000#> ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "IRI-with-line-separator": "SELECT * WHERE { { ?s <http://e/\u2028#> ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
}


def _fill(template: str, listener) -> str:
    return template.replace("{url}", listener.url).replace("{port}", str(listener.port))


@pytest.mark.parametrize("case", sorted(RDFLIB_BYPASSES))
def test_rdflib_bypass_of_the_text_scan_reaches_no_listener(kg_rdflib, listener, case):
    _run_refused(kg_rdflib, _fill(RDFLIB_BYPASSES[case], listener), listener)


@pytest.mark.parametrize("case", sorted(OXIGRAPH_BYPASSES))
def test_oxigraph_bypass_of_the_text_scan_reaches_no_listener(kg, listener, case):
    _run_refused(kg, _fill(OXIGRAPH_BYPASSES[case], listener), listener)


@pytest.mark.parametrize("case", sorted(OXIGRAPH_BYPASSES))
def test_oxigraph_bypass_reaches_no_listener_on_rdflib_either(kg_rdflib, listener, case):
    # Refused, or (for IRIs rdflib does not accept) a syntax error.
    _run_refused(kg_rdflib, _fill(OXIGRAPH_BYPASSES[case], listener), listener, error=plankg.QueryError)


@pytest.mark.skipif(not netguard.seccomp_available(), reason="needs Linux seccomp")
def test_service_that_only_oxigraph_reads_is_blocked_at_connect(kg, listener):
    # Oxigraph ends a comment at a carriage return, rdflib only at a line
    # feed: rdflib's parse sees no SERVICE here, Oxigraph runs one. The
    # query's thread cannot connect, whatever a parser reads.
    query = f"SELECT * WHERE {{ ?s ?p ?o # note\r SERVICE <{listener.url}> {{ ?a ?b ?c }}\n}} LIMIT 1"
    assert netguard.network_features(query) == ()
    _run_refused(kg, query, listener)


@pytest.mark.skipif(not netguard.seccomp_available(), reason="needs Linux seccomp")
def test_query_thread_cannot_connect_even_outside_python(listener):
    import pyoxigraph as ox

    from plankg.engines.bounded import run_stoppable

    def work(stop):
        return list(ox.Store().query(f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))

    with pytest.raises(plankg.NetworkNotAllowed):
        run_stoppable(work, timeout=10, allow_network=False, interrupt_python=False)
    assert listener.settle() == 0


def test_rdflib_socket_calls_are_refused_during_a_query_only(listener):
    from plankg.engines.bounded import run_stoppable

    def work(stop):
        socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()

    with pytest.raises(plankg.NetworkNotAllowed, match="tried to reach the network"):
        run_stoppable(work, timeout=10, allow_network=False, interrupt_python=True)
    assert listener.settle() == 0
    # The block is scoped to the query's thread: this thread still connects.
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    assert listener.settle() == 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service a plan:Task } LIMIT 2",
        "PREFIX ex: <http://e/> SELECT ?s WHERE { ?s ex:load ?o } LIMIT 2",
        "SELECT ?from WHERE { ?from rdfs:label 'SERVICE FROM LOAD' }",
        "SELECT ?s WHERE { ?s rdfs:label ?l } # SERVICE <http://127.0.0.1:9/>\nLIMIT 1",
    ],
    ids=["variable-named-service", "predicate-named-load", "keywords-in-a-string", "keyword-in-a-comment"],
)
@pytest.mark.parametrize("engine", ["kg", "kg_rdflib"])
def test_harmless_query_with_network_words_runs(request, engine, query):
    kg = request.getfixturevalue(engine)
    result = kg.sparql(query)
    assert len(result) <= 2


def test_variable_named_service_gets_real_rows(kg, kg_rdflib):
    query = "SELECT ?service WHERE { ?service a plan:Task } ORDER BY ?service LIMIT 2"
    expected = kg.sparql(query).column("service")
    assert len(expected) == 2
    assert kg_rdflib.sparql(query).column("service") == expected


def test_allow_network_lets_service_reach_the_listener(kg, listener):
    with pytest.raises(plankg.QueryError):
        kg.sparql(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", allow_network=True)
    assert listener.settle() >= 1


def test_feature_names_come_from_the_algebra():
    assert netguard.network_features("SELECT * FROM <http://e/a> FROM NAMED <http://e/b> { ?s ?p ?o }") == (
        "FROM",
        "FROM NAMED",
    )
    assert netguard.network_features("ASK { FILTER EXISTS { SERVICE <http://e/> { ?s ?p ?o } } }") == ("SERVICE",)
    assert netguard.network_features("LOAD <http://e/doc>") is None


def test_endpoint_query_with_service_is_refused_unless_allowed(kg_endpoint, listener):
    query = f"SELECT * WHERE {{ \\u0053ERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    _run_refused(kg_endpoint, query, listener)


def test_words_in_whole_line_comments_do_not_cost_a_parse():
    # provenance.rq says "comes from" in its header: no parse, so rdflib's
    # SPARQL parser is never imported on the Oxigraph query path.
    import subprocess
    import sys

    code = (
        "import sys; from plankg.cli import main\n"
        "try: main(['query', 'provenance', '-p', 'entity=ks:task/06', '--format', 'csv'])\n"
        "except SystemExit as e: assert not e.code, e.code\n"
        "print('RDFLIB', 'rdflib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "RDFLIB False"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE {\n# a note\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}",
        "SELECT * WHERE { ?s ?p '''\n# x''' . SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p ?o }\n# \\u000A SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }",
    ],
    ids=["carriage-return-ends-a-comment", "hash-inside-a-long-string", "escaped-line-feed-in-a-comment"],
)
def test_shortcut_never_skips_text_a_parser_could_read_as_service(query):
    assert netguard._may_reach_network(query)
