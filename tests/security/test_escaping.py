"""Labels cannot drive the terminal, add Markdown or HTML to the report, or reconfigure a Mermaid diagram."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

import plankg
from plankg.cli import main
from plankg.exports.mermaid import escape, mermaid_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers import edit, plan_copy  # noqa: E402

#: Clear the screen, retitle the window (OSC … BEL), a C1 CSI, DEL, a lone CR.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x7f\r"
#: The same, as Turtle escapes.
HOSTILE_TTL = "\\u001B[2J\\u001B]0;pwned\\u0007\\u009B31m\\u007F\\r"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def invoke(*args, input=None):
    # Wide enough that rich folds no table cell.
    return CliRunner(env={"COLUMNS": "400"}).invoke(main, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory) -> Path:
    """The bundled plan with control characters in task 01's Chinese label, and a
    second Chinese label on it, so that validation reports the labels."""
    folder = plan_copy(tmp_path_factory.mktemp("hostile"))
    edit(folder / "source" / "structure.ttl", 'rdfs:label "向东接轨上海"@zh ,',
         f'rdfs:label "{HOSTILE_TTL}向东接轨上海"@zh , "第二{HOSTILE_TTL}"@zh ,')
    return folder


def no_controls(text: str) -> bool:
    """No control character but tab and newline."""
    return CONTROL.search(text) is None


@pytest.mark.parametrize("args", [
    ["query", "tasks-by-area", "-p", "area=01"],
    ["report"],
    ["analyze", "coverage", "--table", "tasks"],
    ["analyze", "coverage", "--format", "text"],
    ["analyze", "coverage", "--format", "csv", "--table", "tasks"],
    ["validate"],
])
def test_labels_with_escape_sequences_no_longer_reach_the_terminal(hostile_plan, args):
    command, rest = args[0], args[1:]
    data = ["--data", hostile_plan] if command in ("query", "analyze") else [hostile_plan]
    result = invoke(*args, *data)
    assert result.exit_code in (0, 1), result.output
    assert "向东接轨上海" in result.stdout and "[2J" in result.stdout  # the label is there, its controls are not
    assert no_controls(result.stdout.replace("\r\n", "\n")), repr(result.stdout[:400])


def test_sparql_table_shows_markup_as_text_and_no_control_characters(tmp_path):
    data = tmp_path / "plan.ttl"
    data.write_text('@prefix plan: <https://w3id.org/plankg/ontology#> .\n'
                    '<http://e/plan> a plan:Plan .\n'
                    f'<http://e/a> <http://e/p> "[link=http://evil.example]click[/link] {HOSTILE_TTL}" .\n',
                    encoding="utf-8")
    result = invoke("sparql", "-", "--data", data, input="SELECT ?o WHERE { <http://e/a> <http://e/p> ?o }")
    assert result.exit_code == 0, result.output
    assert "[link=http://evil.example]click[/link]" in result.stdout
    assert "\x1b]8;" not in result.stdout and no_controls(result.stdout)


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_machine_formats_escape_control_characters_and_keep_them(hostile_plan, fmt):
    result = invoke("query", "tasks-by-area", "-p", "area=01", "--format", fmt, "--data", hostile_plan)
    assert result.exit_code == 0, result.output
    assert no_controls(result.stdout)
    if fmt == "json":
        labels = [b["task_label_zh"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]]
        assert HOSTILE + "向东接轨上海" in labels  # nothing lost: JSON reads the escapes back
    else:
        assert "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u007f\\r向东接轨上海" in result.stdout


def test_validate_json_escapes_control_characters_and_keeps_them(hostile_plan):
    result = invoke("validate", hostile_plan, "--format", "json")
    assert result.exit_code == 1, result.output
    assert no_controls(result.stdout)
    labels = [r["labels"]["zh"] for r in json.loads(result.stdout)["results"]]
    assert HOSTILE + "向东接轨上海" in labels


def test_error_lines_carry_no_control_characters(tmp_path):
    path = tmp_path / "x\x1b[2J\x9b.ttl"
    path.write_text("<a> <b> .", encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("plankg: error: ") and "[2J" in line and no_controls(line)


def test_report_markdown_escapes_labels_outside_tables(hostile_plan, tmp_path):
    folder = plan_copy(tmp_path)
    edit(folder / "source" / "plan.ttl",
         'rdfs:label "关于打造社会主义现代化建设县域示范 走好新时代“昆山之路”的总体方案"@zh',
         'rdfs:label "</script><script>alert(1)</script>\\u0000 <img src=x onerror=alert(1)> [x](javascript:alert(1))"@zh')
    edit(folder / "source" / "structure.ttl", 'rdfs:label "向东接轨上海"@zh ,',
         'rdfs:label "向东接轨上海\\n- injected item\\n# injected heading *bold* `code` $x$"@zh ,')
    result = invoke("report", folder, "--format", "markdown")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "\x00" not in md and not re.search(r"(?<!\\)[<>]", md)  # every < and > escaped
    assert not any(line.startswith(("- injected", "# injected")) for line in md.splitlines())
    html = MarkdownIt("commonmark", {"html": True}).render(md)
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert html.count("<h1>") == 1 and "injected item" in html and "<li>- injected" not in html
    gaps = html.split("Coverage gaps")[-1] if "Coverage gaps" in html else html
    assert "<li>injected item" not in gaps


@pytest.mark.parametrize("label", [
    "%%{init: {'theme': 'dark', 'themeVariables': {'primaryColor': '#ff0000'}}}%%",
    '%%{init: {"flowchart": {"htmlLabels": false}}}%% 花桥',
])
def test_mermaid_label_cannot_hold_a_directive(label):
    import networkx as nx

    G = nx.MultiDiGraph(title="t %%{init: {'theme': 'dark'}}%%")
    G.add_node("urn:a%%{init:{}}%%", label=label, type="Place")
    G.add_node("urn:b", label="b", type="Task")
    G.add_edge("urn:b", "urn:a%%{init:{}}%%", key="k", label=label)
    text = mermaid_text(G)
    assert "%%{" not in text and "}%%" not in text
    assert "'" not in escape(label) and '"' not in escape(label)
    assert re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), escape(label)) == label


def test_mermaid_directive_in_a_label_changes_nothing_when_drawn(tmp_path):
    """Mermaid itself, in headless Chromium, draws the label as text and keeps its theme."""
    import networkx as nx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
    from export_readers import Chromium, need, node_modules

    binary = shutil.which("chromium") or shutil.which("chromium-browser") or need("chromium", "apt-get install chromium")
    library = node_modules() / "mermaid" / "dist" / "mermaid.min.js"
    label = "%%{init: {'themeVariables': {'primaryColor': '#ff0000', 'mainBkg': '#ff0000'}}}%% 花桥"
    G = nx.MultiDiGraph(title="demo")
    G.add_node("urn:a", label=label, type="Place")
    G.add_node("urn:b", label="任务", type="Task")
    G.add_edge("urn:b", "urn:a", key="k", label="涉及")
    page = tmp_path / "render.html"
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="result">pending</pre><div id="out"></div>
<script src="{library.as_uri()}"></script>
<script>
mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
mermaid.render("diagram", {json.dumps(mermaid_text(G))}).then(function (r) {{
  document.getElementById("out").innerHTML = r.svg;
  var svg = document.querySelector("#out svg");
  document.getElementById("result").textContent = JSON.stringify({{ ok: true,
    nodes: Array.from(svg.querySelectorAll("g.node")).map(function (n) {{ return n.textContent; }}),
    style: svg.querySelector("style").textContent }});
}}).catch(function (e) {{
  document.getElementById("result").textContent = JSON.stringify({{ ok: false, error: String(e && e.message || e) }});
}});
</script></body></html>""", encoding="utf-8")
    dom = Chromium(binary, tmp_path / "profiles").dump_dom(page.as_uri(), "--allow-file-access-from-files",
                                                          budget_ms=30000)
    import html

    drawn = json.loads(html.unescape(re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL).group(1)))
    assert drawn["ok"], drawn.get("error")
    assert sorted(drawn["nodes"]) == sorted([label, "任务"])
    assert "#ff0000" not in drawn["style"].lower()


def strings(value):
    """Every string in a JSON structure."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "dot", "mermaid", "graphml", "gexf", "cytoscape"])
def test_export_to_standard_output_carries_no_control_characters(hostile_plan, fmt):
    result = invoke("export", "--format", fmt, "-o", "-", "--data", hostile_plan)
    assert result.exit_code == 0, result.output
    assert "向东接轨上海" in result.stdout and no_controls(result.stdout)
    if fmt == "jsonld":  # escaped, not lost: JSON reads the escapes back
        assert HOSTILE + "向东接轨上海" in set(strings(json.loads(result.stdout)))
    if fmt == "ntriples":
        import pyoxigraph as ox

        values = {t.object.value for t in ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_TRIPLES)}
        assert HOSTILE + "向东接轨上海" in values
