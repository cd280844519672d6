"""Table notes: points, verbatim quotes, round summaries, their tags; and attendance counts per group."""

from __future__ import annotations

import dataclasses

from cafe_desk.core.attendance import PlaceAttendance, place_attendance
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import NOTE_KINDS, NOTE_SOURCES, Attendance, Note, TableTotal, Theme
from cafe_desk.core.text import printable
from cafe_desk.core.votes import check_count
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.safeguarding import flagged
from cafe_desk.storage.rows import new_id, utc_now

MAX_NOTE_CHARS = 5000
NOTES_CHANGED = Changes(notes=True)
EDITABLE = ("text", "is_quote", "outcome_ids", "theme_ids", "table_id", "round_id", "kind")


def clean_text(text: str) -> str:
    """A note's text without control characters or terminal escapes (pasted text can carry them), trimmed;
    ValidationError if it is empty or too long."""
    text = printable(text or "", lines=True).strip()
    if not text:
        raise ValidationError("An empty point isn't saved; type a few words first.")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(f"This is too long to save ({len(text):,} characters; "
                              f"{MAX_NOTE_CHARS:,} at most). Please split it into shorter points.")
    return text


class NoteService(ServiceBase):
    def list(self, cafe_id: str, table_id: str | None = None, round_id: str | None = None) -> list[Note]:
        """The café's notes, narrowed to one table and/or round when given."""
        with self.store.read():
            return self.store.list_notes(cafe_id, table_id, round_id)

    def get(self, note_id: str) -> Note | None:
        """One note, or None if it is gone."""
        with self.store.read():
            return self.store.get_note(note_id)

    def add(self, cafe_id: str, table_id: str | None, round_id: str | None, text: str, *,
            is_quote: bool = False, outcome_ids=(), theme_ids=(), kind: str = "point",
            source: str = "note-taker") -> tuple[Note, Changes]:
        """Save a new point (or summary); returns it. Empty or over-long text raises ValidationError."""
        self.writable(cafe_id)
        if source not in NOTE_SOURCES or kind not in NOTE_KINDS:
            raise ValueError(f"unknown source/kind {source}/{kind}")
        now = utc_now()
        text = clean_text(text)
        note = flagged(Note(new_id(), cafe_id, table_id, round_id, text, source, kind, bool(is_quote),
                            tuple(outcome_ids), tuple(theme_ids), now, now), text)
        with self.store.transaction():
            self.store.insert_note(note)
        return note, NOTES_CHANGED

    def update(self, note_id: str, **fields) -> tuple[Note, Note, Changes]:
        """Change a note's text, quote mark, tags or place; returns (before, after, Changes)."""
        before = self._existing(note_id)
        self.writable(before.cafe_id)
        after = self._edited(before, fields)
        if after == before:
            return before, before, Changes()
        with self.store.transaction():
            after = self._write_edit(before, after, fields)
        return before, after, NOTES_CHANGED

    def update_many(self, edits: dict[str, dict]) -> Changes:
        """Apply {note id: fields} edits as one all-or-nothing write: if any is refused, none is made."""
        befores = self._all_existing(list(edits))
        for cafe_id in {n.cafe_id for n in befores}:
            self.writable(cafe_id)
        pairs = [(b, self._edited(b, dict(edits[b.id]))) for b in befores]
        pairs = [(b, a) for b, a in pairs if a != b]
        if not pairs:
            return Changes()
        with self.store.transaction():
            for before, after in pairs:
                self._write_edit(before, after, edits[before.id])
        return NOTES_CHANGED

    def delete(self, note_id: str) -> tuple[Note, Changes]:
        """Delete a note; returns it so an undo can restore it."""
        note = self._existing(note_id)
        self.writable(note.cafe_id)
        with self.store.transaction():
            self.store.delete_note(note_id)
            self.store.audit(note.cafe_id, "delete", "note", note_id)
        return note, NOTES_CHANGED

    def delete_many(self, note_ids: list[str]) -> tuple[list[Note], Changes]:
        """Delete several notes as one all-or-nothing write; returns them so one undo can restore them all."""
        notes = self._all_existing(note_ids)
        for cafe_id in {n.cafe_id for n in notes}:
            self.writable(cafe_id)
        with self.store.transaction():
            for note in notes:
                self.store.delete_note(note.id)
                self.store.audit(note.cafe_id, "delete", "note", note.id)
        return notes, NOTES_CHANGED if notes else Changes()

    def restore(self, note: Note) -> Changes:
        """Put back a deleted note exactly as it was (undo)."""
        return self.restore_many([note])

    def restore_many(self, notes: list[Note]) -> Changes:
        """Put back deleted notes exactly as they were (undo), as one all-or-nothing write."""
        for cafe_id in {n.cafe_id for n in notes}:
            self.writable(cafe_id)
        with self.store.transaction():
            present = {n.id for n in self.store.list_notes(None, note_ids=[n.id for n in notes])}
            for note in notes:
                if note.id not in present:
                    self.store.insert_note(note)
                    self.store.audit(note.cafe_id, "restore", "note", note.id)
        return NOTES_CHANGED

    @staticmethod
    def _edited(before: Note, fields: dict) -> Note:
        """The note as `fields` would leave it (checked and cleaned; `updated_at` not yet touched)."""
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {unknown}")
        if "text" in fields:
            fields["text"] = clean_text(fields["text"])
        for key in ("outcome_ids", "theme_ids"):
            if key in fields:
                fields[key] = tuple(fields[key])
        after = dataclasses.replace(before, **fields)
        if "text" in fields:
            after = flagged(after, after.text)  # checked again: an edit can raise a flag, or take a wrong one away
        return after

    def _write_edit(self, before: Note, after: Note, fields: dict) -> Note:
        """Save one edit inside the caller's transaction; returns the note as stored."""
        after = dataclasses.replace(after, updated_at=utc_now())
        if after.text != before.text and before.followed_up:
            # new words need a person's eyes again: a follow-up was for the words as they were
            self.store.clear_followup(before.id)
            self.store.audit(before.cafe_id, "follow-up cleared by an edit", "note", before.id)
            after = dataclasses.replace(after, followed_up=False)
        self.store.update_note(after)
        changed = {k: [getattr(before, k), getattr(after, k)] for k in fields
                   if getattr(before, k) != getattr(after, k)}
        self.store.audit(before.cafe_id, "edit", "note", before.id, changed=changed)
        return after

    def _all_existing(self, note_ids: list[str]) -> list[Note]:
        """The notes with these ids, in the order given; ValidationError if any was deleted in the meantime."""
        with self.store.read():
            found = {n.id: n for n in self.store.list_notes(None, note_ids=list(note_ids))}
        if len(found) < len(set(note_ids)):
            raise ValidationError("One of these points was deleted in the meantime; nothing was changed.")
        return [found[i] for i in dict.fromkeys(note_ids)]

    def _existing(self, note_id: str) -> Note:
        note = self.get(note_id)
        if note is None:
            raise ValidationError("That point was deleted in the meantime; nothing was changed.")
        return note

    # --- the table host's round summary: one per table and round ---------------------------------------------------

    def summary(self, cafe_id: str, table_id: str, round_id: str) -> Note | None:
        """What the table carries forward from this round, or None."""
        return next((n for n in self.list(cafe_id, table_id, round_id) if n.kind == "summary"), None)

    def set_summary(self, cafe_id: str, table_id: str, round_id: str, text: str) -> tuple[Note | None, Changes]:
        """Create, replace or (with empty text) remove what the table carries forward from this round."""
        existing = self.summary(cafe_id, table_id, round_id)
        if not (text or "").strip():
            if existing:
                self.delete(existing.id)
                return None, NOTES_CHANGED
            return None, Changes()
        if existing:
            return self.update(existing.id, text=text)[1], NOTES_CHANGED
        return self.add(cafe_id, table_id, round_id, text, kind="summary")

    # --- attendance -----------------------------------------------------------------------------------------------

    def attendance(self, cafe_id: str) -> list[Attendance]:
        """How many people of each group sat at each table, per round."""
        with self.store.read():
            return self.store.list_attendance(cafe_id)

    def table_totals(self, cafe_id: str) -> list[TableTotal]:
        """Each table's total people per round, where an imported café's bundle gave one (none for a café of this
        laptop: there a table's people are its groups' counts added up)."""
        with self.store.read():
            return self.store.list_table_totals(cafe_id)

    def attendance_at(self, cafe_id: str, table_id: str | None, round_id: str | None) -> PlaceAttendance:
        """What is known of one table's people in one round: counts by group, the groups an imported café's file
        held back, and the table's total where the file gave one (an empty answer for no table or round)."""
        if table_id is None or round_id is None:
            return PlaceAttendance()
        with self.store.read():
            groups = [g.id for g in self.store.list_items("group", cafe_id)]
            return place_attendance((table_id, round_id), groups, self.store.list_attendance(cafe_id),
                                    self.store.list_table_totals(cafe_id),
                                    imported=self.store.cafe_origin(cafe_id) == "imported")

    def set_attendance(self, cafe_id: str, table_id: str, round_id: str, group_id: str,
                       count) -> tuple[int, Changes]:
        """Record how many people of a group sat at a table this round; returns the previous count."""
        previous, changes = self._set_counts(cafe_id, table_id, round_id, {group_id: count})
        return previous.get(group_id, 0), changes

    def set_attendances(self, cafe_id: str, table_id: str, round_id: str, counts: dict[str, object]) -> Changes:
        """Record {group id: count} for a table and round as one all-or-nothing write."""
        return self._set_counts(cafe_id, table_id, round_id, counts)[1]

    def _set_counts(self, cafe_id: str, table_id: str, round_id: str,
                    counts: dict[str, object]) -> tuple[dict[str, int], Changes]:
        self.writable(cafe_id)
        counts = {group_id: check_count(count) for group_id, count in counts.items()}
        previous = {a.group_id: a.count for a in self.attendance(cafe_id)
                    if (a.table_id, a.round_id) == (table_id, round_id)}
        changed = {g: c for g, c in counts.items() if previous.get(g, 0) != c}
        if not changed:
            return previous, Changes()
        with self.store.transaction():
            for group_id, count in changed.items():
                self.store.set_attendance(Attendance(table_id, round_id, group_id, count))
                self.store.audit(cafe_id, "attendance", "table", table_id, round_id=round_id, group_id=group_id,
                                 before=previous.get(group_id, 0), after=count)
        return previous, Changes(attendance=True)

    # --- themes (a codebook file is read by the planning service) ---------------------------------------------

    def themes(self, cafe_id: str) -> list[Theme]:
        """The café's own themes for tagging notes."""
        with self.store.read():
            return self.store.list_items("theme", cafe_id)
