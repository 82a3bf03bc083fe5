"""Fixtures of the security tests: loopback fake HTTP servers (see ``fakehttp``)."""

from __future__ import annotations

import http.server
import sys
import threading
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


