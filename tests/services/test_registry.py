"""The one registry: every service in it, `Services.open` closing its Store whatever happens, and an opener that
gives another thread its own registry on the same data file."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from cafe_desk.core.errors import NotFoundError
from cafe_desk.services import Services


def test_every_service_is_in_the_registry(services):
    names = ("cafes", "planning", "templates", "running", "notes", "votes", "channel", "comments", "ballots",
             "safeguarding", "central_keys", "exporting", "importing", "receipts", "synthesis")
    for name in names:
        service = getattr(services, name)
        assert service is getattr(services, name), f"{name} is made once"
        assert getattr(service, "store", services.store) is services.store


def test_open_closes_its_store_on_leaving(db_path):
    with Services.open(db_path) as services:
        store = services.store
        assert services.cafes.list() == []
    with pytest.raises(sqlite3.ProgrammingError):
        store.conn.execute("SELECT 1")


def test_open_closes_its_store_when_the_work_fails(db_path):
    with pytest.raises(NotFoundError), Services.open(db_path) as services:
        store = services.store
        services.cafes.cafe("NOPE")
    with pytest.raises(sqlite3.ProgrammingError):
        store.conn.execute("SELECT 1")


def test_an_opener_gives_another_thread_its_own_registry_on_the_same_file(services, cafe):
    open_services = services.opener()
    seen = {}

    def work() -> None:
        with open_services() as theirs:
            seen["store"] = theirs.store
            seen["titles"] = [c.title for c in theirs.cafes.list()]
            theirs.cafes.remember_last(cafe.id)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert seen["store"] is not services.store and seen["store"].path == services.store.path
    assert seen["titles"] == [cafe.title]
    assert services.cafes.last() == cafe.id  # what the other thread wrote is in the same file
