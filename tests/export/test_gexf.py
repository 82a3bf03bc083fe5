"""GEXF parsed as XML and read by NetworkX: colours by type, sizes by degree, a layout."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from export_readers import CHINESE, HOSTILE_COUNTS, HOSTILE_LABELS, KUNSHAN

from plankg.exports.palette import COLORS

NS = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_xml_counts_colours_sizes_and_positions(exported, view):
    result = exported("gexf", view)
    root = ET.parse(result.path).getroot()
    assert root.get("version") == "1.2"
    nodes = root.findall("g:graph/g:nodes/g:node", NS)
    edges = root.findall("g:graph/g:edges/g:edge", NS)
    assert (len(nodes), len(edges)) == KUNSHAN[view]
    assert CHINESE[view] in {n.get("label") for n in nodes}
    titles = {a.get("id"): a.get("title") for a in root.findall("g:graph/g:attributes[@class='node']/g:attribute", NS)}
    degree = {}
    for edge in edges:
        for end in (edge.get("source"), edge.get("target")):
            degree[end] = degree.get(end, 0) + 1
    colours, points = {}, set()
    for node in nodes:
        values = {titles[v.get("for")]: v.get("value") for v in node.findall("g:attvalues/g:attvalue", NS)}
        colour = node.find("viz:color", NS)
        rgb = "#{:02X}{:02X}{:02X}".format(*(int(colour.get(c)) for c in "rgb"))
        assert rgb == COLORS[values["type"]]
        colours.setdefault(values["type"], set()).add(rgb)
        size = float(node.find("viz:size", NS).get("value"))
        assert size == pytest.approx(min(60, 10 + 6 * math.sqrt(degree.get(node.get("id"), 0))), abs=0.01)
        position = node.find("viz:position", NS)
        points.add((float(position.get("x")), float(position.get("y"))))
    assert all(len(c) == 1 for c in colours.values())
    assert len(points) == len(nodes)


def test_networkx_reads_it_back(exported):
    G = nx.read_gexf(exported("gexf").path)
    assert (G.number_of_nodes(), G.number_of_edges()) == KUNSHAN["all"]
    huaqiao = G.nodes["https://w3id.org/plankg/kunshan-2022/place/huaqiao"]
    assert huaqiao["label"] == "花桥国际商务城" and huaqiao["label_en"] == "Huaqiao International Business City"
    assert huaqiao["viz"]["position"]["x"] is not None
    labels = {data["label"] for _, _, data in G.edges(data=True)}
    assert {"包含任务", "起支撑作用", "所任角色"} <= labels


def test_layout_is_the_same_every_time(kg, tmp_path):
    from plankg.exports import export

    first = export(kg, "gexf", tmp_path / "a.gexf", view="places").path.read_text(encoding="utf-8")
    second = export(kg, "gexf", tmp_path / "b.gexf", view="places").path.read_text(encoding="utf-8")
    assert first == second


def test_hostile_labels_round_trip(hostile_exported):
    G = nx.read_gexf(hostile_exported("gexf").path)
    assert (G.number_of_nodes(), G.number_of_edges()) == HOSTILE_COUNTS
    assert {node: data["label"] for node, data in G.nodes(data=True)} == HOSTILE_LABELS
