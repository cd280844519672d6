"""The run order: for each state a café can be in on the day, the one next step."""

from __future__ import annotations

import pytest

from cafe_desk.core.run_order import CafeProgress, next_step

STARTED = CafeProgress(started=True)


@pytest.mark.parametrize(("progress", "phones_open", "key"), [
    (CafeProgress(has_rounds=False), False, "plan"),
    (CafeProgress(has_tables=False), True, "plan"),
    (CafeProgress(), False, "start"),
    (CafeProgress(), True, "start"),
    (STARTED, False, "phones"),
    (STARTED, True, "open_voting"),
    (CafeProgress(started=True, voting_open=True, voting_started=True), True, "close_voting"),
    (CafeProgress(started=True, voting_open=True, voting_started=True), False, "phones"),
    (CafeProgress(started=True, voting_started=True), True, "close_cafe"),
    (CafeProgress(started=True, voting_started=True), False, "close_cafe"),
    (CafeProgress(started=True, has_outcomes=False), True, "close_cafe"),
    (CafeProgress(started=True, has_outcomes=False), False, "phones"),
    (CafeProgress(closed=True), False, "export"),
    (CafeProgress(closed=True, started=True, voting_started=True), True, "export"),
    (CafeProgress(closed=True, exported=True), False, "send"),
    (CafeProgress(closed=True, exported=True, changed_since_export=True), False, "export_again"),
    (CafeProgress(closed=True, imported=True, exported=True), False, "none"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_next_step_for_each_state(progress, phones_open, key):
    assert next_step(progress, phones_open).key == key


def test_the_steps_follow_the_day_in_order():
    day = [
        (CafeProgress(), False),
        (STARTED, False),
        (STARTED, True),
        (CafeProgress(started=True, voting_open=True, voting_started=True), True),
        (CafeProgress(started=True, voting_started=True), True),
        (CafeProgress(closed=True, voting_started=True), False),
        (CafeProgress(closed=True, voting_started=True, exported=True), False),
    ]
    assert [next_step(p, phones).key for p, phones in day] == [
        "start", "phones", "open_voting", "close_voting", "close_cafe", "export", "send"]


def test_every_step_says_what_to_do_in_plain_words():
    send = next_step(CafeProgress(closed=True, exported=True), False).text
    assert "central team" in send and "email address or shared drive" in send and "never a public link" in send
    assert "receipt" in send
    assert "Export for the central team" in next_step(CafeProgress(closed=True), False).text
    assert "Votes page" in next_step(STARTED, True).text
    assert "Open to phones" in next_step(STARTED, False).text
    assert next_step(CafeProgress(imported=True, closed=True), False).text == ""
