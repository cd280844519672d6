"""Notes, round summaries and attendance, through the service on a real data file."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.conftest import exactly


@pytest.fixture
def place(services, cafe):
    """(café id, first table id, first round id)."""
    return (cafe.id, services.planning.items(cafe.id, "table")[0].id,
            services.planning.items(cafe.id, "round")[0].id)


def test_add_update_delete_restore(services, place):
    cafe_id, table_id, round_id = place
    outcome = services.planning.items(cafe_id, "outcome")[0]
    note, changes = services.notes.add(cafe_id, table_id, round_id, "  Peer support kept me going  ",
                                       is_quote=True, outcome_ids=[outcome.id])
    assert changes.notes
    assert services.notes.list(cafe_id, table_id, round_id) == [note]
    assert (note.text, note.is_quote, note.outcome_ids, note.source) == (
        "Peer support kept me going", True, (outcome.id,), "note-taker")

    before, after, changes = services.notes.update(note.id, text="Peer support helped", is_quote=False)
    assert before == note and changes.notes
    assert services.notes.get(note.id) == after
    assert (after.text, after.is_quote, after.created_at) == ("Peer support helped", False, note.created_at)
    assert not services.notes.update(note.id, text="Peer support helped")[2]  # same text: nothing changes

    deleted, _ = services.notes.delete(note.id)
    assert services.notes.get(note.id) is None
    services.notes.restore(deleted)
    assert services.notes.get(note.id) == after
    actions = [e["action"] for e in services.store.audit_entries(cafe_id) if e["entity"] == "note"]
    assert actions == ["edit", "delete", "restore"]


def test_editing_a_deleted_note_says_so(services, place):
    note, _ = services.notes.add(*place, "Soon gone")
    services.notes.delete(note.id)
    with pytest.raises(ValidationError, match=exactly("That point was deleted in the meantime; nothing was changed.")):
        services.notes.update(note.id, text="Too late")


def test_five_megabytes_of_text_is_refused_and_nothing_stored(services, place):
    with pytest.raises(ValidationError) as err:
        services.notes.add(*place, "x" * 5_000_000)
    assert str(err.value) == ("This is too long to save (5,000,000 characters; 5,000 at most). "
                              "Please split it into shorter points.")
    assert services.notes.list(place[0]) == []


def test_empty_note_is_refused(services, place):
    with pytest.raises(ValidationError, match=exactly("An empty point isn't saved; type a few words first.")):
        services.notes.add(*place, " \x00 \n ")
    assert services.notes.list(place[0]) == []


def test_nul_bytes_are_dropped(services, place, db_path):
    note, _ = services.notes.add(*place, "Bus\x00 takes two\x00 hours")
    assert note.text == "Bus takes two hours"
    again = Services.build(Store(db_path))
    try:
        assert again.notes.get(note.id).text == "Bus takes two hours"
    finally:
        again.store.close()


def test_round_summary_set_replace_remove(services, place):
    cafe_id, table_id, round_id = place
    services.notes.add(cafe_id, table_id, round_id, "An ordinary point")
    first, changes = services.notes.set_summary(cafe_id, table_id, round_id, "Listening helped most")
    assert changes.notes and first.kind == "summary"
    services.notes.set_summary(cafe_id, table_id, round_id, "Listening and continuity helped most")
    summary = services.notes.summary(cafe_id, table_id, round_id)
    assert (summary.id, summary.text) == (first.id, "Listening and continuity helped most")
    assert [n.kind for n in services.notes.list(cafe_id, table_id, round_id)] == ["point", "summary"]
    assert services.cafes.status(cafe_id)["summaries"] == 1
    removed, changes = services.notes.set_summary(cafe_id, table_id, round_id, "   ")
    assert removed is None and changes.notes
    assert services.notes.summary(cafe_id, table_id, round_id) is None
    assert not services.notes.set_summary(cafe_id, table_id, round_id, "")[1]


def test_attendance_counts(services, place):
    cafe_id, table_id, round_id = place
    group = services.planning.items(cafe_id, "group")[0]
    previous, changes = services.notes.set_attendance(cafe_id, table_id, round_id, group.id, "4")
    assert (previous, changes.attendance) == (0, True)
    assert not services.notes.set_attendance(cafe_id, table_id, round_id, group.id, 4)[1]  # same count
    assert [(a.group_id, a.count) for a in services.notes.attendance(cafe_id)] == [(group.id, 4)]
    previous, changes = services.notes.set_attendance(cafe_id, table_id, round_id, group.id, 6)
    assert (previous, changes.attendance) == (4, True)
    with pytest.raises(ValidationError, match=exactly("A vote count must be a whole number, not 'lots'.")):
        services.notes.set_attendance(cafe_id, table_id, round_id, group.id, "lots")
    assert services.cafes.status(cafe_id)["attendance"] == 6
    services.notes.set_attendance(cafe_id, table_id, round_id, group.id, 0)
    assert services.notes.attendance(cafe_id) == []


def test_pasted_control_characters_and_terminal_escapes_are_dropped(services, place):
    note, _ = services.notes.add(*place, "Bus\x1b[1m takes\x08 two\r\nhours\x7f")
    assert note.text == "Bus takes two\nhours"
