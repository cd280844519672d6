"""Showing text people typed exactly as typed. Qt reads a label or tooltip that merely *looks* like HTML as HTML, so a
comment such as `<img src="/dev/zero">` would be fetched and drawn: every text that comes from outside (phones,
bundles, codebook files, templates) goes through these."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

#: the mark before an item that needs care: a word too, never colour alone
CARE_MARK = "⚑"


def tip(text: str | None) -> str | None:
    """A tooltip that shows `text` exactly (escaped, line breaks kept); None or "" stays as it is."""
    if not text:
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def plain_labels(*labels: QLabel) -> None:
    """These labels show their text exactly, never as HTML."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
