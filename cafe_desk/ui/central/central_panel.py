"""The Central page: the central team's key pair (keys box), facilitators' signing keys and who signed each café
(signers box), importing `.cafe` files (import box), and writing receipts that tell facilitators their café arrived
whole (receipts box)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.services import Services
from cafe_desk.ui.central.import_box import ImportBox, cafe_files
from cafe_desk.ui.central.keys_box import KeysBox
from cafe_desk.ui.central.receipts_box import ReceiptsBox
from cafe_desk.ui.central.signers_box import SignersBox
from cafe_desk.ui.shell.ops import Op
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.plain_text import plain_labels, shown
from cafe_desk.ui.widgets.samples_bar import SamplesBar

if TYPE_CHECKING:
    from cafe_desk.services.importing import ImportRun  # loads encryption: only when importing

COLUMN_MIN_WIDTH = 320
KEEP_SAFE = ("Keep the key file safe: anyone with it can open the cafés sent to you. "
             "Give facilitators only the public key (age1…).")


def not_cafe_files(paths: list[str]) -> str:
    """What is said of dropped files that are not café files."""
    names = ", ".join(Path(p).name for p in paths[:3]) + (f" and {len(paths) - 3:,} more" if len(paths) > 3 else "")
    left = "was left as it is" if len(paths) == 1 else "were left as they are"
    return (f"Only café files (.cafe) are imported, so {names} {left}. A café file that came as a .zip (as some "
            "email sends them) needs unzipping first.")


class CentralPanel(Panel):
    """The central team's desk: create or choose the key pair, hand out the public key, import café files."""

    title = "Central"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.setAcceptDrops(True)
        self.warning = QLabel(f"<b>{KEEP_SAFE}</b>")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Keep the key file safe")
        self.keys_box = KeysBox(services.central_keys)
        self.import_box = ImportBox(services)
        self.receipts_box = ReceiptsBox(services.receipts, services.central_cafes)
        self.signers_box = SignersBox(services.signers)
        self.samples_bar = SamplesBar(services)
        self.samples_bar.sig_message.connect(self.sig_message)
        self.samples_bar.sig_changed.connect(self._samples_changed)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a1c1c;")
        plain_labels(self.message)  # a message may quote a title from a bundle
        for box in (self.keys_box, self.import_box, self.receipts_box, self.signers_box):
            box.sig_message.connect(self.sig_message)
            box.sig_problem.connect(lambda text: self.message.setText(shown(text)))
        self.import_box.sig_imported.connect(self._imported)
        self.receipts_box.sig_changed.connect(self._samples_changed)
        self.keys_box.sig_key_ready.connect(self.import_box.set_key_ready)
        self._lay_out()
        self.keys_box.load()
        self.receipts_box.refresh()
        self.signers_box.refresh()

    def _lay_out(self) -> None:
        # Two columns of fixed shares: what a box holds (a long import line, a long title) never moves the columns.
        left, right = QWidget(), QWidget()
        left_layout, right_layout = QVBoxLayout(left), QVBoxLayout(right)
        for layout in (left_layout, right_layout):
            layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.keys_box, 1)
        left_layout.addWidget(self.receipts_box)
        right_layout.addWidget(self.import_box, 2)
        right_layout.addWidget(self.signers_box, 3)
        columns = QHBoxLayout()
        for column, share in ((left, 2), (right, 3)):
            column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            column.setMinimumWidth(COLUMN_MIN_WIDTH)
            columns.addWidget(column, share)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.samples_bar)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.keys_box.look_again()  # a key file on a USB stick that was out may be back

    def on_changes(self, changes: Changes) -> None:
        if changes.cafes:
            self.receipts_box.refresh()
            self.signers_box.refresh()
            self.samples_bar.refresh()

    def _samples_changed(self, changes: Changes) -> None:  # and an imported café removed
        self.on_changes(changes)
        self.announce(changes)

    # --- what the page does (each box does the work) -------------------------------------------------------------

    def create_key_pair(self, path: str | Path) -> bool:
        """Write a new key file at `path` and use it for imports; False, with a plain message, if not."""
        return self.keys_box.create_key_pair(path)

    def use_key_file(self, path: str | Path) -> bool:
        """Use an existing key file for imports; False, with a plain message, if it is not a key file."""
        return self.keys_box.use_key_file(path)

    def save_public_key(self, path: str | Path) -> bool:
        """Write the public key for facilitators to a text file; False, with a plain message, if not."""
        return self.keys_box.save_public_key(path)

    def import_paths(self, paths: list[str | Path]) -> Op | None:
        """Import these files off the GUI thread, with progress and Cancel; the running Op, or None."""
        return self.import_box.import_paths(paths)

    def write_receipt(self, path: str | Path) -> bool:
        """Write the receipt for the chosen imported café to `path`; False, with a plain message, if not."""
        return self.receipts_box.write_receipt(path)

    def refresh_receipts(self) -> None:
        """List the imported cafés a receipt can be written for."""
        self.receipts_box.refresh()

    def busy(self) -> bool:
        """Whether an import is running."""
        return self.import_box.busy

    def _imported(self, run: ImportRun) -> None:
        if run.imported:
            self.receipts_box.refresh()
            self.signers_box.refresh()
            self.receipts_box.choose_newest()
            self.samples_bar.refresh()
            self.announce(Changes(cafes=True))

    # --- dropping files anywhere on the page ------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        """Accept a drag of local files (what isn't a .cafe file is named on the drop, not silently refused)."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        """Import the local .cafe files dropped here, and say what was left out: only .cafe files are imported."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = cafe_files(urls)
        others = [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile() not in paths]
        if not paths and not others:
            event.ignore()
            return
        event.acceptProposedAction()
        if paths:
            self.import_paths(paths)
        if others:
            self.sig_message.emit(not_cafe_files(others))
