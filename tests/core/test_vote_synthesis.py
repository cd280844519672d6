"""Votes across cafés: every voter counts once whatever the method; small group splits are suppressed."""

from __future__ import annotations

import pytest

from cafe_desk.core.vote_synthesis import MEASURE_AGREE, MEASURE_SHARE, Pile, estimate_voters, synthesise


def ranking(cafe: str, outcome: str, level: int, count: int, group: str = "") -> Pile:
    return Pile(cafe, "ranking", 3, 3, outcome, group, level, count)


def agreement(cafe: str, outcome: str, level: int, count: int, group: str = "") -> Pile:
    return Pile(cafe, "agreement", 3, 2, outcome, group, level, count)


def test_ranking_points_are_shared_per_voter():
    piles = [ranking("r", "A", 1, 4), ranking("r", "B", 1, 1), ranking("r", "B", 2, 4), ranking("r", "C", 2, 1),
             ranking("r", "C", 3, 5)]
    assert estimate_voters("ranking", 3, piles) == 5  # one first choice each
    shares = {o.title: o.share for o in synthesise(piles, {"r": ["A", "B", "C"]})}
    # first of three = 3 points of a full ballot's 6
    assert shares == pytest.approx({"A": 4 * 3 / 6 / 5, "B": (3 + 4 * 2) / 6 / 5, "C": (2 + 5) / 6 / 5})
    assert sum(shares.values()) == pytest.approx(1.0)  # every voter's support adds up to one


def test_agreement_is_reported_apart_and_small_groups_are_suppressed():
    piles = [agreement("a", "Peer support everywhere", 5, 3), agreement("a", "Peer support everywhere", 4, 1),
             agreement("a", "Peer support everywhere", 2, 2, "Carers"), agreement("a", "peer support  EVERYWHERE", 5, 5,
                                                                                   "Practitioners")]
    dots = [Pile("d", "dots", 3, 1, "Peer support everywhere", "", 0, 9)]
    result = synthesise(piles + dots, {"a": ["Peer support everywhere"], "d": ["Peer support everywhere"]})
    assert [(o.measure, o.cafes, o.voters) for o in result] == [(MEASURE_SHARE, 1, 3), (MEASURE_AGREE, 1, 11)]
    agree = result[1]
    assert agree.share == pytest.approx(9 / 11) and agree.title == "Peer support everywhere"
    groups = {g.group: g for g in agree.groups}
    assert groups["Carers"].hidden and groups["Carers"].voters is None  # fewer than 5: not shown
    assert groups["Practitioners"].share == 1.0  # the 4 room answers (never shown apart) keep Carers' 2 hidden
    assert result[0].detail == "100% of voters' support; 3 voters in 1 café"


def test_an_outcome_nobody_chose_still_counts_the_voters_who_saw_it():
    piles = [Pile("x", "dots", 2, 2, "A", "", 0, 10)]
    result = {o.title: o for o in synthesise(piles, {"x": ["A", "B"]})}
    assert (result["B"].share, result["B"].voters, result["B"].cafes) == (0.0, 5, 1)
    assert synthesise([], {}) == []


def test_one_small_group_of_two_hides_both_when_the_total_would_give_it_back():
    """Agreement: 3 Carers and 6 Practitioners answered, nobody outside a group, so the outcome's total minus the
    Practitioners would be the Carers: both are hidden. A second statement everyone answered keeps both shown."""
    piles = [agreement("a", "Benches", 5, 3, "Carers"), agreement("a", "Benches", 4, 6, "Practitioners"),
             agreement("a", "Buses", 5, 6, "Carers"), agreement("a", "Buses", 2, 6, "Practitioners")]
    result = {o.title: o for o in synthesise(piles, {"a": ["Benches", "Buses"]})}
    benches, buses = result["Benches"], result["Buses"]
    assert (benches.voters, benches.share) == (9, 1.0)  # the total stays
    assert [(g.group, g.voters, g.share) for g in benches.groups] == [("Carers", None, None),
                                                                      ("Practitioners", None, None)]
    assert [(g.group, g.voters, g.share) for g in buses.groups] == [("Carers", 6, 1.0), ("Practitioners", 6, 0.0)]


def test_the_next_smallest_group_is_hidden_and_the_larger_one_stays():
    piles = [ranking("r", "A", 1, 2, "Carers"), ranking("r", "A", 1, 6, "Practitioners"),
             ranking("r", "A", 1, 9, "Lived experience")]
    (a,) = synthesise(piles, {"r": ["A"]})
    assert {g.group: g.voters for g in a.groups} == {"Carers": None, "Practitioners": None, "Lived experience": 9}


def test_a_group_summed_over_cafes_counts_only_the_splits_the_cafes_sent():
    """Two cafés' Carers of 5 each add up to 10; a café's votes not split by group stay in the total only."""
    piles = [Pile(c, "dots", 1, 1, "A", "Carers", 0, 5) for c in ("x", "y")] + [Pile("z", "dots", 1, 1, "A", "", 0, 3)]
    (a,) = synthesise(piles, {c: ["A"] for c in "xyz"})
    assert (a.voters, [(g.group, g.voters) for g in a.groups]) == (13, [("Carers", 10)])
