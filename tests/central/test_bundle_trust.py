"""Who may bring or replace a café at the central desk, tried as an attacker would: bundles crafted with the project's
own packing code and with `age -r`, signed by another key, unsigned, dated in the year 9999, or reusing another
café's ids — on real SQLite files with real age encryption and real Ed25519 signatures."""

from __future__ import annotations

import json
import uuid

import pytest
from nacl.signing import SigningKey

from cafe_desk.central.bundle_trust import Consent, NeedsConsent
from cafe_desk.export import bundle, signing
from cafe_desk.export.cafe_export import exported_at
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe, rebuilt, sealed_by_age, snapshot
from tests.conftest import CODED, coded, exactly


@pytest.fixture
def laptop(tmp_path):
    """The facilitator's laptop: its own data folder, so its own signing key."""
    store = Store(tmp_path / "laptop" / "cafe-desk.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def source(laptop):
    return make_cafe(laptop)


@pytest.fixture
def hq(tmp_path):
    """The central desk's data folder."""
    store = Store(tmp_path / "central" / "cafe-desk.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def mallory():
    """Someone with the central team's public key (handed out widely) and a signing key of their own."""
    return bytes(SigningKey.generate())


def seal(files, identity, packer: str) -> bytes:
    public = str(identity.to_public())
    return sealed_by_age(files, public) if packer == "age -r" else bundle.seal(bundle.pack(files), [public])


def codings(store) -> list:
    return sorted(store.conn.execute("SELECT n.text, k.theme_id FROM coding k JOIN note n ON n.id = k.note_id"))


def shortlisted(store) -> list:
    return sorted(r[0] for r in store.conn.execute("SELECT n.text FROM shortlist s JOIN note n ON n.id = s.note_id"))


def code_everything(hq, cafe_id) -> None:
    """The central team codes every note of the café and shortlists its quote."""
    theme = hq.synthesis.create_theme("Access")[0]
    notes = hq.notes.list(cafe_id)
    hq.synthesis.apply_theme([n.id for n in notes], theme.id)
    hq.synthesis.shortlist([n.id for n in notes if n.is_quote])


def unbroken(fingerprint: str) -> str:
    """A fingerprint as a question shows it: never wrapped in the middle."""
    return fingerprint.replace(" ", "\u00a0")


def forged(laptop, cafe, seed, **changes) -> dict[str, bytes]:
    """A bundle for `cafe` with its notes rewritten, a new export id and a fresh export time, signed by `seed`."""
    files = dict(laptop.exporting.build(cafe.id).files)
    rows = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
    for row in rows:
        row["text"] = "Everything is fine, nothing needs to change."
    files["notes.jsonl"] = bundle.dumps_lines(rows)
    meta = {"export_id": str(uuid.uuid4()), "exported_at": exported_at(), **changes}
    return rebuilt(files, seed=seed, **meta)


@pytest.mark.parametrize("packer", ["own packing code", "age -r"])
def test_a_bundle_signed_by_another_key_is_refused_and_codings_stay(laptop, source, hq, identity, mallory, packer):
    genuine = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    cafe_id = hq.importing.import_bundle(genuine, [identity]).cafe_id
    code_everything(hq, cafe_id)
    before, coded, listed = snapshot(hq.store), codings(hq.store), shortlisted(hq.store)
    assert len(coded) == 3 and listed == ["Waited eight months for a first appointment"]

    data = seal(forged(laptop, source, mallory), identity, packer)
    ours, theirs = laptop.signing_key.fingerprint(), signing.fingerprint(signing.public_of(mallory))
    with pytest.raises(NeedsConsent, match=exactly(
            f"“Perth café” came signed by the key {ours} (not on the list), but this file is signed by the key "
            f"{theirs} (not on the list), so it was not imported. If the café's facilitator changed key (check the "
            f"fingerprint with them by phone), import it again with --accept-new-signer {theirs.replace(' ', '')}.")):
        hq.importing.import_bundle(data, [identity])
    assert snapshot(hq.store) == before and codings(hq.store) == coded and shortlisted(hq.store) == listed

    # the app asks instead, showing both keys; nothing is written until the person says yes
    path = laptop.store.data_dir / "forged.cafe"
    path.write_bytes(data)
    key_file = laptop.store.data_dir / "central.key"
    key_file.write_text(f"{identity}\n", encoding="ascii")
    run = hq.importing.import_files([path], key_file, ask=True)
    [question] = run.questions
    assert question.kind == "new signer" and question.text.splitlines()[:4] == [
        "“Perth café” came signed by:", f"• {unbroken(ours)} (not on the list)",
        "This file is signed by a different key:", f"• {unbroken(theirs)} (not on the list)"]
    assert run.lines == [] and snapshot(hq.store) == before

    # the genuine laptop is not locked out: its next export still replaces the café, codings kept
    laptop.notes.add(source.id, None, None, "A late point")
    newer = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    assert hq.importing.import_bundle(newer, [identity]).status == "replaced"
    assert codings(hq.store) == coded and shortlisted(hq.store) == listed


def test_an_export_time_in_the_year_9999_is_refused(laptop, source, hq, identity, mallory):
    genuine = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    hq.importing.import_bundle(genuine, [identity])
    before = snapshot(hq.store)
    seed = laptop.signing_key.secret()  # even the genuine key can't claim a time still to come
    for packer in ("own packing code", "age -r"):
        data = seal(forged(laptop, source, seed, exported_at="99991231T235959.000000Z"), identity, packer)
        with pytest.raises(bundle.BundleError, match=exactly(
                "This file says it was exported on 31 December 9999, which is still to come, so it was not "
                "imported.")):
            hq.importing.import_bundle(data, [identity])
    other = make_cafe(laptop, "Dundee café")
    for when in ("99991231T235959.000000Z", "tomorrow", None):
        data = seal(forged(laptop, other, mallory, exported_at=when), identity, "own packing code")
        with pytest.raises(bundle.BundleError):
            hq.importing.import_bundle(data, [identity])
    assert snapshot(hq.store) == before


def unsigned_v1(laptop, cafe, **changes) -> dict[str, bytes]:
    """The café as an older Café Desk exported it: format version 1, no signature, no receipt secret."""
    return rebuilt(laptop.exporting.build(cafe.id).files, version=1, receipt_secret=None, **changes)


def test_an_unsigned_v1_bundle_imports_as_unsigned_and_never_replaces_a_signed_cafe(laptop, source, hq, identity):
    other = make_cafe(laptop, "Dundee café")
    data = seal(unsigned_v1(laptop, other), identity, "age -r")
    result = hq.importing.import_bundle(data, [identity])
    assert coded(result.line()) == f"Imported “Dundee café”{CODED}unsigned: who sent it can't be checked"
    [listed] = hq.signers.cafes()
    assert listed.title == "Dundee café" and listed.signer is None and listed.label().startswith("unsigned")

    genuine = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    hq.importing.import_bundle(genuine, [identity])
    before = snapshot(hq.store)
    for consent in (Consent(), Consent(replace_unsigned=True)):
        data = seal(unsigned_v1(laptop, source, export_id=str(uuid.uuid4()), exported_at=exported_at()), identity,
                    "own packing code")
        with pytest.raises(bundle.BundleError, match=exactly(
                "“Perth café” came signed by its facilitator; an unsigned file never replaces it, so this one was "
                "not imported.")):
            hq.importing.import_bundle(data, [identity], consent=consent)
    assert snapshot(hq.store) == before


def test_an_unsigned_cafe_is_replaced_only_when_asked(laptop, source, hq, identity):
    first = hq.importing.import_bundle(seal(unsigned_v1(laptop, source), identity, "age -r"), [identity])
    laptop.notes.add(source.id, None, None, "A late point")
    again = seal(unsigned_v1(laptop, source, export_id=str(uuid.uuid4()), exported_at=exported_at()), identity,
                 "own packing code")
    before = snapshot(hq.store)
    with pytest.raises(NeedsConsent, match=exactly(
            "“Perth café” came unsigned, so it is replaced only when asked (--replace-unsigned); this file was not "
            "imported.")) as refused:
        hq.importing.import_bundle(again, [identity])
    assert "This file is unsigned too. Replace the café with it?" in refused.value.question
    assert snapshot(hq.store) == before
    replaced = hq.importing.import_bundle(again, [identity], consent=Consent(replace_unsigned=True))
    assert replaced.status == "replaced" and replaced.cafe_id == first.cafe_id
    assert len(hq.notes.list(first.cafe_id)) == 4

    # the laptop updates Café Desk: its first signed export also replaces the unsigned café only when asked
    signed = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    with pytest.raises(NeedsConsent) as asked:
        hq.importing.import_bundle(signed, [identity])
    assert asked.value.kind == "unsigned café" and asked.value.question.splitlines()[1:4] == [
        "This file is signed by:", f"• {unbroken(laptop.signing_key.fingerprint())} (not on the list)",
        "Replace the café with it?"]
    assert hq.importing.import_bundle(signed, [identity], consent=Consent(replace_unsigned=True)).status == "replaced"
    assert hq.store.cafe_signer(first.cafe_id) == laptop.signing_key.public_key()


def test_a_squatting_cafe_can_not_block_the_real_one(laptop, source, hq, identity, mallory):
    """Mallory's own café reuses the real café's outcome, group, theme and note ids (outcome and group ids are in
    the phone pages' HTML) and arrives first."""
    real = dict(laptop.exporting.build(source.id).files)
    squat = make_cafe(laptop, "Squatters' café")
    files = dict(laptop.exporting.build(squat.id).files)
    for name in ("outcomes.json", "groups.json", "themes.json", "notes.jsonl", "votes.json"):
        files[name] = real[name]
    for packer, seed in (("own packing code", mallory), ("age -r", None)):
        data = seal(rebuilt(files, seed=seed, export_id=str(uuid.uuid4()), cafe_id=str(uuid.uuid4()),
                            version=None if seed else 1), identity, packer)
        assert hq.importing.import_bundle(data, [identity]).status == "imported"
    genuine = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    result = hq.importing.import_bundle(genuine, [identity])
    assert result.status == "imported" and len(hq.notes.list(result.cafe_id)) == 3
    assert sorted(c.title for c in hq.cafes.list()) == ["Perth café", "Squatters' café", "Squatters' café"]
    outcome_ids = [o.id for c in hq.cafes.list() for o in hq.planning.items(c.id, "outcome")]
    assert len(outcome_ids) == len(set(outcome_ids))


def test_a_revoked_key_is_refused_and_can_be_added_again(laptop, source, hq, identity, mallory, tmp_path):
    key_file = tmp_path / "laptop-key.txt"
    fingerprint = laptop.signing_key.save_public_key(key_file)
    added = hq.signers.add_file(key_file, "Anna, Perth")
    assert (added.name, added.state, added.fingerprint) == ("Anna, Perth", "known", fingerprint)
    data = laptop.exporting.export_cafe(source.id, [str(identity.to_public())])[0]
    assert hq.importing.import_bundle(data, [identity]).line().endswith(f"— signed by Anna, Perth ({fingerprint})")
    assert hq.signers.signers()[0].cafes == ("Perth café",)

    revoked = hq.signers.revoke(fingerprint[:9])  # the start of the fingerprint is enough
    assert revoked.state == "revoked" and revoked.label() == f"Anna, Perth ({fingerprint}), revoked"
    other = make_cafe(laptop, "Dundee café")
    before = snapshot(hq.store)
    with pytest.raises(bundle.BundleError, match=exactly(
            f"This file is signed by a key the central team revoked ({fingerprint}), so it was not imported.")):
        hq.importing.import_bundle(laptop.exporting.export_cafe(other.id, [str(identity.to_public())])[0],
                                   [identity])
    assert snapshot(hq.store) == before and [c.title for c in hq.signers.cafes()] == ["Perth café"]

    assert hq.signers.add_file(key_file, "Anna, Perth (new laptop bag)").state == "known"
    assert hq.importing.import_bundle(laptop.exporting.export_cafe(other.id, [str(identity.to_public())])[0],
                                      [identity]).status == "imported"
    with pytest.raises(signing.SignatureError, match=exactly(
            "signing.key is a facilitator's secret signing key: ask them for the public key file instead, and tell "
            "them to keep this one private.")):
        hq.signers.add_file(laptop.signing_key.key_path)


def import_asking(hq, identity, folder, name: str, data: bytes):
    """Import one file as the app does (asking instead of refusing what needs an answer); the run."""
    path, key_file = folder / name, folder / "central.key"
    path.write_bytes(data)
    key_file.write_text(f"{identity}\n", encoding="ascii")
    return hq.importing.import_files([path], key_file, ask=True)


def test_an_older_file_from_another_key_is_refused_without_asking(laptop, source, hq, identity, mallory, tmp_path):
    to_hq = [str(identity.to_public())]
    older = seal(forged(laptop, source, mallory), identity, "own packing code")
    hq.importing.import_bundle(laptop.exporting.export_cafe(source.id, to_hq)[0], [identity])
    before = snapshot(hq.store)
    run = import_asking(hq, identity, tmp_path, "older.cafe", older)
    assert run.questions == [] and run.lines == [
        "Refused older.cafe: A newer export of “Perth café” is already here; this older one was not imported."]
    assert snapshot(hq.store) == before


def test_after_a_revoke_a_key_on_the_list_takes_the_cafe_back(laptop, source, hq, identity, mallory, tmp_path):
    """A second laptop's file was taken as a key change, then its key revoked; Anna's files bring the café back."""
    key_file = tmp_path / "anna.txt"
    anna = laptop.signing_key.save_public_key(key_file)
    hq.signers.add_file(key_file, "Anna, Perth")
    to_hq = [str(identity.to_public())]
    cafe_id = hq.importing.import_bundle(laptop.exporting.export_cafe(source.id, to_hq)[0], [identity]).cafe_id
    annas_older = laptop.exporting.export_cafe(source.id, to_hq)[0]
    theirs = signing.fingerprint(signing.public_of(mallory))
    taken = hq.importing.import_bundle(seal(forged(laptop, source, mallory), identity, "age -r"), [identity],
                                       consent=Consent(new_signers=(theirs,)))  # as typed: with its spaces
    assert taken.new_key and taken.line().endswith(f"signed by {theirs}, not on the list, the café's key from now on")
    hq.signers.revoke(theirs)

    # Anna's export from before the other laptop's is older than what is held: refused, nothing asked
    run = import_asking(hq, identity, tmp_path, "older.cafe", annas_older)
    assert run.questions == [] and run.lines[0].startswith("Refused older.cafe: A newer export of “Perth café”")

    newer = laptop.exporting.export_cafe(source.id, to_hq)[0]
    [question] = import_asking(hq, identity, tmp_path, "newer.cafe", newer).questions
    assert question.kind == "new signer" and question.text.splitlines()[:5] == [
        "“Perth café” came signed by:", f"• {unbroken(theirs)} (revoked)",
        "This file is signed by a different key:", f"• Anna, Perth — {unbroken(anna)} (on the list)",
        "The key this café came with was revoked, and this file comes from a key on your list: taking it is how to "
        "get the café back from its facilitator."]
    with pytest.raises(NeedsConsent, match=exactly(
            f"“Perth café” came signed by the key {theirs} (revoked), but this file is signed by Anna, Perth's key "
            f"({anna}, on the list), so it was not imported. The café's key was revoked: if this file is from the "
            f"café's facilitator, take the café back with --accept-new-signer {anna.replace(' ', '')}.")):
        hq.importing.import_bundle(newer, [identity])
    back = hq.importing.import_bundle(newer, [identity], consent=question.consent)
    assert back.status == "replaced" and back.line() == (
        f"Replaced an older export of “Perth café” — signed by Anna, Perth ({anna}), the café's key from now on")
    assert hq.store.cafe_signer(cafe_id) == laptop.signing_key.public_key()


def test_an_unsigned_file_dated_later_never_keeps_the_signed_file_out():
    """A squatter's unsigned file, dated a day ahead, holds the café: the facilitator's signed export is asked
    about (replace the unsigned café?), not refused as older, and comes in when the person agrees."""
    from cafe_desk.central.bundle_trust import Held, admit

    squatter = Held("Perth café", None, "20261203T090000.000000Z")
    genuine = signing.public_of(bytes(range(32)))
    with pytest.raises(NeedsConsent) as asked:
        admit(squatter, genuine, "20261202T090000.000000Z", False, Consent())
    assert "came unsigned" in str(asked.value)
    assert admit(squatter, genuine, "20261202T090000.000000Z", False, asked.value.consent) == "replace"
    # an unsigned file older than what is held is still refused as older
    with pytest.raises(Exception, match="A newer export of “Perth café” is already here"):
        admit(squatter, None, "20261202T090000.000000Z", False, Consent(replace=True, replace_unsigned=True))
