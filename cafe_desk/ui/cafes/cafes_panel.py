"""The Cafés page: every café in the database, search, open, new, close/reopen, template files, and opening a
receipt from the central team to delete a café's raw data from this laptop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk import platforms
from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import closing_question
from cafe_desk.core.counts import Counts, counted
from cafe_desk.core.errors import UserError
from cafe_desk.core.exports import RECEIPT_SUFFIX
from cafe_desk.core.model import CafeSummary
from cafe_desk.services import Services
from cafe_desk.services.receipts import ReceiptCheck
from cafe_desk.ui.cafes.new_cafe_dialog import NewCafeDialog
from cafe_desk.ui.shell.ops import OpContext, run_op
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.cafe_details_form import DATE_FORMAT
from cafe_desk.ui.widgets.plain_text import shown, tip

COL_CODE, COL_TITLE, COL_DATE, COL_LOCALITY, COL_STATE, COL_POINTS, COL_COMMENTS = range(7)
HEADERS = ("Code", "Title", "Date", "Town or area", "State", "Points", "Comments")
COUNTED = {COL_POINTS: "point", COL_COMMENTS: "comment"}  # the count columns, and what each counts
#: the State column's tooltip for a café not run on this laptop
ORIGIN_TIPS = {"imported": "Came in from a café file: kept exactly as it arrived, read-only for good.",
               "sample": "A made-up café for trying the central desk, read-only; “Remove sample cafés” on the Central "
                         "page takes the samples away."}
IMPORTED_NO_REOPEN = "An imported café is kept exactly as it arrived, so it can't be reopened or changed."
CLOSE_BUTTON = "Close café"
KEEP_OPEN_BUTTON = "Keep it open"
DELETE_BUTTON = "Delete from this laptop"
KEEP_BUTTON = "Keep it"
DELETE_EXPLANATION = ("Deleting can't be undone: the café's plan, points, comments and votes are removed from this "
                      "laptop and from this laptop's backups for good. The central team keeps the anonymised copy it "
                      "received.")

_Index = QModelIndex | QPersistentModelIndex


def run_box(box: QMessageBox) -> QAbstractButton | None:
    """Show a message box and wait for the person's answer: the button they chose (None if they closed it)."""
    box.exec()
    return box.clickedButton()


def show_date(iso: str) -> str:
    """An ISO date as people read it ("Tue 24 Nov 2026"); anything unreadable is shown as it is."""
    date = QDate.fromString(iso, Qt.DateFormat.ISODate)
    return date.toString(DATE_FORMAT) if date.isValid() else iso


#: a place longer than this (an imported café's may be) is cut in the list, whole in its tooltip, so the column it
#: sizes to never pushes the others off the screen
PLACE_SHOWN = 40


def _cut(text: str) -> str:
    return text if len(text) <= PLACE_SHOWN else text[:PLACE_SHOWN - 1].rstrip() + "…"


class CafeListModel(QAbstractTableModel):
    """The café list as rows of `CafeSummary`; `Qt.UserRole` gives the summary itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[CafeSummary] = []

    def set_rows(self, rows: list[CafeSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col in COUNTED:
            return self._count(row, col, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                COL_CODE: row.short_code,
                COL_TITLE: shown(row.title),
                COL_DATE: show_date(row.date),
                COL_LOCALITY: shown(_cut(row.locality)),
                COL_STATE: row.state_label,
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATE and row.origin in ORIGIN_TIPS:
            return ORIGIN_TIPS[row.origin]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_LOCALITY and _cut(row.locality) != row.locality:
            return tip(row.locality)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    @staticmethod
    def _count(row: CafeSummary, col: int, role: int):
        """A count cell: the number, said with its word to a screen reader, and every count in the tooltip."""
        n = row.points if col == COL_POINTS else row.comments
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{n:,}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return counted(n, COUNTED[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            return Counts(row.points, row.summaries, row.comments).phrase()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def row_of(self, cafe_id: str) -> int:
        """The row showing this café, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.id == cafe_id), -1)


class CafesPanel(Panel):
    """The list of cafés, newest first, with a search box and the actions that work on whole cafés."""

    #: str — the id of a café the person wants to open (double-click, Enter, "Open", or a café just created);
    #: "" to close the open café (it is about to be deleted)
    sig_open_cafe = Signal(str)

    title = "Cafés"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.new_cafe_dialog: NewCafeDialog | None = None
        self.receipts = services.receipts
        #: shows a message box and returns the button chosen; tests replace it to answer without blocking
        self.show_box: Callable[[QMessageBox], QAbstractButton | None] = run_box
        #: whether phones can reach this café now (the window knows: the channel to phones is on the Run page)
        self.phones_open: Callable[[str], bool] = lambda _cafe_id: False

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_search_row())
        layout.addWidget(self._build_view(), 1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addLayout(self._build_buttons())
        self.refresh()

    # --- building -----------------------------------------------------------------------------------------------

    def _build_search_row(self) -> QHBoxLayout:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search by title, place, date or code")
        self.search_edit.setAccessibleName("Search cafés")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.refresh())
        label = QLabel("&Search:")
        label.setBuddy(self.search_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.search_edit, 1)
        return row

    def _build_view(self) -> QTableView:
        """The cafés, newest first; Enter or a double-click opens one."""
        self.model = CafeListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Cafés")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has the focus
            shortcut.activated.connect(self.open_selected)
        return self.view

    def _build_buttons(self) -> QHBoxLayout:
        """Open, New, Close on the left; receipts and templates on the right."""
        self.open_button = QPushButton("&Open")
        self.new_button = QPushButton("&New café…")
        self.close_button = QPushButton("C&lose café")
        self.import_button = QPushButton("&Import template…")
        self.export_button = QPushButton("E&xport template…")
        self.receipt_button = QPushButton("Open a receip&t…")
        self.receipt_button.setToolTip("Open a receipt from the central team: once it shows your export arrived "
                                       "whole, you can delete that café from this laptop.")
        for button, slot in ((self.open_button, self.open_selected), (self.new_button, self.new_cafe),
                             (self.close_button, self.toggle_closed), (self.import_button, self._choose_import_file),
                             (self.export_button, self._choose_export), (self.receipt_button, self._choose_receipt)):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.new_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        return buttons

    # --- reading ------------------------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.cafes or changes.notes:
            self.refresh()

    def refresh(self) -> None:
        """Reload the list for the current search, keeping the selected café selected if it is still shown."""
        keep = self.selected()
        rows = self.attempt(lambda: self.services.cafes.list(self.search_edit.text())) or []
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep.id)
        elif self.cafe is not None:
            self.select(self.cafe.id)
        if not rows:
            self.empty_label.setText("No café matches your search." if self.search_edit.text().strip()
                                     else "There are no cafés yet. Choose “New café…” to plan one; the central team "
                                     "receiving cafés from facilitators starts on the Central page (Ctrl+7).")
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> CafeSummary | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, cafe_id: str) -> bool:
        row = self.model.row_of(cafe_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, COL_TITLE))
        return True

    def set_cafe(self, cafe) -> None:
        super().set_cafe(cafe)
        if cafe is not None and self.selected() is None:
            self.select(cafe.id)

    def _update_buttons(self) -> None:
        row = self.selected()
        imported = row is not None and row.origin != "local"
        self.open_button.setEnabled(row is not None)
        self.close_button.setEnabled(row is not None and not imported)
        text = "&Reopen café" if row is not None and row.state == "closed" else "C&lose café"
        self.close_button.setText(text)
        self.close_button.setAccessibleName(text.replace("&", ""))
        self.close_button.setToolTip(IMPORTED_NO_REOPEN if imported else "")

    # --- actions ------------------------------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_open_cafe.emit(row.id)

    def new_cafe(self) -> None:
        """Open the New café dialog; a café created there is announced and opened."""
        dialog = NewCafeDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a closed dialog must not keep taking focus
        dialog.accepted.connect(lambda: self._created(dialog))
        self.new_cafe_dialog = dialog
        dialog.open()

    def _created(self, dialog: NewCafeDialog) -> None:
        cafe = dialog.created_cafe
        if cafe is None:
            return
        self.announce(dialog.changes)
        self.select(cafe.id)
        self.sig_open_cafe.emit(cafe.id)
        self.sig_message.emit(f"“{cafe.title}” was created.")  # once it is open: opening a café clears the last word

    def toggle_closed(self) -> None:
        """Close the selected café (after asking) or reopen it if it is closed."""
        row = self.selected()
        if row is None:
            return
        if row.state == "closed":
            changes = self.attempt(lambda: self.services.cafes.reopen(row.id))
            if changes is not None:
                self.announce(changes)
                self.sig_message.emit(f"“{row.title}” is open for changes again.")
            return
        if not self.confirm_close(row):
            return
        changes = self.attempt(lambda: self.services.cafes.close(row.id))
        if changes is not None:
            self.announce(changes)
            self.sig_message.emit(f"“{row.title}” is closed.")

    def confirm_close(self, row: CafeSummary) -> bool:
        """Ask before closing a café, saying what closing it would cut off; True if the person confirmed."""
        box, close = self.close_box(row)
        return box is not None and self.show_box(box) is close

    def close_box(self, row: CafeSummary) -> tuple[QMessageBox | None, QAbstractButton | None]:
        """The question asked before closing a café and its "Close café" button ("Keep it open" is the default, and
        what Escape chooses); (None, None) if the café can't be read (the reason goes to the status bar)."""
        facts = self.attempt(lambda: self.services.cafes.closing_facts(row.id, self.phones_open(row.id)))
        if facts is None:
            return None, None
        box = QMessageBox(QMessageBox.Icon.Question, "Close café", f"Close “{row.title}”?",
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title as typed, or as a template file had it
        box.setInformativeText(closing_question(facts))
        close = box.addButton(CLOSE_BUTTON, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(KEEP_OPEN_BUTTON, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box, close

    # --- template files -----------------------------------------------------------------------------------------

    def import_template(self, path: Path) -> bool:
        """Keep the template in `path`; True on success (a refusal becomes a message)."""
        template = self.attempt(lambda: self.services.templates.import_file(Path(path)))
        if template is None:
            return False
        self.sig_message.emit(f"The template “{template.name}” was added; choose it when you plan a new café.")
        return True

    def export_template(self, name: str, path: Path) -> bool:
        """Save the template called `name` as a JSON file at `path`; True on success."""
        saved = self.attempt(lambda: self.services.templates.export_file(name, Path(path)))
        if saved is None:
            return False
        self.sig_message.emit(f"The template “{name}” was saved to {saved}.")
        return True

    def _choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import template", str(Path.home()),
                                              "Café templates (*.json);;All files (*)")
        if path:
            self.import_template(Path(path))

    def _choose_export(self) -> None:
        names = [t.name for t in self.attempt(self.services.templates.all) or []]
        if not names:
            return
        name, ok = QInputDialog.getItem(self, "Export template", "Template to export:", names, 0, False)
        if not ok:
            return
        stem = platforms.file_stem(name.casefold(), "template")
        path, _ = QFileDialog.getSaveFileName(self, "Export template", str(Path.home() / f"{stem}.json"),
                                              "Café templates (*.json)")
        if path:
            self.export_template(name, Path(path))

    # --- receipts from the central team ---------------------------------------------------------------------------

    def open_receipt(self, path: str | Path) -> bool:
        """Check the receipt at `path`; if it matches a café here, ask whether to delete that café from this laptop
        and do so only if the person confirms. True if the deletion was started (in the background: `self.op`).
        A receipt that does not match is shown as one plain line and nothing is deleted."""
        try:
            check = self.receipts.check_receipt(path)
        except UserError as exc:
            self.show_box(self.refusal_box(str(exc)))
            self.sig_message.emit(str(exc))
            return False
        self.select(check.cafe_id)  # the person sees which café the receipt is about
        box, delete = self.receipt_box(check)
        if self.show_box(box) is not delete:
            self.sig_message.emit(f"“{check.title}” was kept on this laptop.")
            return False
        if self.cafe is not None and self.cafe.id == check.cafe_id:
            self.sig_open_cafe.emit("")  # close it everywhere (and its phone channel) before it goes
        # cleaning every backup copy can take a while on a big data folder: off the GUI thread, on its own registry
        open_services, cafe_id = self.services.opener(), check.cafe_id

        def work(ctx: OpContext) -> Changes:
            with open_services() as services:
                return services.receipts.delete_raw_data(cafe_id, path)

        def done(changes: Changes) -> None:
            self.announce(changes)
            self.sig_message.emit(f"“{check.title}” was deleted from this laptop and from this laptop's backups.")

        self.op = run_op(self, "Deleting the café from this laptop…", work, done, self.sig_message.emit,
                         cancellable=False)
        return True

    def receipt_box(self, check: ReceiptCheck) -> tuple[QMessageBox, QAbstractButton]:
        """The question asked after a matching receipt, and its "Delete from this laptop" button ("Keep it" is the
        default, and what Escape chooses)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Receipt from the central team",
                          f"{check.line()} You can now delete this café's points and comments from this laptop.",
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the café's title came from this laptop's data, typed by people
        box.setInformativeText(DELETE_EXPLANATION)
        delete = box.addButton(DELETE_BUTTON, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(KEEP_BUTTON, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box, delete

    def refusal_box(self, message: str) -> QMessageBox:
        """The one-line message shown when a receipt can't be used (nothing was deleted)."""
        box = QMessageBox(QMessageBox.Icon.Information, "Receipt from the central team", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("Nothing was deleted.")
        return box

    def _choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a receipt from the central team", str(Path.home()),
                                              f"Café receipts (*{RECEIPT_SUFFIX});;All files (*)")
        if path:
            self.open_receipt(Path(path))
