"""The Synthesis page's table of items found: hits in bold, several rows chosen at once, rows of a fixed height."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cafe_desk.ui.synthesis.synthesis_models import COL_TEXT, HitsDelegate, ItemsModel

COLUMN_WIDTHS = (175, 84, 0, 130, 26)  # 0: the text column, which takes the spare width


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
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sizing 2,000 rich-text rows would stall
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate(COLUMN_WIDTHS):
            if width:
                self.setColumnWidth(col, width)
