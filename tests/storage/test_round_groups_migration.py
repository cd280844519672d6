"""Migration 12 on a database made before it: it gains the rounds' people by group over every table, a café
imported afterwards keeps them, and they go with the café."""

from __future__ import annotations

import sqlite3

from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.central import make_cafe


def test_a_database_from_before_gains_the_rounds_people_by_group(services, tmp_path, identity):
    data = services.exporting.export_cafe(make_cafe(services).id, [str(identity.to_public())])[0]
    path = tmp_path / "central.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)  # as migration 11 left it
    conn.execute("DROP TABLE attendance_round")
    conn.execute("DELETE FROM _migrations WHERE number >= 12")
    conn.commit()
    conn.close()

    store = Store(path)
    try:
        assert migrations.applied(store.conn) == migrations.LATEST and "attendance_round" in store.db.table_names()
        central = Services.build(store)
        cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
        groups = central.planning.items(cafe_id, "group")
        shown = store.list_round_groups(cafe_id)  # 3 and 7 of the first two groups hidden, the others' zeros shown
        assert sorted(r.count for r in shown) == [0] * (len(groups) - 2)
        store.conn.execute("DELETE FROM cafe WHERE id = ?", [cafe_id])
        assert store.conn.execute("SELECT COUNT(*) FROM attendance_round").fetchone()[0] == 0
    finally:
        store.close()
