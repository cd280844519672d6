"""The small window shown while the data file is brought up to date at start-up: with many imported cafés that takes
a minute or more, and a window that stays blank for that long looks broken."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog

#: show the window only when the work takes longer than this, so a small file opens without a flash
SHOW_AFTER_S = 0.4
UPGRADING = ("Café Desk is updating its data file for this version. With many imported cafés this can take a "
             "minute or two. Please leave it to finish: nothing is lost if it is stopped, but it will start again "
             "next time.")


def run_while_waiting(work: Callable[[], None], text: str = UPGRADING) -> None:
    """Run `work` in a thread of its own, with a busy window after SHOW_AFTER_S, and return when it ends (what it
    raised is raised here). The window has no Cancel: the work is one transaction that can't be stopped half-way."""
    failed: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=target, name="upgrade")
    thread.start()
    started, window = time.monotonic(), None
    while thread.is_alive():
        thread.join(0.05)
        if window is None and thread.is_alive() and time.monotonic() - started >= SHOW_AFTER_S:
            window = QProgressDialog("", "", 0, 0)
            label = QLabel(text)
            label.setWordWrap(True)
            window.setLabel(label)
            window.setWindowTitle("Café Desk")
            window.setCancelButton(None)
            window.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
            window.setMinimumWidth(460)
            window.setMinimumDuration(0)
            window.show()
        QApplication.processEvents()
    if window is not None:
        window.close()
        window.deleteLater()
    if failed:
        raise failed[0]
