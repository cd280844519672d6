"""The café details form (title, date, locality) is one widget, shared by the New café dialog and the Plan page; a
date picked in its calendar is saved on the Plan page like a typed one."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack

from cafe_desk.ui.cafes.new_cafe_dialog import NewCafeDialog
from cafe_desk.ui.plan.plan_panel import PlanPanel
from cafe_desk.ui.widgets.cafe_details_form import DATE_FORMAT, LOCALITY_HINT, CafeDetailsForm


def test_both_places_use_the_same_form(qtbot, services):
    dialog = NewCafeDialog(services)
    page = PlanPanel(services, QUndoStack())
    for widget in (dialog, page):
        qtbot.addWidget(widget)
        assert isinstance(widget.details, CafeDetailsForm)
        assert widget.details.date_edit.displayFormat() == DATE_FORMAT
        assert widget.details.locality_edit.placeholderText() == LOCALITY_HINT
        labels = [widget.details.form.labelForField(w).text() for w in (
            widget.details.title_edit, widget.details.date_edit, widget.details.locality_edit)]
        assert labels == ["T&itle:", "&Date:", "Town or &area:"]
    assert dialog.details.form.labelForField(dialog.template_box).text() == "&Template:"
    assert dialog.title_edit.placeholderText() == "What the café is called" and not page.title_edit.placeholderText()


def test_a_date_picked_in_the_calendar_is_saved_with_undo(qtbot, services, cafe):
    page = PlanPanel(services, QUndoStack())
    page.sig_changed.connect(page.on_changes)
    qtbot.addWidget(page)
    page.set_cafe(cafe)
    edited = []
    page.details.sig_edited.connect(lambda key, text: edited.append((key, text)))
    calendar = page.date_edit.calendarWidget()
    page.date_edit.setDate(QDate(2026, 4, 2))
    calendar.clicked.emit(QDate(2026, 4, 2))
    assert edited == [("date", "2026-04-02")]
    assert services.cafes.cafe(cafe.id).date == "2026-04-02"
    assert page.undo_stack.undoText() == "Change date"
    page.undo_stack.undo()
    assert services.cafes.cafe(cafe.id).date == cafe.date
    assert page.details.iso_date() == cafe.date
