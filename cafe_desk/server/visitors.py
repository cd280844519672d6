"""`RecentPhones`: how many phones reached the phone pages in the last few minutes, for the facilitator's status strip,
and `counting_phones`, the ASGI wrapper that tells it of each request.

A phone is known only by a keyed hash of its network address, held in memory for a few minutes: the address itself is
never kept, and nothing of it is stored, logged or exported. The key is new each time the server starts."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

WINDOW_S = 5 * 60
MAX_TRACKED = 20_000  # far more phones than any hall holds; past it, new addresses wait for old ones to expire


class RecentPhones:
    """Distinct phones (by address) that made a request in the last `window_s` seconds; thread-safe and cheap to read
    from the GUI thread."""

    def __init__(self, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic):
        self.window_s = window_s
        self.clock = clock
        self._key = secrets.token_bytes(16)
        self._last: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def saw(self, address: str) -> None:
        """Note a request from `address` now."""
        digest = hashlib.blake2b(address.encode("utf-8", "replace"), key=self._key, digest_size=16).digest()
        now = self.clock()
        with self._lock:
            if digest not in self._last and len(self._last) >= MAX_TRACKED:
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
        for digest in [d for d, at in self._last.items() if at <= cutoff]:
            del self._last[digest]


def counting_phones(app: ASGIApp, phones: RecentPhones) -> ASGIApp:
    """`app`, telling `phones` of every HTTP request's client address before it is answered (refused ones too: a
    phone that was turned away still reached the laptop)."""

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("client"):
            phones.saw(str(scope["client"][0]))
        await app(scope, receive, send)

    return counted
