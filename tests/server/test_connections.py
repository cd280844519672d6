"""The phone server under slow and greedy clients, on a real server on 127.0.0.1: half-sent requests are closed, a
half-sent form is never taken in, connections are capped per address and in all, and the open-file limit is raised
at start. Every wait is bounded."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from cafe_desk.server.connections import FILES_KEPT, raise_open_file_limit, total_connections
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.server.security import Limits
from cafe_desk.services import Services
from tests.server.conftest import client_for, form_token, path_of
from tests.test_cli import ROOT


@pytest.fixture
def start(db_path, cafe):
    """Start a server with the given limits; every one started is stopped after the test."""
    servers = []

    def started(limits: Limits | None = None) -> ParticipantServer:
        server = ParticipantServer(Services.opener_for(db_path), cafe.id, host="127.0.0.1", port=0, limits=limits)
        server.start()
        servers.append(server)
        return server

    yield started
    for server in servers:
        server.stop()


def connect(server: ParticipantServer, source: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5, source_address=(source, 0))
    sock.setblocking(False)
    return sock


def is_closed(sock: socket.socket) -> bool:
    """True once the server has closed the connection (nothing to read but the end)."""
    try:
        return sock.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def wait_closed(sock: socket.socket, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if is_closed(sock):
            return True
        time.sleep(0.02)
    return False


def phone_gets_through(server: ParticipantServer, source: str = "127.0.0.1") -> None:
    """A normal phone reads the page and sends a comment."""
    with client_for(server, source) as phone:
        page = phone.get(path_of(server, server.cafe_url))
        assert page.status_code == 200
        reply = phone.post(path_of(server, server.cafe_url) + "/comment",
                           data={"csrf": form_token(page), "comment": "Still here", "consent": "yes"})
        assert reply.status_code == 303


def test_half_sent_requests_are_closed_while_phones_get_through(start, services, cafe):
    """300 requests whose headers never end (half of them sending a header line every two seconds to look alive),
    from 20 addresses, are all closed about ten seconds in; a phone sends a comment in the meantime."""
    server = start()  # the real limits: headers within 10 s
    token_path = path_of(server, server.cafe_url)
    slow: list[tuple[socket.socket, float]] = []
    for i in range(300):
        sock = connect(server, f"127.0.0.{2 + i % 20}")
        sock.sendall(f"GET {token_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        slow.append((sock, time.monotonic()))
    try:
        phone_gets_through(server)
        closed_after: dict[int, float] = {}
        last_trickle = time.monotonic()
        checked_midway = False
        deadline = time.monotonic() + 16
        while len(closed_after) < len(slow) and time.monotonic() < deadline:
            now = time.monotonic()
            trickle = now - last_trickle >= 2
            for i, (sock, opened) in enumerate(slow):
                if i in closed_after:
                    continue
                if is_closed(sock):
                    closed_after[i] = now - opened
                elif trickle and i % 2 == 0:
                    try:
                        sock.send(b"X-Still-Typing: yes\r\n")
                    except OSError:
                        closed_after[i] = now - opened
            if trickle:
                last_trickle = now
            if not checked_midway and now - slow[-1][1] > 5:
                assert not closed_after
                phone_gets_through(server)  # all 300 still held open: a phone still gets in
                checked_midway = True
            time.sleep(0.1)
        assert checked_midway
        assert len(closed_after) == 300, f"{300 - len(closed_after)} slow requests were still open after 16 s"
        assert min(closed_after.values()) > 9, "no request is cut off before its ten seconds"
        assert max(closed_after.values()) < 15
        phone_gets_through(server)
    finally:
        for sock, _ in slow:
            sock.close()
    assert [c.text for c in services.comments.comments(cafe.id)] == ["Still here"] * 3


def test_a_form_that_never_finishes_arriving_is_closed_and_not_taken_in(start, services, cafe):
    server = start(Limits(body_timeout_s=1.5))
    with client_for(server) as phone:
        page = phone.get(path_of(server, server.cafe_url))
        cookie = "; ".join(f"{k}={v}" for k, v in phone.cookies.items())
    form = f"csrf={form_token(page)}&comment=Half+a+comment&consent=yes".encode()
    sock = connect(server, "127.0.0.1")
    try:
        sock.sendall(f"POST {path_of(server, server.cafe_url)}/comment HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     f"Content-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\n"
                     f"Content-Length: {len(form) + 40}\r\n\r\n".encode() + form)
        started = time.monotonic()
        assert wait_closed(sock, 5)
        assert 1.3 < time.monotonic() - started < 4
    finally:
        sock.close()
    time.sleep(0.3)  # the app would have had its chance to store it
    assert services.comments.comments(cafe.id) == []
    phone_gets_through(server)


def test_a_slow_next_request_on_a_kept_alive_connection_is_closed_too(start):
    server = start(Limits(header_timeout_s=1.5))
    sock = connect(server, "127.0.0.1")
    try:
        sock.sendall(f"GET {path_of(server, server.cafe_url)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        reply = b""
        deadline = time.monotonic() + 5
        while b"</html>" not in reply and time.monotonic() < deadline:
            try:
                reply += sock.recv(65536)
            except BlockingIOError:
                time.sleep(0.02)
        assert reply.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\n")  # keeps uvicorn's keep-alive timer from running
        for _ in range(3):
            time.sleep(0.4)
            sock.sendall(b"X-A: b\r\n")
        assert wait_closed(sock, 4)
        assert time.monotonic() - started < 3.5
    finally:
        sock.close()


def test_connections_are_capped_per_address(start):
    server = start(Limits(connections_per_address=5))
    held = [connect(server, "127.0.0.9") for _ in range(5)]
    try:
        time.sleep(0.3)
        assert not any(is_closed(s) for s in held), "five from one address are allowed"
        extra = connect(server, "127.0.0.9")
        assert wait_closed(extra, 2), "the sixth from the same address is closed at once"
        extra.close()
        phone_gets_through(server)  # another address is not affected
        held.pop().close()
        time.sleep(0.3)
        again = connect(server, "127.0.0.9")
        held.append(again)
        time.sleep(0.3)
        assert not is_closed(again), "a closed connection frees its place"
    finally:
        for sock in held:
            sock.close()


def test_connections_are_capped_in_all(start):
    server = start(Limits(max_connections=8))
    held = [connect(server, f"127.0.1.{i}") for i in range(1, 8)]
    try:
        phone_gets_through(server)  # the eighth connection: within the cap, served, not told "unavailable"
        held.append(connect(server, "127.0.1.8"))
        time.sleep(0.3)
        extra = connect(server, "127.0.1.9")
        assert wait_closed(extra, 2), "a ninth connection is closed at once"
        extra.close()
        for sock in held:
            sock.close()
        held.clear()
        time.sleep(0.3)
        phone_gets_through(server)
    finally:
        for sock in held:
            sock.close()


RAISED = """
import resource, sys
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (200, hard))
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.services import Services
server = ParticipantServer(Services.opener_for(sys.argv[1]), sys.argv[2], host="127.0.0.1", port=0)
server.start()
print(resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard)
server.stop()
"""



def test_starting_the_server_raises_the_open_file_limit(db_path, cafe):
    done = subprocess.run([sys.executable, "-c", RAISED, str(db_path), cafe.id], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    soft, hard = (int(n) for n in done.stdout.split())
    assert soft > 200
    assert soft == min(hard, 65_536) or hard < 0


def test_the_total_cap_fits_the_open_file_limit():
    limits = Limits(max_connections=1000)
    assert total_connections(limits, 200) == 200 - FILES_KEPT
    assert total_connections(limits, 65_536) == 1000
    assert total_connections(limits, None) == 1000
    assert raise_open_file_limit() is None or raise_open_file_limit() > FILES_KEPT
