"""Serve a plan read-only over SPARQL with the Oxigraph server.

The plan is loaded into an Oxigraph store in a temporary folder, which
``oxigraph serve-read-only`` then serves: SPARQL queries, the Graph Store
Protocol for reading, and Oxigraph's query page, with updates and writes
refused. The server sees the union of the layers as its default graph.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .errors import PlanKGError

__all__ = ["oxigraph_server", "PlanServer"]


def oxigraph_server() -> str:
    """Return the path of the ``oxigraph`` server program.

    Raises
    ------
    PlanKGError
        If it is not installed.
    """
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    raise PlanKGError("the Oxigraph server is not installed; run: pip install 'plankg[server]'")


class PlanServer:
    """A read-only SPARQL server over a plan, as a context manager.

    Parameters
    ----------
    kg : PlanGraph
        The plan, loaded from files.
    host : str, default "127.0.0.1"
        The address to listen on; loopback unless told otherwise.
    port : int, default 7878

    Examples
    --------
    ::

        with PlanServer(plankg.load(), port=7878) as server:
            print(server.url)        # http://127.0.0.1:7878/
            server.wait()            # until Ctrl-C
    """

    def __init__(self, kg, *, host: str = "127.0.0.1", port: int = 7878):
        self.kg = kg
        self.host = host
        self.port = port
        self.process: subprocess.Popen | None = None
        self._folder: str | None = None

    @property
    def url(self) -> str:
        """The server's base URL (its query page)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> "PlanServer":
        """Load the plan into a temporary store and start the server."""
        program = oxigraph_server()
        quads = self.kg.quads()
        self._folder = tempfile.mkdtemp(prefix="plankg-serve-")
        try:
            store = ox.Store(self._folder)
            store.extend(quads)
            store.flush()
            del store
            bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
            self.process = subprocess.Popen(
                [program, "serve-read-only", "--location", self._folder, "--bind", bind, "--union-default-graph"]
            )
        except BaseException:
            self.stop()
            raise
        return self

    def wait(self) -> int:
        """Wait until the server exits; return its exit code."""
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        """Stop the server and remove its temporary store."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> "PlanServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
