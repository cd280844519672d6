"""Paper votes typed in through the service: tallies, previous counts for undo, and totals."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from tests.conftest import exactly


def test_set_tally_returns_the_previous_count(services, cafe):
    outcome = services.planning.items(cafe.id, "outcome")[0]
    table = services.planning.items(cafe.id, "table")[0]
    previous, changes = services.votes.set_tally(cafe.id, outcome.id, 5, table_id=table.id)
    assert (previous, changes.votes) == (0, True)
    previous, changes = services.votes.set_tally(cafe.id, outcome.id, "7", table_id=table.id)
    assert (previous, changes.votes) == (5, True)
    assert not services.votes.set_tally(cafe.id, outcome.id, 7, table_id=table.id)[1]
    assert services.votes.count(cafe.id, outcome.id, table.id, None, 0) == 7
    services.votes.set_tally(cafe.id, outcome.id, 0, table_id=table.id)
    assert services.votes.tallies(cafe.id) == []


def test_totals_add_up_tables_and_filter(services, cafe):
    outcomes = services.planning.items(cafe.id, "outcome")
    tables = services.planning.items(cafe.id, "table")
    groups = services.planning.items(cafe.id, "group")
    services.votes.set_tally(cafe.id, outcomes[0].id, 4, table_id=tables[0].id, group_id=groups[0].id)
    services.votes.set_tally(cafe.id, outcomes[0].id, 3, table_id=tables[1].id, group_id=groups[1].id)
    services.votes.set_tally(cafe.id, outcomes[1].id, 2, table_id=tables[1].id)
    totals = services.votes.totals(cafe.id)
    assert [t.outcome_id for t in totals] == [o.id for o in outcomes]
    assert [t.score for t in totals[:3]] == [7, 2, 0]
    assert totals[0].share == 1.0
    assert [t.score for t in services.votes.totals(cafe.id, table_id=tables[1].id)[:2]] == [3, 2]
    assert [t.score for t in services.votes.totals(cafe.id, group_id=groups[0].id)[:2]] == [4, 0]
    assert services.cafes.status(cafe.id)["votes"] == 9


def test_bad_counts_and_levels_are_refused(services, cafe):
    outcome = services.planning.items(cafe.id, "outcome")[0]
    for raw, message in [("abc", "A vote count must be a whole number, not 'abc'."),
                         (-1, "A vote count can't be negative."),
                         (10**9, "1,000,000,000 votes is more than one café could cast; please check the number.")]:
        with pytest.raises(ValidationError) as err:
            services.votes.set_tally(cafe.id, outcome.id, raw)
        assert str(err.value) == message
    with pytest.raises(ValidationError, match=exactly("Dot votes have no level.")):
        services.votes.set_tally(cafe.id, outcome.id, 3, level=2)
    assert services.votes.tallies(cafe.id) == []


def test_ranking_totals_after_changing_method(services, cafe):
    services.planning.update_details(cafe.id, vote_method="ranking")
    outcomes = services.planning.items(cafe.id, "outcome")
    n = len(outcomes)
    services.votes.set_tally(cafe.id, outcomes[1].id, 2, level=1)
    services.votes.set_tally(cafe.id, outcomes[0].id, 3, level=2)
    got = {t.outcome_id: t.score for t in services.votes.totals(cafe.id)}
    assert got[outcomes[1].id] == 2 * n
    assert got[outcomes[0].id] == 3 * (n - 1)
    with pytest.raises(ValidationError, match=exactly(f"A rank must be between 1 and {n}.")):
        services.votes.set_tally(cafe.id, outcomes[0].id, 1, level=n + 1)
