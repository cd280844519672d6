"""Fast route tests with Starlette's TestClient (the same app as the real server), plus the small parts: the rate
limiter, strict form reading, wait wording and the laptop's addresses."""

from __future__ import annotations

import ipaddress
import logging
import warnings

import pytest

from cafe_desk.server.addresses import lan_addresses, rank
from cafe_desk.server.channel import CafeChannel
from cafe_desk.server.render import how_long
from cafe_desk.server.routes import create_app
from cafe_desk.server.security import FormError, Limits, RateLimiter, parse_form
from cafe_desk.services import Services
from tests.conftest import FakeClock
from tests.server.conftest import Events, alert, form_token

with warnings.catch_warnings():  # Starlette suggests httpx2 for its test client; httpx is what is installed
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient


@pytest.fixture
def channel(db_path, cafe):
    return CafeChannel(Services.opener_for(db_path), cafe.id, Events())


@pytest.fixture
def client(channel):
    with TestClient(create_app(channel), base_url="http://127.0.0.1", follow_redirects=False) as c:
        yield c


def cafe_path(services, cafe) -> str:
    return "/c/" + services.channel.settings(cafe.id).token


def test_lifespan_opens_and_closes_the_servers_own_store(channel, db_path):
    assert channel.services is None
    with TestClient(create_app(channel)):
        assert channel.services is not None and channel.services.store.path == db_path
    assert channel.services is None


def test_lifespan_compiles_every_page_before_the_first_phone(channel):
    with TestClient(create_app(channel)) as c:
        renderer = c.app_state["renderer"]
        compiled = {name for _loader, name in renderer.env.cache}
        assert compiled == set(renderer.env.list_templates()) and "comment.html" in compiled


def test_comment_round_trip(client, services, cafe, channel):
    path = cafe_path(services, cafe)
    page = client.get(path)
    reply = client.post(path + "/comment", data={"csrf": form_token(page), "comment": "Fast", "consent": "yes"})
    assert reply.status_code == 303
    assert [n.text for n in services.comments.comments(cafe.id)] == ["Fast"]
    assert [kind for kind, _ in channel.on_event.seen] == ["comment"]


def test_no_consent_over_test_client(client, services, cafe):
    path = cafe_path(services, cafe)
    page = client.get(path)
    reply = client.post(path + "/comment", data={"csrf": form_token(page), "comment": "No tick"})
    assert reply.status_code == 400
    assert alert(reply).startswith("Please tick the box")


def test_an_unexpected_error_is_a_plain_500_and_logged(channel, services, cafe, caplog):
    path = cafe_path(services, cafe)
    with TestClient(create_app(channel), raise_server_exceptions=False) as client:
        channel.close()  # the store is gone: every page now fails inside
        with caplog.at_level(logging.ERROR, logger="cafe_desk.server"):
            reply = client.get(path)
    assert reply.status_code == 500
    assert "Something went wrong on our side." in reply.text
    assert "Traceback" not in reply.text and "RuntimeError" not in reply.text
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert "Unexpected error on GET" in caplog.text and "RuntimeError" in caplog.text


def test_the_body_limit_is_counted_without_a_content_length(channel, services, cafe):
    path = cafe_path(services, cafe)
    with TestClient(create_app(channel, limits=Limits(max_body=100))) as client:
        def chunks():
            yield b"comment=" + b"a" * 60
            yield b"&more=" + b"b" * 60

        reply = client.post(path + "/comment", content=chunks(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status_code == 413


def test_static_css_and_head(client, services, cafe):
    css = client.get("/static/site.css")
    assert css.status_code == 200 and "font-size" in css.text
    assert client.head(cafe_path(services, cafe)).status_code == 200
    assert client.get("/static/templates/base.html").status_code == 404


def test_rate_limiter_window():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(limit=3, window_s=60, clock=clock)
    assert [limiter.hit("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.hit("a") == 60
    assert limiter.hit("b") == 0
    clock.now += 45
    assert limiter.hit("a") == 15
    clock.now += 15
    assert limiter.hit("a") == 0


def test_the_rate_limiter_keeps_no_address_and_forgets_clients_once_their_window_has_passed():
    clock = FakeClock(1000.0)
    limiter = RateLimiter(limit=3, window_s=60, clock=clock, most=1000)
    for i in range(1500):
        assert limiter.hit(f"127.33.{i // 256}.{i % 256}") == 0
    held = repr(limiter.__dict__)
    assert "127.33." not in held, "only keyed hashes are held"
    assert len(limiter._hits) <= 1001, "never more clients than it may hold"
    clock.now += 61
    assert limiter.hit("127.34.0.1") == 0
    assert len(limiter._hits) == 1, "clients whose last post is outside the window are forgotten"


def test_parse_form_is_strict():
    form = "application/x-www-form-urlencoded"
    assert parse_form(form, b"a=1&b=%E2%9C%93&c=") == {"a": "1", "b": "✓", "c": ""}
    assert parse_form(form + "; charset=UTF-8", "a=✓".encode()) == {"a": "✓"}
    for content_type, body in ((form, b"a=%FF"), (form, b"a=\xff"), ("multipart/form-data", b""),
                               ("text/plain", b"a=1"), (form, b"&".join([b"x=1"] * 100))):
        with pytest.raises(FormError):
            parse_form(content_type, body)


def test_how_long():
    assert [how_long(s) for s in (1, 45, 60, 61, 120)] == ["1 second", "45 seconds", "1 minute", "2 minutes",
                                                           "2 minutes"]


def test_lan_addresses_are_ip_addresses_private_first_loopback_last():
    found = lan_addresses()
    assert found[-1] == "127.0.0.1"
    parsed = [ipaddress.ip_address(a) for a in found]
    assert all(a.version == 4 for a in parsed)
    assert [rank(a) for a in found] == sorted(rank(a) for a in found)
    assert all(not ipaddress.ip_address(a).is_loopback for a in lan_addresses(include_loopback=False))
    assert sorted(["127.0.0.1", "8.8.8.8", "10.0.0.5", "169.254.1.1"], key=rank) == [
        "10.0.0.5", "8.8.8.8", "169.254.1.1", "127.0.0.1"]
