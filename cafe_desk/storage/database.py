"""Opening the data file: pragmas for durability and sharing, the newer-version guard, migrations, backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from cafe_desk.storage import migrations
from cafe_desk.storage.errors import DatabaseTooNew, StorageError, describe, friendly

DB_NAME = "cafe-desk.sqlite3"
BUSY_TIMEOUT_MS = 5000
KEEP_BACKUPS = 5


def _newest_recorded(path: Path) -> int:
    """The newest migration in an existing file, read without writing anything to it."""
    uri = f"file:{path}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return migrations.applied(conn)
    finally:
        conn.close()


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the database at `path`; returns the connection (autocommit mode).

    Raises DatabaseTooNew for a file from a newer app (left untouched) and StorageError for a file that can't be
    opened, read or written.
    """
    path = Path(path)
    shown = str(path)
    if path.exists():
        try:
            newest = _newest_recorded(path)
        except sqlite3.DatabaseError as exc:
            raise StorageError(describe(exc, shown)) from exc
        if newest > migrations.LATEST:
            raise DatabaseTooNew(
                f"This data file was made by a newer version of Café Desk ({shown}). "
                "Please update Café Desk to open it; the file has not been changed."
            )
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Café Desk can't create its data folder {path.parent} ({exc.strerror}).") from exc
    with friendly(shown):
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        # on a file system without shared memory WAL may be refused; SQLite then keeps its rollback journal
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        if migrations.applied(conn) < migrations.LATEST:
            migrations.migrate(wrap(conn))
    return conn


def wrap(conn: sqlite3.Connection):
    """The connection as a sqlite-utils Database (imported only when needed: it is slow to import at start-up)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, shown_path: str) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE, so a writer never dead-locks on upgrade); nested calls join it."""
    with friendly(shown_path):
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def backup(db_path: Path, backup_dir: Path, keep: int = KEEP_BACKUPS) -> Path | None:
    """Copy the live database with SQLite's online backup into `backup_dir`, keeping the newest `keep` copies.

    Returns the new copy's path, or None when there is nothing to back up yet.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"cafe-desk-{stamp}.sqlite3"
    partial = target.with_suffix(".part")  # renamed only when complete, so a kill never leaves half a backup
    with friendly(str(db_path)):
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    os.replace(partial, target)
    copies = sorted(backup_dir.glob("cafe-desk-*.sqlite3"))
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
    return target
