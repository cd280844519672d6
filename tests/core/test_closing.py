"""What closing a café would cut off: only the lines that apply, said plainly."""

from __future__ import annotations

from cafe_desk.core.closing import (
    PHONES_ENDED,
    READ_ONLY,
    VOTING_OPEN,
    ClosingFacts,
    closing_question,
    rounds_to_come,
    what_closing_cuts_off,
)


def test_nothing_under_way_says_only_what_closing_means():
    done = ClosingFacts(rounds=3, round_number=3, round_status="done")
    assert what_closing_cuts_off(done) == []
    assert closing_question(done) == READ_ONLY
    assert closing_question(ClosingFacts()) == READ_ONLY, "a café with no rounds yet"


def test_closing_during_round_two_of_three_with_everything_under_way():
    facts = ClosingFacts(rounds=3, round_number=2, round_status="running", time_left_s=12 * 60 + 40, needs_care=1,
                         phones_open=True, voting_open=True)
    assert what_closing_cuts_off(facts) == [
        "Round 2 is still running, with 12:40 left.",
        "Round 3 hasn't happened yet.",
        "1 item flagged for safeguarding still needs care (⚑): follow it up on the Comments or Notes page.",
        "Phones are open: they will see “This café has ended” for five minutes, then be cut off.",
        "Voting is still open: no more votes can come in once the café closes.",
    ]
    question = closing_question(facts)
    assert question.startswith("• Round 2 is still running")
    assert question.endswith("\n\n" + READ_ONLY)
    assert question.count("• ") == 5


def test_each_line_only_when_it_applies():
    assert what_closing_cuts_off(ClosingFacts(rounds=2, round_number=2, round_status="done", phones_open=True)) == [
        PHONES_ENDED]
    assert what_closing_cuts_off(ClosingFacts(rounds=2, round_number=2, round_status="done", voting_open=True)) == [
        VOTING_OPEN]
    assert what_closing_cuts_off(ClosingFacts(rounds=1, round_number=1, round_status="done", needs_care=3)) == [
        "3 items flagged for safeguarding still need care (⚑): follow them up on the Comments or Notes page."]
    assert what_closing_cuts_off(ClosingFacts(rounds=4, round_number=2, round_status="paused", time_left_s=61)) == [
        "Round 2 hasn't finished: it is paused with 01:01 left.", "Rounds 3 and 4 haven't happened yet."]


def test_rounds_to_come_counts_the_current_round_until_it_starts():
    assert rounds_to_come(ClosingFacts(rounds=3, round_number=2, round_status="ready")) == [2, 3]
    assert rounds_to_come(ClosingFacts(rounds=3, round_number=2, round_status="done")) == [3]
    assert rounds_to_come(ClosingFacts(rounds=3, round_number=3, round_status="running")) == []
    assert what_closing_cuts_off(ClosingFacts(rounds=3, round_number=1, round_status="ready")) == [
        "Rounds 1, 2 and 3 haven't happened yet."]
