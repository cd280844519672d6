"""Running a café with an injected clock: start, pause, extend, next round, and surviving a restart."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.timer import EXTEND_STEP_S
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan


@pytest.fixture
def run(store, clock):
    services = Services.build(store, clock=clock)
    cafe, _ = services.planning.create(mental_health_plan(services))
    return services, cafe


def test_before_start_the_first_round_is_ready(run):
    services, cafe = run
    st = services.running.state(cafe.id)
    first = services.planning.items(cafe.id, "round")[0]
    assert (st.round, st.index, st.timer.status) == (first, 0, "ready")
    assert st.timer.remaining(0) == first.duration_s


def test_start_pause_extend_next(run, clock):
    services, cafe = run
    rounds = services.planning.items(cafe.id, "round")
    st, changes = services.running.start(cafe.id)
    assert changes.run and changes.cafes
    assert services.cafes.cafe(cafe.id).state == "running"
    clock.now += 300
    assert services.running.state(cafe.id).timer.remaining(clock.now) == rounds[0].duration_s - 300

    st, _ = services.running.pause(cafe.id)
    clock.now += 1000
    st = services.running.state(cafe.id)
    assert (st.timer.status, st.timer.remaining(clock.now)) == ("paused", rounds[0].duration_s - 300)

    services.running.extend(cafe.id)
    services.running.start(cafe.id)
    clock.now += 100
    assert services.running.state(cafe.id).timer.remaining(clock.now) == rounds[0].duration_s - 400 + EXTEND_STEP_S

    st, _ = services.running.next_round(cafe.id)
    assert (st.round, st.timer.status) == (rounds[1], "ready")
    assert services.running.state(cafe.id).round == rounds[1]
    assert services.running.current_round_id(cafe.id) == rounds[1].id


def test_time_runs_out_while_nobody_looks(run, clock):
    services, cafe = run
    services.running.start(cafe.id)
    clock.now += 60 * 60
    st = services.running.state(cafe.id)
    assert (st.timer.status, st.timer.remaining(clock.now)) == ("done", 0)
    services.running.extend(cafe.id, 120)
    st = services.running.state(cafe.id)
    assert (st.timer.status, st.timer.remaining(clock.now)) == ("running", 120)


def test_last_round_has_no_next(run):
    services, cafe = run
    services.running.start(cafe.id)
    for _ in range(len(services.planning.items(cafe.id, "round")) - 1):
        services.running.next_round(cafe.id)
    with pytest.raises(ValidationError) as err:
        services.running.next_round(cafe.id)
    assert str(err.value) == "This is the last round. Close the café from the café list when you are done."


def test_state_survives_reopening_the_file(run, clock, db_path):
    services, cafe = run
    services.running.start(cafe.id)
    clock.now += 200
    services.running.next_round(cafe.id)
    services.running.start(cafe.id)
    clock.now += 50
    services.running.pause(cafe.id)
    before = services.running.state(cafe.id)
    services.store.close()

    clock.now += 5000
    again = Services.build(Store(db_path), clock=clock)
    try:
        after = again.running.state(cafe.id)
        assert after == before
        assert after.timer.status == "paused"
        assert after.timer.remaining(clock.now) == after.round.duration_s - 50
        assert again.cafes.cafe(cafe.id).state == "running"
    finally:
        again.store.close()


def test_the_round_now_is_the_current_one_only_while_the_cafe_has_started_and_is_open(run, clock):
    services, cafe = run
    rounds = services.planning.items(cafe.id, "round")
    assert services.running.round_now(cafe.id) is None, "being planned: no round is on"
    services.running.start(cafe.id)
    assert services.running.round_now(cafe.id) == rounds[0].id
    services.running.pause(cafe.id)
    assert services.running.round_now(cafe.id) == rounds[0].id
    services.running.next_round(cafe.id)
    assert services.running.round_now(cafe.id) == rounds[1].id, "moved on with Next, its countdown not started yet"
    services.cafes.close(cafe.id)
    assert services.running.round_now(cafe.id) is None
    services.cafes.reopen(cafe.id)
    assert services.running.round_now(cafe.id) == rounds[1].id
