"""The Central page's Signers box: which facilitator's key signed each imported café, the keys the central desk
knows (added from the file a facilitator saves, after showing its fingerprint), revoking one, so files it signs are
refused from then on, and taking a revoke back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.core.signers import REVOKED, Signer
from cafe_desk.services.signers import SignerService
from cafe_desk.ui.central.import_box import ask
from cafe_desk.ui.widgets.line_list import add_line, fit_lines

SIGNERS_HINT = ("Each café file is signed by its facilitator's laptop. A café stays with the key that signed it first "
                "unless you take a file from a new key for it. Add facilitators' keys to see their names; a key's "
                "fingerprint is a short code to compare with them by phone. Revoke a key that was lost (a revoke can "
                "be taken back).")
KEY_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


def name_prompt(signer: Signer) -> str:
    """What "Whose key is this?" asks, with the file's fingerprint to compare with the one the facilitator reads."""
    known = f" It is on the list as “{signer.name}”." if signer.name else ""
    return (f"Fingerprint: {signer.fingerprint}\n"
            f"Check it with the facilitator by phone: their export dialog shows it when they save their key.{known}\n\n"
            "A name to show for this key (for example the facilitator and their area):")


class SignersBox(QGroupBox):
    """Imported cafés with their signers, and the list of facilitators' keys: `SignersBox(services.signers)`.
    `confirm(title, text, warning, yes)` asks before revoking."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: str — a problem to show on the page ("" clears it)
    sig_problem = Signal(str)

    def __init__(self, signers: SignerService, parent: QWidget | None = None,
                 confirm: Callable[..., bool] | None = None):
        super().__init__("Signers", parent)
        self.signers = signers
        self.confirm = confirm or (lambda title, text, warning=False, yes="Yes": ask(self, title, text, warning, yes))
        hint = QLabel(SIGNERS_HINT)
        hint.setWordWrap(True)
        self.cafes_list = QListWidget()
        self.cafes_list.setAccessibleName("Imported cafés and who signed them")
        fit_lines(self.cafes_list, rows=3, wrap=True)  # a long title and its signer both show, whole
        cafes_label = QLabel("I&mported cafés and who signed them:")
        cafes_label.setBuddy(self.cafes_list)
        self.keys_list = QListWidget()
        self.keys_list.setAccessibleName("Facilitators' signing keys")
        fit_lines(self.keys_list, rows=2, wrap=True)
        for view in (self.cafes_list, self.keys_list):  # they share the room the box has, not a list's default height
            policy = view.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
            view.setSizePolicy(policy)
        keys_label = QLabel("Facilitators' signing &keys:")
        keys_label.setBuddy(self.keys_list)
        self.add_button = QPushButton("&Add a facilitator's key…")
        self.add_button.setAccessibleName("Add a facilitator's key file")
        self.add_button.clicked.connect(self._choose_key_file)
        self.revoke_button = QPushButton("&Revoke key")
        self.revoke_button.setAccessibleName("Revoke the chosen key")
        self.revoke_button.clicked.connect(self._revoke_chosen)
        self.unrevoke_button = QPushButton("Take &back the revoke")
        self.unrevoke_button.setAccessibleName("Take back the revoke of the chosen key")
        self.unrevoke_button.setToolTip("Files the key signs come in again; it keeps its name.")
        self.unrevoke_button.clicked.connect(self._unrevoke_chosen)
        self.keys_list.currentItemChanged.connect(lambda *_: self._enable())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.unrevoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(cafes_label)
        layout.addWidget(self.cafes_list, 3)
        layout.addWidget(keys_label)
        layout.addWidget(self.keys_list, 1)
        layout.addLayout(buttons)
        self._enable()

    def refresh(self) -> None:
        """List the imported cafés with their signers, and every key known, revoked or seen on a café."""
        try:
            cafes, keys = self.signers.cafes(), self.signers.signers()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            cafes, keys = [], []
        chosen = self.chosen_key()
        self.cafes_list.clear()
        for cafe in cafes:
            add_line(self.cafes_list, f"{cafe.title} · {cafe.date} · {cafe.codes()} — {cafe.label()}")
        self.keys_list.clear()
        for signer in keys:
            cafes_text = f" — {len(signer.cafes)} café{'s' if len(signer.cafes) != 1 else ''}" if signer.cafes else ""
            item = add_line(self.keys_list, signer.label() + cafes_text)
            item.setData(KEY_ROLE, signer.public_key)
            item.setData(STATE_ROLE, signer.state)
            if signer.public_key == chosen:
                self.keys_list.setCurrentItem(item)
        self._enable()

    def chosen_key(self) -> str | None:
        """The public key chosen in the keys list, if any."""
        item = self.keys_list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def add_key_file(self, path: str | Path, name: str = "") -> bool:
        """Put the key in a facilitator's public key file on the list with `name`; False, with a message, if not."""
        try:
            signer = self.signers.add_file(path, name)
        except UserError as exc:
            return self._say(str(exc))
        self.refresh()
        self.sig_message.emit(f"Added {signer.key_name()}.")
        return self._say("")

    def revoke(self, public_key: str) -> bool:
        """Revoke a key once the person confirms: files it signs are refused from now on. False if not revoked."""
        try:
            signer = self.signers.signer(public_key)
            if not self.confirm("Revoke key", f"Revoke {signer.key_name()}? Files it signs will be refused from now "
                                "on; the cafés it signed stay. You can take the revoke back later.",
                                warning=True, yes="Revoke key"):
                return False
            signer = self.signers.revoke(public_key)
        except UserError as exc:
            return self._say(str(exc))
        self.refresh()
        self.sig_message.emit(f"Revoked {signer.key_name()}: files it signs are refused from now on.")
        return self._say("")

    def unrevoke(self, public_key: str) -> bool:
        """Take back a key's revoke: files it signs come in again, and it keeps its name. False, with a message, if
        not."""
        try:
            signer = self.signers.unrevoke(public_key)
        except UserError as exc:
            return self._say(str(exc))
        self.refresh()
        self.sig_message.emit(f"Took back the revoke of {signer.key_name()}: files it signs come in again.")
        return self._say("")

    def _enable(self) -> None:
        item = self.keys_list.currentItem()
        revoked = item is not None and item.data(STATE_ROLE) == REVOKED
        self.revoke_button.setEnabled(item is not None and not revoked)
        self.unrevoke_button.setEnabled(revoked)

    def _say(self, message: str) -> bool:
        self.sig_problem.emit(message)
        return not message

    def _revoke_chosen(self) -> None:
        key = self.chosen_key()
        if key:
            self.revoke(key)

    def _unrevoke_chosen(self) -> None:
        key = self.chosen_key()
        if key:
            self.unrevoke(key)

    def _choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Add a facilitator's signing key", "",
                                              "Signing keys (*.txt);;All files (*)")
        if not path:
            return
        try:  # the file is read first, so its fingerprint can be compared before anyone names it
            signer = self.signers.read_file(path)
        except UserError as exc:
            self._say(str(exc))
            return
        name, ok = QInputDialog.getText(self, "Whose key is this?", name_prompt(signer), text=signer.name)
        if ok:
            self.add_key_file(path, name)
