"""Numbered, append-only schema migrations, recorded in the `_migrations` table.

Never edit a migration that has been released: add the next one. A database whose newest recorded migration is
beyond this list was written by a newer app and is refused before anything is written to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from cafe_desk.storage.migrations_1_to_6 import (
    m001_initial,
    m002_participant_channel,
    m003_imported_cafes,
    m004_central_synthesis,
    m005_safeguarding,
    m006_signed_bundles,
)
from cafe_desk.storage.migrations_7_to_14 import (
    m007_qr_addresses,
    m008_summary_index,
    m009_table_totals,
    m011_search_generation,
    m012_round_groups,
    m013_clustered_ids,
    m014_child_indexes,
)
from cafe_desk.storage.migrations_from_15 import m015_note_source_check, m016_search_index_flush_size

if TYPE_CHECKING:
    import sqlite_utils

MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "initial", m001_initial),
    (2, "participant_channel", m002_participant_channel),
    (3, "imported_cafes", m003_imported_cafes),
    (4, "central_synthesis", m004_central_synthesis),
    (5, "safeguarding", m005_safeguarding),
    (6, "signed_bundles", m006_signed_bundles),
    (7, "qr_addresses", m007_qr_addresses),
    (8, "summary_index", m008_summary_index),
    (9, "table_totals", m009_table_totals),
    (11, "search_generation", m011_search_generation),
    (12, "round_groups", m012_round_groups),
    (13, "clustered_ids", m013_clustered_ids),
    (14, "child_indexes", m014_child_indexes),
    (15, "note_source_check", m015_note_source_check),
    (16, "search_index_flush_size", m016_search_index_flush_size),
]
LATEST = MIGRATIONS[-1][0]


def applied(conn: sqlite3.Connection) -> int:
    """The newest migration recorded in the database (0 for a new file)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone():
        return 0
    return conn.execute("SELECT MAX(number) FROM _migrations").fetchone()[0] or 0


def migrate(db: sqlite_utils.Database) -> list[int]:
    """Apply every pending migration, each in its own transaction; returns the numbers applied."""
    done = []
    with db.atomic():
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                   "applied_at TEXT NOT NULL)")
    for number, name, fn in MIGRATIONS:
        if number <= applied(db.conn):
            continue
        # another program may be opening the same new file: take the write lock, then check again
        db.execute("BEGIN IMMEDIATE")
        try:
            if number > applied(db.conn):
                fn(db)
                db.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                           [number, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
                done.append(number)
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
    return done

