"""The participant channel's Starlette app: the one café it serves (services on the server's own Store, one call at
a time), the page renderer, and the app factory with its lifespan."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from cafe_desk.core.safeguarding import DEFAULT_SUPPORT_LINES, RiskFinder
from cafe_desk.resources import RESOURCES
from cafe_desk.server.security import GuardMiddleware, Limits
from cafe_desk.services import Services
from cafe_desk.storage.store import Store

log = logging.getLogger("cafe_desk.server")
WEB = RESOURCES / "web"
T = TypeVar("T")
EventHandler = Callable[[str, dict], None]

# kind -> (status, heading, message); {wait} is filled in for "busy"
PLAIN_PAGES = {
    "not_found": (404, "Page not found", "We can't find this page. Please check the link, or scan the code again."),
    "ended": (410, "This café has ended", "Thank you for taking part. Your comments and votes have been kept."),
    "method": (405, "This page can't do that", "Please go back and use the buttons on the page."),
    "too_large": (413, "That was too much to send",
                  "That was more than this page can take in one go. Please go back, make your comment shorter "
                  "and send it again."),
    "busy": (429, "Please wait a moment",
             "A lot has been sent from this phone in a short time. Please try again in {wait}."),
    "error": (500, "Something went wrong",
              "Something went wrong on our side. Please try again in a moment; if it keeps happening, please tell "
              "the facilitator."),
}


def how_long(seconds: int) -> str:
    """'45 seconds', '1 minute', '2 minutes': how long to wait, in words."""
    if seconds < 60:
        return f"{seconds} second" + ("" if seconds == 1 else "s")
    minutes = -(-seconds // 60)
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


class CafeChannel:
    """The café served to phones: its services on a Store of its own, called one at a time, and who to tell.

    `on_event(kind, data)` is called from a server worker thread after each durable write; its errors are logged.
    """

    def __init__(self, db_path: Path, cafe_id: str, on_event: EventHandler | None = None):
        self.db_path = Path(db_path)
        self.cafe_id = cafe_id
        self.on_event = on_event
        self.services: Services | None = None
        self.support_lines: tuple[tuple[str, str], ...] = DEFAULT_SUPPORT_LINES  # last seen, for error pages
        self._lock = threading.Lock()

    def open(self) -> None:
        with self._lock:
            if self.services is None:
                self.services = Services.build(Store(self.db_path))

    def close(self) -> None:
        with self._lock:
            if self.services is not None:
                self.services.store.close()
                self.services = None

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
        if self.on_event is None:
            return
        try:
            self.on_event(kind, data)
        except Exception:
            log.exception("The app could not be told about a new %s", kind)


class PageRenderer:
    """Jinja2 templates from resources/web/templates, always autoescaped."""

    def __init__(self, folder: Path = WEB / "templates"):
        self.env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["tel"] = lambda number: "tel:" + "".join(ch for ch in str(number) if ch.isdigit()
                                                                    or ch == "+")

    def warm(self) -> None:
        """Compile every template now, so the first phones don't wait while it happens on the event loop."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    def render(self, name: str, *, status: int = 200, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})

    def plain(self, kind: str, support_lines, *, headers: dict[str, str] | None = None, wait: int = 0,
              cafe_title: str = "") -> HTMLResponse:
        """One of the plain pages (404, 405, 410, 413, 429, 500), with the support box."""
        status, heading, message = PLAIN_PAGES[kind]
        return self.render("plain.html", status=status, headers=headers, heading=heading,
                           message=message.format(wait=how_long(wait)), support_lines=support_lines,
                           cafe_title=cafe_title)


def create_app(channel: CafeChannel, *, limits: Limits | None = None) -> Starlette:
    """The phone pages for `channel`'s café. The lifespan opens the channel's Store and closes it at shutdown."""
    from cafe_desk.server.pages import routes

    limits = limits or Limits()
    renderer = PageRenderer()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict]:
        await run_in_threadpool(channel.open)
        await run_in_threadpool(RiskFinder.default)  # ready before the first comment, not during it
        await run_in_threadpool(renderer.warm)  # and the pages before the first phone
        try:
            yield {"channel": channel, "renderer": renderer, "limits": limits}
        finally:
            await run_in_threadpool(channel.close)

    def error_page(status: int, kind: str, headers: dict[str, str], wait: int = 0) -> Response:
        return renderer.plain(kind, channel.support_lines, headers=headers, wait=wait)

    async def http_error(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 500)
        kind = {404: "not_found", 405: "method"}.get(code, "error")
        headers = {"Allow": "GET, HEAD, POST"} if code == 405 else None
        return renderer.plain(kind, channel.support_lines, headers=headers)

    return Starlette(
        routes=routes(WEB / "site.css"),
        middleware=[Middleware(GuardMiddleware, limits=limits, error_page=error_page)],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
