"""The votes page: type in tallies from the paper dots (per outcome, per table or room, optionally per group),
manage votes from phones, and see running totals (paper and phones together) and a bar chart."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import IMPORTED_LINE
from cafe_desk.core.model import VOTE_METHOD_LABELS, Cafe
from cafe_desk.core.tally_checks import dots_warnings
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.votes.tally_model import COL_OUTCOME, TallyModel
from cafe_desk.ui.votes.tally_table import TallyTable
from cafe_desk.ui.votes.voting_box import VotingBox
from cafe_desk.ui.widgets.fitted_text import ElidedCombo
from cafe_desk.ui.widgets.vote_chart import VoteChart

COMBO_MAX_WIDTH = 320
NO_VOTES = "No votes yet: the totals show here once paper tallies are typed in or phones vote."


class VotesPanel(Panel):
    """Paper tallies typed in per table and group, voting from phones, and the running totals of both."""

    title = "Votes"

    def __init__(self, services, undo_stack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.voting = VotingBox(services)
        self.voting.sig_push.connect(lambda text, do, undo: self.push(text, do, undo))
        self.voting.sig_message.connect(self.sig_message)
        self.voting.sig_changed.connect(self.announce)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_entry())
        split.addWidget(self._build_results())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page = QVBoxLayout(self)
        page.addWidget(self.voting)
        page.addWidget(split, 1)
        self.scope.currentIndexChanged.connect(self._load_tallies)
        self.group.currentIndexChanged.connect(self._load_tallies)
        self.set_cafe(None)

    # --- building ---------------------------------------------------------------------------------------------------

    def _build_table(self) -> TallyTable:
        self.model = TallyModel(self)
        self.model.write = self._write
        self.table = TallyTable(self.model)
        self.table.setAccessibleName("Vote counts: type a number and press Enter to go to the next row")
        self.table.horizontalHeader().setSectionResizeMode(COL_OUTCOME, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        return self.table

    def _build_entry(self) -> QWidget:
        """Whose votes (the room or a table, and a group) and their counts, typed in."""
        self.scope = ElidedCombo()
        self.scope.setAccessibleName("Whose votes: the whole room or one table")
        self.group = ElidedCombo()
        self.group.setAccessibleName("Which group these votes are from")
        for combo in (self.scope, self.group):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.method_label = QLabel()
        self.method_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Votes &from", self.scope)  # QFormLayout makes the label the field's buddy
        form.addRow("&Group", self.group)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.method_label, 1)
        hint = QLabel("Count the paper dots or ballots for this table (or the whole room) and type each number. "
                      "Each sheet is counted once: the totals add every table and group together.")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.tally_check = QLabel()  # tallies that can't be right, e.g. more dots than the people there could give
        self.tally_check.setWordWrap(True)
        self.tally_check.setTextFormat(Qt.TextFormat.PlainText)
        self.tally_check.setAccessibleName("Counts to check")
        self.tally_check.setStyleSheet("QLabel { color: #8a4b00; font-weight: bold; }")
        self.tally_check.hide()
        entry = QWidget()
        layout = QVBoxLayout(entry)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self.message)
        layout.addWidget(self.tally_check)
        return entry

    def _build_results(self) -> QWidget:
        """The running totals for the whole café, as a chart and in words."""
        self.chart = VoteChart()
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        results = QWidget()
        layout = QVBoxLayout(results)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Running totals, whole café</b>"))
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.totals_label)
        return results

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
        elif self.cafe and (changes.votes or changes.attendance):
            if changes.votes:
                tallies = self.services.votes.tallies(self.cafe.id)
                self.model.refresh_counts(tallies, self.scope.currentData(), self.group.currentData())
                self._refresh_totals()
            self._refresh_check()
            self.voting.refresh()  # ballots are checked against the people recorded

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
            # never narrower than its longest choice ("Everyone (not split by group)"); a very long name ends in "…"
            combo.setMinimumWidth(min(combo.sizeHint().width(), COMBO_MAX_WIDTH))
            combo.blockSignals(False)
        self._load_tallies()

    def _load_tallies(self) -> None:
        cafe = self.cafe
        if not cafe:
            self.model.load("dots", [], [], None, None, False)
            self.chart.set_totals([])
            self.method_label.setText("Open a café to record its votes.")
            self._refresh_check()
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
            imported = bool(self.attempt(lambda: self.services.cafes.is_imported(cafe.id)))
            self.message.setText(IMPORTED_LINE if imported else
                                 "This café is closed. Reopen it from the café list to change its votes.")
        elif not outcomes:
            self.message.setText("This café has no outcomes to vote on yet: add them on the Plan page.")
        else:
            self.message.clear()
        self._refresh_totals()
        self._refresh_check()

    def _refresh_totals(self) -> None:
        totals = self.services.votes.totals(self.cafe.id)
        self.chart.set_totals(totals)
        if not any(t.voters for t in totals):  # a ranked list of zeros would look like a result
            self.totals_label.setText(NO_VOTES if totals else "")
            return
        ranked = sorted(totals, key=lambda t: -t.score)
        self.totals_label.setText("<br>".join(html.escape(f"{i}. {t.title} — {t.detail}")
                                              for i, t in enumerate(ranked, 1)))

    def _refresh_check(self) -> None:
        """Warn, in a plain line per table, when a table's dots add up to more than its people could give."""
        cafe, warnings = self.cafe, []
        if cafe and cafe.vote_method == "dots":
            warnings = self.attempt(lambda: dots_warnings(
                cafe.dots_per_person, self.services.planning.items(cafe.id, "table"),
                self.services.votes.tallies(cafe.id), self.services.notes.attendance(cafe.id),
                self.services.notes.table_totals(cafe.id))) or []
        self.tally_check.setText("\n".join(warnings))
        self.tally_check.setVisible(bool(warnings))

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
