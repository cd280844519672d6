"""The Synthesis page's data exports (CSV, XLSX, .qdpx): the sample cafés checked first, the scope asked ("the N items
found" or all), the place chosen, and the writing done off the GUI thread with progress and Cancel. A part of
`SynthesisPanel`, kept apart because it is a task of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from cafe_desk.core.synthesis import CSV_FOR_SPREADSHEETS, SynthesisFilter
from cafe_desk.ui.shell.ops import Op, run_op
from cafe_desk.ui.synthesis.export_menu import ExportChoice
from cafe_desk.ui.synthesis.export_scope import EXPORT_ALL, EXPORT_FOUND, ask_scope
from cafe_desk.ui.synthesis.samples_first import ask_include_samples, samples_left_out


class DataExportActions:
    """Mixed into SynthesisPanel: uses its services, filters, samples bar, counts and messages."""

    def samples_ready(self, f: SynthesisFilter) -> bool:
        """Before an export or a report with `f`: if leaving the sample cafés out would leave nothing, say so now and
        offer to include them (ticking the box that says so); False if the person cancelled."""
        if self.samples_bar.include_samples():
            return True
        why = self.attempt(lambda: samples_left_out(self.services, f))
        if not why:
            return why is not None
        if not self.ask_include_samples(why):
            return False
        self.samples_bar.include.setChecked(True)
        return True

    def ask_include_samples(self, why: str) -> bool:
        return ask_include_samples(self, why)

    def export_counts(self) -> tuple[int, int] | None:
        """(items the current search and filters find, items in all) for the export question, the sample cafés left
        out as the export will leave them; None, with a message, if they can't be read. Counted again only when
        what is shown is not the current search, or the shown count holds sample cafés the export leaves out."""
        f = self.current_filter()
        syn, found, total = self.syn, None, self.all_total
        if not self.samples_bar.include_samples() and self.services.samples.ids():
            syn, total = self.syn.without_samples(), None
        elif self.shown_total and self.shown_total[0] == f:
            found = self.shown_total[1]
        if found is None:
            found = self.attempt(lambda: syn.find(f, limit=0).total)
        if total is None:
            total = self.attempt(lambda: syn.find(SynthesisFilter(), limit=0).total)
        return None if found is None or total is None else (found, total)

    def export_scope(self) -> SynthesisFilter | None:
        """What to export, asked before choosing where: with a search or filters on, "the N items found (of M)" or
        all items; the filter to export with, or None if the person cancelled."""
        f = self.current_filter()
        if f == SynthesisFilter():
            return f
        counts = self.export_counts()
        if counts is None:
            return None
        found, total = counts
        if found == total:
            return f
        answer = self.choose_scope(found, total)
        return f if answer == EXPORT_FOUND else SynthesisFilter() if answer == EXPORT_ALL else None

    def choose_scope(self, found: int, total: int) -> str | None:
        """Ask with `scope_box`: EXPORT_FOUND, EXPORT_ALL, or None for Cancel."""
        left_out = not self.samples_bar.include_samples() and bool(self.services.samples.ids())
        return ask_scope(self, found, total, left_out)

    def export_data(self, kind: str, target: str | Path, f: SynthesisFilter | None = None,
                    csv_for: str = CSV_FOR_SPREADSHEETS) -> Op | None:
        """Write the items matching `f` (the current search and filters unless given) with the votes and the
        codebook as `kind` ("xlsx", "csv" into a folder `csv_for` spreadsheets or analysis tools, "qdpx"), off the
        GUI thread with progress and Cancel; the running Op."""
        if self.export_op is not None and not self.export_op.done:
            self.sig_message.emit("An export is already running; wait for it to finish.")
            return None
        open_services, f = self.services.opener(), self.current_filter() if f is None else f
        samples = self.samples_bar.include_samples()

        def work(ctx):
            with open_services() as services:
                items = services.synthesis.export_items(f, include_samples=samples)
                return services.synthesis.export_data(kind, target, f, ctx.progress, ctx.cancelled, csv_for,
                                                      include_samples=samples), items

        def done(written) -> None:
            path, items = written
            self.sig_message.emit(self.syn.saved_line(kind, path, f, items))

        self.export_op = run_op(self, "Saving the synthesis data…", work, done, self.sig_message.emit)
        return self.export_op

    def _choose_export_target(self, choice: ExportChoice) -> None:
        kind = choice.kind
        if not self.samples_ready(self.current_filter()):
            return
        f = self.export_scope()
        if f is None:
            return
        home = str(self.export_folder or Path.home())  # where the last export went, this session
        if kind == "csv":
            path = QFileDialog.getExistingDirectory(self, "Choose a folder for items.csv, votes.csv and themes.csv",
                                                    home)
            there = self.syn.csv_files_in(path) if path else []
            if there and not self.confirm("Replace files", f"{', '.join(there)} already in {Path(path).name} will "
                                          "be replaced. Go on?"):
                return
        else:
            suffix, what = (".xlsx", "Excel workbook (*.xlsx)") if kind == "xlsx" else \
                (".qdpx", "REFI-QDA project (*.qdpx)")
            path, _ = QFileDialog.getSaveFileName(self, "Save the synthesis data",
                                                  str(Path(home) / f"synthesis{suffix}"), what)
            named = self.syn.data_file(kind, path) if path else None
            if named is not None and str(named) != path and named.exists() and not self.confirm(
                    "Replace file", f"{named.name} already exists in {named.parent.name}. Replace it?"):
                return  # the dialog asked about the name as typed, not about the one with its ending
        if path:
            self.export_folder = Path(path) if kind == "csv" else Path(path).parent
            self.export_data(kind, path, f, choice.csv_for or CSV_FOR_SPREADSHEETS)
