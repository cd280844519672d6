"""The participants' comment page: what it shows (the question, what a comment can be about, the groups), and
storing a comment sent from a phone, read for risk before the store's lock is taken."""

from __future__ import annotations

import contextlib

from starlette.requests import Request
from starlette.responses import Response

from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.participant_words import COMMENT_LIMIT
from cafe_desk.core.safeguarding import check_text
from cafe_desk.server.cafe_view import CafeView, load_cafe
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.render import EXPIRED, UNREADABLE, page, plain, read_form, see_other, served
from cafe_desk.server.security import FormError, csrf_ok
from cafe_desk.services import Services
from cafe_desk.services.comments import CafeEnded, clean_comment


def comment_choices(view: CafeView) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(about options, group options) as (value, label), the default first."""
    about = [("", "Not sure / general")]
    about += [(f"r:{r.id}", f"Question {r.number}: {r.prompt}") for r in view.rounds]
    about += [(f"o:{o.id}", f"Outcome: {o.title}") for o in view.outcomes]
    groups = [("", "Prefer not to say")] + [(g.id, g.name) for g in view.groups]
    return about, groups


def comment_form(request: Request, view: CafeView, *, status: int = 200, values: dict | None = None,
                 error: str = "", error_field: str = "") -> Response:
    """The comment page, with what was typed and one message when something needs fixing."""
    about, groups = comment_choices(view)
    return page(request, "comment.html", view, status=status, token=request.path_params["token"],
                question=view.question, has_round=view.current is not None, about_options=about,
                group_options=groups, values=values or {}, error=error, error_field=error_field,
                limit=f"{COMMENT_LIMIT:,}")


async def comment_get(request: Request) -> Response:
    """GET /c/{token}: the comment page of the served café."""
    view, refusal = await served(request, load_cafe)
    return refusal or comment_form(request, view)


def read_ahead(text: str) -> None:
    """Read a comment for risk before the store's lock is taken (the result is remembered for when it is stored),
    so one phone's comment never makes the next phone wait."""
    with contextlib.suppress(ValidationError):  # refused anyway, with its message, when it is stored
        check_text(clean_comment(text))


async def comment_post(request: Request) -> Response:
    """POST /c/{token}/comment: store the comment and go to the thanks page, or show the form again."""
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
        except UserError:  # the laptop's data file was busy or couldn't be written: the words stay on the page
            return view, None, NotSaved(NOT_SAVED)
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
    if isinstance(refused, NotSaved):
        return comment_form(request, view, status=503, values=values, error=str(refused), error_field="comment")
    if refused is not None:
        return comment_form(request, view, status=400, values=values, error=str(refused),
                            error_field=_comment_field(values["text"], values["consent"]))
    channel.announce("comment", {"cafe_id": note.cafe_id, "note_id": note.id, "flag": note.flag})
    return see_other(f"/c/{token}/thanks")


class NotSaved(UserError):
    """The comment was fine but couldn't be stored just now."""


NOT_SAVED = ("Your comment couldn't be saved just now because the laptop is busy. Your words are still here: "
             "please press Send again in a moment.")


def _comment_field(text: str, consent: bool) -> str:
    """Which field a refused comment's message is about."""
    try:
        clean_comment(text)
    except ValidationError:
        return "comment"
    return "comment" if consent else "consent"


async def comment_thanks(request: Request) -> Response:
    """GET /c/{token}/thanks: the page after a comment was stored."""
    view, refusal = await served(request, load_cafe)
    return refusal or page(request, "thanks.html", view, token=request.path_params["token"])
