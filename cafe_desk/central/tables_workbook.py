"""The data tables as sheets of one XLSX workbook (central/tables_export.py makes the rows and says what they hold).

The workbook is written in xlsxwriter's constant-memory mode: each row goes to disk once the next one starts, so a
million items take no more memory than ten. Every text is written as a typed string (`write_string`), never as a
formula, so a participant's "=SUM(1)" stays text without any guard character; line ends are "\\n" (a "\\r" would show
as "_x000D_"). Dates are date cells, counts and shares numbers. Past Excel's row limit a table goes on in "Items 2",
"Items 3", …

A workbook that can't be finished (cancelled, or the disk filled up) is let go of with `let_go`: its temporary files
closed so the staging folder can go, and no half-written ZIP left for Python to complain about on stderr later.

Speed: this loop runs for every cell of up to a million rows, so it keeps to local names, converts a date once per
distinct value and looks each column's format up in a list; xlsxwriter's own cell writing is most of the time.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from contextlib import suppress

import xlsxwriter

from cafe_desk.core.text import export_text

Columns = tuple[tuple[str, int], ...]  # (column name, width in the workbook, in characters)

XLSX_MAX_ROWS = 1_048_576  # Excel's limit per sheet
WRAPPED = {"text", "question", "outcome", "description"}  # long text: wrapped in the workbook


def iso_date(text: str) -> dt.datetime | None:
    """"2026-04-02" as a datetime at midnight (what xlsxwriter writes as a date cell); None for anything else."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError:
        return None


class Sheets:
    """Writes tables into a constant-memory workbook: bold frozen header, widths, wrapped long text, typed cells."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.book = book
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        self.plain = book.add_format({"valign": "top"})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "left"})
        self.share = book.add_format({"num_format": "0.00%", "valign": "top"})
        self.days: dict[str, dt.datetime | None] = {}  # date text -> its date cell value, converted once

    def table(self, name: str, columns: Columns, rows: Iterable[list]) -> None:
        """One table; past Excel's row limit it goes on in "<name> 2", "<name> 3", …"""
        formats = [self.wrap if c in WRAPPED else self.share if c == "share" else self.plain for c, _ in columns]
        dates = frozenset(n for n, (c, _) in enumerate(columns) if c == "date")
        days, date_format = self.days, self.date
        part, sheet, r = 1, self._start(name, columns), 0
        write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
        for row in rows:
            if r == XLSX_MAX_ROWS - 1:
                self._finish(sheet, r, columns)
                part += 1
                sheet, r = self._start(f"{name} {part}", columns), 0
                write_string, write_number, write_datetime = (sheet.write_string, sheet.write_number,
                                                              sheet.write_datetime)
            r += 1
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue  # an empty cell, not an empty string
                if value.__class__ is str:
                    if c in dates:
                        day = days.get(value, False)
                        if day is False:
                            day = days[value] = iso_date(value)
                        if day is not None:
                            write_datetime(r, c, day, date_format)
                            continue
                    write_string(r, c, value if value.isprintable() else export_text(value), formats[c])
                else:
                    write_number(r, c, value, formats[c])
        self._finish(sheet, r, columns)

    def _start(self, name: str, columns: Columns):
        sheet = self.book.add_worksheet(name)
        for c, (_, width) in enumerate(columns):
            sheet.set_column(c, c, width)
        sheet.freeze_panes(1, 0)
        for c, (title, _) in enumerate(columns):
            sheet.write_string(0, c, title, self.header)
        return sheet

    def guide(self, name: str, lines: list[str], columns: Columns, rows: Iterable[list]) -> None:
        """A sheet saying what the others hold: `lines` of text above a table of `columns` (not filtered: short)."""
        sheet = self.book.add_worksheet(name)
        for c, (_, width) in enumerate(columns):
            sheet.set_column(c, c, width)
        for r, line in enumerate(lines):
            sheet.write_string(r, 0, line, self.bold if r == 0 else self.plain)
        top = len(lines) + 1
        for c, (title, _) in enumerate(columns):
            sheet.write_string(top, c, title, self.header)
        for r, row in enumerate(rows, start=top + 1):
            for c, value in enumerate(row):
                sheet.write_string(r, c, str(value), self.wrap)

    @staticmethod
    def _finish(sheet, last_row: int, columns: Columns) -> None:
        sheet.autofilter(0, 0, last_row, len(columns) - 1)


def let_go(book: xlsxwriter.Workbook, failure: BaseException) -> None:
    """Give up on `book` after `failure`: close each sheet's temporary file of rows (constant-memory mode) without
    writing the workbook, and close a ZIP that xlsxwriter left half-written when `failure` came while it saved (left
    open, it would fail again when collected and print a traceback)."""
    for sheet in book.worksheets():
        rows = getattr(sheet, "row_data_fh", None)
        if rows is not None:
            with suppress(OSError):  # a full disk can't take what is buffered; the file closes all the same
                rows.close()
    seen: BaseException | None = failure
    while seen is not None:
        frame = seen.__traceback__
        while frame is not None:
            for value in list(frame.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile):
                    with suppress(Exception):
                        value.close()
            frame = frame.tb_next
        seen = seen.__context__
