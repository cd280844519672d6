"""The table host's page: a host adds their table's points from a phone or tablet, under the round under way."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.participant_words import COMMENT_LIMIT
from cafe_desk.server.cafe_view import CafeView, load_table
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.pages.comment import read_ahead
from cafe_desk.server.render import EXPIRED, UNREADABLE, page, plain, read_form, see_other, served
from cafe_desk.server.security import FormError, csrf_ok
from cafe_desk.services import Services
from cafe_desk.services.comments import CafeEnded


def host_form(request: Request, view: CafeView, *, status: int = 200, text: str = "", error: str = "",
              added: bool = False) -> Response:
    """The table host's page, with what was typed and one message when something needs fixing."""
    return page(request, "host.html", view, status=status, token=request.path_params["token"],
                table_label=view.table.label, round_label=view.current.label if view.current else "",
                question=view.question, text=text, error=error, added=added, limit=f"{COMMENT_LIMIT:,}")


async def host_page(request: Request) -> Response:
    """GET or POST /t/{token}: the table host's page; a post adds the point under the round under way."""
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
