"""ExportFormat: names, extensions, parsing."""

from __future__ import annotations

import pytest

import plankg
from plankg.exports import ExportFormat


def test_every_format_of_the_issue_is_there_with_its_extension():
    assert {f.value: f.extension for f in ExportFormat} == {
        "turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "graphml": ".graphml", "gexf": ".gexf",
        "cytoscape": ".cyjs", "dot": ".dot", "csv": ".csv", "mermaid": ".mmd", "html": ".html",
        "xlsx": ".xlsx", "csvdir": "",
    }


def test_workbook_formats_are_told_apart():
    assert [f.value for f in ExportFormat if f.is_workbook] == ["xlsx", "csvdir"]


def test_rdf_formats_are_told_apart_from_graph_formats():
    assert [f.value for f in ExportFormat if f.is_rdf] == ["turtle", "ntriples", "jsonld"]


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_parse_and_from_path_round_trip(fmt):
    assert ExportFormat.parse(fmt.value.upper()) is fmt
    if fmt.extension:  # csvdir is a folder: no extension names it
        assert ExportFormat.from_path(f"out/kunshan{fmt.extension}") is fmt
    assert fmt.media_type and fmt.tools


def test_graphviz_gv_extension_is_dot():
    assert ExportFormat.from_path("plan.gv") is ExportFormat.DOT


def test_unknown_format_is_an_export_error_listing_the_formats():
    with pytest.raises(plankg.ExportError, match="unknown export format 'pdf'.*graphml"):
        ExportFormat.parse("pdf")
    with pytest.raises(plankg.ExportError, match="extension '.pdf'"):
        ExportFormat.from_path("plan.pdf")
