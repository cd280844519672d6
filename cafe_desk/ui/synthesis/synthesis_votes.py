"""The votes tab of the Synthesis page: outcomes across cafés as a bar chart and a table with group splits."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.text import printable
from cafe_desk.core.vote_synthesis import MEASURE_AGREE, SMALL_GROUP, OutcomeSynthesis
from cafe_desk.core.votes import OutcomeTotal
from cafe_desk.ui.widgets.plain_text import tip
from cafe_desk.ui.widgets.vote_chart import ROW_MIN, VoteChart

EXPLAINED = ("Every voter counts once, whatever the café's voting method: a voter's dots or ranking points are shared "
             "among the outcomes they chose (“share of voters' support”); agreement statements show the share who "
             f"agree. A group with fewer than {SMALL_GROUP} voters is not shown, nor is any group whose figures "
             "could be worked out from the total and the groups shown, so nobody can be picked out.")
HIDDEN = "not shown"
HIDDEN_WHY = (f"Fewer than {SMALL_GROUP} voters, or hidden so that a smaller group can't be worked out from the "
              "total and the groups shown")
COLUMNS = ("Outcome", "Share", "Voters", "Cafés", "Votes counted")


class WrappedTitles(QStyledItemDelegate):
    """Rows as tall as the outcome's title takes, wrapped at words to the column's width (a tree sizes its rows
    before it knows how wide the column is, so by itself it would keep one line and cut the title)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        tree = self.parent()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
        width = tree.header().sectionSize(0) - tree.indentation() * (depth + 1) - 2 * margin
        if width <= 0:
            return hint
        text = index.data() or ""
        height = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                                                        text).height()
        return QSize(hint.width(), max(hint.height(), height + 4))


def chart_rows(outcomes: list[OutcomeSynthesis]) -> list[OutcomeTotal]:
    """The outcomes as bars: the share in per cent (agreement outcomes marked as such); titles from café files
    shown as every other page shows them (no control or invisible characters)."""
    return [OutcomeTotal(o.title, printable(o.title) + (" (agree)" if o.measure == MEASURE_AGREE else ""),
                         round(o.share * 100, 1), o.voters, o.share, printable(o.detail)) for o in outcomes]


class SynthesisVotes(QWidget):
    """Shows `OutcomeSynthesis` rows; `set_outcomes` refreshes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel(EXPLAINED)
        intro.setWordWrap(True)
        intro.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        intro.setMinimumHeight(intro.fontMetrics().height() * 4)
        self.chart = VoteChart()
        self.chart.setAccessibleName("Votes across cafés chart")
        self.table = QTreeWidget()
        self.table.setAccessibleName("Votes across cafés, by outcome and group")
        self.table.setHeaderLabels(COLUMNS)
        self.table.setWordWrap(True)  # an outcome's whole title, on as many lines as it takes
        self.table.setItemDelegateForColumn(0, WrappedTitles(self.table))
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda col, *_: col == 0 and self.table.doItemsLayout())  # wrap to the new width
        self.empty = QLabel("No votes have been imported yet.")
        split = QSplitter(Qt.Orientation.Vertical)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        split.addWidget(scroll)
        split.addWidget(self.table)
        split.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)

    def set_outcomes(self, outcomes: list[OutcomeSynthesis]) -> None:
        self.chart.set_totals(chart_rows(outcomes), "%")
        self.chart.setMinimumHeight(max(120, int(ROW_MIN * 1.6 * len(outcomes)) + 16))  # scrolls past that
        self.empty.setVisible(not outcomes)
        self.table.clear()
        for o in outcomes:
            what = "agree" if o.measure == MEASURE_AGREE else "support"
            row = QTreeWidgetItem([printable(o.title), f"{_percent(o.share)} {what}", f"{o.voters:,}", f"{o.cafes:,}",
                                   f"{o.votes:,}"])
            row.setToolTip(0, tip(o.detail))
            for g in o.groups:
                if g.hidden:
                    child = QTreeWidgetItem([printable(g.group), HIDDEN, "", "", ""])
                    child.setToolTip(1, HIDDEN_WHY)
                else:
                    child = QTreeWidgetItem([printable(g.group), _percent(g.share), f"{g.voters:,}", "", ""])
                row.addChild(child)
            self.table.addTopLevelItem(row)
        self.table.expandAll()


def _percent(share: float) -> str:
    """"21.3%", "100%": one decimal, as the chart above shows it, without a bare ".0"."""
    return f"{share * 100:.1f}".removesuffix(".0") + "%"
