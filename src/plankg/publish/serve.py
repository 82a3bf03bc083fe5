"""Serve a plan read-only over SPARQL with the Oxigraph server.

The plan is loaded into an Oxigraph store in a temporary folder, which
``oxigraph serve-read-only`` then serves: SPARQL queries, the Graph Store
Protocol for reading, and Oxigraph's query page, with updates and writes
refused. The server sees the union of the layers as its default graph.

Guarantees (Linux):

* **No network from the server** unless ``allow_network``: Oxigraph would
  fetch any ``SERVICE`` URL a client names (server-side request forgery),
  and has no option to refuse ``SERVICE``. So its process runs under the
  seccomp filter of :mod:`plankg.sparql.netguard`: it accepts connections but
  cannot open any, and a ``SERVICE`` fails. Where that filter is not
  available the server is not started without ``allow_network``.
* **A deadline per query** (Oxigraph's ``--timeout-s``), so abandoned
  queries stop.
* **The server dies with plankg**, even on ``kill -9`` (``PR_SET_PDEATHSIG``),
  and a temporary store left by a killed run is removed by the next start.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..errors import PlanKGError
from ..sparql.netguard import preexec_without_network, seccomp_available

_PREFIX = "plankg-serve-"
_OWNERS = "owners.pid"

__all__ = ["oxigraph_server", "PlanServer", "remove_stale_stores"]


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
        The TCP port, 1 to 65535.
    allow_network : bool, default False
        Let the server reach the network, so that clients can use ``SERVICE``.
    timeout : int, default 30
        Seconds a query may take on the server; ``None`` for no limit.

    Raises
    ------
    PlanKGError
        If the port is not a TCP port, or the timeout not a positive integer.

    Examples
    --------
    ::

        with PlanServer(plankg.load(), port=7878) as server:
            print(server.url)        # http://127.0.0.1:7878/
            server.wait()            # until Ctrl-C
    """

    def __init__(
        self,
        kg,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        allow_network: bool = False,
        timeout: int | None = 30,
    ):
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise PlanKGError(f"port {port} is not a TCP port; use one from 1 to 65535")
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1):
            raise PlanKGError(f"the server timeout {timeout!r} is not a whole number of seconds of 1 or more")
        self.kg = kg
        self.host = host
        self.port = port
        self.allow_network = allow_network
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self._folder: str | None = None

    @property
    def loopback(self) -> bool:
        """Whether the server listens on this machine only (every address ``host`` names is loopback)."""
        try:
            found = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except OSError:
            return False
        return bool(found) and all(ipaddress.ip_address(a[4][0].split("%")[0]).is_loopback for a in found)

    @property
    def url(self) -> str:
        """The server's base URL (its query page)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> "PlanServer":
        """Load the plan into a temporary store and start the server.

        Raises
        ------
        PlanKGError
            If the server is not installed, or cannot be kept off the network.
        """
        program = oxigraph_server()
        prepare = preexec_without_network(network=self.allow_network)
        if not self.allow_network and (prepare is None or not seccomp_available()):
            raise PlanKGError(
                "plankg cannot keep the Oxigraph server off the network on this system (it needs Linux seccomp), "
                "and any client could make it fetch SERVICE URLs; pass --allow-network to serve anyway"
            )
        remove_stale_stores()
        quads = self.kg.quads()
        self._folder = tempfile.mkdtemp(prefix=_PREFIX)
        try:
            Path(self._folder, _OWNERS).write_text(f"{os.getpid()}\n", encoding="ascii")
            location = os.path.join(self._folder, "store")
            store = ox.Store(location)
            store.extend(quads)
            store.flush()
            del store
            bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
            argv = [program, "serve-read-only", "--location", location, "--bind", bind, "--union-default-graph"]
            if self.timeout is not None:
                argv += ["--timeout-s", str(self.timeout)]
            owners = Path(self._folder, _OWNERS)
            self.process = subprocess.Popen(argv, preexec_fn=prepare)
            owners.write_text(f"{os.getpid()} {self.process.pid}\n", encoding="ascii")
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


def remove_stale_stores() -> list[Path]:
    """Remove the temporary stores of servers whose processes are gone.

    A ``plankg serve`` killed with ``kill -9`` cannot remove its store; the
    next start does, once neither that plankg nor its Oxigraph server runs.

    Returns
    -------
    list of Path
        The folders removed.
    """
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(_PREFIX + "*"):
        try:
            if folder.is_symlink() or folder.stat().st_uid != getattr(os, "getuid", lambda: -1)():
                continue
            pids = [int(p) for p in (folder / _OWNERS).read_text(encoding="ascii").split()]
        except (OSError, ValueError):
            continue
        if not any(_alive(pid) for pid in pids):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
