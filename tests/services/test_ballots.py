"""Phone ballots and printed ballot codes through the service, on a real data file: rules and messages."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.services.ballots import CODE_LENGTH, VOTING_NOT_YET_OPEN, new_voter_token
from cafe_desk.services.comments import CafeEnded
from tests.conftest import exactly, mental_health_plan


@pytest.fixture
def mental_health_cafe(services):
    """A café just created, as the facilitator first sees it."""
    return services.planning.create(mental_health_plan(services))[0]


@pytest.fixture
def cafe(cafe, services):
    """The café with voting opened by the facilitator (a new café's voting starts closed)."""
    services.channel.set_voting_open(cafe.id, True)
    return cafe


def ids(services, cafe):
    return [o.id for o in services.planning.items(cafe.id, "outcome")]


def test_one_ballot_per_phone_changeable(services, cafe):
    a, b, c = ids(services, cafe)[:3]
    token = new_voter_token()
    first, changes = services.ballots.cast(cafe.id, token, {a: "2", b: 1})
    assert changes.votes and first.choices == {a: 2, b: 1}
    second, _ = services.ballots.cast(cafe.id, token, {c: 3})
    assert second.id == first.id
    assert services.ballots.current(cafe.id, token).choices == {c: 3}
    assert [x.choices for x in services.ballots.ballots(cafe.id)] == [{c: 3}]
    assert services.ballots.current(cafe.id, new_voter_token()) is None
    stored = "\n".join(services.store.conn.iterdump())
    assert token not in stored


def test_phone_ballots_add_into_the_totals(services, cafe):
    a, b = ids(services, cafe)[:2]
    services.ballots.cast(cafe.id, new_voter_token(), {a: 2, b: 1})
    services.ballots.cast(cafe.id, new_voter_token(), {a: 1})
    totals = {t.outcome_id: t.score for t in services.votes.totals(cafe.id)}
    assert (totals[a], totals[b]) == (3, 1)


@pytest.mark.parametrize(("method", "choices", "message"), [
    ("dots", {0: 2, 1: 2}, "You have 3 dots to give, and this ballot uses 4. Please take some away."),
    ("dots", {0: -1}, "Dots can't be negative."),
    ("dots", {0: 0}, "Please give at least one dot to an outcome."),
    ("dots", {0: "two"}, "Please use whole numbers on the ballot."),
    ("ranking", {0: 1, 1: 1}, "Each number can be used only once; please check your ranking."),
    ("ranking", {0: 99}, "Please rank with numbers from 1 to 6."),
    ("agreement", {0: 6}, "Please choose from 1 (strongly disagree) to 5 (strongly agree)."),
    ("agreement", {0: ""}, "Please answer at least one statement."),
])
def test_bad_ballots_are_refused_with_a_reason(services, cafe, method, choices, message):
    services.planning.update_details(cafe.id, vote_method=method)
    outcome_ids = ids(services, cafe)
    with pytest.raises(ValidationError, match=exactly(message)):
        services.ballots.cast(cafe.id, new_voter_token(), {outcome_ids[i]: v for i, v in choices.items()})
    assert services.ballots.ballots(cafe.id) == []


def test_an_unknown_outcome_is_refused(services, cafe):
    with pytest.raises(ValidationError, match="not in this café; please reload the page"):
        services.ballots.cast(cafe.id, new_voter_token(), {"nope": 1})


def test_closed_voting_and_ended_cafes(services, cafe):
    a = ids(services, cafe)[0]
    services.channel.set_voting_open(cafe.id, False)
    with pytest.raises(ValidationError, match=exactly("Voting has closed. Thank you — your earlier vote, if you "
                                                      "cast one, is counted.")):
        services.ballots.cast(cafe.id, new_voter_token(), {a: 1})
    services.channel.set_voting_open(cafe.id, True)
    services.cafes.close(cafe.id)
    with pytest.raises(CafeEnded):
        services.ballots.cast(cafe.id, new_voter_token(), {a: 1})


def test_ballot_codes(services, cafe):
    a, b = ids(services, cafe)[:2]
    codes = services.ballots.issue_codes(cafe.id, 3)
    assert len(set(codes)) == 3 and all(len(c) == CODE_LENGTH and c.isalnum() and c.isupper() for c in codes)
    with pytest.raises(ValidationError, match=exactly("That ballot code isn't one of this café's cards; please "
                                                      "check it and try again.")):
        services.ballots.cast(cafe.id, "ZZZZZZZZ", {a: 1}, is_code=True)
    services.ballots.cast(cafe.id, codes[0].lower()[:4] + " - " + codes[0][4:], {a: 1}, is_code=True)
    services.ballots.cast(cafe.id, codes[0], {b: 2}, is_code=True)
    assert [x.choices for x in services.ballots.ballots(cafe.id)] == [{b: 2}]
    assert services.ballots.current(cafe.id, codes[0], is_code=True).choices == {b: 2}
    with pytest.raises(ValidationError, match=exactly("Print between 1 and 2000 ballot cards at a time.")):
        services.ballots.issue_codes(cafe.id, 0)


def test_the_code_rule_refuses_phone_ballots(services, cafe):
    a = ids(services, cafe)[0]
    services.channel.set_ballot_rule(cafe.id, "code")
    with pytest.raises(ValidationError, match=exactly("Voting at this café uses the printed ballot cards: please "
                                                      "type the code from your card.")):
        services.ballots.cast(cafe.id, new_voter_token(), {a: 1})


def test_a_new_cafe_takes_no_ballot_until_voting_opens(services, mental_health_cafe):
    cafe = mental_health_cafe
    a = ids(services, cafe)[0]
    with pytest.raises(ValidationError, match=exactly(VOTING_NOT_YET_OPEN)):
        services.ballots.cast(cafe.id, new_voter_token(), {a: 1})
    assert services.ballots.ballots(cafe.id) == []
    services.channel.set_voting_open(cafe.id, True)
    services.ballots.cast(cafe.id, new_voter_token(), {a: 1})
    assert len(services.ballots.ballots(cafe.id)) == 1
