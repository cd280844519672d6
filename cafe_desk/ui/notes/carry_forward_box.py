"""The "What we carry forward" box on the Notes page: the table host's summary of a round, typed freely and
announced after a pause in typing so the page can save it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from cafe_desk.ui.notes.note_entry import AUTOSAVE_MS
from cafe_desk.ui.notes.notes_model import CARE_MARK

TITLE = "What we carry &forward"


class CarryForwardBox(QGroupBox):
    """The summary's text box. It writes nothing: it says when the person edits it and when they pause."""

    #: no arguments — the person changed the text (not `show_text`); the page may `wait_for_pause`
    sig_edited = Signal()
    #: no arguments — typing paused after `wait_for_pause`: time to save
    sig_idle = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(TITLE, parent)
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("What we carry forward")
        self.summary.setPlaceholderText("The table host's summary of this round, saved as you type")
        self.summary.setTabChangesFocus(True)
        QVBoxLayout(self).addWidget(self.summary)
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.sig_idle)
        self.summary.textChanged.connect(self._edited)

    def tab_order(self) -> list[QWidget]:
        return [self.summary]

    def text(self) -> str:
        return self.summary.toPlainText()

    def wait_for_pause(self) -> None:
        """Announce `sig_idle` once the typing stops for a moment."""
        self._timer.start()

    def is_typing(self) -> bool:
        """An edit is waiting for the pause that saves it."""
        return self._timer.isActive()

    def stop_waiting(self) -> None:
        """The page saves now, so the pause no longer needs to announce it."""
        self._timer.stop()

    def show_text(self, text: str) -> None:
        """Show what is stored, without counting it as an edit."""
        if text != self.summary.toPlainText():
            self._loading = True
            self.summary.setPlainText(text)
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.summary.setReadOnly(read_only)  # read-only rather than greyed out, so it stays easy to read

    def show_needs_care(self, needs_care: bool) -> None:
        """The title says so when what the box holds needs care."""
        self.setTitle(f"{TITLE}  {CARE_MARK} needs care" if needs_care else TITLE)

    def _edited(self) -> None:
        if not self._loading:
            self.sig_edited.emit()
