"""The run order: for each state a café can be in on the day, the one next step — one round or several, phones open and
tested or not, voting, what needs care, closed and exported."""

from __future__ import annotations

import pytest

from cafe_desk.core.run_order import CafeProgress, next_step

ONE_ROUND = CafeProgress(rounds=1)


def on(number: int, status: str, rounds: int = 3, **more) -> CafeProgress:
    """A started café of `rounds` rounds, on round `number` with its countdown in `status`."""
    return CafeProgress(rounds=rounds, started=True, round_number=number, round_status=status, **more)


VOTED = {"voting_started": True}  # voting was opened, then closed
VOTING = {"voting_open": True, "voting_started": True}


@pytest.mark.parametrize(("progress", "phones_open", "tested", "key"), [
    # planning
    (CafeProgress(rounds=0), False, False, "plan"),
    (CafeProgress(has_tables=False), True, True, "plan"),
    # before anyone arrives: open to phones, test from a phone, then start
    (CafeProgress(rounds=3), False, False, "phones"),
    (CafeProgress(rounds=3), True, False, "test_phone"),
    (CafeProgress(rounds=3), True, True, "start"),
    # round 1 of 3 under way: no voting yet, the next round comes first
    (on(1, "running"), True, True, "round_on"),
    (on(1, "running"), True, False, "round_on"),
    (on(1, "paused"), True, True, "round_on"),
    (on(1, "running"), False, False, "phones"),
    (on(1, "done"), True, True, "next_round"),
    (on(1, "done"), False, False, "next_round"),
    # after Next round: start round 2, whatever else is going on
    (on(2, "ready"), True, True, "start_round"),
    (on(2, "ready"), False, False, "start_round"),
    (on(2, "ready", **VOTING), True, True, "start_round"),
    (on(2, "running"), True, True, "round_on"),
    (on(2, "done"), True, True, "next_round"),
    # voting opened early is closed when everyone has voted, or needs phones
    (on(1, "running", **VOTING), True, True, "close_voting"),
    (on(1, "running", **VOTING), False, False, "phones"),
    (on(1, "running", **VOTED), False, False, "round_on"),
    # the last round: voting, then its end, then what needs care, then closing
    (on(3, "ready"), True, True, "start_round"),
    (on(3, "running"), True, True, "open_voting"),
    (on(3, "running"), False, False, "phones"),
    (on(3, "running", **VOTING), True, True, "close_voting"),
    (on(3, "running", **VOTING), False, True, "phones"),
    (on(3, "running", **VOTED), True, True, "last_round"),
    (on(3, "paused", **VOTED), True, True, "last_round"),
    (on(3, "done", **VOTED), True, True, "close_cafe"),
    (on(3, "done", **VOTED), False, False, "close_cafe"),
    (on(3, "done"), True, True, "open_voting"),
    (on(3, "done", needs_care=2, **VOTED), True, True, "care"),
    (on(3, "running", needs_care=2, **VOTED), True, True, "last_round"),
    (on(3, "done", has_outcomes=False), True, True, "close_cafe"),
    (on(3, "done", has_outcomes=False), False, False, "close_cafe"),
    (on(3, "running", has_outcomes=False), True, True, "last_round"),
    # a café of one round
    (on(1, "running", rounds=1), True, True, "open_voting"),
    (on(1, "done", rounds=1, **VOTED), True, True, "close_cafe"),
    # closed, exported, imported
    (CafeProgress(closed=True), False, False, "export"),
    (CafeProgress(closed=True, started=True, voting_started=True), True, True, "export"),
    (CafeProgress(closed=True, exported=True), False, False, "send"),
    (CafeProgress(closed=True, exported=True, changed_since_export=True), False, False, "export_again"),
    (CafeProgress(closed=True, imported=True, exported=True), False, False, "none"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_next_step_for_each_state(progress, phones_open, tested, key):
    assert next_step(progress, phones_open, tested).key == key


def test_the_steps_follow_a_day_of_three_rounds_in_order():
    day = [
        (CafeProgress(rounds=3), False, False),
        (CafeProgress(rounds=3), True, False),
        (CafeProgress(rounds=3), True, True),
        (on(1, "running"), True, True),
        (on(1, "done"), True, True),
        (on(2, "ready"), True, True),
        (on(2, "running"), True, True),
        (on(3, "ready"), True, True),
        (on(3, "running"), True, True),
        (on(3, "running", **VOTING), True, True),
        (on(3, "running", **VOTED), True, True),
        (on(3, "done", needs_care=1, **VOTED), True, True),
        (on(3, "done", **VOTED), True, True),
        (CafeProgress(rounds=3, closed=True, **VOTED), False, False),
        (CafeProgress(rounds=3, closed=True, exported=True, **VOTED), False, False),
    ]
    assert [next_step(p, phones, tested).key for p, phones, tested in day] == [
        "phones", "test_phone", "start", "round_on", "next_round", "start_round", "round_on", "start_round",
        "open_voting", "close_voting", "last_round", "care", "close_cafe", "export", "send"]


def test_every_step_says_what_to_do_in_plain_words():
    def text(progress: CafeProgress, phones_open: bool = True, tested: bool = True) -> str:
        return next_step(progress, phones_open, tested).text

    send = text(CafeProgress(closed=True, exported=True))
    assert "central team" in send and "email address or shared drive" in send and "never a public link" in send
    assert "receipt" in send
    assert "Export for the central team" in text(CafeProgress(closed=True))
    assert text(CafeProgress(), False) == ("Open to phones (below), then Test from a phone to check the Wi-Fi lets "
                                           "phones through.")
    assert text(CafeProgress(), True, False).startswith("Now Test from a phone (below)")
    assert text(CafeProgress()) == "Start the first round (Start, below) when the room is ready."
    assert text(on(2, "ready")) == "Start round 2 (Start, below) when the tables are ready."
    assert text(on(1, "running")) == "Round 1 is under way. When it is over, go on to round 2 (Next round, below)."
    assert text(on(2, "done")) == "Time is up: go on to round 3 (Next round, below)."
    assert "Votes page" in text(on(3, "running"))
    assert text(on(3, "running", **VOTED)).startswith("Round 3 is the last one.")
    assert text(on(3, "done", needs_care=1, **VOTED)) == ("Follow up the item that needs care (⚑) before closing: "
                                                          "View → What needs care.")
    assert text(on(3, "done", needs_care=4, **VOTED)).startswith("Follow up the 4 items that need care (⚑)")
    assert "Cafés page" in text(on(3, "done", **VOTED))
    assert next_step(CafeProgress(imported=True, closed=True), False).text == ""
