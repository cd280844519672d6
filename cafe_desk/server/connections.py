"""The phone server's connections: a deadline for each request to arrive, caps on connections per address and in
total, a cap on the size of a request's line and headers, and the open-file limit raised at start, so slow, idle or
greedy clients can't keep phones out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from cafe_desk import platforms
from cafe_desk.server.security import SECURITY_HEADERS, Limits

log = logging.getLogger("cafe_desk.server")

#: open files kept for the app itself (the data file and its journal, logs, fonts, the listening socket...)
FILES_KEPT = 64
#: the most a request's line and headers may take (a phone sends well under 2 KB)
MAX_HEADER_BYTES = 16 * 1024
#: how high the soft open-file limit is raised (never past the hard limit)
FILES_WANTED = 65_536
#: how long a refused client may go on sending (read and dropped) before its connection is closed
LINGER_S = 2.0
#: what a client is told (431) when its request's line and headers are too long
HEAD_TOO_LONG = "Your phone sent more than this page can take. Please close it and open the link again."


class ConnectionCounts:
    """Open connections in total and per client address, shared by every connection of one server (used only on
    the server's event loop, so it needs no lock)."""

    def __init__(self, limits: Limits, total: int | None = None):
        self.limits = limits
        self.cap = limits.max_connections if total is None else total
        self.total = 0
        self.per_address: Counter[str] = Counter()

    def admit(self, address: str) -> bool:
        """Count a new connection from `address`; False (and nothing counted) when a cap is reached."""
        if self.total >= self.cap or self.per_address[address] >= self.limits.connections_per_address:
            return False
        self.total += 1
        self.per_address[address] += 1
        return True

    def release(self, address: str) -> None:
        """Forget a connection that `admit` counted."""
        self.total -= 1
        self.per_address[address] -= 1
        if self.per_address[address] <= 0:
            del self.per_address[address]


class HeadLimitedConnection(h11.Connection):
    """h11's server side, refusing a request whose line and headers take more than `max_head` bytes however they
    arrive: h11 itself only measures them while they are still incomplete, so a longer block that came in one read
    would pass. `head_too_long` says why the last refusal was made."""

    def __init__(self, max_head: int = MAX_HEADER_BYTES):
        super().__init__(h11.SERVER, max_incomplete_event_size=max_head)
        self.max_head = max_head
        self.head_too_long = False

    def next_event(self):  # type: ignore[override]
        """h11's next event, or RemoteProtocolError (with `head_too_long` set when that was why)."""
        try:
            event = super().next_event()
        except h11.RemoteProtocolError as exc:
            self.head_too_long = exc.error_status_hint == 431
            raise
        if isinstance(event, h11.Request) and head_size(event) > self.max_head:
            self.head_too_long = True
            raise h11.RemoteProtocolError("Request header fields too large", error_status_hint=431)
        return event


def head_size(request: h11.Request) -> int:
    """How many bytes the request's line and headers took (give or take the spaces around header values)."""
    line = len(request.method) + len(request.target) + len(b"  HTTP/1.1\r\n")
    return line + sum(len(name) + len(value) + len(b": \r\n") for name, value in request.headers) + 2


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 connection with the caps, the request deadline and the limit on a request's line and headers
    (answered 431). Built per connection by uvicorn through `protocol_for(counts)`.

    uvicorn's own keep-alive timeout only runs between requests and stops at the first byte of the next one, and
    nothing times a request that never finishes arriving: here the headers must be complete `header_timeout_s`
    after connecting (or after the last reply), and the body `body_timeout_s` after the headers, or the connection
    is closed.
    """

    def __init__(self, *args, counts: ConnectionCounts, **kwargs):
        self._http = HeadLimitedConnection()
        super().__init__(*args, **kwargs)
        self.counts = counts
        self._address: str | None = None  # set once admitted: counted until the connection is lost
        self._phase: str | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._answered = None  # the last request answered: until another arrives, its successor's headers are due
        self._refused = False  # answered with a refusal: what still arrives is dropped until the connection closes

    @property
    def conn(self) -> HeadLimitedConnection:  # type: ignore[override]
        """h11's side of this connection, the one uvicorn reads and answers through: always our HeadLimitedConnection,
        whatever uvicorn sets (it makes a plain one as it starts)."""
        return self._http

    @conn.setter
    def conn(self, made_by_uvicorn: h11.Connection) -> None:
        """Keep ours: uvicorn's plain one would let a long request line and headers through when they come at
        once."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Admit the connection within the caps (else close it at once) and start timing its first request."""
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, (tuple, list)) and peer else "unknown"
        if not self.counts.admit(address):
            self.transport = transport
            transport.close()  # refused before reading anything: nothing to answer yet
            return
        self._address = address
        super().connection_made(transport)
        self._watch(fresh=True)

    def connection_lost(self, exc: Exception | None) -> None:
        """Free the connection's place and stop its deadline."""
        if self._address is None:
            return  # refused in connection_made: uvicorn never knew of it
        self.counts.release(self._address)
        self._address = None
        self._stop_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Hand the bytes to h11, then time whatever part of the request is still to come."""
        if self._address is None or self._refused:
            return
        super().data_received(data)
        if not self.transport.is_closing():
            self._watch()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request h11 can't read (then it closes the connection); one whose line and headers
        are too long is answered 431 the same plain way."""
        if not self._http.head_too_long:
            super().send_400_response(msg)
            return
        log.debug("Refused a request from %s whose headers were too long", self._address)
        body = HEAD_TOO_LONG.encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), (b"cache-control", b"no-store"), *SECURITY_HEADERS]
        for event in (h11.Response(status_code=431, headers=headers, reason=b"Request Header Fields Too Large"),
                      h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self._http.send(event))
        self._linger()

    def _linger(self) -> None:
        """Stop writing, and drop what the client still sends for a moment before closing: closing with its bytes
        unread would reset the connection, and the client might never see the answer."""
        self._refused = True
        self._stop_deadline()
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._deadline = self.loop.call_later(LINGER_S, self._close)

    def _close(self) -> None:
        self._deadline = None
        self.transport.close()

    def on_response_complete(self) -> None:
        """After each reply, time the next request's headers afresh."""
        self._answered = self.cycle
        super().on_response_complete()  # may start a request that was already waiting (a new cycle)
        if not self.transport.is_closing():
            self._watch(fresh=True)  # the next request's headers are timed from this reply

    def _watch(self, fresh: bool = False) -> None:
        """Time the part of the request the client still owes us (nothing, while the app is answering). A request
        whose headers have arrived has a cycle of its own; its body has arrived once the cycle wants no more."""
        cycle = self.cycle
        if cycle is None or cycle is self._answered:
            phase = "headers"
        else:
            phase = "body" if cycle.more_body else None
        if phase == self._phase and not fresh:
            return
        self._stop_deadline()
        self._phase = phase
        if phase is not None:
            limits = self.counts.limits
            seconds = limits.header_timeout_s if phase == "headers" else limits.body_timeout_s
            self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            log.debug("Closed a connection from %s that was too slow to send its request", self._address)
            self.transport.close()


def protocol_for(counts: ConnectionCounts) -> type[GuardedH11Protocol]:
    """The protocol class to give uvicorn's Config as `http`, sharing `counts` among one server's connections."""

    class ServerProtocol(GuardedH11Protocol):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, counts=counts, **kwargs)

    return ServerProtocol


def raise_open_file_limit() -> int | None:
    """Raise this process's soft limit on open files towards FILES_WANTED (never past the hard limit), so many
    phones don't run it out; the soft limit now in force, or None where there is no such limit (Windows)."""
    if not platforms.has_open_file_limit():
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = FILES_WANTED if hard == resource.RLIM_INFINITY else min(hard, FILES_WANTED)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        for target in (wanted, 10_240):  # macOS refuses more than its per-process maximum (often 10,240)
            if target <= soft:
                break
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
                break
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def total_connections(limits: Limits, open_files: int | None) -> int:
    """The total cap that fits the open-file limit, keeping FILES_KEPT for the app itself."""
    if open_files is None or open_files < 0:  # no limit known (RLIM_INFINITY is -1 on some systems)
        return limits.max_connections
    return max(1, min(limits.max_connections, open_files - FILES_KEPT))
