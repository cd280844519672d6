"""The export review's editing controls: a reading pane to remove more words, and putting a removal back.

Everything here changes only the review's items (each a PreviewItem with the facilitator's choices); the choices
belong to this one export and are never saved.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import partial

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.redaction import KIND_WORDS, PreviewItem
from cafe_desk.ui.export.review_model import ReviewModel

KINDS = ("name", "place", "phone", "email", "address", "other")  # what the facilitator can remove by hand
KIND_LABELS = {"place": "Place (a workplace, school, town…)"}  # what "Remove as" calls a kind, where it says more
REMOVE_SHORTCUT = "Ctrl+R"
# on the table and the reading pane: put back a possible name, leave it removed as checked, go to the next one
KEEP_KEY, CHECKED_KEY, NEXT_KEY = Qt.Key.Key_K, Qt.Key.Key_C, Qt.Key.Key_N
REMOVED_COLOUR, PUT_BACK_COLOUR, UNSURE_COLOUR = QColor("#f6cccc"), QColor("#fff0a8"), QColor("#ffd8a8")
MENU_WORDS = 40  # longer words are cut short in menus


def pane_positions(text: str) -> list[int]:
    """The reading pane's cursor position before each character of `text`, and at its end: the pane counts
    characters outside the Basic Multilingual Plane (emoji) twice and shows "\\r\\n" as one line break."""
    positions, at = [], 0
    for i, ch in enumerate(text):
        positions.append(at)
        if not (ch == "\r" and text[i + 1:i + 2] == "\n"):
            at += 2 if ord(ch) > 0xFFFF else 1
    return [*positions, at]


def quoted(words: str) -> str:
    """“words” for a menu: on one line, cut short when long, and with & shown as itself."""
    words = " ".join(words.split())
    words = words if len(words) <= MENU_WORDS else words[:MENU_WORDS - 1] + "…"
    return "“" + words.replace("&", "&&") + "”"


class RedactionEditor(QWidget):
    """The reading pane (the selected item's original text, removals in pink, possible names to check in orange,
    put-back words in yellow), the kind to remove selected words as, "Remove selected words" (Ctrl+R), "Put back a
    removal…", "Keep possible name" (K on the table) and "Next to check" (N). Right-click (or the menu key) on a row
    offers the same put-back choices."""

    #: str — a plain message for the person ("" clears it)
    sig_message = Signal(str)
    #: str — what a change just did ("Checked: “May” stays removed."), not a problem
    sig_note = Signal(str)

    def __init__(self, model: ReviewModel, view: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self.model, self.view = model, view
        self.menu: QMenu | None = None  # the last put-back menu shown
        self._shown: PreviewItem | None = None
        self._positions: list[int] = [0]

        self.pane = QPlainTextEdit()
        self.pane.setReadOnly(True)
        self.pane.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.pane.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pane.setTabChangesFocus(True)
        self.pane.setAccessibleName("Reading pane: the selected item's original text")
        self.pane.setPlaceholderText("Select an item above to read it here.")
        self.pane.setMaximumHeight(self.pane.fontMetrics().lineSpacing() * 4 + 14)
        pane_label = QLabel("Rea&ding pane — select words here to remove them too (struck through on pink: removed; "
                            "wavy line on orange: possible name, to check; underlined on yellow: put back):")
        pane_label.setBuddy(self.pane)
        pane_label.setWordWrap(True)

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS.get(kind) or KIND_WORDS[kind][0][:1].upper() + KIND_WORDS[kind][0][1:], kind)
        self.kind.setAccessibleName("Remove the selected words as")
        kind_label = QLabel("Remove &as:")
        kind_label.setBuddy(self.kind)
        self.remove_button = QPushButton(f"Remove selected &words ({REMOVE_SHORTCUT})")
        self.remove_button.setAccessibleName("Remove the selected words from the export")
        self.remove_button.clicked.connect(self.remove_selected_words)
        self.remove_action = QAction("Remove selected words", self)
        self.remove_action.setShortcut(QKeySequence(REMOVE_SHORTCUT))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.remove_action.triggered.connect(self.remove_selected_words)
        self.addAction(self.remove_action)
        self.put_back_button = QPushButton("&Put back a removal…")
        self.put_back_button.setAccessibleName("Put back a removal in the selected item")
        self.put_back_button.clicked.connect(self.put_back_pressed)
        self.keep_button = QPushButton("Put back possi&ble name (K)")
        self.keep_button.setAccessibleName("Put back the selected possible name: export it as written")
        self.keep_button.clicked.connect(self.keep_possible)
        self.checked_button = QPushButton("C&hecked, leave removed (C)")
        self.checked_button.setAccessibleName("Leave the selected possible name removed: it no longer needs checking")
        self.checked_button.clicked.connect(self.check_possible)
        self.next_button = QPushButton("&Next to check (N)")
        self.next_button.setAccessibleName("Go to the next item with a possible name to check")
        self.next_button.clicked.connect(self.next_to_check)
        help_label = QLabel("Orange: a possible name, removed unless you put it back (K); C marks it checked. To put "
                            "back any other removed word, "
                            "right-click its row or press “Put back a removal…”. Ctrl+Z takes back your last change. "
                            "Your changes apply to this export only.")
        help_label.setWordWrap(True)

        controls = QHBoxLayout()  # in two rows, so that they fit a 1024-pixel screen
        controls.addWidget(kind_label)
        controls.addWidget(self.kind)
        controls.addWidget(self.remove_button)
        controls.addWidget(self.put_back_button)
        controls.addStretch(1)
        checking = QHBoxLayout()
        checking.addWidget(self.next_button)
        checking.addWidget(self.keep_button)
        checking.addWidget(self.checked_button)
        checking.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pane_label)
        layout.addWidget(self.pane)
        layout.addLayout(controls)
        layout.addLayout(checking)
        layout.addWidget(help_label)

        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._row_menu)
        view.installEventFilter(self)
        self.pane.installEventFilter(self)
        view.selectionModel().currentRowChanged.connect(lambda current, _: self.show_row(current.row()))
        model.sig_redactions_changed.connect(self._changed)

    # --- what the pane shows ---------------------------------------------------------------------------------------

    def current_row(self) -> int | None:
        """The row selected in the table, or None."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def show_row(self, row: int | None) -> None:
        """Show the original text of the item on `row` (nothing for None), its removals highlighted."""
        item = self.model.item(row) if row is not None and 0 <= row < self.model.rowCount() else None
        self._shown = item
        self._positions = pane_positions(item.text if item else "")
        self.pane.setPlainText(item.text if item else "")
        self._highlight()

    def _changed(self, row: int) -> None:
        if row == self.current_row():
            self._shown = self.model.item(row)
            cursor = self.pane.textCursor()
            cursor.clearSelection()
            self.pane.setTextCursor(cursor)
            self._highlight()

    def _highlight(self) -> None:
        item, marks = self._shown, []
        spans = [(s, "removed" if s.sure else "unsure") for s in item.removed] + [
            (s, "put back") for s in item.put_back] if item else []
        for span, how in spans:
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.pane.document())
            cursor.setPosition(self._positions[span.start])
            cursor.setPosition(self._positions[span.end], QTextCursor.MoveMode.KeepAnchor)
            # a line as well as a colour, for anyone who can't tell pink, orange and yellow apart
            style = QTextCharFormat()
            style.setBackground({"removed": REMOVED_COLOUR, "unsure": UNSURE_COLOUR, "put back": PUT_BACK_COLOUR}[how])
            style.setFontStrikeOut(how != "put back")
            if how != "removed":
                style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if how == "unsure"
                                        else QTextCharFormat.UnderlineStyle.SingleUnderline)
            mark.cursor, mark.format = cursor, style
            marks.append(mark)
        self.pane.setExtraSelections(marks)

    def _text_index(self, position: int) -> int:
        return bisect_left(self._positions, position)

    # --- removing more -----------------------------------------------------------------------------------------------

    def remove_selected_words(self) -> bool:
        """Remove the words selected in the reading pane (as whole words) from the selected item, as the kind chosen;
        False, with a message, if there is nothing to remove."""
        row = self.current_row()
        if row is None or self._shown is None or self._shown.id != self.model.item(row).id:
            return self._say("Select an item in the list first, then the words to remove in the reading pane.")
        cursor = self.pane.textCursor()
        if not cursor.selectedText().strip():
            return self._say("Select the words to remove in the reading pane first.")
        item = self.model.item(row)
        start, end = self._text_index(cursor.selectionStart()), self._text_index(cursor.selectionEnd())
        changed = item.with_removal(start, end, self.kind.currentData())
        if changed is item:
            return self._say("Those words are already removed.")
        added = next((s for s in changed.removed if s not in item.removed), None)
        words = quoted(item.text[added.start:added.end]) if added else "the words selected"
        self.choose(row, changed, f"Removed {words} as {self.kind.currentText().lower()}")
        return True

    # --- putting back ------------------------------------------------------------------------------------------------

    def choices(self, row: int) -> list[tuple[str, PreviewItem]]:
        """What can be changed on `row`: ("Put back “Siobhán Kowalski”", the item after that) for each removal, then
        ("Remove “…” again", …) for each redaction already put back."""
        item = self.model.item(row)
        return self.put_back_choices(row) + [(f"Remove {quoted(item.text[s.start:s.end])} again",
                                              item.with_removed_again(s)) for s in item.put_back]

    def put_back_choices(self, row: int) -> list[tuple[str, PreviewItem]]:
        """("Put back “Siobhán Kowalski”", the item after that) for each removal on `row`."""
        item = self.model.item(row)
        return [(f"Put back {quoted(item.text[s.start:s.end])}", item.with_put_back(s)) for s in item.removed]

    def put_back_pressed(self) -> None:
        """Put back the selected item's only removal, or offer a menu of its removals when it has several."""
        row = self.current_row()
        if row is None:
            self._say("Select an item in the list first.")
            return
        removals = self.put_back_choices(row)
        if not removals:
            self._say("Nothing is removed from this item, so there is nothing to put back.")
        elif len(removals) == 1:
            self.choose(row, removals[0][1], removals[0][0])
        else:
            self._popup(row, removals, self.put_back_button.mapToGlobal(QPoint(0, self.put_back_button.height())))

    def keep_possible(self) -> bool:
        """Put back the possible name (or place) selected in the reading pane, or else the selected item's first one
        still removed; False, with a message, if it has none."""
        return self._decide_possible(put_back=True)

    def check_possible(self) -> bool:
        """Leave the possible name selected in the reading pane (or else the item's first one) removed, as checked:
        it no longer counts as one to check. False, with a message, if there is none."""
        return self._decide_possible(put_back=False)

    def _decide_possible(self, put_back: bool) -> bool:
        row = self.current_row()
        if row is None:
            return self._say("Select an item in the list first.")
        item = self.model.item(row)
        if not item.to_check:
            return self._say("Nothing in this item is marked to check."
                             + (" To put back another removal, right-click the item or press “Put back a removal…”."
                                if put_back and item.removed else ""))
        span = self._aimed_at(item)
        words = quoted(item.text[span.start:span.end])
        self.choose(row, item.with_put_back(span) if put_back else item.with_checked(span),
                    f"Put back {words}" if put_back else f"Checked {words}")
        said = f"Put back {words}: it will be exported as written." if put_back else f"Checked: {words} stays removed."
        if not (self._select_next_possible(row, after=span.start) or self._select_next_possible(row)):
            # this item is done: on to the next to check
            following = self.model.next_to_check(row)
            if following is None or following == row:
                said += " Nothing is left to check."
            else:
                self._go_to(following)
        self.sig_note.emit(said)
        return True

    def _go_to(self, row: int) -> None:
        """Select `row` in the list and its first possible name in the reading pane."""
        self.view.setCurrentIndex(self.model.index(row, self.view.currentIndex().column()
                                                   if self.view.currentIndex().isValid() else 0))
        self.view.scrollTo(self.view.currentIndex())
        self._select_next_possible(row)

    def _aimed_at(self, item: PreviewItem):
        """The removal to check that the reading pane's selection (or cursor) is in, else the first one."""
        if self._shown is not None and self._shown.id == item.id:
            cursor = self.pane.textCursor()
            start, end = self._text_index(cursor.selectionStart()), self._text_index(cursor.selectionEnd())
            for span in item.to_check:
                if span.start <= end and start <= span.end:
                    return span
        return item.to_check[0]

    def _select_next_possible(self, row: int, after: int = -1) -> bool:
        """Select, in the reading pane, the next removal to check on `row` after position `after` (in the text)."""
        item = self.model.item(row)
        span = next((s for s in item.to_check if s.start > after), None)
        if span is None or self._shown is None or self._shown.id != item.id:
            return False
        cursor = QTextCursor(self.pane.document())
        cursor.setPosition(self._positions[span.start])
        cursor.setPosition(self._positions[span.end], QTextCursor.MoveMode.KeepAnchor)
        self.pane.setTextCursor(cursor)
        return True

    def next_to_check(self) -> bool:
        """Select the next possible name to check: the next one in the item shown, else the next item with one (its
        first selected in the reading pane); False, with a message, if there is none."""
        current = self.current_row()
        if current is not None and not self.model.rows[current].leave_out and self._shown is not None \
                and self._shown.id == self.model.item(current).id:
            cursor = self.pane.textCursor()
            at = self._text_index(cursor.selectionStart()) if cursor.hasSelection() else -1
            if self._select_next_possible(current, at):
                self._say("")
                return True
        row = self.model.next_to_check(current)
        if row is None:
            self.sig_note.emit("Nothing is left to check: every possible name has been put back or checked.")
            return False
        wrapped = current is not None and row <= current
        self.sig_note.emit("Back to the first item to check." if wrapped else "")
        self._go_to(row)
        return True

    def choose(self, row: int, item: PreviewItem, what: str = "") -> None:
        """Show `item` (the same note with other choices) on `row`; `what` ("Put back “May”") is said, and named so
        in undo."""
        self.sig_note.emit(f"{what}." if what else "")
        self.model.set_item(row, item, what or "Change what is removed")

    def eventFilter(self, watched, event) -> bool:
        """On the table: the Menu key (or Shift+F10) opens the selected row's menu, on every platform. On the table
        and the reading pane: K puts back the possible name selected (or the row's first), C leaves it removed as
        checked, N goes to the next one to check."""
        if watched in (self.view, self.pane) and event.type() == event.Type.KeyPress:
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if watched is self.view and (event.key() == Qt.Key.Key_Menu or (
                    event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier)):
                self._row_menu(QPoint(-1, -1))
                return True
            if plain and event.key() == KEEP_KEY:
                self.keep_possible()
                return True
            if plain and event.key() == CHECKED_KEY:
                self.check_possible()
                return True
            if plain and event.key() == NEXT_KEY:
                self.next_to_check()
                return True
        return super().eventFilter(watched, event)

    def _row_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            index = self.view.currentIndex()
            pos = self.view.visualRect(index).center()
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        choices = self.choices(index.row())
        if choices:
            self._popup(index.row(), choices, self.view.viewport().mapToGlobal(pos))
        else:
            self._say("Nothing is removed from this item, so there is nothing to put back.")

    def _popup(self, row: int, choices: list[tuple[str, PreviewItem]], at: QPoint) -> None:
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = QMenu(self)
        self.menu.setAccessibleName("Put back a removal")
        for label, item in choices:
            self.menu.addAction(label).triggered.connect(partial(self.choose, row, item, label))
        self.menu.popup(at)

    def _say(self, message: str) -> bool:
        self.sig_message.emit(message)
        return False
