"""The export review's table: every item with its redactions (struck through, or put back), and "Leave out" ticks.
Each change the facilitator makes is one step on the review's own undo stack (Ctrl+Z, Ctrl+Shift+Z in the dialog)."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QTextDocument, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from cafe_desk.core.counts import Counts, label
from cafe_desk.core.redaction import KIND_WORDS, REPLACEMENTS, UNSURE_WORDS, Overrides, PreviewItem
from cafe_desk.core.safeguarding import kind_label
from cafe_desk.ui.widgets.plain_text import shown, tip

COL_LEAVE_OUT, COL_WHERE, COL_TEXT = range(3)
HEADERS = ("Leave out", "Where", "Text (struck through: removed; in brackets: what replaces it; orange: check it)")
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
REASONS = {"hidden": "hidden", "flagged": "needs care, not yet followed up"}
REMOVED_STYLE = 'style="color:#a33"'
PLACEHOLDER_STYLE = 'style="color:#064"'
PUT_BACK_STYLE = 'style="background-color:#fff0a8"'
UNSURE_STYLE = 'style="background-color:#ffd8a8"'
UNSURE_NOTE = '<i style="color:#7a3d00">(check)</i>'


@dataclass
class ReviewRow:
    """One note or comment under review, and whether it will be left out."""

    item: PreviewItem
    leave_out: bool

    @property
    def locked(self) -> bool:
        """Hidden items never leave the laptop: their box can't be unticked."""
        return self.item.left_out == "hidden"


def review_html(item: PreviewItem, left_out: bool) -> str:
    """The original text with each removal struck through and its placeholder after it (on orange and marked
    "(check)" where the finder was unsure), and each redaction the facilitator put back highlighted and marked
    "(put back)"; all greyed when the item is left out."""
    marks = sorted([(s, True) for s in item.removed] + [(s, False) for s in item.put_back], key=lambda m: m[0].start)
    out, at = [], 0
    for span, removed in marks:
        words = html.escape(shown(item.text[span.start:span.end]))  # cleaned piece by piece: the spans still fit
        out.append(html.escape(shown(item.text[at:span.start])))
        if removed and not span.sure:
            out.append(f"<span {UNSURE_STYLE}><s {REMOVED_STYLE}>{words}</s>&nbsp;<b {PLACEHOLDER_STYLE}>"
                       f"{REPLACEMENTS.get(span.kind)}</b></span>&nbsp;{UNSURE_NOTE}")
        elif removed:
            out.append(f"<s {REMOVED_STYLE}>{words}</s>&nbsp;<b {PLACEHOLDER_STYLE}>{REPLACEMENTS.get(span.kind)}</b>")
        else:
            out.append(f'<span {PUT_BACK_STYLE}>{words}</span>&nbsp;<i style="color:#555">(put back)</i>')
        at = span.end
    body = "".join(out) + html.escape(shown(item.text[at:]))
    return f'<span style="color:#777"><i>{body}</i></span>' if left_out else body


def where(item: PreviewItem) -> str:
    """"Table 2, round 1" for a point, "Table 2, round 1 (summary)" for what a table carries forward, "Comment,
    round 2" for a participant's comment; a flagged item says so ("… · Needs care: may be harming themselves")."""
    head = {"participant": "Comment", "paper": "Paper card"}.get(item.source) or (
        f"Table {item.table}" if item.table else label(item.source, item.kind))
    flag = f"\nNeeds care: {kind_label(item.flag).lower()}" if item.flag else ""
    what = " (summary)" if item.kind == "summary" else ""
    return head + (f", round {item.round}" if item.round else "") + what + flag


def and_list(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


class ReviewModel(QAbstractTableModel):
    """Every item the export would carry, with a "Leave out" check box; hidden and flagged ones left out at first.
    The facilitator's changes to an item's redactions replace its PreviewItem (`set_item`)."""

    #: emitted whenever an item is left out or put back
    sig_left_out_changed = Signal()
    #: int — the row whose redactions the facilitator changed
    sig_redactions_changed = Signal(int)

    def __init__(self, items: list[PreviewItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.rows = self._rows(items)
        self.undo_stack = QUndoStack(self)
        self.last_changed_row: int | None = None  # the row the last change, taken back or made again, was made on

    @staticmethod
    def _rows(items: list[PreviewItem]) -> list[ReviewRow]:
        # items held back for care come first, then the other flagged ones, so the facilitator decides on them first;
        # then those with something to check, then those with something removed: what needs a look is at the top;
        # within each, points by table and round, then comments
        ordered = sorted(items, key=lambda i: (i.left_out != "flagged", not i.flag, not i.to_check, not i.removed,
                                               i.source != "note-taker", i.table or 0, i.round or 0))
        return [ReviewRow(i, bool(i.left_out)) for i in ordered]

    def set_items(self, items: list[PreviewItem]) -> None:
        """Show these items instead (the review once it has been read), each left out as it was at first."""
        self.beginResetModel()
        self.rows = self._rows(items)
        self.endResetModel()
        self.undo_stack.clear()
        self.sig_left_out_changed.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_LEAVE_OUT and not self.rows[index.row()].locked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        item = row.item
        if col == COL_LEAVE_OUT:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.leave_out else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                reason = REASONS.get(item.left_out, "")
                return f"Left out ({reason})" if row.leave_out and reason else "Left out" if row.leave_out else ""
        elif col == COL_WHERE and role == Qt.ItemDataRole.DisplayRole:
            return where(item)
        elif col == COL_TEXT:
            if role == Qt.ItemDataRole.DisplayRole:
                return item.redacted  # exactly what leaves the laptop; the delegate draws HTML_ROLE
            if role == HTML_ROLE:
                return review_html(item, row.leave_out)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(item.text)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != COL_LEAVE_OUT or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        leave_out = Qt.CheckState(value) == Qt.CheckState.Checked
        if row.locked:
            return False
        if leave_out != row.leave_out:
            what = "Leave out" if leave_out else "Take back in"
            self.undo_stack.push(_RowChange(self, index.row(), row.item, leave_out, what))
        return True

    def _restore(self, row: int, item: PreviewItem, leave_out: bool) -> None:
        """Show `row` with `item` and its "Leave out" tick as given (an undo step's redo or undo)."""
        state = self.rows[row]
        out_changed, item_changed = state.leave_out != leave_out, state.item != item
        state.item, state.leave_out = item, leave_out
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_TEXT))
        if item_changed:
            self.sig_redactions_changed.emit(row)
        if out_changed:
            self.sig_left_out_changed.emit()

    def item(self, row: int) -> PreviewItem:
        """The item shown on `row`, with the facilitator's changes to its redactions."""
        return self.rows[row].item

    def set_item(self, row: int, item: PreviewItem, what: str = "Change what is removed") -> None:
        """Show `item` (the same note with other redaction choices) on `row`; `what` names the change, as undo
        says it ("Put back “May”")."""
        if item == self.rows[row].item:
            return
        self.undo_stack.push(_RowChange(self, row, item, self.rows[row].leave_out, what))

    def overrides(self) -> Overrides:
        """The facilitator's changes to redactions, by note id, for the export (items without changes left out)."""
        return {r.item.id: r.item.choices for r in self.rows if r.item.choices}

    def choices(self) -> dict[str, tuple]:
        """Each row's choices as they stand (what it removes or puts back, whether it is left out), by note id: two
        of these compare equal when nothing was changed between them."""
        return {r.item.id: (r.item.choices, r.leave_out) for r in self.rows}

    def leave_out(self) -> set[str]:
        """Ids of the items that will be left out."""
        return {r.item.id for r in self.rows if r.leave_out}

    def next_to_check(self, after: int | None) -> int | None:
        """The first row after `after` (from the top for None, wrapping round) with a removal to check, or None."""
        count = len(self.rows)
        first = -1 if after is None else after
        for step in range(1, count + 1):
            row = (first + step) % count
            if not self.rows[row].leave_out and self.rows[row].item.to_check:
                return row
        return None

    def include_flagged(self) -> bool:
        """True when the facilitator put back at least one flagged comment."""
        return any(r.item.left_out == "flagged" and not r.leave_out for r in self.rows)

    def summary(self) -> str:
        """"12 points, 2 comments will be exported: 12 names and 3 phone numbers removed, among them 4 possible names
        to check; 2 comments left out"."""
        kept = [r for r in self.rows if not r.leave_out]
        counts = Counter(s.kind for r in kept for s in r.item.removed)
        removed = [f"{n} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in counts.most_common()]
        unsure = Counter(s.kind for r in kept for s in r.item.to_check)
        check = [f"{n} {UNSURE_WORDS.get(k, KIND_WORDS.get(k, (k, k)))[n != 1]}" for k, n in unsure.most_common()]
        line = f"{Counts.of((r.item.source, r.item.kind) for r in kept).phrase()} will be exported: "
        line += and_list(removed) + " removed" if removed else "nothing personal found"
        line += f", among them {and_list(check)} to check" if check else ""  # the unsure finds are removed too
        out = Counts.of((r.item.source, r.item.kind) for r in self.rows if r.leave_out)
        return line + (f"; {out.phrase(always=())} left out" if out.total else "")


class _RowChange(QUndoCommand):
    """One change to one row of the review: what it removes or puts back, or whether it is left out."""

    def __init__(self, model: ReviewModel, row: int, item: PreviewItem, leave_out: bool, text: str):
        super().__init__(text)
        self.model, self.row = model, row
        self.after = (item, leave_out)
        self.before = (model.rows[row].item, model.rows[row].leave_out)

    def redo(self) -> None:
        self.model.last_changed_row = self.row
        self.model._restore(self.row, *self.after)

    def undo(self) -> None:
        self.model.last_changed_row = self.row
        self.model._restore(self.row, *self.before)


class HtmlDelegate(QStyledItemDelegate):
    """Draws the review text as rich text (struck-through findings, placeholders in bold), wrapped to the column."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view

    def _document(self, index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.view.font())
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(width, 50))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(index, option.rect.width() - 8)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        doc = self._document(index, self.view.columnWidth(index.column()) - 8)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 4)
