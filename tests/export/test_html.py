"""The offline HTML page, opened in headless Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
from urllib.parse import quote

import pytest
from export_readers import HOSTILE_LABELS, KUNSHAN, CountingProxy, artifact, page_status, run_node

from plankg.exports import export

KS = "https://w3id.org/plankg/kunshan-2022/"


def search_results(dom: str) -> list[tuple[str, str]]:
    """(IRI, text) of each search result in the page."""
    listing = re.search(r'<ol id="search-results">(.*?)</ol>', dom, re.DOTALL).group(1)
    items = re.findall(r'<li data-id="([^"]*)"><button[^>]*>(.*?)</button>', listing)
    return [(html.unescape(iri), html.unescape(text)) for iri, text in items]


#: Chromium's own services, which it calls in the background whatever the page does.
BROWSER_OWN = re.compile(r"(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$")


def offline(proxy: CountingProxy) -> list[str]:
    """Chromium flags that send every network request to the counting proxy."""
    return [f"--proxy-server={proxy.address}", "--proxy-bypass-list=<-loopback>"]


def page_requests(proxy: CountingProxy) -> list[str]:
    """The requests the proxy saw, less those Chromium makes for itself."""
    out = []
    for line in proxy.requests:
        target = line.split()[1]
        host = re.sub(r"^\w+://", "", target).split("/")[0].split(":")[0]
        if not BROWSER_OWN.search(host):
            out.append(line)
    return out


def test_the_file_is_self_contained(exported):
    text = exported("html").path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", text, re.IGNORECASE)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert "The Cytoscape Consortium" in text  # the library's licence notice travels with it
    assert len(re.findall(r"<script", text)) == 3  # the data, the library, the page's code


@pytest.mark.parametrize("view", ["all", "structure"])
def test_chromium_shows_every_node(chromium, exported, view):
    dom = chromium.dump_dom(exported("html", view).path.as_uri())
    state = page_status(dom)
    assert state["ready"] == "true" and "error" not in state
    assert (int(state["nodes"]), int(state["edges"])) == KUNSHAN[view]
    assert int(state["visible-nodes"]) == KUNSHAN[view][0]


def test_a_search_for_huaqiao_finds_it(chromium, exported):
    url = exported("html").path.as_uri() + "#search=" + quote("花桥")
    dom = chromium.dump_dom(url)
    state = page_status(dom)
    assert state["search"] == "花桥" and int(state["matches"]) >= 1
    found = dict(search_results(dom))
    assert found[KS + "place/huaqiao"] == "花桥国际商务城 · 地点"


def test_selecting_a_node_shows_its_properties_and_source_text(chromium, exported):
    url = exported("html").path.as_uri() + "#select=" + quote(KS + "task/01", safe="")
    dom = chromium.dump_dom(url)
    details = re.search(r'<div id="details" data-selected="([^"]*)">(.*?)</div>', dom, re.DOTALL)
    assert html.unescape(details.group(1)) == KS + "task/01"
    shown = html.unescape(re.sub(r"<[^>]+>", "\n", details.group(2)))
    for expected in ("向东接轨上海", "Link up eastward with Shanghai", "主要任务", "原文",
                     "向东接轨上海,以花桥国际商务城为引领,强化与陆家镇协同发展", KS + "task/01"):
        assert expected in shown


def test_a_real_click_on_a_node_shows_its_details(chromium, exported):
    """Chromium driven over the DevTools protocol clicks where Cytoscape drew the node."""
    read = run_node("click-node.js", shutil.which("chromium") or "chromium",
                    exported("html").path.as_uri(), KS + "place/huaqiao")
    assert read["selected"] == KS + "place/huaqiao"
    assert "以花桥国际商务城为引领" in read["details"] and "Huaqiao International Business City" in read["details"]
    assert read["error"] is None


def test_the_page_makes_no_network_request(chromium, exported, tmp_path):
    with CountingProxy() as proxy:
        # The control: a page that does fetch something is caught by the proxy.
        control = tmp_path / "control.html"
        control.write_text('<!DOCTYPE html><img src="http://plankg.invalid/pixel.png">', encoding="utf-8")
        chromium.dump_dom(control.as_uri(), *offline(proxy))
        assert any("plankg.invalid" in line for line in page_requests(proxy)), proxy.requests
        proxy.requests.clear()
        url = exported("html").path.as_uri() + "#search=" + quote("花桥")
        dom = chromium.dump_dom(url, *offline(proxy))
        assert page_requests(proxy) == []
    state = page_status(dom)
    assert state["resources"] == "0" and state["ready"] == "true"


def test_screenshot(chromium, exported):
    """Keep pictures of the page in tests/artifacts/ for a person to look at."""
    page = exported("html").path.as_uri()
    chromium.screenshot(page, artifact("export-html-kunshan.png"))
    chromium.screenshot(page + "#search=" + quote("花桥") + "&select=" + quote(KS + "place/huaqiao", safe=""),
                        artifact("export-html-kunshan-search.png"))


def test_hostile_labels_stay_text(chromium, hostile_exported):
    path = hostile_exported("html").path
    text = path.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="plankg-data">(.*?)</script>', text, re.DOTALL).group(1)
    assert not re.search(r"[<>&]", data)
    assert {n["id"]: n["label"] for n in json.loads(data)["nodes"]} == HOSTILE_LABELS
    assert "<title>规划 &lt;Plan&gt; &amp; &quot;总体&quot; 方案 · 全图</title>" in text
    place = "https://example.org/hostile/place"
    dom = chromium.dump_dom(path.as_uri() + "#search=" + quote("script") + "&select=" + quote(place, safe=""))
    state = page_status(dom)
    assert state["ready"] == "true" and "error" not in state and state["nodes"] == "8"
    assert "pwned" not in re.search(r"<body[^>]*>", dom).group(0)
    assert dict(search_results(dom))[place] == HOSTILE_LABELS[place] + " · 地点"
    assert dom.count("<script") == 3 and "<img src=x" not in dom


def test_english_page(chromium, kg, tmp_path):
    result = export(kg, "html", tmp_path / "en.html", view="places", lang="en")
    text = result.path.read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    dom = chromium.dump_dom(result.path.as_uri() + "#search=huaqiao")
    assert dict(search_results(dom))[KS + "place/huaqiao"] == "Huaqiao International Business City · Place"
