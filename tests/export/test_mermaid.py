"""Mermaid: the flowchart's structure, and Mermaid itself rendering it in headless Chromium."""

from __future__ import annotations

import json
import re

import pytest
from export_readers import CHINESE, HOSTILE_COUNTS, HOSTILE_LABELS, KUNSHAN, node_modules

NODE = re.compile(r'^  (n\d+)\["([^"]*)"\]$')
EDGE = re.compile(r'^  (n\d+) -->\|"([^"]*)"\| (n\d+)$')


def unescape(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)


def parse(text: str) -> tuple[dict, list]:
    nodes, edges = {}, []
    for line in text.splitlines():
        if m := NODE.match(line):
            nodes[m.group(1)] = unescape(m.group(2))
        elif m := EDGE.match(line):
            edges.append((m.group(1), unescape(m.group(2)), m.group(3)))
    return nodes, edges


@pytest.mark.parametrize("view", list(KUNSHAN))
def test_structure(exported, view):
    text = exported("mermaid", view).path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith('title: "') and lines[2] == "---"
    assert lines[3] == "flowchart LR"
    nodes, edges = parse(text)
    assert (len(nodes), len(edges)) == KUNSHAN[view]
    assert all(source in nodes and target in nodes for source, _, target in edges)
    assert CHINESE[view] in nodes.values()
    classes = re.findall(r"^  class (\S+) (\w+)$", text, re.MULTILINE)
    assert sorted(n for members, _ in classes for n in members.split(",")) == sorted(nodes)
    defined = set(re.findall(r"^  classDef (\w+) fill:#[0-9A-F]{6}", text, re.MULTILINE))
    assert {name for _, name in classes} == defined


def test_labels_are_escaped(hostile_exported):
    text = hostile_exported("mermaid").path.read_text(encoding="utf-8")
    nodes, edges = parse(text)
    assert (len(nodes), len(edges)) == HOSTILE_COUNTS
    assert sorted(nodes.values()) == sorted(HOSTILE_LABELS.values())
    for line in text.splitlines():
        if NODE.match(line):
            label = NODE.match(line).group(2)
            assert not re.search(r'[<>&"`\\]', label) and "#" not in re.sub(r"#\d+;", "", label)


def render(chromium, tmp_path, mermaid_file) -> dict:
    """Render a Mermaid file with Mermaid's own library in headless Chromium; return what it drew."""
    library = node_modules() / "mermaid" / "dist" / "mermaid.min.js"
    source = mermaid_file.read_text(encoding="utf-8")
    page = tmp_path / "render.html"
    page.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="result">pending</pre><div id="out"></div>
<script src="{library.as_uri()}"></script>
<script>
mermaid.initialize({{ startOnLoad: false, securityLevel: "strict", maxEdges: 2000 }});
mermaid.render("diagram", {json.dumps(source)}).then(function (r) {{
  document.getElementById("out").innerHTML = r.svg;
  var svg = document.querySelector("#out svg");
  document.getElementById("result").textContent = JSON.stringify({{ ok: true,
    nodes: Array.from(svg.querySelectorAll("g.node")).map(function (n) {{ return n.textContent; }}),
    edges: svg.querySelectorAll("path.flowchart-link").length,
    edgeLabels: Array.from(svg.querySelectorAll("g.edgeLabel")).map(function (n) {{ return n.textContent; }}) }});
}}).catch(function (e) {{
  document.getElementById("result").textContent = JSON.stringify({{ ok: false, error: String(e && e.message || e) }});
}});
</script></body></html>""",
        encoding="utf-8",
    )
    dom = chromium.dump_dom(page.as_uri(), "--allow-file-access-from-files", budget_ms=30000)
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL)
    import html

    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("view", ["structure", "places"])
def test_mermaid_renders_it(chromium, tmp_path, exported, view):
    drawn = render(chromium, tmp_path, exported("mermaid", view).path)
    assert drawn["ok"], drawn.get("error")
    assert (len(drawn["nodes"]), drawn["edges"]) == KUNSHAN[view]
    assert CHINESE[view] in drawn["nodes"]


def test_mermaid_renders_hostile_labels_as_text(chromium, tmp_path, hostile_exported):
    drawn = render(chromium, tmp_path, hostile_exported("mermaid").path)
    assert drawn["ok"], drawn.get("error")
    assert (len(drawn["nodes"]), drawn["edges"]) == HOSTILE_COUNTS
    assert sorted(drawn["nodes"]) == sorted(HOSTILE_LABELS.values())
