"""The Central page: the central team's key pair (created, kept, handed out) and importing `.cafe` files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
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
from cafe_desk.services import Services
from cafe_desk.ui.ops import Op, run_op
from cafe_desk.ui.panel import Panel
from cafe_desk.ui.qr_view import QrView

BUNDLE_SUFFIX = ".cafe"
KEEP_SAFE = ("Keep the key file safe: anyone with it can open the cafés sent to you. "
             "Give facilitators only the public key (age1…).")
NO_KEY = "Choose the key file first: “Create a key pair…” or “Use an existing key file…”, then import."
NO_PUBLIC = "No key chosen yet"


def cafe_files(urls) -> list[str]:
    """The local `.cafe` files among dropped URLs (anything else is left out)."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(BUNDLE_SUFFIX)]


class CentralPanel(Panel):
    """The central team's desk: create or choose the key pair, hand out the public key, import café files."""

    title = "Central"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.keys = CentralKeys(services.store)
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
        columns = QHBoxLayout()
        columns.addWidget(keys_box, 1)
        columns.addWidget(import_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self._show_key(self.attempt(self.keys.key_path))

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

    def _say(self, message: str) -> bool:
        self.message.setText(message)
        return not message

    def busy(self) -> bool:
        """Whether an import is running."""
        return self.op is not None and not self.op.done
