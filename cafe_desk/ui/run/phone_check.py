"""The rehearsal check in the "Open to phones" box: "Test from a phone" shows a code for the laptop's test page, and the
line under it turns green once a phone has reached the laptop — proof, before anyone arrives, that the venue's Wi-Fi
lets phones through."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy

from cafe_desk.ui.widgets.qr_view import QrView

HINT_AFTER_S = 60.0  # how long to wait for a phone before suggesting what may be in the way
TICK_MS = 1000
TEST_BUTTON = "Test fro&m a phone"
DONE_BUTTON = "&Done testing"
NOT_OPEN_TEXT = "Open to phones first, then test from a phone."
WAITING_TEXT = ("Waiting for a phone… On a phone, join the same Wi-Fi as this laptop (not mobile data), then scan the "
                "test code.")
NO_PHONE_HINT = ("No phone has reached this laptop yet. Is the phone on the same Wi-Fi as this laptop, not mobile "
                 "data? Is “Listen on” this laptop's address on that Wi-Fi? Guest networks often keep phones apart: "
                 "then use this laptop's own hotspot.")
GREEN = ("QLabel { background: #d7efdc; color: #10381b; border-left: 4px solid #1e6b34; padding: 4px 8px; "
         "font-weight: bold; }")
AMBER = "QLabel { background: #fff4c2; color: #222222; border-left: 4px solid #8a6d00; padding: 4px 8px; }"


def ago(seconds: float) -> str:
    """'just now', '5 seconds ago', '1 minute ago', '2 hours ago'."""
    seconds = max(0, int(seconds))
    if seconds < 2:
        return "just now"
    for size, unit in ((3600, "hour"), (60, "minute"), (1, "second")):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'' if n == 1 else 's'} ago"
    return "just now"  # not reached: seconds >= 2 here


def reached_text(phones: int, seconds: float) -> str:
    """'1 phone reached this laptop 5 seconds ago'; with more, '3 phones reached this laptop, the last 5 seconds
    ago'."""
    if phones == 1:
        return f"1 phone reached this laptop {ago(seconds)}"
    return f"{phones} phones reached this laptop, the last {ago(seconds)}"


class PhoneCheck(QObject):
    """The "Test from a phone" button, the test page's code and the line saying whether a phone has reached the
    laptop (`button`, `qr` and `line`, laid out by the box). The box hands it the test page's address (`set_link`)
    and what the server reports (`reached`)."""

    #: bool — the test code is shown in place of the comment page's (True) or put away (False)
    sig_testing = Signal(bool)
    #: int — how many different phones have reached the test page, each time one does
    sig_reached = Signal(int)

    def __init__(self, parent: QObject | None = None, *, qr_side: int = 170,
                 clock: Callable[[], float] = time.monotonic, hint_after_s: float = HINT_AFTER_S):
        super().__init__(parent)
        self.clock = clock
        self.hint_after_s = hint_after_s
        self.link = ""
        self.testing = False
        self.phones = 0
        self._test_started = 0.0
        self._last_reached = 0.0
        self.button = QPushButton(TEST_BUTTON)
        self.button.setAccessibleName("Test from a phone: show a code that checks phones can reach this laptop")
        self.button.clicked.connect(self.toggle)
        self.qr = QrView("Test from a phone", side=qr_side)
        self.qr.hide()
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setAccessibleName("Phone test")
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        # as wide as the codes above it, never wider: a long hint wraps instead of squeezing the rest of the box
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line.hide()
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.refresh)

    @property
    def passed(self) -> bool:
        """Whether a phone has reached the laptop since the box opened to phones."""
        return self.phones > 0

    def set_link(self, url: str) -> None:
        """The test page's address while open to phones ("" when closed); a new address starts the check afresh."""
        if url == self.link:
            return
        self.link = url
        self.phones = 0
        self._stop_testing()
        self.refresh()

    def toggle(self) -> None:
        """Show the test code (or say to open to phones first); pressed again, put it away."""
        if self.testing:
            self._stop_testing()
        elif not self.link:
            self._say(NOT_OPEN_TEXT, AMBER)
            return
        else:
            self.testing = True
            self._test_started = self.clock()
            self.qr.set_payload(self.link, self.link)
            self.qr.show()
            self.button.setText(DONE_BUTTON)
            self.button.setAccessibleName("Done testing: show the comment page's code again")
            self.sig_testing.emit(True)
        self.refresh()

    def reached(self, phones: int) -> None:
        """The server says `phones` different phones have opened the test page, the last one just now."""
        if not self.link:
            return  # from a server that has closed since
        self.phones = max(self.phones, phones)
        self._last_reached = self.clock()
        self.refresh()
        self.sig_reached.emit(self.phones)

    def refresh(self) -> None:
        """Draw the line for the check's state (called every second while there is something to update)."""
        now = self.clock()
        if self.phones:
            self._say("✓ " + reached_text(self.phones, now - self._last_reached), GREEN)
        elif self.testing and now - self._test_started >= self.hint_after_s:
            self._say(NO_PHONE_HINT, AMBER)
        elif self.testing:
            self._say(WAITING_TEXT, "")
        elif self.line.text() != NOT_OPEN_TEXT or self.link:
            self._say("", "")
        if self.phones or self.testing:
            self.ticker.start()
        else:
            self.ticker.stop()

    def _stop_testing(self) -> None:
        was = self.testing
        self.testing = False
        self.qr.hide()
        self.qr.clear("")
        self.button.setText(TEST_BUTTON)
        self.button.setAccessibleName("Test from a phone: show a code that checks phones can reach this laptop")
        if was:
            self.sig_testing.emit(False)

    def _say(self, text: str, style: str) -> None:
        self.line.setText(text)
        self.line.setStyleSheet(style)
        self.line.setVisible(bool(text))
