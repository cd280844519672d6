"""`RecentPhones`: how many phones reached the phone pages in the last few minutes, for the facilitator's status strip,
and `counting_phones`, the ASGI wrapper that tells it of each request.

A phone is known only by a keyed hash of its network address, held in memory for a few minutes: the address itself is
never kept, and nothing of it is stored, logged or exported. The key is new each time the server starts."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

WINDOW_S = 5 * 60
MAX_TRACKED = 20_000  # far more phones than any hall holds; past it, new addresses wait for old ones to expire


def keyed_hash(address: str, key: bytes) -> bytes:
    """A keyed hash of `address`: it tells phones apart, and without `key` says nothing of where they are."""
    return hashlib.blake2b(address.encode("utf-8", "replace"), key=key, digest_size=16).digest()


class RecentPhones:
    """Distinct phones (by address) that made a request in the last `window_s` seconds; thread-safe and cheap to read
    from the GUI thread. Noting a phone and counting cost the same however many phones there are: they are kept in
    the order they were last seen, so the expired ones are all at the front."""

    def __init__(self, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic):
        self.window_s = window_s
        self.clock = clock
        self._key = secrets.token_bytes(16)
        self._last: OrderedDict[bytes, float] = OrderedDict()  # least recently seen first
        self._lock = threading.Lock()

    def saw(self, address: str) -> None:
        """Note a request from `address` now."""
        digest = keyed_hash(address, self._key)
        now = self.clock()
        with self._lock:
            if digest in self._last:
                self._last.move_to_end(digest)
            elif len(self._last) >= MAX_TRACKED:
                self._forget_before(now - self.window_s)
                if len(self._last) >= MAX_TRACKED:
                    return
            self._last[digest] = now

    def count(self) -> int:
        """How many distinct phones made a request in the last `window_s` seconds (older ones are forgotten)."""
        now = self.clock()
        with self._lock:
            self._forget_before(now - self.window_s)
            return len(self._last)

    def _forget_before(self, cutoff: float) -> None:
        last = self._last
        while last and next(iter(last.values())) <= cutoff:
            last.popitem(last=False)


def counting_phones(app: ASGIApp, phones: RecentPhones) -> ASGIApp:
    """`app`, telling `phones` of every HTTP request's client address before it is answered (refused ones too: a
    phone that was turned away still reached the laptop)."""

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("client"):
            phones.saw(str(scope["client"][0]))
        await app(scope, receive, send)

    return counted
