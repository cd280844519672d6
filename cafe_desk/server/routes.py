"""The phone pages' Starlette app: every route, the error pages, and the lifespan that opens the channel's services
at start and closes them at shutdown."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Match, Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from cafe_desk.core.safeguarding import RiskFinder
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.ended import EndedGate
from cafe_desk.server.pages import check, comment, host, vote
from cafe_desk.server.render import WEB, PageRenderer
from cafe_desk.server.security import GuardMiddleware, Limits


def routes(css_path: Path) -> list[Route]:
    """Every route of the phone pages; the style sheet is read once, here."""
    css = css_path.read_bytes()

    def site_css(request: Request) -> Response:
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=600"})

    return [
        Route("/c/{token}", comment.comment_get, methods=["GET"]),
        Route("/c/{token}/comment", comment.comment_post, methods=["POST"]),
        Route("/c/{token}/thanks", comment.comment_thanks, methods=["GET"]),
        Route("/c/{token}/vote", vote.vote_page, methods=["GET", "POST"]),
        Route("/c/{token}/vote/thanks", vote.vote_thanks, methods=["GET"]),
        Route("/t/{token}", host.host_page, methods=["GET", "POST"]),
        Route("/check/{token}", check.check_page, methods=["GET"]),
        Route("/static/site.css", site_css, methods=["GET"]),
    ]


def create_app(channel: CafeChannel, *, limits: Limits | None = None) -> Starlette:
    """The phone pages for `channel`'s café. The lifespan opens the channel's services and closes them at shutdown."""
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

    app = Starlette(
        routes=routes(WEB / "site.css"),
        middleware=[Middleware(GuardMiddleware, limits=limits, error_page=error_page),
                    Middleware(EndedGate, channel=channel, renderer=renderer)],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.router.default = slash_redirect(app.router)
    return app


def slash_redirect(router: Router) -> ASGIApp:
    """What the router does with a path no route takes: when the same path with (or without) a trailing slash is a
    route, redirect there by path alone; otherwise its usual 404. Starlette's own redirect writes the request's Host
    header into the address, so anyone could make it point elsewhere."""
    not_found = router.default

    async def default(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or scope["path"].encode()
            path = raw.decode("latin-1")
            other = path.rstrip("/") if path.endswith("/") else path + "/"
            decoded = scope["path"].rstrip("/") if scope["path"].endswith("/") else scope["path"] + "/"
            if other.strip("/") and any(route.matches({**scope, "path": decoded})[0] is not Match.NONE
                                        for route in router.routes):
                location = "/" + other.lstrip("/")  # never "//host": that would be another site
                query = scope.get("query_string", b"").decode("latin-1")
                response = RedirectResponse(location + (f"?{query}" if query else ""))
                await response(scope, receive, send)
                return
        await not_found(scope, receive, send)

    return default
