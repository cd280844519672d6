"""Text that comes from outside — a phone, a template, a note typed in — is never read as HTML by any label on any
page: markup planted in every such field is shown as its characters (or escaped), on every page the app has."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from cafe_desk.core.changes import Changes
from cafe_desk.core.model import RoundSpec
from tests.conftest import mental_health_plan

MARK = '<b style="color:red">M</b>'  # short enough to be a Wi-Fi network's name too


@pytest.fixture
def hostile_cafe(services):
    """A café whose every typed field carries markup, with a note, a comment and attendance."""
    plan = mental_health_plan(services)
    plan.title = f"Café {MARK}"
    plan.locality = f"Perth {MARK}"
    plan.tables = [(1, f"Window {MARK}"), (2, "")]
    plan.rounds = [RoundSpec(f"Question {MARK}", (f"Follow-up {MARK}",), 10), RoundSpec("Second", (), 10)]
    plan.outcomes = [f"Outcome {MARK}", "Another"]
    plan.groups = [f"Group {MARK}", "Others"]
    plan.themes = [f"Theme {MARK}"]
    cafe = services.planning.create(plan)[0]
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    groups = services.planning.items(cafe.id, "group")
    services.notes.add(cafe.id, tables[0].id, rounds[0].id, f"A point {MARK}")
    services.notes.set_summary(cafe.id, tables[0].id, rounds[0].id, f"A summary {MARK}")
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, groups[0].id, 3)
    services.notes.add(cafe.id, tables[0].id, rounds[0].id, f"Some days I feel I can't go on {MARK}")
    note, _ = services.comments.submit(cafe.id, f"A comment {MARK}", consent=True)
    services.comments.set_pinned(note.id, True)
    services.comments.submit(cafe.id, f"Some days I feel I can't go on {MARK}", consent=True)
    services.channel.set_wifi(f"Hall {MARK}", "a password", "WPA")
    return cafe


def raw_markup_shown_as_html(root) -> list[str]:
    """Every label under `root` that holds the planted markup unescaped and would read it as HTML."""
    found = []
    for label in root.findChildren(QLabel):
        if MARK in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"{label.objectName() or label.accessibleName() or type(label.parent()).__name__}: "
                         f"{label.text()[:80]}")
    return found


def test_no_label_on_any_page_reads_outside_text_as_html(qtbot, main_window, services, hostile_cafe):
    window = main_window
    window.open_cafe(hostile_cafe.id)
    window.broadcast(Changes.everything())
    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    window.comments_page.reveal_btn.setChecked(True)
    for index in range(len(window.pages)):
        window.show_page(index)
        qtbot.wait(10)
    comments = window.comments_page
    flagged = next(n for n in comments.model.comments if n.flag)
    comments.select(flagged.id)  # its care panel quotes it
    notes = window.notes_page
    window.show_page(window.page_index(notes))
    qtbot.mouseClick(notes.care.next_btn, Qt.MouseButton.LeftButton)
    offenders = raw_markup_shown_as_html(window) + raw_markup_shown_as_html(presenter)
    assert offenders == []
    everywhere = [label for root in (window, presenter) for label in root.findChildren(QLabel) if MARK in label.text()]
    assert len(everywhere) >= 8, "the markup did reach labels on several pages (shown as written)"
    shown = [label.text() for label in presenter.findChildren(QLabel) if MARK in label.text()]
    assert len(shown) >= 4, "the café, the question, its follow-up and the pinned comment all reach the projector"


def answer_box(seen: list) -> None:
    """When the next modal message box appears, note its text and format, and cancel it."""

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.textFormat()))
        box.reject()

    QTimer.singleShot(0, answer)


def test_questions_that_quote_outside_text_show_it_as_written(qtbot, main_window, services, hostile_cafe):
    seen: list = []
    cafes = main_window.cafes_page
    cafes.refresh()
    row = next(r for r in cafes.model.rows if r.id == hostile_cafe.id)
    answer_box(seen)
    assert cafes.confirm_close(row) is False
    answer_box(seen)
    assert main_window.synthesis_page._ask("Merge themes", f"Merge “Theme {MARK}”?") is False
    assert len(seen) == 2
    for text, text_format in seen:
        assert MARK in text and text_format == Qt.TextFormat.PlainText
