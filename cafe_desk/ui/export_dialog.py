"""The "Export for the central team" dialog: who can open the file, a review of every redaction, then the export."""

from __future__ import annotations

import contextlib
import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.export.anonymise import PLACEHOLDERS
from cafe_desk.export.cafe_export import KIND_WORDS, ExportResult, PreviewItem
from cafe_desk.export.keys import PUBLIC_PREFIX, SECRET_PREFIX, BadKey, parse_recipient
from cafe_desk.services import Services
from cafe_desk.services.exporting import ExportService, export_to_file
from cafe_desk.ui.ops import Op, run_op

COL_LEAVE_OUT, COL_WHERE, COL_TEXT = range(3)
HEADERS = ("Leave out", "Where", "Text (struck through: removed; in brackets: what replaces it)")
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_KEY_FILE = 64 * 1024
REASONS = {"hidden": "hidden", "flagged": "flagged for care"}


@dataclass
class ReviewRow:
    """One note or comment under review, and whether it will be left out."""

    item: PreviewItem
    leave_out: bool

    @property
    def locked(self) -> bool:
        """Hidden items never leave the laptop: their box can't be unticked."""
        return self.item.left_out == "hidden"


def redacted_text(item: PreviewItem) -> str:
    """The text as it will be exported: each finding replaced by its placeholder."""
    out, at = [], 0
    for span in item.spans:
        out += [item.text[at:span.start], PLACEHOLDERS.get(span.kind, "[REMOVED]")]
        at = span.end
    return "".join(out) + item.text[at:]


def review_html(item: PreviewItem, left_out: bool) -> str:
    """The original text with each finding struck through and its placeholder after it (greyed when left out)."""
    out, at = [], 0
    for span in item.spans:
        out += [html.escape(item.text[at:span.start]),
                f'<s style="color:#a33">{html.escape(item.text[span.start:span.end])}</s>'
                f'&nbsp;<b style="color:#064">{PLACEHOLDERS.get(span.kind, "[REMOVED]")}</b>']
        at = span.end
    body = "".join(out) + html.escape(item.text[at:])
    return f'<span style="color:#777"><i>{body}</i></span>' if left_out else body


class ReviewModel(QAbstractTableModel):
    """Every item the export would carry, with a "Leave out" check box; hidden and flagged ones left out at first."""

    #: emitted whenever an item is left out or put back
    sig_left_out_changed = Signal()

    def __init__(self, items: list[PreviewItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.rows = [ReviewRow(i, bool(i.left_out)) for i in items]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
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
                return redacted_text(item)
            if role == HTML_ROLE:
                return review_html(item, row.leave_out)
            if role == Qt.ItemDataRole.ToolTipRole:
                return item.text
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != COL_LEAVE_OUT or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        if row.locked:
            return False
        row.leave_out = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, self.index(index.row(), COL_TEXT))
        self.sig_left_out_changed.emit()
        return True

    def leave_out(self) -> set[str]:
        """Ids of the items that will be left out."""
        return {r.item.id for r in self.rows if r.leave_out}

    def include_flagged(self) -> bool:
        """True when the facilitator put back at least one flagged comment."""
        return any(r.item.left_out == "flagged" and not r.leave_out for r in self.rows)

    def summary(self) -> str:
        """"14 items will be exported: 12 names and 3 phone numbers removed; 2 comments left out"."""
        kept = [r for r in self.rows if not r.leave_out]
        counts = Counter(s.kind for r in kept for s in r.item.spans)
        removed = [f"{n} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in counts.most_common()]
        line = f"{len(kept)} item{'s' if len(kept) != 1 else ''} will be exported: "
        if removed:
            line += (", ".join(removed[:-1]) + " and " + removed[-1] if len(removed) > 1 else removed[0]) + " removed"
        else:
            line += "nothing personal found"
        out = Counter("comment" if r.item.source == "participant" else "note" for r in self.rows if r.leave_out)
        parts = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(out.items())]
        return line + ("; " + " and ".join(parts) + " left out" if parts else "")


def where(item: PreviewItem) -> str:
    """"Table 2, round 1" for a note, "Comment, round 2" for a participant's comment."""
    head = "Comment" if item.source == "participant" else f"Table {item.table}" if item.table else "Note"
    return head + (f", round {item.round}" if item.round else "")


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


class ExportDialog(QDialog):
    """Review a café's notes and comments, choose who can open the file, and write the encrypted `.cafe` bundle."""

    #: str — the path of a bundle that was written
    sig_exported = Signal(str)

    def __init__(self, services: Services, cafe_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.cafe_id = services, cafe_id
        self.exporter = ExportService(services)
        self.op: Op | None = None
        self.result: ExportResult | None = None
        cafe = services.cafes.cafe(cafe_id)
        self.setWindowTitle(f"Export “{cafe.title}” for the central team")
        self.setAccessibleName("Export for the central team")

        self.keys = QPlainTextEdit()
        self.keys.setAccessibleName("Central team's public keys")
        self.keys.setPlaceholderText("age1… (one key a line)")
        self.keys.setTabChangesFocus(True)
        self.keys.setMaximumHeight(70)
        self.keys.setPlainText("\n".join(self.exporter.last_recipients()))
        keys_label = QLabel("&Central team's public keys, one a line (only they can open the file):")
        keys_label.setBuddy(self.keys)
        self.open_key = QPushButton("Open &key file…")
        self.open_key.setAccessibleName("Open the central team's public key file")
        self.open_key.clicked.connect(self._choose_key_file)

        self.model = ReviewModel(self.exporter.preview(cafe_id), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Items to export, with what will be removed")
        self.view.setItemDelegateForColumn(COL_TEXT, HtmlDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_LEAVE_OUT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        review_label = QLabel("&Review: tick “Leave out” for anything that should not leave this laptop "
                              "(Space ticks the selected row). Hidden comments never leave.")
        review_label.setBuddy(self.view)
        review_label.setWordWrap(True)

        self.summary = QLabel()
        self.summary.setAccessibleName("Summary of the export")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a1c1c;")
        self.export_button = QPushButton("&Export…")
        self.export_button.setDefault(True)
        self.export_button.setAccessibleName("Export the encrypted file")
        self.export_button.clicked.connect(self.choose_and_export)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)

        keys_row = QHBoxLayout()
        keys_row.addWidget(self.keys, 1)
        keys_row.addWidget(self.open_key, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(keys_label)
        layout.addLayout(keys_row)
        layout.addWidget(review_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.model.sig_left_out_changed.connect(self._update_summary)
        self.view.installEventFilter(self)
        self._update_summary()
        self.view.resizeRowsToContents()

    # --- recipients ------------------------------------------------------------------------------------------------

    def recipients(self) -> list[str]:
        """The public keys typed or pasted, one a line, each checked; a BadKey naming the line that is wrong."""
        keys: list[str] = []
        for number, line in enumerate(self.keys.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            try:
                parse_recipient(line)
            except BadKey:
                raise BadKey(f"Line {number} of the public keys doesn't look like a public key: it should start "
                             f"with {PUBLIC_PREFIX}…") from None
            if line.strip() not in keys:
                keys.append(line.strip())
        if not keys:
            raise BadKey(f"Paste the central team's public key (it starts with {PUBLIC_PREFIX}…) or open their "
                         "key file, so only they can open the export.")
        return keys

    def load_key_file(self, path: str | Path) -> bool:
        """Add the public keys in a key file (lines starting with age1) to the list; a plain message if none."""
        path = Path(path)
        try:
            with open(path, "rb") as f:
                text = f.read(MAX_KEY_FILE).decode("utf-8", errors="replace")
        except OSError:
            return self._say(f"{path.name} can't be read, so no key was added.")
        found = [w for line in text.splitlines() for w in line.replace("#", " ").replace(":", " ").split()
                 if w.startswith(PUBLIC_PREFIX)]
        if not found and SECRET_PREFIX in text:
            return self._say(f"{path.name} is the central team's secret key: ask them for their public key instead.")
        if not found:
            return self._say(f"{path.name} has no public key in it (a line starting with {PUBLIC_PREFIX}).")
        current = self.keys.toPlainText().split()
        self.keys.setPlainText("\n".join(current + [k for k in found if k not in current]))
        self._say("")
        return True

    def _choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open the central team's public key", "",
                                              "Public keys (*.pub *.txt *.key);;All files (*)")
        if path:
            self.load_key_file(path)

    # --- review ------------------------------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        """Space on a selected row ticks or unticks its "Leave out" box, whichever column has focus."""
        if watched is self.view and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            index = self.view.currentIndex()
            if index.isValid():
                box = self.model.index(index.row(), COL_LEAVE_OUT)
                ticked = box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                self.model.setData(box, Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked,
                                   Qt.ItemDataRole.CheckStateRole)
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        """Rows are sized to their wrapped text once the columns have their real widths."""
        super().showEvent(event)
        QTimer.singleShot(0, self.view.resizeRowsToContents)

    def _update_summary(self) -> None:
        self.summary.setText(self.model.summary())

    # --- export ------------------------------------------------------------------------------------------------------

    def choose_and_export(self) -> None:
        """Ask where to save the file, then export to it."""
        try:
            self.recipients()
        except BadKey as exc:
            self._say(str(exc))
            return
        cafe = self.services.cafes.cafe(self.cafe_id)
        name = "".join(c if c.isalnum() else "-" for c in f"{cafe.date} {cafe.locality}".strip()).strip("-")
        path, _ = QFileDialog.getSaveFileName(self, "Save the export", str(Path.home() / f"{name or 'cafe'}.cafe"),
                                              "Café exports (*.cafe)")
        if path:
            self.export_to(path if Path(path).suffix else path + ".cafe")

    def export_to(self, path: str | Path) -> Op | None:
        """Export to `path` off the GUI thread; the running Op, or None (with a message) if it can't start."""
        if self.op is not None and not self.op.done:
            return None
        try:
            recipients = self.recipients()
        except BadKey as exc:
            self._say(str(exc))
            return None
        self._say("")
        self.result = None
        db_path, cafe_id = self.services.store.path, self.cafe_id
        leave_out, include_flagged = self.model.leave_out(), self.model.include_flagged()
        target = str(path)

        def work(ctx):
            return export_to_file(db_path, cafe_id, recipients, target, leave_out=leave_out,
                                  include_flagged=include_flagged, cancelled=ctx.cancelled, progress=ctx.progress)

        def done(result: ExportResult) -> None:
            self.result = result
            self.export_button.setEnabled(True)
            with contextlib.suppress(UserError):  # the export worked; remembering the keys is only a convenience
                self.exporter.remember_recipients(recipients)
            self.summary.setText(result.summary(target))
            self.sig_exported.emit(target)

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self._say(message)

        self.export_button.setEnabled(False)
        self.op = run_op(self, "Exporting…", work, done, failed)
        return self.op

    def _say(self, message: str) -> bool:
        self.message.setText(message)
        return not message
