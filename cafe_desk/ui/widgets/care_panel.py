"""The calm "what to do now" panel beside a flagged item, and the small dialog to mark it followed up.

Both pages that hold flagged items (Comments, Notes) show the same panel; it writes nothing itself and announces what
the person chose through signals, so the page makes the undoable step.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.model import FollowUp, Note
from cafe_desk.core.safeguarding import COMMENT_SOURCES, kind_label
from cafe_desk.ui.notes.notes_model import CARE_MARK, local_time
from cafe_desk.ui.widgets.plain_text import in_quote_marks

NO_LEAD = "not set yet: add who to tell on the Plan page, Support & safeguarding tab."


EXCERPT = 90  # characters of the item shown in the panel and the dialog, so it is clear which one is meant


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of an item's text on one line ("…" when cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def care_html(note: Note, support_lines, lead: str) -> str:
    """The panel's words for this item: which item, what was noticed, then what to do now, in short plain steps (the
    Notes page's column is narrow, so the steps that matter most come first)."""
    esc = html.escape
    who = ("If you can tell who wrote it, check in with them kindly and in private." if note.source in COMMENT_SOURCES
           else "Talk with whoever wrote it, and decide together who checks in with the person.")
    danger = ("A child may be at risk: tell your safeguarding lead today. A child in danger now: call 999."
              if note.flag == "child" else "Someone in danger now: call 999.")
    lines = " · ".join(f"{esc(name)} {esc(number)}" for name, number in support_lines)
    tell = (f"Tell your safeguarding lead: <b>{esc(lead)}</b>." if lead else
            f"Tell your safeguarding lead ({esc(NO_LEAD)})")
    steps = [esc(danger), esc(who), tell, f"Support lines: {lines}."]
    words = f" Noticed: “{esc(note.flag_words)}”." if note.flag_words else ""
    return (f"<p><i>{esc(in_quote_marks(excerpt(note.text)))}</i></p>"
            f"<p>{words} Café Desk only flags it: it hides and changes nothing.</p>"
            "<p><b>What to do now</b></p><ol style='margin-left:-20px'>"
            + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")


class CarePanel(QFrame):
    """Shows one flagged item's "what to do now" and its follow-up; hidden when there is nothing to show."""

    #: str — the note id the person wants to mark as followed up
    sig_follow_up = Signal(str)
    #: str — the note id whose follow-up the person wants to take back
    sig_take_back = Signal(str)
    #: no arguments — "Next" was pressed: show the next item that needs care
    sig_next = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.note: Note | None = None
        self.setObjectName("carePanel")
        self.setStyleSheet("#carePanel { background: #fff8e1; border: 2px solid #8a6d00; border-radius: 4px; }"
                           " #carePanel QLabel { color: #222; }")
        self.setAccessibleName("What to do now")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAccessibleName("What was noticed and what to do now")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # initials and notes are shown exactly as typed
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Follow-up")
        self.follow_btn = QPushButton("Mark as &followed up…")
        self.follow_btn.setDefault(False)
        self.follow_btn.setAccessibleName("Mark this item as followed up")
        self.take_back_btn = QPushButton("Take &back follow-up")
        self.next_btn = QPushButton("&Next that needs care")
        self.follow_btn.clicked.connect(lambda: self.note and self.sig_follow_up.emit(self.note.id))
        self.take_back_btn.clicked.connect(lambda: self.note and self.sig_take_back.emit(self.note.id))
        self.next_btn.clicked.connect(self.sig_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.follow_btn)
        buttons.addWidget(self.take_back_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.next_btn)
        scroll = QScrollArea()  # a narrow column (the Notes page) scrolls the steps rather than cutting them off
        scroll.setAccessibleName("What was noticed and what to do now")
        self.scroll = scroll
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(self.fontMetrics().height() * 9)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMaximumWidth(480)
        self.hide()

    def tab_order(self) -> list[QWidget]:
        """Its controls in the order they are on screen: the steps (to scroll them), then the buttons."""
        return [self.scroll, self.follow_btn, self.take_back_btn, self.next_btn]

    def show_note(self, note: Note | None, *, followup: FollowUp | None = None, support_lines=(), lead: str = "",
                  waiting: int = 0, where: str = "") -> None:
        """Show this flagged item (None or an unflagged one hides the panel). `waiting`: how many items on this page
        still need care (the Next button shows when there is another); `where`: "Table 2, round 1" and the like."""
        previous = self.note.id if self.note else None
        self.note = note if note is not None and note.flag else None
        if self.note is None:
            self.hide()
            return
        state = "Followed up" if followup else "Needs care"
        self.heading.setText(f"{CARE_MARK} {state}: {kind_label(self.note.flag)}" + (f" · {where}" if where else ""))
        self.body.setText(care_html(self.note, support_lines, lead))
        if self.note.id != previous:
            self.scroll.verticalScrollBar().setValue(0)  # another item: start at its top
        if followup:
            when = local_time(followup.at)
            self.status.setText(f"Followed up by {followup.by} at {when}" + (f": {followup.note}" if followup.note
                                                                              else "."))
        else:
            self.status.setText("Not followed up yet.")
        focused = self.follow_btn.hasFocus() or self.take_back_btn.hasFocus()
        self.follow_btn.setVisible(followup is None)
        self.take_back_btn.setVisible(followup is not None)
        self.next_btn.setVisible(waiting > (0 if followup else 1))
        self.show()
        if focused:  # keep the keyboard here, on the button that now stands in its place, never on another page's
            (self.take_back_btn if followup else self.follow_btn).setFocus()


class FollowUpDialog(QDialog):
    """Asks who followed up (initials or a name) and, optionally, a short note of what was done."""

    def __init__(self, by: str = "", parent: QWidget | None = None, item: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Mark as followed up")
        self.by = QLineEdit(by)
        self.by.setAccessibleName("Your initials or name")
        self.by.setMaxLength(60)
        self.note = QLineEdit()
        self.note.setAccessibleName("What was done (optional)")
        self.note.setPlaceholderText("For example: spoke with them at the break; gave the Breathing Space number")
        self.note.setMaxLength(500)
        self.note.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.by.textChanged.connect(lambda: self.message.clear())
        what = QLabel(in_quote_marks(excerpt(item)) if item else "")
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        what.setAccessibleName("The item being followed up")
        what.setVisible(bool(item))
        intro = QLabel("This is kept on this laptop, with the café's record of who did what. It is never exported.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your &initials or name:", self.by)
        form.addRow("What was &done (optional):", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark as followed up")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        """(initials or name, note) as typed."""
        return self.by.text().strip(), self.note.text().strip()

    def _accept(self) -> None:
        if not self.by.text().strip():
            self.message.setText("Please type your initials or name, so others know who followed this up.")
            self.by.setFocus()
            return
        self.accept()


class CareSteps:
    """A page's follow-up actions for its CarePanel: ask who followed up, then one undoable step; take it back."""

    def __init__(self, page, care: CarePanel):
        self.page = page
        self.care = care
        self.last_by = ""  # offered again in the dialog: the same person often follows up several items
        care.sig_follow_up.connect(self.ask)
        care.sig_take_back.connect(self.take_back)

    def show(self, note: Note | None, waiting: int = 0, where: str = "") -> None:
        """Show `note` in the panel with its follow-up, the café's support lines and its safeguarding lead."""
        cafe = self.page.cafe
        if note is None or cafe is None or not note.flag:
            self.care.show_note(None)
            return
        services = self.page.services
        self.care.show_note(note, followup=services.safeguarding.followup(note.id),
                            support_lines=services.channel.settings(cafe.id).support_lines,
                            lead=services.safeguarding.lead(cafe.id), waiting=waiting, where=where)

    def ask(self, note_id: str) -> None:
        item = self.care.note.text if self.care.note is not None and self.care.note.id == note_id else ""
        dialog = FollowUpDialog(self.last_by, self.page, item)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        by, text = dialog.values()
        dialog.deleteLater()
        self.page.window().activateWindow()  # the keyboard goes back to the page it came from
        if accepted:
            self.follow_up(note_id, by, text)

    def follow_up(self, note_id: str, by: str, text: str = "") -> None:
        """Mark the item followed up, as one undoable step."""
        care = self.page.services.safeguarding
        self.last_by = by
        self.page.push("Mark as followed up", lambda: care.follow_up(note_id, by, text),
                       lambda: care.undo_follow_up(note_id))
        if care.followup(note_id) is not None:
            self.page.sig_message.emit(f"Marked as followed up by {by}. Ctrl+Z takes it back.")

    def take_back(self, note_id: str) -> None:
        """Take back a follow-up (it needs care again), as one undoable step."""
        care = self.page.services.safeguarding
        before = care.followup(note_id)
        if before is None:
            return
        self.page.push("Take back follow-up", lambda: care.undo_follow_up(note_id),
                       lambda: care.follow_up(note_id, before.by, before.note))
