"""The café's support lines: who participants can call now, shown on every phone page (one per line); and the
organisation's safeguarding lead, who the facilitator tells when something needs care (kept on this laptop)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.safeguarding import DEFAULT_SUPPORT_LINES
from cafe_desk.ui.shell.panel import PushStep

LEAD_EXPLANATION = ("Who to tell in your organisation when a comment or a point needs care: shown beside every "
                    "flagged item. It stays on this laptop and is never exported.")
EXPLANATION = ("Every phone page shows these under “If you need to talk to someone now”. One per line: the name, "
               "a colon, then the number. They are saved when you leave the box.")


def format_lines(lines) -> str:
    return "\n".join(f"{name}: {number}" for name, number in lines)


def parse_lines(text: str) -> list[tuple[str, str]]:
    """(name, number) pairs from "Name: number" lines; ValidationError names the first line that isn't one."""
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name, sep, number = line.rpartition(":")
        if not sep or not name.strip() or not any(ch.isdigit() for ch in number):
            raise ValidationError(f"Line {i} needs a name, a colon and a number, for example “Samaritans: 116 123”.")
        out.append((name.strip(), number.strip()))
    return out


class _LeavingEdit(QPlainTextEdit):
    sig_left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.sig_left.emit()


class SupportLinesBox(QWidget):
    """Edits the open café's support lines and safeguarding lead, each change one step through `push` (the page's
    undo path)."""

    #: str — why what was typed can't be used, in one line
    sig_message = Signal(str)

    def __init__(self, services, push: PushStep, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.push = push
        self.cafe_id: str | None = None
        self.saved: list[tuple[str, str]] = []
        self.edit = _LeavingEdit()
        self.edit.setAccessibleName("Support lines, one per line: name, colon, number")
        self.edit.setTabChangesFocus(True)
        self.edit.sig_left.connect(self.save)
        self.reset_btn = QPushButton("Use the &usual lines")
        self.reset_btn.setToolTip(format_lines(DEFAULT_SUPPORT_LINES))
        self.reset_btn.clicked.connect(self.use_defaults)
        note = QLabel(EXPLANATION)
        note.setWordWrap(True)
        self.lead = QLineEdit()
        self.lead.setAccessibleName("Safeguarding lead: name and how to reach them")
        self.lead.setPlaceholderText("For example: Jo, our safeguarding lead, 0131 000 0000")
        self.lead.editingFinished.connect(self.save_lead)
        self.saved_lead = ""
        lead_note = QLabel(LEAD_EXPLANATION)
        lead_note.setWordWrap(True)
        lead_form = QFormLayout()
        lead_form.addRow("Safeguarding &lead:", self.lead)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reset_btn)
        layout.addSpacing(12)
        layout.addWidget(lead_note)
        layout.addLayout(lead_form)

    def load(self, cafe_id: str | None, editable: bool) -> None:
        self.cafe_id = cafe_id
        if cafe_id is None:
            self.edit.clear()
            self.lead.clear()
            return
        self.saved_lead = self.services.safeguarding.lead(cafe_id)
        self.lead.setText(self.saved_lead)
        self.lead.setReadOnly(not editable)
        self.saved = list(self.services.channel.settings(cafe_id).support_lines)
        self.edit.setPlainText(format_lines(self.saved))
        self.edit.setReadOnly(not editable)
        self.reset_btn.setEnabled(editable)

    def save(self) -> None:
        if self.cafe_id is None or self.edit.isReadOnly():
            return
        try:
            lines = parse_lines(self.edit.toPlainText())
        except ValidationError as exc:
            self.sig_message.emit(str(exc))
            return
        self._set(lines)

    def save_lead(self) -> None:
        """Save the safeguarding lead if it was changed (an undoable step)."""
        if self.cafe_id is None or self.lead.isReadOnly():
            return
        text, old, care, cafe_id = self.lead.text(), self.saved_lead, self.services.safeguarding, self.cafe_id
        if " ".join(text.split()) == old:
            return
        if self.push("Change safeguarding lead", lambda: care.set_lead(cafe_id, text),
                     lambda: care.set_lead(cafe_id, old)) is None:
            self.saved_lead = care.lead(cafe_id)
        else:
            self.lead.setText(old)

    def use_defaults(self) -> None:
        self.edit.setPlainText(format_lines(DEFAULT_SUPPORT_LINES))
        self._set(list(DEFAULT_SUPPORT_LINES))

    def _set(self, lines: list[tuple[str, str]]) -> None:
        if lines == self.saved or (not lines and self.saved == list(DEFAULT_SUPPORT_LINES)):
            return
        cafe_id, old, channel = self.cafe_id, list(self.saved), self.services.channel
        if self.push("Change support lines", lambda: channel.set_support_lines(cafe_id, lines),
                     lambda: channel.set_support_lines(cafe_id, old)) is None:
            self.saved = list(channel.settings(cafe_id).support_lines)
