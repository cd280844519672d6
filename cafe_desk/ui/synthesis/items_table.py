"""The Synthesis page's table of items found: hits in bold, several rows chosen at once, rows of a fixed height, and
columns that leave most of the width to the text (the Themes column only once the codebook has a theme)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cafe_desk.ui.synthesis.synthesis_models import (
    COL_CAFE,
    COL_SHORTLIST,
    COL_SOURCE,
    COL_TEXT,
    COL_THEMES,
    HitsDelegate,
    ItemsModel,
)
from cafe_desk.ui.widgets.fitted_text import fit_column

#: what the narrow columns are made wide enough for, leaving the rest to the text (a longer town or "Paper comment"
#: wraps within the row's three lines; the café's title comes last and is cut at its end)
CAFE_SAMPLE = ("Inverness, 2026-12-31", "table 10, round 10")
SOURCE_SAMPLE = ("Point · quote", "Summary")
THEMES_WIDTH = 110


class ItemsTable(QTableView):
    """Shows an `ItemsModel`; rows are chosen whole, many at a time."""

    def __init__(self, model: ItemsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Items found")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setItemDelegateForColumn(COL_TEXT, HitsDelegate(self))
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab goes on to the item's text and the buttons; arrows move in here
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sizing 2,000 rich-text rows would stall
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        fit_column(self, COL_CAFE, CAFE_SAMPLE, resizable=True)
        fit_column(self, COL_SOURCE, SOURCE_SAMPLE, resizable=True)
        fit_column(self, COL_SHORTLIST, ["★"])
        self.setColumnWidth(COL_THEMES, THEMES_WIDTH)
        self.show_themes(False)

    def show_themes(self, shown: bool) -> None:
        """The Themes column, only while the codebook has themes (until then it would only take the text's room)."""
        if self.isColumnHidden(COL_THEMES) == shown:
            self.setColumnHidden(COL_THEMES, not shown)
            if shown:
                self.setColumnWidth(COL_THEMES, THEMES_WIDTH)
