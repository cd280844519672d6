"""`cafe-desk signing-key`, `signers`, `import --replace-unsigned` and the signer in `cafes`, run as real processes on
a facilitator's and a central data folder with real keys."""

from __future__ import annotations

import json
import uuid

import pytest
from nacl.signing import SigningKey

from cafe_desk.export import bundle, keys, signing
from cafe_desk.export.cafe_export import exported_at
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import make_cafe, rebuilt, sealed_by_age
from tests.conftest import CODED, assert_fails, cafe_desk, coded


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def folders(tmp_path):
    """(laptop folder, central folder, central key file, public key, the laptop café's short code)."""
    laptop, central, key = tmp_path / "laptop", tmp_path / "central", tmp_path / "central.key"
    public = keys.write_identity(key)
    store = Store(Settings(laptop).db_path)
    try:
        code = make_cafe(Services.build(store)).short_code
    finally:
        store.close()
    return laptop, central, key, public, code


def test_a_facilitator_s_key_added_by_name_then_revoked(folders, tmp_path):
    laptop, central, key, public, code = folders
    key_file = tmp_path / "anna-key.txt"
    said = ok(cafe_desk("signing-key", "--out", str(key_file), data_dir=laptop)).splitlines()
    fingerprint = ok(cafe_desk("signing-key", data_dir=laptop)).strip().removeprefix("This laptop's signing key: ")
    assert said[0] == f"This laptop's signing key: {fingerprint} → {key_file}" and len(fingerprint) == 19
    assert ok(cafe_desk("signers", data_dir=central)) == (
        "No facilitators' keys yet: add one with `cafe-desk signers --add FILE`.\n")
    assert ok(cafe_desk("signers", "--add", str(key_file), "--name", "Anna, Perth", data_dir=central)) == (
        f"Added Anna, Perth's key ({fingerprint}).\n")

    bundle_path = tmp_path / "perth.cafe"
    ok(cafe_desk("export", code, "--recipient", public, "--out", str(bundle_path), data_dir=laptop))
    assert coded(ok(cafe_desk("import", "--identity", str(key), str(bundle_path), data_dir=central))) == (
        f"Imported “Perth café”{CODED}signed by Anna, Perth ({fingerprint})\n")
    [listed] = json.loads(ok(cafe_desk("cafes", "--json", data_dir=central)))
    assert listed["imported"] and listed["signer"]["fingerprint"] == fingerprint
    assert (listed["state"], listed["origin"]) == ("closed", "imported")
    assert listed["signer"]["name"] == "Anna, Perth" and listed["source_short_code"] == code
    line = ok(cafe_desk("cafes", data_dir=central)).rstrip()
    assert line.endswith(f"— imported ({code} on the facilitator's laptop), signed by Anna, Perth ({fingerprint})")
    assert line.split()[2] == "Imported"  # the word the Cafés page's State column shows
    [local] = json.loads(ok(cafe_desk("cafes", "--json", data_dir=laptop)))
    assert not local["imported"] and local["signer"] is None and local["origin"] == "local"
    assert ok(cafe_desk("cafes", data_dir=laptop)).split()[2] == "Running"  # as the page says it, not "running"
    assert ok(cafe_desk("signers", data_dir=central)) == f"Anna, Perth ({fingerprint}): Perth café\n"

    assert ok(cafe_desk("signers", "--revoke", fingerprint.replace(" ", ""), data_dir=central)) == (
        f"Revoked Anna, Perth's key ({fingerprint}): files it signs are refused from now on.\n")
    assert_fails(cafe_desk("signers", "--revoke", fingerprint, data_dir=central),
                 f"Anna, Perth's key ({fingerprint}) is already revoked.")
    [signer] = json.loads(ok(cafe_desk("signers", "--json", data_dir=central)))
    assert signer["state"] == "revoked" and signer["cafes"] == ["Perth café"]
    again = tmp_path / "perth-2.cafe"
    ok(cafe_desk("export", code, "--recipient", public, "--out", str(again), data_dir=laptop))
    result = cafe_desk("import", "--identity", str(key), str(again), data_dir=central)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"Refused {again}: This file is signed by a key the central team revoked ({fingerprint}), so it was "
        "not imported.\n")
    # the revoke taken back, or the key added again without a name: it keeps its name either way
    assert ok(cafe_desk("signers", "--unrevoke", fingerprint[:4], data_dir=central)) == (
        f"Took back the revoke of Anna, Perth's key ({fingerprint}): files it signs come in again.\n")
    assert ok(cafe_desk("import", "--identity", str(key), str(again), data_dir=central)).startswith(
        f"Replaced an older export of “Perth café” — signed by Anna, Perth ({fingerprint})")
    ok(cafe_desk("signers", "--revoke", fingerprint, data_dir=central))
    assert ok(cafe_desk("signers", "--add", str(key_file), data_dir=central)) == (
        f"Added Anna, Perth's key ({fingerprint}).\n")
    assert ok(cafe_desk("signers", data_dir=central)) == f"Anna, Perth ({fingerprint}): Perth café\n"
    assert_fails(cafe_desk("signers", "--unrevoke", fingerprint, data_dir=central),
                 f"Anna, Perth's key ({fingerprint}) is not revoked, so there is nothing to take back.")
    assert_fails(cafe_desk("signers", "--revoke", "ffff", data_dir=central),
                 "No facilitator's key here has the fingerprint 'ffff'.")
    assert_fails(cafe_desk("signers", "--add", str(bundle_path), data_dir=central),
                 "perth.cafe does not hold one Café Desk signing key (a line starting with cafe-desk-signer).")


def test_an_unsigned_cafe_is_replaced_only_with_the_flag(folders, tmp_path):
    laptop, central, key, public, code = folders
    store = Store(Settings(laptop).db_path)
    try:
        services = Services.build(store)
        cafe = services.cafes.cafe(code)
        files = services.exporting.build(cafe.id).files
        old = tmp_path / "old.cafe"
        old.write_bytes(sealed_by_age(rebuilt(files, version=1, receipt_secret=None), public))
        newer = tmp_path / "newer.cafe"
        newer.write_bytes(bundle.seal(bundle.pack(rebuilt(files, version=1, receipt_secret=None,
                                                          export_id=str(uuid.uuid4()),
                                                          exported_at=exported_at())), [public]))
    finally:
        store.close()
    assert coded(ok(cafe_desk("import", "--identity", str(key), str(old), data_dir=central))) == (
        f"Imported “Perth café”{CODED}unsigned: who sent it can't be checked\n")
    assert ok(cafe_desk("cafes", data_dir=central)).rstrip().endswith(
        f"— imported ({code} on the facilitator's laptop), unsigned: who sent it can't be checked")
    refused = cafe_desk("import", "--identity", str(key), str(newer), data_dir=central)
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2, "", f"Refused {newer}: “Perth café” came unsigned, so it is replaced only when asked "
        "(--replace-unsigned); this file was not imported.\n")
    assert ok(cafe_desk("import", "--identity", str(key), "--replace-unsigned", str(newer), data_dir=central)) == (
        "Replaced an older export of “Perth café” — unsigned: who sent it can't be checked\n")
    assert ok(cafe_desk("signers", data_dir=central)) == (
        "No facilitators' keys yet: add one with `cafe-desk signers --add FILE`.\n"
        "Unsigned (who sent them can't be checked): Perth café\n")


def test_replacing_says_what_it_drops_and_a_new_key_is_taken_only_with_the_flag(folders, tmp_path):
    laptop, central, key, public, code = folders
    first = tmp_path / "perth.cafe"
    ok(cafe_desk("export", code, "--recipient", public, "--out", str(first), data_dir=laptop))
    ok(cafe_desk("import", "--identity", str(key), str(first), data_dir=central))
    store = Store(Settings(central).db_path)
    try:  # the central team codes every note
        hq = Services.build(store)
        theme = hq.synthesis.create_theme("Access")[0]
        hq.synthesis.apply_theme([n.id for n in hq.notes.list(hq.cafes.list()[0].id)], theme.id)
    finally:
        store.close()
    store = Store(Settings(laptop).db_path)
    try:  # the facilitator leaves the quote out of the next export; then a second laptop exports the café
        services = Services.build(store)
        cafe = services.cafes.cafe(code)
        ours = services.signing_key.fingerprint()
        quote = next(n for n in services.notes.list(cafe.id) if n.is_quote)
        newer = tmp_path / "perth-2.cafe"
        newer.write_bytes(services.exporting.export_cafe(cafe.id, [public], leave_out={quote.id})[0])
        other = bytes(SigningKey.generate())
        theirs = signing.fingerprint(signing.public_of(other))
        moved = tmp_path / "perth-3.cafe"
        moved.write_bytes(bundle.seal(bundle.pack(rebuilt(services.exporting.build(cafe.id).files, seed=other,
                                                          export_id=str(uuid.uuid4()), exported_at=exported_at())),
                                      [public]))
    finally:
        store.close()
    assert ok(cafe_desk("import", "--identity", str(key), str(newer), data_dir=central)) == (
        f"Replaced an older export of “Perth café” — signed by {ours}, not on the list; dropped 1 coding on items "
        "not in the new file\n")

    refused = cafe_desk("import", "--identity", str(key), str(moved), data_dir=central)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.rstrip().endswith(
        f"If the café's facilitator changed key (check the fingerprint with them by phone), import it again with "
        f"--accept-new-signer {theirs.replace(' ', '')}.")
    wrong = cafe_desk("import", "--identity", str(key), "--accept-new-signer", "ffff ffff ffff ffff", str(moved),
                      data_dir=central)
    assert wrong.returncode == 2 and wrong.stderr == refused.stderr
    assert ok(cafe_desk("import", "--identity", str(key), "--accept-new-signer", theirs, str(moved),
                        data_dir=central)) == (
        f"Replaced an older export of “Perth café” — signed by {theirs}, not on the list, the café's key from now "
        "on\n")
    assert "--accept-new-signer FINGERPRINT" in ok(cafe_desk("import", "--help", data_dir=central))


def test_signers_json_escapes_control_characters_in_names(folders, tmp_path):
    laptop, central, *_ = folders
    store = Store(Settings(laptop).db_path)
    try:
        key_file = tmp_path / "anna.pub"
        Services.build(store).signing_key.save_public_key(key_file)
    finally:
        store.close()
    name = "Ann\u202ea\x1b[31m\x07"
    assert cafe_desk("signers", "--add", str(key_file), "--name", name, data_dir=central).returncode == 0
    listed = cafe_desk("signers", "--json", data_dir=central)
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout and "\x07" not in listed.stdout
    assert json.loads(listed.stdout)[0]["name"] == "Anna"  # a name is kept to its visible characters
