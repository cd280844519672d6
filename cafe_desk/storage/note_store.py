"""SQL for notes (with their outcome and theme tags) and attendance counts."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from cafe_desk.core.model import Attendance, Note, RoundGroup, TableTotal

NOTE_COLUMNS = ("id", "cafe_id", "table_id", "round_id", "text", "source", "kind", "is_quote",
                "created_at", "updated_at", "group_id", "consent", "hidden", "pinned", "flag", "flag_words")
_FOLLOWED_UP = "EXISTS (SELECT 1 FROM care_followup f WHERE f.note_id = note.id)"
_BOOLS = ("is_quote", "consent", "hidden", "pinned")
#: app_state key (+ café id) holding when the newest comment the facilitator has seen was written; erased with the café
COMMENTS_SEEN_KEY = "comments_seen:"
_INSERT_NOTE = f"INSERT INTO note ({', '.join(NOTE_COLUMNS)}) VALUES ({', '.join('?' * len(NOTE_COLUMNS))})"


@dataclass(frozen=True)
class NoteRows:
    """New notes as the rows they become: the note table's (`NOTE_COLUMNS`, booleans as 0 and 1) and their outcome and
    theme tags' (note id, outcome or theme id). Plain tuples: handed from one process to another they cost little to
    take in, and writing them builds nothing more."""

    notes: list[tuple]
    outcomes: list[tuple[str, str]]
    themes: list[tuple[str, str]]

    @classmethod
    def of(cls, notes: list[Note]) -> NoteRows:
        """The rows of these notes, in their order."""
        return cls([(n.id, n.cafe_id, n.table_id, n.round_id, n.text, n.source, n.kind, int(n.is_quote),
                     n.created_at, n.updated_at, n.group_id, int(n.consent), int(n.hidden), int(n.pinned), n.flag,
                     n.flag_words) for n in notes],
                   [(n.id, o) for n in notes for o in n.outcome_ids],
                   [(n.id, t) for n in notes for t in n.theme_ids])

    def ids(self) -> list[str]:
        """The notes' ids, in their order."""
        return [row[0] for row in self.notes]

    def with_theme(self, theme_id: str) -> list[str]:
        """The ids of the notes tagged with this theme, in their order."""
        return [note_id for note_id, theme in self.themes if theme == theme_id]

    def texts(self) -> list[str]:
        """The notes' texts, in their order."""
        return [row[4] for row in self.notes]


class NoteStore:
    """Mixin for `Store`: expects `self.conn`."""

    def _write_links(self, note: Note) -> None:
        self.conn.execute("DELETE FROM note_outcome WHERE note_id = ?", [note.id])
        self.conn.execute("DELETE FROM note_theme WHERE note_id = ?", [note.id])
        self.conn.executemany("INSERT INTO note_outcome (note_id, outcome_id) VALUES (?, ?)",
                              [(note.id, o) for o in note.outcome_ids])
        self.conn.executemany("INSERT INTO note_theme (note_id, theme_id) VALUES (?, ?)",
                              [(note.id, t) for t in note.theme_ids])

    def insert_note(self, note: Note) -> None:
        """Add a new note and its outcome and theme tags (several statements: call inside `transaction()`)."""
        values = [int(getattr(note, c)) if c in _BOOLS else getattr(note, c) for c in NOTE_COLUMNS]
        self.conn.execute(_INSERT_NOTE, values)
        self._write_links(note)

    def insert_notes(self, rows: NoteRows) -> None:
        """Insert many new notes and their outcome and theme tags (`NoteRows.of(notes)`): three statements in all,
        whatever the count. For notes that are not in the database yet (their ids are new), so there are no old tags
        to clear."""
        batch = getattr(self, "_batch", None)
        if batch is not None:  # they go into the search index when it commits: say where they start
            highest = self.notes_held_bound()
            batch.notes_after = highest if batch.notes_after is None else min(batch.notes_after, highest)
        self.conn.executemany(_INSERT_NOTE, rows.notes)
        self.conn.executemany("INSERT INTO note_outcome (note_id, outcome_id) VALUES (?, ?)", rows.outcomes)
        self.conn.executemany("INSERT INTO note_theme (note_id, theme_id) VALUES (?, ?)", rows.themes)

    def notes_held_bound(self) -> int:
        """The highest note rowid: at least as many as the notes held (no count over every note), and every note
        inserted from now on goes above it."""
        return self.conn.execute("SELECT IFNULL(MAX(rowid), 0) FROM note").fetchone()[0]

    def update_note(self, note: Note) -> None:
        """Save a note's editable fields and replace its tags; source, consent and created_at never change."""
        self.conn.execute(
            "UPDATE note SET table_id = ?, round_id = ?, text = ?, kind = ?, is_quote = ?, updated_at = ?, "
            "group_id = ?, hidden = ?, pinned = ?, flag = ?, flag_words = ? WHERE id = ?",
            [note.table_id, note.round_id, note.text, note.kind, int(note.is_quote), note.updated_at,
             note.group_id, int(note.hidden), int(note.pinned), note.flag, note.flag_words, note.id],
        )
        self._write_links(note)

    def delete_note(self, note_id: str) -> None:
        """Delete a note; its tags, codings, shortlist entry and follow-up go with it (cascade)."""
        self.conn.execute("DELETE FROM note WHERE id = ?", [note_id])

    def get_note(self, note_id: str) -> Note | None:
        """One note by id, with its tags and whether it was followed up, or None."""
        found = self.list_notes(None, note_id=note_id)
        return found[0] if found else None

    def list_notes(self, cafe_id: str | None, table_id: str | None = None, round_id: str | None = None,
                   note_id: str | None = None, source: str | None = None, flagged: bool = False,
                   note_ids: list[str] | None = None, sources: tuple[str, ...] = ()) -> list[Note]:
        """Notes in the order they were written, narrowed by table, round, id (or ids) or source (or any of
        `sources`, or to flagged ones)."""
        where, params = [], []
        for column, value in (("cafe_id", cafe_id), ("table_id", table_id), ("round_id", round_id),
                              ("id", note_id), ("source", source)):
            if value is not None:
                where.append(f"note.{column} = ?")
                params.append(value)
        if note_ids is not None:  # one parameter however many: a whole list can be selected at once
            where.append("note.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(note_ids)))
        if sources:
            where.append(f"note.source IN ({', '.join('?' * len(sources))})")
            params.extend(sources)
        if flagged:
            where.append("note.flag != ''")
        clause = " AND ".join(where) or "1"
        outcomes: dict[str, list[str]] = defaultdict(list)
        themes: dict[str, list[str]] = defaultdict(list)
        for link_table, column, bucket in (("note_outcome", "outcome_id", outcomes),
                                           ("note_theme", "theme_id", themes)):
            sql = f"SELECT l.note_id, l.{column} FROM {link_table} l JOIN note ON note.id = l.note_id WHERE {clause}"
            for nid, other in self.conn.execute(sql, params):
                bucket[nid].append(other)
        sql = f"SELECT {', '.join(NOTE_COLUMNS)}, {_FOLLOWED_UP} FROM note WHERE {clause} " \
              "ORDER BY note.created_at, note.rowid"
        return [
            Note(id=r[0], cafe_id=r[1], table_id=r[2], round_id=r[3], text=r[4], source=r[5], kind=r[6],
                 is_quote=bool(r[7]), outcome_ids=tuple(outcomes.get(r[0], ())),
                 theme_ids=tuple(themes.get(r[0], ())), created_at=r[8], updated_at=r[9], group_id=r[10],
                 consent=bool(r[11]), hidden=bool(r[12]), pinned=bool(r[13]), flag=r[14], flag_words=r[15],
                 followed_up=bool(r[16]))
            for r in self.conn.execute(sql, params)
        ]

    def note_counts(self, cafe_id: str) -> dict[str, int]:
        """Notes per source, plus 'summary' for the table hosts' round summaries."""
        counts = dict(self.conn.execute(
            "SELECT source, COUNT(*) FROM note WHERE cafe_id = ? AND kind = 'point' GROUP BY source", [cafe_id]))
        counts["summary"] = self.conn.execute(
            "SELECT COUNT(*) FROM note WHERE cafe_id = ? AND kind = 'summary'", [cafe_id]).fetchone()[0]
        return counts

    # --- which comments the facilitator has seen (kept on this laptop, never exported) ---------------------------

    def comments_after(self, cafe_id: str, after: str) -> tuple[int, str]:
        """How many participants' comments were written after `after` (UTC ISO; "" for all of them), and when the
        newest was written ("" with none)."""
        row = self.conn.execute("SELECT COALESCE(SUM(created_at > ?), 0), COALESCE(MAX(created_at), '') FROM note "
                                "WHERE cafe_id = ? AND source = 'participant'", [after, cafe_id]).fetchone()
        return int(row[0]), row[1]

    def comments_seen_at(self, cafe_id: str) -> str:
        """When the newest comment the facilitator has seen was written ("" before they first looked)."""
        row = self.conn.execute("SELECT value FROM app_state WHERE key = ?", [COMMENTS_SEEN_KEY + cafe_id]).fetchone()
        return row[0] if row else ""

    def set_comments_seen_at(self, cafe_id: str, at: str) -> None:
        """Remember that the facilitator has seen the comments written up to `at`; call inside `transaction()`."""
        self.conn.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [COMMENTS_SEEN_KEY + cafe_id, at])

    # --- attendance: counts per group, never names ---------------------------------------------------------------

    def set_attendance(self, row: Attendance) -> None:
        """Set how many of a group sat at a table in a round; a count of 0 deletes the row."""
        if row.count == 0:
            self.conn.execute("DELETE FROM attendance WHERE table_id = ? AND round_id = ? AND group_id = ?",
                              [row.table_id, row.round_id, row.group_id])
            return
        self.conn.execute(
            "INSERT INTO attendance (table_id, round_id, group_id, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(table_id, round_id, group_id) DO UPDATE SET count = excluded.count",
            [row.table_id, row.round_id, row.group_id, row.count],
        )

    def list_attendance(self, cafe_id: str) -> list[Attendance]:
        """Every attendance count of a café's tables, in no set order."""
        rows = self.conn.execute(
            "SELECT a.table_id, a.round_id, a.group_id, a.count FROM attendance a "
            "JOIN cafe_table t ON t.id = a.table_id WHERE t.cafe_id = ?", [cafe_id])
        return [Attendance(*r) for r in rows]

    def list_table_totals(self, cafe_id: str) -> list[TableTotal]:
        """Every table's total people per round that an imported café's bundle gave, in no set order."""
        rows = self.conn.execute(
            "SELECT a.table_id, a.round_id, a.count FROM attendance_total a "
            "JOIN cafe_table t ON t.id = a.table_id WHERE t.cafe_id = ?", [cafe_id])
        return [TableTotal(*r) for r in rows]

    def list_round_groups(self, cafe_id: str) -> list[RoundGroup]:
        """Every round's people by group over all tables that an imported café's bundle gave, in no set order."""
        rows = self.conn.execute(
            "SELECT a.round_id, a.group_id, a.count FROM attendance_round a "
            "JOIN round r ON r.id = a.round_id WHERE r.cafe_id = ?", [cafe_id])
        return [RoundGroup(*r) for r in rows]
