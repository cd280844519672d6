"""After the café is closed and the server told so (`end`): every phone page says "This café has ended" (410), with
the support lines, and nothing a phone sends is written."""

from __future__ import annotations

import pytest

from cafe_desk.server.runner import ParticipantServer
from cafe_desk.services import Services
from tests.server.conftest import RELAXED, Events, client_for, form_token, path_of

SUPPORT = ("Breathing Space", "Samaritans", "NHS 24")


def ended(page) -> bool:
    return (page.status_code == 410 and "This café has ended" in page.text and "Thank you for taking part" in page.text
            and all(line in page.text for line in SUPPORT) and "<script" not in page.text)


@pytest.fixture
def closed(live, phone, services, cafe):
    """The café closed with a comment form open on a phone and voting open; the server then told it has ended."""
    services.channel.set_voting_open(cafe.id, True)
    form = phone.get(path_of(live, live.cafe_url))
    services.cafes.close(cafe.id)
    live.end()
    return form_token(form)


def test_every_phone_page_says_the_cafe_has_ended(live, phone, services, cafe, closed):
    table = services.planning.items(cafe.id, "table")[0]
    paths = [path_of(live, url) for url in (live.cafe_url, live.cafe_url + "/thanks", live.vote_url,
                                            live.vote_url + "/thanks", live.table_url(table.id), live.check_url)]
    for path in [*paths, "/c/an-old-link", "/somewhere/else"]:
        page = phone.get(path)
        assert ended(page), (path, page.status_code)
    assert phone.get("/static/site.css").status_code == 200, "the ended page keeps its look"


def test_posts_get_the_ended_page_and_nothing_is_written(live, phone, services, cafe, closed, events):
    before = services.cafes.status(cafe.id)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    table = services.planning.items(cafe.id, "table")[0]
    sent = [
        (live.cafe_url + "/comment", {"csrf": closed, "comment": "Sent after the end", "consent": "yes"}),
        (live.vote_url, {"csrf": closed, f"o-{outcome.id}": "1"}),
        (live.table_url(table.id), {"csrf": closed, "point": "A point after the end"}),
    ]
    for url, data in sent:
        assert ended(phone.post(path_of(live, url), data=data)), url
    assert services.cafes.status(cafe.id) == before
    assert events.seen == []


def test_the_ended_page_shows_the_cafes_own_support_lines(db_path, services, cafe):
    services.channel.set_support_lines(cafe.id, [("Local crisis line", "0800 000 111")])
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, port=0, on_event=Events(), limits=RELAXED)
    server.start()
    try:
        services.cafes.close(cafe.id)
        server.end()
        with client_for(server) as phone:
            page = phone.get("/anything")
        assert page.status_code == 410 and "Local crisis line" in page.text and "0800 000 111" in page.text
    finally:
        server.stop()
