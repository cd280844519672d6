"""The rehearsal page: a phone that opens the laptop's test link is told it reached the café laptop, and the laptop
hears how many different phones have lately. Nothing is read from or written to the café's data."""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.render import PageRenderer, plain
from cafe_desk.server.visitors import RecentPhones


class CheckLink:
    """The test link's secret (new each time the server starts) and the phones that opened it in the last five
    minutes, told apart as the status strip's are: by a keyed hash of their address, in memory only (see
    `RecentPhones`)."""

    def __init__(self, cafe_title: str = "", token: str | None = None, clock: Callable[[], float] = time.monotonic):
        self.cafe_title = cafe_title
        self.token = token or secrets.token_urlsafe(16)
        self._phones = RecentPhones(clock=clock)

    def matches(self, token: str) -> bool:
        """Whether `token` is this test link's secret (compared in constant time)."""
        return hmac.compare_digest(token.encode(), self.token.encode())

    def reached(self, address: str) -> int:
        """Count the phone at `address` (once, however often it comes); how many different phones have come in the
        last five minutes."""
        self._phones.saw(address)
        return self._phones.count()


async def check_page(request: Request) -> Response:
    """GET /check/{token}: "This phone reached the café laptop", and the laptop is told (a wrong link: 404)."""
    channel: CafeChannel = request.state.channel
    check: CheckLink | None = channel.check
    if check is None or not check.matches(request.path_params["token"]):
        return plain(request, "not_found")
    phones = check.reached(request.client.host if request.client else "unknown")
    channel.announce("phone_check", {"cafe_id": channel.cafe_id, "phones": phones})
    renderer: PageRenderer = request.state.renderer
    return renderer.render("check.html", support_lines=channel.support_lines, cafe_title=check.cafe_title)
