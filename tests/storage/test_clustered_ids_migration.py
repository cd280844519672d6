"""Migration 13 on a real central database written by the Café Desk before ids were clustered by café (its code
taken from the repository's history): every imported id gains its café's prefix, and codings, the shortlist, tags,
search and a later import of the same café still meet the same notes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

from cafe_desk.core.imported_ids import cafe_prefix, scoped_id
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.export.bundle import BundleError
from cafe_desk.services import Services
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store

REPO = Path(__file__).parents[2]
BEFORE_CLUSTERED_IDS = "425cc0f"  # the last commit whose imported ids were not clustered by café
OLD_APP = """
import json, sys
from pathlib import Path
import pyrage
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe

out, secret = Path(sys.argv[1]), sys.argv[2]
identity = pyrage.x25519.Identity.from_str(secret)
laptop = Services.build(Store(out / "laptop" / "cafe-desk.sqlite3"))
central = Services.build(Store(out / "central" / "cafe-desk.sqlite3"))
cafe = make_cafe(laptop)
data = laptop.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
imported = central.importing.import_bundle(data, [identity])
theme = central.synthesis.create_theme("Access")[0]
notes = central.notes.list(imported.cafe_id)
central.synthesis.apply_theme([n.id for n in notes], theme.id)
central.synthesis.shortlist([n.id for n in notes if n.is_quote])
laptop.store.close()
central.store.close()
print(json.dumps({"cafe_id": cafe.id, "central_id": imported.cafe_id, "notes": [n.id for n in notes]}))
"""


@pytest.fixture
def old_databases(tmp_path, identity):
    """A facilitator's and a central data folder written by the older Café Desk: one café exported, imported, all
    its notes coded and its quote shortlisted."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", BEFORE_CLUSTERED_IDS, "cafe_desk",
                              "resources", "tests/__init__.py", "tests/conftest.py", "tests/central/__init__.py"],
                             capture_output=True)
    if archive.returncode != 0:
        pytest.skip(f"the repository's history is not here ({archive.stderr.decode().strip()})")
    old = tmp_path / "old-app"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(old, filter="data")
    done = subprocess.run([sys.executable, "-c", OLD_APP, str(tmp_path), str(identity)], cwd=old,
                          capture_output=True, text=True, env={"PYTHONPATH": str(old), "PATH": "/usr/bin:/bin"},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return tmp_path / "laptop", tmp_path / "central", json.loads(done.stdout)


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
