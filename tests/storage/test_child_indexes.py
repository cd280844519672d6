"""Every column that points at another row leads an index, so removing a row (a café and its plan, at a desk of a
million notes) looks up what points at it instead of reading whole tables; and migration 14 keeps every tag."""

from __future__ import annotations

import sqlite3

from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.central import make_cafe


def _leading_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    firsts = set()
    for index in conn.execute(f"PRAGMA index_list('{table}')"):
        columns = conn.execute(f"PRAGMA index_info('{index[1]}')").fetchall()
        if columns:
            firsts.add(columns[0][2])
    return firsts


def test_every_foreign_key_leads_an_index(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    try:
        conn = store.conn
        unindexed = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            firsts = _leading_columns(conn, table)
            for key in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
                if key[3] not in firsts:
                    unindexed.append(f"{table}.{key[3]}")
        assert unindexed == []
        for column in ("table_id", "round_id", "group_id"):
            plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN SELECT 1 FROM note WHERE {column} = ?",
                                                           ["x"]))
            assert plan.startswith("SEARCH") and "INDEX" in plan, (column, plan)
    finally:
        store.close()


def test_a_desk_from_before_keeps_every_tag_and_its_notes_by_table(services, tmp_path, identity):
    data = services.exporting.export_cafe(make_cafe(services).id, [str(identity.to_public())])[0]
    path = tmp_path / "central.sqlite3"
    with Services.open(path) as central:
        cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
        before = {n.id: (n.outcome_ids, n.theme_ids, n.table_id, n.round_id) for n in central.store.list_notes(cafe_id)}
    assert any(tags[0] for tags in before.values()) and any(tags[1] for tags in before.values())
    conn = sqlite3.connect(path)  # the tag tables and indexes as migration 13 left them
    conn.executescript("""
        CREATE TABLE old_outcome (note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            outcome_id TEXT NOT NULL REFERENCES outcome(id) ON DELETE CASCADE, PRIMARY KEY (note_id, outcome_id));
        INSERT INTO old_outcome SELECT * FROM note_outcome; DROP TABLE note_outcome;
        ALTER TABLE old_outcome RENAME TO note_outcome;
        CREATE TABLE old_theme (note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
            theme_id TEXT NOT NULL REFERENCES theme(id) ON DELETE CASCADE, PRIMARY KEY (note_id, theme_id));
        INSERT INTO old_theme SELECT * FROM note_theme; DROP TABLE note_theme;
        ALTER TABLE old_theme RENAME TO note_theme;
        DROP INDEX note_place; DROP INDEX note_round; DROP INDEX note_group;
        CREATE INDEX note_place ON note(cafe_id, table_id, round_id);
        DELETE FROM _migrations WHERE number >= 14;
    """)
    conn.close()

    with Services.open(path) as central:
        conn = central.store.conn
        assert migrations.applied(conn) == migrations.LATEST
        assert conn.execute("SELECT sql FROM sqlite_master WHERE name = 'note_outcome'").fetchone()[0] \
            .rstrip().endswith("WITHOUT ROWID")
        after = {n.id: (n.outcome_ids, n.theme_ids, n.table_id, n.round_id) for n in central.store.list_notes(cafe_id)}
        assert {k: (sorted(v[0]), sorted(v[1]), v[2], v[3]) for k, v in after.items()} == \
            {k: (sorted(v[0]), sorted(v[1]), v[2], v[3]) for k, v in before.items()}
        some = next(n for n in central.store.list_notes(cafe_id) if n.table_id and n.round_id)
        by_place = central.store.list_notes(cafe_id, table_id=some.table_id, round_id=some.round_id)
        assert some.id in [n.id for n in by_place]
        assert all(n.table_id == some.table_id and n.round_id == some.round_id for n in by_place)
        central.central_cafes.remove(cafe_id)
        for table in ("note", "note_outcome", "note_theme", "cafe_table", "round", "outcome", "theme"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
