"""Asking before Café Desk closes while something is under way: phones in, a round running."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

KEEP_OPEN = "Keep Café Desk open"
QUIT = "Quit"


def what_quitting_stops(phones: bool, round_running: bool) -> str:
    """What closing the window would cut off, as a question to ask first; "" when nothing is under way."""
    if phones and round_running:
        stops = "Phones can't send comments once Café Desk closes, and the round's timer stops."
    elif phones:
        stops = "Phones can't send comments once Café Desk closes."
    elif round_running:
        stops = "The round's timer stops once Café Desk closes."
    else:
        return ""
    return f"{stops} Quit Café Desk anyway?"


def ask_to_quit(parent: QWidget, question: str) -> bool:
    """Ask before quitting while something is under way; keeping Café Desk open is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, "Quit Café Desk?", question, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    quit_btn = box.addButton(QUIT, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(KEEP_OPEN, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is quit_btn

