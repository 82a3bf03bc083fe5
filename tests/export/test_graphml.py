"""GraphML read back by igraph (and NetworkX), with yEd's graphics in place."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest
from export_readers import CHINESE, HOSTILE_COUNTS, HOSTILE_LABELS, KUNSHAN

NS = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_igraph_reads_counts_and_chinese_labels(exported, view):
    result = exported("graphml", view)
    graph = igraph.Graph.Read_GraphML(str(result.path))
    assert (graph.vcount(), graph.ecount()) == KUNSHAN[view] == (result.nodes, result.edges)
    assert graph.is_directed()
    assert CHINESE[view] in graph.vs["label"]
    assert graph.vs["id"] == graph.vs["iri"]  # node ids are the IRIs
    numbers = [n for n in graph.vs["number"] if not math.isnan(n)]  # NaN where a node has none
    assert numbers and all(float(n).is_integer() for n in numbers)


def test_networkx_reads_the_attributes(exported):
    G = nx.read_graphml(exported("graphml").path)
    huaqiao = G.nodes["https://w3id.org/plankg/kunshan-2022/place/huaqiao"]
    assert huaqiao["label_en"] == "Huaqiao International Business City" and huaqiao["type"] == "Place"
    assert G.nodes["https://w3id.org/plankg/kunshan-2022/task/06"]["number"] == 6


def test_yed_graphics_label_colour_and_position_every_node(exported):
    root = ET.parse(exported("graphml").path).getroot()
    nodes = root.findall(".//g:node", NS)
    assert len(nodes) == KUNSHAN["all"][0]
    for node in nodes:
        shape = node.find(".//y:ShapeNode", NS)
        assert shape.find("y:NodeLabel", NS).text
        assert shape.find("y:Fill", NS).get("color").startswith("#")
        geometry = shape.find("y:Geometry", NS)
        assert float(geometry.get("width")) > 0
    positions = {(n.find(".//y:Geometry", NS).get("x"), n.find(".//y:Geometry", NS).get("y")) for n in nodes}
    assert len(positions) == len(nodes)  # laid out, not piled up
    assert len(root.findall(".//y:PolyLineEdge", NS)) == KUNSHAN["all"][1]


def test_hostile_labels_round_trip(hostile_exported):
    result = hostile_exported("graphml")
    graph = igraph.Graph.Read_GraphML(str(result.path))
    assert (graph.vcount(), graph.ecount()) == HOSTILE_COUNTS
    assert dict(zip(graph.vs["id"], graph.vs["label"])) == HOSTILE_LABELS
