"""Fixtures for the phone pages: a real ParticipantServer on 127.0.0.1 (port 0), httpx clients, and the events it
reports; plus helpers to read a page's form token and messages."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from cafe_desk.server.runner import ParticipantServer
from cafe_desk.server.security import Limits
from cafe_desk.services import Services

RELAXED = Limits(posts_per_window=10_000)


class Events:
    """What the server told the app, in order."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict]] = []

    def __call__(self, kind: str, data: dict) -> None:
        self.seen.append((kind, data))


@pytest.fixture
def events():
    return Events()


@pytest.fixture
def live(db_path, cafe, events):
    """A real server on 127.0.0.1 with a relaxed rate limit (the rate-limit test starts its own)."""
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, host="127.0.0.1", port=0, on_event=events,
                               limits=RELAXED)
    server.start()
    yield server
    server.stop()


def client_for(server: ParticipantServer, source: str = "127.0.0.1") -> httpx.Client:
    """An httpx client talking to `server` from the loopback address `source` (127.0.x.y only)."""
    assert source.startswith("127.")
    return httpx.Client(base_url=server.base_url, follow_redirects=False, timeout=10,
                        transport=httpx.HTTPTransport(local_address=source))


@pytest.fixture
def phone(live):
    with client_for(live) as client:
        yield client


def form_token(page: httpx.Response) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, "the page has no form token"
    return match.group(1)


def alert(page: httpx.Response) -> str:
    """The text of the one message at the top of a page (role=alert)."""
    match = re.search(r'role="alert".*?<p id="error-message">(.*?)</p>', page.text, re.S)
    assert match, "the page shows no message"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def textarea(page: httpx.Response, name: str) -> str:
    match = re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page.text, re.S)
    assert match, f"no {name} box on the page"
    return html.unescape(match.group(1))


def path_of(server: ParticipantServer, url: str) -> str:
    return url[len(server.base_url):]
