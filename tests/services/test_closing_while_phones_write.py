"""A comment, a table host's point or a ballot that is on its way while the facilitator closes the café (or voting)
is refused, not written: the phone's write checks again inside its own transaction, after the desk's close has
committed on the desk's own connection. Two registries on one real data file, as the desk and the phone server are."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.services import Services
from cafe_desk.services.ballots import CODES_ONLY, VOTING_CLOSED
from cafe_desk.services.comments import CafeEnded

ENDED = "This café has ended. Thank you for taking part."


@pytest.fixture
def phones(db_path, services, cafe):
    """The phone server's own registry on the same data file."""
    with Services.open(db_path) as phone_services:
        yield phone_services


def race(desk_write, phone_write) -> BaseException | None:
    """Hold the desk's write open while the phone's write passes its first checks and waits for the write lock;
    then commit the desk's write. What the phone's write raised, or None if it was written."""
    raised: list[BaseException | None] = []

    def phone() -> None:
        try:
            phone_write()
            raised.append(None)
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=phone)
    with desk_write():
        worker.start()
        time.sleep(0.5)  # lets the phone's write reach BEGIN IMMEDIATE and wait there (it waits up to the busy timeout)
        assert worker.is_alive(), "the phone's write is waiting for the desk's"
    worker.join(10)
    return raised[0]


def test_a_comment_sent_as_the_cafe_closes_is_refused(services, phones, cafe):
    @contextlib.contextmanager
    def close():
        with services.store.transaction():
            services.cafes.close(cafe.id)
            yield

    raised = race(close, lambda: phones.comments.submit(cafe.id, "Evening groups would help", consent=True))
    assert isinstance(raised, CafeEnded) and str(raised) == ENDED
    assert services.comments.comments(cafe.id) == []


def test_a_table_hosts_point_sent_as_the_cafe_closes_is_refused(services, phones, cafe):
    table = services.planning.items(cafe.id, "table")[0]

    @contextlib.contextmanager
    def close():
        with services.store.transaction():
            services.cafes.close(cafe.id)
            yield

    raised = race(close, lambda: phones.comments.host_add(table.id, None, "More peer workers"))
    assert isinstance(raised, CafeEnded)
    assert services.notes.list(cafe.id) == []


def test_a_ballot_cast_as_voting_closes_is_refused(services, phones, cafe):
    services.channel.set_voting_open(cafe.id, True)
    phones.channel.settings(cafe.id)  # made when the café opens to phones, as the server does
    outcome = services.planning.items(cafe.id, "outcome")[0]

    @contextlib.contextmanager
    def close_voting():
        with services.store.transaction():
            services.channel.set_voting_open(cafe.id, False)
            yield

    raised = race(close_voting, lambda: phones.ballots.cast(cafe.id, "phone-key-1", {outcome.id: 1}))
    assert isinstance(raised, ValidationError) and str(raised) == VOTING_CLOSED
    assert services.ballots.ballots(cafe.id) == []


def test_a_phones_ballot_cast_as_voting_moves_to_printed_cards_is_refused(services, phones, cafe):
    services.channel.set_voting_open(cafe.id, True)
    phones.channel.settings(cafe.id)
    outcome = services.planning.items(cafe.id, "outcome")[0]

    @contextlib.contextmanager
    def cards_only():
        with services.store.transaction():
            services.channel.set_ballot_rule(cafe.id, "code")
            yield

    raised = race(cards_only, lambda: phones.ballots.cast(cafe.id, "phone-key-1", {outcome.id: 1}))
    assert isinstance(raised, ValidationError) and str(raised) == CODES_ONLY
    assert services.ballots.ballots(cafe.id) == []
