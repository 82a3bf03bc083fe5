"""Loopback fake HTTP servers for the security tests: each records what it received."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass, field

ONE_ROW = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'


@dataclass
class Fake:
    """A loopback HTTP server whose answer is a function of the request."""

    answer: object  # callable(handler) -> None, writes the response
    received: list = field(default_factory=list)
    server: http.server.ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def authorizations(self) -> list[str | None]:
        return [headers.get("Authorization") for _, _, headers in self.received]


def handler_for(fake: Fake):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fake.received.append((self.command, self.path, dict(self.headers)))
            self.body = body
            try:
                fake.answer(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = do_PUT = do_DELETE = _any

        def log_message(self, *args):
            pass

    return Handler


def results(handler, body: bytes = ONE_ROW) -> None:
    """Answer with SPARQL JSON results."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect(location: str, code: int = 303):
    """An answer that redirects every request to ``location``."""

    def answer(handler):
        handler.send_response(code)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def trickle(every: float, *, headers_too: bool):
    """An answer that sends a valid response one byte at a time, ``every`` seconds apart."""

    def answer(handler):
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            f"Content-Length: {len(ONE_ROW)}\r\n\r\n"
        ).encode()
        if not headers_too:
            handler.wfile.write(head)
            handler.wfile.flush()
            head = b""
        for byte in head + ONE_ROW:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(every)

    return answer
