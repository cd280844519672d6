"""The line where a note-taker types the next point, with its quote mark and outcome/theme tags.

The tick lists show the new point's tags, except while points are selected in the list: then they show the selected
points' tags (ticked if every selected point has the tag, partly ticked if only some do) and a tick or untick is
asked for all of them (`sig_tag_ticked`); the new point's own ticks come back when the selection is gone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QWidget,
)

AUTOSAVE_MS = 300
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class KeyGrabber(QObject):
    """Runs `action` when `sequence` is pressed in `widget`, ahead of any window-wide shortcut on the same keys.

    Ctrl+Q is "quit" in many main windows; while the typist is in the entry or the list it marks a quote instead.
    """

    def __init__(self, widget: QWidget, sequence: QKeySequence | str, action: Callable[[], None]):
        super().__init__(widget)
        self._combo = QKeySequence(sequence)[0]
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent) \
                and event.keyCombination() == self._combo:
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._action()
            return True
        return False


class HistoryPassThrough(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's Undo/Redo when the line edit has no typing of its own to undo,
    so in an empty entry Ctrl+Z takes back the last saved point instead of doing nothing."""

    def __init__(self, line: QLineEdit):
        super().__init__(line)
        self._line = line
        line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if (event.matches(QKeySequence.StandardKey.Undo) and not self._line.isUndoAvailable()) or \
                (event.matches(QKeySequence.StandardKey.Redo) and not self._line.isRedoAvailable()):
            event.ignore()
            return True
        return False


class PointLine(QLineEdit):
    """The line a point is typed in. Reached with Tab, Shift+Tab or its Alt key, it puts the cursor after the text
    instead of selecting it all (as a line edit does), so the next key adds to the point in progress rather than
    replacing it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            self.deselect()
            self.end(False)


class TagList(QListView):
    """A short list of checkable names (outcomes or themes); Space ticks the current one."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setAccessibleName(accessible_name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # a tick, not a highlight, means chosen
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_rows()

    def _fit_rows(self, rows: int = 4) -> None:
        row = self.sizeHintForRow(0) if self.model().rowCount() else self.fontMetrics().height() + 4
        self.setFixedHeight(row * rows + 2 * self.frameWidth())

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """(id, name) pairs; ticks on names that are still there are kept."""
        kept = set(self.checked_ids())
        self._model.clear()
        for item_id, name in items:
            item = QStandardItem(name)
            item.setData(item_id, ID_ROLE)
            item.setToolTip(name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if item_id in kept else Qt.CheckState.Unchecked)
            self._model.appendRow(item)
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, 0))
        self._fit_rows()

    def checked_ids(self) -> list[str]:
        return [self._model.item(r).data(ID_ROLE) for r in range(self._model.rowCount())
                if self._model.item(r).checkState() == Qt.CheckState.Checked]

    def set_states(self, states: Mapping[str, Qt.CheckState]) -> None:
        """Show {id: check state}; names not given are unticked."""
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            item.setCheckState(states.get(item.data(ID_ROLE), Qt.CheckState.Unchecked))

    def set_checked(self, ids: Sequence[str]) -> None:
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in ids else Qt.CheckState.Unchecked)

    def toggle_row(self, row: int) -> None:
        item = self._model.item(row)
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.toggle_row(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class NoteEntry(QWidget):
    """Where the next point is typed. It only edits; the panel saves through the notes service."""

    #: no arguments — Enter was pressed in the entry (finish this point)
    sig_submitted = Signal()
    #: no arguments — the point was edited and typing has stopped for AUTOSAVE_MS (time to save the draft)
    sig_idle = Signal()
    #: (field "outcome_ids" or "theme_ids", tag id, ticked) — a tick changed while the lists show selected points
    sig_tag_ticked = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = PointLine()
        self.line.setAccessibleName("New point")
        self.line.setPlaceholderText("Type a point and press Enter; it is saved as you type")
        self.line.setClearButtonEnabled(False)
        label = QLabel("New &point:")
        label.setBuddy(self.line)
        self.quote = QCheckBox("Verbatim &quote (Ctrl+Q)")
        self.quote.setAccessibleName("Verbatim quote")
        self.quote.setToolTip("Mark the point as the participant's own words (Ctrl+Q while typing)")
        self.outcomes = TagList("Outcomes this point is about")
        self.themes = TagList("Themes of this point")
        outcomes_label = QLabel("&Outcomes:")
        outcomes_label.setBuddy(self.outcomes)
        themes_label = QLabel("T&hemes:")
        themes_label.setBuddy(self.themes)
        self.ticks_for = QLabel()
        self.ticks_for.setAccessibleName("What the ticks are for")
        self.ticks_for.hide()
        self._own: tuple[list[str], list[str]] | None = None  # the new point's ticks, while the lists show others'
        self._quiet = False

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.sig_idle)
        self.line.textEdited.connect(lambda _text: self._timer.start())
        self.quote.toggled.connect(self._edited_option)
        self.outcomes.model().itemChanged.connect(lambda item: self._tick_changed("outcome_ids", item))
        self.themes.model().itemChanged.connect(lambda item: self._tick_changed("theme_ids", item))
        self.line.returnPressed.connect(self._submit)
        KeyGrabber(self.line, "Ctrl+Q", self.quote.toggle)
        HistoryPassThrough(self.line)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.line, 1)
        top.addWidget(self.quote)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(top, 0, 0, 1, 4)
        grid.addWidget(self.ticks_for, 2, 0, 1, 4)
        grid.addWidget(outcomes_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.outcomes, 1, 1)
        grid.addWidget(themes_label, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.themes, 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

    def tab_order(self) -> list[QWidget]:
        """Its controls in the order they are on screen: the line, the quote mark, outcomes, themes."""
        return [self.line, self.quote, self.outcomes, self.themes]

    def text(self) -> str:
        return self.line.text()

    def is_quote(self) -> bool:
        return self.quote.isChecked()

    def outcome_ids(self) -> list[str]:
        """The new point's outcomes (not what the lists show for selected points)."""
        return list(self._own[0]) if self._own is not None else self.outcomes.checked_ids()

    def theme_ids(self) -> list[str]:
        """The new point's themes (not what the lists show for selected points)."""
        return list(self._own[1]) if self._own is not None else self.themes.checked_ids()

    def shows_selection(self) -> bool:
        """True while the tick lists show (and change) the points selected in the list."""
        return self._own is not None

    def show_selected(self, count: int, outcomes: Mapping[str, Qt.CheckState],
                      themes: Mapping[str, Qt.CheckState]) -> None:
        """Show the tags of `count` selected points; the new point's own ticks are kept aside until `show_own`."""
        if self._own is None:
            self._own = (self.outcomes.checked_ids(), self.themes.checked_ids())
        self._quietly(lambda: (self.outcomes.set_states(outcomes), self.themes.set_states(themes)))
        self.ticks_for.setText("The ticks show and change the selected point." if count == 1 else
                               f"The ticks show and change the {count} selected points "
                               "(a partly ticked name is on some of them).")
        self.ticks_for.show()

    def show_own(self) -> None:
        """Nothing is selected any more: the lists show the new point's ticks again."""
        if self._own is None:
            return
        (outcome_ids, theme_ids), self._own = self._own, None
        self._quietly(lambda: (self.outcomes.set_checked(outcome_ids), self.themes.set_checked(theme_ids)))
        self.ticks_for.hide()

    def set_own_tick(self, field: str, tag_id: str, ticked: bool) -> None:
        """Tick or untick a tag of the new point without showing it (its saved copy was ticked from the list)."""
        if self._own is None:
            return
        tags = self._own[0] if field == "outcome_ids" else self._own[1]
        if ticked and tag_id not in tags:
            tags.append(tag_id)
        elif not ticked and tag_id in tags:
            tags.remove(tag_id)

    def has_pending_edit(self) -> bool:
        return self._timer.isActive()

    def cancel_pending(self) -> None:
        self._timer.stop()

    def finish(self) -> None:
        """Ready for the next point: empty line, quote mark and outcome/theme ticks off (each point is tagged on its
        own, so a tag never slips onto the next points unnoticed)."""
        self._timer.stop()
        self.line.setText("")  # unlike clear(), also forgets the typing history: the point is saved now
        self.quote.blockSignals(True)
        self.quote.setChecked(False)
        self.quote.blockSignals(False)
        self.clear_tags()

    def clear_tags(self) -> None:
        """Untick the new point's outcomes and themes."""
        if self._own is not None:
            self._own = ([], [])
            return
        self.outcomes.set_checked(())
        self.themes.set_checked(())

    def _quietly(self, change: Callable[[], object]) -> None:
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False

    def _tick_changed(self, field: str, item: QStandardItem) -> None:
        if self._quiet:
            return
        if self._own is not None:
            self.sig_tag_ticked.emit(field, item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)
        else:
            self._edited_option()

    def _edited_option(self, *_args) -> None:
        if self.line.text().strip():
            self._timer.start()

    def _submit(self) -> None:
        self._timer.stop()
        self.sig_submitted.emit()
