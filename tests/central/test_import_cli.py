"""`cafe-desk import`, run as a real process with a real key file: one line per bundle, status 2 if any was refused."""

from __future__ import annotations

import pytest

from cafe_desk.export import keys
from cafe_desk.export.bundle import NOT_A_BUNDLE, WRONG_KEY
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import make_cafe, snapshot
from tests.conftest import CODED, cafe_desk, coded


@pytest.fixture
def bundles(tmp_path):
    """(key file, a good bundle, a file that is not a bundle, the fingerprint of the key that signed the bundle)."""
    key = tmp_path / "central.key"
    public = keys.write_identity(key)
    store = Store(tmp_path / "facilitator.sqlite3")
    try:
        services = Services.build(store)
        cafe = make_cafe(services)
        good = tmp_path / "perth.cafe"
        good.write_bytes(services.exporting.export_cafe(cafe.id, [public])[0])
        signer = services.signing_key.fingerprint()
    finally:
        store.close()
    bad = tmp_path / "notes.cafe"
    bad.write_text("These are my notes, not a bundle.\n", encoding="utf-8")
    return key, good, bad, signer


def test_import_reports_each_file_and_exits_2_when_one_is_refused(tmp_path, bundles):
    key, good, bad, signer = bundles
    data = tmp_path / "central"
    result = cafe_desk("import", "--identity", str(key), str(good), str(bad), data_dir=data)
    assert (result.returncode, coded(result.stdout), result.stderr) == (
        2, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n",
        f"Refused {bad}: {NOT_A_BUNDLE}\n")
    store = Store(Settings(data).db_path)
    try:
        cafes = Services.build(store).cafes.list()
        assert [(c.title, c.state, c.points, c.comments) for c in cafes] == [("Perth café", "closed", 2, 1)]
        before = snapshot(store)
    finally:
        store.close()
    again = cafe_desk("import", "--identity", str(key), str(good), data_dir=data)
    assert (again.returncode, again.stdout, again.stderr) == (
        0, "Already imported: “Perth café” — nothing changed\n", "")
    store = Store(Settings(data).db_path)
    try:
        assert snapshot(store) == before
    finally:
        store.close()


def test_a_bundle_for_another_key_is_refused(tmp_path, bundles):
    _, good, _, _ = bundles
    other = tmp_path / "other.key"
    keys.write_identity(other)
    result = cafe_desk("import", "--identity", str(other), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"Refused {good}: {WRONG_KEY}\n")


def test_a_missing_key_file_stops_before_any_bundle(tmp_path, bundles):
    _, good, _, _ = bundles
    missing = tmp_path / "nowhere.key"
    result = cafe_desk("import", "--identity", str(missing), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"cafe-desk: There is no key file at {missing}.\n")
