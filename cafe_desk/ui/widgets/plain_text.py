"""Showing text people typed exactly as typed. Qt reads a label or tooltip that merely *looks* like HTML as HTML, so a
comment such as `<img src="/dev/zero">` would be fetched and drawn: every text that comes from outside (phones,
bundles, codebook files, templates) goes through these. They also leave out what could hide or reorder the text
around it (control characters, bidi overrides, invisible format characters: `core.text.printable`)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cafe_desk.core.text import printable

#: the mark before an item that needs care: a word too, never colour alone
CARE_MARK = "⚑"


def shown(text: str | None) -> str | None:
    """`text` as a label, table cell or list shows it: its visible characters and line breaks, nothing that could
    hide or reorder what is around it; None or "" stays as it is."""
    return printable(text, lines=True) if text else text


#: the marks a typist may open or close a quote with: straight and curly, double and single
QUOTE_MARKS = "\"“”„«»'‘’‚"


def in_quote_marks(text: str) -> str:
    """`text` between “ and ”, unless it already starts and ends with quote marks of its own (a quote typed with
    them shows once, as typed, not “"doubled"”)."""
    inner = text.strip()
    if len(inner) >= 2 and inner[0] in QUOTE_MARKS and inner[-1] in QUOTE_MARKS:
        return text
    return f"“{text}”"


def tip(text: str | None) -> str | None:
    """A tooltip that shows `text` exactly (escaped, line breaks kept, see `shown`); None or "" stays as it is."""
    if not text:
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(printable(text, lines=True)) + "</p>"


def plain_labels(*labels: QLabel) -> None:
    """These labels show their text exactly, never as HTML."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
