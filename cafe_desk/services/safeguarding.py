"""Safeguarding on the laptop: checking every written route for risk, the items that still need care, marking one
"followed up" (undoable, kept in the audit log, never exported) and each café's safeguarding lead."""

from __future__ import annotations

import dataclasses
import unicodedata

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import FollowUp, Note
from cafe_desk.core.safeguarding import COMMENT_SOURCES, check_text
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import utc_now

NOTES_CHANGED = Changes(notes=True)
MAX_BY = 60
MAX_NOTE = 500
MAX_LEAD = 300


def flagged(note: Note, text: str) -> Note:
    """The note with its flag set from `text` by the risk finder (cleared when nothing is found)."""
    found = check_text(text)
    return dataclasses.replace(note, flag=found.kind if found else "", flag_words=found.words if found else "")


def _visible(text: str | None) -> str:
    """The text without control or invisible characters (NUL, zero-width spaces): initials made only of those are
    no initials at all."""
    return "".join(c for c in (text or "") if c in "\n\t" or not unicodedata.category(c).startswith("C"))


class SafeguardingService(ServiceBase):
    def needs_care(self, cafe_id: str) -> list[Note]:
        """Flagged items of the café not yet marked followed up, oldest first (hidden ones too: hiding is not
        following up)."""
        with self.store.read():
            return [n for n in self.store.list_notes(cafe_id, flagged=True) if not n.followed_up]

    def counts(self, cafe_id: str) -> dict[str, int]:
        """How many items need care on each page: {"Comments": n, "Notes": m} (one small query)."""
        with self.store.read():
            by_source = self.store.care_counts(cafe_id)
        counts = {"Comments": 0, "Notes": 0}
        for source, n in by_source.items():
            counts["Comments" if source in COMMENT_SOURCES else "Notes"] += n
        return counts

    def followup(self, note_id: str) -> FollowUp | None:
        """Who followed up this item, or None."""
        with self.store.read():
            return self.store.get_followup(note_id)

    def follow_up(self, note_id: str, by: str, note: str = "") -> Changes:
        """Mark a flagged item followed up by `by` (initials or a name) now, with a short note."""
        by, note = " ".join(_visible(by).split()), _visible(note).strip()
        if not by:
            raise ValidationError("Please type your initials or name, so others know who followed this up.")
        if len(by) > MAX_BY:
            raise ValidationError(f"Initials or a name, please ({MAX_BY} characters at most).")
        if len(note) > MAX_NOTE:
            raise ValidationError(f"Please keep the note short ({len(note):,} characters; {MAX_NOTE} at most).")
        item = self._flagged(note_id)
        with self.store.transaction():
            self.store.set_followup(FollowUp(item.id, by, utc_now(), note))
            self.store.audit(item.cafe_id, "followed up", "note", item.id, by=by, note=note)
        return NOTES_CHANGED

    def undo_follow_up(self, note_id: str) -> Changes:
        """Take back a follow-up (undo): the item needs care again."""
        item = self._flagged(note_id)
        with self.store.transaction():
            self.store.clear_followup(item.id)
            self.store.audit(item.cafe_id, "follow-up taken back", "note", item.id)
        return NOTES_CHANGED

    def _flagged(self, note_id: str) -> Note:
        with self.store.read():
            note = self.store.get_note(note_id)
        if note is None:
            raise ValidationError("That item is no longer here.")
        if not note.flag:
            raise ValidationError("That item isn't flagged, so there is nothing to follow up.")
        if self._imported(note.cafe_id):
            raise ValidationError("Imported cafés are kept exactly as they arrived.")
        return note

    def _imported(self, cafe_id: str) -> bool:
        with self.store.read():
            return self.store.cafe_origin(cafe_id) == "imported"

    # --- the organisation's safeguarding lead, per café (never exported) ---------------------------------------------

    def lead(self, cafe_id: str) -> str:
        """Who to tell in the organisation running this café, as the facilitator typed it ("" when not set)."""
        with self.store.read():
            return self.store.safeguarding_lead(cafe_id)

    def set_lead(self, cafe_id: str, text: str) -> Changes:
        """Set who to tell (a name and how to reach them); empty clears it."""
        self.writable(cafe_id)
        text = " ".join(_visible(text).split())
        if len(text) > MAX_LEAD:
            raise ValidationError(f"Please keep this short: a name and a phone number ({MAX_LEAD} characters at most).")
        if text == self.lead(cafe_id):
            return Changes()
        with self.store.transaction():
            self.store.set_safeguarding_lead(cafe_id, text)
            self.store.audit(cafe_id, "edit", "safeguarding lead", cafe_id)
        return Changes(plan=True)
