"""Fixtures for screen tests: checking table models with Qt's QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester


@pytest.fixture(autouse=True)
def review_closes_without_asking(monkeypatch):
    """An export review left with changed choices closes at the end of a test without its question (no one is there
    to answer it); the tests of that question put the real one back."""
    from cafe_desk.ui.export import export_dialog

    monkeypatch.setattr(export_dialog, "ask_to_discard", lambda parent, changed: True)


@pytest.fixture
def model_tester():
    """`model_tester(model)` watches a model for the whole test; any rule it breaks fails the test at the end."""
    failures: list[str] = []
    testers: list[QAbstractItemModelTester] = []

    def handler(mode, context, message):
        if context.category == "qt.modeltest":
            failures.append(message)
        elif previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)

    def watch(model: QAbstractItemModel) -> QAbstractItemModelTester:
        tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
        testers.append(tester)
        return tester

    yield watch
    qInstallMessageHandler(previous)
    assert not failures, failures[0]


@pytest.fixture
def main_window(qtbot, services):
    """The real main window at 1366×768, active, with no café open; its phone channel is closed after."""
    from cafe_desk.ui.shell.main_window import MainWindow

    w = MainWindow(services)
    w.run_page.sound_enabled = False
    w.ask_to_quit = lambda parent, question: True  # closed after each test even with a round running: no question
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    yield w
    w.run_page.stop_channel()
    w.close()  # before the data file closes: a search still running delivers nothing after


@pytest.fixture
def cafe_window(main_window, cafe):
    """The main window on the `cafe` fixture's café."""
    main_window.open_cafe(cafe.id)
    return main_window


def review_read(qtbot, dialog):
    """Wait until an export dialog has read its review (off the GUI thread); the dialog, for chaining."""
    if not dialog.ready:
        with qtbot.waitSignal(dialog.sig_ready, timeout=20_000):
            pass
    return dialog
