"""Migration 15 on a real central database written by the Café Desk before it (its code taken from the repository's
history): the note table's check on a note's source becomes plain comparisons, which accept and refuse the same
sources; the notes, their rowids, codings, the shortlist, search and a later import are as before, on the laptop's
file too, and opening the file again changes nothing more."""

from __future__ import annotations

import sqlite3

import pytest

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.migrations_from_15 import SOURCE_COMPARED, SOURCE_IN_LIST
from cafe_desk.storage.store import Store
from tests.storage.old_app import written_by

BEFORE_SOURCE_CHECK = "e0ca694"  # the last commit whose note table checked a note's source with an IN list


@pytest.fixture
def old_databases(tmp_path, identity):
    """A facilitator's and a central data folder written by the older Café Desk: one café exported, imported, all
    its notes coded and its quote shortlisted."""
    return written_by(BEFORE_SOURCE_CHECK, tmp_path, identity)


def _note_sql(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'note'").fetchone()[0]


def _refuses(conn: sqlite3.Connection, cafe_id: str, source: str) -> bool:
    """Whether the note table refuses a note with this source (nothing is kept either way)."""
    conn.execute("SAVEPOINT probe")
    try:
        conn.execute("INSERT INTO note (id, cafe_id, source, text, created_at, updated_at) "
                     "VALUES ('probe', ?, ?, 'x', '', '')", [cafe_id, source])
    except sqlite3.IntegrityError as exc:
        assert "CHECK constraint failed" in str(exc)
        return True
    finally:
        conn.execute("ROLLBACK TO probe")
        conn.execute("RELEASE probe")
    return False


def test_a_new_file_checks_a_notes_source_with_comparisons(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    try:
        sql = _note_sql(store.conn)
        assert SOURCE_COMPARED in sql and SOURCE_IN_LIST not in sql
    finally:
        store.close()


def test_migration_keeps_notes_codings_shortlist_search_and_the_same_check(old_databases, identity):
    laptop_dir, central_dir, made = old_databases
    path = central_dir / "cafe-desk.sqlite3"
    conn = sqlite3.connect(path)
    try:
        assert migrations.applied(conn) == 14
        assert SOURCE_IN_LIST in _note_sql(conn)
        before = conn.execute("SELECT rowid, * FROM note ORDER BY rowid").fetchall()
        refused_before = {s: _refuses(conn, made["central_id"], s)
                          for s in ("note-taker", "participant", "paper", "Paper", "paper ", "", "phone", "1")}
        sql_before = _note_sql(conn)
    finally:
        conn.close()
    assert refused_before == {"note-taker": False, "participant": False, "paper": False, "Paper": True,
                              "paper ": True, "": True, "phone": True, "1": True}
    laptop = Services.build(Store(laptop_dir / "cafe-desk.sqlite3"))
    hq = Services.build(Store(path))
    try:
        for store in (laptop.store, hq.store):
            conn = store.conn
            assert migrations.applied(conn) == migrations.LATEST
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn = hq.store.conn
        assert _note_sql(conn) == sql_before.replace(SOURCE_IN_LIST, SOURCE_COMPARED)
        assert conn.execute("SELECT rowid, * FROM note ORDER BY rowid").fetchall() == before
        assert {s: _refuses(conn, made["central_id"], s) for s in refused_before} == refused_before
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            conn.execute("INSERT INTO note (id, cafe_id, source, text, created_at, updated_at) "
                         "VALUES ('probe', ?, NULL, 'x', '', '')", [made["central_id"]])
        [access] = hq.synthesis.themes()
        coded = {n for n, in conn.execute("SELECT note_id FROM coding WHERE theme_id = ?", [access.id])}
        assert coded == set(made["notes"])
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
        assert [i.text for i in hq.synthesis.find(SynthesisFilter(text="benches")).items] == [
            "More benches in the park"]
        conn.execute("INSERT INTO note_fts (note_fts) VALUES ('integrity-check')")

        # a newer export replaces the café, keeping its codings and shortlist
        source = made["cafe_id"]
        laptop.notes.add(source, None, None, "A late point")
        newer = laptop.exporting.export_cafe(source, [str(identity.to_public())])[0]
        result = hq.importing.import_bundle(newer, [identity])
        assert result.status == "replaced" and not result.dropped
        assert len(hq.notes.list(made["central_id"])) == len(made["notes"]) + 1
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
        assert [i.text for i in hq.synthesis.find(SynthesisFilter(text="late")).items] == ["A late point"]
    finally:
        laptop.store.close()
        hq.store.close()

    # opened again with the migration's record gone (as if it had been cut short after its change), it changes
    # nothing more
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _migrations WHERE number = 15")
    conn.commit()
    conn.close()
    again = Store(path)
    try:
        assert migrations.applied(again.conn) == migrations.LATEST
        assert _note_sql(again.conn) == sql_before.replace(SOURCE_IN_LIST, SOURCE_COMPARED)
        assert again.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        again.close()
