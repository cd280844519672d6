"""Migration 13 on a real central database written by the Café Desk before ids were clustered by café (its code
taken from the repository's history): every imported id gains its café's prefix, and codings, the shortlist, tags,
search and a later import of the same café still meet the same notes."""

from __future__ import annotations

import sqlite3

import pytest

from cafe_desk.core.imported_ids import cafe_prefix, scoped_id
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.export.bundle import BundleError
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.storage.old_app import written_by

BEFORE_CLUSTERED_IDS = "425cc0f"  # the last commit whose imported ids were not clustered by café


@pytest.fixture
def old_databases(tmp_path, identity):
    """A facilitator's and a central data folder written by the older Café Desk: one café exported, imported, all
    its notes coded and its quote shortlisted."""
    return written_by(BEFORE_CLUSTERED_IDS, tmp_path, identity)


def test_migration_clusters_ids_and_keeps_codings_shortlist_tags_and_search(old_databases, identity):
    laptop_dir, central_dir, made = old_databases
    path = central_dir / "cafe-desk.sqlite3"
    conn = sqlite3.connect(path)
    try:
        assert migrations.applied(conn) == 12
        rowids = dict(conn.execute("SELECT id, rowid FROM note"))
    finally:
        conn.close()
    laptop = Services.build(Store(laptop_dir / "cafe-desk.sqlite3"))
    hq = Services.build(Store(path))
    try:
        assert migrations.applied(hq.store.conn) == migrations.LATEST
        cafe_id, source = made["central_id"], made["cafe_id"]
        assert hq.store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        prefix = cafe_prefix(source)
        expected = {scoped_id(source, "note", n.id): n.text for n in laptop.notes.list(source)}
        notes = hq.notes.list(cafe_id)
        assert {n.id: n.text for n in notes} == expected and all(n.startswith(prefix) for n in expected)
        assert not set(made["notes"]) & set(expected)
        # each note kept its rowid (the search indexes know notes by it) and only its first eight digits changed
        moved = dict(hq.store.conn.execute("SELECT id, rowid FROM note"))
        assert sorted(moved.values()) == sorted(rowids.values())
        assert {old[8:] for old in made["notes"]} == {new[8:] for new in expected}
        outcomes = {o.id for o in hq.planning.items(cafe_id, "outcome")}
        assert outcomes == {scoped_id(source, "outcome", o.id) for o in laptop.planning.items(source, "outcome")}
        assert notes[0].outcome_ids and set(notes[0].outcome_ids) <= outcomes
        groups = {g.id for g in hq.planning.items(cafe_id, "group")}
        assert all(g.startswith(prefix) for g in groups) and notes[2].group_id in groups
        assert {t.outcome_id for t in hq.votes.tallies(cafe_id)} <= outcomes
        [access] = hq.synthesis.themes()
        coded = {n for n, in hq.store.conn.execute("SELECT note_id FROM coding WHERE theme_id = ?", [access.id])}
        assert coded == set(expected)
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
        assert [i.text for i in hq.synthesis.find(SynthesisFilter(text="benches")).items] == [
            "More benches in the park"]

        # a newer export replaces the café and loses no coding or shortlisted quote; the
        # older one is then refused as older
        older = laptop.exporting.export_cafe(source, [str(identity.to_public())])[0]
        laptop.notes.add(source, None, None, "A late point")
        newer = laptop.exporting.export_cafe(source, [str(identity.to_public())])[0]
        result = hq.importing.import_bundle(newer, [identity])
        assert result.status == "replaced" and result.cafe_id == cafe_id and not result.dropped
        coded = {n for n, in hq.store.conn.execute("SELECT note_id FROM coding WHERE theme_id = ?", [access.id])}
        assert coded == set(expected) and len(hq.notes.list(cafe_id)) == len(expected) + 1
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
        with pytest.raises(BundleError, match="A newer export of “Perth café” is already here"):
            hq.importing.import_bundle(older, [identity])
    finally:
        laptop.store.close()
        hq.store.close()
