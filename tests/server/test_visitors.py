"""Phones seen lately: distinct addresses in the last five minutes, kept only as keyed hashes in memory, counted by the
real server on 127.0.0.1 for every request that reaches it."""

from __future__ import annotations

from cafe_desk.server.visitors import WINDOW_S, RecentPhones
from tests.server.conftest import client_for


def test_each_address_counts_once_and_is_forgotten_after_five_minutes(clock):
    phones = RecentPhones(clock=clock)
    assert phones.count() == 0
    phones.saw("192.168.4.20")
    phones.saw("192.168.4.21")
    phones.saw("192.168.4.20")
    assert phones.count() == 2
    clock.now += WINDOW_S - 10
    phones.saw("192.168.4.21")  # still here: its five minutes start again
    assert phones.count() == 2
    clock.now += 11
    assert phones.count() == 1
    clock.now += WINDOW_S
    assert phones.count() == 0


def test_addresses_are_kept_only_as_hashes_keyed_afresh_each_time(clock):
    first, second = RecentPhones(clock=clock), RecentPhones(clock=clock)
    for phones in (first, second):
        phones.saw("192.168.4.20")
    held = repr(vars(first)) + repr(list(first._last))
    assert "192.168.4.20" not in held and b"192.168.4.20" not in b"".join(first._last)
    assert set(first._last) != set(second._last), "the same address hashes differently in each run"


def test_the_server_counts_the_phones_that_reached_it(live, cafe):
    assert live.phones_seen() == 0
    path = live.cafe_url.removeprefix(live.base_url)
    with client_for(live, "127.0.0.2") as phone_a, client_for(live, "127.0.0.3") as phone_b:
        assert phone_a.get(path).status_code == 200
        assert phone_a.get("/static/site.css").status_code == 200
        assert phone_b.get(path + "/vote").status_code == 200
    assert live.phones_seen() == 2
    with client_for(live, "127.0.0.4") as lost:
        assert lost.get("/c/not-a-real-link").status_code == 404  # it reached the laptop all the same
    assert live.phones_seen() == 3
