"""Migration 9 on a database made before it: a café imported then keeps its counts by group, gains an empty table
of totals (so its people are its groups' counts, as before), and the next import of a bundle stores its totals."""

from __future__ import annotations

import sqlite3

from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.central import make_cafe


def test_a_database_from_before_the_totals_gains_them(services, tmp_path, identity):
    data = services.exporting.export_cafe(make_cafe(services).id, [str(identity.to_public())])[0]
    path = tmp_path / "central.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)  # as migration 8 left it
    conn.execute("DROP TABLE attendance_total")
    conn.execute("DROP TABLE search_generation")  # migration 11's
    conn.execute("DROP TABLE attendance_round")  # migration 12's
    conn.execute("DELETE FROM _migrations WHERE number >= 9")
    conn.commit()
    conn.close()

    store = Store(path)
    try:
        assert migrations.applied(store.conn) == migrations.LATEST and "attendance_total" in store.db.table_names()
        central = Services.build(store)
        cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
        assert [t.count for t in central.notes.table_totals(cafe_id)] == [10]
        assert central.cafes.status(cafe_id)["attendance"] == 10
        store.conn.execute("DELETE FROM cafe WHERE id = ?", [cafe_id])
        assert store.conn.execute("SELECT COUNT(*) FROM attendance_total").fetchone()[0] == 0  # gone with its tables
    finally:
        store.close()
