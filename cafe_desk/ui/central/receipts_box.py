"""The Central page's Imported cafés box: write a receipt for an imported café, so its facilitator knows it arrived
whole, or take a café back out of the desk (imported by mistake, or found to be wrong)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.core.exports import RECEIPT_SUFFIX
from cafe_desk.core.signers import codes_at_desk
from cafe_desk.services.central_cafes import CentralCafeService
from cafe_desk.services.receipts import ReceiptService
from cafe_desk.ui.widgets.fitted_text import ElidedCombo
from cafe_desk.ui.widgets.plain_text import shown, tip

RECEIPT_HINT = ("Send the facilitator a receipt once their café is imported: it shows their export arrived whole, so "
                "they can delete the café's points and comments from their laptop.")
NO_IMPORTED = "No imported cafés yet"
REMOVE_BUTTON = "Remove café"
KEEP_BUTTON = "Keep it"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the receipt combo's short code of each café


class ReceiptsBox(QGroupBox):
    """Choose an imported café, write its receipt or take it back out:
    `ReceiptsBox(services.receipts, services.central_cafes)`."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: str — a problem to show on the page ("" clears it)
    sig_problem = Signal(str)
    #: Changes — an imported café was removed
    sig_changed = Signal(object)

    def __init__(self, receipts: ReceiptService, central_cafes: CentralCafeService, parent: QWidget | None = None):
        super().__init__("Imported cafés", parent)
        self.receipts = receipts
        self.central_cafes = central_cafes
        self.show_box = self._ask  # what asks before removing: tests answer it as a person would
        self.receipt_combo = ElidedCombo()
        self.receipt_combo.setAccessibleName("Imported café to write a receipt for")
        self.receipt_combo.setPlaceholderText(NO_IMPORTED)
        # a long title never widens the page: the combo keeps a modest width, cuts the text at its end ("…") and
        # shows the whole of it as a tooltip
        self.receipt_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.receipt_combo.setMinimumContentsLength(12)
        receipt_label = QLabel("Ca&fé:")
        receipt_label.setBuddy(self.receipt_combo)
        self.receipt_button = QPushButton("&Write receipt…")
        self.receipt_button.setAccessibleName("Write receipt")
        self.receipt_button.clicked.connect(self._choose_receipt_file)
        self.remove_button = QPushButton("Remove from the &desk…")
        self.remove_button.setToolTip("Take the chosen café back out of the central desk: for a file imported by "
                                      "mistake, or one found to be wrong. Importing its file again brings it back.")
        self.remove_button.clicked.connect(lambda: self.remove_chosen())
        receipt_hint = QLabel(RECEIPT_HINT)
        receipt_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(receipt_hint)
        layout.addWidget(receipt_label)  # above the combo, which then has the box's whole width for a long title
        layout.addWidget(self.receipt_combo)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """List the imported cafés, the one imported last first (keeping the chosen one chosen)."""
        keep = self.receipt_combo.currentData()
        self.receipt_combo.clear()
        try:
            cafes = self.receipts.imported_cafes()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            cafes = []
        for cafe in cafes:
            text = f"{cafe.title} · {cafe.date} · {codes_at_desk(cafe.short_code, cafe.source_code)}"
            self.receipt_combo.addItem(shown(text), cafe.id)
            self.receipt_combo.setItemData(self.receipt_combo.count() - 1, cafe.short_code, CODE_ROLE)
            self.receipt_combo.setItemData(self.receipt_combo.count() - 1, tip(text), Qt.ItemDataRole.ToolTipRole)
        index = self.receipt_combo.findData(keep) if keep else -1
        self.receipt_combo.setCurrentIndex(index if index >= 0 else 0 if self.receipt_combo.count() else -1)
        for widget in (self.receipt_combo, self.receipt_button, self.remove_button):
            widget.setEnabled(self.receipt_combo.count() > 0)  # nothing to choose: no Tab stop on an empty box

    def choose_newest(self) -> None:
        """Choose the café imported last, ready for its receipt."""
        self.receipt_combo.setCurrentIndex(0)

    def write_receipt(self, path: str | Path) -> bool:
        """Write the receipt for the chosen imported café to `path`; False, with a plain message, if not."""
        cafe_id = self.receipt_combo.currentData()
        if not cafe_id:
            return self._say("Import a café file first; receipts are written for imported cafés.")
        try:
            receipt = self.receipts.write_receipt(cafe_id, path)
        except UserError as exc:
            return self._say(str(exc))
        self.sig_message.emit(f"Receipt for “{receipt.title}” saved to {Path(path).name}: send it to the café's "
                              "facilitator.")
        return self._say("")

    def remove_chosen(self) -> bool:
        """Ask, then take the chosen imported café out of the desk in one step; whether it was removed."""
        cafe_id = self.receipt_combo.currentData()
        if not cafe_id:
            return False
        try:
            removal = self.central_cafes.removal(cafe_id)
        except UserError as exc:
            return self._say(str(exc))
        question = (f"Remove {removal.what()} from the central desk?\n\nImporting its file again brings the café "
                    "back, but not these codings and shortlist entries. The codebook's themes stay.")
        if not self.show_box("Remove an imported café", question):
            return False
        try:
            removal, changes = self.central_cafes.remove(cafe_id)
        except UserError as exc:
            return self._say(str(exc))
        self.sig_changed.emit(changes)  # first: announcing a change clears the status bar's last word
        self.sig_message.emit(f"Removed “{removal.title}” ({removal.short_code}) from the central desk.")
        self._say("")
        return True

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        remove = box.addButton(REMOVE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(KEEP_BUTTON, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a title from a café file is never read as markup
        box.exec()
        return box.clickedButton() is remove

    def _say(self, message: str) -> bool:
        self.sig_problem.emit(message)
        return not message

    def _choose_receipt_file(self) -> None:
        name = str(self.receipt_combo.currentData(CODE_ROLE) or "cafe").lower()
        path, _ = QFileDialog.getSaveFileName(self, "Write a receipt for the facilitator",
                                              str(Path.home() / f"receipt-{name}{RECEIPT_SUFFIX}"),
                                              f"Café receipts (*{RECEIPT_SUFFIX})")
        if path:
            self.write_receipt(path if Path(path).suffix else path + RECEIPT_SUFFIX)
