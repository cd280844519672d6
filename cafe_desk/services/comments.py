"""Participants' comments (sent from phones, or written on paper cards and typed in at the laptop), table hosts' points
arriving from phones, and the facilitator's moderation of them."""

from __future__ import annotations

import csv
import dataclasses
import io

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.model import COMMENT_SOURCES, Cafe, Note
from cafe_desk.core.participant_words import COMMENT_LIMIT
from cafe_desk.core.text import printable
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.safeguarding import flagged
from cafe_desk.storage.rows import new_id, utc_now

NOTES_CHANGED = Changes(notes=True)
ENDED = "This café has ended. Thank you for taking part."
PAPER_CLOSED = "This café is closed, so paper cards can't be typed in. Reopen it from the café list to add them."
PAPER_NO_CONSENT = ("The consent box on this card isn't ticked, so the card can't be kept. Its words stay here "
                    "until you clear them.")


class CafeEnded(UserError):
    """The café is closed: participants see a kind "this café has ended" page."""


def clean_comment(text: str, limit: int = COMMENT_LIMIT) -> str:
    """A comment as it will be stored: control characters and terminal escapes dropped (a phone can send any bytes;
    line breaks and tabs kept), ends trimmed; empty or too long raises ValidationError."""
    text = printable(text or "", lines=True).strip()
    if not text:
        raise ValidationError("Please write your comment in the box before sending it.")
    if len(text) > limit:
        raise ValidationError(f"Your comment is {len(text):,} characters long; the limit is {limit:,}. "
                              "Please shorten it a little — what you wrote is still in the box.")
    return text


class CommentService(ServiceBase):
    def _open(self, cafe: Cafe) -> Cafe:
        if cafe.is_closed:
            raise CafeEnded(ENDED)
        return cafe

    def _still_open(self, cafe_id: str, message: str = ENDED) -> None:
        """Inside the write's transaction: the café may have closed since it was first checked (the desk closes it on
        its own connection), and then nothing is written."""
        cafe = self.store.get_cafe(cafe_id)
        if cafe is None or cafe.is_closed:
            raise CafeEnded(message)

    def submit(self, cafe_id: str, text: str, *, consent: bool, round_id: str | None = None,
               outcome_id: str | None = None, group_id: str | None = None) -> tuple[Note, Changes]:
        """Store a participant's comment. Needs consent; flags (never hides) words that suggest risk."""
        cafe = self._open(self.cafe(cafe_id))
        text = clean_comment(text)
        if not consent:
            raise ValidationError("Please tick the box to say your comment can be used, without your name, "
                                  "in the report.")
        return self._store_comment(cafe, text, "participant", None, round_id, outcome_id, group_id, ENDED)

    def add_paper(self, cafe_id: str, text: str, *, consent: bool, table_id: str | None = None,
                  round_id: str | None = None, outcome_id: str | None = None,
                  group_id: str | None = None) -> tuple[Note, Changes]:
        """Store a paper comment card typed in at the laptop, under the same rules as a phone comment (the same
        length limit, consent, the same risk finder), with the table and the group written on the card. A card whose
        consent box isn't ticked is refused (ValidationError), as is every card once the café is closed (CafeEnded)."""
        cafe = self.cafe(cafe_id)
        if cafe.is_closed:
            raise CafeEnded(PAPER_CLOSED)
        text = clean_comment(text)
        if not consent:
            raise ValidationError(PAPER_NO_CONSENT)
        return self._store_comment(cafe, text, "paper", table_id, round_id, outcome_id, group_id, PAPER_CLOSED)

    def _store_comment(self, cafe: Cafe, text: str, source: str, table_id: str | None, round_id: str | None,
                       outcome_id: str | None, group_id: str | None, closed: str) -> tuple[Note, Changes]:
        """A participant's own words, checked already, read for risk and written in one transaction; ids that are
        not (or no longer) the café's are left out rather than refused."""
        with self.store.read():
            tables = {t.id for t in self.store.list_items("table", cafe.id)}
            rounds = {r.id for r in self.store.list_items("round", cafe.id)}
            outcomes = {o.id for o in self.store.list_items("outcome", cafe.id)}
            groups = {g.id for g in self.store.list_items("group", cafe.id)}
        now = utc_now()
        note = Note(new_id(), cafe.id, table_id if table_id in tables else None,
                    round_id if round_id in rounds else None, text, source=source,
                    outcome_ids=(outcome_id,) if outcome_id in outcomes else (), created_at=now, updated_at=now,
                    group_id=group_id if group_id in groups else None, consent=True)
        note = flagged(note, text)
        with self.store.transaction():
            self._still_open(cafe.id, closed)
            self.store.insert_note(note)
        return note, NOTES_CHANGED

    def host_add(self, table_id: str, round_id: str | None, text: str) -> tuple[Note, Changes]:
        """A table host's point sent from a phone or tablet, for that table's current round."""
        with self.store.read():
            table = self.store.get_item("table", table_id)
        if table is None:
            raise ValidationError("This table is no longer in the café's plan.")
        cafe = self._open(self.cafe(table.cafe_id))
        text = clean_comment(text)
        now = utc_now()
        note = flagged(Note(new_id(), cafe.id, table.id, round_id, text, created_at=now, updated_at=now), text)
        with self.store.transaction():
            self._still_open(cafe.id)
            self.store.insert_note(note)
        return note, NOTES_CHANGED

    # --- moderation -----------------------------------------------------------------------------------------------

    def comments(self, cafe_id: str) -> list[Note]:
        """Participants' comments from phones and paper cards, oldest first, hidden ones included (marked)."""
        with self.store.read():  # one query: two comments in the same millisecond keep the order they came in
            return self.store.list_notes(cafe_id, sources=tuple(COMMENT_SOURCES))

    def unseen(self, cafe_id: str) -> int:
        """How many comments arrived since the facilitator last looked at them (every one, before the first look)."""
        with self.store.read():
            return self.store.comments_after(cafe_id, self.store.comments_seen_at(cafe_id))[0]

    def mark_seen(self, cafe_id: str) -> None:
        """The facilitator has seen every comment there is now (kept on this laptop, never exported or audited)."""
        with self.store.read():
            seen = self.store.comments_seen_at(cafe_id)
            unseen, newest = self.store.comments_after(cafe_id, seen)
        if unseen:
            with self.store.transaction():
                self.store.set_comments_seen_at(cafe_id, newest)

    def set_hidden(self, note_id: str, hidden: bool) -> Changes:
        """Hide a comment from the presenter window (unpinning it), or show it again."""
        return self._moderate(note_id, "hide" if hidden else "unhide", hidden=hidden,
                              **({"pinned": False} if hidden else {}))

    def set_pinned(self, note_id: str, pinned: bool) -> Changes:
        """Choose the one comment for the presenter window (pinning another unpins the last)."""
        note = self._existing(note_id)
        if pinned and note.hidden:
            raise ValidationError("A hidden comment can't go on the projector; unhide it first.")
        if pinned:
            for other in self.comments(note.cafe_id):
                if other.pinned and other.id != note_id:
                    self._moderate(other.id, "unpin", pinned=False)
        return self._moderate(note_id, "pin" if pinned else "unpin", pinned=pinned)

    def pinned(self, cafe_id: str) -> Note | None:
        """The comment pinned for the presenter window, unless it was hidden since."""
        return next((n for n in self.comments(cafe_id) if n.pinned and not n.hidden), None)

    def _existing(self, note_id: str) -> Note:
        with self.store.read():
            note = self.store.get_note(note_id)
        if note is None:
            raise ValidationError("That comment is no longer here.")
        return note

    def _moderate(self, note_id: str, action: str, **fields) -> Changes:
        note = self._existing(note_id)
        self.writable(note.cafe_id)
        after = dataclasses.replace(note, **fields)
        if after == note:
            return Changes()
        with self.store.transaction():
            self.store.update_note(dataclasses.replace(after, updated_at=utc_now()))
            self.store.audit(note.cafe_id, action, "comment", note_id)
        return NOTES_CHANGED

    def audit_csv(self, cafe_id: str) -> str:
        """The café's audit log (who/what/when, never comment text) as CSV."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["when (UTC)", "action", "what", "id", "detail"])
        with self.store.read():
            entries = self.store.audit_entries(cafe_id)
        for e in entries:
            writer.writerow([e["at"], e["action"], e["entity"], e["entity_id"] or "", e["detail"]])
        return out.getvalue()
