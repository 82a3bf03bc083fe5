"""A query's parameters, read from rdflib's parse tree (plankg.sparql.params.parameters_of)."""

import pytest

import plankg
from plankg.errors import ParameterError, QueryDefinitionError, QueryError
from plankg.sparql.params import parameters_of

EX = "PREFIX ex: <http://e/> "


def variables(query):
    return [p.variable for p in parameters_of(query)]


# Where reading the text (comments, strings and IRIs blanked) found the wrong parameters; each fails on it.
@pytest.mark.parametrize(
    "query, expected",
    [
        pytest.param(r"SELECT ?s WHERE { ?s ?p \u003F_place }", ["_place"], id="written with a \\u escape"),
        pytest.param(EX + r"SELECT ?s WHERE { ?s ex:a\?_b ?o }", [], id="an escaped ? in a prefixed name"),
        pytest.param(
            "SELECT ?s WHERE { ?s ?p ?o FILTER(?o<?_max_integer&&?o>0) }", ["_max_integer"], id="after < read as an IRI"
        ),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?q ?_other } } }", [], id="a subquery's own"),
        pytest.param(
            "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { { SELECT ?s { ?s ?q ?_other } } } }", [], id="a subquery's own in EXISTS"
        ),
    ],
)
def test_parameters_are_the_variables_of_the_parse_not_of_the_text(query, expected):
    assert variables(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?_label WHERE { ?s ?p ?o BIND(STR(?o) AS ?_label) }",
        "SELECT ?s (STR(?o) AS ?_label) WHERE { ?s ?p ?o }",
        "SELECT ?_label (COUNT(?s) AS ?n) WHERE { ?s ?p ?o } GROUP BY (STR(?o) AS ?_label)",
    ],
    ids=["BIND", "projection", "GROUP BY"],
)
def test_a_parameter_the_query_assigns_is_refused(query):
    # Reading the text took it for a parameter; bound from the start, SPARQL forbids assigning it.
    with pytest.raises(ParameterError, match=r"^the query assigns \?_label \(… AS \?_label\), so it cannot be a parameter"):
        parameters_of(query)


# Where reading the text was right already: kept so.
@pytest.mark.parametrize(
    "query, expected",
    [
        pytest.param('SELECT ?s WHERE { ?s ?p "?_a" , """x\n?_b""" }', [], id="in string literals"),
        pytest.param("SELECT ?s WHERE { ?s <http://e/?_a#?_b> ?o }", [], id="in an IRI"),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o } # ?_a", [], id="in a comment"),
        pytest.param(EX + "SELECT ?s WHERE { ?s ex:_foo ex:__bar }", [], id="prefixed names"),
        pytest.param('SELECT ?s WHERE { VALUES ?k { "?_a" } ?s ?p ?k }', [], id="in VALUES data"),
        pytest.param('SELECT ?s WHERE { VALUES ?_kind { "a" } ?s ?p ?_kind }', ["_kind"], id="VALUES variable"),
        pytest.param(
            "SELECT ?s WHERE { { SELECT ?s ?_other WHERE { ?s ?q ?_other } } }", ["_other"], id="projected by a subquery"
        ),
        pytest.param("SELECT ?s WHERE { { SELECT * WHERE { ?s ?q ?_other } } }", ["_other"], id="subquery SELECT *"),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s ?q $_bad } }", ["_bad"], id="in NOT EXISTS"),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o MINUS { ?s ?q ?_bad } }", ["_bad"], id="in MINUS"),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o BIND(?_x AS ?y) }", ["_x"], id="read by BIND"),
        pytest.param("SELECT ?___x ?_名 WHERE { ?s ?p ?___x , ?_名 }", [], id="not grlc's names"),
        pytest.param(
            "SELECT ?s ?__plan_iri WHERE { ?s ?p ?_b FILTER(?s = ?_a) } ORDER BY ?_a", ["__plan_iri", "_b", "_a"],
            id="in order of first use",
        ),
    ],
)
def test_parameters_where_the_text_was_read_right(query, expected):
    assert variables(query) == expected


def test_the_library_s_parameters_are_unchanged():
    found = {
        name: [(p.variable, p.name, p.kind, p.required) for p in query.parameters]
        for name, query in plankg.QueryLibrary().items()
        if query.parameters
    }
    plan = [("__plan_iri", "plan", "iri", False)]
    assert found.pop("tasks-by-area") == [("_area", "area", "literal", True)] + plan
    assert found.pop("places-involvement") == [("_place", "place", "literal", True)] + plan
    assert found.pop("targets-by-year") == [("_year_integer", "year", "integer", True)] + plan
    assert found.pop("label-search") == [("_term", "term", "literal", True)] + plan
    assert found.pop("provenance") == [("_entity_iri", "entity", "iri", True)]
    assert len(found) == 28 and all(params == plan for params in found.values())


def test_two_variables_of_one_name_keep_their_message():
    with pytest.raises(ParameterError, match=r"^parameter name\(s\) used by two variables: \['year'\]$"):
        parameters_of("SELECT ?s WHERE { ?s ?p ?_year ; ?q ?__year_integer }")


def test_a_query_rdflib_cannot_parse_is_a_query_error():
    with pytest.raises(QueryError, match="does not parse on rdflib"):
        parameters_of("SELECT ?s WHERE { ?s ?p ?_o ")


def test_a_query_without_parameters_is_not_parsed(monkeypatch):
    import plankg.sparql.parsetree as parsetree

    monkeypatch.setattr(parsetree, "outer_scope", None)  # would fail if called
    assert parameters_of("SELECT ?s WHERE { ?s ?p ?o } # not even { parsed") == ()


def test_a_named_query_that_does_not_parse_names_its_file_and_line(tmp_path):
    (tmp_path / "broken.rq").write_text("#+ summary: broken\nSELECT ?s\nWHERE { ?s ?p ?_o \n", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match=r"broken\.rq:4: the query does not parse on rdflib") as caught:
        plankg.QueryLibrary(tmp_path)["broken"].check()
    assert caught.value.line == 4


def test_an_ad_hoc_query_rdflib_cannot_parse_goes_to_the_engine(kg):
    with pytest.raises(QueryError) as caught:
        kg.sparql("SELECT ?s WHERE { ?s ?p ?_o ")
    assert "missing parameter" not in str(caught.value) and "rdflib" not in str(caught.value)
    with pytest.raises(QueryError, match="does not parse on rdflib"):
        kg.sparql("SELECT ?s WHERE { ?s ?p ?_o ", o="x")


def test_a_parameter_inside_a_subquery_it_does_not_project_is_not_asked_for(kg):
    query = "SELECT ?n WHERE { { SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a plan:Task OPTIONAL { ?t ?p ?_unused } } } }"
    assert kg.sparql(query)[0].value("n") == 25
