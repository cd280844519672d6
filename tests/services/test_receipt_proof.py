"""Receipts must carry the secret from inside the encrypted bundle: a receipt built from the laptop's own audit log
(export id, file hash, counts) is refused, a genuine one works, and an export made before bundles carried a secret
can't be checked at all — real SQLite files, real age encryption."""

from __future__ import annotations

import hashlib
import json
import secrets

import pytest

from cafe_desk.export import bundle
from cafe_desk.export.receipt import Receipt, ReceiptError, read_receipt, secret_hash
from cafe_desk.services.receipts import NO_PROOF, OLD_EXPORT, WRONG_PROOF
from tests.central import make_cafe, rebuilt, snapshot
from tests.conftest import exactly


@pytest.fixture
def source(services):
    return make_cafe(services)


def last_export(store, cafe_id) -> dict:
    return [json.loads(e["detail"]) for e in store.audit_entries(cafe_id) if e["action"] == "export"][-1]


@pytest.fixture
def sent(services, source, central, identity, tmp_path):
    """(bundle file, genuine receipt file): exported from the laptop, imported and receipted at the central desk."""
    path = tmp_path / "perth.cafe"
    services.exporting.export_to_file(source.id, [str(identity.to_public())], path)
    imported = central.importing.import_file(path, [identity])
    receipt = tmp_path / "perth.cafe-receipt"
    central.receipts.write_receipt(imported.cafe_id, receipt)
    return path, receipt


def test_the_laptop_keeps_only_the_secret_s_hash_and_the_genuine_receipt_carries_it(services, source, identity,
                                                                                     sent):
    path, receipt_path = sent
    manifest, _ = bundle.open_bundle(path.read_bytes(), [identity])
    secret = manifest["receipt_secret"]
    record = last_export(services.store, source.id)
    assert record["receipt_secret_sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    dump = "\n".join(services.store.conn.iterdump())
    assert secret not in dump  # nowhere in the laptop's database
    receipt = read_receipt(receipt_path)
    assert receipt.proof == secret and json.loads(receipt_path.read_text(encoding="utf-8"))["version"] == 2
    assert services.receipts.check_receipt(receipt_path).cafe_id == source.id
    services.receipts.delete_raw_data(source.id, receipt_path)
    assert services.store.get_cafe(source.id) is None


def forge(services, cafe_id, target, proof: str = "") -> None:
    """A receipt made from nothing but the laptop's own audit log (and, if given, a guessed proof)."""
    record = last_export(services.store, cafe_id)
    target.write_bytes(Receipt(record["export_id"], cafe_id, record["bundle_sha256"], record["counts"], "Perth café",
                               "2026-03-15T09:00:00Z", proof).to_bytes())


@pytest.mark.parametrize(("proof", "message"), [("", NO_PROOF), (secrets.token_hex(32), WRONG_PROOF)],
                         ids=["no proof", "guessed proof"])
def test_a_receipt_forged_from_the_audit_log_is_refused(services, source, sent, tmp_path, proof, message):
    forged = tmp_path / "forged.cafe-receipt"
    forge(services, source.id, forged, proof)
    before = snapshot(services.store)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.check_receipt(forged)
    with pytest.raises(ReceiptError, match=exactly(message)):
        services.receipts.delete_raw_data(source.id, forged)
    assert snapshot(services.store) == before and services.cafes.cafe(source.id).title == "Perth café"


def test_a_forged_receipt_is_refused_even_when_the_central_desk_never_imported_the_cafe(services, source, identity,
                                                                                       tmp_path):
    services.exporting.export_to_file(source.id, [str(identity.to_public())], tmp_path / "perth.cafe")
    forged = tmp_path / "forged.cafe-receipt"
    forge(services, source.id, forged)
    with pytest.raises(ReceiptError, match=exactly(NO_PROOF)):
        services.receipts.delete_raw_data(source.id, forged)
    assert services.store.get_cafe(source.id) is not None


def test_an_export_made_before_receipts_carried_a_secret_can_not_be_checked(services, source, central, identity,
                                                                            tmp_path):
    """A version 1 export recorded with no secret: even its genuine receipt deletes nothing."""
    result = services.exporting.build(source.id)
    result.files = rebuilt(result.files, version=1, receipt_secret=None)
    data = bundle.seal(bundle.pack(result.files), [str(identity.to_public())])
    services.exporting.record_export(result, data)
    assert last_export(services.store, source.id)["receipt_secret_sha256"] is None
    imported = central.importing.import_bundle(data, [identity])
    receipt = tmp_path / "old.cafe-receipt"
    central.receipts.write_receipt(imported.cafe_id, receipt)
    assert read_receipt(receipt).proof == ""
    before = snapshot(services.store)
    for check in (services.receipts.check_receipt, lambda p: services.receipts.delete_raw_data(source.id, p)):
        with pytest.raises(ReceiptError, match=exactly(OLD_EXPORT)):
            check(receipt)
    assert snapshot(services.store) == before


def test_a_version_1_receipt_is_still_read(services, source, sent):
    _, receipt_path = sent
    data = json.loads(receipt_path.read_text(encoding="utf-8"))
    data["version"] = 1
    receipt_path.write_text(json.dumps(data), encoding="utf-8")
    receipt = read_receipt(receipt_path)
    assert receipt.proof == ""  # a version 1 receipt has no proof, whatever it says
    with pytest.raises(ReceiptError, match=exactly(NO_PROOF)):
        services.receipts.check_receipt(receipt_path)
    assert secret_hash("x") == hashlib.sha256(b"x").hexdigest()
