"""Deleting a café for good: its rows and the words its audit lines held, overwritten rather than only unlinked, in
the data file and in every backup copy beside it.

Backup copies are cleaned where they are rather than dropped and made again: each keeps everything else it held (the
other cafés, the templates) as it was when it was made, so every restore point survives. A copy that can't be cleaned
(damaged, locked, made by a newer version) is removed, since it may still hold the café; the next start makes a new
one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from cafe_desk.platforms import sqlite_uri
from cafe_desk.storage import database
from cafe_desk.storage.note_store import COMMENTS_SEEN_KEY


def erase_cafe(conn: sqlite3.Connection, cafe_id: str) -> None:
    """Delete the café (the schema's cascades take everything that belongs to it) and empty the details of its audit
    lines, which can quote its notes and plan; when, what and which stay. Call inside the caller's transaction, with
    `overwriting_deleted` around it."""
    conn.execute("DELETE FROM cafe WHERE id = ?", [cafe_id])
    conn.execute("UPDATE audit SET detail = '{}' WHERE cafe_id = ? AND detail != '{}'", [cafe_id])
    conn.execute("DELETE FROM app_state WHERE key = ?", [COMMENTS_SEEN_KEY + cafe_id])


@contextlib.contextmanager
def overwriting_deleted(conn: sqlite3.Connection):
    """Around a deletion: SQLite writes zeros over what is deleted instead of leaving it in free space (some builds
    do so always; the connection's own setting is put back afterwards)."""
    before = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete=ON")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA secure_delete={int(before)}")


def clear_write_ahead_log(conn: sqlite3.Connection) -> None:
    """Copy the write-ahead log into the data file and empty it, so earlier versions of changed pages don't stay in
    it (best effort: a reader holding an old snapshot leaves it for SQLite's next checkpoint)."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def erase_from_backups(db_path: Path, cafe_id: str) -> int:
    """Remove the café from every backup copy of the data file at `db_path`: each copy that holds it is cleaned in
    one transaction and then rebuilt (VACUUM), so nothing of it is left in the file; a copy that can't be cleaned
    (damaged, locked, from a newer version) is removed. Returns how many copies were cleaned or removed. OSError,
    naming the copy in `filename`, if one can be neither cleaned nor removed."""
    folder = database.backup_dir_for(db_path)
    touched = 0
    with database.BACKUP_LOCK:
        for copy in database.backup_copies(folder):
            try:
                touched += _erase_from_copy(copy, cafe_id)
            except sqlite3.Error:
                touched += 1
                _remove_copy(copy)
        for partial in folder.glob("*.part"):  # a copy left half-written holds whatever the data file held
            _remove_copy(partial)
    return touched


def _erase_from_copy(copy: Path, cafe_id: str) -> bool:
    """Clean one backup copy; True if it held the café (False: it is left untouched)."""
    conn = sqlite3.connect(sqlite_uri(copy, "rw"), uri=True, isolation_level=None,
                           timeout=database.BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        if not _holds(conn, cafe_id):
            return False
        with overwriting_deleted(conn):
            conn.execute("BEGIN IMMEDIATE")
            try:
                erase_cafe(conn, cafe_id)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("VACUUM")
        clear_write_ahead_log(conn)
        return True
    finally:
        conn.close()


def _holds(conn: sqlite3.Connection, cafe_id: str) -> bool:
    """Whether a copy holds anything of the café: its row, or audit lines with details."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM cafe WHERE id = ?) "
                        "OR EXISTS (SELECT 1 FROM audit WHERE cafe_id = ? AND detail != '{}')",
                        [cafe_id, cafe_id]).fetchone()[0] == 1


def _remove_copy(copy: Path) -> None:
    """Remove a backup copy and the files SQLite may have left beside it."""
    for path in (copy, *(Path(f"{copy}{suffix}") for suffix in database.SIDE_FILES)):
        path.unlink(missing_ok=True)
