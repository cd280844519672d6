"""A request whose line and headers are too long, on a real server on 127.0.0.1: refused with 431 and closed, whether
it arrives in one write or several, while a phone's ordinary request is served."""

from __future__ import annotations

import socket
import time

import pytest

from cafe_desk.server.connections import MAX_HEADER_BYTES
from cafe_desk.server.runner import ParticipantServer
from tests.server.conftest import client_for, path_of


def head(server: ParticipantServer, size: int) -> bytes:
    """A GET for the comment page whose line and headers take about `size` bytes."""
    start = f"GET {path_of(server, server.cafe_url)} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
    lines = []
    filled = len(start) + 2
    while filled < size:
        line = f"X-Padding-{len(lines)}: {'a' * 900}\r\n".encode()
        lines.append(line)
        filled += len(line)
    return start + b"".join(lines) + b"\r\n"


def reply_to(server: ParticipantServer, request: bytes, writes: int) -> bytes:
    """What the server answers to `request` sent in `writes` pieces, once it has closed the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        piece = -(-len(request) // writes)
        for at in range(0, len(request), piece):
            sock.sendall(request[at:at + piece])
            if writes > 1:
                time.sleep(0.05)  # let each piece be read on its own
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
        return reply


@pytest.mark.parametrize("size", [60_000, 100_000, 300_000])
@pytest.mark.parametrize("writes", [1, 8])
def test_headers_too_long_are_refused_with_431(live, size, writes):
    reply = reply_to(live, head(live, size), writes)
    status, _, rest = reply.partition(b"\r\n")
    assert status == b"HTTP/1.1 431 Request Header Fields Too Large"
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert b"connection: close" in headers.lower() and b"x-content-type-options: nosniff" in headers.lower()
    assert body.decode() == "Your phone sent more than this page can take. Please close it and open the link again."
    with client_for(live) as phone:
        assert phone.get(path_of(live, live.cafe_url)).status_code == 200


@pytest.mark.parametrize("writes", [1, 8])
def test_headers_just_within_the_limit_are_served(live, writes):
    request = head(live, MAX_HEADER_BYTES - 1000)
    assert len(request) < MAX_HEADER_BYTES
    reply = reply_to(live, request.replace(b"Host: 127.0.0.1\r\n", b"Host: 127.0.0.1\r\nConnection: close\r\n"),
                     writes)
    assert reply.startswith(b"HTTP/1.1 200 OK")


def test_a_refused_client_that_stays_connected_is_closed_and_its_place_freed(live):
    with socket.create_connection(("127.0.0.1", live.port), timeout=5) as sock:
        sock.sendall(head(live, 60_000))
        reply = b""
        while chunk := sock.recv(65536):  # the server stops writing after its answer, but keeps reading a moment
            reply += chunk
        assert reply.startswith(b"HTTP/1.1 431")
        counts = live.connections  # the client keeps its end open: only the server can free the place
        assert counts is not None
        deadline = time.monotonic() + 10
        while counts.total and time.monotonic() < deadline:
            time.sleep(0.05)
        assert counts.total == 0, "closed from the server's side though the client never closed"
