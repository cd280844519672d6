"""Closing a café, on a real data file and a fake clock: what the question before it says, and the round's countdown
stopping in the same write as the close (reopening leaves it stopped)."""

from __future__ import annotations

import pytest

from cafe_desk.core.closing import ClosingFacts, what_closing_cuts_off
from cafe_desk.services import Services
from cafe_desk.storage.errors import StorageError
from tests.conftest import DISK_FULL, allow_rows, exactly, mental_health_plan, refuse_row

RISKY = "Honestly I can't go on like this any more"


@pytest.fixture
def run(store, clock):
    services = Services.build(store, clock=clock)
    cafe, _ = services.planning.create(mental_health_plan(services))
    return services, cafe


def test_the_facts_for_the_question_during_round_two_of_three(run, clock):
    services, cafe = run
    services.running.start(cafe.id)
    services.running.next_round(cafe.id)
    services.running.start(cafe.id)
    duration = services.running.state(cafe.id).round.duration_s
    clock.now += 100
    services.channel.set_voting_open(cafe.id, True)
    services.comments.submit(cafe.id, RISKY, consent=True)

    facts = services.cafes.closing_facts(cafe.id, phones_open=True)
    assert facts == ClosingFacts(rounds=3, round_number=2, round_status="running", time_left_s=duration - 100,
                                 needs_care=1, phones_open=True, voting_open=True)
    assert len(what_closing_cuts_off(facts)) == 5
    assert services.cafes.closing_facts(cafe.id, phones_open=False).phones_open is False


def test_nothing_under_way_once_the_last_round_is_over_and_all_is_followed_up(run, clock):
    services, cafe = run
    for _ in range(2):
        services.running.start(cafe.id)
        services.running.next_round(cafe.id)
    services.running.start(cafe.id)
    clock.now += services.running.state(cafe.id).round.duration_s
    comment, _ = services.comments.submit(cafe.id, RISKY, consent=True)
    services.safeguarding.follow_up(comment.id, "JB")
    assert what_closing_cuts_off(services.cafes.closing_facts(cafe.id, phones_open=False)) == []


def test_closing_stops_the_countdown_and_reopening_leaves_it_stopped(run, clock):
    services, cafe = run
    services.running.start(cafe.id)
    duration = services.running.state(cafe.id).round.duration_s
    clock.now += 200
    changes = services.cafes.close(cafe.id)
    assert changes.run and changes.cafes

    clock.now += 600
    timer = services.running.state(cafe.id).timer
    assert (timer.status, timer.remaining(clock.now)) == ("paused", duration - 200), "the clock no longer counts"
    actions = [(e["action"], e["entity"]) for e in services.store.audit_entries(cafe.id)]
    assert actions[-2:] == [("run", "round"), ("close", "cafe")]

    services.cafes.reopen(cafe.id)
    clock.now += 600
    timer = services.running.state(cafe.id).timer
    assert (timer.status, timer.remaining(clock.now)) == ("paused", duration - 200)
    assert services.cafes.cafe(cafe.id).state == "running"
    services.running.start(cafe.id)
    clock.now += 50
    assert services.running.state(cafe.id).timer.remaining(clock.now) == duration - 250, "it resumes where it was"


def test_a_finished_or_unstarted_countdown_is_left_as_it_is(run, clock):
    services, cafe = run
    services.cafes.close(cafe.id)
    assert services.running.state(cafe.id).timer.status == "ready"
    services.cafes.reopen(cafe.id)
    services.running.start(cafe.id)
    clock.now += services.running.state(cafe.id).round.duration_s + 5
    services.cafes.close(cafe.id)
    assert services.running.state(cafe.id).timer.status == "done"


def test_close_and_stop_are_one_write(run, clock, db_path):
    services, cafe = run
    services.running.start(cafe.id)
    clock.now += 30
    refuse_row(db_path, "cafe", "UPDATE", cafe.id)
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.cafes.close(cafe.id)
    allow_rows(db_path, "cafe", "UPDATE")
    assert services.cafes.cafe(cafe.id).state == "running"
    assert services.running.state(cafe.id).timer.status == "running", "the countdown runs on: nothing was written"
