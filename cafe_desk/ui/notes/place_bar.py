"""The bar at the top of the Notes page: which table and round the note-taker is at (following the café's current
round unless they picked one by hand), that round's question, and the button to import a codebook."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from cafe_desk.core.model import Note, Round, Table
from cafe_desk.ui.widgets import codebook_import
from cafe_desk.ui.widgets.plain_text import shown, tip

NOW = " (now)"


class PlaceBar(QWidget):
    """The table and round pickers; it writes nothing and announces when the chosen place changes."""

    #: no arguments — the chosen table or round changed (by the person, or by following the running round)
    sig_place_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tables: list[Table] = []
        self.rounds: list[Round] = []
        self._current_round: str | None = None  # the round the café is at, or will start with: the one followed
        self._now_round: str | None = None  # the same once the café has started: the one marked "(now)"
        self._round_by_hand = False
        self.table_combo = QComboBox()
        self.table_combo.setAccessibleName("Table")
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Round")
        # " (now)" comes and goes as the café starts and closes: the box grows with it, never cutting it off
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        table_label, round_label = QLabel("&Table:"), QLabel("&Round:")
        table_label.setBuddy(self.table_combo)
        round_label.setBuddy(self.round_combo)
        self.prompt = QLabel()
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("This round's question")
        self.import_button = QPushButton(codebook_import.BUTTON_TEXT)
        self.import_button.setToolTip(codebook_import.BUTTON_TIP)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (table_label, self.table_combo, round_label, self.round_combo):
            layout.addWidget(widget)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.import_button)
        self.table_combo.currentIndexChanged.connect(self._changed)
        self.round_combo.currentIndexChanged.connect(self._changed)
        self.round_combo.activated.connect(self._round_picked)

    def tab_order(self) -> list[QWidget]:
        """Its controls in the order they are on screen."""
        return [self.table_combo, self.round_combo, self.import_button]

    def place(self) -> tuple[str | None, str | None]:
        """The chosen (table id, round id); None where the café has none."""
        return self.table_combo.currentData(), self.round_combo.currentData()

    def set_plan(self, tables: Sequence[Table], rounds: Sequence[Round], current_round: str | None,
                 now_round: str | None = None) -> None:
        """The café's tables and rounds, keeping the chosen ones where they still exist (announces nothing).
        `current_round`: the round the café is at (or will start with); `now_round`: the same once it has started."""
        self.tables, self.rounds = list(tables), list(rounds)
        self._current_round, self._now_round = current_round, now_round
        keep_table, keep_round = self.place()
        for combo, items, keep in ((self.table_combo, self.tables, keep_table),
                                   (self.round_combo, self.rounds, keep_round)):
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(self._round_text(item) if combo is self.round_combo else shown(item.label), item.id)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if items else -1)
            combo.blockSignals(False)
        self._show_prompt()

    def follow_running_round(self, current_round: str | None, now_round: str | None = None,
                             force: bool = False) -> None:
        """Choose the café's current round, unless the person picked another round by hand; mark it "(now)" only
        once the café has started (`now_round`), so a café still being planned claims no round is on."""
        if force:
            self._round_by_hand = False
        if not self.rounds:
            return
        self._current_round, self._now_round = current_round, now_round
        for i, rnd in enumerate(self.rounds):
            self.round_combo.setItemText(i, self._round_text(rnd))
        if not self._round_by_hand and current_round:
            self.round_combo.setCurrentIndex(max(self.round_combo.findData(current_round), 0))

    def choose(self, table_id: str | None, round_id: str | None) -> None:
        """Go to this table and round, as if the person picked them (the running round no longer pulls)."""
        for combo, item_id in ((self.table_combo, table_id), (self.round_combo, round_id)):
            index = combo.findData(item_id)
            if index >= 0:
                combo.setCurrentIndex(index)
        self._round_by_hand = True

    def where(self, note: Note) -> str:
        """"Table 2, round 1, a point" or "… what the table carries forward"."""
        table = next((t.label for t in self.tables if t.id == note.table_id), "No table")
        rnd = next((r.label.lower() for r in self.rounds if r.id == note.round_id), "")
        what = "what the table carries forward" if note.kind == "summary" else "a point"
        return f"{table}{', ' + rnd if rnd else ''}, {what}"

    def _round_picked(self, _index: int) -> None:
        self._round_by_hand = self.round_combo.currentData() != self._current_round

    def _round_text(self, rnd: Round) -> str:
        return shown(rnd.label) + (NOW if rnd.id is not None and rnd.id == self._now_round else "")

    def _changed(self, *_args) -> None:
        self._show_prompt()
        self.sig_place_changed.emit()

    def _show_prompt(self) -> None:
        rnd = next((r for r in self.rounds if r.id == self.round_combo.currentData()), None)
        self.prompt.setText(shown(rnd.prompt) if rnd else "")
        self.prompt.setToolTip(tip(rnd.prompt) if rnd else "")
