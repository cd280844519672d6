"""Vote totals for each method, filtered by table and group, and the checks on typed-in counts."""

from __future__ import annotations

import re

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import Outcome, Tally
from cafe_desk.core.votes import MAX_COUNT, check_count, check_level, levels_for, summarise

OUTCOMES = [Outcome("o1", "c", 1, "Peer support"), Outcome("o2", "c", 2, "Access"),
            Outcome("o3", "c", 3, "Equal value")]


def by_id(totals):
    return {t.outcome_id: t for t in totals}


def test_dots_add_up_piles_and_keep_plan_order():
    tallies = [Tally("o1", "t1", None, 0, 4), Tally("o1", "t2", None, 0, 3), Tally("o2", "t1", None, 0, 1)]
    totals = summarise("dots", OUTCOMES, tallies)
    assert [t.outcome_id for t in totals] == ["o1", "o2", "o3"]
    got = by_id(totals)
    assert (got["o1"].score, got["o1"].voters, got["o1"].share) == (7, 7, 1.0)
    assert got["o2"].share == pytest.approx(1 / 7)
    assert got["o2"].detail == "1 dot"
    assert got["o3"].detail == "0 dots"
    assert got["o3"].share == 0


@pytest.mark.parametrize(("method", "detail"), [
    ("dots", "0 dots"), ("ranking", "0 points; first choice of 0"),
    ("agreement", "average 0.0 of 5; 0% agree (0 people)"),
])
def test_no_votes_at_all_gives_empty_bars(method, detail):
    """One empty bar per outcome, in plan order (the chart still lists every outcome), not an empty list."""
    totals = summarise(method, OUTCOMES, [])
    assert [(t.outcome_id, t.title) for t in totals] == [(o.id, o.title) for o in OUTCOMES]
    assert [(t.score, t.voters, t.share, t.detail) for t in totals] == [(0, 0, 0, detail)] * len(OUTCOMES)


def test_ranking_uses_borda_points():
    # three outcomes: first choice = 3 points, second = 2, third = 1
    tallies = [Tally("o1", None, None, 1, 2), Tally("o1", None, None, 3, 1),
               Tally("o2", None, None, 1, 1), Tally("o2", None, None, 2, 2)]
    got = by_id(summarise("ranking", OUTCOMES, tallies))
    assert got["o1"].score == 2 * 3 + 1 * 1
    assert got["o2"].score == 1 * 3 + 2 * 2
    assert got["o1"].voters == 3
    assert got["o1"].detail == "7 points; first choice of 2"
    assert got["o2"].share == 1.0


def test_agreement_mean_and_percent_agree():
    tallies = [Tally("o1", None, None, 5, 2), Tally("o1", None, None, 4, 1), Tally("o1", None, None, 1, 1)]
    got = by_id(summarise("agreement", OUTCOMES, tallies))
    assert got["o1"].score == pytest.approx((5 * 2 + 4 + 1) / 4)
    assert got["o1"].share == pytest.approx(got["o1"].score / 5)
    assert got["o1"].detail == "average 3.8 of 5; 75% agree (4 people)"
    assert got["o2"].detail == "average 0.0 of 5; 0% agree (0 people)"


def test_filter_by_table_and_group():
    tallies = [Tally("o1", "t1", "g1", 0, 2), Tally("o1", "t1", "g2", 0, 5), Tally("o1", "t2", "g1", 0, 7),
               Tally("o2", "t2", None, 0, 1)]
    assert by_id(summarise("dots", OUTCOMES, tallies, table_id="t1"))["o1"].score == 7
    assert by_id(summarise("dots", OUTCOMES, tallies, group_id="g1"))["o1"].score == 9
    assert by_id(summarise("dots", OUTCOMES, tallies, table_id="t2", group_id="g1"))["o1"].score == 7
    assert by_id(summarise("dots", OUTCOMES, tallies, table_id="t2", group_id="g1"))["o2"].score == 0


def test_tallies_for_unknown_outcomes_are_ignored():
    got = summarise("dots", OUTCOMES, [Tally("gone", None, None, 0, 50), Tally("o1", None, None, 0, 1)])
    assert by_id(got)["o1"].share == 1.0


@pytest.mark.parametrize(("raw", "value"), [(0, 0), (7, 7), (" 12 ", 12), ("3", 3), (MAX_COUNT, MAX_COUNT)])
def test_check_count_accepts_whole_numbers(raw, value):
    assert check_count(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [("abc", "A vote count must be a whole number, not 'abc'."),
     ("2.5", "A vote count must be a whole number, not '2.5'."),
     (-1, "A vote count can't be negative."),
     ("-1", "A vote count can't be negative."),
     (10**9, "1,000,000,000 votes is more than one café could cast; please check the number.")],
)
def test_check_count_messages(raw, message):
    with pytest.raises(ValidationError) as err:
        check_count(raw)
    assert str(err.value) == message


def test_check_count_refuses_true():
    with pytest.raises(ValidationError, match="whole number"):
        check_count(True)


def test_levels_and_level_checks():
    assert levels_for("dots", 3) == (0,)
    assert levels_for("ranking", 3) == (1, 2, 3)
    assert levels_for("agreement", 3) == (1, 2, 3, 4, 5)
    assert check_level("ranking", 3, 3) == 3
    with pytest.raises(ValidationError, match=re.escape("A rank must be between 1 and 3.")):
        check_level("ranking", 4, 3)
    with pytest.raises(ValidationError, match=re.escape("Agreement is scored from 1 to 5.")):
        check_level("agreement", 0, 3)
    with pytest.raises(ValidationError, match=re.escape("Dot votes have no level.")):
        check_level("dots", 1, 3)


def test_people_recorded_is_the_busiest_rounds_total():
    from cafe_desk.core.ballots import people_recorded
    from cafe_desk.core.model import Attendance

    rows = [Attendance("t1", "r1", "g1", 4), Attendance("t2", "r1", "g1", 3), Attendance("t2", "r1", "g2", 2),
            Attendance("t1", "r2", "g1", 5), Attendance("t2", "r2", "g2", 1)]
    assert people_recorded(rows) == 9  # round one: 4 + 3 + 2; round two's 6 are the same people moved round
    assert people_recorded([]) == 0
