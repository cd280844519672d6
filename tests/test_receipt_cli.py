"""`cafe-desk receipt` and `cafe-desk check-receipt`, run as real processes on a facilitator's and a central data
folder: export, import, receipt, check, delete — and every refusal as one line on stderr with status 2."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from cafe_desk.export import keys
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage import database
from cafe_desk.storage.store import Store
from tests.central import make_cafe, snapshot
from tests.conftest import assert_fails, cafe_desk


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def state_of(data_dir: Path) -> str:
    store = Store(Settings(data_dir).db_path)
    try:
        return snapshot(store)
    finally:
        store.close()


@pytest.fixture
def folders(tmp_path):
    """(laptop data folder, central data folder, key file, the laptop café's id and short code)."""
    laptop, central, key = tmp_path / "laptop", tmp_path / "central", tmp_path / "central.key"
    keys.write_identity(key)
    store = Store(Settings(laptop).db_path)
    try:
        cafe = make_cafe(Services.build(store))
    finally:
        store.close()
    return laptop, central, key, cafe.id, cafe.short_code


def send(folders, tmp_path: Path, name: str = "perth") -> Path:
    """Export the café with the CLI, import it at the central desk with the CLI; the bundle's path."""
    laptop, central, key, _, code = folders
    public = str(keys.read_identity(key).to_public())
    bundle = tmp_path / f"{name}.cafe"
    ok(cafe_desk("export", code, "--recipient", public, "--out", str(bundle), data_dir=laptop))
    ok(cafe_desk("import", "--identity", str(key), str(bundle), data_dir=central))
    return bundle


def imported_code(central: Path) -> str:
    return json.loads(ok(cafe_desk("cafes", "--json", data_dir=central)))[0]["short_code"]


def test_receipt_check_and_delete(folders, tmp_path):
    laptop, central, _, cafe_id, code = folders
    send(folders, tmp_path)
    receipt = tmp_path / "perth.cafe-receipt"
    assert ok(cafe_desk("receipt", imported_code(central), "--out", str(receipt), data_dir=central)) == (
        f"Receipt for “Perth café” (2 points, 1 comment) → {receipt}\n")  # as the import line counted them
    assert json.loads(receipt.read_text(encoding="utf-8"))["cafe_id"] == cafe_id

    checked = ok(cafe_desk("check-receipt", str(receipt), data_dir=laptop)).splitlines()
    assert checked[0].startswith("The central team received “Perth café” whole (2 points, 1 comment, exported ")
    assert checked[0].endswith(f"Café {code} ({cafe_id}).")
    assert checked[1] == "Nothing was deleted. Add --delete to delete this café's raw data from this laptop."
    assert [c["id"] for c in json.loads(ok(cafe_desk("cafes", "--json", data_dir=laptop)))] == [cafe_id]

    settings = Settings(laptop)
    copy = database.backup(settings.db_path, settings.backup_dir)
    deleted = ok(cafe_desk("check-receipt", str(receipt), "--delete", data_dir=laptop)).splitlines()
    assert deleted[-1] == "Deleted “Perth café” from this laptop and from this laptop's backups."
    assert json.loads(ok(cafe_desk("cafes", "--json", data_dir=laptop))) == []
    assert database.backup_copies(settings.backup_dir) == [copy]
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT COUNT(*) FROM cafe").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM note").fetchone()[0] == 0
    finally:
        conn.close()
    assert len(json.loads(ok(cafe_desk("cafes", "--json", data_dir=central)))) == 1


def test_a_receipt_for_an_older_export_is_refused(folders, tmp_path):
    laptop, central, _, cafe_id, _ = folders
    send(folders, tmp_path)
    receipt = tmp_path / "perth.cafe-receipt"
    ok(cafe_desk("receipt", imported_code(central), "--out", str(receipt), data_dir=central))
    public = str(keys.read_identity(folders[2]).to_public())
    ok(cafe_desk("export", cafe_id, "--recipient", public, "--out", str(tmp_path / "again.cafe"), data_dir=laptop))
    before = state_of(laptop)
    assert_fails(cafe_desk("check-receipt", str(receipt), "--delete", data_dir=laptop),
                 "This receipt is for a different export of this café — export again or ask for the receipt of the "
                 "latest file.")
    assert state_of(laptop) == before


def test_refusals_are_one_line_with_status_2(folders, tmp_path):
    laptop, central, _, cafe_id, code = folders
    send(folders, tmp_path)
    assert imported_code(central) != code
    assert_fails(cafe_desk("receipt", code, "--out", str(tmp_path / "r.cafe-receipt"), data_dir=laptop),
                 "“Perth café” was made on this computer, not imported from a café file, so there is no receipt "
                 "to write for it.")
    assert not (tmp_path / "r.cafe-receipt").exists()
    by_laptop_id = tmp_path / "by-laptop-id.cafe-receipt"  # the id check-receipt shows on the laptop works
    assert ok(cafe_desk("receipt", cafe_id, "--out", str(by_laptop_id), data_dir=central)).startswith(
        "Receipt for “Perth café” (2 points, 1 comment)")
    assert_fails(cafe_desk("receipt", code, "--out", str(tmp_path / "r.cafe-receipt"), data_dir=central),
                 f"There is no café '{code}' here. An imported café gets a short code of its own at the central "
                 "desk: `cafe-desk cafes` lists them (the café's long id from the facilitator's laptop works too).")
    note = tmp_path / "note.cafe-receipt"
    note.write_text("Got it, thanks!\n", encoding="utf-8")
    before = state_of(laptop)
    assert_fails(cafe_desk("check-receipt", str(note), "--delete", data_dir=laptop),
                 "This file can't be read as a Café Desk receipt (it is not receipt text).")
    assert_fails(cafe_desk("check-receipt", str(tmp_path / "missing.cafe-receipt"), data_dir=laptop),
                 "This receipt file can't be read (it may be missing, or its permissions may not allow it).")
    assert state_of(laptop) == before


def test_a_receipt_into_a_missing_folder(folders, tmp_path):
    _, central, _, _, _ = folders
    send(folders, tmp_path)
    target = tmp_path / "nowhere" / "r.cafe-receipt"
    assert_fails(cafe_desk("receipt", imported_code(central), "--out", str(target), data_dir=central),
                 f"The folder for {target} does not exist, so nothing was written.")
