"""How many people sat at a table this round, by group: one spin box per group (counts only, never names); for an
imported café, a group whose count its file held back reads "not shown", never 0."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from cafe_desk.core.model import Group
from cafe_desk.ui.widgets.plain_text import plain_labels

SAVE_AFTER_MS = 400
MAX_PEOPLE = 999
NOT_SHOWN = "— not shown"
NOT_SHOWN_TIP = ("Not in the café file: it gives people by group for the whole café, not per table (older files left "
                 "out fewer than 5, or what would give away a smaller group)")


class AttendanceBox(QGroupBox):
    """Counts per participant group for the chosen table and round, and their total.

    It edits only: after the counts stop changing for a moment (or a spin box loses focus) it announces the
    edits, and the panel saves them through the notes service.
    """

    #: dict[group_id, tuple[before, after]] — counts the person changed since they were last saved
    sig_counts_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("How many people sat at this table, by group", parent)
        self._spins: dict[str, QSpinBox] = {}
        self._not_shown: dict[str, QLabel] = {}
        self._saved: dict[str, int] = {}
        self._hidden: frozenset[str] = frozenset()
        self._known_total: int | None = None
        self._form = QFormLayout()
        self._total = QLabel()
        self._total.setAccessibleName("Total people at this table")
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self._total)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.flush)
        self._update_total()

    def tab_order(self) -> list[QWidget]:
        """The groups' boxes, top to bottom (made anew with each `set_groups`)."""
        return list(self._spins.values())

    def spin_box(self, group_id: str) -> QSpinBox:
        return self._spins[group_id]

    def not_shown_label(self, group_id: str) -> QLabel:
        """What stands in a group's place when its count is not shown."""
        return self._not_shown[group_id]

    def total_text(self) -> str:
        return self._total.text()

    def set_groups(self, groups: Sequence[Group]) -> None:
        """One spin box per group, in the plan's order."""
        self._timer.stop()
        while self._form.rowCount():
            self._form.removeRow(0)
        self._spins.clear()
        self._not_shown.clear()
        self._saved.clear()
        self._hidden, self._known_total = frozenset(), None
        for group in groups:
            spin = QSpinBox()
            spin.setRange(0, MAX_PEOPLE)
            spin.setKeyboardTracking(False)
            spin.setAccessibleName(f"People from group {group.name}")
            spin.valueChanged.connect(self._edited)
            spin.editingFinished.connect(self.flush)
            label = QLabel(f"{group.name}:")
            plain_labels(label)  # a group's name as typed in the plan or its template
            label.setBuddy(spin)
            label.setWordWrap(True)
            not_shown = QLabel(NOT_SHOWN)
            not_shown.setToolTip(NOT_SHOWN_TIP)
            not_shown.setAccessibleName(f"People from group {group.name}: not shown")
            not_shown.setAccessibleDescription(NOT_SHOWN_TIP)
            not_shown.hide()
            field = QWidget()
            row = QHBoxLayout(field)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(spin)
            row.addWidget(not_shown)
            row.addStretch(1)
            self._form.addRow(label, field)
            self._spins[group.id] = spin
            self._not_shown[group.id] = not_shown
            self._saved[group.id] = 0
        self._update_total()

    def set_counts(self, counts: Mapping[str, int], hidden: Collection[str] = (), total: int | None = None) -> None:
        """Show what is stored (missing groups count 0); edits not yet saved are dropped. `hidden`: groups whose
        count an imported café's file held back, shown as "not shown"; `total`: the table's total the file gave."""
        self._timer.stop()
        self._hidden, self._known_total = frozenset(hidden), total
        for group_id, spin in self._spins.items():
            value = counts.get(group_id, 0)
            self._saved[group_id] = value
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
            spin.setVisible(group_id not in self._hidden)
            self._not_shown[group_id].setVisible(group_id in self._hidden)
        self._update_total()

    def flush(self) -> None:
        """Announce any edits now (instead of waiting for the pause)."""
        self._timer.stop()
        edits = {gid: (self._saved[gid], spin.value()) for gid, spin in self._spins.items()
                 if spin.value() != self._saved[gid] and gid not in self._hidden}
        if edits:
            for gid, (_before, after) in edits.items():
                self._saved[gid] = after
            self.sig_counts_edited.emit(edits)

    def _edited(self, _value: int) -> None:
        self._update_total()
        self._timer.start()

    def _update_total(self) -> None:
        if not self._spins:
            self._total.setText("This café has no participant groups.")
            return
        shown = sum(s.value() for gid, s in self._spins.items() if gid not in self._hidden)
        total = self._known_total if self._known_total is not None else shown
        at_least = "at least " if self._hidden and self._known_total is None else ""
        self._total.setText(f"Total: {at_least}{total} {'person' if total == 1 else 'people'}")
