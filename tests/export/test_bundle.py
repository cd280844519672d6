"""The .cafe format: with_manifest → sign → pack → seal → open_bundle round trips, Debian's age both ways, and every
bad input refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import zipfile

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cafe_desk.export.bundle import (
    NOT_A_BUNDLE,
    SIGNATURE,
    WRONG_KEY,
    BundleError,
    dumps,
    dumps_lines,
    open_bundle,
    open_signed,
    pack,
    seal,
    sign,
    with_manifest,
)
from cafe_desk.export.keys import write_identity
from cafe_desk.export.signing import public_of
from tests.conftest import exactly

SEED = bytes(range(32))  # a facilitator's signing key, fixed so the tests' bundles are the same each run
NOTES = [{"id": f"n{i}", "text": f"point {i} \u2028 with a line separator"} for i in range(1, 10)]


@pytest.fixture(scope="module")
def identity():
    return pyrage.x25519.Identity.generate()


@pytest.fixture(scope="module")
def public(identity):
    return str(identity.to_public())


def sample_files() -> dict[str, bytes]:
    return {"cafe.json": dumps({"title": "Perth café"}), "outcomes.json": dumps([{"id": "o1"}, {"id": "o2"}]),
            "notes.jsonl": dumps_lines(NOTES), "README.txt": b"What is in here.\n"}


def made(files: dict[str, bytes], **meta: object) -> dict[str, bytes]:
    """`files` with their manifest, signed: a version 2 bundle's contents."""
    return sign(with_manifest(files, **meta), SEED)


def sealed(files: dict[str, bytes], public: str) -> bytes:
    return seal(pack(files), [public])


def refused(data: bytes, identity, message: str, **limits) -> None:
    with pytest.raises(BundleError, match=exactly(message)):
        open_bundle(data, [identity], **limits)


def test_round_trip_verifies_and_returns_everything(identity, public):
    files = made(sample_files(), cafe_id="c1", export_id="e1")
    manifest, opened = open_bundle(sealed(files, public), [identity])
    assert opened == {k: v for k, v in files.items() if k not in ("manifest.json", SIGNATURE)}
    assert manifest["format"] == "cafe-desk-bundle" and manifest["version"] == 2 and manifest["cafe_id"] == "c1"
    assert manifest["files"]["notes.jsonl"] == {"count": 9, "sha256": hashlib.sha256(files["notes.jsonl"]).hexdigest()}
    assert manifest["files"]["outcomes.json"]["count"] == 2 and manifest["files"]["cafe.json"]["count"] == 1


def test_pack_is_deterministic_and_deflated():
    files = sample_files()
    assert pack(files) == pack(dict(reversed(list(files.items()))))
    infos = zipfile.ZipFile(io.BytesIO(pack(files))).infolist()
    assert [i.filename for i in infos] == sorted(files)
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


SAFE = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}", fullmatch=True)


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.tuples(SAFE, st.sampled_from([".txt", ".bin", ".csv"])).map("".join),
                       st.binary(max_size=2000), max_size=8),
       st.lists(st.dictionaries(SAFE, st.text(max_size=30) | st.integers()), max_size=6))
def test_any_small_file_set_round_trips(identity, public, blobs, rows):
    files = made({**blobs, "rows.jsonl": dumps_lines(rows)}, cafe_id="c")
    manifest, opened = open_bundle(sealed(files, public), [identity])
    assert opened == {k: v for k, v in files.items() if k not in ("manifest.json", SIGNATURE)}
    assert manifest["files"]["rows.jsonl"]["count"] == len(rows)


def test_several_recipients_each_open_it(identity, public):
    other = pyrage.x25519.Identity.generate()
    data = seal(pack(made(sample_files())), [public, str(other.to_public())])
    assert open_bundle(data, [identity])[1] == open_bundle(data, [other])[1]


def test_passphrase_round_trip_and_wrong_passphrase():
    data = seal(pack(made(sample_files())), passphrase="correct horse battery staple")
    assert "notes.jsonl" in open_bundle(data, passphrase="correct horse battery staple")[1]
    with pytest.raises(BundleError, match=exactly("That passphrase does not open this file.")):
        open_bundle(data, passphrase="wrong")


def test_debian_age_opens_our_bundle(tmp_path):
    key = tmp_path / "central.key"
    public = write_identity(key)
    files = made(sample_files(), cafe_id="c1")
    (tmp_path / "x.cafe").write_bytes(sealed(files, public))
    out = subprocess.run(["age", "-d", "-i", str(key), str(tmp_path / "x.cafe")], capture_output=True, check=True)
    with zipfile.ZipFile(io.BytesIO(out.stdout)) as zf:
        assert json.loads(zf.read("manifest.json"))["cafe_id"] == "c1"
        assert zf.read("notes.jsonl") == files["notes.jsonl"]


def test_we_open_a_file_encrypted_by_debian_age(tmp_path, identity, public):
    files = made(sample_files(), cafe_id="c2")
    result = subprocess.run(["age", "-r", public], input=pack(files), capture_output=True, check=True)
    manifest, opened = open_bundle(result.stdout, [identity])
    assert manifest["cafe_id"] == "c2" and opened["notes.jsonl"] == files["notes.jsonl"]


# --- bad input: each refused with one plain line ---------------------------------------------------------------

def test_wrong_key(public):
    refused(sealed(made(sample_files()), public), pyrage.x25519.Identity.generate(),
            WRONG_KEY)


def test_one_byte_changed(identity, public):
    data = bytearray(sealed(made(sample_files()), public))
    data[-20] ^= 0x01
    refused(bytes(data), identity, "This file is damaged or incomplete, so it can't be opened.")


def test_truncated(identity, public):
    data = sealed(made(sample_files()), public)
    refused(data[:-30], identity, "This file is damaged or incomplete, so it can't be opened.")


@pytest.mark.parametrize("data", [os.urandom(3000), pack(made(sample_files())), b""])
def test_not_a_bundle(identity, data):
    refused(data, identity, NOT_A_BUNDLE)


def test_encrypted_but_not_a_zip_or_without_manifest(identity, public):
    refused(seal(b"just some text", [public]), identity, NOT_A_BUNDLE)
    refused(sealed(sample_files(), public), identity, NOT_A_BUNDLE)


def zeros_bundle(megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("notes.jsonl", "w") as entry:
        chunk = bytes(1 << 20)
        for _ in range(megabytes):
            entry.write(chunk)
    return out.getvalue()


def test_zip_bomb_of_30_mb_of_zeros(identity, public):
    refused(seal(zeros_bundle(30), [public]), identity,
            "notes.jsonl unpacks to far more than its packed size, so it was not opened.")


def test_100_mb_unpacked_is_over_the_cap_whatever_it_holds(identity, public):
    refused(seal(zeros_bundle(100), [public]), identity,
            "This café file would unpack to more than 32 MB, so it was not opened.")


def test_too_large_in_total(identity, public):
    data = sealed(made({"big.bin": os.urandom(4096)}), public)
    refused(data, identity, "This café file would unpack to more than 0 MB, so it was not opened.", max_total=2048)


def test_too_many_entries(identity, public):
    files = made({f"f{i}.txt": b"x" for i in range(64)})
    refused(sealed(files, public), identity, "This café file holds 66 files, more than the 64 a café file may "
            "hold, so it "
            "was not opened.")


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/cron.d/x", "notes\\evil.txt", "sub/notes.jsonl",
                                  "notes/", "a..b.txt", ".hidden"])
def test_unsafe_entry_names(identity, public, name):
    files = made(sample_files())
    files[name] = b"x"
    refused(sealed(files, public), identity,
            f"This café file holds a file with an unsafe name ({name!r}), so it was not opened.")


def test_newer_format_version(identity, public):
    files = made(sample_files())
    manifest = json.loads(files["manifest.json"])
    manifest["version"] = 3
    files["manifest.json"] = dumps(manifest)
    refused(sealed(sign(files, SEED), public), identity,
            "This café file was made by a newer Café Desk (format version 3): update Café Desk on this "
            "computer, then import it again.")


def test_manifest_hash_mismatch(identity, public):
    files = made(sample_files())
    files["cafe.json"] = dumps({"title": "Changed afterwards"})
    refused(sealed(files, public), identity,
            "cafe.json does not match its checksum, so the café file was not opened: ask the facilitator to "
            "send it again.")


def test_manifest_count_mismatch(identity, public):
    files = made(sample_files())
    manifest = json.loads(files["manifest.json"])
    manifest["files"]["notes.jsonl"]["count"] = 10
    files["manifest.json"] = dumps(manifest)
    refused(sealed(sign(files, SEED), public), identity,
            "notes.jsonl holds 9 records but the café file's list of contents says 10, so it was not "
            "opened.")


def test_a_json_line_with_the_wrong_shape(identity, public):
    files = made(sample_files())
    lines = files["notes.jsonl"].decode().split("\n")
    lines[6] = json.dumps(["not", "an", "object"])
    files["notes.jsonl"] = "\n".join(lines).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["files"]["notes.jsonl"]["sha256"] = hashlib.sha256(files["notes.jsonl"]).hexdigest()
    files["manifest.json"] = dumps(manifest)
    refused(sealed(sign(files, SEED), public), identity, "notes.jsonl line 7 is not in the expected shape.")


def test_listed_file_missing_and_unlisted_file_present(identity, public):
    files = made(sample_files())
    del files["outcomes.json"]
    refused(sealed(files, public), identity, "This café file is incomplete (outcomes.json is missing): ask the "
            "facilitator to send it again.")
    files = made(sample_files())
    files["extra.txt"] = b"slipped in"
    refused(sealed(files, public), identity, "This café file holds a file its list of contents doesn't name "
            "(extra.txt).")


# --- signatures (format version 2) -----------------------------------------------------------------------------

def _unsigned_v1(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files as a version 1 bundle: the manifest says version 1 and there is no signature."""
    made_files = with_manifest(files)
    manifest = json.loads(made_files["manifest.json"])
    made_files["manifest.json"] = dumps({**manifest, "version": 1})
    return made_files


def test_a_signed_bundle_names_its_signer_and_age_r_bundles_verify_too(identity, public):
    files = made(sample_files(), cafe_id="c1")
    sig = json.loads(files[SIGNATURE])
    assert sig["public_key"] == public_of(SEED) and sig["algorithm"] == "ed25519"
    assert open_signed(sealed(files, public), [identity]).signer == public_of(SEED)
    by_age = subprocess.run(["age", "-r", public], input=pack(files), capture_output=True, check=True).stdout
    assert open_signed(by_age, [identity]).signer == public_of(SEED)


def test_a_manifest_changed_after_signing_is_refused(identity, public):
    files = made(sample_files(), cafe_id="c1")
    manifest = json.loads(files["manifest.json"])
    files["manifest.json"] = dumps({**manifest, "exported_at": "99991231T000000.000000Z"})
    refused(sealed(files, public), identity, "This café file's signature does not match its contents (it was changed "
            "after it was signed), so it was not opened.")


def test_a_bundle_signed_again_by_another_key_names_that_key(identity, public):
    other = bytes(range(1, 33))
    files = sign(made(sample_files()), other)
    assert open_signed(sealed(files, public), [identity]).signer == public_of(other) != public_of(SEED)


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda f: f.pop(SIGNATURE), "This café file's signature is missing, so it was not opened."),
    (lambda f: f.update({SIGNATURE: b"{}"}), "This café file's signature is not in the expected shape, so it was not "
     "opened."),
    (lambda f: f.update({SIGNATURE: json.dumps({**json.loads(f[SIGNATURE]), "signature": "AAAA"}).encode()}),
     "This café file's signature is not in the expected shape, so it was not opened."),
], ids=["missing", "empty", "short signature"])
def test_a_version_2_bundle_without_a_good_signature_is_refused(identity, public, spoil, message):
    files = made(sample_files())
    spoil(files)
    refused(sealed(files, public), identity, message)


def test_an_unsigned_version_1_bundle_opens_with_no_signer(identity, public):
    files = _unsigned_v1(sample_files())
    opened = open_signed(sealed(files, public), [identity])
    assert opened.signer is None and opened.manifest["version"] == 1 and opened.files["notes.jsonl"]
    files[SIGNATURE] = sign(with_manifest(sample_files()), SEED)[SIGNATURE]
    refused(sealed(files, public), identity, "This café file holds a file its list of contents doesn't name "
            "(manifest.sig).")
