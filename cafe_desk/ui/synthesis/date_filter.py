"""A date to filter the Synthesis page by: empty ("Any") until a date is typed — as 2026-11-14 or as the computer's
language writes dates, such as 14/11/2026 — or picked on a calendar; emptied, it is "Any" again."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

ANY = "Any"
SHOWN = "yyyy-MM-dd"  # as the page shows dates everywhere else
FULL_YEAR = re.compile(r"\d{4}")  # while the year is typed, "14/11/20" is not yet a date


def _local_form() -> str:
    """The computer's short date form with the year written whole (14/11/2026 rather than 14/11/26)."""
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", QLocale().dateFormat(QLocale.FormatType.ShortFormat))


def read_date(text: str, loose: bool = False) -> QDate | None:
    """The date `text` writes whole (2026-11-14, or the computer's short form such as 14/11/2026 or 11/14/2026);
    None if it is not one, or not yet: its year isn't written whole. `loose`: 2026-11-4 and a two-digit year too."""
    text = text.strip()
    if not FULL_YEAR.search(text) and not loose:
        return None
    forms = (SHOWN, _local_form()) + (("yyyy-M-d", QLocale().dateFormat(QLocale.FormatType.ShortFormat))
                                      if loose else ())
    for form in forms:
        date = QLocale().toDate(text, form)
        if date.isValid():
            return date
    return None


def example() -> str:
    """A date as the computer's language writes it, to show what may be typed."""
    return QLocale().toString(QDate(2026, 11, 14), _local_form())


class DateFilter(QWidget):
    """`DateFilter(name)`: "Any" or one date, typed or picked; `sig_changed` when a person changes it, and
    `sig_message` with one line when what was typed can't be read as a date."""

    sig_changed = Signal()
    sig_message = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._date: QDate | None = None
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText(ANY)
        self.edit.setClearButtonEnabled(True)
        self.help = (f"Type a date such as 2026-11-14 or {example()}, or pick one with the arrow (Alt+Down); empty "
                     "for any date")
        self._unreadable = ""
        self.edit.setToolTip(self.help)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self.menu: QMenu | None = None  # the calendar, made when first opened (made with the box, it took the box
        # out of the Tab order)
        self.pick = QToolButton()
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setAccessibleName(f"Pick the {name.lower()} on a calendar")
        self.pick.setToolTip("Pick a date on a calendar")
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down in the box opens it: one Tab stop, not two
        self.pick.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.edit)

    # --- reading and setting ---------------------------------------------------------------------------------

    def iso(self) -> str:
        """The date as YYYY-MM-DD, "" for any."""
        return "" if self._date is None else self._date.toString(SHOWN)

    def text(self) -> str:
        """What the box shows: the date, or "Any"."""
        return self.edit.text() or ANY

    def set_date(self, date: QDate | None) -> None:
        """Show `date` (None: Any) without announcing it."""
        self._date = date if date is not None and date.isValid() else None
        self.edit.setText(self.iso())
        self._mark("")

    def unreadable(self) -> str:
        """The line saying why the text left in the box is not a date ("" when it is one, or empty)."""
        return self._unreadable

    def _mark(self, why: str) -> None:
        """Mark the box as holding text that is not a date (`why`), or as fine again ("")."""
        self._unreadable = why
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }" if why else "")
        self.edit.setToolTip(why or self.help)

    def _set(self, date: QDate | None) -> None:
        """A person chose `date` (None: Any): announce it if it changed."""
        if date != self._date:
            self._date = date
            self.sig_changed.emit()

    # --- what a person does ------------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._mark("")
            self._set(None)
            return
        date = read_date(text)
        if date is not None:
            self._mark("")
            self._set(date)

    def _finished(self) -> None:
        """Leaving the box: a date is shown as the page writes dates; text that is none gets one line and stays in
        the box, marked, to be put right (the date in force meanwhile stays as it was)."""
        text = self.edit.text().strip()
        date = read_date(text, loose=True) if text else None
        if date is not None or not text:
            self._mark("")
            self._set(date)
            self.edit.setText(self.iso())
            return
        why = (f"“{text}” isn't a date Café Desk can read: type one such as 2026-11-14 or {example()}, or empty the "
               "box for any date.")
        if why != self._unreadable:
            self._mark(why)
            self.sig_message.emit(why)

    def _picked(self, date: QDate) -> None:
        if self.menu is not None:
            self.menu.close()
        self.edit.setText(date.toString(SHOWN))
        self._mark("")
        self._set(date)

    def open_calendar(self) -> None:
        if self.menu is None:
            self.menu = QMenu(self)
            self.calendar = QCalendarWidget()
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            holder = QWidgetAction(self.menu)
            holder.setDefaultWidget(self.calendar)
            self.menu.addAction(holder)
        self.calendar.setSelectedDate(self._date or QDate.currentDate())
        self.menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
                and (event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                                      and event.modifiers() & Qt.KeyboardModifier.AltModifier))):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)
