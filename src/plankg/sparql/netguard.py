"""Keeping queries off the network unless asked: a check and a block.

A query reaches the network through ``SERVICE`` (federated query), ``LOAD``
(an update) or a dataset clause ``FROM`` / ``FROM NAMED``, which rdflib
dereferences. plankg stops such queries twice:

1. **The check** (:func:`network_features`) reads the *parsed* query: rdflib's
   SPARQL parser and algebra (pyoxigraph parses queries but exposes no
   algebra to Python), walked for ``SERVICE`` patterns and dataset clauses.
   Escapes, odd spacing and comments are the parser's business, so
   ``\\u0053ERVICE`` is ``SERVICE`` and ``SELECT ?service`` is not.
2. **The block** (:func:`block_network`) runs in the thread that evaluates
   the query, so that whatever one parser reads differently from another
   cannot reach the network either: an audit hook (:func:`sys.addaudithook`)
   refuses Python's socket calls while that thread runs a query, and on
   Linux a seccomp filter refuses the thread's ``connect`` system calls,
   which also stops Oxigraph's own HTTP client. The block lasts for the life
   of the thread, so only threads made for one query use it.

Examples
--------
>>> network_features('SELECT ?service WHERE { ?service ?p ?o }')
()
>>> network_features('SELECT * { \\\\u0053ERVICE <http://e/sparql> { ?s ?p ?o } }')
('SERVICE',)
>>> network_features('SELECT * FROM<http://e/g> { ?s ?p ?o }')
('FROM',)
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import ctypes.util
import functools
import os
import platform
import re
import sys
import threading
from collections.abc import Mapping

from ..errors import NetworkNotAllowed, QueryError

__all__ = [
    "algebra_names",
    "network_features",
    "check_query",
    "block_network",
    "network_attempts",
    "seccomp_available",
    "preexec_without_network",
    "rdflib_prepare",
    "rdflib_parsing",
    "RDFLIB_PARSE_LOCK",
]

#: Words every network feature is spelt with, after rdflib's case folding.
_KEYWORDS = ("SERVICE", "FROM", "LOAD")

_HINT = "pass --allow-network (allow_network=True) to run it"


@functools.lru_cache(maxsize=512)
def network_features(query: str) -> tuple[str, ...] | None:
    """Return the network features of ``query``, read from its parsed form.

    The features are ``"SERVICE"``, ``"FROM"`` and ``"FROM NAMED"``, found by
    walking the algebra rdflib parses the query into.

    A query is not parsed when it cannot hold any of them, which keeps the
    common case fast: when none of the words ``SERVICE``, ``FROM`` and
    ``LOAD`` appears in it outside whole-line comments, compared as
    pyparsing compares keywords (``str.upper``). This shortcut is taken
    only for text that both parsers must read alike here: no ``\\u``
    escapes (rdflib expands them before parsing, Oxigraph does not), and no
    long strings (three quotes, the only tokens that span lines), so
    that a ``#`` with only blanks before it on its line starts a comment for
    both; the comment is taken to end at the first line feed or carriage
    return, the earlier of the two parsers' ends.

    Returns
    -------
    tuple of str, or None
        The features, in a stable order; ``None`` if rdflib cannot parse the
        query (an update such as ``LOAD``, or syntax rdflib lacks).
    """
    if not _may_reach_network(query):
        return ()
    try:
        parsed = rdflib_prepare(query)
    except QueryError:
        return None
    found = set()
    for clause in parsed.algebra.get("datasetClause") or ():
        found.add("FROM NAMED" if "named" in clause else "FROM")
    if _has_service(parsed.algebra):
        found.add("SERVICE")
    return tuple(name for name in ("SERVICE", "FROM", "FROM NAMED") if name in found)


def rdflib_prepare(query: str, prefixes: Mapping[str, str] | None = None):
    """Parse ``query`` with rdflib into its algebra, once per text and prefixes.

    Every ``prepareQuery`` of plankg is this one, under :func:`rdflib_parsing`;
    the rdflib engine evaluates the very object returned here, so the check
    and the engine read the query the same way.

    Parameters
    ----------
    query : str
        The query text.
    prefixes : mapping of str to str, optional
        Prefixes the query may use without declaring them (rdflib's ``initNs``).

    Returns
    -------
    rdflib.plugins.sparql.sparql.Query

    Raises
    ------
    QueryError
        If rdflib cannot parse it.
    """
    return _prepared(query, frozenset(prefixes.items()) if prefixes else frozenset())


@functools.lru_cache(maxsize=256)
def _prepared(query: str, prefixes: frozenset):
    from rdflib.plugins.sparql import prepareQuery

    with rdflib_parsing():
        return prepareQuery(query, initNs=dict(prefixes))


@contextlib.contextmanager
def rdflib_parsing():
    """Hold :data:`RDFLIB_PARSE_LOCK` for a parse with rdflib's SPARQL grammar; its errors become :class:`QueryError`.

    Every parse plankg makes with rdflib's grammar runs inside this:
    :func:`rdflib_prepare`, and :func:`plankg.sparql.parsetree.parse_tree`
    with its positioned copy of the grammar.

    Raises
    ------
    QueryError
        If the parse raised; the parser's own error is its cause.
    """
    try:
        with RDFLIB_PARSE_LOCK:
            yield
    except QueryError:
        raise
    except Exception as err:  # pyparsing and rdflib raise assorted errors
        raise QueryError(f"the query does not parse on rdflib: {err}") from err


_WHOLE_LINE_COMMENT = re.compile(r"(?m)^[ \t]*#[^\r\n]*|(?<=\r)[ \t]*#[^\r\n]*")


def _may_reach_network(query: str) -> bool:
    if any(mark in query for mark in ("\\u", "\\U", "'''", '"""')):
        return True
    upper = _WHOLE_LINE_COMMENT.sub(" ", query).upper()
    return any(word in upper for word in _KEYWORDS)


def _has_service(node) -> bool:
    return "ServiceGraphPattern" in algebra_names(node)


def algebra_names(node) -> set[str]:
    """Return the names of every part of an rdflib algebra or parse tree (``"Builtin_NOW"``, ``"Join"``, …).

    Examples
    --------
    >>> sorted(algebra_names(rdflib_prepare("SELECT (NOW() AS ?t) WHERE {}").algebra))
    ['BGP', 'Builtin_NOW', 'Extend', 'Project', 'SelectQuery']
    """
    names = set()
    stack = [node]
    seen = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            name = getattr(item, "name", None)
            if name is not None:
                names.add(name)
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return names


def check_query(query: str, *, enforced: bool) -> None:
    """Refuse ``query`` if it would reach the network.

    Parameters
    ----------
    query : str
        The query text, exactly as the engine receives it.
    enforced : bool
        Whether the engine runs it under :func:`block_network` with the
        seccomp filter. A query rdflib cannot parse is then left to the
        engine (which reports its own syntax errors, and cannot reach the
        network); without the filter it is refused, since nothing could be
        checked.

    Raises
    ------
    NetworkNotAllowed
        If the query uses ``SERVICE`` or a dataset clause, or cannot be
        checked.
    """
    features = network_features(query)
    if features:
        raise NetworkNotAllowed(f"the query would reach the network ({', '.join(features)}); {_HINT}")
    if features is None and not enforced:
        raise NetworkNotAllowed(f"plankg cannot check this query for network access (rdflib cannot parse it); {_HINT}")


# --- the block ------------------------------------------------------------

#: Set in a query's thread: the network events seen while it was blocked.
_BLOCKED: contextvars.ContextVar[list | None] = contextvars.ContextVar("plankg_network_blocked", default=None)
_NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.sendto",
        "socket.sendmsg",
        "urllib.Request",
        "http.client.connect",
    }
)
_hook_installed = False
#: rdflib's SPARQL parser is not safe to enter from two threads at once
#: (pyparsing packrat caches and parse actions); every parse takes this lock.
RDFLIB_PARSE_LOCK = threading.Lock()


def _audit(event: str, args) -> None:
    if event in _NETWORK_EVENTS:
        attempts = _BLOCKED.get()
        if attempts is not None:
            attempts.append(event)
            raise NetworkNotAllowed(f"the query tried to reach the network ({event}); {_HINT}")


def block_network() -> bool:
    """Block network access for the rest of the calling thread's life.

    Call it first thing in a thread made to run one query. Python socket
    calls raise :class:`~plankg.errors.NetworkNotAllowed` (an audit hook,
    installed once per process and inert in every other thread); on Linux a
    seccomp filter also makes the thread's ``connect`` calls fail.

    Returns
    -------
    bool
        Whether the seccomp filter is in place.
    """
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    _BLOCKED.set([])
    return _install_seccomp()


def network_attempts() -> list[str]:
    """Return the network calls the audit hook refused in this thread."""
    return list(_BLOCKED.get() or ())


# Linux seccomp: refuse connect(), sendto() to an address, sendmsg() and
# io_uring (which would go around the filter) with EPERM.
_SYSCALLS = {
    # machine: (audit arch, connect, sendto, sendmsg, sendmmsg, io_uring_setup)
    "x86_64": (0xC000003E, 42, 44, 46, 307, 425),
    "aarch64": (0xC00000B7, 203, 206, 211, 269, 425),
}
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_PR_SET_PDEATHSIG = 1
_SECCOMP_MODE_FILTER = 2


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _program() -> list[tuple[int, int, int, int]]:
    arch, connect, sendto, sendmsg, sendmmsg, uring = _SYSCALLS[platform.machine()]
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    code: list = []
    labels: dict[str, int] = {}

    def emit(op, k, jt=None, jf=None):
        code.append([op, jt, jf, k])

    emit(ld, 4)  # A = seccomp_data.arch
    emit(jeq, arch, None, "deny")
    emit(ld, 0)  # A = seccomp_data.nr
    emit(jge, 0x40000000, "deny", None)  # the x32 ABI
    for number in (connect, sendmsg, sendmmsg, uring):
        emit(jeq, number, "deny", None)
    emit(jeq, sendto, None, "allow")
    emit(ld, 48)  # sendto's dest_addr (args[4]), low half
    emit(jeq, 0, None, "deny")
    emit(ld, 52)  # high half
    emit(jeq, 0, "allow", "deny")
    labels["allow"] = len(code)
    emit(ret, allow)
    labels["deny"] = len(code)
    emit(ret, deny)
    out = []
    for index, (op, jt, jf, k) in enumerate(code):
        jt = labels[jt] - index - 1 if isinstance(jt, str) else 0
        jf = labels[jf] - index - 1 if isinstance(jf, str) else 0
        out.append((op, jt, jf, k))
    return out


@functools.lru_cache(maxsize=1)
def _libc():
    if sys.platform != "linux" or platform.machine() not in _SYSCALLS:
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def _install_seccomp() -> bool:
    libc = _libc()
    if libc is None:
        return False
    program = _program()
    filters = (_SockFilter * len(program))(*[_SockFilter(*i) for i in program])
    fprog = _SockFprog(len(program), filters)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


@functools.lru_cache(maxsize=1)
def seccomp_available() -> bool:
    """Return whether this system can block a thread's network calls (Linux seccomp)."""
    result = []
    probe = threading.Thread(target=lambda: result.append(_install_seccomp()), daemon=True)
    probe.start()
    probe.join()
    return bool(result and result[0])


def preexec_without_network(*, network: bool):
    """Return a ``preexec_fn`` for a child process: it dies with its parent, and
    has no network unless ``network``.

    The child gets ``PR_SET_PDEATHSIG`` (SIGKILL when plankg dies, even by
    ``kill -9``) and, without ``network``, the seccomp filter of
    :func:`block_network`, which lets a server accept connections but not
    open any. ``None`` where neither exists (not Linux).
    """
    if _libc() is None:
        return None

    def prepare() -> None:
        libc = _libc()
        libc.prctl(_PR_SET_PDEATHSIG, 9, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the line above
            os._exit(1)
        if not network and not _install_seccomp():
            os._exit(3)

    return prepare
