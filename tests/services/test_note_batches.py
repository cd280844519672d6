"""Actions on many notes at once are all or nothing: deleting, restoring and re-marking 50 notes, and setting a
table's counts, each in one transaction. The 25th write is made to fail in the real data file (a trigger raising as a
full disk would): nothing is changed, not even the audit log, and the message is one plain line."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ReadOnlyError, ValidationError
from cafe_desk.storage.errors import StorageError
from tests.conftest import DISK_FULL, allow_rows, exactly, refuse_row

COUNT, FAILING = 50, 24  # the 25th of 50


@pytest.fixture
def notes(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    return [services.notes.add(cafe.id, table.id, rnd.id, f"Point {i + 1}")[0] for i in range(COUNT)]


def audit_length(services, cafe) -> int:
    return len(services.store.audit_entries(cafe.id))


def stored(services, cafe):
    return services.notes.list(cafe.id)


def test_deleting_fifty_is_one_write_and_restoring_them_is_one_more(services, cafe, notes):
    deleted, changes = services.notes.delete_many([n.id for n in notes])
    assert changes.notes and deleted == notes
    assert stored(services, cafe) == []
    assert services.notes.restore_many(deleted).notes
    assert stored(services, cafe) == notes


def test_a_delete_refused_half_way_changes_nothing(services, cafe, notes, db_path):
    audit = audit_length(services, cafe)
    refuse_row(db_path, "note", "DELETE", notes[FAILING].id)
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.notes.delete_many([n.id for n in notes])
    assert stored(services, cafe) == notes
    assert audit_length(services, cafe) == audit


def test_a_restore_refused_half_way_puts_nothing_back(services, cafe, notes, db_path):
    deleted, _changes = services.notes.delete_many([n.id for n in notes])
    audit = audit_length(services, cafe)
    refuse_row(db_path, "note", "INSERT", notes[FAILING].id)
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.notes.restore_many(deleted)
    assert stored(services, cafe) == []
    assert audit_length(services, cafe) == audit
    allow_rows(db_path, "note", "INSERT")
    services.notes.restore_many(deleted)
    assert stored(services, cafe) == notes


def test_marking_fifty_as_quotes_is_all_or_nothing(services, cafe, notes, db_path):
    marks = {n.id: {"is_quote": True} for n in notes}
    refuse_row(db_path, "note", "UPDATE", notes[FAILING].id)
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.notes.update_many(marks)
    assert stored(services, cafe) == notes
    allow_rows(db_path, "note", "UPDATE")
    assert services.notes.update_many(marks).notes
    assert all(n.is_quote for n in stored(services, cafe))
    assert not services.notes.update_many(marks)  # already so: nothing to write


def test_a_note_deleted_meanwhile_stops_the_whole_action(services, cafe, notes):
    services.notes.delete(notes[FAILING].id)
    with pytest.raises(ValidationError, match="deleted in the meantime; nothing was changed"):
        services.notes.delete_many([n.id for n in notes])
    assert len(stored(services, cafe)) == COUNT - 1


def test_a_closed_cafe_refuses_the_whole_action(services, cafe, notes):
    services.cafes.close(cafe.id)
    with pytest.raises(ReadOnlyError, match="is closed"):
        services.notes.delete_many([n.id for n in notes])
    assert stored(services, cafe) == notes


def test_counts_for_several_groups_are_saved_together(services, cafe, db_path):
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    groups = services.planning.items(cafe.id, "group")
    assert len(groups) >= 2
    counts = {g.id: i + 2 for i, g in enumerate(groups)}
    refuse_row(db_path, "attendance", "INSERT", groups[-1].id, column="group_id")
    with pytest.raises(StorageError, match=exactly(DISK_FULL)):
        services.notes.set_attendances(cafe.id, table.id, rnd.id, counts)
    assert services.notes.attendance(cafe.id) == []
    allow_rows(db_path, "attendance", "INSERT")
    assert services.notes.set_attendances(cafe.id, table.id, rnd.id, counts).attendance
    assert {a.group_id: a.count for a in services.notes.attendance(cafe.id)} == counts
