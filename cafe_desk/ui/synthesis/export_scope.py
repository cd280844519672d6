"""The question asked before a synthesis export while a search or filters are on: the items found, or all items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cafe_desk.core.counts import counted

EXPORT_FOUND, EXPORT_ALL = "found", "all"


def scope_box(parent: QWidget | None, found: int, total: int, samples_left_out: bool = False) -> QMessageBox:
    """Before saving: the export takes the items found; a button for those (the default), one for all, Cancel.
    `samples_left_out`: the counts leave the sample cafés out, as the export will, and the question says so."""
    found_text = f"{counted(found, 'item')} found"
    samples = " The sample cafés are left out." if samples_left_out else ""
    box = QMessageBox(QMessageBox.Icon.Question, "Export data",
                      f"This exports the {found_text} (of {total:,}), with the votes and the themes.{samples}",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    only_found = box.addButton(f"Export the {found_text}", QMessageBox.ButtonRole.AcceptRole)
    only_found.setProperty("scope", EXPORT_FOUND)
    every = box.addButton(f"Export all {counted(total, 'item')}", QMessageBox.ButtonRole.AcceptRole)
    every.setProperty("scope", EXPORT_ALL)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(only_found)
    box.setEscapeButton(cancel)
    return box


def ask_scope(parent: QWidget | None, found: int, total: int, samples_left_out: bool = False) -> str | None:
    """Ask with `scope_box`: EXPORT_FOUND, EXPORT_ALL, or None if the person cancelled."""
    box = scope_box(parent, found, total, samples_left_out)
    box.exec()
    clicked = box.clickedButton()
    return clicked.property("scope") if clicked is not None else None
