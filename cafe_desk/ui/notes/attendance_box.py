"""How many people sat at a table this round, by group: one spin box per group (counts only, never names)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from cafe_desk.core.model import Group
from cafe_desk.ui.widgets.plain_text import plain_labels

SAVE_AFTER_MS = 400
MAX_PEOPLE = 999


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
        self._saved: dict[str, int] = {}
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

    def set_groups(self, groups: Sequence[Group]) -> None:
        """One spin box per group, in the plan's order."""
        self._timer.stop()
        while self._form.rowCount():
            self._form.removeRow(0)
        self._spins.clear()
        self._saved.clear()
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
            self._form.addRow(label, spin)
            self._spins[group.id] = spin
            self._saved[group.id] = 0
        self._update_total()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Show what is stored (missing groups count 0); edits not yet saved are dropped."""
        self._timer.stop()
        for group_id, spin in self._spins.items():
            value = counts.get(group_id, 0)
            self._saved[group_id] = value
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._update_total()

    def flush(self) -> None:
        """Announce any edits now (instead of waiting for the pause)."""
        self._timer.stop()
        edits = {gid: (self._saved[gid], spin.value()) for gid, spin in self._spins.items()
                 if spin.value() != self._saved[gid]}
        if edits:
            for gid, (_before, after) in edits.items():
                self._saved[gid] = after
            self.sig_counts_edited.emit(edits)

    def _edited(self, _value: int) -> None:
        self._update_total()
        self._timer.start()

    def _update_total(self) -> None:
        total = sum(s.value() for s in self._spins.values())
        self._total.setText(f"Total: {total} {'person' if total == 1 else 'people'}" if self._spins
                            else "This café has no participant groups.")
