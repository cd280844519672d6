"""Rendering the phone pages: the Jinja2 renderer, the plain pages (404, 410, 429, …) and the helpers every page uses
(a page with its form token, a plain page, a redirect, the posted form, the café a link points at)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cafe_desk.core.participant_words import CONSENT, SUPPORT_HEADING
from cafe_desk.resources import RESOURCES
from cafe_desk.server.cafe_view import CafeView
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.security import csrf_token, parse_form, set_csrf_cookie

WEB = RESOURCES / "web"
EXPIRED = "This page had expired; please try again."
UNREADABLE = "Some of what you sent couldn't be read. Please type your comment again and send it."

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


class PageRenderer:
    """Jinja2 templates from resources/web/templates, always autoescaped."""

    def __init__(self, folder: Path = WEB / "templates"):
        self.env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["tel"] = lambda number: "tel:" + "".join(ch for ch in str(number) if ch.isdigit()
                                                                    or ch == "+")
        self.env.globals.update(consent_words=CONSENT, support_heading=SUPPORT_HEADING)  # the paper card's words too

    def warm(self) -> None:
        """Compile every template now, so the first phones don't wait while it happens on the event loop."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    def render(self, name: str, *, status: int = 200, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        """The template `name` filled in with `context`, never cached by the phone."""
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})

    def plain(self, kind: str, support_lines, *, headers: dict[str, str] | None = None, wait: int = 0,
              cafe_title: str = "") -> HTMLResponse:
        """One of the plain pages (404, 405, 410, 413, 429, 500), with the support box."""
        status, heading, message = PLAIN_PAGES[kind]
        return self.render("plain.html", status=status, headers=headers, heading=heading,
                           message=message.format(wait=how_long(wait)), support_lines=support_lines,
                           cafe_title=cafe_title)


def page(request: Request, name: str, view: CafeView | None, *, status: int = 200, **context: Any) -> Response:
    """Render a page with the café's title, support lines and a form token (setting its cookie when new)."""
    renderer: PageRenderer = request.state.renderer
    token, new = csrf_token(request)
    if view is not None:
        context.setdefault("cafe_title", view.cafe.title)
        context.setdefault("support_lines", view.settings.support_lines)
        context.setdefault("voting", view.voting)  # whether the comment pages offer the vote page
    response = renderer.render(name, status=status, csrf=token, **context)
    if new:
        set_csrf_cookie(response, token)
    return response


def plain(request: Request, kind: str, view: CafeView | None = None) -> Response:
    """A plain page of `kind` (see PLAIN_PAGES) with the served café's support lines."""
    channel: CafeChannel = request.state.channel
    renderer: PageRenderer = request.state.renderer
    title = view.cafe.title if view is not None and kind == "ended" else ""
    return renderer.plain(kind, channel.support_lines, cafe_title=title)


def see_other(url: str) -> RedirectResponse:
    """A 303 to `url`: the answer to a form that was taken."""
    return RedirectResponse(url, status_code=303)


async def served(request: Request, loader: Callable) -> tuple[CafeView | None, Response | None]:
    """The café (or table) a link points at, or the page to answer with instead: 404 for a wrong link, 410 when
    the café has ended."""
    channel: CafeChannel = request.state.channel
    view = await channel.read(loader, channel, request.path_params["token"])
    if view is None:
        return None, plain(request, "not_found")
    if view.cafe.is_closed:
        return None, plain(request, "ended", view)
    return view, None


async def read_form(request: Request) -> dict[str, str]:
    """The posted form as text; raises FormError when it can't be read cleanly."""
    return parse_form(request.headers.get("content-type", ""), await request.body())
