"""Quitting: Ctrl+Q is the note-taker's quote key, never quit, and closing asks first while the room depends on the
laptop (phones open, a round running)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_desk.ui.shell.quitting import KEEP_OPEN, ask_to_quit
from tests.ui.run.test_phones_box import open_channel

BOTH = "Phones can't send comments once Café Desk closes, and the round's timer stops. Quit Café Desk anyway?"


def asker(answers: list[bool]):
    """A stand-in for the question box: records each question and gives the next answer (True: quit)."""
    asked: list[str] = []

    def ask(parent, question: str) -> bool:
        asked.append(question)
        return answers.pop(0)

    return ask, asked


def test_ctrl_q_in_a_box_without_quotes_leaves_the_window_open(qtbot, cafe_window):
    window = cafe_window
    window.show_page(window.page_index(window.notes_page))
    summary = window.notes_page.summary
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    qtbot.keyClick(summary, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.isVisible(), "Ctrl+Q must not quit"
    quit_action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Quit")
    assert quit_action.shortcut().isEmpty()


def test_closing_with_phones_open_asks_and_keep_open_is_the_default(qtbot, cafe_window, services, cafe):
    window = cafe_window
    open_channel(qtbot, window)
    window.run_page.start_btn.click()
    assert services.running.state(cafe.id).timer.status == "running"
    seen = {}

    def answer_with_enter():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        seen["text"] = box.text()
        seen["default"] = box.defaultButton().text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default answer
        if box.isVisible():  # never leave a test waiting on a box
            box.reject()

    QTimer.singleShot(0, answer_with_enter)
    window.ask_to_quit = ask_to_quit  # the real question box
    try:
        closed = window.close()
    finally:
        window.ask_to_quit = lambda parent, question: True  # the window is closed after the test
    assert not closed
    assert seen == {"text": BOTH, "default": KEEP_OPEN, "buttons": sorted([KEEP_OPEN, "Quit"])}
    assert window.isVisible()
    assert window.run_page.phones.is_open, "keeping Café Desk open keeps the phones connected"


def test_a_running_round_alone_asks_and_nothing_running_closes_without_a_question(qtbot, cafe_window, services,
                                                                                  cafe):
    window = cafe_window
    window.show_page(2)
    window.run_page.start_btn.click()
    window.ask_to_quit, asked = asker([False])
    assert not window.close()
    assert asked == ["The round's timer stops once Café Desk closes. Quit Café Desk anyway?"]
    assert window.isVisible()

    window.run_page.pause_btn.click()
    assert window.close(), "a paused round and closed phones: nothing to ask"
    assert asked == ["The round's timer stops once Café Desk closes. Quit Café Desk anyway?"]
    assert not window.isVisible()


def test_closing_with_phones_open_and_answering_quit_closes(qtbot, cafe_window):
    window = cafe_window
    open_channel(qtbot, window)
    window.ask_to_quit, asked = asker([True])
    assert window.close()
    assert asked == ["Phones can't send comments once Café Desk closes. Quit Café Desk anyway?"]
    assert not window.run_page.phones.is_open


def test_no_window_binds_the_desktops_quit_key():
    """QKeySequence.StandardKey.Quit is Ctrl+Q on GNOME and KDE but empty where the tests run, so the key above can't
    catch it: no page or window may use it."""
    ui = Path(__file__).parents[3] / "cafe_desk" / "ui"
    users = [str(p.relative_to(ui)) for p in ui.rglob("*.py") if "StandardKey.Quit" in p.read_text(encoding="utf-8")]
    assert users == []
