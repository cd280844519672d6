"""The notes list's model and filter: `NotesModel` over a list of `Note` values, and `NotesFilterProxy`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from cafe_desk.core.model import Note
from cafe_desk.core.safeguarding import COMMENT_SOURCES, kind_label
from cafe_desk.ui.widgets.plain_text import CARE_MARK, in_quote_marks, shown, tip

COL_NUMBER, COL_TABLE, COL_ROUND, COL_TEXT, COL_QUOTE, COL_OUTCOMES, COL_THEMES, COL_TIME = range(8)
HEADERS = ("#", "Table", "Round", "Point", "Quote", "Outcomes", "Themes", "Time")
#: the Note itself, for code that needs more than the text shown
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass
class NoteLabels:
    """How ids are shown: table, round, outcome and theme names by id."""

    tables: dict[str, str] = field(default_factory=dict)
    rounds: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)


def needs_care(note: Note) -> bool:
    """Flagged and nobody has marked it followed up yet."""
    return bool(note.flag) and not note.followed_up


def marked_here(note: Note) -> bool:
    """Needs care and is followed up from the Notes page (phone comments and paper cards are on the Comments page)."""
    return needs_care(note) and note.source not in COMMENT_SOURCES


def local_time(iso: str) -> str:
    """'14:05' for a stored UTC ISO time, in the laptop's time zone; '' when there is none."""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
    except (TypeError, ValueError):
        return ""


class NotesModel(QAbstractTableModel):
    """Notes in the order they were written; one row per note.

    The model never writes: an in-place edit of a note's text is announced with `sig_text_edited` and the panel
    saves it through the notes service (as an undoable step), then hands the model the new list with `sync`.
    """

    #: (note_id: str, text: str) — the person edited a note's text in the list
    sig_text_edited = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._notes: list[Note] = []
        self._folded: list[str] = []
        self._labels = NoteLabels()
        self._read_only = False
        #: goes up whenever the rows or their texts change, so a filter knows its cached answers are stale
        self.revision = 0
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- reading ----------------------------------------------------------------------------------------------------

    @property
    def notes(self) -> Sequence[Note]:
        return self._notes

    @property
    def folded_texts(self) -> Sequence[str]:
        """Each note's text, casefolded once, for a fast search."""
        return self._folded

    def note_at(self, row: int) -> Note:
        return self._notes[row]

    def row_of(self, note_id: str) -> int:
        """The row showing this note, or -1."""
        return next((i for i, n in enumerate(self._notes) if n.id == note_id), -1)

    # --- Qt model API -----------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == COL_TEXT and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._notes):
            return None
        note, col = self._notes[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(note, col, index.row())
        if role == Qt.ItemDataRole.EditRole:
            return note.text if col == COL_TEXT else self._display(note, col, index.row())
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEXT:
            care = f"{CARE_MARK} Needs care: {kind_label(note.flag).lower()}\n" if marked_here(note) else ""
            return tip(care + ("Verbatim quote: " if note.is_quote else "") + note.text)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_OUTCOMES, COL_THEMES):
            return tip("\n".join(self._tag_names(note, col))) or None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_QUOTE:
            return "verbatim quote" if note.is_quote else "not a quote"
        if role == Qt.ItemDataRole.FontRole and note.is_quote and col == COL_TEXT:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NUMBER, COL_QUOTE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == NOTE_ROLE:
            return note
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COL_TEXT \
                or self._read_only:
            return False
        note = self._notes[index.row()]
        if str(value) != note.text:
            self.sig_text_edited.emit(note.id, str(value))
        return True

    def _display(self, note: Note, col: int, row: int):
        labels = self._labels
        if col == COL_NUMBER:
            return row + 1
        if col == COL_TABLE:
            return shown(labels.tables.get(note.table_id or "", ""))
        if col == COL_ROUND:
            return shown(labels.rounds.get(note.round_id or "", ""))
        if col == COL_TEXT:
            text = shown(in_quote_marks(note.text) if note.is_quote else note.text)
            return f"{CARE_MARK} Needs care · {text}" if marked_here(note) else text
        if col == COL_QUOTE:
            return "✓" if note.is_quote else ""
        if col in (COL_OUTCOMES, COL_THEMES):
            return shown(", ".join(self._tag_names(note, col)))
        if col == COL_TIME:
            return local_time(note.created_at)
        return None

    def _tag_names(self, note: Note, col: int) -> list[str]:
        if col == COL_OUTCOMES:
            return [self._labels.outcomes.get(i, "") for i in note.outcome_ids]
        return [self._labels.themes.get(i, "") for i in note.theme_ids]

    # --- changing what is shown -------------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def reset(self, notes: Sequence[Note], labels: NoteLabels | None = None) -> None:
        """Show a whole new list (another café was opened)."""
        self.revision += 1
        self.beginResetModel()
        self._notes = list(notes)
        self._folded = [n.text.casefold() for n in self._notes]
        if labels is not None:
            self._labels = labels
        self.endResetModel()

    def set_labels(self, labels: NoteLabels) -> None:
        """New names for tables, rounds, outcomes or themes (the plan changed)."""
        self._labels = labels
        if self._notes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._notes) - 1, len(HEADERS) - 1))

    def sync(self, notes: Sequence[Note]) -> None:
        """Bring the rows in line with `notes` with row-level signals (a full reset only if the order changed)."""
        self.revision += 1
        new_ids = [n.id for n in notes]
        wanted = set(new_ids)
        # 1. rows whose note is gone, removed bottom-up in contiguous runs
        row = len(self._notes) - 1
        while row >= 0:
            if self._notes[row].id in wanted:
                row -= 1
                continue
            last = row
            while row >= 0 and self._notes[row].id not in wanted:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, last)
            del self._notes[row + 1:last + 1]
            del self._folded[row + 1:last + 1]
            self.endRemoveRows()
        # 2. the notes that stayed must be in the same order, otherwise start again
        have = {n.id for n in self._notes}
        if [i for i in new_ids if i in have] != [n.id for n in self._notes]:
            self.reset(notes)
            return
        # 3. new notes inserted where they belong, in contiguous runs
        pos = 0
        while pos < len(notes):
            if notes[pos].id in have:
                pos += 1
                continue
            end = pos
            while end < len(notes) and notes[end].id not in have:
                end += 1
            self.beginInsertRows(QModelIndex(), pos, end - 1)
            self._notes[pos:pos] = notes[pos:end]
            self._folded[pos:pos] = [n.text.casefold() for n in notes[pos:end]]
            self.endInsertRows()
            pos = end
        # 4. notes that changed in place
        for i, note in enumerate(notes):
            if self._notes[i] != note:
                self._notes[i] = note
                self._folded[i] = note.text.casefold()
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))


class NotesFilterProxy(QSortFilterProxyModel):
    """Narrows the notes to a search text (any case, anywhere in the point) and, optionally, one table and round.

    Filtering 50,000 notes goes through one list comprehension over the model's casefolded texts, then a
    per-row lookup; Qt's own regular-expression filter calls `data()` for every row and is ten times slower
    (bench/bench_notes_filter.py).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self._scope: tuple[str | None, str | None] | None = None
        self._accepted: list[bool] | None = None  # per source row, valid while the model's revision is unchanged
        self._accepted_revision = -1
        self._notes_model: NotesModel | None = None

    @property
    def search_text(self) -> str:
        return self._needle

    def set_search(self, text: str) -> None:
        """Show only notes containing `text` (ignoring case); '' shows them all."""
        self.set_filter(text, self._scope)

    def set_scope(self, table_id: str | None, round_id: str | None, *, only_these: bool) -> None:
        """Show only one table and round's notes (`only_these`), or every note."""
        self.set_filter(self._needle, (table_id, round_id) if only_these else None)

    def set_filter(self, text: str, scope: tuple[str | None, str | None] | None) -> None:
        """Both at once, filtering only once: a search text and a (table_id, round_id) or None for all."""
        needle = text.casefold().strip()
        if (needle, scope) != (self._needle, self._scope):
            self._needle, self._scope = needle, scope
            self._refilter()

    def _refilter(self) -> None:
        model = self._notes_model
        if model is None:
            return
        needle, scope = self._needle, self._scope
        texts = model.folded_texts
        if scope is None:
            self._accepted = [needle in t for t in texts] if needle else None
        else:
            notes = model.notes
            self._accepted = [(n.table_id, n.round_id) == scope and needle in t
                              for n, t in zip(notes, texts, strict=True)]
        self._accepted_revision = model.revision
        # A full invalidate re-maps the rows in one pass and announces one layout change; a row filter change
        # would announce every inserted and removed run of rows, which is four times slower on 50,000 notes.
        self.invalidate()

    def setSourceModel(self, model) -> None:
        self._notes_model = model if isinstance(model, NotesModel) else None
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # called once per row from C++ on every search: the cached answer comes first, with as little as can be
        model = self._notes_model
        if model is None:
            return True
        accepted = self._accepted
        if accepted is not None and self._accepted_revision == model.revision:
            return accepted[source_row]
        if not self._needle and self._scope is None:
            return True
        note = model.notes[source_row]
        if self._scope is not None and (note.table_id, note.round_id) != self._scope:
            return False
        return self._needle in model.folded_texts[source_row]
