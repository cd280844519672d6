"""Schema migrations from 15 on: the note table's check on a note's source written as plain comparisons (15); the
search index gathering more in memory before writing it out (16). Released migrations are never edited, only followed
by new steps (migrations.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

#: the check migration 1 gave a note's source, and the same check as plain comparisons
SOURCE_IN_LIST = "CHECK (source IN ('note-taker', 'participant', 'paper'))"
SOURCE_COMPARED = "CHECK (source = 'note-taker' OR source = 'participant' OR source = 'paper')"
#: the bytes of terms the full-text index gathers in memory before writing them out as a piece of the index
SEARCH_INDEX_FLUSH_BYTES = 32 * 1024 * 1024


def m015_note_source_check(db: sqlite_utils.Database) -> None:
    """Write the note table's check on a note's source as three comparisons instead of an IN list: SQLite builds a
    lookup table for an IN list of three or more values each time an insert runs, and an import runs one for every
    note (about a fifth of the CPU the note inserts took). The two checks accept and refuse exactly the same values
    (a NOT NULL text column compared without collation), so the rows held need no change, and the table is left
    as it is on disk: only its recorded definition changes, as SQLite's documentation describes for changing a
    check ("ALTER TABLE", making other kinds of table schema changes). A note table whose definition does not hold
    the check exactly once, as migration 1 wrote it, is left as it is."""
    conn = db.conn
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'note'").fetchone()
    if row is None or row[0].count(SOURCE_IN_LIST) != 1:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema=ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'note'",
                     [row[0].replace(SOURCE_IN_LIST, SOURCE_COMPARED)])
        conn.execute(f"PRAGMA schema_version={version + 1}")  # every connection reads the definitions again
    finally:
        conn.execute("PRAGMA writable_schema=OFF")
    conn.execute("SELECT source FROM note LIMIT 1").fetchall()  # the new definition is read here, or this fails


def m016_search_index_flush_size(db: sqlite_utils.Database) -> None:
    """Let the full-text index gather 32 MiB of terms in memory before it writes them out as a piece of the index
    (FTS5's 'hashsize' setting, 1 MiB unless set). An import indexes every few seconds' notes in one insert; written
    out a MiB at a time, their many small pieces were merged again and again, and indexing a million notes took
    about twice as long (measured in bench/RESULTS.md). An insert of a few notes uses no more memory than before.
    The index itself is the same and needs no change."""
    db.conn.execute("INSERT INTO note_fts (note_fts, rank) VALUES ('hashsize', ?)", [SEARCH_INDEX_FLUSH_BYTES])
