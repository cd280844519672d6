"""The Central page: the central team's key pair (created, kept, handed out), importing `.cafe` files, and writing
receipts that tell facilitators their café arrived whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.central.desk import CentralKeys, ImportRun, import_files, public_key_file_text
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError
from cafe_desk.export.keys import BadKey, read_identity, write_identity
from cafe_desk.export.receipt import SUFFIX as RECEIPT_SUFFIX
from cafe_desk.services import Services
from cafe_desk.services.receipts import ReceiptService
from cafe_desk.ui.shell.ops import Op, run_op
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.qr_view import QrView

BUNDLE_SUFFIX = ".cafe"
KEEP_SAFE = ("Keep the key file safe: anyone with it can open the cafés sent to you. "
             "Give facilitators only the public key (age1…).")
NO_KEY = "Choose the key file first: “Create a key pair…” or “Use an existing key file…”, then import."
NO_PUBLIC = "No key chosen yet"
RECEIPT_HINT = ("Send the facilitator a receipt once their café is imported: it shows their export arrived whole, so "
                "they can delete the café's notes from their laptop.")
NO_IMPORTED = "No imported cafés yet"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the receipt combo's short code of each café


def cafe_files(urls) -> list[str]:
    """The local `.cafe` files among dropped URLs (anything else is left out)."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(BUNDLE_SUFFIX)]


class CentralPanel(Panel):
    """The central team's desk: create or choose the key pair, hand out the public key, import café files."""

    title = "Central"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.keys = CentralKeys(services.store)
        self.receipts = ReceiptService(services.store)
        self.public_key = ""
        self.op: Op | None = None
        self.last_run: ImportRun | None = None
        self.setAcceptDrops(True)

        self.warning = QLabel(f"<b>{KEEP_SAFE}</b>")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Keep the key file safe")

        self.create_button = QPushButton("&Create a key pair…")
        self.create_button.setAccessibleName("Create a key pair")
        self.create_button.clicked.connect(self._choose_new_key_file)
        self.use_button = QPushButton("&Use an existing key file…")
        self.use_button.setAccessibleName("Use an existing key file")
        self.use_button.clicked.connect(self._choose_existing_key_file)
        self.key_file = QLabel()
        self.key_file.setAccessibleName("Key file used for imports")
        self.key_file.setWordWrap(True)
        self.key_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.public_edit = QLineEdit()
        self.public_edit.setReadOnly(True)
        self.public_edit.setAccessibleName("Public key")
        self.public_edit.setPlaceholderText(NO_PUBLIC)
        public_label = QLabel("&Public key (give this to facilitators):")
        public_label.setBuddy(self.public_edit)
        self.copy_button = QPushButton("C&opy")
        self.copy_button.setAccessibleName("Copy the public key")
        self.copy_button.clicked.connect(self.copy_public_key)
        self.save_public_button = QPushButton("&Save public key as a file…")
        self.save_public_button.setAccessibleName("Save the public key as a file")
        self.save_public_button.clicked.connect(self._choose_public_key_file)
        self.qr = QrView("Public key", side=220)

        self.import_button = QPushButton("&Import café files…")
        self.import_button.setAccessibleName("Import café files")
        self.import_button.clicked.connect(self._choose_bundles)
        drop_hint = QLabel("Or drop .cafe files anywhere on this page. Each file is checked whole before anything "
                           "is written; a file already imported changes nothing.")
        drop_hint.setWordWrap(True)
        self.summary = QListWidget()
        self.summary.setAccessibleName("What was imported and what was refused")
        summary_label = QLabel("&Last import:")
        summary_label.setBuddy(self.summary)
        self.closing = QLabel()
        self.closing.setAccessibleName("Import summary")
        self.closing.setWordWrap(True)
        self.receipt_combo = QComboBox()
        self.receipt_combo.setAccessibleName("Imported café to write a receipt for")
        self.receipt_combo.setPlaceholderText(NO_IMPORTED)
        receipt_label = QLabel("Receipt &for:")
        receipt_label.setBuddy(self.receipt_combo)
        self.receipt_button = QPushButton("&Write receipt…")
        self.receipt_button.setAccessibleName("Write receipt")
        self.receipt_button.clicked.connect(self._choose_receipt_file)
        receipt_hint = QLabel(RECEIPT_HINT)
        receipt_hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a1c1c;")

        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.create_button)
        key_buttons.addWidget(self.use_button)
        key_buttons.addStretch(1)
        public_row = QHBoxLayout()
        public_row.addWidget(self.public_edit, 1)
        public_row.addWidget(self.copy_button)
        keys_box = QGroupBox("Keys")
        keys_layout = QVBoxLayout(keys_box)
        keys_layout.addLayout(key_buttons)
        keys_layout.addWidget(self.key_file)
        keys_layout.addWidget(public_label)
        keys_layout.addLayout(public_row)
        keys_layout.addWidget(self.save_public_button, 0, Qt.AlignmentFlag.AlignLeft)
        keys_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        keys_layout.addStretch(1)
        import_box = QGroupBox("Import")
        import_layout = QVBoxLayout(import_box)
        import_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        import_layout.addWidget(drop_hint)
        import_layout.addWidget(summary_label)
        import_layout.addWidget(self.summary, 1)
        import_layout.addWidget(self.closing)
        receipt_row = QHBoxLayout()
        receipt_row.addWidget(receipt_label)
        receipt_row.addWidget(self.receipt_combo, 1)
        receipt_row.addWidget(self.receipt_button)
        receipts_box = QGroupBox("Receipts")
        receipts_layout = QVBoxLayout(receipts_box)
        receipts_layout.addWidget(receipt_hint)
        receipts_layout.addLayout(receipt_row)
        right = QVBoxLayout()
        right.addWidget(import_box, 1)
        right.addWidget(receipts_box)
        columns = QHBoxLayout()
        columns.addWidget(keys_box, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self._show_key(self.attempt(self.keys.key_path))
        self.refresh_receipts()

    def on_changes(self, changes: Changes) -> None:
        if changes.cafes:
            self.refresh_receipts()

    # --- keys --------------------------------------------------------------------------------------------------------

    def create_key_pair(self, path: str | Path) -> bool:
        """Write a new key file at `path` (readable by this account only; never overwrites), use it for imports and
        show its public key. False, with a plain message, if it could not be written."""
        try:
            write_identity(path)
        except BadKey as exc:
            return self._say(str(exc))
        if not self._remember(path):
            return False
        self._show_key(str(path))
        self._say("")
        self.sig_message.emit(f"Key pair created. Keep {Path(path).name} safe; hand out only the public key.")
        return True

    def use_key_file(self, path: str | Path) -> bool:
        """Use an existing key file for imports (only its path is remembered). False, with a message, if it is not
        a key file."""
        try:
            read_identity(path)
        except BadKey as exc:
            return self._say(str(exc))
        if not self._remember(path):
            return False
        self._show_key(str(path))
        return self._say("")

    def copy_public_key(self) -> None:
        """Put the public key on the clipboard."""
        if not self.public_key:
            self._say("There is no public key to copy yet: create a key pair or choose a key file first.")
            return
        QGuiApplication.clipboard().setText(self.public_key)
        self.sig_message.emit("Public key copied.")

    def save_public_key(self, path: str | Path) -> bool:
        """Write the public key, with a sentence for the facilitator, to a text file. False, with a message, if not."""
        if not self.public_key:
            return self._say("There is no public key to save yet: create a key pair or choose a key file first.")
        try:
            Path(path).write_text(public_key_file_text(self.public_key), encoding="utf-8")
        except OSError:
            return self._say(f"{Path(path).name} could not be written, so the public key was not saved.")
        self.sig_message.emit(f"Public key saved to {Path(path).name}: give this file to facilitators.")
        return self._say("")

    def _remember(self, path: str | Path) -> bool:
        try:
            self.keys.remember_key_path(path)
        except UserError as exc:
            return self._say(str(exc))
        return True

    def _show_key(self, path: str | None) -> None:
        self.public_key = ""
        if path:
            self.key_file.setText(f"Key file used for imports: {path}")
            try:
                self.public_key = str(read_identity(path).to_public())
            except BadKey as exc:
                self._say(str(exc))
        else:
            self.key_file.setText("No key file chosen yet.")
        self.public_edit.setText(self.public_key)
        for button in (self.copy_button, self.save_public_button):
            button.setEnabled(bool(self.public_key))
        if self.public_key:
            self.qr.set_payload(self.public_key, "Facilitators can scan this to get the public key.")
        else:
            self.qr.clear("The public key's QR code appears here.")

    def _choose_new_key_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the new secret key file", str(Path.home() / "central.key"),
                                              "Key files (*.key);;All files (*)")
        if path:
            self.create_key_pair(path)

    def _choose_existing_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the central team's secret key file", "",
                                              "Key files (*.key *.txt);;All files (*)")
        if path:
            self.use_key_file(path)

    def _choose_public_key_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the public key for facilitators",
                                              str(Path.home() / "central-public-key.txt"), "Text files (*.txt)")
        if path:
            self.save_public_key(path)

    # --- import ------------------------------------------------------------------------------------------------------

    def import_paths(self, paths: list[str | Path]) -> Op | None:
        """Import these files off the GUI thread, with progress and Cancel; the running Op, or None (with a plain
        message) if it can't start."""
        if self.op is not None and not self.op.done:
            self._say("An import is already running; wait for it to finish.")
            return None
        if not paths:
            return None
        key_path = self.attempt(self.keys.key_path)
        if not key_path:
            self._say(NO_KEY)
            return None
        self._say("")
        db_path, files = self.services.store.path, [str(p) for p in paths]

        def work(ctx):
            return import_files(db_path, files, key_path, ctx.progress, ctx.cancelled)

        self.import_button.setEnabled(False)
        self.op = run_op(self, "Importing café files…", work, self._imported, self._failed)
        bar = self.op.dialog.findChild(QProgressBar)
        if bar is not None:
            bar.setFormat("file %v of %m")
        return self.op

    def _imported(self, run: ImportRun) -> None:
        self.import_button.setEnabled(True)
        self.last_run = run
        self.summary.clear()
        self.summary.addItems(run.lines)
        self.closing.setText(run.closing_line())
        self.sig_message.emit(run.closing_line())
        if run.imported:
            self.refresh_receipts()
            self.receipt_combo.setCurrentIndex(0)  # the café imported last, ready for its receipt
            self.announce(Changes(cafes=True))

    def _failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self._say(message)

    def _choose_bundles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import café files", "", "Café files (*.cafe);;All files (*)")
        if paths:
            self.import_paths(paths)

    def dragEnterEvent(self, event) -> None:
        """Accept a drag only if it carries at least one local .cafe file."""
        if event.mimeData().hasUrls() and cafe_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        """Import the local .cafe files dropped here; anything else is ignored."""
        paths = cafe_files(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # --- receipts -----------------------------------------------------------------------------------------------------

    def refresh_receipts(self) -> None:
        """List the imported cafés, the one imported last first (keeping the chosen one chosen)."""
        keep = self.receipt_combo.currentData()
        self.receipt_combo.clear()
        for cafe in self.attempt(self.receipts.imported_cafes) or []:
            self.receipt_combo.addItem(f"{cafe.title} · {cafe.date} · {cafe.short_code}", cafe.id)
            self.receipt_combo.setItemData(self.receipt_combo.count() - 1, cafe.short_code, CODE_ROLE)
        index = self.receipt_combo.findData(keep) if keep else -1
        self.receipt_combo.setCurrentIndex(index if index >= 0 else 0 if self.receipt_combo.count() else -1)
        self.receipt_button.setEnabled(self.receipt_combo.count() > 0)

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

    def _choose_receipt_file(self) -> None:
        name = str(self.receipt_combo.currentData(CODE_ROLE) or "cafe").lower()
        path, _ = QFileDialog.getSaveFileName(self, "Write a receipt for the facilitator",
                                              str(Path.home() / f"receipt-{name}{RECEIPT_SUFFIX}"),
                                              f"Café receipts (*{RECEIPT_SUFFIX})")
        if path:
            self.write_receipt(path if Path(path).suffix else path + RECEIPT_SUFFIX)

    def _say(self, message: str) -> bool:
        self.message.setText(message)
        return not message

    def busy(self) -> bool:
        """Whether an import is running."""
        return self.op is not None and not self.op.done
