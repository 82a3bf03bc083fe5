"""Regression tests: a parameter gets the same answer on both engines (issue 13, low findings).

An integer parameter beyond 64 bits matched nothing on Oxigraph (which keeps
xsd:integer in 64 bits) and 11 targets on rdflib; decimals beyond
Oxigraph's 128-bit range, or written as ``1E-18``, differed the same way.
Such values are now one clear error on every engine.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main

INTEGER_LIMITS = ["9223372036854775807", "-9223372036854775808"]
INTEGER_BEYOND = ["9223372036854775808", "-9223372036854775809", "99999999999999999999"]
DECIMAL_BEYOND = ["170141183460469231731.687303715884105728", "0.0000000000000000001", "-1e30"]


@pytest.mark.parametrize("year", INTEGER_BEYOND)
@pytest.mark.parametrize("engine", ["kg", "kg_rdflib"])
def test_out_of_range_integer_parameter_is_refused_on_both_engines(request, engine, year):
    kg = request.getfixturevalue(engine)
    with pytest.raises(plankg.ParameterError, match=r"parameter 'year': .* is out of range; integers go from"):
        kg.query("targets-by-year", year=year)


@pytest.mark.parametrize("year", INTEGER_LIMITS + ["2025"])
def test_integer_parameter_in_range_answers_alike(kg, kg_rdflib, year):
    a = kg.query("targets-by-year", year=year)
    b = kg_rdflib.query("targets-by-year", year=year)
    assert len(a) == len(b)
    assert sorted(a.column("target")) == sorted(b.column("target"))


@pytest.mark.parametrize("value", DECIMAL_BEYOND)
def test_out_of_range_decimal_parameter_is_refused(kg, value):
    with pytest.raises(plankg.ParameterError, match="is out of range; decimals go up to"):
        kg.sparql("SELECT ?_v_decimal WHERE {}", v=value)


@pytest.mark.parametrize("value", ["0.000000000000000001", "1.10000000000000000000000", "1E+2", "-12.5"])
def test_decimal_parameter_answers_alike(kg, kg_rdflib, value):
    query = "SELECT ?_v_decimal (?_v_decimal > 0 AS ?positive) WHERE {}"
    a, b = kg.sparql(query, v=value), kg_rdflib.sparql(query, v=value)
    assert a[0].value("positive") is not None
    assert a[0].value("positive") == b[0].value("positive")
    assert a[0]["_v_decimal"] == b[0]["_v_decimal"]


def test_out_of_range_integer_on_the_command_line_is_one_line():
    result = CliRunner().invoke(main, ["query", "targets-by-year", "-p", "year=99999999999999999999"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        "plankg: error: parameter 'year': 99999999999999999999 is out of range; "
        "integers go from -9223372036854775808 to 9223372036854775807"
    ]
