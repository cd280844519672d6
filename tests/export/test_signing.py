"""Signing keys have one spelling each, so a revoked key can't come back written another way; the key file is kept
private even when an older install left it readable."""

from __future__ import annotations

import base64
import os
import stat

import pytest

from cafe_desk.export import signing
from cafe_desk.export.signing import SignatureError

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def other_spelling(public: str) -> str:
    """The same 32 bytes in base64 with the last character's two unused bits set differently."""
    body = public[len(signing.PUBLIC_PREFIX):]
    last = body[-2]  # 44 characters: 43 of data, then "="
    twin = ALPHABET[ALPHABET.index(last) ^ 1]
    spelled = signing.PUBLIC_PREFIX + body[:-2] + twin + body[-1]
    assert base64.b64decode(spelled[len(signing.PUBLIC_PREFIX):]) == base64.b64decode(body)
    return spelled


def test_a_key_written_another_way_is_not_a_key():
    public = signing.public_of(bytes(range(32)))
    assert signing.parse_public(public) == signing.parse_public(f"  {public}\n")
    with pytest.raises(SignatureError):
        signing.parse_public(other_spelling(public))


def test_a_signature_naming_its_key_another_way_is_refused_and_a_good_one_names_the_one_spelling(tmp_path):
    seed = bytes(range(32))
    manifest = b'{"format": "cafe-desk-bundle"}'
    good = signing.signature_file(manifest, seed)
    assert signing.verify_signature(manifest, good) == signing.public_of(seed)
    public = signing.public_of(seed)
    forged = good.replace(public.encode(), other_spelling(public).encode())
    assert forged != good
    with pytest.raises(SignatureError):
        signing.verify_signature(manifest, forged)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_older_key_file_readable_by_others_is_made_private_when_used(tmp_path):
    path = tmp_path / "signing.key"
    seed = signing.load_or_create_key(path)
    path.chmod(0o644)
    assert signing.load_or_create_key(path) == seed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
