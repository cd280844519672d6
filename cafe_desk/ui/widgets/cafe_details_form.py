"""`CafeDetailsForm`: a café's title, date and town or area (its locality) editors, shared by the New café dialog
and the Plan page."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLineEdit, QWidget

DATE_FORMAT = "ddd d MMM yyyy"
LOCALITY_LABEL = "Town or &area:"
LOCALITY_HINT = "Town or area, e.g. Perth"


class CafeDetailsForm(QWidget):
    """Title, date and locality in a form; `above` puts rows of the caller's own first (in the keyboard's order too),
    and `form` takes more rows below."""

    #: str, str — a field was left after editing, or a date picked: its key ("title", "date", "locality") and
    #: what it now says (the date as yyyy-mm-dd)
    sig_edited = Signal(str, str)

    def __init__(self, title_hint: str = "", above: tuple[tuple[str, QWidget], ...] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        for label, widget in above:
            self.form.addRow(label, widget)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText(title_hint)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setAccessibleName("Date")
        self.locality_edit = QLineEdit()
        self.locality_edit.setPlaceholderText(LOCALITY_HINT)
        self.locality_edit.setAccessibleName("Town or area")
        self.title_edit.editingFinished.connect(lambda: self.sig_edited.emit("title", self.title_edit.text()))
        self.locality_edit.editingFinished.connect(
            lambda: self.sig_edited.emit("locality", self.locality_edit.text()))
        self.date_edit.editingFinished.connect(self._date_edited)
        self.date_edit.calendarWidget().clicked.connect(lambda _date: self._date_edited())
        self.form.addRow("T&itle:", self.title_edit)
        self.form.addRow("&Date:", self.date_edit)
        self.form.addRow(LOCALITY_LABEL, self.locality_edit)

    def iso_date(self) -> str:
        """The date shown, as yyyy-mm-dd."""
        return self.date_edit.date().toString(Qt.DateFormat.ISODate)

    def show_details(self, title: str, iso_date: str, locality: str) -> None:
        """Show these details (without announcing them as edited)."""
        self.title_edit.setText(title)
        self.date_edit.setDate(QDate.fromString(iso_date, Qt.DateFormat.ISODate))
        self.locality_edit.setText(locality)

    def _date_edited(self) -> None:
        self.sig_edited.emit("date", self.iso_date())
