"""After the café is closed: every phone page says "This café has ended" (410), whatever was sent is left unread and
nothing is written, until the server stops."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.render import PageRenderer

STYLE_SHEET = "/static/site.css"


class EndedGate:
    """Pure ASGI middleware: once `channel.ended` is set, answers every request (but the style sheet) with the plain
    "This café has ended" page, without calling the app."""

    def __init__(self, app: ASGIApp, *, channel: CafeChannel, renderer: PageRenderer):
        self.app = app
        self.channel = channel
        self.renderer = renderer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.channel.ended and scope.get("path") != STYLE_SHEET:
            response = self.renderer.plain("ended", self.channel.support_lines)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
