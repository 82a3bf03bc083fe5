"""Observations out: SDMX-CSV and RDF Data Cube."""

from __future__ import annotations

import csv
import io

import rdflib

from plankg.tracking.sdmx import SDMX_COLUMNS, datacube_turtle, sdmx_csv

QB = rdflib.Namespace("http://purl.org/linked-data/cube#")
PLAN = rdflib.Namespace("https://w3id.org/plankg/ontology#")


def test_sdmx_csv_has_every_observation(kg):
    rows = list(csv.DictReader(io.StringIO(sdmx_csv(kg))))
    assert len(rows) == 39 and tuple(rows[0]) == SDMX_COLUMNS
    listed = [r for r in rows if r["INDICATOR"] == "listed-companies"]
    assert sorted((r["OBS_VALUE"], r["SOURCE_TYPE"]) for r in listed) == [("46", "official"), ("48", "low")]
    assert {r["DATAFLOW"] for r in rows} == {"PLANKG:KS_OBSERVATIONS(1.0)"}
    assert {r["OBS_STATUS"] for r in rows if r["EXPRESSION"].startswith("预计")} == {"P"}
    assert {r["TIME_PERIOD"] for r in rows} >= {"2020", "2024-S1", "2024-07", "2025-S1"}


def test_datacube_turtle_reads_back_as_a_cube(kg):
    graph = rdflib.Graph().parse(data=datacube_turtle(kg), format="turtle")
    observations = set(graph.subjects(rdflib.RDF.type, PLAN.Observation))
    assert len(observations) == 39
    assert all((o, QB.dataSet, None) in graph for o in observations)
    dsd = PLAN.ObservationStructure
    dimensions = {graph.value(c, QB.dimension) for c in graph.objects(dsd, QB.component)} - {None}
    assert dimensions == {PLAN.indicator, PLAN.refPeriod, PLAN.refArea, PLAN.source}
    assert (PLAN.refPeriod, rdflib.RDF.type, QB.DimensionProperty) in graph
