"""The ops helper: work runs off the GUI thread, results come back on it, Cancel leaves nothing, errors are one line."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton, QWidget

from cafe_desk.core.errors import UserError
from cafe_desk.services.exporting import write_atomically
from cafe_desk.ui.shell.ops import CANCELLED, UNEXPECTED, run_op


class Outcome:
    """What came back: the result or the message, and on which thread."""

    def __init__(self):
        self.result = None
        self.message = None
        self.thread = None

    def done(self, result):
        self.result, self.thread = result, threading.get_ident()

    def error(self, message):
        self.message, self.thread = message, threading.get_ident()


def test_runs_off_the_gui_thread_and_delivers_on_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got, seen = Outcome(), {}

    def work(ctx):
        seen["thread"] = threading.get_ident()
        ctx.progress(1, 2)
        return 6 * 7

    op = run_op(parent, "Counting", work, got.done, got.error)
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    gui = threading.get_ident()
    assert got.result == 42 and got.message is None
    assert seen["thread"] != gui
    assert got.thread == gui


def test_cancel_leaves_nothing_written(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "out.cafe"
    started, go = threading.Event(), threading.Event()
    got = Outcome()

    def work(ctx):
        started.set()
        go.wait(5)
        write_atomically(target, b"x" * 100_000, ctx.cancelled)
        return "written"

    op = run_op(parent, "Writing", work, got.done, got.error)
    assert started.wait(5)
    op.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    go.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got.result is None and got.message == CANCELLED
    assert list(tmp_path.iterdir()) == []


def test_a_user_error_shows_its_message(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = Outcome()

    def work(ctx):
        raise UserError("This café is closed, so it can't be changed.")

    op = run_op(parent, "Trying", work, got.done, got.error)
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got.message == "This café is closed, so it can't be changed."
    assert got.result is None and got.thread == threading.get_ident()


def test_an_unexpected_error_is_one_plain_line(qtbot, capsys):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = Outcome()

    def work(ctx):
        return {}["missing"]

    op = run_op(parent, "Trying", work, got.done, got.error)
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got.message == UNEXPECTED
    assert "KeyError" in capsys.readouterr().err


def test_a_task_that_ends_after_its_dialog_showed_was_not_cancelled(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    go = threading.Event()
    got, cancelled_when_done = Outcome(), []

    def work(ctx):
        go.wait(5)
        return "done"

    op = run_op(parent, "Slow", work, lambda result: (cancelled_when_done.append(op.ctx.cancelled()),
                                                      got.done(result)), got.error)
    qtbot.waitUntil(op.dialog.isVisible, timeout=5000)  # shown after 400 ms
    go.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got.result == "done"
    assert cancelled_when_done == [False] and not op.ctx.cancelled(), "closing the dialog is not a Cancel"


def test_a_task_without_progress_shows_its_dialog_and_cancel_within_a_second(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    go = threading.Event()
    got = Outcome()
    op = run_op(parent, "Quiet", lambda ctx: go.wait(10), got.done, got.error)
    try:
        qtbot.waitUntil(op.dialog.isVisible, timeout=1500)  # Qt's own default would be 4 s
        assert op.dialog.findChild(QPushButton).text() == "Cancel"
    finally:
        go.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)


def test_a_window_closed_before_its_task_ends_is_not_called_back(qtbot):
    parent = QWidget()
    go, got = threading.Event(), Outcome()

    def work(ctx):
        go.wait(5)
        return "late"

    op = run_op(parent, "Reading", work, got.done, got.error)
    parent.deleteLater()  # takes the task's progress dialog with it
    qtbot.waitUntil(lambda: op.parent_gone)
    go.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got.result is None and got.message is None


def test_a_task_still_running_when_the_window_closes_is_stopped_and_waited_for(main_window, qtbot):
    stopped = threading.Event()

    def work(ctx):  # an import between two files: it stops at its next check
        while not ctx.cancelled():
            threading.Event().wait(0.01)
        stopped.set()
        return "stopped"

    op = run_op(main_window, "Importing", work, lambda result: None)
    qtbot.waitUntil(op.worker.isRunning, timeout=5000)
    main_window.close_without_asking()  # the system's stop signal: no question, and the thread must not outlive it
    assert stopped.is_set() and op.worker.isFinished()


def test_the_progress_window_is_wide_enough_for_its_title(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    title = "Saving the synthesis data…"
    op = run_op(parent, title, lambda ctx: None, Outcome().done, Outcome().error)
    assert op.dialog.minimumWidth() >= op.dialog.fontMetrics().horizontalAdvance(title) + 120
    qtbot.waitUntil(lambda: op.done, timeout=5000)
