"""Helpers for tests: copies of the bundled plan with one thing changed, and Oxigraph servers."""

from __future__ import annotations

import os
import shutil
import signal
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


def default_signals() -> None:
    """``preexec_fn`` for a child the test signals: SIGINT and SIGHUP as a terminal gives them.

    A shell without job control starts background commands with SIGINT
    ignored, and ``nohup`` ignores SIGHUP; a child inherits that, and Python
    then installs no handler of its own. A test of what Ctrl-C or a hang-up
    does must not depend on how the suite was started.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


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


# =================================================================== other engines: Virtuoso and Jena TDB2

#: Virtuoso's administrator, as a fresh database creates it (the test server listens on loopback only).
VIRTUOSO_USER = ("dba", "dba")

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 256M
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 8
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def program(name: str, package: str) -> str:
    """Return the path of a Debian-packaged program; skip without it (fail under CI=true)."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not installed: apt-get install {package} (see .ci/system-packages)")
    return found


def missing(message: str) -> None:
    """Skip the test for want of ``message``'s program or package; fail it under CI=true."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Virtuoso:
    """A Virtuoso Open Source server on loopback ports, its database in a temporary folder."""

    process: subprocess.Popen
    base: str
    folder: Path

    @property
    def sparql_url(self) -> str:
        """The query endpoint, anonymous (Virtuoso's SPARQL user reads every graph)."""
        return self.base + "/sparql"

    @property
    def push_url(self) -> str:
        """The query endpoint with the administrator's credentials in it, for ``plankg push``."""
        user, password = VIRTUOSO_USER
        return self.sparql_url.replace("http://", f"http://{user}:{password}@")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_virtuoso(folder: Path, *, deadline: float = 90) -> Virtuoso:
    """Start ``virtuoso-t`` with its database, logs and ``DirsAllowed`` in ``folder``; wait for ``/sparql``."""
    binary = program("virtuoso-t", "virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "+configfile", str(ini), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        if process.poll() is not None:
            log = folder / "virtuoso.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"virtuoso-t exited with code {process.returncode}: {tail}")
        try:
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return Virtuoso(process, base, folder)
        except OSError:
            time.sleep(0.3)
    process.kill()
    process.wait(timeout=10)
    raise RuntimeError(f"Virtuoso did not answer at {base}/sparql within {deadline:g} s")


#: The jars of Debian's libapache-jena-java 4.5 (and what they need) that the Jena tools run with.
_JENA_JARS = (
    "thrift", "protobuf", "slf4j-api", "slf4j-nop", "jackson-core", "jackson-databind", "jackson-annotations",
    "dexx.collection", "commons-lang3", "commons-io", "commons-codec", "commons-compress", "commons-csv",
    "commons-cli", "jsonld-java", "gson", "httpclient", "httpcore", "guava", "titanium-json-ld",
)


def jena_classpath(folder: Path) -> str:
    """The class path for Jena's command-line tools from Debian's jars in /usr/share/java.

    Debian's jena-core 4.5 relocates Jena's copy of Xerces to the package
    ``xerces`` but leaves its message files under ``org/apache/jena/ext/xerces``,
    so that the XSD datatypes fail to initialise ("internal error"); the
    files are copied into ``folder`` under the name the classes look for.
    """
    import zipfile

    program("java", "default-jre-headless")
    share = Path("/usr/share/java")
    core = share / "jena-core.jar"
    if not core.exists():
        missing("Apache Jena is not installed: apt-get install libapache-jena-java (see .ci/system-packages)")
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and not name.endswith((".class", "/")):
                target = folder / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    import re

    jars = sorted(p for p in share.glob("jena-*.jar") if not re.search(r"-\d+\.\d+", p.name))  # unversioned links
    jars += [share / f"{name}.jar" for name in _JENA_JARS if (share / f"{name}.jar").exists()]
    jars += sorted(p for p in share.glob("caffeine*.jar"))
    return ":".join([str(folder), *map(str, jars)])


def jena_harness(name: str, classpath: str, *args) -> list[str]:
    """The command that runs the Java harness ``tests/engines/<name>`` with Java's source launcher.

    The launcher compiles the one source file in memory at each start, so it
    needs the JDK's compiler; ``classpath`` is :func:`jena_classpath`'s.
    """
    program("javac", "default-jdk-headless")
    harness = Path(__file__).resolve().parent / "engines" / name
    return ["java", "-cp", classpath, str(harness), *map(str, args)]


def jena_shacl(folder: Path, shapes: Path, graphs: list[Path]) -> list[str]:
    """Validate the data graph files ``graphs`` against ``shapes`` with Jena SHACL, in one JVM.

    Runs ``tests/engines/JenaShacl.java``, which parses the shapes once.

    Returns
    -------
    list of str
        Per graph, in order, its SHACL validation report as N-Triples.

    Raises
    ------
    RuntimeError
        If the JVM fails (the shapes do not parse) or a graph cannot be validated.
    """
    import base64

    folder.mkdir(parents=True, exist_ok=True)
    classpath = jena_classpath(folder / "classes")
    if not Path("/usr/share/java/jena-shacl.jar").exists():
        missing("Jena SHACL is not installed: apt-get install libapache-jena-java (see .ci/system-packages)")
    command = jena_harness("JenaShacl.java", classpath, shapes)
    lines = "".join(f"{path}\n" for path in graphs)
    done = subprocess.run(command, input=lines.encode("utf-8"), capture_output=True, timeout=3600)
    answers = done.stdout.decode("ascii").splitlines()
    if done.returncode or len(answers) != len(graphs):
        raise RuntimeError(f"the Jena SHACL harness failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    reports = []
    for path, line in zip(graphs, answers):
        if line.startswith("ERROR "):
            raise RuntimeError(f"Jena SHACL on {path}: {base64.b64decode(line[6:]).decode('utf-8')}")
        reports.append(base64.b64decode(line).decode("utf-8"))
    return reports


class JenaTDB2:
    """A Jena TDB2 folder loaded with ``tdb2.tdbloader``, queried by one long-running JVM.

    The JVM runs ``tests/engines/JenaQueries.java`` (Java's source launcher),
    which answers one query per line with the union of the named graphs as
    the default graph. ``run`` has the engine interface of
    :class:`plankg.engines.Engine`; parameters are written into the query text
    as :func:`plankg.engines.endpoint.bind_terms` does for an endpoint.
    """

    name = "jena-tdb2"

    def __init__(self, folder: Path, quads):
        import pyoxigraph as ox

        folder.mkdir(parents=True, exist_ok=True)
        self.classpath = jena_classpath(folder / "classes")
        data = folder / "data.nq"
        data.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        self.location = folder / "tdb2"
        loaded = subprocess.run(
            ["java", "-cp", self.classpath, "tdb2.tdbloader", "--loc", str(self.location), str(data)],
            capture_output=True, text=True, timeout=600,
        )
        if loaded.returncode:
            raise RuntimeError(f"tdb2.tdbloader failed: {loaded.stderr[-2000:]}")
        self.process = subprocess.Popen(
            jena_harness("JenaQueries.java", self.classpath, self.location),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )

    def run(self, query: str, bindings, **options):
        """Answer one query (``options``, the embedded engines' limits, are not applied here)."""
        import base64

        from plankg.engines.endpoint import bind_terms
        from plankg.errors import QueryError
        from plankg.sparql.results import QueryResult

        text = bind_terms(query, bindings)
        self.process.stdin.write(base64.b64encode(text.encode("utf-8")) + b"\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the Jena harness exited")
        if line.startswith(b"ERROR "):
            raise QueryError("Jena: " + base64.b64decode(line[6:]).decode("utf-8"))
        return QueryResult.from_json(base64.b64decode(line))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
