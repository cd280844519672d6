"""The rehearsal page on a real server on 127.0.0.1: a phone that opens the test link is told it reached the laptop,
the app hears how many different phones have, and nothing is written."""

from __future__ import annotations

from cafe_desk.server.pages.check import CheckLink
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.server.visitors import WINDOW_S
from cafe_desk.services import Services
from tests.server.conftest import RELAXED, Events, client_for, path_of

SUPPORT = ("Breathing Space", "Samaritans", "NHS 24")


def test_the_test_page_says_the_phone_reached_the_laptop_and_the_app_hears_of_it(live, phone, services, cafe,
                                                                                 events):
    assert live.check_url.startswith(f"{live.base_url}/check/")
    assert services.channel.settings(cafe.id).token not in live.check_url, "the test link carries no café secret"
    before = services.cafes.status(cafe.id)

    page = phone.get(path_of(live, live.check_url))

    assert page.status_code == 200
    assert "This phone reached the café laptop" in page.text and "You're all set" in page.text
    assert "<script" not in page.text and all(line in page.text for line in SUPPORT)
    assert cafe.title in page.text
    assert events.seen == [("phone_check", {"cafe_id": cafe.id, "phones": 1})]
    assert services.cafes.status(cafe.id) == before, "the test page is never a comment or a vote"
    assert "set-cookie" not in page.headers


def test_phones_are_counted_once_each(live, services, cafe, events):
    for source in ("127.0.0.2", "127.0.0.3", "127.0.0.2"):
        with client_for(live, source) as phone:
            assert phone.get(path_of(live, live.check_url)).status_code == 200
    assert [data["phones"] for kind, data in events.seen if kind == "phone_check"] == [1, 2, 2]


def everything_held(obj, seen: set[int] | None = None) -> list:
    """Every value reachable from `obj`'s attributes and containers."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    found = [obj]
    if isinstance(obj, dict):
        parts = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        parts = list(obj)
    elif hasattr(obj, "__dict__") and not callable(obj):
        parts = list(vars(obj).values())
    else:
        parts = []
    for part in parts:
        found += everything_held(part, seen)
    return found


def test_the_test_link_keeps_no_address_only_a_keyed_hash():
    link = CheckLink("Café")
    assert link.reached("192.168.4.20") == 1
    assert link.reached("192.168.4.21") == 2
    held = everything_held(link)
    assert not [v for v in held if "192.168.4" in (v.decode("latin-1") if isinstance(v, bytes) else str(v))]
    assert any(isinstance(v, bytes) and len(v) == 16 for v in held), "phones are told apart by a hash"


def test_the_test_link_forgets_a_phone_after_five_minutes(clock):
    link = CheckLink("Café", clock=clock)
    assert link.reached("192.168.4.20") == 1
    assert link.reached("192.168.4.21") == 2
    clock.now += WINDOW_S - 10
    assert link.reached("192.168.4.20") == 2
    clock.now += 11
    assert link.reached("192.168.4.22") == 2, "the phone last seen over five minutes ago is forgotten"


def test_a_wrong_test_link_is_a_plain_404_and_tells_nobody(live, phone, events):
    page = phone.get("/check/not-the-right-secret-at-all")
    assert page.status_code == 404
    assert "This phone reached" not in page.text
    assert events.seen == []


def test_the_test_link_is_new_each_time_the_server_starts(db_path, cafe):
    links = []
    for _ in range(2):
        server = ParticipantServer(Services.opener_for(db_path), cafe.id, port=0, on_event=Events(), limits=RELAXED)
        server.start()
        try:
            links.append(path_of(server, server.check_url))
        finally:
            server.stop()
    assert links[0] != links[1]
