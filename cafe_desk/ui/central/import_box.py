"""The Central page's Import box: import `.cafe` files off the GUI thread, with progress and Cancel, and list what
was imported and what was refused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.services import Services
from cafe_desk.ui.shell.ops import Op, run_op

if TYPE_CHECKING:
    from cafe_desk.services.importing import ImportRun  # loads encryption: only when importing

BUNDLE_SUFFIX = ".cafe"
NO_KEY = "Choose the key file first: “Create a key pair…” or “Use an existing key file…”, then import."


def cafe_files(urls) -> list[str]:
    """The local `.cafe` files among dropped URLs (anything else is left out)."""
    return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(BUNDLE_SUFFIX)]


class ImportBox(QGroupBox):
    """Import café files with the key file chosen in the Keys box: `ImportBox(services)`."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: str — a problem to show on the page ("" clears it)
    sig_problem = Signal(str)
    #: ImportRun — an import finished (all files, or stopped part way)
    sig_imported = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Import", parent)
        self.services = services
        self.op: Op | None = None
        self.last_run: ImportRun | None = None
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(drop_hint)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.closing)

    @property
    def busy(self) -> bool:
        """Whether an import is running."""
        return self.op is not None and not self.op.done

    def import_paths(self, paths: list[str | Path]) -> Op | None:
        """Import these files off the GUI thread, with progress and Cancel; the running Op, or None (with a plain
        message) if it can't start."""
        if self.busy:
            self._say("An import is already running; wait for it to finish.")
            return None
        if not paths:
            return None
        try:
            key_path = self.services.central_keys.key_path()
        except UserError as exc:
            self.sig_message.emit(str(exc))
            key_path = None
        if not key_path:
            self._say(NO_KEY)
            return None
        self._say("")
        open_services, files = self.services.opener(), [str(p) for p in paths]

        def work(ctx):
            with open_services() as services:
                return services.importing.import_files(files, key_path, ctx.progress, ctx.cancelled)

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
        self.sig_imported.emit(run)

    def _failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self._say(message)

    def _say(self, message: str) -> bool:
        self.sig_problem.emit(message)
        return not message

    def _choose_bundles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import café files", "", "Café files (*.cafe);;All files (*)")
        if paths:
            self.import_paths(paths)
