"""The votes page: type in tallies from the paper dots (per outcome, per table or room, optionally per group),
manage votes from phones, and see running totals (paper and phones together) and a bar chart."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.model import AGREEMENT_LABELS, VOTE_METHOD_LABELS, Cafe, Outcome, Tally
from cafe_desk.core.votes import MAX_COUNT, levels_for
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.votes.voting_box import VotingBox
from cafe_desk.ui.widgets.vote_chart import VoteChart

COL_OUTCOME = 0


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class TallyModel(QAbstractTableModel):
    """Rows are outcomes; after the outcome column, one editable column per level (dots, rank, or score)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.method = "dots"
        self.outcomes: list[Outcome] = []
        self.levels: tuple[int, ...] = (0,)
        self.counts: dict[tuple[str, int], int] = {}
        self.editable = True
        self.write = None  # callable(outcome_id, level, count) -> bool, set by the panel

    def load(self, method: str, outcomes: list[Outcome], tallies: list[Tally], table_id, group_id,
             editable: bool) -> None:
        self.beginResetModel()
        self.method, self.outcomes, self.editable = method, outcomes, editable
        self.levels = levels_for(method, len(outcomes))
        self.counts = {(t.outcome_id, t.level): t.count for t in tallies
                       if t.table_id == table_id and t.group_id == group_id}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.levels)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == COL_OUTCOME:
            return "Outcome"
        level = self.levels[section - 1]
        if self.method == "dots":
            return "Dots"
        if self.method == "ranking":
            return f"Ranked {_ordinal(level)}"
        return f"{level} – {AGREEMENT_LABELS[level]}"

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != COL_OUTCOME and self.editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        outcome = self.outcomes[index.row()]
        if index.column() == COL_OUTCOME:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return outcome.title
            return None
        count = self.counts.get((outcome.id, self.levels[index.column() - 1]), 0)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{outcome.title}, {self.headerData(index.column(), Qt.Orientation.Horizontal)}: {count}"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() == COL_OUTCOME or self.write is None:
            return False
        outcome = self.outcomes[index.row()]
        return bool(self.write(outcome.id, self.levels[index.column() - 1], value))

    def refresh_counts(self, tallies: list[Tally], table_id, group_id) -> None:
        """New counts for the same outcomes and levels, without resetting the view (an editor may be open)."""
        self.counts = {(t.outcome_id, t.level): t.count for t in tallies
                       if t.table_id == table_id and t.group_id == group_id}
        if self.outcomes:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.outcomes) - 1, len(self.levels)))

    def set_count(self, outcome_id: str, level: int, count: int) -> None:
        self.counts[(outcome_id, level)] = count
        row = next(i for i, o in enumerate(self.outcomes) if o.id == outcome_id)
        col = 1 + self.levels.index(level)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))


class CountDelegate(QStyledItemDelegate):
    """Counts are typed into a spin box that accepts only whole numbers from 0 to MAX_COUNT."""

    def createEditor(self, parent, option, index):
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_COUNT)
        editor.setAccessibleName("Number of votes")
        return editor


class VotesPanel(Panel):
    title = "Votes"

    def __init__(self, services, undo_stack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Whose votes: the whole room or one table")
        self.group = QComboBox()
        self.group.setAccessibleName("Which group these votes are from")
        self.method_label = QLabel()
        self.model = TallyModel(self)
        self.model.write = self._write
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(CountDelegate(self.table))
        self.table.setAccessibleName("Vote counts: type a number and press Enter")
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.AnyKeyPressed | triggers.DoubleClicked | triggers.EditKeyPressed
                                   | triggers.SelectedClicked)
        self.table.setTabKeyNavigation(True)
        self.table.horizontalHeader().setSectionResizeMode(COL_OUTCOME, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.chart = VoteChart()
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Votes from", self.scope)  # QFormLayout makes the label the field's buddy
        form.addRow("&Group", self.group)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.method_label, 1)
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(top)
        hint = QLabel("Count the paper dots or ballots for this table (or the whole room) and type each number. "
                      "Each sheet is counted once: the totals add every table and group together.")
        hint.setWordWrap(True)
        entry_layout.addWidget(hint)
        entry_layout.addWidget(self.table, 1)
        entry_layout.addWidget(self.message)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Running totals, whole café</b>")
        results_layout.addWidget(heading)
        results_layout.addWidget(self.chart, 1)
        results_layout.addWidget(self.totals_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(entry)
        split.addWidget(results)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.voting = VotingBox(services)
        self.voting.sig_push.connect(lambda text, do, undo: self.push(text, do, undo))
        self.voting.sig_message.connect(self.sig_message)
        page = QVBoxLayout(self)
        page.addWidget(self.voting)
        page.addWidget(split, 1)
        self.scope.currentIndexChanged.connect(self._load_tallies)
        self.group.currentIndexChanged.connect(self._load_tallies)
        self.set_cafe(None)

    # --- Panel ------------------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        super().set_cafe(cafe)
        self.voting.set_cafe(cafe)
        self._load_choices()

    def on_changes(self, changes: Changes) -> None:
        if changes.plan or changes.cafes:
            if self.cafe:
                self.cafe = self.attempt(lambda: self.services.cafes.cafe(self.cafe.id)) or self.cafe
            self.voting.set_cafe(self.cafe)
            self._load_choices()
        elif changes.votes and self.cafe:
            tallies = self.services.votes.tallies(self.cafe.id)
            self.model.refresh_counts(tallies, self.scope.currentData(), self.group.currentData())
            self._refresh_totals()
            self.voting.refresh()

    # --- loading ----------------------------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        for combo in (self.scope, self.group):
            combo.blockSignals(True)
        scope_id, group_id = self.scope.currentData(), self.group.currentData()
        self.scope.clear()
        self.group.clear()
        self.scope.addItem("The whole room", None)
        self.group.addItem("Everyone (not split by group)", None)
        if self.cafe:
            for t in self.services.planning.items(self.cafe.id, "table"):
                self.scope.addItem(t.label, t.id)
            for g in self.services.planning.items(self.cafe.id, "group"):
                self.group.addItem(g.name, g.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope_id)))
        self.group.setCurrentIndex(max(0, self.group.findData(group_id)))
        for combo in (self.scope, self.group):
            combo.blockSignals(False)
        self._load_tallies()

    def _load_tallies(self) -> None:
        cafe = self.cafe
        if not cafe:
            self.model.load("dots", [], [], None, None, False)
            self.chart.set_totals([])
            self.method_label.setText("Open a café to record its votes.")
            return
        outcomes = self.services.planning.items(cafe.id, "outcome")
        tallies = self.services.votes.tallies(cafe.id)
        self.model.load(cafe.vote_method, outcomes, tallies, self.scope.currentData(), self.group.currentData(),
                        not cafe.is_closed)
        method = VOTE_METHOD_LABELS[cafe.vote_method]
        if cafe.vote_method == "dots":
            method += f", {cafe.dots_per_person} dots per person"
        self.method_label.setText(f"Vote method: {method}")
        if cafe.is_closed:
            self.message.setText("This café is closed. Reopen it from the café list to change its votes.")
        elif not outcomes:
            self.message.setText("This café has no outcomes to vote on yet: add them on the Plan page.")
        else:
            self.message.clear()
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        totals = self.services.votes.totals(self.cafe.id)
        self.chart.set_totals(totals)
        ranked = sorted(totals, key=lambda t: -t.score)
        self.totals_label.setText("<br>".join(html.escape(f"{i}. {t.title} — {t.detail}")
                                              for i, t in enumerate(ranked, 1)))

    # --- writing ----------------------------------------------------------------------------------------------------

    def _write(self, outcome_id: str, level: int, value) -> bool:
        cafe_id, table_id, group_id = self.cafe.id, self.scope.currentData(), self.group.currentData()
        votes = self.services.votes
        result = self.attempt(lambda: votes.set_tally(cafe_id, outcome_id, value, table_id=table_id,
                                                      group_id=group_id, level=level))
        if result is None:
            return False
        previous, changes = result
        if not changes:
            return True
        new = votes.count(cafe_id, outcome_id, table_id, group_id, level)
        where = self.scope.currentText()

        def set_to(count):
            return lambda: votes.set_tally(cafe_id, outcome_id, count, table_id=table_id, group_id=group_id,
                                           level=level)[1]

        self.push(f"Votes for {where}: {previous} → {new}", set_to(new), set_to(previous), done=True)
        self.model.set_count(outcome_id, level, new)
        self.announce(changes)
        return True
