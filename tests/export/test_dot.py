"""DOT rendered by Graphviz (dot -Tsvg), Chinese labels in a CJK font."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_readers import CHINESE, HOSTILE_COUNTS, HOSTILE_LABELS, KUNSHAN, missing, need

from plankg.exports import dot_text, view_graph

SVG = {"s": "http://www.w3.org/2000/svg"}
DOCS = Path(__file__).resolve().parents[2] / "docs"


def render(path: Path) -> ET.Element:
    dot = need("dot", "apt-get install graphviz")
    done = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert not done.stderr.strip(), done.stderr.decode()  # no syntax or font warnings
    return ET.fromstring(done.stdout)


def node_texts(svg: ET.Element) -> dict[str, str]:
    """Each node's id (its <title>) and its label lines joined."""
    out = {}
    for group in svg.iterfind(".//s:g[@class='node']", SVG):
        out[group.find("s:title", SVG).text] = "".join(t.text or "" for t in group.iterfind("s:text", SVG))
    return out


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_graphviz_renders_every_node_and_edge(exported, view):
    svg = render(exported("dot", view).path)
    nodes = node_texts(svg)
    edges = svg.findall(".//s:g[@class='edge']", SVG)
    assert (len(nodes), len(edges)) == KUNSHAN[view]
    assert any(text == CHINESE[view] for text in nodes.values())
    fonts = {t.get("font-family") for t in svg.iterfind(".//s:text", SVG)}
    assert all(font.startswith("Noto Sans CJK SC,") and font.endswith("sans-serif") for font in fonts)


def test_a_cjk_font_is_installed_for_graphviz():
    fc_list = need("fc-list", "apt-get install fontconfig")
    done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    if "Noto Sans CJK SC" not in done.stdout:
        missing("no Chinese font for Graphviz: apt-get install fonts-noto-cjk")


def test_long_labels_are_wrapped(exported):
    text = exported("dot", "structure").path.read_text(encoding="utf-8")
    assert re.search(r'label="昆山现代产业体\\n系建设行动计划"', text)


def test_hostile_labels_round_trip(hostile_exported):
    svg = render(hostile_exported("dot").path)
    nodes = node_texts(svg)
    assert (len(nodes), len(svg.findall(".//s:g[@class='edge']", SVG))) == HOSTILE_COUNTS
    squeeze = lambda text: re.sub(r"\s+", "", text)
    assert {iri: squeeze(text) for iri, text in nodes.items()} == {iri: squeeze(t) for iri, t in HOSTILE_LABELS.items()}


def test_the_docs_picture_is_up_to_date(kg):
    """docs/kunshan.dot is what the README's command writes; regenerate it and the SVG if this fails."""
    committed = (DOCS / "kunshan.dot").read_text(encoding="utf-8")
    assert committed == dot_text(view_graph(kg, "structure")), (
        "run: plankg export --format dot --view structure -o docs/kunshan.dot && "
        "dot -Tsvg docs/kunshan.dot -o docs/kunshan-graph.svg"
    )
    svg = ET.parse(DOCS / "kunshan-graph.svg").getroot()
    assert len(node_texts(svg)) == KUNSHAN["structure"][0]
