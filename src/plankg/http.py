"""The one HTTP client policy of plankg: queries to an endpoint and ``push``.

Every request plankg sends goes through :func:`request`, which holds to these
rules:

* Only ``http`` and ``https`` URLs; anything else (``file:``, ``ftp:`` …) is an
  :class:`~plankg.errors.EndpointError` before any request is sent.
* Credentials come from the URL (``http://user:password@host/…``: moved into
  an ``Authorization: Basic`` header and removed from the URL) or, failing
  that, from ``PLANKG_ENDPOINT_USER`` and ``PLANKG_ENDPOINT_PASSWORD``. No
  message, error or ``repr`` shows them: every URL plankg prints is
  :attr:`Address.url`, which has none.
* Redirects are followed only within the origin (scheme, host and port) the
  request was sent to, at most five times; a redirect to another origin is an
  error naming the new address, so credentials never leave the origin they
  were given for. ``301``/``302``/``303`` are followed for ``GET`` only, as a
  ``POST`` would lose its body; ``307``/``308`` keep the method and body.
* One deadline covers the whole request: connecting, sending, and reading the
  status, headers and body. A server that trickles a byte at a time is cut off
  when the deadline passes (a watchdog shuts the socket down). Name
  resolution is left to the system resolver and is not bounded.
* A server that answers ``401`` with a Digest challenge (Virtuoso's
  ``/sparql-auth``) gets the request once more with HTTP Digest
  authentication (:mod:`plankg.httpdigest`), computed from the same
  credentials for the same address; later requests to that origin answer the
  remembered challenge and send no basic credentials.
* Proxy variables (``HTTP_PROXY`` …) are not used.
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field, replace
from email.message import Message

from . import httpdigest
from .errors import EndpointError

__all__ = ["Address", "Response", "address", "credentials", "request", "without_userinfo", "USER_ENV", "PASSWORD_ENV"]

USER_ENV = "PLANKG_ENDPOINT_USER"
PASSWORD_ENV = "PLANKG_ENDPOINT_PASSWORD"

#: Redirects followed within one origin before giving up.
MAX_REDIRECTS = 5
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Header lines read from one response at most. Virtuoso echoes every
#: ``default-graph-uri`` and ``named-graph-uri`` as an ``X-SPARQL-…`` header:
#: two per graph, 4,002 for a corpus of 1,000 plans, past the standard
#: library's 100. This limit holds for plankg's own connections only
#: (:class:`_Response`); every other client in the process keeps the standard one.
MAX_HEADERS = 10_000
_REDIRECTS = (301, 302, 303, 307, 308)


class _Response(http.client.HTTPResponse):
    """An :class:`http.client.HTTPResponse` that reads up to :data:`MAX_HEADERS` header lines.

    The standard library counts the lines its header reader gets from
    ``readline`` against its process-wide limit. While the status and
    headers are read, this response's stream hands the header lines over in
    batches of whole lines (each at most the standard line length), counting
    them against :data:`MAX_HEADERS` itself; the standard library parses the
    same bytes as ever. The body is read from the stream as it is.
    """

    def begin(self):
        if self.headers is not None:
            return
        batches = self.fp = _HeaderBatches(self.fp)
        try:
            super().begin()
        finally:
            if self.fp is batches:  # not closed on a bad status line
                self.fp = batches.stream


class _HeaderBatches:
    """``readline`` for :meth:`http.client.HTTPResponse.begin`: status lines one by one, header lines in batches."""

    def __init__(self, stream):
        self.stream = stream
        self.pending: bytes | None = None
        self.in_headers = False  # after a status line, until the blank line that ends its headers
        self.headers = 0

    def close(self) -> None:
        self.stream.close()

    def _next(self) -> bytes:
        if self.pending is not None:
            line, self.pending = self.pending, None
            return line
        return self.stream.readline(http.client._MAXLINE + 1)

    def readline(self, limit: int = -1) -> bytes:
        longest = http.client._MAXLINE
        line = self._next()
        if not self.in_headers:  # a status line
            self.in_headers = True
            return line
        batch, size = [], 0
        while line not in _BLANK and size + len(line) <= longest:
            self.headers += 1
            if self.headers > MAX_HEADERS:
                raise http.client.HTTPException(f"got more than {MAX_HEADERS:,} headers")
            batch.append(line)
            size += len(line)
            line = self._next()
        if batch:
            self.pending = line
            return b"".join(batch)
        self.in_headers = line not in _BLANK  # a line too long goes alone, for the standard library to refuse
        return line


_BLANK = (b"\r\n", b"\n", b"")


class _Connection(http.client.HTTPConnection):
    response_class = _Response


class _SecureConnection(http.client.HTTPSConnection):
    response_class = _Response


def credentials() -> tuple[str, str] | None:
    """Return the basic-auth user and password from the environment, if set."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    return (user, password) if user and password is not None else None


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def without_userinfo(text: str) -> str:
    """Return ``text`` with any ``user:password@`` of its authority removed."""
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    authority, slash, tail = rest.partition("/")
    authority, query_sep, query = authority.partition("?")
    authority = authority.rpartition("@")[2]
    return f"{scheme}{sep}{authority}{query_sep}{query}{slash}{tail}"


@dataclass(frozen=True)
class Address:
    """An ``http``/``https`` URL, its origin and its credentials, kept apart.

    Create one with :func:`address`. ``url`` never holds credentials and is
    the only form of the address plankg prints.
    """

    #: The URL without user information.
    url: str
    scheme: str
    host: str
    port: int
    #: Path and query, as sent in the request line.
    target: str
    #: The ``Authorization`` header value, if any; never printed.
    authorization: str | None = None
    #: The user and password, kept to answer a server's Digest challenge; never printed.
    secret: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def origin(self) -> tuple[str, str, int]:
        """``(scheme, host, port)``: redirects are followed only within it."""
        return (self.scheme, self.host, self.port)

    def __repr__(self) -> str:
        auth = " with credentials" if self.authorization else ""
        return f"<Address {self.url}{auth}>"


def address(url: str, *, authorization: str | None = None) -> Address:
    """Parse ``url`` into an :class:`Address`, moving its credentials aside.

    Parameters
    ----------
    url : str
        An ``http`` or ``https`` URL, possibly with ``user:password@``.
    authorization : str, optional
        The ``Authorization`` value to use when the URL has no credentials;
        by default the environment's (:func:`credentials`).

    Raises
    ------
    EndpointError
        If the URL is not ``http``/``https``, has no host, or a bad port. The
        message shows the URL without its credentials.

    Examples
    --------
    >>> a = address("http://ann:s%40cret@127.0.0.1:7878/query?x=1")
    >>> a.url, a.origin, a.target
    ('http://127.0.0.1:7878/query?x=1', ('http', '127.0.0.1', 7878), '/query?x=1')
    >>> a.authorization == _basic("ann", "s@cret")
    True
    >>> address("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    plankg.errors.EndpointError: file:///etc/passwd: plankg speaks only http and https; give an http(s):// URL
    """
    shown = without_userinfo(url.strip())
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as err:
        raise EndpointError(f"{shown}: not a usable URL (check the host and port)") from err
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise EndpointError(f"{shown}: plankg speaks only http and https; give an http(s):// URL")
    if not parts.hostname:
        raise EndpointError(f"{shown}: the URL names no host")
    host = parts.hostname
    port = port or _DEFAULT_PORTS[scheme]
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    path = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    target = path + (f"?{query}" if query else "")
    clean = urllib.parse.urlunsplit((scheme, netloc, path if parts.path else "", query, ""))
    secret = None
    if parts.username is not None:
        secret = (urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
        authorization = _basic(*secret)
    elif authorization is None:
        secret = credentials()
        authorization = _basic(*secret) if secret else None
    return Address(clean, scheme, host, port, target, authorization, secret)


@dataclass(frozen=True)
class Response:
    """A server's answer: status, headers and the whole body."""

    status: int
    reason: str
    headers: Message
    body: bytes
    #: The address that answered (after same-origin redirects).
    url: str

    @property
    def ok(self) -> bool:
        """Whether the status is 2xx."""
        return 200 <= self.status < 300

    def summary(self) -> str:
        """``HTTP 404 Not Found: <first line of the body>``, without control characters."""
        lines = self.body[:500].decode("utf-8", errors="replace").strip().splitlines()
        first = "".join(ch for ch in (lines[0] if lines else "") if ch.isprintable())[:200]
        return f"HTTP {self.status} {self.reason}" + (f": {first}" if first else "")


def request(
    url: str | Address,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Response:
    """Send one HTTP request under plankg's policy and return the answer.

    Parameters
    ----------
    url : str or Address
        Where to send it (see :func:`address`).
    method : str, default "GET"
    body : bytes, optional
    headers : dict, optional
        Extra headers (``Content-Type``, ``Accept`` …).
    timeout : float, default 30
        Seconds for the whole exchange, redirects included.

    Returns
    -------
    Response
        Any final status; callers decide what a 4xx or 5xx means.

    Raises
    ------
    EndpointError
        If the URL is unusable, the server cannot be reached, the deadline
        passes, or it redirects to another origin (or too often).
    """
    where = url if isinstance(url, Address) else address(url)
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        response = _exchange(where, method, body, headers or {}, deadline, timeout)
        if response.status == 401 and where.secret:
            response = _digest(where, method, body, headers or {}, deadline, timeout, response)
        location = response.headers.get("Location")
        if response.status not in _REDIRECTS or not location:
            return response
        where = _follow(where, location, response.status, method)
    raise EndpointError(f"{where.url} redirected more than {MAX_REDIRECTS} times; give the final address")


def _digest(where, method, body, headers, deadline, timeout, refused: Response) -> Response:
    """Answer a Digest challenge for a request refused with ``401``, or return the refusal."""
    challenge = httpdigest.parse_challenge(refused.headers.get("WWW-Authenticate"))
    if challenge is None:
        # Virtuoso answers a basic Authorization it does not take with a bare
        # 401; without credentials, the same request draws its challenge.
        bare = _exchange(replace(where, authorization=None, secret=None), method, body, headers, deadline, timeout)
        challenge = httpdigest.parse_challenge(bare.headers.get("WWW-Authenticate"))
        if bare.status != 401 or challenge is None:
            return refused
    _DIGEST.remember(where.origin, challenge)
    return _exchange(where, method, body, headers, deadline, timeout)


def _follow(where: Address, location: str, status: int, method: str) -> Address:
    joined = urllib.parse.urljoin(where.url, location.strip())
    try:
        new = address(joined, authorization=where.authorization or "")
    except EndpointError as err:
        raise EndpointError(f"{where.url} redirects to an unusable address: {err}") from err
    if new.origin != where.origin:
        raise EndpointError(
            f"{where.url} redirects to another origin ({new.url}); plankg follows redirects only "
            "within one origin, so that credentials stay with it: give the new address yourself"
        )
    if status in (301, 302, 303) and method not in ("GET", "HEAD"):  # would turn into a GET without the body
        raise EndpointError(f"{where.url} answered HTTP {status}, moved to {new.url}; give that address")
    return replace(new, authorization=where.authorization, secret=where.secret)


class _Challenges:
    """The Digest challenge each origin last sent, and how often it was answered."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known: dict[tuple[str, str, int], tuple[httpdigest.Challenge, int]] = {}

    def remember(self, origin, challenge: httpdigest.Challenge) -> None:
        with self._lock:
            self._known[origin] = (challenge, 0)

    def forget(self, origin) -> None:
        with self._lock:
            self._known.pop(origin, None)

    def answer(self, where: Address, method: str) -> str | None:
        """The Digest ``Authorization`` for a request to ``where``, if its origin challenged before."""
        with self._lock:
            known = self._known.get(where.origin)
            if known is None or where.secret is None:
                return None
            challenge, count = known
            self._known[where.origin] = (challenge, count + 1)
        return httpdigest.authorization(challenge, *where.secret, method, where.target, count + 1)


_DIGEST = _Challenges()


def _exchange(
    where: Address, method: str, body: bytes | None, headers: dict[str, str], deadline: float, timeout: float
) -> Response:
    remaining = deadline - time.monotonic()
    late = f"{where.url} did not answer within {timeout:g} s"
    if remaining <= 0:
        raise EndpointError(late)
    kind = _SecureConnection if where.scheme == "https" else _Connection
    connection = kind(where.host, where.port, timeout=remaining)
    expired = threading.Event()

    def expire():
        expired.set()
        sock = connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(remaining, expire)
    watchdog.daemon = True
    watchdog.start()
    sent = dict(headers)
    digest = _DIGEST.answer(where, method)
    if digest or where.authorization:
        sent["Authorization"] = digest or where.authorization
    try:
        connection.request(method, where.target, body=body, headers=sent)
        answer = connection.getresponse()
        data = answer.read()
        result = Response(answer.status, answer.reason, answer.headers, data, where.url)
    except (TimeoutError, socket.timeout) as err:
        raise EndpointError(late) from err
    except (OSError, http.client.HTTPException) as err:
        if expired.is_set():
            raise EndpointError(late) from err
        reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
        raise EndpointError(f"cannot reach {where.url}: {reason}") from err
    finally:
        watchdog.cancel()
        connection.close()
    if expired.is_set():
        raise EndpointError(late)
    return result
