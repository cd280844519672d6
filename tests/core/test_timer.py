"""The round countdown state machine, driven with explicit clock values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cafe_desk.core.timer import EXTEND_STEP_S, TimerState, format_clock

T0 = 1_000_000.0


def test_ready_holds_the_full_duration():
    t = TimerState.ready(600)
    assert t.status == "ready"
    assert t.remaining(T0) == 600
    assert t.remaining(T0 + 10_000) == 600  # not started: time does not pass


def test_start_counts_down_from_now():
    t = TimerState.ready(600).start(T0)
    assert t.status == "running"
    assert t.ends_at == T0 + 600
    assert t.remaining(T0 + 100) == 500


def test_pause_holds_remaining_and_resume_continues():
    t = TimerState.ready(600).start(T0).pause(T0 + 100)
    assert t.status == "paused"
    assert t.remaining(T0 + 5_000) == 500
    resumed = t.start(T0 + 5_000)
    assert resumed.status == "running"
    assert resumed.remaining(T0 + 5_100) == 400


def test_pause_when_not_running_changes_nothing():
    ready = TimerState.ready(600)
    assert ready.pause(T0) == ready
    paused = ready.start(T0).pause(T0 + 1)
    assert paused.pause(T0 + 50) == paused


def test_runs_out_and_settles_to_done():
    t = TimerState.ready(60).start(T0)
    assert not t.is_up(T0 + 59.9)
    assert t.is_up(T0 + 60)
    done = t.settle(T0 + 61)
    assert done.status == "done"
    assert done.remaining(T0 + 61) == 0
    assert done.ends_at is None


def test_starting_a_finished_countdown_does_nothing():
    done = TimerState.ready(60).start(T0).settle(T0 + 120)
    assert done.start(T0 + 130) == done


def test_pause_after_time_ran_out_is_done_not_negative():
    t = TimerState.ready(60).start(T0).pause(T0 + 90)
    assert t.status == "done"
    assert t.remaining(T0 + 90) == 0


def test_extend_while_running_adds_to_the_end():
    t = TimerState.ready(600).start(T0).extend(T0 + 100)
    assert t.status == "running"
    assert t.remaining(T0 + 100) == 500 + EXTEND_STEP_S
    assert t.duration_s == 600 + EXTEND_STEP_S


def test_extend_while_paused_adds_to_remaining():
    t = TimerState.ready(600).start(T0).pause(T0 + 100).extend(T0 + 200, 120)
    assert t.status == "paused"
    assert t.remaining(T0 + 999) == 620
    assert t.duration_s == 720


def test_extend_while_ready_adds_to_the_length():
    t = TimerState.ready(600).extend(T0, 30)
    assert (t.status, t.remaining(T0), t.duration_s) == ("ready", 630, 630)


def test_extend_when_done_runs_on_from_now():
    t = TimerState.ready(60).start(T0).extend(T0 + 500, 90)
    assert t.status == "running"
    assert t.remaining(T0 + 500) == 90
    assert t.duration_s == 150


def test_reset_goes_back_to_ready():
    t = TimerState.ready(60).start(T0).pause(T0 + 10).reset()
    assert t == TimerState.ready(60)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "00:00"), (-5, "00:00"), (0.01, "00:01"), (59.2, "01:00"), (60, "01:00"), (61, "01:01"),
     (599.5, "10:00"), (3600, "60:00")],
)
def test_format_clock_rounds_up(seconds, shown):
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(
    "state",
    [TimerState.ready(600), TimerState.ready(600).start(T0), TimerState.ready(600).start(T0).pause(T0 + 5),
     TimerState.ready(60).start(T0).settle(T0 + 61)],
    ids=["ready", "running", "paused", "done"],
)
def test_to_dict_from_dict_round_trip(state):
    assert TimerState.from_dict(state.to_dict()) == state


_duration = st.floats(min_value=1, max_value=4 * 3600, allow_nan=False)
_step = st.floats(min_value=0, max_value=10_000, allow_nan=False)
_op = st.tuples(st.sampled_from(["start", "pause", "extend", "settle"]), _step)


@given(_duration, st.lists(_op, max_size=30), _step)
def test_remaining_is_never_negative(duration, ops, last_step):
    t, now = TimerState.ready(duration), T0
    for name, step in ops:
        now += step
        t = t.extend(now, 60) if name == "extend" else getattr(t, name)(now)
        assert t.remaining(now) >= 0
    assert t.remaining(now + last_step) >= 0


@given(_duration, st.floats(min_value=0, max_value=1, allow_nan=False), _step)
def test_pause_then_resume_preserves_remaining(duration, fraction, gap):
    paused_at = T0 + duration * fraction * 0.999
    t = TimerState.ready(duration).start(T0).pause(paused_at)
    left = t.remaining(paused_at)
    resumed = t.start(paused_at + gap)
    assert resumed.remaining(paused_at + gap) == pytest.approx(left)
