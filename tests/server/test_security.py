"""The phone pages' defences on a real server on 127.0.0.1: wrong links, ended cafés, methods, the rate limit,
headers, and the server's own start and stop."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from cafe_desk.core.errors import UserError
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.server.security import Limits
from cafe_desk.services import Services
from tests.server.conftest import client_for, form_token, path_of

SUPPORT = "If you need to talk to someone now:"


def assert_guarded(reply: httpx.Response) -> None:
    assert reply.headers["content-security-policy"].startswith("default-src 'none'; style-src 'self';")
    assert "script-src" not in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert "server" not in reply.headers


def test_wrong_links_are_a_plain_404(phone, live, cafe, services):
    for path in ("/c/not-the-token", "/c/" + "A" * 22, "/c/x/vote", "/t/nope", "/", "/c/" + "a" * 5000,
                 "/c/%00%ff"):
        reply = phone.get(path)
        assert reply.status_code == 404, path
        assert "Page not found" in reply.text and SUPPORT in reply.text
        assert cafe.title not in reply.text
        assert_guarded(reply)
    assert phone.post("/c/wrong/comment", data={"comment": "x"}).status_code == 404


def test_another_cafes_link_is_not_served(phone, live, services):
    from tests.conftest import mental_health_plan

    other = services.planning.create(mental_health_plan(services, date="2026-05-01"))[0]
    token = services.channel.settings(other.id).token
    assert phone.get(f"/c/{token}").status_code == 404


def test_an_ended_cafe_says_so_kindly(phone, live, services, cafe):
    page = phone.get(path_of(live, live.cafe_url))
    token = form_token(page)
    table = services.planning.items(cafe.id, "table")[0]
    host_path = path_of(live, live.table_url(table.id))
    services.cafes.close(cafe.id)
    for reply in (phone.get(path_of(live, live.cafe_url)), phone.get(path_of(live, live.vote_url)),
                  phone.get(host_path),
                  phone.post(path_of(live, live.cafe_url) + "/comment",
                             data={"csrf": token, "comment": "late", "consent": "yes"}),
                  phone.post(path_of(live, live.vote_url), data={"csrf": token}),
                  phone.post(host_path, data={"csrf": token, "point": "late"})):
        assert reply.status_code == 410
        assert "This café has ended" in reply.text and "Thank you for taking part." in reply.text
        assert SUPPORT in reply.text and '<a href="tel:111">' in reply.text
    assert services.comments.comments(cafe.id) == []


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_only_get_head_and_post(phone, live, method):
    for path in (path_of(live, live.cafe_url), "/anything"):
        reply = phone.request(method, path)
        assert reply.status_code == 405
        assert reply.headers["allow"] == "GET, HEAD, POST"
        assert_guarded(reply)
    assert phone.post(path_of(live, live.cafe_url)).status_code == 405  # the form posts to /comment


def test_the_rate_limit_says_when_to_try_again(db_path, cafe, services):
    server = ParticipantServer(Services.opener_for(db_path), cafe.id)  # the real limit: 10 posts a minute per phone
    server.start()
    try:
        with client_for(server) as phone, client_for(server, "127.0.0.2") as neighbour:
            page = phone.get(path_of(server, server.cafe_url))
            data = {"csrf": form_token(page), "comment": "again", "consent": "yes"}
            url = path_of(server, server.cafe_url) + "/comment"
            assert [phone.post(url, data=data).status_code for _ in range(10)] == [303] * 10
            reply = phone.post(url, data=data)
            assert reply.status_code == 429
            assert 1 <= int(reply.headers["retry-after"]) <= 60
            wait = int(reply.headers["retry-after"])
            unit = "second" if wait < 60 else "minute"
            assert "Please try again in" in reply.text and unit in reply.text
            assert_guarded(reply)
            assert phone.get(path_of(server, server.cafe_url)).status_code == 200  # reading is never limited
            page = neighbour.get(path_of(server, server.cafe_url))
            assert neighbour.post(url, data={**data, "csrf": form_token(page)}).status_code == 303
    finally:
        server.stop()
    assert len(services.comments.comments(cafe.id)) == 11


def test_every_kind_of_reply_carries_the_security_headers(phone, live):
    page = phone.get(path_of(live, live.cafe_url))
    css = phone.get("/static/site.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    sent = phone.post(path_of(live, live.cafe_url) + "/comment",
                      data={"csrf": form_token(page), "comment": "hi", "consent": "yes"})
    assert sent.status_code == 303
    for reply in (page, css, sent, phone.get("/nowhere")):
        assert_guarded(reply)
    assert page.headers["cache-control"] == "no-store"
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "<script" not in page.text and "http://" not in page.text.split("</head>")[0]


def test_a_taken_port_is_replaced_by_a_free_one(db_path, cafe):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        server = ParticipantServer(Services.opener_for(db_path), cafe.id, port=taken)
        server.start()
        try:
            assert server.port not in (0, taken)
            assert server.base_url == f"http://127.0.0.1:{server.port}"
            assert httpx.get(server.cafe_url).status_code == 200
        finally:
            server.stop()
            server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.cafe_url)


def test_a_port_that_cannot_be_used_is_a_plain_message(db_path, cafe):
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, port=70000)
    with pytest.raises(UserError) as err:
        server.start()
    assert str(err.value) == ("Café Desk can't open the phone page on 127.0.0.1:70000 "
                              "(the port must be a number from 0 to 65535).")


def test_a_cafe_that_is_not_there_is_a_plain_message(db_path, cafe):
    with pytest.raises(UserError, match="There is no café 'NOPE' here"):
        ParticipantServer(Services.opener_for(db_path), "NOPE").start()


def test_urls_use_the_cafe_and_table_tokens(live, services, cafe):
    settings = services.channel.settings(cafe.id)
    table = services.planning.items(cafe.id, "table")[2]
    assert live.cafe_url == f"http://127.0.0.1:{live.port}/c/{settings.token}"
    assert live.vote_url == live.cafe_url + "/vote"
    assert live.table_url(table.id) == f"http://127.0.0.1:{live.port}/t/{services.channel.host_token(table.id)}"


def test_limits_are_configurable(db_path, cafe, services):
    """The limits a server is given are the ones it enforces: fewer posts, a shorter window, a smaller body; each
    differs from the default (10 a minute, 16 KB), which would let every one of these requests through."""
    limits = Limits(max_body=2048, posts_per_window=3, window_s=2.0)
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, host="127.0.0.1", port=0, limits=limits)
    server.start()
    try:
        with client_for(server) as phone, client_for(server, "127.0.0.3") as other:
            url = path_of(server, server.cafe_url) + "/comment"
            data = {"csrf": form_token(phone.get(path_of(server, server.cafe_url))), "comment": "short",
                    "consent": "yes"}
            assert [phone.post(url, data=data).status_code for _ in range(3)] == [303] * 3
            refused = phone.post(url, data=data)
            assert refused.status_code == 429
            wait = int(refused.headers["retry-after"])
            assert 1 <= wait <= 2
            time.sleep(wait + 0.2)
            assert phone.post(url, data=data).status_code == 303  # the window was two seconds, not a minute

            # 900 characters (within the comment limit) that take about 5.4 KB as a form: over 2 KB, under 16 KB
            big = {"csrf": form_token(other.get(path_of(server, server.cafe_url))), "comment": "é" * 900,
                   "consent": "yes"}
            reply = other.post(url, data=big)
            assert reply.status_code == 413
            assert_guarded(reply)
    finally:
        server.stop()
    assert [c.text for c in services.comments.comments(cafe.id)] == ["short"] * 4


def test_listening_socket_lets_asyncio_turn_nagle_off(live):
    """With a listening socket whose proto isn't TCP, asyncio leaves Nagle on for accepted connections and every
    keep-alive reply waits ~40 ms for a delayed ACK (measured in bench, not timed here)."""
    import socket

    assert live._socket.proto == socket.IPPROTO_TCP
    assert live._socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_forwarded_headers_do_not_change_who_is_counted(db_path, cafe, services):
    """No proxy stands in front of the phone server: a header naming another address, even from 127.0.0.1, is not
    believed, so it can't lift the POST limit."""
    server = ParticipantServer(Services.opener_for(db_path), cafe.id)  # the real limit: 10 posts a minute per phone
    server.start()
    try:
        with client_for(server) as phone:
            data = {"csrf": form_token(phone.get(path_of(server, server.cafe_url))), "comment": "again",
                    "consent": "yes"}
            url = path_of(server, server.cafe_url) + "/comment"
            codes = []
            for i in range(15):
                pretend = f"10.0.{i}.{i + 1}"
                codes.append(phone.post(url, data=data, headers={
                    "X-Forwarded-For": pretend, "X-Real-IP": pretend, "Forwarded": f"for={pretend}",
                    "X-Forwarded-Proto": "https"}).status_code)
    finally:
        server.stop()
    assert codes == [303] * 10 + [429] * 5
    assert len(services.comments.comments(cafe.id)) == 10


def raw_get(server: ParticipantServer, target: str, host: str) -> tuple[str, dict[str, str]]:
    """Send a GET with the given Host header; the status line and headers of the reply."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    head = reply.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    return head[0], {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in head[1:])}


def test_the_trailing_slash_redirect_stays_on_this_server(live):
    """The redirect to the address without (or with) its last slash is a path, whatever Host the request named."""
    cafe_path = path_of(live, live.cafe_url)
    for target, expected in ((cafe_path + "/", cafe_path), (cafe_path + "/vote/", cafe_path + "/vote"),
                             (cafe_path + "/vote/?from=qr", cafe_path + "/vote?from=qr"),
                             ("/static/site.css/", "/static/site.css")):
        for host in ("evil.example", "evil.example:8080", "127.0.0.1@evil.example"):
            status, headers = raw_get(live, target, host)
            assert status.startswith("HTTP/1.1 307"), (target, status)
            assert headers["location"] == expected, (target, host)
    with client_for(live) as phone:
        reply = phone.get(cafe_path + "/", headers={"Host": "evil.example"})
        assert reply.status_code == 307 and reply.headers["location"] == cafe_path
        assert_guarded(reply)
        assert phone.get(reply.headers["location"]).status_code == 200
        for path in ("/nowhere/", "//evil.example/", "/c/", "/%2F%2Fevil.example/"):
            assert phone.get(path, headers={"Host": "evil.example"}).status_code == 404, path
