"""The searchable list of points on the Notes page: view, search box, table/round filter and the row actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.counts import shown_of
from cafe_desk.core.model import Note
from cafe_desk.ui.notes.note_entry import KeyGrabber
from cafe_desk.ui.notes.notes_model import (
    COL_NUMBER,
    COL_OUTCOMES,
    COL_QUOTE,
    COL_ROUND,
    COL_TABLE,
    COL_TEXT,
    COL_THEMES,
    COL_TIME,
    NotesFilterProxy,
    NotesModel,
)

SCOPE_HERE, SCOPE_ALL = 0, 1


class NotesList(QWidget):
    """Every point taken at the café, narrowed by a search and (optionally) to the chosen table and round.

    It changes nothing itself: the row actions are announced and the panel writes through the notes service.
    """

    #: list[Note] — delete these notes (Delete key, the Delete button or the context menu)
    sig_delete_requested = Signal(object)
    #: list[Note] — flip these notes' verbatim-quote mark (Ctrl+Q in the list, the button or the context menu)
    sig_quote_requested = Signal(object)
    #: no arguments — the search or the "this table and round / all points" choice changed
    sig_filter_changed = Signal()
    #: no arguments — other points are selected now (or none)
    sig_selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = NotesModel(self)
        self.proxy = NotesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._place: tuple[str | None, str | None] = (None, None)

        search_label, scope_label = self._build_filter()
        self._build_view()
        self._build_actions()
        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 2)
        bar.addWidget(scope_label)
        bar.addWidget(self.scope)
        bar.addWidget(self.count, 1)
        self.buttons: list[QToolButton] = []
        for action in (self.edit_action, self.quote_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
            self.buttons.append(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.view.selectionModel().selectionChanged.connect(lambda *_args: self.sig_selection_changed.emit())
        self.search.textChanged.connect(self._filter_changed)
        self.scope.currentIndexChanged.connect(self._filter_changed)
        # the list's own signals too: the proxy drops a deleted row before the list has, so counting on the proxy's
        # signal alone said "11 of 12" after a delete
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged, self.model.rowsRemoved, self.model.rowsInserted):
            signal.connect(self._show_count)
        self._show_count()

    def _build_filter(self) -> tuple[QLabel, QLabel]:
        """The search box, which points to show, and how many are shown; returns the two labels for the bar."""
        self.search = QLineEdit()
        self.search.setAccessibleName("Search points")
        self.search.setPlaceholderText("Words in a point")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.scope = QComboBox()
        self.scope.addItems(["This table and round", "All points"])
        self.scope.setAccessibleName("Which points to show")
        scope_label = QLabel("Sho&w:")
        scope_label.setBuddy(self.scope)
        self.count = QLabel()
        self.count.setAccessibleName("How many points are shown")
        return search_label, scope_label

    def _build_view(self) -> None:
        """The table of points: whole rows chosen, several at once, columns as wide as they need."""
        self.view = QTableView()
        self.view.setAccessibleName("Points")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for col in (COL_NUMBER, COL_TABLE, COL_ROUND, COL_QUOTE, COL_TIME):  # short: as wide as the header
            self.view.setColumnWidth(col, max(self.view.horizontalHeader().sectionSizeHint(col), 3 * em))
        self.view.setColumnWidth(COL_TIME, self.fontMetrics().horizontalAdvance("00:00") + em)
        self.view.setColumnWidth(COL_OUTCOMES, 10 * em)
        self.view.setColumnWidth(COL_THEMES, 9 * em)

    def _build_actions(self) -> None:
        """Edit, quote and delete: on the bar, in the right-click menu, and on their keys."""
        self.edit_action = self._action("&Edit", "Edit the selected point's text (F2)", self._edit_current)
        self.quote_action = self._action("&Verbatim quote", "Mark or unmark the selected points as quotes (Ctrl+Q)",
                                         lambda: self._request(self.sig_quote_requested))
        self.delete_action = self._action("&Delete", "Delete the selected points (Delete); Undo brings them back",
                                          lambda: self._request(self.sig_delete_requested))
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.delete_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.edit_action)
        self.view.addAction(self.quote_action)
        KeyGrabber(self.view, "Ctrl+Q", self.quote_action.trigger)

    def _action(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    # --- what the panel calls -----------------------------------------------------------------------------------

    def tab_order(self) -> list[QWidget]:
        """Its controls in the order they are on screen: the bar above the list, then the list."""
        return [self.search, self.scope, *self.buttons, self.view]

    def set_place(self, table_id: str | None, round_id: str | None) -> None:
        """The table and round the note-taker chose (what "This table and round" shows)."""
        self._place = (table_id, round_id)
        self._apply_filter()

    def set_read_only(self, read_only: bool) -> None:
        """A closed café: searchable and readable, nothing editable."""
        self.model.set_read_only(read_only)
        for action in (self.edit_action, self.quote_action, self.delete_action):
            action.setEnabled(not read_only)

    def selected_notes(self) -> list[Note]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.note_at(r) for r in rows]

    def clear_selection(self) -> None:
        """Select no point (the current row stays where it is)."""
        self.view.selectionModel().clearSelection()

    def select_note(self, note_id: str) -> None:
        """Select this point's row, showing all points first if the chosen table and round hide it."""
        row = self.model.row_of(note_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_TEXT))
        if not index.isValid():
            self.scope.setCurrentIndex(SCOPE_ALL)
            index = self.proxy.mapFromSource(self.model.index(row, COL_TEXT))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    # --- inside -----------------------------------------------------------------------------------------------------

    def _filter_changed(self, *_args) -> None:
        self._apply_filter()
        self.sig_filter_changed.emit()

    def _apply_filter(self) -> None:
        scope = self._place if self.scope.currentIndex() == SCOPE_HERE else None
        self.proxy.set_filter(self.search.text(), scope)
        self._show_count()

    def _show_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(shown_of(shown, total, "point"))

    def _edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            index = index.siblingAtColumn(COL_TEXT)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def _request(self, signal) -> None:
        notes = self.selected_notes()
        if notes:
            signal.emit(notes)
