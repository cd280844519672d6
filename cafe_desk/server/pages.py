"""The participant and table-host pages: routes, what each page shows, and what each form does."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import Cafe, Round, Table
from cafe_desk.core.safeguarding import check_text
from cafe_desk.server.app import CafeChannel, PageRenderer
from cafe_desk.server.security import (
    FormError,
    csrf_ok,
    csrf_token,
    parse_form,
    set_csrf_cookie,
)
from cafe_desk.services import Services
from cafe_desk.services.channel import ChannelSettings
from cafe_desk.services.comments import COMMENT_LIMIT, CafeEnded, clean_comment

GENERAL_PROMPT = "What would you like the people planning this to hear?"
EXPIRED = "This page had expired; please try again."
UNREADABLE = "Some of what you sent couldn't be read. Please type your comment again and send it."


@dataclass
class CafeView:
    """What the participant pages need to know about the café, read in one go."""

    cafe: Cafe
    settings: ChannelSettings
    current: Round | None
    rounds: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    table: Table | None = None

    @property
    def question(self) -> str:
        return self.current.prompt if self.current else GENERAL_PROMPT


def load_cafe(services: Services, channel: CafeChannel, token: str) -> CafeView | None:
    """The served café if `token` is its link, else None (a wrong or old link)."""
    cafe = services.channel.cafe_for_token(token)
    if cafe is None or cafe.id != channel.cafe_id:
        return None
    return _view(services, channel, cafe)


def load_table(services: Services, channel: CafeChannel, token: str) -> CafeView | None:
    """The table whose host link carries `token` (in the served café), else None."""
    table = services.channel.table_for_host_token(token)
    if table is None or table.cafe_id != channel.cafe_id:
        return None
    view = _view(services, channel, services.channel.cafe(table.cafe_id))
    view.table = table
    return view


def _view(services: Services, channel: CafeChannel, cafe: Cafe) -> CafeView:
    settings = services.channel.settings(cafe.id)
    channel.support_lines = settings.support_lines
    items = services.planning.items
    return CafeView(cafe, settings, services.running.state(cafe.id).round, items(cafe.id, "round"),
                    items(cafe.id, "outcome"), items(cafe.id, "group"))


# --- helpers shared by the pages -------------------------------------------------------------------------------------

def page(request: Request, name: str, view: CafeView | None, *, status: int = 200, **context: Any) -> Response:
    """Render a page with the café's title, support lines and a form token (setting its cookie when new)."""
    renderer: PageRenderer = request.state.renderer
    token, new = csrf_token(request)
    if view is not None:
        context.setdefault("cafe_title", view.cafe.title)
        context.setdefault("support_lines", view.settings.support_lines)
    response = renderer.render(name, status=status, csrf=token, **context)
    if new:
        set_csrf_cookie(response, token)
    return response


def plain(request: Request, kind: str, view: CafeView | None = None) -> Response:
    channel: CafeChannel = request.state.channel
    renderer: PageRenderer = request.state.renderer
    title = view.cafe.title if view is not None and kind == "ended" else ""
    return renderer.plain(kind, channel.support_lines, cafe_title=title)


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def served(request: Request, loader) -> tuple[CafeView | None, Response | None]:
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


# --- the comment page ------------------------------------------------------------------------------------------------

def comment_choices(view: CafeView) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(about options, group options) as (value, label), the default first."""
    about = [("", "Not sure / general")]
    about += [(f"r:{r.id}", f"Question {r.number}: {r.prompt}") for r in view.rounds]
    about += [(f"o:{o.id}", f"Outcome: {o.title}") for o in view.outcomes]
    groups = [("", "Prefer not to say")] + [(g.id, g.name) for g in view.groups]
    return about, groups


def comment_form(request: Request, view: CafeView, *, status: int = 200, values: dict | None = None,
                 error: str = "", error_field: str = "") -> Response:
    about, groups = comment_choices(view)
    return page(request, "comment.html", view, status=status, token=request.path_params["token"],
                question=view.question, has_round=view.current is not None, about_options=about,
                group_options=groups, values=values or {}, error=error, error_field=error_field,
                limit=f"{COMMENT_LIMIT:,}")


async def comment_get(request: Request) -> Response:
    view, refusal = await served(request, load_cafe)
    return refusal or comment_form(request, view)


def read_ahead(text: str) -> None:
    """Read a comment for risk before the store's lock is taken (the result is remembered for when it is stored),
    so one phone's comment never makes the next phone wait."""
    with contextlib.suppress(ValidationError):  # refused anyway, with its message, when it is stored
        check_text(clean_comment(text))


async def comment_post(request: Request) -> Response:
    channel: CafeChannel = request.state.channel
    token = request.path_params["token"]
    try:
        form = await read_form(request)
    except FormError:
        form = None
    values = {"text": (form or {}).get("comment", ""), "about": (form or {}).get("about", ""),
              "group": (form or {}).get("group", ""), "consent": (form or {}).get("consent") == "yes"}
    fresh = form is not None and csrf_ok(request, form)
    about = values["about"]
    round_id = about[2:] if about.startswith("r:") else None
    outcome_id = about[2:] if about.startswith("o:") else None

    def load_and_submit(services: Services):
        """One trip to the worker thread: find the café and, when the form is good, store the comment."""
        view = load_cafe(services, channel, token)
        if view is None or view.cafe.is_closed or not fresh:
            return view, None, None
        try:
            note = services.comments.submit(view.cafe.id, values["text"], consent=values["consent"],
                                            round_id=round_id, outcome_id=outcome_id,
                                            group_id=values["group"] or None)[0]
        except (CafeEnded, ValidationError) as exc:
            return view, None, exc
        return view, note, None

    first = (lambda: read_ahead(values["text"])) if fresh else None
    view, note, refused = await channel.read(load_and_submit, first=first)
    if view is None:
        return plain(request, "not_found")
    if view.cafe.is_closed or isinstance(refused, CafeEnded):
        return plain(request, "ended", view)
    if form is None:
        return comment_form(request, view, status=400, error=UNREADABLE, error_field="comment")
    if not fresh:
        return comment_form(request, view, status=400, values=values, error=EXPIRED, error_field="comment")
    if refused is not None:
        return comment_form(request, view, status=400, values=values, error=str(refused),
                            error_field=_comment_field(values["text"], values["consent"]))
    channel.announce("comment", {"cafe_id": note.cafe_id, "note_id": note.id, "flag": note.flag})
    return see_other(f"/c/{token}/thanks")


def _comment_field(text: str, consent: bool) -> str:
    """Which field a refused comment's message is about."""
    try:
        clean_comment(text)
    except ValidationError:
        return "comment"
    return "comment" if consent else "consent"


async def comment_thanks(request: Request) -> Response:
    view, refusal = await served(request, load_cafe)
    return refusal or page(request, "thanks.html", view, token=request.path_params["token"])


# --- the table host's page -------------------------------------------------------------------------------------------

def host_form(request: Request, view: CafeView, *, status: int = 200, text: str = "", error: str = "",
              added: bool = False) -> Response:
    return page(request, "host.html", view, status=status, token=request.path_params["token"],
                table_label=view.table.label, round_label=view.current.label if view.current else "",
                question=view.question, text=text, error=error, added=added, limit=f"{COMMENT_LIMIT:,}")


async def host_page(request: Request) -> Response:
    channel: CafeChannel = request.state.channel
    token = request.path_params["token"]
    view, refusal = await served(request, load_table)
    if refusal:
        return refusal
    if request.method != "POST":
        return host_form(request, view, added=request.query_params.get("added") == "1")
    try:
        form = await read_form(request)
    except FormError:
        return host_form(request, view, status=400, error=UNREADABLE)
    text = form.get("point", "")
    if not csrf_ok(request, form):
        return host_form(request, view, status=400, text=text, error=EXPIRED)
    round_id = view.current.id if view.current else None

    def add(services: Services):
        return services.comments.host_add(view.table.id, round_id, text)[0]

    try:
        await channel.write(add, lambda note: ("host_note", {"cafe_id": note.cafe_id, "note_id": note.id}),
                            first=lambda: read_ahead(text))
    except CafeEnded:
        return plain(request, "ended", view)
    except ValidationError as exc:
        return host_form(request, view, status=400, text=text, error=str(exc))
    return see_other(f"/t/{token}?added=1")


# --- routes ------------------------------------------------------------------------------------------------------

def routes(css_path: Path) -> list[Route]:
    """Every route of the phone pages; the style sheet is read once, here."""
    from cafe_desk.server import votes

    css = css_path.read_bytes()

    def site_css(request: Request) -> Response:
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=600"})

    return [
        Route("/c/{token}", comment_get, methods=["GET"]),
        Route("/c/{token}/comment", comment_post, methods=["POST"]),
        Route("/c/{token}/thanks", comment_thanks, methods=["GET"]),
        Route("/c/{token}/vote", votes.vote_page, methods=["GET", "POST"]),
        Route("/c/{token}/vote/thanks", votes.vote_thanks, methods=["GET"]),
        Route("/t/{token}", host_page, methods=["GET", "POST"]),
        Route("/static/site.css", site_css, methods=["GET"]),
    ]
