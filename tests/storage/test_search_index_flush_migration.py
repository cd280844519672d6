"""Migration 16: the full-text index gathers 32 MiB of terms in memory before writing them out, on a new file and on
a file from before it; search and SQLite's own check of the index are as before."""

from __future__ import annotations

import sqlite3

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.migrations_from_15 import SEARCH_INDEX_FLUSH_BYTES
from cafe_desk.storage.store import Store
from tests.central import cafe_at, send


def _flush_size(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT v FROM note_fts_config WHERE k = 'hashsize'").fetchone()
    return row[0] if row else None


def test_a_new_file_gathers_32_mib_before_writing_the_index_out(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    try:
        assert SEARCH_INDEX_FLUSH_BYTES == 32 * 1024 * 1024
        assert _flush_size(store.conn) == SEARCH_INDEX_FLUSH_BYTES
    finally:
        store.close()


def test_a_file_from_before_gets_the_setting_and_searches_as_before(tmp_path, identity):
    laptop = Store(tmp_path / "laptop.sqlite3")
    desk = tmp_path / "desk.sqlite3"
    try:
        cafe = cafe_at(Services.build(laptop), "Wren café", "2026-04-01", "Oban", points=("A wren on the wall",),
                       comments=("Wrens sing early",))
        store = Store(desk)
        try:
            send(Services.build(laptop), cafe, store, identity)
        finally:
            store.close()
    finally:
        laptop.close()
    with sqlite3.connect(desk) as conn:  # as the app before migration 16 left it
        conn.execute("DELETE FROM note_fts_config WHERE k = 'hashsize'")
        conn.execute("DELETE FROM _migrations WHERE number = 16")
    conn.close()
    with sqlite3.connect(desk) as conn:
        assert (migrations.applied(conn), _flush_size(conn)) == (15, None)
    conn.close()
    store = Store(desk)
    try:
        assert migrations.applied(store.conn) == migrations.LATEST
        assert _flush_size(store.conn) == SEARCH_INDEX_FLUSH_BYTES
        store.conn.execute("INSERT INTO note_fts (note_fts, rank) VALUES ('integrity-check', 1)")
        found = Services.build(store).synthesis.find(SynthesisFilter(text="wren*")).items
        assert sorted(i.text for i in found) == ["A wren on the wall", "Wrens sing early"]
    finally:
        store.close()
