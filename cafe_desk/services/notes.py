"""Table notes: points, verbatim quotes, round summaries, their tags; and attendance counts per group."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.model import NOTE_KINDS, NOTE_SOURCES, Attendance, Note, Theme
from cafe_desk.core.votes import check_count
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.safeguarding import flagged
from cafe_desk.storage.rows import new_id, utc_now

MAX_NOTE_CHARS = 5000
NOTES_CHANGED = Changes(notes=True)
EDITABLE = ("text", "is_quote", "outcome_ids", "theme_ids", "table_id", "round_id", "kind")


def clean_text(text: str) -> str:
    """A note's text, trimmed; ValidationError if it is empty or too long."""
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError("An empty note isn't saved; type a few words first.")
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(f"This note is too long to save ({len(text):,} characters; "
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
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {unknown}")
        before = self._existing(note_id)
        self.writable(before.cafe_id)
        if "text" in fields:
            fields["text"] = clean_text(fields["text"])
        for key in ("outcome_ids", "theme_ids"):
            if key in fields:
                fields[key] = tuple(fields[key])
        after = dataclasses.replace(before, **fields)
        if "text" in fields:
            after = flagged(after, after.text)  # checked again: an edit can raise a flag, or take a wrong one away
        if after == before:
            return before, before, Changes()
        after = dataclasses.replace(after, updated_at=utc_now())
        with self.store.transaction():
            if after.text != before.text and before.followed_up:
                # new words need a person's eyes again: a follow-up was for the words as they were
                self.store.clear_followup(note_id)
                self.store.audit(before.cafe_id, "follow-up cleared by an edit", "note", note_id)
                after = dataclasses.replace(after, followed_up=False)
            self.store.update_note(after)
            changed = {k: [getattr(before, k), getattr(after, k)] for k in fields if getattr(before, k) != fields[k]}
            self.store.audit(before.cafe_id, "edit", "note", note_id, changed=changed)
        return before, after, NOTES_CHANGED

    def delete(self, note_id: str) -> tuple[Note, Changes]:
        """Delete a note; returns it so an undo can restore it."""
        note = self._existing(note_id)
        self.writable(note.cafe_id)
        with self.store.transaction():
            self.store.delete_note(note_id)
            self.store.audit(note.cafe_id, "delete", "note", note_id)
        return note, NOTES_CHANGED

    def restore(self, note: Note) -> Changes:
        """Put back a deleted note exactly as it was (undo)."""
        self.writable(note.cafe_id)
        with self.store.transaction():
            if self.store.get_note(note.id) is None:
                self.store.insert_note(note)
                self.store.audit(note.cafe_id, "restore", "note", note.id)
        return NOTES_CHANGED

    def _existing(self, note_id: str) -> Note:
        note = self.get(note_id)
        if note is None:
            raise ValidationError("That note was deleted in the meantime; nothing was changed.")
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

    def set_attendance(self, cafe_id: str, table_id: str, round_id: str, group_id: str,
                       count) -> tuple[int, Changes]:
        """Record how many people of a group sat at a table this round; returns the previous count."""
        self.writable(cafe_id)
        count = check_count(count)
        previous = next((a.count for a in self.attendance(cafe_id)
                         if (a.table_id, a.round_id, a.group_id) == (table_id, round_id, group_id)), 0)
        if previous == count:
            return previous, Changes()
        with self.store.transaction():
            self.store.set_attendance(Attendance(table_id, round_id, group_id, count))
            self.store.audit(cafe_id, "attendance", "table", table_id, round_id=round_id, group_id=group_id,
                             before=previous, after=count)
        return previous, Changes(attendance=True)

    # --- the codebook of themes -------------------------------------------------------------------------------------

    def themes(self, cafe_id: str) -> list[Theme]:
        """The café's own themes for tagging notes."""
        with self.store.read():
            return self.store.list_items("theme", cafe_id)

    def import_codebook(self, cafe_id: str, path: Path) -> tuple[int, Changes]:
        """Add themes from a codebook JSON file ({"themes": [{"name", "description"}]} or a list of names).

        Returns how many were new; themes already present (by name, any case) are left alone.
        """
        self.writable(cafe_id)
        path = Path(path)
        try:
            data = json.loads(path.read_bytes())
        except OSError as exc:
            raise UserError(f"{path.name} could not be read ({exc.strerror}).") from None
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ValidationError(f"{path.name} is not a codebook (it is not valid JSON).") from None
        entries = data.get("themes") if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise ValidationError(f"{path.name} is not a codebook: it has no list of 'themes'.")
        have = {t.name.casefold() for t in self.themes(cafe_id)}
        new = []
        for i, entry in enumerate(entries, 1):
            name, desc = (entry, "") if isinstance(entry, str) else (
                (entry.get("name"), entry.get("description", "")) if isinstance(entry, dict) else (None, ""))
            if not isinstance(name, str) or not name.strip() or not isinstance(desc, str):
                raise ValidationError(f"{path.name}: theme {i} should have a 'name' in quotes.")
            name = " ".join(name.split())
            if name.casefold() not in have:
                have.add(name.casefold())
                new.append(Theme(new_id(), cafe_id, name, desc.strip()))
        with self.store.transaction():
            for theme in new:
                self.store.insert_item("theme", theme)
            self.store.audit(cafe_id, "import", "codebook", None, file=path.name, added=len(new))
        return len(new), Changes(themes=True) if new else Changes()
