"""This laptop's signing key: made on the first export in the data folder, readable by this account only, the same
for every later export, its public key saved for the central team — real files, real Ed25519 signatures."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from cafe_desk.export import bundle, signing
from tests.central import make_cafe
from tests.conftest import exactly


def test_the_first_export_makes_a_private_key_and_every_export_is_signed_with_it(services, identity, tmp_path):
    cafe = make_cafe(services)
    path = services.signing_key.key_path
    assert path == tmp_path / "signing.key" and not path.exists()
    first = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    assert path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.count(signing.SECRET_PREFIX) == 1 and services.signing_key.public_key() in text
    second = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    signers = {bundle.open_signed(d, [identity]).signer for d in (first, second)}
    assert signers == {services.signing_key.public_key()}
    assert path.read_text(encoding="utf-8") == text  # the same key, never made again


def test_the_public_key_file_for_the_central_team(services, tmp_path):
    target = tmp_path / "my-key.txt"
    fingerprint = services.signing_key.save_public_key(target)
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == services.signing_key.public_key() and f"fingerprint: {fingerprint}" in text
    assert signing.SECRET_PREFIX not in text and signing.read_public_key_file(target) == text.splitlines()[0]
    assert len(fingerprint) == 19 and fingerprint == services.signing_key.fingerprint()


def test_a_damaged_key_file_stops_the_export_with_one_line(services, identity):
    cafe = make_cafe(services)
    services.signing_key.key_path.write_text("not a key\n", encoding="utf-8")
    with pytest.raises(signing.SignatureError, match=exactly(
            "This laptop's signing key (signing.key) is damaged, so nothing can be signed; move it away and export "
            "again to make a new one.")):
        services.exporting.export_cafe(cafe.id, [str(identity.to_public())])


def test_the_manifest_signature_is_over_its_exact_bytes(services, identity):
    cafe = make_cafe(services)
    result = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[1]
    manifest = result.files[bundle.MANIFEST]
    sig = json.loads(result.files[bundle.SIGNATURE])
    assert signing.verify_signature(manifest, result.files[bundle.SIGNATURE]) == sig["public_key"]
    with pytest.raises(signing.SignatureError):
        signing.verify_signature(manifest.replace(b'"version": 2', b'"version": 2 '), result.files[bundle.SIGNATURE])
    assert json.loads(manifest)["version"] == 2 and len(json.loads(manifest)["receipt_secret"]) == 64
    assert "nacl" in sys.modules  # the signature is PyNaCl's Ed25519
