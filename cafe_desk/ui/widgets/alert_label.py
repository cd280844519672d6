"""`AlertLabel`: a one-line message shown inline and announced to screen readers, always as plain text (a message
may quote what someone typed or a file held)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget


class AlertLabel(QLabel):
    """A one-line message shown inline (bad input, a refused change) and announced to screen readers as an alert."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Alert")
        self.setStyleSheet("QLabel { color: white; background: #b3261e; padding: 6px;"
                           " border-radius: 4px; }")
        self.hide()

    def show_message(self, text: str) -> None:
        """Show `text` (or hide the label when it is empty) and announce it."""
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text:
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
