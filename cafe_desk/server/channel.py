"""`CafeChannel`: the one café the phone pages serve, its services on a registry of the server's own (called one at a
time, in worker threads), who to tell after each write, the rehearsal link, and whether the café has ended."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.concurrency import run_in_threadpool

from cafe_desk.core.safeguarding import DEFAULT_SUPPORT_LINES
from cafe_desk.services import Services, ServicesOpener

if TYPE_CHECKING:
    from cafe_desk.server.pages.check import CheckLink

log = logging.getLogger("cafe_desk.server")
T = TypeVar("T")
EventHandler = Callable[[str, dict], None]


class CafeChannel:
    """The café served to phones: its services on a registry of its own, called one at a time, and who to tell.

    `open_services()` opens that registry (see `Services.opener`); `on_event(kind, data)` is called from a server
    worker thread after each durable write; its errors are logged.
    """

    def __init__(self, open_services: ServicesOpener, cafe_id: str, on_event: EventHandler | None = None):
        self.open_services = open_services
        self.cafe_id = cafe_id
        self.on_event = on_event
        self.services: Services | None = None
        self.support_lines: tuple[tuple[str, str], ...] = DEFAULT_SUPPORT_LINES  # last seen, for error pages
        self.check: CheckLink | None = None  # the rehearsal link, while the server offers one
        self.ended = False  # the café has ended: every page says so until the server stops (see server/ended.py)
        self._lock = threading.Lock()
        self._held: contextlib.ExitStack | None = None

    def open(self) -> None:
        """Open the channel's own registry (once; the server's lifespan calls this at start)."""
        with self._lock:
            if self.services is None:
                held = contextlib.ExitStack()
                self.services = held.enter_context(self.open_services())
                self._held = held

    def close(self) -> None:
        """Close the channel's registry (idempotent; the server's lifespan calls this at shutdown)."""
        with self._lock:
            held, self._held, self.services = self._held, None, None
            if held is not None:
                held.close()

    def _locked(self, fn: Callable[..., T], *args: Any) -> T:
        with self._lock:
            if self.services is None:
                raise RuntimeError("the participant channel is not open")
            return fn(self.services, *args)

    def _write(self, fn: Callable[..., T], event: Callable[[T], tuple[str, dict]], *args: Any) -> T:
        result = self._locked(fn, *args)
        kind, data = event(result)
        self.announce(kind, data)
        return result

    async def read(self, fn: Callable[..., T], *args: Any, first: Callable[[], Any] | None = None) -> T:
        """`fn(services, *args)` in a worker thread, alone on the Store. `first()` runs in the same thread before the
        Store is taken (work that needs no Store, such as reading a comment for risk, never holds up other phones)."""
        return await run_in_threadpool(self._first_then, first, self._locked, fn, *args)

    async def write(self, fn: Callable[..., T], event: Callable[[T], tuple[str, dict]], *args: Any,
                    first: Callable[[], Any] | None = None) -> T:
        """Like `read`, then (after the commit returned) tells `on_event` what `event(result)` says happened."""
        return await run_in_threadpool(self._first_then, first, self._write, fn, event, *args)

    @staticmethod
    def _first_then(first: Callable[[], Any] | None, then: Callable[..., T], *args: Any) -> T:
        if first is not None:
            first()
        return then(*args)

    def announce(self, kind: str, data: dict) -> None:
        """Tell `on_event` that `kind` happened (its errors are logged, never shown to the phone)."""
        if self.on_event is None:
            return
        try:
            self.on_event(kind, data)
        except Exception:
            log.exception("The app could not be told about a new %s", kind)
