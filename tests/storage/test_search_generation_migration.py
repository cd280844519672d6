"""Migration 11 on a database made before it: it gains a search generation of its own, so a ranking index built
beside the file before (by an older copy of the data, say) is stale and is built again at the next search."""

from __future__ import annotations

import sqlite3

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.search_index import SearchIndex
from cafe_desk.storage.store import Store
from tests.central import make_cafe


def test_a_database_from_before_gains_a_generation_and_an_old_index_is_stale(services, tmp_path, identity):
    data = services.exporting.export_cafe(make_cafe(services).id, [str(identity.to_public())])[0]
    path = tmp_path / "central.sqlite3"
    store = Store(path)
    central = Services.build(store)
    central.importing.import_bundle(data, [identity])
    assert central.synthesis.find(SynthesisFilter(text="appointment")).total == 1
    old = store.search_generation()
    assert SearchIndex(path).generation() == old
    store.close()
    conn = sqlite3.connect(path)  # as migration 9 left it
    conn.execute("DROP TABLE search_generation")
    conn.execute("DROP TABLE attendance_round")  # migration 12's, empty here
    conn.execute("DELETE FROM _migrations WHERE number >= 11")
    conn.commit()
    conn.close()

    store = Store(path)
    try:
        assert migrations.applied(store.conn) == migrations.LATEST
        assert store.search_generation() not in ("", old)
        found = Services.build(store).synthesis.find(SynthesisFilter(text="appointment"))
        assert [i.text for i in found.items] == ["Waited eight months for a first appointment"]
        assert SearchIndex(path).generation() == store.search_generation()
    finally:
        store.close()
