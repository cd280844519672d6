"""The "Export for the central team" dialog: who can open the file, a review of every redaction, then the export.

The review is read off the GUI thread (a large café takes seconds): the dialog opens at once and fills in when it
arrives. Closing it (Close, Escape, the window's cross) with choices made since the last export asks first: they are
not kept anywhere else."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk import platforms
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.exports import ExportResult
from cafe_desk.core.redaction import PreviewItem
from cafe_desk.services import Services
from cafe_desk.ui.export.redaction_editor import RedactionEditor
from cafe_desk.ui.export.review_model import (
    COL_LEAVE_OUT,
    COL_TEXT,
    COL_WHERE,
    HTML_ROLE,
    HtmlDelegate,
    ReviewModel,
    where,
)
from cafe_desk.ui.shell.ops import Op, OpContext, run_op
from cafe_desk.ui.widgets.ask_first import ask_first
from cafe_desk.ui.widgets.plain_text import plain_labels

__all__ = ["COL_LEAVE_OUT", "COL_TEXT", "HTML_ROLE", "ExportDialog", "ReviewModel"]

SIGNING_NOTE = ("Every export is signed by this laptop's key, so the central team can tell your cafés come from you. "
                "Give them your key once: “Save my signing key…”.")
PROBLEM_COLOUR = "#8a1c1c"  # a message about something to fix
READING = "Reading the café's points and comments…"
NEXT_STEP = "Send this file to the central team (email, a USB stick or a shared folder): only their key opens it."


def ask_to_discard(parent: QWidget, changed: int) -> bool:
    """Whether to close the review and lose `changed` rows' choices (Keep reviewing is the default)."""
    rows = "1 item" if changed == 1 else f"{changed} items"
    return ask_first(parent, "Close the review?",
                     f"You changed what is removed or left out in {rows}. Those choices are only kept until this "
                     "window closes; export first if you want them in the file.",
                     "Close and lose them", "Keep reviewing", QMessageBox.ButtonRole.DestructiveRole)


class ExportDialog(QDialog):
    """Review a café's notes and comments, choose who can open the file, and write the encrypted `.cafe` bundle."""

    #: str — the path of a bundle that was written
    sig_exported = Signal(str)
    #: emitted once the review has been read and can be used
    sig_ready = Signal()

    def __init__(self, services: Services, cafe_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.cafe_id = services, cafe_id
        self.exporter = services.exporting
        self.op: Op | None = None
        self.preview_op: Op | None = None
        self.ready = False
        self.result: ExportResult | None = None
        self._kept_choices: dict[str, tuple] = {}  # the review's choices when read or last exported
        #: changed rows -> whether to close anyway (`ask_to_discard` unless replaced)
        self.confirm_discard = lambda changed: ask_to_discard(self, changed)
        cafe = services.cafes.cafe(cafe_id)
        self.setWindowTitle(f"Export “{cafe.title}” for the central team")
        self.setAccessibleName("Export for the central team")

        layout = QVBoxLayout(self)
        self._build_keys(layout)
        self._build_review(layout)
        self._build_footer(layout)
        self.model.sig_left_out_changed.connect(self._update_summary)
        self.model.sig_redactions_changed.connect(self._redactions_changed)
        self.editor.sig_message.connect(self._say)
        self.editor.sig_note.connect(self._note)
        self.view.installEventFilter(self)
        for keys, act in ((QKeySequence.StandardKey.Undo, self.undo), (QKeySequence.StandardKey.Redo, self.redo)):
            QShortcut(keys, self, act)
        self.keys.textChanged.connect(lambda: self._say(""))  # a message about the keys is stale once they change
        self._read_review()

    def undo(self) -> None:
        """Take back the last change to the review, and show the item it was made on."""
        self._show_change(self.model.undo_stack.canUndo(), self.model.undo_stack.undoText(),
                          self.model.undo_stack.undo, "Took back")

    def redo(self) -> None:
        """Make the last change taken back again, and show the item it is made on."""
        self._show_change(self.model.undo_stack.canRedo(), self.model.undo_stack.redoText(),
                          self.model.undo_stack.redo, "Made again")

    def _show_change(self, can: bool, what: str, act, done: str) -> None:
        if not can:
            self._note("There is nothing to take back." if done == "Took back" else "There is nothing to make again.")
            return
        act()
        row = self.model.last_changed_row
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, COL_TEXT))
            self.view.scrollTo(self.view.currentIndex())
            self._note(f"{done}: {what[:1].lower()}{what[1:]} in {where(self.model.item(row)).split(chr(10))[0]}.")

    def _build_keys(self, layout: QVBoxLayout) -> None:
        """Who can open the file: the central team's public keys, typed, pasted or read from their key file."""
        self.keys = QPlainTextEdit()
        self.keys.setAccessibleName("Central team's public keys")
        self.keys.setPlaceholderText("age1… (one key a line)")
        self.keys.setTabChangesFocus(True)
        self.keys.setMaximumHeight(70)
        self.keys.setPlainText("\n".join(self.exporter.last_recipients()))
        keys_label = QLabel("&Central team's public keys, one a line (only they can open the file):")
        keys_label.setBuddy(self.keys)
        keys_label.setWordWrap(True)
        self.open_key = QPushButton("Open &key file…")
        self.open_key.setAccessibleName("Open the central team's public key file")
        self.open_key.clicked.connect(self._choose_key_file)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.keys, 1)
        keys_row.addWidget(self.open_key, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(keys_label)
        layout.addLayout(keys_row)

    def _build_review(self, layout: QVBoxLayout) -> None:
        """Every item that would leave, with what is removed from it, and the editor for changing that."""
        self.model = ReviewModel([], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Items to export, with what will be removed")
        self.view.setItemDelegateForColumn(COL_TEXT, HtmlDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the editor and the buttons; arrows move in here
        light = self.view.palette()  # a pale selection, so struck-through words and placeholders stay readable
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            light.setColor(group, QPalette.ColorRole.Highlight, QColor("#cfe2f6"))
            light.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.view.setPalette(light)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_LEAVE_OUT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        review_label = QLabel("&Review: tick “Leave out” for anything that should not leave this laptop "
                              "(Space ticks the selected row). Hidden comments never leave.")
        review_label.setBuddy(self.view)
        review_label.setWordWrap(True)
        review_label.setWordWrap(True)
        layout.addWidget(review_label)
        layout.addWidget(self.view, 1)  # in the dialog before the editor is made: Tab reaches the table first
        self.editor = RedactionEditor(self.model, self.view, self)
        layout.addWidget(self.editor)

    def _build_footer(self, layout: QVBoxLayout) -> None:
        """The summary of what leaves, a line for messages, Export and Close."""
        self.summary = QLabel()
        self.summary.setAccessibleName("Summary of the export")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        plain_labels(self.message)
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.export_button = QPushButton("&Export…")
        self.export_button.setDefault(True)
        self.export_button.setAccessibleName("Export the encrypted file")
        self.export_button.clicked.connect(self.choose_and_export)
        self.summary_button = QPushButton("Café s&ummary…")
        self.summary_button.setAccessibleName("A PDF summary of the café, with the choices made in this review")
        self.summary_button.clicked.connect(self.open_summary)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        self.signing_note = QLabel(SIGNING_NOTE)
        self.signing_note.setAccessibleName("Signing")
        self.signing_note.setWordWrap(True)
        self.signing_button = QPushButton("Save my &signing key…")
        self.signing_button.setAccessibleName("Save this laptop's signing key for the central team")
        self.signing_button.setToolTip(SIGNING_NOTE)
        self.signing_button.clicked.connect(self._choose_signing_key_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.signing_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.summary_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addWidget(self.summary)
        layout.addWidget(self.signing_note)
        layout.addLayout(buttons)

    # --- recipients ------------------------------------------------------------------------------------------------

    def recipients(self) -> list[str]:
        """The public keys typed or pasted, one a line, each checked; a UserError naming the line that is wrong."""
        return self.exporter.recipients_in(self.keys.toPlainText())

    def load_key_file(self, path: str | Path) -> bool:
        """Add the public keys in a key file (lines starting with age1) to the list; a plain message if none."""
        try:
            found = self.exporter.public_keys_in_file(path)
        except UserError as exc:
            return self._say(str(exc))
        current = self.keys.toPlainText().split()
        self.keys.setPlainText("\n".join(current + [k for k in found if k not in current]))
        self._say("")
        return True

    def _choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open the central team's public key", "",
                                              "Public keys (*.pub *.txt *.key);;All files (*)")
        if path:
            self.load_key_file(path)

    def save_signing_key(self, path: str | Path) -> bool:
        """Write this laptop's public signing key file for the central team to `path` (making the key if this laptop
        has none yet); False, with a plain message, if it can't be written."""
        try:
            fingerprint = self.services.signing_key.save_public_key(path)
        except UserError as exc:
            return self._say(str(exc))
        except OSError:
            return self._say(f"{Path(path).name} could not be written, so the signing key was not saved.")
        self._say("")
        self.signing_note.setText(f"Signing key {fingerprint} saved to {Path(path).name}: give it to the central "
                                  "team once, so they know your cafés come from this laptop. They can check its "
                                  "fingerprint, a short code, with you by phone.")
        return True

    def signing_key_file_name(self) -> str:
        """The name offered for the signing key file: this laptop's own ("cafe-desk-signing-key-1a2b.txt")."""
        try:
            return f"cafe-desk-signing-key-{self.services.signing_key.fingerprint().split()[0]}.txt"
        except UserError:  # the key can't be read: saving will say why
            return "cafe-desk-signing-key.txt"

    def _choose_signing_key_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save this laptop's signing key for the central team",
                                              str(Path.home() / self.signing_key_file_name()), "Text files (*.txt)")
        if path:
            self.save_signing_key(path)

    # --- review ------------------------------------------------------------------------------------------------------

    def _read_review(self) -> None:
        """Read every item with its redactions off the GUI thread; until then the review and Export wait."""
        self._set_ready(False)
        self.summary.setText(READING)
        open_services, cafe_id = self.services.opener(), self.cafe_id

        def work(ctx: OpContext) -> list[PreviewItem]:
            with open_services() as services:
                items = services.exporting.preview(cafe_id)
            if ctx.cancelled():
                raise Cancelled("Cancelled; nothing was exported.")
            return items

        def failed(message: str) -> None:
            self.summary.setText("")
            self._say(message)

        self.preview_op = run_op(self, READING, work, self._review_read, failed, on_cancel=self._stop_reading)

    def _review_read(self, items: list[PreviewItem]) -> None:
        self.model.set_items(items)
        self._kept_choices = self.model.choices()
        self._set_ready(True)
        self._update_summary()
        self.view.resizeRowsToContents()
        if self.keys.toPlainText().strip() and self.model.rowCount():  # keys in: start in the list, where N and K work
            self.view.setCurrentIndex(self.model.index(0, COL_TEXT))
            self.view.setFocus()
        self.sig_ready.emit()

    def _stop_reading(self) -> None:
        """Cancel while the review was read: there is nothing to export, so the dialog closes."""
        if self.isVisible():
            self.reject()

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        for widget in (self.view, self.editor, self.export_button, self.summary_button):
            widget.setEnabled(ready)

    def changed_since_export(self) -> int:
        """How many rows' choices changed since the review was read or last exported."""
        if not self.ready:
            return 0
        now = self.model.choices()
        return sum(now[key] != self._kept_choices.get(key) for key in now)

    def reject(self) -> None:
        """Close, Escape and the window's cross: asked first when choices would be lost."""
        changed = self.changed_since_export()
        if changed and not self.confirm_discard(changed):
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closing while the review is still read stops it; the dialog is not filled in afterwards."""
        if self.preview_op is not None and not self.preview_op.done:
            self.preview_op.cancel()
        super().done(result)

    def eventFilter(self, watched, event) -> bool:
        """Space on a selected row ticks or unticks its "Leave out" box, whichever column has focus."""
        if watched is self.view and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            index = self.view.currentIndex()
            if index.isValid():
                box = self.model.index(index.row(), COL_LEAVE_OUT)
                ticked = box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                self.model.setData(box, Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked,
                                   Qt.ItemDataRole.CheckStateRole)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        """Rows are sized to their wrapped text once the columns have their real widths."""
        super().showEvent(event)
        QTimer.singleShot(0, self.view.resizeRowsToContents)

    def _update_summary(self) -> None:
        if self.ready:
            self.summary.setText(self.model.summary())

    def _redactions_changed(self, row: int) -> None:
        self.view.resizeRowToContents(row)
        self._update_summary()

    # --- export ------------------------------------------------------------------------------------------------------

    def choose_and_export(self) -> None:
        """Ask where to save the file, then export to it."""
        try:
            self.recipients()
        except UserError as exc:
            self._say(str(exc))
            return
        cafe = self.services.cafes.cafe(self.cafe_id)
        name = platforms.file_stem(f"{cafe.date} café {cafe.short_code}", "cafe")  # nothing typed: it leaves the laptop
        path, _ = QFileDialog.getSaveFileName(self, "Save the export", str(Path.home() / f"{name}.cafe"),
                                              "Café exports (*.cafe)")
        if path:
            self.export_to(path if Path(path).suffix else path + ".cafe")

    def export_to(self, path: str | Path) -> Op | None:
        """Export to `path` off the GUI thread; the running Op, or None (with a message) if it can't start."""
        if not self.ready or (self.op is not None and not self.op.done):
            return None
        try:
            recipients = self.recipients()
        except UserError as exc:
            self._say(str(exc))
            return None
        self._say("")
        self.result = None
        open_services, cafe_id = self.services.opener(), self.cafe_id
        leave_out, include_flagged = self.model.leave_out(), self.model.include_flagged()
        overrides, target = self.model.overrides(), str(path)
        exported_choices = self.model.choices()
        unchecked = sum(len(r.item.to_check) for r in self.model.rows if not r.leave_out)

        def work(ctx):
            with open_services() as services:
                return services.exporting.export_to_file(cafe_id, recipients, target, leave_out=leave_out,
                                                         include_flagged=include_flagged, overrides=overrides,
                                                         cancelled=ctx.cancelled, progress=ctx.progress)

        def done(result: ExportResult) -> None:
            self.result = result
            self._kept_choices = exported_choices
            self.export_button.setEnabled(True)
            with contextlib.suppress(UserError):  # the export worked; remembering the keys is only a convenience
                self.exporter.remember_recipients(recipients)
            not_checked = (f"\n{unchecked} possible name{'s' if unchecked != 1 else ''} you did not check "
                           f"{'were' if unchecked != 1 else 'was'} removed, as the review showed." if unchecked else "")
            # where the file is, first and on a line of its own; then what to do with it; then what it holds
            self.summary.setText(f"Saved to {target}{self._signed_by()}\n{NEXT_STEP}\n{result.summary()}{not_checked}")
            self.sig_exported.emit(target)

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self._say(message)

        self.export_button.setEnabled(False)
        self.op = run_op(self, "Exporting…", work, done, failed)
        return self.op

    def open_summary(self):
        """Open the café summary dialog with this review's choices, so the summary says what the export would."""
        from cafe_desk.ui.reports.cafe_summary_dialog import CafeSummaryDialog

        dialog = CafeSummaryDialog(self.services, self.cafe_id, self, leave_out=self.model.leave_out(),
                                   include_flagged=self.model.include_flagged(), overrides=self.model.overrides(),
                                   from_review=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _signed_by(self) -> str:
        """" — signed by this laptop's key (1a2b 3c4d 5e6f 7a8b)", after an export."""
        try:
            return f" — signed by this laptop's key ({self.services.signing_key.fingerprint()})"
        except UserError:
            return ""

    def _say(self, message: str) -> bool:
        """Show a problem (in red), or clear the line with ""."""
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.message.setText(message)
        return not message

    def _note(self, message: str) -> None:
        """Show what a change just did, in the text's own colour: not a problem."""
        self.message.setStyleSheet("")
        self.message.setText(message)
