"""NotesModel and NotesFilterProxy: Qt's model checks, row-level updates and the fast search."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from cafe_desk.core.model import Note
from cafe_desk.ui.notes.notes_model import (
    COL_NUMBER,
    COL_QUOTE,
    COL_TABLE,
    COL_TEXT,
    COL_THEMES,
    NoteLabels,
    NotesFilterProxy,
    NotesModel,
)


def note(i: int, text: str, table: str = "t1", rnd: str = "r1", **kw) -> Note:
    return Note(f"n{i}", "c", table, rnd, text, created_at=f"2026-11-24T10:{i:02d}:00+00:00", **kw)


NOTES = [note(1, "Peer support kept me going"), note(2, "Waiting lists are too long", table="t2"),
         note(3, "Being listened to", is_quote=True, theme_ids=("th1",)), note(4, "PEER workers in every team")]
LABELS = NoteLabels(tables={"t1": "1", "t2": "2"}, rounds={"r1": "1"}, themes={"th1": "Peer support"})


@pytest.fixture
def model(qapp):
    model = NotesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reset(NOTES, LABELS)
    return model


def test_model_shows_notes_with_quotes_marked_by_more_than_colour(model):
    assert model.rowCount() == 4
    assert model.index(1, COL_TABLE).data() == "2"
    quote = model.index(2, COL_TEXT)
    assert quote.data() == "“Being listened to”"
    assert quote.data(Qt.ItemDataRole.EditRole) == "Being listened to"
    assert quote.data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(2, COL_QUOTE).data() == "✓"
    assert model.index(0, COL_QUOTE).data() == ""
    assert model.index(2, COL_THEMES).data() == "Peer support"
    assert model.index(3, COL_NUMBER).data() == 4


def test_sync_inserts_one_row_without_a_reset(model):
    events = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: events.append(("insert", first, last)))
    model.sync([*NOTES, note(5, "One front door")])
    assert events == [("insert", 4, 4)]
    assert model.note_at(4).text == "One front door"


def test_sync_removes_and_changes_rows_in_place(model):
    events = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsRemoved.connect(lambda _p, first, last: events.append(("remove", first, last)))
    model.dataChanged.connect(lambda top, _bottom, _roles: events.append(("changed", top.row())))
    edited = dataclasses.replace(NOTES[3], text="Peer workers in every single team")
    model.sync([NOTES[0], NOTES[2], edited])
    assert events == [("remove", 1, 1), ("changed", 2)]
    assert [n.id for n in model.notes] == ["n1", "n3", "n4"]
    assert model.folded_texts[2] == "peer workers in every single team"


def test_edit_in_place_is_announced_not_applied(model, qtbot):
    with qtbot.waitSignal(model.sig_text_edited) as blocker:
        assert model.setData(model.index(0, COL_TEXT), "Peer support helped")
    assert blocker.args == ["n1", "Peer support helped"]
    assert model.note_at(0).text == "Peer support kept me going"
    model.set_read_only(True)
    assert not model.flags(model.index(0, COL_TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COL_TEXT), "changed")


def test_proxy_search_ignores_case_and_scope_narrows_to_one_table(model):
    proxy = NotesFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy.set_search("peer")
    assert [proxy.index(r, COL_TEXT).data() for r in range(proxy.rowCount())] == [
        "Peer support kept me going", "PEER workers in every team"]
    proxy.set_filter("", ("t2", "r1"))
    assert proxy.rowCount() == 1
    proxy.set_filter("peer", ("t2", "r1"))
    assert proxy.rowCount() == 0
    proxy.set_filter("", None)
    assert proxy.rowCount() == 4
    proxy.set_search("team")
    model.sync([*NOTES, note(5, "A team around the person"), note(6, "Nothing matches")])
    assert proxy.rowCount() == 2
    assert proxy.mapToSource(proxy.index(1, 0)).row() == 4
    assert proxy.rowCount(QModelIndex()) == 2


def test_proxy_follows_edits_made_after_a_search(model):
    proxy = NotesFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("peer")
    assert proxy.rowCount() == 2
    model.sync([dataclasses.replace(NOTES[0], text="Mutual support kept me going"), *NOTES[1:],
                note(5, "Peer mentors")])
    assert [proxy.index(r, COL_TEXT).data() for r in range(proxy.rowCount())] == [
        "PEER workers in every team", "Peer mentors"]


@pytest.mark.parametrize("typed", ['"Nobody asked me what I wanted"', "“Nobody asked me what I wanted”",
                                   "'Nobody asked me what I wanted'", "‘Nobody asked me what I wanted’",
                                   ' "Nobody asked me what I wanted." '])
def test_a_quote_typed_with_its_own_marks_shows_them_once(model, typed):
    model.sync([*NOTES, note(5, typed, is_quote=True), note(6, typed)])
    assert model.index(4, COL_TEXT).data() == typed, "no second pair around the typist's own marks"
    assert model.index(5, COL_TEXT).data() == typed, "a point that isn't a quote shows as typed too"


def test_a_quote_that_only_quotes_part_of_itself_gets_its_marks(model):
    model.sync([*NOTES, note(5, '"Nobody asked me" was the gist', is_quote=True), note(6, '"', is_quote=True)])
    assert model.index(4, COL_TEXT).data() == '“"Nobody asked me" was the gist”'
    assert model.index(5, COL_TEXT).data() == '“"”'
