"""The vote page: one ballot per phone (a random cookie) or per printed card (its code), following the café's vote
method (dots to give, a ranking, or agreement from 1 to 5); changeable until the facilitator closes voting."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from cafe_desk.core.ballots import clean_ballot
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import AGREEMENT_LABELS
from cafe_desk.server.cafe_view import CafeView, load_cafe
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.render import EXPIRED, page, plain, read_form, see_other, served
from cafe_desk.server.security import TOKEN_SHAPE, FormError, csrf_ok
from cafe_desk.services import Services
from cafe_desk.services.ballots import VOTING_NOT_YET_OPEN, new_voter_token, normalise_code
from cafe_desk.services.comments import CafeEnded

VOTER_COOKIE = "cd_voter"
VOTER_MAX_AGE_S = 7 * 24 * 3600
NEED_CODE = "Please type the code printed on your ballot card."
UNREADABLE_BALLOT = "Some of what you sent couldn't be read. Please make your choices again and send them."
CLOSED = "Voting isn't open at the moment. If you voted earlier, your vote is counted."
NOTHING = "There is nothing to vote on yet. Please check back later."


def closed_message(view: CafeView) -> str:
    """Why there is no ballot: voting hasn't opened yet, has closed, or there is nothing to vote on."""
    if view.settings.voting_not_yet_open:
        return VOTING_NOT_YET_OPEN
    return CLOSED if not view.settings.voting_open else NOTHING


def first_field(view: CafeView) -> str:
    """The id of the ballot's first input, for an error message to point at."""
    if not view.outcomes:
        return ""
    first = view.outcomes[0].id
    return f"o-{first}-0" if view.cafe.vote_method == "agreement" else f"o-{first}"


def vote_form(request: Request, view: CafeView, *, status: int = 200, values: dict[str, str] | None = None,
              code: str = "", error: str = "", error_field: str = "", cast_before: bool = False) -> Response:
    """The vote page for the café's vote method, with the choices made and one message if needed."""
    values = values or {}
    rows = [{"id": o.id, "title": o.title, "value": values.get(o.id, "")} for o in view.outcomes]
    return page(request, "vote.html", view, status=status, token=request.path_params["token"],
                method=view.cafe.vote_method, dots=view.cafe.dots_per_person, outcomes=rows,
                ranks=list(range(1, len(rows) + 1)), agreement=AGREEMENT_LABELS, rule=view.settings.ballot_rule,
                code=code, error=error, error_field=error_field, cast_before=cast_before)


def voter_cookie(request: Request) -> str:
    """The phone's voter token from its cookie, if it is one of ours (else "")."""
    token = request.cookies.get(VOTER_COOKIE, "")
    return token if TOKEN_SHAPE.match(token) else ""


async def vote_page(request: Request) -> Response:
    """GET or POST /c/{token}/vote: the ballot (or why voting is closed); a post casts or changes it."""
    channel: CafeChannel = request.state.channel
    token = request.path_params["token"]
    view, refusal = await served(request, load_cafe)
    if refusal:
        return refusal
    posted = request.method == "POST"
    if not view.settings.voting_open or not view.outcomes:
        return page(request, "vote_closed.html", view, status=409 if posted else 200, token=token,
                    message=closed_message(view))
    voter = voter_cookie(request)
    if not posted:
        current = None
        if view.settings.ballot_rule == "phone" and voter:
            current = await channel.read(lambda s: s.ballots.current(view.cafe.id, voter))
        values = {k: str(v) for k, v in current.choices.items()} if current else {}
        return vote_form(request, view, values=values, cast_before=current is not None)
    return await cast(request, view, voter)


async def cast(request: Request, view: CafeView, voter: str) -> Response:
    """Check and cast (or change) the posted ballot; the form again, with one clear message, if it can't be."""
    channel: CafeChannel = request.state.channel
    try:
        form = await read_form(request)
    except FormError:
        return vote_form(request, view, status=400, error=UNREADABLE_BALLOT, error_field=first_field(view))
    values = {name[2:]: value for name, value in form.items() if name.startswith("o-")}
    code = form.get("code", "")
    if not csrf_ok(request, form):
        return vote_form(request, view, status=400, values=values, code=code, error=EXPIRED,
                         error_field=first_field(view))
    by_code = view.settings.ballot_rule == "code"
    if by_code and not normalise_code(code):
        return vote_form(request, view, status=400, values=values, code=code, error=NEED_CODE, error_field="code")
    try:
        clean_ballot(view.cafe.vote_method, view.cafe.dots_per_person, [o.id for o in view.outcomes], values)
    except ValidationError as exc:
        return vote_form(request, view, status=400, values=values, code=code, error=str(exc),
                         error_field=first_field(view))
    key = code if by_code else (voter or new_voter_token())

    def cast_ballot(services: Services):
        return services.ballots.cast(view.cafe.id, key, values, is_code=by_code)[0]

    try:
        await channel.write(cast_ballot, lambda ballot: ("ballot", {"cafe_id": ballot.cafe_id}))
    except CafeEnded:
        return plain(request, "ended", view)
    except ValidationError as exc:
        return vote_form(request, view, status=400, values=values, code=code, error=str(exc),
                         error_field="code" if by_code else first_field(view))
    token = request.path_params["token"]
    response = see_other(f"/c/{token}/vote/thanks")
    if not by_code and key != voter:
        response.set_cookie(VOTER_COOKIE, key, max_age=VOTER_MAX_AGE_S, httponly=True, samesite="lax",
                            path=f"/c/{token}")
    return response


async def vote_thanks(request: Request) -> Response:
    """GET /c/{token}/vote/thanks: the page after a ballot was cast."""
    view, refusal = await served(request, load_cafe)
    return refusal or page(request, "vote_thanks.html", view, token=request.path_params["token"],
                           rule=view.settings.ballot_rule)
