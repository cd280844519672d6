"""The question asked before coding when every item listed is selected but the list holds only the first of more
that match (a search of 2,078 items lists the best 2,000): code all that match, or only those listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cafe_desk.core.counts import counted

CODE_ALL, CODE_LISTED = "all", "listed"


def coding_scope_box(parent: QWidget | None, listed: int, total: int, theme: str, adding: bool) -> QMessageBox:
    """All that match is the default: selecting every item listed means "all of these"."""
    doing = f"Code them with “{theme}”" if adding else f"Take “{theme}” off them"
    box = QMessageBox(QMessageBox.Icon.Question, "Code items" if adding else "Take a theme off items",
                      f"Every item listed is selected, but the list shows only the first {listed:,} of the "
                      f"{counted(total, 'item')} that match. {doing}: all {total:,}, or only the {listed:,} listed?",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a theme's name is typed by people
    every = box.addButton(f"All {counted(total, 'item')}", QMessageBox.ButtonRole.AcceptRole)
    every.setProperty("scope", CODE_ALL)
    listed_only = box.addButton(f"Only the {listed:,} listed", QMessageBox.ButtonRole.AcceptRole)
    listed_only.setProperty("scope", CODE_LISTED)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(every)
    box.setEscapeButton(cancel)
    return box


def ask_coding_scope(parent: QWidget | None, listed: int, total: int, theme: str, adding: bool) -> str | None:
    """Ask with `coding_scope_box`: CODE_ALL, CODE_LISTED, or None if the person cancelled."""
    box = coding_scope_box(parent, listed, total, theme, adding)
    box.exec()
    clicked = box.clickedButton()
    return clicked.property("scope") if clicked is not None else None
