"""The Cafés page and the New café dialog, driven with the keyboard and mouse over a real database."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import READ_ONLY
from cafe_desk.core.model import Plan
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.cafes.cafes_panel import (
    COL_COMMENTS,
    COL_POINTS,
    COL_STATE,
    COL_TITLE,
    CafesPanel,
)
from cafe_desk.ui.cafes.new_cafe_dialog import NewCafeDialog

MENTAL_HEALTH = "Help shape the future of mental health"


@pytest.fixture
def svc(tmp_path):
    store = Store(tmp_path / "cafe.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def panel(qtbot, svc, model_tester):
    """The page as the main window hosts it: its own changes come back to it through on_changes."""
    page = CafesPanel(svc, QUndoStack())
    page.sig_changed.connect(page.on_changes)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    model_tester(page.model)
    return page


def make_cafe(svc: Services, title: str, date: str, locality: str = "") -> str:
    cafe, _ = svc.planning.create(Plan(title=title, date=date, locality=locality))
    return cafe.id


def select_row(qtbot, panel: CafesPanel, row: int) -> None:
    view = panel.view
    rect = view.visualRect(panel.model.index(row, COL_TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answer_message_box(button_text: str, seen: list[str]) -> None:
    """When the next modal message box appears, note its text and press the button called `button_text`."""
    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        button.click()
    QTimer.singleShot(0, answer)


def retype(qtbot, widget, text: str) -> None:
    """Select all, delete, type `text` (ASCII only: QTest cannot type other characters)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def test_create_cafe_from_the_mental_health_template_with_the_keyboard(qtbot, panel, svc):
    assert panel.empty_label.isVisible()
    panel.new_button.setFocus()
    qtbot.keyClick(panel.new_button, Qt.Key.Key_Space)
    dialog = panel.new_cafe_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.template_box.currentText() == MENTAL_HEALTH
    assert dialog.title_edit.text() == "Help Shape the Future of Mental Health"
    assert dialog.locality_edit.placeholderText() == "Town or area, e.g. Perth"
    assert dialog.date_edit.date().toString("yyyy-MM-dd") == dt.date.today().isoformat()
    assert dialog.date_edit.calendarPopup()

    # Blank café has no title to offer; going back brings the template's title back.
    dialog.template_box.setFocus()
    qtbot.keyClick(dialog.template_box, Qt.Key.Key_Down)
    assert dialog.template_box.currentText() == "Blank café"
    assert dialog.title_edit.text() == ""
    qtbot.keyClick(dialog.template_box, Qt.Key.Key_Up)
    assert dialog.title_edit.text() == "Help Shape the Future of Mental Health"

    retype(qtbot, dialog.title_edit, "Mental health cafe, Perth")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.locality_edit, "Perth")
    with qtbot.waitSignal(panel.sig_open_cafe) as opened, qtbot.waitSignal(panel.sig_changed):
        qtbot.keyClick(dialog.locality_edit, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    cafe = dialog.created_cafe
    assert opened.args == [cafe.id]
    stored = svc.cafes.cafe(cafe.id)
    assert (stored.title, stored.locality, stored.date) == ("Mental health cafe, Perth", "Perth",
                                                            dt.date.today().isoformat())
    template = svc.templates.get(MENTAL_HEALTH).plan
    assert len(svc.planning.items(cafe.id, "round")) == len(template.rounds) > 0
    assert [o.title for o in svc.planning.items(cafe.id, "outcome")] == template.outcomes
    assert len(svc.planning.items(cafe.id, "table")) == len(template.tables)
    # The list shows the new café, selected.
    assert panel.selected().id == cafe.id
    assert not panel.empty_label.isVisible()


def test_a_refused_cafe_keeps_the_dialog_open_with_what_was_typed(qtbot, svc):
    dialog = NewCafeDialog(svc)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.title_edit, "")
    qtbot.keyClicks(dialog.locality_edit, "Perth")
    qtbot.keyClick(dialog.locality_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "The café needs a title."
    assert dialog.locality_edit.text() == "Perth"
    assert svc.cafes.list() == []

    qtbot.keyClicks(dialog.title_edit, "Listening cafe")
    retype(qtbot, dialog.locality_edit, "12 High Street")
    qtbot.keyClick(dialog.locality_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Please give just the town or area (no street address or postcode)."
    assert dialog.title_edit.text() == "Listening cafe"
    assert svc.cafes.list() == []

    retype(qtbot, dialog.locality_edit, "Perth")
    qtbot.keyClick(dialog.locality_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [c.title for c in svc.cafes.list()] == ["Listening cafe"]


def test_search_filters_as_you_type_and_lists_newest_first(qtbot, panel, svc):
    make_cafe(svc, "Spring listening café", "2026-04-02", "Dundee")
    make_cafe(svc, "Autumn café", "2026-10-10", "Perth")
    make_cafe(svc, "Winter café", "2025-12-01", "Dundee")
    panel.refresh()
    assert [r.title for r in panel.model.rows] == ["Autumn café", "Spring listening café", "Winter café"]
    assert panel.model.index(0, 2).data() == "Sat 10 Oct 2026"

    assert panel.search_edit.accessibleName() == "Search cafés"
    qtbot.keyClicks(panel.search_edit, "dund")
    assert [r.title for r in panel.model.rows] == ["Spring listening café", "Winter café"]
    qtbot.keyClicks(panel.search_edit, "ee x")
    assert panel.model.rows == []
    assert panel.empty_label.text() == "No café matches your search."
    retype(qtbot, panel.search_edit, "")
    assert len(panel.model.rows) == 3


def test_the_list_counts_points_and_comments_apart_and_says_each_with_its_word(qtbot, panel, svc):
    busy = make_cafe(svc, "Autumn café", "2026-10-10")
    quiet = make_cafe(svc, "Spring café", "2026-04-02")
    for text in ("Peer support", "Shorter waits"):
        svc.notes.add(busy, None, None, text)
    svc.notes.add(busy, None, None, "What the table carries forward", kind="summary")
    for text in ("Thank you", "More evening sessions", "Bus fares"):
        svc.notes.add(busy, None, None, text, source="participant")
    svc.notes.add(quiet, None, None, "One point")
    panel.refresh()
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Code", "Title", "Date", "Town or area", "State", "Points", "Comments"]
    assert [(model.index(r, COL_POINTS).data(), model.index(r, COL_COMMENTS).data()) for r in (0, 1)] == [
        ("2", "3"), ("1", "0")], "a summary is not a point, and comments are counted apart"
    said = Qt.ItemDataRole.AccessibleTextRole
    assert [model.index(1, c).data(said) for c in (COL_POINTS, COL_COMMENTS)] == ["1 point", "0 comments"]
    assert model.index(0, COL_POINTS).data(said) == "2 points"
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.index(0, COL_COMMENTS).data(tip) == "2 points, 1 summary, 3 comments"
    assert model.index(1, COL_POINTS).data(tip) == "1 point, 0 comments"
    svc.notes.add(quiet, None, None, "A comment from a phone", source="participant")
    panel.on_changes(Changes(notes=True))
    assert model.index(1, COL_COMMENTS).data() == "1" and model.index(1, COL_COMMENTS).data(said) == "1 comment"


def test_open_with_enter_double_click_and_the_open_button(qtbot, panel, svc):
    first = make_cafe(svc, "Autumn café", "2026-10-10")
    second = make_cafe(svc, "Spring café", "2026-04-02")
    panel.refresh()
    select_row(qtbot, panel, 1)
    with qtbot.waitSignal(panel.sig_open_cafe) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [second]
    rect = panel.view.visualRect(panel.model.index(0, COL_TITLE))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    with qtbot.waitSignal(panel.sig_open_cafe) as opened:                                  # starts with a press
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [first]
    with qtbot.waitSignal(panel.sig_open_cafe) as opened:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [first]


def test_close_asks_first_and_reopen_brings_the_cafe_back(qtbot, panel, svc):
    cafe_id = make_cafe(svc, "Autumn café", "2026-10-10")
    panel.refresh()
    select_row(qtbot, panel, 0)
    assert panel.close_button.text().replace("&", "") == "Close café"

    seen: list[str] = []
    answer_message_box("Keep it open", seen)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert seen == [READ_ONLY], "nothing under way in a café with no rounds: only what closing means"
    assert svc.cafes.cafe(cafe_id).state == "planning"

    answer_message_box("Close café", seen)
    with qtbot.waitSignal(panel.sig_changed):
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert svc.cafes.cafe(cafe_id).state == "closed"
    assert panel.model.index(0, COL_STATE).data() == "Closed"
    assert panel.close_button.text().replace("&", "") == "Reopen café"
    assert panel.selected().id == cafe_id

    with qtbot.waitSignal(panel.sig_message) as message:
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert message.args == ["“Autumn café” is open for changes again."]
    assert svc.cafes.cafe(cafe_id).state == "planning"
    assert panel.model.index(0, COL_STATE).data() == "Planning"


def test_templates_export_and_import_as_files(qtbot, panel, svc, tmp_path):
    path = tmp_path / "mental-health.json"
    assert panel.export_template(MENTAL_HEALTH, path)
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == MENTAL_HEALTH
    with qtbot.waitSignal(panel.sig_message) as message:
        assert panel.import_template(path)
    assert message.args[0].startswith("The template “Help shape the future of mental health (imported)” was added")
    assert f"{MENTAL_HEALTH} (imported)" in [t.name for t in svc.templates.all()]

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(panel.sig_message) as message:
        assert not panel.import_template(broken)
    assert message.args[0].startswith("broken.json: This file is not a readable template")
    assert len(svc.templates.all()) == 3


def test_the_dialog_asks_how_many_tables_and_creates_exactly_that_many(qtbot, svc):
    dialog = NewCafeDialog(svc)
    qtbot.addWidget(dialog)
    dialog.show()
    template = svc.templates.get(MENTAL_HEALTH).plan
    assert dialog.template_box.currentText() == MENTAL_HEALTH
    assert dialog.tables_spin.value() == len(template.tables) == 6, "the template's number to start with"
    assert (dialog.tables_spin.minimum(), dialog.tables_spin.maximum()) == (1, 200)
    assert dialog.details.form.labelForField(dialog.tables_spin).text() == "Ta&bles:"
    dialog.tables_spin.setFocus()
    dialog.tables_spin.selectAll()
    qtbot.keyClicks(dialog.tables_spin, "3")
    qtbot.keyClicks(dialog.locality_edit, "Perth")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_label.text()
    tables = svc.planning.items(dialog.created_cafe.id, "table")
    assert [t.number for t in tables] == [1, 2, 3]
    assert [t.name for t in tables] == [name for _, name in template.tables[:3]]


def test_imported_and_sample_cafes_are_marked_and_cannot_be_reopened(qtbot, panel, svc, identity):
    """The list says which cafés came in from café files and which are samples; Reopen is off for them, and the Plan
    page says the café is imported (not that it can be reopened)."""
    from tests.central import make_cafe, send

    own = make_cafe(svc)
    send(svc, own, svc.store, identity)
    svc.samples.add()
    panel.refresh()
    imported = next(c for c in svc.synthesis.cafes() if c.id not in svc.samples.ids())
    sample = next(iter(svc.samples.ids()))
    for cafe_id, label in ((own.id, "Running"), (imported.id, "Imported"), (sample, "Sample")):
        row = panel.model.row_of(cafe_id)
        assert panel.model.index(row, COL_STATE).data() == label
        panel.select(cafe_id)
        assert panel.close_button.isEnabled() == (label == "Running"), label
    assert "read-only" in panel.model.index(panel.model.row_of(imported.id), COL_STATE).data(
        Qt.ItemDataRole.ToolTipRole)
    panel.select(imported.id)
    assert panel.close_button.text() == "&Reopen café" and "can't be reopened" in panel.close_button.toolTip()

    from cafe_desk.ui.plan.plan_panel import IMPORTED_LINE, PlanPanel

    plan = PlanPanel(svc, QUndoStack())
    qtbot.addWidget(plan)
    plan.resize(1366, 768)
    plan.show()
    plan.set_cafe(svc.cafes.cafe(imported.id))
    assert plan.closed_label.isVisible() and plan.closed_label.text() == IMPORTED_LINE
    assert not plan.saved_hint.isVisible()

    from cafe_desk.ui.run.run_panel import RunPanel
    from cafe_desk.ui.votes.votes_panel import VotesPanel

    for page_type in (RunPanel, VotesPanel):  # no page talks of reopening an imported café
        page = page_type(svc, QUndoStack())
        qtbot.addWidget(page)
        page.set_cafe(svc.cafes.cafe(imported.id))
        assert page.message.text() == IMPORTED_LINE, page_type.__name__


def test_a_long_place_is_cut_in_the_list_and_whole_in_its_tooltip(qtbot, panel, svc):
    place = "Community hall behind the old church on the main street, " * 3
    make_cafe(svc, "Long place café", "2026-05-01", place)
    panel.on_changes(Changes(cafes=True))
    from cafe_desk.ui.cafes.cafes_panel import COL_LOCALITY

    index = panel.model.index(0, COL_LOCALITY)
    assert index.data().endswith("…") and len(index.data()) <= 40
    assert " ".join(place.split()) in index.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.view.columnWidth(COL_LOCALITY) < 400
