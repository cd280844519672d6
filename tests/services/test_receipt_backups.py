"""Deleting a café after a receipt takes it out of every backup copy on the laptop too: each copy is opened with
sqlite3 afterwards and read, row by row and byte by byte. Real files, real age, real SQLite."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from cafe_desk.core.errors import UserError
from cafe_desk.export.receipt import ReceiptError
from cafe_desk.storage import database
from tests.central import cafe_at, make_cafe
from tests.conftest import exactly

DRAFT = "Draft: the Tay Whale shelter on Riverside Drive"
EDITED = "The bus shelter by the Tay Whale leaks onto the bench"
PERTH_WORDS = (DRAFT, EDITED, "More benches in the park", "Waited eight months for a first appointment",
               "Peer support groups helped me most")
DUNDEE_POINT = "Dundee would like a library bus on Saturdays"


@pytest.fixture
def laptop(services):
    """(Perth: a café that ran, with a note edited after it was taken; Dundee: another café that stays)."""
    perth = make_cafe(services)
    table = services.planning.items(perth.id, "table")[0]
    round_ = services.planning.items(perth.id, "round")[0]
    note = services.notes.add(perth.id, table.id, round_.id, DRAFT)[0]
    services.notes.update(note.id, text=EDITED)  # the audit log quotes the words before and after
    dundee = cafe_at(services, "Dundee café", "2026-04-02", "Dundee", points=(DUNDEE_POINT,))
    return perth, dundee


def backup(db_path):
    return database.backup(db_path, database.backup_dir_for(db_path))


def copies(db_path):
    return database.backup_copies(database.backup_dir_for(db_path))


def receipt_for(services, cafe, central, identity, tmp_path):
    """Export the café, import it at the central desk and write the receipt there; the receipt's path."""
    bundle = tmp_path / "perth.cafe"
    services.exporting.export_to_file(cafe.id, [str(identity.to_public())], bundle)
    imported = central.importing.import_file(bundle, [identity])
    target = tmp_path / "perth.cafe-receipt"
    central.receipts.write_receipt(imported.cafe_id, target)
    return target


def tables_with_cafe_id(conn) -> list[str]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [n for n in names if "cafe_id" in {c[1] for c in conn.execute(f"PRAGMA table_info({n})")}]


def what_copy_holds(path, cafe_id) -> dict:
    """What one backup copy holds of the café, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = {t: conn.execute(f"SELECT COUNT(*) FROM {t} WHERE cafe_id = ?", [cafe_id]).fetchone()[0]
                for t in tables_with_cafe_id(conn) if t != "audit"}
        details = [r[0] for r in conn.execute("SELECT detail FROM audit WHERE cafe_id = ?", [cafe_id])]
        cafes = [r[0] for r in conn.execute("SELECT title FROM cafe ORDER BY title")]
        points = [r[0] for r in conn.execute("SELECT text FROM note")]
    finally:
        conn.close()
    return {"rows": {t: n for t, n in rows.items() if n}, "details": [d for d in details if d != "{}"],
            "cafes": cafes, "points": points}


def file_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_receipt_deletion_takes_the_cafe_out_of_every_backup(services, db_path, laptop, central, identity,
                                                             tmp_path):
    perth, dundee = laptop
    made = [backup(db_path) for _ in range(3)]
    assert what_copy_holds(made[0], perth.id)["rows"]["note"] > 0  # the copies hold Perth before it is deleted
    receipt = receipt_for(services, perth, central, identity, tmp_path)
    made.append(backup(db_path))  # one made after the export as well

    services.receipts.delete_raw_data(perth.id, receipt)

    assert copies(db_path) == made  # every copy kept, each cleaned where it is
    assert not any(database.backup_dir_for(db_path).glob("*-wal"))  # nothing of the cleaning left beside them
    for copy in made:
        held = what_copy_holds(copy, perth.id)
        assert held["rows"] == {} and held["details"] == []
        assert held["cafes"] == ["Dundee café"] and DUNDEE_POINT in held["points"]  # the rest of it is intact
        raw = file_bytes(copy)
        assert [w for w in PERTH_WORDS if w.encode() in raw] == []  # not left in the file's free space either
        assert DUNDEE_POINT.encode() in raw
    # the data file itself keeps no words of Perth, in its pages or its write-ahead log
    assert [w for w in PERTH_WORDS if w.encode() in file_bytes(db_path)] == []
    assert services.cafes.cafe(dundee.id).title == "Dundee café"
    [gone] = [e for e in services.store.audit_entries(perth.id) if e["action"] == "delete"]
    assert "Perth café" in gone["detail"]  # the line saying it was deleted after a receipt stays


def test_a_receipt_that_does_not_match_leaves_the_backups_as_they_were(services, db_path, laptop, central,
                                                                       identity, tmp_path):
    perth, _ = laptop
    receipt = receipt_for(services, perth, central, identity, tmp_path)
    services.notes.add(perth.id, None, None, "One more point after the export")
    made = backup(db_path)
    before = hashlib.sha256(made.read_bytes()).hexdigest()
    with pytest.raises(ReceiptError):
        services.receipts.delete_raw_data(perth.id, receipt)
    assert hashlib.sha256(made.read_bytes()).hexdigest() == before
    assert what_copy_holds(made, perth.id)["rows"]["note"] == len(services.notes.list(perth.id))


def test_a_copy_that_cannot_be_cleaned_is_removed(services, db_path, laptop, central, identity, tmp_path):
    perth, _ = laptop
    good = backup(db_path)
    damaged = database.backup_dir_for(db_path) / "cafe-desk-20250101T000000000000Z.sqlite3"
    damaged.write_bytes(good.read_bytes()[:4096] + b"\0" * 4096)  # the first page of a copy, then nothing
    half = database.backup_dir_for(db_path) / "cafe-desk-20250102T000000000000Z.part"
    half.write_bytes(good.read_bytes())
    receipt = receipt_for(services, perth, central, identity, tmp_path)

    services.receipts.delete_raw_data(perth.id, receipt)

    assert copies(db_path) == [good] and not half.exists()
    assert what_copy_holds(good, perth.id)["rows"] == {}


def test_a_copy_that_can_be_neither_cleaned_nor_removed_stops_the_deletion(services, db_path, laptop, central,
                                                                           identity, tmp_path):
    perth, _ = laptop
    points = services.notes.list(perth.id)
    backup(db_path)
    stuck = database.backup_dir_for(db_path) / "cafe-desk-20250101T000000000000Z.sqlite3"
    stuck.mkdir()  # not a file: SQLite can't open it and it can't be removed as one
    (stuck / "inside").write_text("x")
    receipt = receipt_for(services, perth, central, identity, tmp_path)

    with pytest.raises(UserError, match=exactly(
            f"A backup copy on this laptop ({stuck}) can't be cleaned or removed, so nothing was deleted. Close any "
            "program using it and try again.")):
        services.receipts.delete_raw_data(perth.id, receipt)
    assert services.cafes.cafe(perth.id).title == "Perth café"
    assert services.notes.list(perth.id) == points
