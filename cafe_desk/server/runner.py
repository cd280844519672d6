"""`ParticipantServer`: the phone pages on uvicorn in a daemon thread, with services of their own on the same data
file (opened by the factory the app hands in)."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import threading
import time
from collections.abc import Callable

import uvicorn

from cafe_desk.core.errors import UserError
from cafe_desk.server.addresses import listens_everywhere, url_host
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.connections import (
    ConnectionCounts,
    protocol_for,
    raise_open_file_limit,
    total_connections,
)
from cafe_desk.server.pages.check import CheckLink
from cafe_desk.server.routes import create_app
from cafe_desk.server.security import Limits
from cafe_desk.server.visitors import RecentPhones, counting_phones
from cafe_desk.services import ServicesOpener

START_TIMEOUT_S = 15.0


def _family(host: str) -> socket.AddressFamily:
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


class ParticipantServer:
    """The participant pages on uvicorn in a daemon thread, with services of their own on the same data file:
    `ParticipantServer(services.opener(), cafe_id)`.

    `on_event(kind, data)` is called from a server thread after each durable write: "comment" (cafe_id, note_id,
    flag), "host_note" (cafe_id, note_id) or "ballot" (cafe_id); and when a phone opens the rehearsal page (see
    `check_url`): "phone_check" (cafe_id, phones: how many different phones have opened it in the last five minutes).
    """

    def __init__(self, open_services: ServicesOpener, cafe_id: str, *, host: str = "127.0.0.1", port: int = 0,
                 on_event: Callable[[str, dict], None] | None = None, limits: Limits | None = None):
        self.open_services = open_services
        self.cafe_id = cafe_id
        self.host = host
        self.port = port
        self.requested_port = port
        self.on_event = on_event
        self.limits = limits or Limits()
        self._token = ""
        self._host_tokens: dict[str, str] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._channel: CafeChannel | None = None
        self.phones = RecentPhones()
        #: the open connections, in all and per address, while serving
        self.connections: ConnectionCounts | None = None

    # --- addresses ----------------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """http://host:port, as phones reach it."""
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def cafe_url(self) -> str:
        """The participants' comment page."""
        return f"{self.base_url}/c/{self._token}"

    @property
    def vote_url(self) -> str:
        """The participants' vote page."""
        return f"{self.cafe_url}/vote"

    @property
    def check_url(self) -> str:
        """The rehearsal page: a phone that opens it is told it reached this laptop, and `on_event` hears of it
        ("" before the server starts). Its secret is new each time the server starts."""
        if self._channel is None or self._channel.check is None:
            return ""
        return f"{self.base_url}/check/{self._channel.check.token}"

    def table_url(self, table_id: str) -> str:
        """The page where table `table_id`'s host adds points from a phone or tablet."""
        if table_id not in self._host_tokens:
            with self.open_services() as services:
                self._host_tokens[table_id] = services.channel.host_token(table_id)
        return f"{self.base_url}/t/{self._host_tokens[table_id]}"

    def phones_seen(self) -> int:
        """How many phones made a request in the last five minutes (read from memory; cheap)."""
        return self.phones.count()

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread is not None and self._thread.is_alive()

    # --- start and stop -------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Listen and serve; returns once serving. A taken port is replaced by a free one (see `.port`).

        Raises UserError (one plain line) when the café doesn't exist or nothing can listen on the host.
        """
        if self.running:
            return
        with self.open_services() as services:
            cafe = services.channel.cafe(self.cafe_id)
            self.cafe_id = cafe.id
            settings = services.channel.settings(cafe.id)
            self._token = settings.token
            # every link written now: once phones arrive, no other connection takes the write lock from them
            self._host_tokens = services.channel.host_tokens(cafe.id)
        sock = self._bind()
        self.port = sock.getsockname()[1]
        channel = CafeChannel(self.open_services, self.cafe_id, self.on_event)
        channel.support_lines = settings.support_lines
        channel.check = CheckLink(cafe.title)
        counts = ConnectionCounts(self.limits, total_connections(self.limits, raise_open_file_limit()))
        # proxy headers off: no proxy stands in front of this server, and trusting X-Forwarded-For from loopback
        # would let anything on the laptop choose the address the POST limit counts by
        app = counting_phones(create_app(channel, limits=self.limits), self.phones)
        # ws off: uvicorn would otherwise hand an upgrade request's connection to any websocket library it can
        # import, and that connection's place would never be counted out
        config = uvicorn.Config(app, http=protocol_for(counts), ws="none",
                                proxy_headers=False, log_config=None, access_log=False, server_header=False,
                                lifespan="on", timeout_graceful_shutdown=2,
                                # uvicorn counts the asking connection too, hence one more than the cap
                                limit_concurrency=counts.cap + 1, timeout_keep_alive=5)
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="participant-server",
                                  daemon=True)
        self._server, self._thread, self._socket, self._channel = server, thread, sock, channel
        self.connections = counts
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise UserError(f"Café Desk can't open the phone page on {self.host}:{self.port} "
                                "(the web server did not start).")
            time.sleep(0.01)

    def _bind(self) -> socket.socket:
        """A listening socket on the host and requested port, or on a free port if that one is taken."""
        if not 0 <= self.requested_port <= 65535:
            raise UserError(f"Café Desk can't open the phone page on {self.host}:{self.requested_port} "
                            "(the port must be a number from 0 to 65535).")
        try:
            return self._listen(self.requested_port)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE and self.requested_port:
                try:
                    return self._listen(0)
                except OSError as again:
                    exc = again
            reason = exc.strerror or str(exc)
            raise UserError(f"Café Desk can't open the phone page on {self.host}:{self.requested_port} "
                            f"({reason}).") from exc

    def _listen(self, port: int) -> socket.socket:
        # proto=IPPROTO_TCP matters: asyncio only turns Nagle off on accepted sockets whose proto says TCP, and
        # without that every keep-alive reply waits ~40 ms for a delayed ACK
        sock = socket.socket(_family(self.host), socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if sock.family == socket.AF_INET6 and listens_everywhere(self.host):
                # phones are given an IPv4 address for "::" (see phone_base_url): take them there too, as Linux does
                # by default and Windows does not
                with contextlib.suppress(OSError, AttributeError):
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            sock.bind((self.host, port))
            sock.listen(2048)
            sock.set_inheritable(True)
        except BaseException:
            sock.close()
            raise
        return sock

    def end(self) -> None:
        """The café has ended: from now on every page says "This café has ended" (410) and nothing sent is taken in,
        until `stop`."""
        if self._channel is not None:
            self._channel.ended = True

    @property
    def ended(self) -> bool:
        """Whether the pages say the café has ended (see `end`)."""
        return self._channel is not None and self._channel.ended

    def stop(self) -> None:
        """Stop serving and wait for the thread (idempotent)."""
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = self._channel = None
        if server is not None:
            server.should_exit = True
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        if sock is not None:
            sock.close()
