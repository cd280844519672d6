"""Receipts end to end on real SQLite files with real age encryption: a café exported on a laptop, imported at the
central desk, a receipt written there, checked on the laptop, and only then the café deleted from the laptop."""

from __future__ import annotations

import hashlib
import json
import re
import uuid

import pytest

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import Counts
from cafe_desk.core.errors import Cancelled, NotFoundError, UserError
from cafe_desk.export import bundle
from cafe_desk.export.receipt import (
    MAX_BYTES,
    NOT_A_RECEIPT,
    TOO_BIG,
    UNREADABLE,
    ReceiptError,
    manifest_counts,
    read_receipt,
)
from cafe_desk.services import Services
from cafe_desk.services.receipts import DIFFERENT_EXPORT, ReceiptCheck
from cafe_desk.storage.store import Store
from tests.central import make_cafe, snapshot
from tests.conftest import exactly


@pytest.fixture
def source(services):
    return make_cafe(services)


def export(services, cafe, identity, path):
    """Export the café to `path` the way the app does (its own connection; recorded once the file is written)."""
    services.exporting.export_to_file(cafe.id, [str(identity.to_public())], path)
    return path


def receipt_from(central, bundle_path, identity, target):
    """Import the bundle at the central desk and write the receipt for it to `target`."""
    result = central.importing.import_file(bundle_path, [identity])
    central.receipts.write_receipt(result.cafe_id, target)
    return target


def exports_of(store, cafe_id):
    return [json.loads(e["detail"]) for e in store.audit_entries(cafe_id) if e["action"] == "export"]


def note_rows(store, cafe_id) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM note WHERE cafe_id = ?", [cafe_id]).fetchone()[0]


@pytest.fixture
def sent(services, source, central, identity, tmp_path):
    """(the bundle file, its receipt file) for one export of `source` imported at the central desk."""
    path = export(services, source, identity, tmp_path / "perth.cafe")
    return path, receipt_from(central, path, identity, tmp_path / "perth.cafe-receipt")


def test_export_is_recorded_with_the_bytes_as_written(services, source, identity, tmp_path):
    path = export(services, source, identity, tmp_path / "perth.cafe")
    manifest, _ = bundle.open_bundle(path.read_bytes(), [identity])
    [entry] = exports_of(services.store, source.id)
    assert entry["export_id"] == manifest["export_id"]
    assert entry["bundle_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert entry["counts"] == manifest_counts(manifest) and entry["counts"]["notes.jsonl"] == 3


def test_a_cancelled_export_is_not_recorded(services, source, identity, tmp_path):
    with pytest.raises(Cancelled):
        services.exporting.export_to_file(source.id, [str(identity.to_public())], tmp_path / "x.cafe",
                       cancelled=lambda: True)
    assert exports_of(services.store, source.id) == [] and not (tmp_path / "x.cafe").exists()


def test_round_trip_receipt_matches_then_delete_removes_the_cafe(services, source, central, identity, sent):
    bundle_path, receipt_path = sent
    other = make_cafe(services, "Dundee café")
    receipt = read_receipt(receipt_path)
    manifest, _ = bundle.open_bundle(bundle_path.read_bytes(), [identity])
    assert receipt.cafe_id == source.id and receipt.export_id == manifest["export_id"]
    assert receipt.bundle_sha256 == hashlib.sha256(bundle_path.read_bytes()).hexdigest()
    assert receipt.counts == manifest_counts(manifest) and receipt.title == "Perth café"

    services.cafes.close(source.id)  # closing after the export changes nothing the export carries
    check = services.receipts.check_receipt(receipt_path)
    assert (check.cafe_id, check.title, check.notes, check.export_id) == (
        source.id, "Perth café", 3, manifest["export_id"])
    assert check.line().startswith("The central team received “Perth café” whole (2 points, 1 comment, exported ")
    assert services.cafes.cafe(source.id) is not None  # checking deletes nothing

    changes = services.receipts.delete_raw_data(source.id, receipt_path)
    assert changes.cafes and changes.notes and isinstance(changes, Changes)
    assert services.store.get_cafe(source.id) is None and note_rows(services.store, source.id) == 0
    assert services.notes.list(source.id) == [] and services.votes.tallies(source.id) == []
    actions = [e["action"] for e in services.store.audit_entries(source.id)]
    # the audit log keeps its history: closing stopped the round's countdown ("run"), then closed the café
    assert actions[-4:] == ["export", "run", "close", "delete"] and "create" in actions
    assert [c.title for c in services.cafes.list()] == ["Dundee café"]
    assert note_rows(services.store, other.id) == 3
    assert len(central.cafes.list()) == 1  # the central desk keeps its copy
    with pytest.raises(ReceiptError, match=exactly(
            "“Perth café” was already deleted from this laptop after a matching receipt.")):
        services.receipts.check_receipt(receipt_path)


def test_a_receipt_for_an_older_export_is_refused(services, source, central, identity, sent, tmp_path):
    _, old_receipt = sent
    newer = export(services, source, identity, tmp_path / "perth-2.cafe")
    before = snapshot(services.store)
    receipts = services.receipts
    with pytest.raises(ReceiptError, match=exactly(DIFFERENT_EXPORT)):
        receipts.check_receipt(old_receipt)
    with pytest.raises(ReceiptError, match=exactly(DIFFERENT_EXPORT)):
        receipts.delete_raw_data(source.id, old_receipt)
    assert snapshot(services.store) == before and note_rows(services.store, source.id) == 3
    new_receipt = receipt_from(central, newer, identity, tmp_path / "perth-2.cafe-receipt")
    assert receipts.check_receipt(new_receipt).cafe_id == source.id


def _tamper(path, **changes):
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(("changes", "message"), [
    ({"bundle_sha256": "0" * 64}, "This receipt does not match the file exported from this laptop (the file the "
     "central team holds is different), so nothing can be deleted — export again and ask for the receipt of the "
     "new file."),
    ({"counts": {"notes.jsonl": 99}}, "The counts in this receipt differ from what this laptop exported, so it "
     "can't confirm everything arrived — export again and ask for the receipt of the new file."),
    ({"export_id": str(uuid.uuid4())}, DIFFERENT_EXPORT),
], ids=["checksum", "counts", "export id"])
def test_a_tampered_receipt_is_refused_and_nothing_is_deleted(services, source, sent, changes, message):
    _, receipt_path = sent
    _tamper(receipt_path, **changes)
    before = snapshot(services.store)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.check_receipt(receipt_path)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.delete_raw_data(source.id, receipt_path)
    assert snapshot(services.store) == before


def _huge(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data) + " " * MAX_BYTES, encoding="utf-8")


def _without(field):
    def spoil(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        del data[field]
        path.write_text(json.dumps(data), encoding="utf-8")
    return spoil


def _five_thousand_digits(path):
    """A count written with 5,000 digits (more than Python reads by default)."""
    text = path.read_text(encoding="utf-8")
    spoiled = re.sub(r'("notes.jsonl":\s*)\d+', lambda m: m.group(1) + "9" * 5000, text, count=1)
    assert spoiled != text
    path.write_text(spoiled, encoding="utf-8")


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda p: p.write_text("Thanks, it all arrived! — the central team\n", encoding="utf-8"), UNREADABLE),
    (lambda p: p.write_bytes(b"\xff\xfe\x00 not text"), UNREADABLE),
    (lambda p: _five_thousand_digits(p), UNREADABLE),
    (_huge, TOO_BIG),
    (lambda p: _tamper(p, format="cafe-desk-bundle"), NOT_A_RECEIPT),
    (lambda p: p.write_text("[1, 2, 3]", encoding="utf-8"), NOT_A_RECEIPT),
    (lambda p: _tamper(p, version=3), "This receipt was made by a newer Café Desk (receipt version 3); please "
     "update Café Desk to read it."),
    (_without("export_id"), "This receipt is incomplete: “export_id” is missing or not as expected, so it can't "
     "be used."),
    (lambda p: _tamper(p, bundle_sha256="not a checksum"), "This receipt is incomplete: “bundle_sha256” is missing "
     "or not as expected, so it can't be used."),
    (lambda p: _tamper(p, counts={"notes.jsonl": -1}), "This receipt is incomplete: “counts” is missing or not as "
     "expected, so it can't be used."),
    (lambda p: p.unlink(), "This receipt file can't be read (it may be missing, or its permissions may not allow "
     "it)."),
    (lambda p: (p.unlink(), p.mkdir()), "This is a folder, not a receipt file."),
], ids=["not JSON", "not text", "5,000 digits", "huge", "wrong format", "a list", "newer version", "missing field",
        "bad checksum",
        "bad counts", "missing file", "folder"])
def test_malformed_receipts_give_one_line_and_delete_nothing(services, source, sent, spoil, message):
    _, receipt_path = sent
    spoil(receipt_path)
    before = snapshot(services.store)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.check_receipt(receipt_path)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.delete_raw_data(source.id, receipt_path)
    assert snapshot(services.store) == before and "\n" not in message


def test_a_receipt_for_a_cafe_not_on_this_laptop(services, source, sent):
    _, receipt_path = sent
    _tamper(receipt_path, cafe_id=str(uuid.uuid4()))
    before = snapshot(services.store)
    message = "This receipt is for a café that is not on this laptop, so there is nothing to delete."
    with pytest.raises(NotFoundError, match=exactly(message)):
        services.receipts.check_receipt(receipt_path)
    with pytest.raises(ReceiptError, match=exactly("This receipt is for another café, so nothing was deleted.")):
        services.receipts.delete_raw_data(source.id, receipt_path)
    assert snapshot(services.store) == before


def test_an_export_recorded_before_points_and_comments_were_counted_apart_says_items():
    check = ReceiptCheck("id", "ABCDEF", "Perth café", "export", "2026-03-14T12:00:00Z", "2026-03-15T09:00:00Z",
                         {"notes.jsonl": 3})
    assert check.line().startswith("The central team received “Perth café” whole (3 items, exported ")
    one = ReceiptCheck("id", "ABCDEF", "Perth café", "export", "2026-03-14T12:00:00Z", "", {"notes.jsonl": 1},
                       Counts(points=1))
    assert one.line().startswith("The central team received “Perth café” whole (1 point, 0 comments, exported ")


def test_a_cafe_changed_since_its_export_is_not_deleted(services, source, sent):
    _, receipt_path = sent
    services.notes.add(source.id, None, None, "A point written after the export")
    before = snapshot(services.store)
    message = ("The central team received this export whole, but “Perth café” has changed since (new or edited "
               "points, comments or votes), so it can't be deleted yet — export again and ask for the receipt of the "
               "new file.")
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.delete_raw_data(source.id, receipt_path)
    assert snapshot(services.store) == before and note_rows(services.store, source.id) == 4


def test_an_export_made_without_a_record_is_not_matched(services, source, central, identity, tmp_path):
    path = tmp_path / "perth.cafe"
    path.write_bytes(services.exporting.export_cafe(source.id, [str(identity.to_public())], record=False)[0])
    receipt_path = receipt_from(central, path, identity, tmp_path / "perth.cafe-receipt")
    with pytest.raises(ReceiptError, match=exactly(
            "This laptop has no record of exporting “Perth café”, so the receipt can't be matched — export again "
            "and ask for the receipt of the new file.")):
        services.receipts.check_receipt(receipt_path)


def test_no_receipt_for_a_cafe_made_here(services, source, tmp_path):
    target = tmp_path / "perth.cafe-receipt"
    with pytest.raises(UserError, match=exactly(
            "“Perth café” was made on this computer, not imported from a café file, so there is no receipt to "
            "write for it.")):
        services.receipts.write_receipt(source.id, target)
    assert not target.exists()


def test_an_imported_cafe_is_never_deleted_by_a_receipt(services, source, central, identity, sent, tmp_path):
    """The central desk exports one of its imported cafés on; a receipt for that must not delete the import."""
    imported_id = central.cafes.list()[0].id
    onward = tmp_path / "onward.cafe"
    onward.write_bytes(central.exporting.export_cafe(imported_id, [str(identity.to_public())])[0])
    store = Store(tmp_path / "third.sqlite3")
    try:
        receipt_path = receipt_from(Services.build(store), onward, identity, tmp_path / "onward.cafe-receipt")
    finally:
        store.close()
    before = snapshot(central.store)
    message = ("“Perth café” was imported from a café file, so it is kept; a receipt only deletes cafés run on this "
               "laptop.")
    with pytest.raises(ReceiptError, match=exactly(message)):
        central.receipts.delete_raw_data(imported_id, receipt_path)
    assert snapshot(central.store) == before and central.cafes.cafe(imported_id) is not None


def test_imported_cafes_are_listed_for_receipts_newest_import_first(services, source, central, identity, sent,
                                                                    tmp_path):
    second = make_cafe(services, "Dundee café")
    receipt_from(central, export(services, second, identity, tmp_path / "dundee.cafe"), identity,
                 tmp_path / "dundee.cafe-receipt")
    assert [c.title for c in central.receipts.imported_cafes()] == ["Dundee café", "Perth café"]
    assert services.receipts.imported_cafes() == []


def test_no_receipt_is_written_for_a_signed_file_that_carried_no_secret(services, source, central, identity, sent,
                                                                         tmp_path):
    """A café imported before such files were refused: its receipt could only be refused, so none is written."""
    imported = central.receipts.imported_cafes()[0]
    conn = central.store.conn
    [(manifest,)] = conn.execute("SELECT manifest FROM import_record WHERE cafe_id = ?", [imported.id])
    kept = {k: v for k, v in json.loads(manifest).items() if k != "receipt_secret"}
    conn.execute("UPDATE import_record SET manifest = ? WHERE cafe_id = ?", [json.dumps(kept), imported.id])
    with pytest.raises(UserError, match=exactly(
            "The café file of “Perth café” carried no receipt secret, so a receipt for it could not prove it arrived "
            "whole: ask the facilitator to export it again, and import that file.")):
        central.receipts.write_receipt(imported.id, tmp_path / "r.cafe-receipt")
    assert not (tmp_path / "r.cafe-receipt").exists()
