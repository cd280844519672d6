"""The comments table's model and filter: `CommentsModel` over a list of participants' `Note` values (from phones
and paper cards), and `CommentsProxy` (flagged comments first, newest next; "Flagged only")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cafe_desk.core.model import Note
from cafe_desk.core.safeguarding import kind_label
from cafe_desk.ui.notes.notes_model import CARE_MARK, NOTE_ROLE, Index, local_time, needs_care
from cafe_desk.ui.widgets.plain_text import shown, tip

COL_TIME, COL_FLAG, COL_COMMENT, COL_ABOUT, COL_GROUP, COL_STATE = range(6)
HEADERS = ("Time", "Care", "Comment", "About", "Group", "State")
#: under the time of a comment typed in from a paper card (a phone's comment has the time alone: most come by phone)
PAPER = "Paper"
PAPER_TIP = "Typed in from a paper card"
FLAG_BADGE = f"{CARE_MARK} Needs care"
FOLLOWED_UP = "Followed up"


@dataclass
class CommentLabels:
    """How ids are shown: question (round), outcome and group names, and table numbers, by id."""

    tables: dict[str, int] = field(default_factory=dict)
    rounds: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)


#: not hidden, not pinned, and not on the projector yet ("new" elsewhere means arrived since the page was last seen)
NOT_SHOWN = "Not shown yet"
HIDDEN = "Hidden"
PINNED_NOT_YET = "Pinned (not yet on screen)"
PINNED_OFF_SCREEN = "Pinned (off the screen now)"
ON_SCREEN = "On the projector now"
WAS_ON_SCREEN = "Was on the projector"
#: what was on the projector is not stored: the page remembers it only while Café Desk stays open
STATE_TIP = ("Whether the room has seen the comment on the projector, or it is pinned or hidden. "
             "“Was on the projector” is remembered until Café Desk closes.")
#: every State value: the column is made wide enough for the short ones; the pinned ones wrap onto two lines
STATES = (NOT_SHOWN, HIDDEN, ON_SCREEN, WAS_ON_SCREEN, PINNED_NOT_YET, PINNED_OFF_SCREEN)


def state_text(note: Note, on_screen: str | None = None, was_on_screen: frozenset[str] = frozenset()) -> str:
    """What is true of the comment now: hidden, on the projector, pinned (and whether it has been on screen), was
    on the projector, or not shown yet. `on_screen` is the id of the comment the projector shows; `was_on_screen`
    the ids it has shown."""
    if note.hidden:
        return HIDDEN
    if note.id == on_screen:
        return ON_SCREEN
    if note.pinned:
        return PINNED_OFF_SCREEN if note.id in was_on_screen else PINNED_NOT_YET
    return WAS_ON_SCREEN if note.id in was_on_screen else NOT_SHOWN


class CommentsModel(QAbstractTableModel):
    """Comments in the order they arrived, one row each. The model never writes: the panel calls the services and
    hands the model the new list with `sync`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comments: list[Note] = []
        self.labels = CommentLabels()
        self.on_screen: str | None = None
        self.was_on_screen: frozenset[str] = frozenset()

    # --- loading ------------------------------------------------------------------------------------------------

    def load(self, comments: Sequence[Note], labels: CommentLabels) -> None:
        """A whole new list (another café)."""
        self.beginResetModel()
        self.comments, self.labels = list(comments), labels
        self.endResetModel()

    def set_projection(self, on_screen: str | None, was_on_screen: frozenset[str]) -> None:
        """Which comment the projector shows now (its id, or None) and which it has shown: the State column."""
        if (on_screen, was_on_screen) == (self.on_screen, self.was_on_screen):
            return
        self.on_screen, self.was_on_screen = on_screen, frozenset(was_on_screen)
        if self.comments:
            self.dataChanged.emit(self.index(0, COL_STATE), self.index(len(self.comments) - 1, COL_STATE))

    def set_labels(self, labels: CommentLabels) -> None:
        """New names for questions, outcomes and groups (the plan changed); the rows stay where they are."""
        self.labels = labels
        if self.comments:
            self.dataChanged.emit(self.index(0, COL_TIME), self.index(len(self.comments) - 1, COL_GROUP))

    def sync(self, comments: Sequence[Note]) -> list[Note]:
        """The service's current list for the same café: changed rows are updated in place and new ones inserted at
        the end (never a reset for one row). Returns the comments that were new."""
        comments = list(comments)
        known = {n.id: i for i, n in enumerate(self.comments)}
        if any(n.id not in {c.id for c in comments} for n in self.comments) or \
                [n.id for n in comments if n.id in known] != [n.id for n in self.comments]:
            self.load(comments, self.labels)  # something was removed or reordered: rare, start again
            return []
        last_col = len(HEADERS) - 1
        for note in comments:
            row = known.get(note.id)
            if row is not None and self.comments[row] != note:
                self.comments[row] = note
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_col))
        new = [n for n in comments if n.id not in known]
        if new:
            first = len(self.comments)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.comments.extend(new)
            self.endInsertRows()
        return new

    def row_of(self, note_id: str) -> int:
        return next((i for i, n in enumerate(self.comments) if n.id == note_id), -1)

    # --- Qt model -----------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.comments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_STATE:
            return STATE_TIP
        return None

    def about(self, note: Note) -> str:
        parts = []
        if note.round_id:
            parts.append(self.labels.rounds.get(note.round_id, "a question"))
        parts += [self.labels.outcomes.get(o, "an outcome") for o in note.outcome_ids]
        return "; ".join(parts)

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.comments):
            return None
        note, col = self.comments[index.row()], index.column()
        if role == NOTE_ROLE:
            return note
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = shown(self._text(note, col))
            if role == Qt.ItemDataRole.ToolTipRole and col == COL_TIME and note.source == "paper":
                return " ".join((PAPER_TIP, *paper_lines(note, self.labels)[1:]))
            if role == Qt.ItemDataRole.ToolTipRole and col == COL_FLAG and note.flag:
                return tip(f"{kind_label(note.flag)}. It contains “{note.flag_words}”. Café Desk hid nothing: please "
                           "read it with care.")
            return tip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        emphasised = (col == COL_FLAG and needs_care(note)) or (col == COL_COMMENT and note.hidden)
        if role == Qt.ItemDataRole.FontRole and emphasised:
            font = QFont()
            font.setBold(col == COL_FLAG)
            font.setItalic(note.hidden)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and note.hidden:
            return QBrush(QColor("#666666"))
        return None

    @staticmethod
    def _group(labels: CommentLabels, note: Note) -> str:
        return labels.groups.get(note.group_id, "") if note.group_id else ""

    def _text(self, note: Note, col: int) -> str:
        if col == COL_TIME:
            return "\n".join((local_time(note.created_at), *paper_lines(note, self.labels)))
        if col == COL_COMMENT:
            return note.text
        if col == COL_ABOUT:
            return self.about(note)
        if col == COL_GROUP:
            return self._group(self.labels, note)
        if col == COL_FLAG:
            return flag_text(note)
        return state_text(note, self.on_screen, self.was_on_screen)


def paper_lines(note: Note, labels: CommentLabels) -> tuple[str, ...]:
    """The lines under the time that say a comment came on a paper card: "Paper", and "table 3" when the card names
    its table; none for a comment from a phone."""
    if note.source != "paper":
        return ()
    number = labels.tables.get(note.table_id) if note.table_id else None
    return (PAPER, f"table {number}") if number is not None else (PAPER,)


def flag_text(note: Note) -> str:
    """"⚑ Needs care", "Followed up", or "" for an unflagged comment (the kind is in the tooltip and the panel)."""
    if not note.flag:
        return ""
    return FOLLOWED_UP if note.followed_up else FLAG_BADGE


class CommentsProxy(QSortFilterProxyModel):
    """Flagged comments on top, then the others, each newest first; `set_flagged_only` leaves only the flagged ones.
    A flagged comment stays where it is once followed up, so the row being worked on never jumps away."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.flagged_only = False
        self.setDynamicSortFilter(True)

    def set_flagged_only(self, on: bool) -> None:
        self.flagged_only = on
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.flagged_only:
            return True
        note = self.sourceModel().comments[source_row]
        return bool(note.flag)

    def lessThan(self, left: Index, right: Index) -> bool:
        comments = self.sourceModel().comments  # in arrival order, so a later row is a newer comment
        a, b = comments[left.row()], comments[right.row()]
        return (not a.flag, -left.row()) < (not b.flag, -right.row())
