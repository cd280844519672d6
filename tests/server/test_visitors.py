"""Phones seen lately: distinct addresses in the last five minutes, kept only as keyed hashes in memory, counted by the
real server on 127.0.0.1 for every request that reaches it."""

from __future__ import annotations

import sys

from cafe_desk.server import visitors
from cafe_desk.server.visitors import MAX_TRACKED, WINDOW_S, RecentPhones
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


def steps_in(call) -> int:
    """How many lines of visitors.py run during `call()`, each time round a loop counting again."""
    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        if frame.f_code.co_filename != visitors.__file__:
            return None
        if event == "line":
            steps += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(previous)
    return steps


def address(i: int) -> str:
    return f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"


def test_noting_and_counting_phones_take_as_long_with_many_as_with_few(clock):
    phones = RecentPhones(clock=clock)
    phones.saw(address(0))
    few = steps_in(lambda: (phones.saw("192.168.9.9"), phones.count()))
    for i in range(1, MAX_TRACKED):
        phones.saw(address(i))
    assert phones.count() == MAX_TRACKED
    clock.now += 10
    # counting, a phone seen again, and a new phone when full (turned away: none has expired) cost what they did
    assert steps_in(phones.count) <= few
    assert steps_in(lambda: phones.saw(address(5))) <= few
    assert steps_in(lambda: phones.saw("192.168.9.10")) <= few
    assert phones.count() == MAX_TRACKED
    clock.now += WINDOW_S - 5  # all but the one seen again have expired
    phones.saw("192.168.9.11")
    assert phones.count() == 2


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
