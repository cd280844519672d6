"""The Central page's Keys box: create or choose the central team's key file, and hand out its public key (as text,
on the clipboard, as a file, as a QR code)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cafe_desk.core.errors import UserError
from cafe_desk.services.central_keys import CentralKeys
from cafe_desk.ui.central.key_qr import KeyQr
from cafe_desk.ui.widgets.plain_text import plain_labels

NO_PUBLIC = "No key chosen yet"


#: the key file chosen earlier is not there now: most often a USB stick or drive that is out
MISSING_KEY = ("Café Desk can't find the key file {path} now. If it is on a USB stick or another drive, plug it in "
               "and come back to this page; or choose where it is now with “Use an existing key file…”. Don't "
               "create a new key pair for this: cafés sent to the old key open only with the old key file.")


def free_key_name(folder: Path) -> Path:
    """central.key in `folder`, or central-2.key, central-3.key… when that is taken."""
    path, number = folder / "central.key", 1
    while path.exists():
        number += 1
        path = folder / f"central-{number}.key"
    return path


class KeysBox(QGroupBox):
    """Create or choose the key file imports use and show its public key: `KeysBox(services.central_keys)`."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: str — a problem to show on the page ("" clears it)
    sig_problem = Signal(str)
    #: bool — whether a usable key file is chosen for imports (sent each time the key shown changes)
    sig_key_ready = Signal(bool)

    def __init__(self, keys: CentralKeys, parent: QWidget | None = None):
        super().__init__("Keys", parent)
        self.keys = keys
        self.public_key = ""
        self.create_button = QPushButton("Crea&te a key pair…")
        self.create_button.setAccessibleName("Create a key pair")
        self.create_button.clicked.connect(self._choose_new_key_file)
        self.use_button = QPushButton("&Use an existing key file…")
        self.use_button.setAccessibleName("Use an existing key file")
        self.use_button.clicked.connect(self._choose_existing_key_file)
        self.key_file = QLabel()
        plain_labels(self.key_file)
        self.key_file.setAccessibleName("Key file used for imports")
        self.key_file.setWordWrap(True)
        self.key_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.found_path = ""  # a key file found in the data folder, offered while none is chosen
        self.found_label = QLabel()
        plain_labels(self.found_label)
        self.found_label.setAccessibleName("Key file found in the data folder")
        self.found_label.setWordWrap(True)
        self.found_button = QPushButton("Use t&his key file")
        self.found_button.setAccessibleName("Use the key file found in the data folder")
        self.found_button.clicked.connect(lambda: self.use_key_file(self.found_path))
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
        self.qr = KeyQr()
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAccessibleName("About the QR code")

        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.create_button)
        key_buttons.addWidget(self.use_button)
        key_buttons.addStretch(1)
        public_row = QHBoxLayout()
        public_row.addWidget(self.public_edit, 1)
        public_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(key_buttons)
        layout.addWidget(self.key_file)
        layout.addWidget(self.found_label)
        layout.addWidget(self.found_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(public_label)
        layout.addLayout(public_row)
        layout.addLayout(self._code_row(), 1)

    def _code_row(self) -> QHBoxLayout:
        """The save button and the code's caption beside the code: side by side they fit a laptop's screen, and
        the caption can never lie over the code."""
        beside = QVBoxLayout()
        beside.addWidget(self.save_public_button, 0, Qt.AlignmentFlag.AlignLeft)
        beside.addWidget(self.qr_caption)
        beside.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(beside, 1)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def look_again(self) -> None:
        """If the key file chosen earlier could not be read, look for it again (a USB stick plugged back in)."""
        if not self.public_key:
            self.load()
            if self.public_key:
                self._say("")

    def load(self) -> None:
        """Show the key file chosen earlier (call once the signals are connected)."""
        try:
            path = self.keys.key_path()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            path = None
        self.show_key(path)

    def create_key_pair(self, path: str | Path) -> bool:
        """Write a new key file at `path` (readable by this account only; never overwrites), use it for imports and
        show its public key. False, with a plain message, if it could not be written."""
        try:
            self.keys.create_key_file(path)
        except UserError as exc:
            return self._say(str(exc))
        if not self._remember(path):
            return False
        self.show_key(str(path))
        self._say("")
        self.sig_message.emit(f"Key pair created. Keep {Path(path).name} safe; hand out only the public key.")
        return True

    def use_key_file(self, path: str | Path) -> bool:
        """Use an existing key file for imports (only its path is remembered). False, with a message, if it is not
        a key file."""
        try:
            self.keys.public_key(path)
        except UserError as exc:
            return self._say(str(exc))
        if not self._remember(path):
            return False
        self.show_key(str(path))
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
            self.keys.save_public_key(self.public_key, path)
        except OSError:
            return self._say(f"{Path(path).name} could not be written, so the public key was not saved.")
        self.sig_message.emit(f"Public key saved to {Path(path).name}: give this file to facilitators.")
        return self._say("")

    def show_key(self, path: str | None) -> None:
        """Show the key file at `path` and its public key (or that none is chosen yet)."""
        self.public_key = ""
        if path:
            self.key_file.setText(f"Key file used for imports: {path}")
            try:
                self.public_key = self.keys.public_key(path)
            except UserError as exc:
                self._say(MISSING_KEY.format(path=path) if not Path(path).exists() else str(exc))
        else:
            self.key_file.setText("No key file chosen yet.")
        self._offer_found_key(path)
        self.public_edit.setText(self.public_key)
        self.public_edit.setCursorPosition(0)  # its start ("age1…") shows, however narrow the box
        self.public_edit.setToolTip(self.public_key)
        for button in (self.copy_button, self.save_public_button):
            button.setEnabled(bool(self.public_key))
        if self.public_key:
            self.qr.set_payload(self.public_key)
            self.qr_caption.setText("Facilitators can scan this code to get the public key.")
        else:
            self.qr.clear()
            self.qr_caption.setText("The public key's QR code appears here.")
        self.sig_key_ready.emit(bool(self.public_key))

    def _offer_found_key(self, chosen: str | None) -> None:
        """While no usable key file is chosen, offer a central.key found in the data folder (e.g. made with
        keygen)."""
        self.found_path = ""
        if not self.public_key:
            try:
                self.found_path = self.keys.key_file_in_data_folder() or ""
            except OSError:
                self.found_path = ""
            if chosen and self.found_path and Path(self.found_path) == Path(chosen):
                self.found_path = ""
        self.found_label.setText(f"There is a key file in the data folder: {self.found_path}" if self.found_path
                                 else "")
        self.found_label.setVisible(bool(self.found_path))
        self.found_button.setVisible(bool(self.found_path))

    def _remember(self, path: str | Path) -> bool:
        try:
            self.keys.remember_key_path(path)
        except UserError as exc:
            return self._say(str(exc))
        return True

    def _say(self, message: str) -> bool:
        self.sig_problem.emit(message)
        return not message

    def _choose_new_key_file(self) -> None:
        # a key file is never replaced: offer a name that is free, so the dialog never promises to replace one
        path, _ = QFileDialog.getSaveFileName(self, "Save the new secret key file", str(free_key_name(Path.home())),
                                              "Key files (*.key);;All files (*)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
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
