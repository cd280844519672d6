"""Central keys: identity files Debian's age accepts, read back; public keys checked with a plain message."""

from __future__ import annotations

import stat
import subprocess

import pytest

from cafe_desk.export.keys import BadKey, new_identity, parse_recipient, read_identity, write_identity
from tests.conftest import exactly


def test_new_identity_is_a_secret_and_its_public_key():
    secret, public = new_identity()
    assert secret.startswith("AGE-SECRET-KEY-1") and public.startswith("age1")
    assert str(parse_recipient(public)) == public


def test_identity_file_is_private_and_age_reads_it(tmp_path):
    path = tmp_path / "central.key"
    public = write_identity(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    assert lines[0].startswith("# created: ") and lines[1] == f"# public key: {public}"
    assert lines[2].startswith("AGE-SECRET-KEY-1")
    assert str(read_identity(path).to_public()) == public
    # Debian's age-keygen derives the same public key from the file
    derived = subprocess.run(["age-keygen", "-y", str(path)], capture_output=True, text=True, check=True)
    assert derived.stdout.strip() == public


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "central.key"
    path.write_text("precious")
    with pytest.raises(BadKey, match=exactly(f"{path} already exists, so it was left as it is. "
                                             "Choose another file name.")):
        write_identity(path)
    assert path.read_text() == "precious"


def test_a_key_made_by_age_keygen_is_read(tmp_path):
    path = tmp_path / "made-by-age.key"
    subprocess.run(["age-keygen", "-o", str(path)], capture_output=True, check=True)
    public = subprocess.run(["age-keygen", "-y", str(path)], capture_output=True, text=True).stdout.strip()
    assert str(read_identity(path).to_public()) == public


@pytest.mark.parametrize("content, name", [
    (None, "missing.key"),
    (b"hello, this is a shopping list\n", "list.txt"),
    (b"AGE-SECRET-KEY-1NOTREALLYAKEY\n", "fake.key"),
    (b"\xff\xfe\x00binary", "photo.jpg"),
])
def test_unusable_key_files_get_a_plain_message(tmp_path, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
        expected = f"{path} is not a key file: it should hold one line starting with AGE-SECRET-KEY-1."
    else:
        expected = f"There is no key file at {path}."
    with pytest.raises(BadKey, match=exactly(expected)):
        read_identity(path)


def test_a_folder_is_not_a_key_file(tmp_path):
    with pytest.raises(BadKey, match=exactly(f"{tmp_path} is a folder, not a key file.")):
        read_identity(tmp_path)


@pytest.mark.parametrize("text", ["", "hello", "age1", "age1notbech32", "AGE-SECRET-KEY-1ABC", "ssh-ed25519 AAAA"])
def test_bad_public_keys_are_refused_plainly(text):
    with pytest.raises(BadKey, match=exactly("That doesn't look like a public key: it should start with age1…")):
        parse_recipient(text)


def test_public_key_with_spaces_around_is_accepted():
    _, public = new_identity()
    assert str(parse_recipient(f"  {public}\n")) == public
