"""A question before something that can't be taken back: a button saying what it does, and one to keep things as they
are, which Enter and Escape both choose."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_first(parent: QWidget | None, title: str, text: str, do: str, keep: str,
              role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole) -> bool:
    """Ask; True only if the person pressed the `do` button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    doing = box.addButton(do, role)
    keeping = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keeping)
    box.setEscapeButton(keeping)
    box.exec()
    return box.clickedButton() is doing
