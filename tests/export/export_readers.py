"""The real readers the export tests use, and the facts they check.

The readers are programs outside plankg: Graphviz ``dot``, Node.js with the
npm packages of ``js/package.json`` (Cytoscape.js, Mermaid), and Debian's
headless ``chromium``. A test that needs a missing program is skipped, and
fails instead when ``CI=true`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
HERE = Path(__file__).resolve().parent
JS = HERE / "js"
HOSTILE = HERE / "data" / "hostile.ttl"
ARTIFACTS = HERE.parent / "artifacts"

#: Nodes and edges of each view of the bundled plan. structure: 1 plan + 7
#: areas + 25 tasks + 12 action plans + 11 targets; 7 hasArea + 25 hasTask +
#: 12 hasActionPlan + 11 hasTarget + 26 curated implements. places: the 5
#: regional tasks + 17 places + 12 involvements + 4 roles + 4 clusters; 12
#: involves + 12 place + 12 role + 4 formsCluster + 12 includesPlace + 5
#: connectsTo. dependencies: the 10 tasks of the 6 curated support links. all:
#: their union (the places' and dependencies' tasks are structure's).
# Issue 14's review: +9 implementation and +6 support links (structure, dependencies, all); the places view
# gains the two roles 龙头 (Spearhead) and 一体化 (Integration) as nodes.
KUNSHAN = {"structure": (56, 90), "places": (44, 57), "dependencies": (15, 12), "all": (95, 159)}
#: Labels the readers must find, one per view.
CHINESE = {"structure": "向东接轨上海", "places": "花桥国际商务城", "dependencies": "产业集群创新驱动", "all": "花桥国际商务城"}

#: The labels of the hostile plan's ``all`` view (data/hostile.ttl), as every
#: graph format must give them back: control characters removed, the rest exact.
HOSTILE_LABELS = {
    "https://example.org/hostile/plan": '规划 <Plan> & "总体" 方案',
    "https://example.org/hostile/area": "板块 ]]> -- \\ 反斜杠 #1 | `tick` %% {x} [y] (z);",
    "https://example.org/hostile/task-1": "花桥🌉 <b>&amp;</b> \"q\" 'a' end",
    "https://example.org/hostile/task-2": '=HYPERLINK("http://example.invalid") 公式',
    "https://example.org/hostile/involvement": "任务1:花桥(引领)",
    "https://example.org/hostile/place": '<script>alert(1)</script><img src=x onerror="document.body.dataset.pwned=1">',
    "https://example.org/hostile/action-plan": "行动计划 \"双引号\" 'single' 😀 \\n 不是换行",
    "https://w3id.org/plankg/ontology#Lead": "引领",
}
#: Nodes and edges of the hostile plan's ``all`` view.
HOSTILE_COUNTS = (8, 9)


def missing(message: str):
    """Skip the test for want of a reader; fail it in CI, which must have every reader."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def need(program: str, install: str) -> str:
    """Return the path of ``program``; skip the test without it (fail in CI)."""
    found = shutil.which(program)
    if not found:
        missing(f"{program} is not installed: {install}")
    return found


_npm_lock = threading.Lock()


def node_modules() -> Path:
    """Return ``js/node_modules``, installing ``js/package.json``'s packages first if missing."""
    need("node", "apt-get install nodejs npm")
    with _npm_lock:
        marker = JS / "node_modules" / ".package-lock.json"
        if not marker.exists():
            npm = need("npm", "apt-get install npm")
            command = "ci" if (JS / "package-lock.json").exists() else "install"
            done = subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True)
            if done.returncode:
                pytest.fail(f"npm {command} failed in {JS}:\n{done.stderr[-2000:]}")
    return JS / "node_modules"


def run_node(script: str, *args: str | Path, timeout: float = 120) -> dict:
    """Run ``js/<script>`` with Node.js and return the JSON it prints (stopped after ``timeout`` seconds)."""
    node_modules()
    done = subprocess.run(
        [need("node", "apt-get install nodejs"), str(JS / script), *map(str, args)],
        cwd=JS, capture_output=True, text=True, timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Chromium:
    """Debian's headless Chromium, started afresh for each page."""

    FLAGS = (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--disable-extensions", "--hide-scrollbars", "--mute-audio",
    )

    def __init__(self, binary: str, profiles: Path):
        self.binary = binary
        self.profiles = profiles
        self.runs = 0

    def run(self, url: str, *extra: str, budget_ms: int = 10000) -> str:
        self.runs += 1
        profile = self.profiles / f"profile-{self.runs}"
        argv = [self.binary, *self.FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
                *extra, url]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def dump_dom(self, url: str, *extra: str, budget_ms: int = 10000) -> str:
        """Return the page's DOM after it ran (``--dump-dom``)."""
        return self.run(url, "--dump-dom", *extra, budget_ms=budget_ms)

    def screenshot(self, url: str, path: Path, size: str = "1400,900") -> Path:
        """Save a PNG of the page."""
        self.run(url, f"--screenshot={path}", f"--window-size={size}")
        assert path.exists() and path.stat().st_size > 1000
        return path


class CountingProxy:
    """An HTTP proxy on loopback that answers 502 to everything and records each request."""

    def __init__(self):
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def _refuse(self):
                requests.append(self.requestline)
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_HEAD = do_CONNECT = do_PUT = do_OPTIONS = _refuse

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()




def page_status(dom: str) -> dict:
    """The data-* attributes of the HTML page's #status element, from its dumped DOM."""
    tag = re.search(r'<output id="status"([^>]*)>', dom).group(1)
    return {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', tag)}


def artifact(name: str) -> Path:
    """Return a path under tests/artifacts/ (gitignored) for a file a person may look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
