"""Typing in paper comment cards, one after another, with the keyboard alone: the card's table, what it is about, its
consent box and its words. Enter keeps the card and clears the form for the next; each card is one undoable step.

The dialog only edits: it hands each card to the page (`sig_card`), which saves it through the comments service, so a
card meets the same length limit, consent rule and risk finder as a comment from a phone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.counts import counted
from cafe_desk.core.model import Group, Outcome, Round, Table
from cafe_desk.core.participant_words import COMMENT_LIMIT, CONSENT
from cafe_desk.ui.widgets.alert_label import AlertLabel

#: a paste longer than this is not taken (laying out megabytes of text would freeze the window for seconds)
PASTE_LIMIT = 20 * COMMENT_LIMIT
NO_TABLE = "Not written on the card"
GENERAL = "Not sure / general"  # as on the phone page
NO_GROUP = "None ticked"
INTRO = ("Type each card as it is written. Enter keeps the card and clears the form for the next one; "
         "Shift+Enter starts a new line.")
TAKEN_BACK = "The last card was taken back."
NOT_TAKEN_BACK = "The last card couldn't be taken back, so it is still kept (the café may have been closed)."
PUT_BACK = "The card is back."
NOTHING_TO_TAKE_BACK = "There is no card typed in here to take back."


def too_long_to_paste(length: int) -> str:
    """The message for a paste that is far beyond what a card can hold."""
    return (f"That is {length:,} characters, far more than a card holds ({COMMENT_LIMIT:,} at most), so it wasn't "
            "pasted. Please paste a shorter part.")


class CardText(QPlainTextEdit):
    """The card's words. Enter finishes the card, Shift+Enter starts a new line, Tab moves on; a paste far too long
    for a card is refused with a message instead of freezing the window."""

    #: no arguments — Enter was pressed (keep this card)
    sig_submitted = Signal()
    #: str — a paste was refused; the message says why
    sig_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # a real line break, not Qt's line separator character
            else:
                self.sig_submitted.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        length = len(source.text()) if source.hasText() else 0
        if length > PASTE_LIMIT:
            self.sig_refused.emit(too_long_to_paste(length))
            return
        super().insertFromMimeData(source)


class HistoryKeys(QObject):
    """Ctrl+Z and Ctrl+Shift+Z undo and redo the typing in the card's box while it has typing to undo; otherwise they
    reach the dialog's own Undo and Redo (the cards), as in the note-taker's line."""

    def __init__(self, text: QPlainTextEdit):
        super().__init__(text)
        self._text = text
        text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        document = self._text.document()
        if (event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()) or \
                (event.matches(QKeySequence.StandardKey.Redo) and not document.isRedoAvailable()):
            event.ignore()
            return True
        return False


class PaperCardsDialog(QDialog):
    """One paper card after another. The page saves each card (`sig_card`) and says how it went (`card_saved`,
    `card_refused`); Undo and Redo here take back and put back the cards typed in since the dialog was opened."""

    #: (text, consent ticked, table id, round id, outcome id, group id; each None if not on the card) — keep this card
    sig_card = Signal(str, bool, object, object, object, object)

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Type in paper cards")
        self.undo_stack = undo_stack
        # Undo and Redo here reach only the steps between these two: the cards typed in since the dialog was opened
        self._first_step = self._last_step = undo_stack.index()
        self.table = QComboBox()
        self.table.setAccessibleName("Table written on the card")
        self.about = QComboBox()
        self.about.setAccessibleName("Question or outcome the card is about")
        self.about.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.about.setMinimumContentsLength(40)
        self.group = QComboBox()
        self.group.setAccessibleName("Group ticked on the card")
        self.consent = QCheckBox(f"&Consent box ticked: “{CONSENT}”")
        self.consent.setAccessibleName("The card's consent box is ticked")
        self.text = CardText()
        self.text.setAccessibleName("The card's words")
        self.text.setPlaceholderText(f"The words on the card, up to {COMMENT_LIMIT:,} characters as on the phone page")
        self.count = QLabel()
        self.count.setAccessibleName("Cards typed in")
        self.message = AlertLabel()
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setTextFormat(Qt.TextFormat.PlainText)
        self.saved.setAccessibleName("What happened to the last card")
        self.save_btn = QPushButton("&Save card (Enter)")
        self.clear_btn = QPushButton("C&lear card")
        self.undo_btn = QPushButton("&Undo last card (Ctrl+Z)")
        self.close_btn = QPushButton("Close")
        for button, name in ((self.save_btn, "Keep this card and clear the form for the next one"),
                             (self.clear_btn, "Clear the form without keeping the card"),
                             (self.undo_btn, "Take back the last card typed in"),
                             (self.close_btn, "Close; the cards typed in are kept")):
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.save_btn.setDefault(True)  # Enter in the table or question list, or on the tick box, keeps the card too
        for button in (self.clear_btn, self.undo_btn, self.close_btn):
            button.setAutoDefault(False)

        self.text.sig_submitted.connect(self.submit)
        self.text.sig_refused.connect(self.show_refusal)
        self.save_btn.clicked.connect(self.submit)
        self.clear_btn.clicked.connect(self.clear)
        self.undo_btn.clicked.connect(self.take_back)
        self.close_btn.clicked.connect(self.close)
        HistoryKeys(self.text)
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.take_back),
                           (QKeySequence.StandardKey.Redo, self.put_back)):
            action = QAction(self)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            self.addAction(action)
        self._layout()
        self._show_undo()

    def _layout(self) -> None:
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (("&Table:", self.table), ("&About (question or outcome):", self.about),
                            ("&Group:", self.group)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.consent)
        words = QLabel("Card's &words:")
        words.setBuddy(self.text)
        form.addRow(words, self.text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_btn)
        buttons.addWidget(self.clear_btn)
        buttons.addWidget(self.undo_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.close_btn)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.saved)
        layout.addLayout(buttons)
        self.setTabOrder(self.table, self.about)
        self.setTabOrder(self.about, self.group)
        self.setTabOrder(self.group, self.consent)
        self.setTabOrder(self.consent, self.text)
        self.setTabOrder(self.text, self.save_btn)
        self.resize(760, 460)

    # --- what the page hands in ---------------------------------------------------------------------------------------

    def set_plan(self, tables: list[Table], rounds: list[Round], outcomes: list[Outcome],
                 groups: list[Group] = ()) -> None:
        """The café's tables, questions, outcomes and groups to choose from (a choice still there stays chosen)."""
        table, about, group = self.table.currentData(), self.about.currentData(), self.group.currentData()
        self.group.clear()
        self.group.addItem(NO_GROUP, None)
        for g in groups:
            self.group.addItem(g.name, g.id)
        self.group.setCurrentIndex(max(self.group.findData(group), 0))
        self.table.clear()
        self.table.addItem(NO_TABLE, None)
        for t in tables:
            self.table.addItem(f"{t.number}" + (f" — {t.name}" if t.name else ""), t.id)
        self.about.clear()
        self.about.addItem(GENERAL, None)
        for r in rounds:
            self.about.addItem(f"Question {r.number}: {r.prompt}", ("round", r.id))
        for o in outcomes:
            self.about.addItem(f"Outcome: {o.title}", ("outcome", o.id))
        self.table.setCurrentIndex(max(self.table.findData(table), 0))
        self.about.setCurrentIndex(max(self.about.findData(about), 0))

    def set_count(self, cards: int) -> None:
        """How many paper cards the café has now."""
        self.count.setText(f"{counted(cards, 'card')} typed in")

    def card_saved(self, note_text: str) -> None:
        """The page kept the card: the form is cleared for the next one, starting again at the table."""
        self._last_step = self.undo_stack.index()
        self.clear()
        self.saved.setText(note_text)
        self._show_undo()

    def card_refused(self, message: str) -> None:
        """The page could not keep the card: say why; everything typed stays on screen."""
        self.saved.clear()
        self.show_refusal(message)

    def show_refusal(self, message: str) -> None:
        self.message.show_message(message)

    # --- the person's keys ------------------------------------------------------------------------------------------

    def submit(self) -> None:
        """Hand the card as it is on screen to the page."""
        about = self.about.currentData()
        round_id = about[1] if about and about[0] == "round" else None
        outcome_id = about[1] if about and about[0] == "outcome" else None
        self.sig_card.emit(self.text.toPlainText(), self.consent.isChecked(), self.table.currentData(), round_id,
                           outcome_id, self.group.currentData())

    def clear(self) -> None:
        """An empty form for the next card, the keyboard back on the table."""
        self.text.setPlainText("")  # also forgets the typing history: Ctrl+Z now takes back the card itself
        self.consent.setChecked(False)
        for choice in (self.table, self.about, self.group):
            choice.view().keyboardSearch("")  # the next card's "3" picks table 3, not "23" with the last card's "2"
            choice.setCurrentIndex(0)
        self.message.show_message("")
        self.saved.clear()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def take_back(self) -> None:
        """Undo the last card typed in since the dialog opened (only those: steps from the page stay put)."""
        if self.undo_stack.index() <= self._first_step or not self.undo_stack.canUndo():
            self.saved.setText(NOTHING_TO_TAKE_BACK)
            return
        steps = self.undo_stack.count()
        self.undo_stack.undo()
        self._show_undo()
        if self.undo_stack.count() < steps:  # the step failed and was dropped: the card is still there
            self._first_step = self._last_step = self.undo_stack.index()
            self.saved.clear()
            self.message.show_message(NOT_TAKEN_BACK)
            return
        self.message.show_message("")
        self.saved.setText(TAKEN_BACK)

    def put_back(self) -> None:
        """Redo a card taken back here."""
        if self.undo_stack.canRedo() and self._first_step <= self.undo_stack.index() < self._last_step:
            self.undo_stack.redo()
            self.message.show_message("")
            self.saved.setText(PUT_BACK)
            self._show_undo()

    def showEvent(self, event) -> None:
        """Opened (again): its Undo reaches back only to the cards typed in from now on; the keyboard starts at the
        table."""
        super().showEvent(event)
        self._first_step = self._last_step = self.undo_stack.index()
        self._show_undo()
        if not self.text.toPlainText():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_undo(self, *_args) -> None:
        self.undo_btn.setEnabled(self.undo_stack.canUndo() and self.undo_stack.index() > self._first_step)
