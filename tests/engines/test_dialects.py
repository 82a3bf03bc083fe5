"""What plankg does about servers' answers and dialects: booleans, parameters written as constants."""

import json

import pyoxigraph as ox
import pytest

from plankg.engines.dialects import boolean_variables, standard_results
from plankg.engines.endpoint import bind_terms

XSD = "http://www.w3.org/2001/XMLSchema#"


def answer(**terms):
    return json.dumps({"head": {"vars": list(terms)}, "results": {"bindings": [terms]}}).encode()


def test_a_boolean_in_virtuoso_form_comes_back_canonical():
    body = answer(x={"type": "literal", "value": "1", "datatype": XSD + "boolean"})
    term = json.loads(standard_results(body, "SELECT ?x WHERE { ?s ?p ?x }"))["results"]["bindings"][0]["x"]
    assert term == {"type": "literal", "value": "true", "datatype": XSD + "boolean"}


def test_an_integer_is_a_boolean_only_where_the_query_binds_a_boolean_expression():
    query = "SELECT ?flag ?n WHERE { ?s ?p ?o BIND(EXISTS { ?o ?q ?r } AS ?flag) BIND(1 AS ?n) }"
    assert boolean_variables(query) == {"flag"}
    one = {"type": "literal", "value": "1", "datatype": XSD + "integer"}
    rows = json.loads(standard_results(answer(flag=dict(one), n=dict(one)), query))["results"]["bindings"][0]
    assert rows["flag"] == {"type": "literal", "value": "true", "datatype": XSD + "boolean"}
    assert rows["n"] == one


def test_an_answer_with_nothing_to_change_is_returned_byte_for_byte():
    body = answer(l={"type": "literal", "value": "花桥", "xml:lang": "zh"})
    assert standard_results(body, "SELECT ?l WHERE { ?s ?p ?l }") is body


@pytest.mark.parametrize("hostile", ['" } ; DROP ALL #', "花桥\"", "\\u0022 } #", "a\nb"])
def test_a_parameter_written_as_a_constant_stays_one_term(kg, hostile):
    query = "SELECT ?t $term WHERE { ?t rdfs:label ?l FILTER(STR(?l) = STR(?term)) }"
    text = bind_terms(query, {"term": ox.Literal(hostile)})
    assert "?term" not in text.split("WHERE", 1)[1]
    result = kg.sparql(text)
    assert len(result) == 0 and result.variables == ("t", "term")
    assert [r.value("term") for r in kg.sparql(bind_terms(query.replace("= STR", "!= STR"), {"term": ox.Literal(hostile)}))][:1] == [hostile]


def test_bind_terms_answers_as_values_does(kg):
    query = "SELECT ?t ?area WHERE { ?area plan:hasTask ?t } ORDER BY ?t"
    area = ox.NamedNode("https://w3id.org/plankg/kunshan-2022/area/03")
    bound = [r.as_dict() for r in kg.sparql(bind_terms(query, {"area": area}))]
    assert len(bound) == 3
    assert bound == [r.as_dict() for r in kg.sparql(query.replace("WHERE {", f"WHERE {{ VALUES ?area {{ {area} }}"))]
