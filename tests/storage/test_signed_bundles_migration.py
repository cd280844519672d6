"""Migration 6 on a real central database written by the Café Desk before signed bundles (its code taken from the
repository's history): imported ids are re-derived from the source café, codings, the shortlist and search still
point at the same notes, and the laptop's first signed export replaces the unsigned café keeping all of them."""

from __future__ import annotations

import sqlite3

import pytest

from cafe_desk.central.bundle_trust import Consent, NeedsConsent
from cafe_desk.core.imported_ids import local_id, scoped_id
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.storage.old_app import written_by

BEFORE_SIGNED_BUNDLES = "157babe"  # the last commit whose bundles were format 1 and ids were not scoped


@pytest.fixture
def old_databases(tmp_path, identity):
    """A facilitator's and a central data folder written by the older Café Desk: one café exported (format 1),
    imported, all its notes coded and its quote shortlisted."""
    return written_by(BEFORE_SIGNED_BUNDLES, tmp_path, identity)


def test_migration_rescopes_ids_and_keeps_codings_shortlist_and_search(old_databases, identity):
    laptop_dir, central_dir, made = old_databases
    path = central_dir / "cafe-desk.sqlite3"
    conn = sqlite3.connect(path)
    try:
        assert migrations.applied(conn) == 5
    finally:
        conn.close()
    laptop = Services.build(Store(laptop_dir / "cafe-desk.sqlite3"))
    hq = Services.build(Store(path))
    try:
        cafe_id, source = made["central_id"], made["cafe_id"]
        assert hq.store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        originals = laptop.notes.list(source)
        expected = {scoped_id(source, "note", n.id): n.text for n in originals}
        notes = hq.notes.list(cafe_id)
        assert {n.id: n.text for n in notes} == expected
        assert set(made["notes"]) == {local_id(n.id) for n in originals}  # what the older importer gave them
        assert not set(made["notes"]) & set(expected)
        outcomes = {o.id for o in hq.planning.items(cafe_id, "outcome")}
        assert outcomes == {scoped_id(source, "outcome", o.id) for o in laptop.planning.items(source, "outcome")}
        assert notes[0].outcome_ids and set(notes[0].outcome_ids) <= outcomes
        groups = {g.id for g in hq.planning.items(cafe_id, "group")}
        assert notes[2].group_id in groups and hq.cafes.status(cafe_id)["attendance"] == 7
        assert {t.outcome_id for t in hq.votes.tallies(cafe_id)} <= outcomes
        [access] = hq.synthesis.themes()
        coded = {n for n, in hq.store.conn.execute("SELECT note_id FROM coding WHERE theme_id = ?", [access.id])}
        assert coded == set(expected)
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
        assert [i.text for i in hq.synthesis.find(SynthesisFilter(text="benches")).items] == [
            "More benches in the park"]
        assert hq.store.cafe_signer(cafe_id) is None  # it came unsigned

        # the laptop, now up to date, sends its first signed export: replacing the unsigned café loses nothing
        laptop.notes.add(source, None, None, "A late point")
        data = laptop.exporting.export_cafe(source, [str(identity.to_public())])[0]
        with pytest.raises(NeedsConsent) as asked:
            hq.importing.import_bundle(data, [identity])
        assert asked.value.question.endswith("Nothing the central team coded or shortlisted will be lost.")
        result = hq.importing.import_bundle(data, [identity], consent=Consent(replace_unsigned=True))
        assert result.status == "replaced" and result.cafe_id == cafe_id
        coded = {n for n, in hq.store.conn.execute("SELECT note_id FROM coding WHERE theme_id = ?", [access.id])}
        assert coded == set(expected) and len(hq.notes.list(cafe_id)) == 4
        assert [q.text for q in hq.synthesis.quotes()] == ["Waited eight months for a first appointment"]
    finally:
        laptop.store.close()
        hq.store.close()
