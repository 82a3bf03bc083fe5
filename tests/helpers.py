"""Helpers for tests: copies of the bundled plan with one thing changed, and Oxigraph servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from plankg.resources import bundled_plan_dir

IN_CI = os.environ.get("CI", "").lower() == "true"

#: The small second plan the tests load beside the bundled ones (prefix ``tiny``).
SECOND_PLAN = Path(__file__).resolve().parent / "data" / "second-plan"


def plan_folders() -> list[Path]:
    """Every plan the tests load together: each bundled data set (``data/*/``), then the test plan."""
    from plankg.resources import resource_root

    bundled = sorted(p for p in (resource_root() / "data").iterdir() if (p / "dataset.ttl").is_file())
    return [*bundled, SECOND_PLAN]


def loaded_names(kg) -> str:
    """The plans of ``kg`` as :func:`plankg.plans.resolve_plan` lists them (``ks, tiny``), as a regex."""
    import re

    return re.escape(", ".join(info.name() for info in kg.plans))


def plan_copy(tmp_path: Path, name: str = "plan") -> Path:
    """Copy the bundled plan's data folder into ``tmp_path`` and return it."""
    target = tmp_path / name
    shutil.copytree(bundled_plan_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def oxigraph_binary() -> str:
    """Return the ``oxigraph`` server command (PyPI package ``oxigraph``)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        message = "the oxigraph server is not installed: pip install 'plankg[test]'"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running Oxigraph server on loopback."""

    process: subprocess.Popen
    base: str
    location: Path

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(location: Path, *, read_only: bool = False, port: int | None = None) -> Server:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers."""
    port = port or free_port()
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen(
        [oxigraph_binary(), command, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                return Server(process, base, location)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph did not start within 30 s")


def serve_graph(kg, location: Path) -> Server:
    """Load ``kg``'s quads (each layer in its named graph) into a store at ``location`` and serve it read-only."""
    import pyoxigraph as ox

    store = ox.Store(str(location))
    store.extend(kg.quads())
    store.flush()
    del store
    return start_server(location, read_only=True)
