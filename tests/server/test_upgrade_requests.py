"""Requests to switch a connection to a websocket, on a real server on 127.0.0.1: the phone pages speak no websocket,
so each is answered as an ordinary request and its connection's place is freed when it closes, even where a websocket
library is importable (as `uvicorn[standard]` brings one), so nobody can use them to shut phones out."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from cafe_desk.server.runner import ParticipantServer
from cafe_desk.server.security import Limits
from cafe_desk.services import Services
from tests.server.conftest import client_for, path_of
from tests.test_cli import ROOT

PER_ADDRESS = 3
UPGRADE = ("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
           "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")


def upgrades_leave_nothing_behind(server: ParticipantServer, source: str = "127.0.0.7") -> None:
    """Twice as many upgrade requests from `source` as it may hold connections, each closed after its answer: every
    place is freed, and a phone at that address still reads the page. (Also run in a process that can import a
    websocket library, below.)"""
    path = path_of(server, server.cafe_url)
    for _ in range(2 * PER_ADDRESS):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5, source_address=(source, 0)) as sock:
            sock.sendall(UPGRADE.format(path=path).encode())
            assert sock.recv(65536).startswith(b"HTTP/1.1 200"), "answered as the ordinary page"
    counts = server.connections
    assert counts is not None
    deadline = time.monotonic() + 5
    while counts.total and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (counts.total, dict(counts.per_address)) == (0, {}), "every upgrade request's place was freed"
    with client_for(server, source) as phone:
        assert phone.get(path).status_code == 200


def limited(db_path, cafe_id: str) -> ParticipantServer:
    return ParticipantServer(Services.opener_for(db_path), cafe_id, host="127.0.0.1", port=0,
                             limits=Limits(connections_per_address=PER_ADDRESS))


@pytest.fixture
def server(db_path, cafe):
    server = limited(db_path, cafe.id)
    server.start()
    yield server
    server.stop()


def test_upgrade_requests_are_answered_as_pages_and_free_their_places(server):
    upgrades_leave_nothing_behind(server)


def test_the_server_speaks_no_websocket_whatever_is_installed(server):
    # uvicorn's "auto" would take up any websocket library it can import, and a connection it hands to one is no
    # longer counted out when it closes
    assert server._server is not None and server._server.config.ws == "none"


IN_ANOTHER_PROCESS = """
import sys
sys.path.insert(0, sys.argv[3])
import websockets  # noqa: F401 - importable here, so uvicorn's "auto" would take it up
from tests.server.test_upgrade_requests import limited, upgrades_leave_nothing_behind
server = limited(sys.argv[1], sys.argv[2])
server.start()
try:
    upgrades_leave_nothing_behind(server)
finally:
    server.stop()
print("freed")
"""


@pytest.fixture(scope="module")
def websocket_library(tmp_path_factory) -> str:
    """A folder from which `websockets` imports: installed there by pip from the package indexes this machine has
    on disk (never over the network), or the test is skipped."""
    local = [url for url in pip_setting("index-url") + pip_setting("extra-index-url") if url.startswith("file:")]
    if not local:
        pytest.skip("no package index on disk to take a websocket library from")
    folder = tmp_path_factory.mktemp("websocket-library")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    indexes = ["--index-url", local[0]] + [arg for url in local[1:] for arg in ("--extra-index-url", url)]
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(folder),
                           *indexes, "websockets"], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        pytest.skip("no websocket library on disk: " + done.stderr.strip()[-200:])
    return str(folder)


def pip_setting(name: str) -> list[str]:
    """The URLs pip is configured with for `name` (from its config files and environment)."""
    done = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True,
                          timeout=60)
    urls = [line.split("=", 1)[1].strip("'\"") for line in done.stdout.splitlines()
            if line.split("=", 1)[0].endswith("." + name)]
    return [url for value in urls for url in value.split()]


def test_with_a_websocket_library_importable_upgrade_requests_still_free_their_places(db_path, cafe,
                                                                                        websocket_library):
    done = subprocess.run([sys.executable, "-c", IN_ANOTHER_PROCESS, str(db_path), cafe.id, websocket_library],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "freed", done.stderr[-3000:]
