"""HTTP Digest access authentication (RFC 7616), as Virtuoso's ``/sparql-auth`` asks for it.

:mod:`plankg.http` sends HTTP basic authentication first. A server that
answers ``401`` with a ``WWW-Authenticate: Digest …`` challenge (Virtuoso's
``/sparql-auth`` and ``/sparql-graph-crud-auth`` accept nothing else) gets the
same request again with a Digest ``Authorization`` computed here from the
challenge; the password itself is never sent. The challenge is remembered per
origin (scheme, host, port), so later requests to that origin answer it
directly, counting ``nc`` up, and send no basic credentials.

Examples
--------
>>> c = parse_challenge('Basic realm="x", Digest realm="SPARQL", nonce="abc", qop="auth,auth-int", algorithm=MD5')
>>> c.realm, c.nonce, c.qop, c.algorithm
('SPARQL', 'abc', 'auth', 'MD5')
>>> parse_challenge('Basic realm="x"') is None
True
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.request
from dataclasses import dataclass

__all__ = ["Challenge", "parse_challenge", "authorization"]

_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256, "SHA-512-256": None}
_SCHEME = re.compile(r"(?:^|,)\s*digest\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Challenge:
    """What a server's Digest challenge asks for."""

    realm: str
    nonce: str
    #: ``"auth"`` if the server offers it, else ``""`` (RFC 2069 style).
    qop: str = ""
    algorithm: str = "MD5"
    opaque: str | None = None


def parse_challenge(header: str | None) -> Challenge | None:
    """Return the Digest challenge in a ``WWW-Authenticate`` value, if there is a usable one.

    Only ``qop=auth`` (or none) and the MD5 and SHA-256 algorithms (and their
    ``-sess`` forms) are used; anything else gives None, and the request's
    ``401`` stands.
    """
    if not header:
        return None
    found = _SCHEME.search(header)
    if not found:
        return None
    params = {}
    for item in urllib.request.parse_http_list(header[found.end():]):
        key, eq, value = item.partition("=")
        key = key.strip().lower()
        if not eq or " " in key:  # the next challenge's scheme
            break
        value = value.strip()
        params[key] = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    algorithm = params.get("algorithm", "MD5").upper()
    if _HASHES.get(algorithm.removesuffix("-SESS")) is None or "nonce" not in params:
        return None
    offered = {q.strip().lower() for q in params.get("qop", "").split(",") if q.strip()}
    if offered and "auth" not in offered:
        return None
    return Challenge(params.get("realm", ""), params["nonce"], "auth" if offered else "", algorithm, params.get("opaque"))


def authorization(
    challenge: Challenge, user: str, password: str, method: str, uri: str, count: int, *, cnonce: str | None = None
) -> str:
    """Return the ``Authorization`` value answering ``challenge`` for one request.

    Parameters
    ----------
    challenge : Challenge
    user, password : str
    method : str
        The request's method (``GET``, ``POST`` …).
    uri : str
        The request target (path and query), as sent in the request line.
    count : int
        How many requests have answered this nonce, this one included (``nc``).
    cnonce : str, optional
        The client nonce; a random one by default.

    Examples
    --------
    The example of RFC 2617, section 3.5:

    >>> c = Challenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "MD5",
    ...               "5ccc069c403ebaf9f0171e9517f40e41")
    >>> value = authorization(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, cnonce="0a4f113b")
    >>> 'response="6629fae49393a05397450978507c4ef1"' in value
    True
    """
    cnonce = cnonce or os.urandom(8).hex()
    base = challenge.algorithm.removesuffix("-SESS")

    def h(text: str) -> str:
        return _HASHES[base](text.encode("utf-8")).hexdigest()

    nc = f"{count:08x}"
    ha1 = h(f"{user}:{challenge.realm}:{password}")
    if challenge.algorithm.endswith("-SESS"):
        ha1 = h(f"{ha1}:{challenge.nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    if challenge.qop:
        response = h(f"{ha1}:{challenge.nonce}:{nc}:{cnonce}:{challenge.qop}:{ha2}")
    else:
        response = h(f"{ha1}:{challenge.nonce}:{ha2}")
    fields = [
        ("username", _quoted(user)),
        ("realm", _quoted(challenge.realm)),
        ("nonce", _quoted(challenge.nonce)),
        ("uri", _quoted(uri)),
        ("response", _quoted(response)),
        ("algorithm", challenge.algorithm),
    ]
    if challenge.qop:
        fields += [("qop", challenge.qop), ("nc", nc), ("cnonce", _quoted(cnonce))]
    if challenge.opaque is not None:
        fields.append(("opaque", _quoted(challenge.opaque)))
    return "Digest " + ", ".join(f"{k}={v}" for k, v in fields)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
