"""Opening the data file: pragmas for durability and sharing, the newer-version guard, migrations, backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from cafe_desk.platforms import replace_file, sqlite_uri
from cafe_desk.private_files import create_private_file, make_private
from cafe_desk.storage import migrations
from cafe_desk.storage.errors import DatabaseTooNew, StorageError, describe, friendly

DB_NAME = "cafe-desk.sqlite3"
BACKUP_FOLDER = "backups"
BUSY_TIMEOUT_MS = 5000
KEEP_BACKUPS = 5
#: the files SQLite keeps beside a data file while it is open
SIDE_FILES = ("-wal", "-shm", "-journal")
#: held while a backup copy is written or cleaned, so no copy is made while a café is being deleted for good
BACKUP_LOCK = threading.RLock()


def backup_dir_for(db_path: Path) -> Path:
    """The folder of `db_path`'s backup copies: `backups` beside it."""
    return Path(db_path).parent / BACKUP_FOLDER


def keep_private(db_path: Path) -> None:
    """Take other accounts' access away from the data file's folder, the file, the files SQLite keeps beside it, the
    backups folder and its copies (an older version left them readable; the comments in them are private)."""
    db_path = Path(db_path)
    make_private(db_path.parent)
    for path in (db_path, *(Path(f"{db_path}{suffix}") for suffix in SIDE_FILES)):
        make_private(path)
    folder = backup_dir_for(db_path)
    make_private(folder)
    with contextlib.suppress(OSError):  # no backups yet, or a folder this account may not read
        for copy in folder.iterdir():
            make_private(copy)


def _newest_recorded(path: Path) -> int:
    """The newest migration in an existing file, read without writing anything to it."""
    uri = sqlite_uri(path, "ro")
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return migrations.applied(conn)
    finally:
        conn.close()


def needs_upgrade(path: str | Path) -> bool:
    """Whether the data file at `path` is there and was last written by an older Café Desk, so that opening it will
    bring it up to date first (with many imported cafés that takes a while). False for a file that can't be read:
    opening it says why."""
    path = Path(path)
    try:
        return path.is_file() and 0 < _newest_recorded(path) < migrations.LATEST
    except (sqlite3.Error, OSError):
        return False


def _exists(path: Path) -> bool:
    """Whether the data file is there already; a StorageError naming the path when its folder is a file, the data
    file is a folder, or this account may not look inside the folder."""
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise StorageError(f"The data folder {path.parent} is a file, not a folder; choose another data folder.")
        if path.is_dir():
            raise StorageError(f"Café Desk's data file {path} is a folder; move that folder away or choose another "
                               "data folder.")
        return path.exists()
    except OSError as exc:
        raise StorageError(f"Café Desk can't open its data folder {path.parent} ({exc.strerror}).") from exc


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the database at `path`; returns the connection (autocommit mode).

    Raises DatabaseTooNew for a file from a newer app (left untouched) and StorageError for a file that can't be
    opened, read or written.
    """
    path = Path(path)
    shown = str(path)
    if _exists(path):
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
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            create_private_file(path)  # SQLite gives the files it keeps beside it the same mode
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
    keep_private(path)
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
    with BACKUP_LOCK:
        backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private(backup_dir)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = backup_dir / f"cafe-desk-{stamp}.sqlite3"
        partial = target.with_suffix(".part")  # renamed only when complete, so a kill never leaves half a backup
        with friendly(str(db_path)):
            create_private_file(partial)
            src = sqlite3.connect(sqlite_uri(db_path, "ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        replace_file(partial, target)
        for old in backup_copies(backup_dir)[:-keep]:
            old.unlink(missing_ok=True)
    return target


def backup_copies(backup_dir: Path) -> list[Path]:
    """The backup copies in `backup_dir`, oldest first (none if there is no such folder)."""
    return sorted(Path(backup_dir).glob("cafe-desk-*.sqlite3"))
