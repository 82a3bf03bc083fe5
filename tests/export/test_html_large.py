"""The HTML page of a graph of more than 10,000 nodes, used in headless Chromium.

The page opens with its groups (areas) collapsed, finds a node by its Chinese
label typed into the search box, opens its group and centres on it, and
expands a group a real mouse click lands on. Each step waits, up to a
generous deadline, for the page to say it is done: these are not timings.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sys
from pathlib import Path

import pytest
from export_readers import page_status, run_node

import plankg
from plankg.exports import export
from plankg.exports.groups import COLLAPSE_AT

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import BASE, write_synthetic_plan  # noqa: E402

#: 113 times Kunshan's size: 10,062 nodes and 16,611 edges in the ``all`` view.
SCALE = 113
#: How long the page may take for each step on a loaded two-core machine.
DEADLINE_MS = 120_000


@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    """The synthetic plan's ``all`` view as a page, and the data the page carries."""
    folder = tmp_path_factory.mktemp("large")
    kg = plankg.load([write_synthetic_plan(folder / "plan", scale=SCALE)])
    result = export(kg, "html", folder / "large.html")
    text = result.path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="plankg-data">(.*?)</script>', text,
                                re.DOTALL).group(1))
    return result, data


def lone_group(data: dict, taken: str) -> dict:
    """The collapsed group farthest from every other group's node, so that a click lands on it alone."""
    groups = [g for g in data["groups"] if g["id"] != taken]

    def room(g):
        return min(math.dist((g["x"], g["y"]), (o["x"], o["y"])) - (g["size"] + o["size"]) / 2
                   for o in data["groups"] if o is not g)

    return max(groups, key=room)


def test_the_page_holds_every_node_in_collapsed_groups(large_page):
    result, data = large_page
    assert result.nodes == len(data["nodes"]) > 10_000 > COLLAPSE_AT
    assert data["collapse"] is True
    assert sum(g["count"] for g in data["groups"]) == result.nodes
    by_group = {g["id"]: g for g in data["groups"]}
    task = next(n for n in data["nodes"] if n["id"] == BASE + "task/0006")
    assert by_group[task["group"]]["kind"] == "area"  # a task sits in its area's group
    assert by_group[task["group"]]["label"].startswith("合成板块")


def test_chromium_finds_a_node_by_its_chinese_label_and_expands_a_clicked_group(chromium, large_page):
    result, data = large_page
    wanted = BASE + "action-plan/144"
    node = next(n for n in data["nodes"] if n["id"] == wanted)
    assert node["label"] == "合成行动计划144"
    target = lone_group(data, taken=node["group"])
    counts = {g["id"]: g["count"] for g in data["groups"]}
    seen = run_node("large-page.js", shutil.which("chromium") or "chromium", result.path.as_uri(),
                    "合成行动计划144", target["id"], str(DEADLINE_MS))

    loaded = seen["loaded"]
    assert seen["ready"] and "error" not in loaded, loaded
    assert (int(loaded["nodes"]), int(loaded["edges"])) == (result.nodes, result.edges)
    assert int(loaded["drawn"]) == len(data["groups"]) and loaded["visibleNodes"] == "0"
    assert loaded["resources"] == "0"

    searched = seen["searched"]
    assert searched["search"] == "合成行动计划144" and searched["matches"] == "1"
    assert searched["results"] == [wanted] and searched["selected"] == wanted
    assert "Synthetic action plan 144" in searched["details"]
    assert searched["expanded"] == "1" and int(searched["visibleNodes"]) == counts[node["group"]]
    centre = searched["center"]
    assert math.dist((centre["x"], centre["y"]), (node["x"], node["y"])) < 30  # centred on the node

    clicked = seen["clicked"]
    assert clicked["selected"] == target["id"] and "error" not in clicked
    assert clicked["expanded"] == "2"
    assert int(clicked["visibleNodes"]) == counts[node["group"]] + target["count"]
    assert target["label"] in clicked["details"]
    assert seen["groupDrawn"] is False  # the group's node gave way to its nodes


def test_expanding_everything_draws_every_node_with_plain_edges(chromium, large_page):
    result, data = large_page
    dom = chromium.dump_dom(result.path.as_uri() + "#expand=all", budget_ms=60000)
    state = page_status(dom)
    assert state["ready"] == "true" and "error" not in state
    assert int(state["visible-nodes"]) == result.nodes and int(state["expanded"]) == len(data["groups"])
    assert state["edge-style"] == "lite"  # more edges than the page draws with arrows and curves


def test_a_small_graph_opens_with_every_node(exported):
    text = exported("html").path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="plankg-data">(.*?)</script>', text, re.DOTALL).group(1))
    assert data["collapse"] is False and len(data["nodes"]) <= COLLAPSE_AT
