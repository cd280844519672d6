"""`CafeSummaryDialog` (Café → Café summary…, or from the export review): which version of the café summary to
make, where to save it, and the making itself, off the GUI thread with progress and Cancel. The anonymised version
is the default; the full one says plainly that it holds personal data. Opened from the export review, it follows the
choices made there, so the summary says what the export would."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk import platforms
from cafe_desk.core.redaction import Overrides
from cafe_desk.services import Services
from cafe_desk.ui.shell.ops import Op, run_op
from cafe_desk.ui.widgets.alert_label import AlertLabel

INTRO = ("A PDF of the café: its details, who came, the questions, the notes of each table, what each table carried "
         "forward, the votes and the comments.")
ANONYMISED = "&Anonymised, as in the export (for sharing)"
FULL = "&Full version (personal data)"
FULL_WARNING = ("The full version keeps names, contact details and everything else people wrote. Every page says "
                "“Contains personal data — not for sharing”. Keep it on this laptop.")
CANCELLED = "The café summary was cancelled; nothing was saved."
FOLLOWS_REVIEW = "The anonymised version follows the choices made in the export review."


class CafeSummaryDialog(QDialog):
    """Choose the version, then a file; the dialog closes once the file is saved, or says in one line why not."""

    #: str — the path of the summary just saved
    sig_saved = Signal(str)

    def __init__(self, services: Services, cafe_id: str, parent: QWidget | None = None, *,
                 leave_out: AbstractSet[str] = frozenset(), include_flagged: bool = False,
                 overrides: Overrides | None = None, from_review: bool = False):
        super().__init__(parent)
        self.services = services
        self.choices = {"leave_out": frozenset(leave_out), "include_flagged": include_flagged,
                        "overrides": dict(overrides or {})}
        self.cafe = services.cafes.cafe(cafe_id)
        self.op: Op | None = None
        self.setWindowTitle("Café summary")
        intro = QLabel(INTRO + (" " + FOLLOWS_REVIEW if from_review else ""))
        intro.setWordWrap(True)
        self.anonymised = QRadioButton(ANONYMISED)
        self.anonymised.setChecked(True)
        self.full_version = QRadioButton(FULL)
        choice = QButtonGroup(self)
        choice.addButton(self.anonymised)
        choice.addButton(self.full_version)
        self.warning = QLabel(FULL_WARNING)
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self.full_version.toggled.connect(self._show_warning)
        self.message = AlertLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Choose where to save…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)  # Enter saves, never cancels
        buttons.accepted.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.anonymised)
        layout.addWidget(self.full_version)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def full(self) -> bool:
        """Whether the full version (with personal data) is chosen."""
        return self.full_version.isChecked()

    def _show_warning(self, shown: bool) -> None:
        """Show the personal-data warning whole: the dialog grows to hold it (a word-wrapped label doesn't ask)."""
        self.warning.setVisible(shown)
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def choose_and_save(self) -> None:
        """Ask where to save the PDF, then make it there."""
        # the anonymised file is for sharing: its name says nothing typed into the café (a place may hold a name)
        where = self.cafe.locality if self.full() else f"café {self.cafe.short_code}"
        name = platforms.file_stem(f"{self.cafe.date} {where} summary" + (" FULL" if self.full() else ""),
                                   "cafe-summary")
        path, _ = QFileDialog.getSaveFileName(self, "Save the café summary", str(Path.home() / f"{name}.pdf"),
                                              "PDF files (*.pdf)")
        if path:
            self.save_to(path if Path(path).suffix.lower() == ".pdf" else path + ".pdf")

    def save_to(self, path: str | Path) -> Op | None:
        """Make the summary at `path` off the GUI thread; the running Op (None if one is already running)."""
        if self.op is not None and not self.op.done:
            return None
        self.message.show_message("")
        open_services, cafe_id, full, target = self.services.opener(), self.cafe.id, self.full(), str(path)
        choices = self.choices

        def work(ctx):
            with open_services() as services:
                return services.cafe_report.write_pdf(cafe_id, target, full=full, cancelled=ctx.cancelled,
                                                      progress=ctx.progress, **choices)

        def done(_result) -> None:
            self.save_button.setEnabled(True)
            self.sig_saved.emit(target)
            self.accept()

        def failed(message: str) -> None:
            self.save_button.setEnabled(True)
            self.message.show_message(message)

        def cancelled() -> None:
            self.save_button.setEnabled(True)
            self.message.show_message(CANCELLED)

        self.save_button.setEnabled(False)
        self.op = run_op(self, "Making the café summary…", work, done, failed, on_cancel=cancelled)
        return self.op
