"""The Synthesis page's "Synthesis report…" button: asks where to save a PDF or Word document, then writes the report
with the page's current filters off the GUI thread, with progress and Cancel (a cancel leaves no file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import ServicesOpener
from cafe_desk.ui.shell.ops import Op, run_op

FILE_TYPES = "PDF (*.pdf);;Word document (*.docx)"


class ReportButton(QPushButton):
    """Writes the synthesis report for what the page's filters say now."""

    #: str — a one-line message for the status bar (saved, cancelled, or why not)
    sig_message = Signal(str)

    def __init__(self, open_services: ServicesOpener, current_filter: Callable[[], SynthesisFilter],
                 parent: QWidget | None = None, include_samples: Callable[[], bool] = lambda: False,
                 samples_ready: Callable[[SynthesisFilter], bool] = lambda f: True):
        super().__init__("Synthesis report…", parent)  # every letter of it is some other control's Alt key here
        self.setToolTip("Save the synthesis report — method, outcomes, themes with their quotes and a page per "
                        "café — as a PDF or an editable Word document, for the cafés and items the filters show")
        self.open_services = open_services
        self.current_filter = current_filter
        self.include_samples = include_samples
        self.samples_ready = samples_ready  # asked first: False if the report would leave nothing in
        self.op: Op | None = None
        self.clicked.connect(self.choose_target)

    def choose_target(self) -> None:
        """Ask for a file name (PDF or Word), then write the report there."""
        if not self.samples_ready(self.current_filter()):
            return
        path, chosen = QFileDialog.getSaveFileName(self, "Save the synthesis report",
                                                   str(Path.home() / "synthesis-report.pdf"), FILE_TYPES)
        if not path:
            return
        if not Path(path).suffix:
            path += ".docx" if "docx" in chosen else ".pdf"
        self.write(path)

    def write(self, path: str | Path, f: SynthesisFilter | None = None) -> Op | None:
        """Write the report to `path` with the filter `f` (the page's current one unless given), off the GUI thread;
        the running Op, or None if a report is already being written."""
        if self.op is not None and not self.op.done:
            self.sig_message.emit("A report is already being written; wait for it to finish.")
            return None
        open_services, f = self.open_services, self.current_filter() if f is None else f
        samples = self.include_samples()

        def work(ctx):
            with open_services() as services:
                return services.synthesis_report.write(path, f, progress=ctx.progress, cancelled=ctx.cancelled,
                                                       include_samples=samples)

        def done(written) -> None:
            narrowed = " (narrowed by the filters)" if f != SynthesisFilter() else ""
            self.sig_message.emit(f"Saved {written.path.name}: {written.phrase()}{narrowed}.")

        self.op = run_op(self.window(), "Writing the synthesis report…", work, done, self.sig_message.emit,
                         on_cancel=lambda: self.sig_message.emit("Report cancelled; nothing was written."))
        return self.op
