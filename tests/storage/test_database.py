"""Opening the data file: migrations, pragmas, the newer-version guard, damaged files and backups."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

import pytest

from cafe_desk.services import Services
from cafe_desk.storage import database, migrations
from cafe_desk.storage.errors import DatabaseTooNew, StorageError
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan


def recorded(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT number, name, applied_at FROM _migrations ORDER BY number").fetchall()
    finally:
        conn.close()


def test_migrations_are_recorded(store, db_path):
    rows = recorded(db_path)
    assert [(n, name) for n, name, _ in rows] == [(n, name) for n, name, _ in migrations.MIGRATIONS]
    assert migrations.applied(store.conn) == migrations.LATEST


def test_opening_twice_changes_nothing(store, db_path):
    before = recorded(db_path)
    again = Store(db_path)
    try:
        assert recorded(db_path) == before
        assert migrations.migrate(again.db) == []
        assert {"cafe", "note", "vote_tally", "_migrations"} <= set(again.db.table_names())
    finally:
        again.close()


def test_pragmas_for_durability_and_sharing(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS > 0


def test_programs_opening_a_new_file_together_all_succeed(tmp_path):
    # the app, its web server and the command line may open a brand-new file at the same moment
    for trial in range(10):
        path = tmp_path / f"new-{trial}.sqlite3"
        start = threading.Barrier(4)
        errors: list[Exception] = []

        def open_it(path=path, start=start, errors=errors) -> None:
            start.wait()
            try:
                Store(path).close()
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert [n for n, _, _ in recorded(path)] == [n for n, _, _ in migrations.MIGRATIONS]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_database_is_refused_and_left_untouched(db_path):
    services = Services.build(Store(db_path))
    services.planning.create(mental_health_plan(services))
    services.store.conn.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, 'from the future', "
                                "'2030-01-01T00:00:00+00:00')", [migrations.LATEST + 1])
    services.store.close()
    digest, stat = sha256(db_path), db_path.stat()
    with pytest.raises(DatabaseTooNew) as err:
        Store(db_path)
    assert str(err.value) == (f"This data file was made by a newer version of Café Desk ({db_path}). "
                              "Please update Café Desk to open it; the file has not been changed.")
    assert sha256(db_path) == digest
    assert db_path.stat().st_mtime_ns == stat.st_mtime_ns
    assert db_path.stat().st_size == stat.st_size


def test_a_file_that_is_not_a_database_gets_a_plain_message(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"These are my shopping notes, not a database.\n" * 100)
    before = sha256(path)
    with pytest.raises(StorageError) as err:
        Store(path)
    assert str(err.value) == (f"The data file {path} is damaged or is not a Café Desk file; "
                              "a backup copy can be restored (README: Restoring a backup copy).")
    assert sha256(path) == before


def test_a_missing_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "cafe.sqlite3"
    Store(path).close()
    assert path.exists()


def test_backup_copy_opens_with_the_same_cafes(services, cafe, db_path, tmp_path):
    services.planning.create(mental_health_plan(services, date="2026-04-01", locality="Dundee"))
    target = database.backup(db_path, tmp_path / "backups")
    assert target is not None and target.parent == tmp_path / "backups"
    copy = Services.build(Store(target))
    try:
        assert [c.id for c in copy.cafes.list()] == [c.id for c in services.cafes.list()]
        assert len(copy.cafes.list()) == 2
        assert copy.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        copy.store.close()


def test_backup_keeps_only_the_newest_copies(store, db_path, tmp_path):
    folder = tmp_path / "backups"
    made = [database.backup(db_path, folder) for _ in range(database.KEEP_BACKUPS + 2)]
    kept = sorted(folder.glob("cafe-desk-*.sqlite3"))
    assert len(kept) == database.KEEP_BACKUPS
    assert kept == sorted(made)[-database.KEEP_BACKUPS:]


def test_backup_of_nothing_is_nothing(tmp_path):
    assert database.backup(tmp_path / "absent.sqlite3", tmp_path / "backups") is None
    assert not (tmp_path / "backups").exists()


def test_a_failed_write_leaves_nothing_half_done(services, cafe, store):
    before = store.audit_entries(cafe.id)
    with pytest.raises(RuntimeError), store.transaction():
        store.audit(cafe.id, "test", "cafe", cafe.id)
        store.set_state("half", "done")
        raise RuntimeError("stop half way")
    assert store.get_state("half") is None
    assert store.audit_entries(cafe.id) == before


def test_flags_from_before_kinds_are_kept_as_may_need_support(db_path, monkeypatch):
    """A data file flagged by the phrase list keeps every flag: its kind becomes "risk" ("May need support") and the
    phrase it found becomes the words shown."""
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
    old = Store(db_path)
    cafe = Services.build(old).planning.create(mental_health_plan(Services.build(old)))[0]
    old.conn.execute("INSERT INTO note (id, cafe_id, text, source, kind, is_quote, created_at, updated_at, flag) "
                     "VALUES ('n1', ?, 'Some days I cannot go on', 'participant', 'point', 0, 'x', 'x', "
                     "'cannot go on'), ('n2', ?, 'More buses', 'participant', 'point', 0, 'x', 'x', '')",
                     [cafe.id, cafe.id])
    old.conn.commit()
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    try:
        flagged, plain = store.get_note("n1"), store.get_note("n2")
        assert (flagged.flag, flagged.flag_words, flagged.followed_up) == ("risk", "cannot go on", False)
        assert (plain.flag, plain.flag_words) == ("", "")
        assert Services.build(store).safeguarding.counts(cafe.id) == {"Comments": 1, "Notes": 0}
    finally:
        store.close()
