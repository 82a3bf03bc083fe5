"""Fixtures of the security tests: loopback fake HTTP servers (see ``fakehttp``), and a
loopback listener that counts connections."""

from __future__ import annotations

import http.server
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/security/fakehttp.py

from fakehttp import Fake, handler_for  # noqa: E402


@pytest.fixture
def fake_server():
    """Start fake servers with ``fake_server(answer)``; all are stopped at the end."""
    started = []

    def start(answer) -> Fake:
        fake = Fake(answer)
        fake.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
        fake.server.daemon_threads = True
        threading.Thread(target=fake.server.serve_forever, daemon=True).start()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.server.shutdown()
        fake.server.server_close()


class Listener:
    """A loopback TCP listener that counts the connections it accepts."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._open = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while self._open:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def settle(self) -> int:
        time.sleep(0.3)
        return self.connections

    def close(self):
        self._open = False
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()
