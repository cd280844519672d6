"""The Synthesis page's export choices: an Excel workbook, CSV for spreadsheets, CSV for analysis tools (R, Python,
Stata) or a .qdpx project, each in the menu with a line saying who it is for."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QMenu, QWidget

from cafe_desk.core.synthesis import CSV_FOR_ANALYSIS, CSV_FOR_SPREADSHEETS


class ExportChoice(NamedTuple):
    kind: str  # "xlsx", "csv" or "qdpx", as SynthesisService.export_data takes it
    csv_for: str  # for "csv": CSV_FOR_SPREADSHEETS or CSV_FOR_ANALYSIS; "" otherwise
    label: str
    tip: str


EXPORT_CHOICES = (
    ExportChoice("xlsx", "", "Excel workbook (.xlsx)…",
                 "One workbook with Items, Votes and Themes sheets; every text exactly as typed"),
    ExportChoice("csv", CSV_FOR_SPREADSHEETS, "CSV for spreadsheets, into a folder…",
                 "items.csv, votes.csv and themes.csv for Excel, LibreOffice or Numbers: a text starting with "
                 "=, +, - or @ gets an apostrophe in front so it can't run as a formula"),
    ExportChoice("csv", CSV_FOR_ANALYSIS, "CSV for analysis tools (R, Python, Stata), into a folder…",
                 "items.csv, votes.csv and themes.csv as plain UTF-8 with every text exactly as typed; don't open "
                 "these in a spreadsheet"),
    ExportChoice("qdpx", "", "For NVivo, ATLAS.ti, MAXQDA or QualCoder (.qdpx)…",
                 "A REFI-QDA project: one source per café, the codebook and its codings"),
)


def export_menu(parent: QWidget, chosen: Callable[[ExportChoice], None]) -> QMenu:
    """The menu of EXPORT_CHOICES; picking one calls `chosen` with it."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    for choice in EXPORT_CHOICES:
        action = menu.addAction(choice.label, lambda c=choice: chosen(c))
        action.setToolTip(choice.tip)
    return menu
