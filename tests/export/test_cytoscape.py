"""Cytoscape JSON (.cyjs) read by Cytoscape.js in Node."""

from __future__ import annotations

import json

import pytest
from export_readers import CHINESE, HOSTILE_COUNTS, HOSTILE_LABELS, KUNSHAN, run_node


@pytest.mark.parametrize("view", ["all", "places"])
def test_cytoscape_js_reads_counts_and_chinese_labels(exported, view):
    result = exported("cytoscape", view)
    read = run_node("read-cytoscape.js", result.path)
    assert read["version"] == "3.35.0"
    assert (read["nodes"], read["edges"]) == KUNSHAN[view]
    assert (read["nodesViaJson"], read["edgesViaJson"]) == KUNSHAN[view]
    assert read["danglingEdges"] == 0 and read["positioned"] == read["nodes"]
    assert CHINESE[view] in read["names"]
    assert read["names"] == read["labels"]
    assert "所任角色" in read["interactions"]  # plan:role (角色 alone was also the class plan:PlaceRole's word)


def test_cytoscape_desktop_fields(exported):
    document = json.loads(exported("cytoscape").path.read_text(encoding="utf-8"))
    assert document["format_version"] == "1.0" and document["data"]["name"]
    node = document["elements"]["nodes"][0]
    assert {"id", "name", "shared_name", "type", "label_zh", "label_en"} <= set(node["data"])
    assert set(node["position"]) == {"x", "y"}
    edge = document["elements"]["edges"][0]
    assert {"id", "source", "target", "interaction", "name"} <= set(edge["data"])


def test_hostile_labels_round_trip(hostile_exported):
    read = run_node("read-cytoscape.js", hostile_exported("cytoscape").path)
    assert (read["nodes"], read["edges"]) == HOSTILE_COUNTS
    assert sorted(read["names"]) == sorted(HOSTILE_LABELS.values())
