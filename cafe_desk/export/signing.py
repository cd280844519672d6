"""Facilitators' Ed25519 signing keys (PyNaCl): this laptop's key file, the public key handed to the central team,
and the signature of a bundle's manifest (`manifest.sig`, beside it inside the encrypted ZIP).

The signature covers the exact bytes of manifest.json, which lists the SHA-256 of every other file, so it vouches
for the whole bundle. Public keys are written as `cafe-desk-signer:` and the key's 32 bytes in base64; people
compare keys by a short fingerprint ("1a2b 3c4d 5e6f 7a8b": the start of the key's SHA-256).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
from pathlib import Path

from cafe_desk.core.errors import UserError
from cafe_desk.platforms import replace_file
from cafe_desk.private_files import make_private

SIGNATURE = "manifest.sig"
SIGNATURE_FORMAT = "cafe-desk-signature"
PUBLIC_PREFIX = "cafe-desk-signer:"
SECRET_PREFIX = "CAFE-DESK-SIGNING-KEY-1:"
KEY_FILE = "signing.key"
MAX_KEY_FILE = 16 * 1024
PUBLIC_FILE_NOTE = ("Central team: add this file on the Central page (“Add a facilitator's key…”) or with "
                    "`cafe-desk signers --add FILE`, so cafés exported from this laptop are known to come from it.")
SECRET_FILE_NOTE = ("# This laptop's Café Desk signing key: it shows the central team that exports come from here.\n"
                    "# Keep it private: never send or copy this file. Give out the public key instead.\n")


class SignatureError(UserError):
    """A signature or signing key that can't be used; `str(err)` is one plain line saying why."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str, size: int) -> bytes | None:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == size else None


def public_text(raw: bytes) -> str:
    """A public key as written in files and manifests: "cafe-desk-signer:" and its 32 bytes in base64."""
    return PUBLIC_PREFIX + _b64(raw)


def parse_public(text: str) -> bytes:
    """The 32 bytes of a public key written by `public_text`; SignatureError if `text` is not one."""
    cleaned = (text or "").strip()
    raw = _unb64(cleaned[len(PUBLIC_PREFIX):], 32) if cleaned.startswith(PUBLIC_PREFIX) else None
    if raw is not None and public_text(raw) != cleaned:
        raw = None  # one key, one spelling: other padding bits or spaces inside would let a revoked key pass as new
    if raw is None:
        raise SignatureError("That is not a Café Desk signing key: it should start with "
                             f"{PUBLIC_PREFIX.rstrip(':')}.")
    return raw


def fingerprint(public: str) -> str:
    """The short fingerprint people compare: the first 16 hex digits of the key's SHA-256, in fours."""
    digest = hashlib.sha256(parse_public(public)).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def public_of(seed: bytes) -> str:
    """The public key of the secret key `seed` (32 bytes)."""
    from nacl.signing import SigningKey

    return public_text(bytes(SigningKey(seed).verify_key))


# --- this laptop's key file -------------------------------------------------------------------------------------


def key_file_text(seed: bytes) -> str:
    """The key file: two comment lines, the public key as a comment, and the secret key line."""
    return f"{SECRET_FILE_NOTE}# public key: {public_of(seed)}\n{SECRET_PREFIX}{_b64(seed)}\n"


def read_key_file(path: str | Path) -> bytes:
    """The secret key (32 bytes) in a key file; SignatureError if it can't be read or is not a key file."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_KEY_FILE + 1)
    except OSError:
        raise SignatureError(f"This laptop's signing key ({Path(path).name}) can't be read; check the data "
                             "folder's permissions.") from None
    try:
        lines = raw.decode("utf-8").splitlines() if len(raw) <= MAX_KEY_FILE else []
    except UnicodeDecodeError:
        lines = []
    found = [line.strip()[len(SECRET_PREFIX):] for line in lines if line.strip().startswith(SECRET_PREFIX)]
    seed = _unb64(found[0], 32) if len(found) == 1 else None
    if seed is None:
        raise SignatureError(f"This laptop's signing key ({Path(path).name}) is damaged, so nothing can be signed; "
                             "move it away and export again to make a new one.")
    return seed


def load_or_create_key(path: str | Path) -> bytes:
    """This laptop's secret key from the key file at `path`, made first if there is none (readable by this account
    only, written whole under a temporary name, never replacing a key another process wrote meanwhile)."""
    path = Path(path)
    if path.exists():
        make_private(path)  # an older install, or a copy, may have left it readable by others
        return read_key_file(path)
    from nacl.signing import SigningKey

    seed = bytes(SigningKey.generate())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".signing-", suffix=".part", dir=path.parent)
    except OSError:
        raise SignatureError(f"The signing key can't be written in {path.parent}; check the folder's "
                             "permissions.") from None
    try:  # mkstemp makes the file readable by this account only
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(key_file_text(seed))
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, path)  # fails if another process made the key first: then that key is the one
        except FileExistsError:
            return read_key_file(path)
        except OSError:
            replace_file(temp, path)  # a file system without hard links
    finally:
        Path(temp).unlink(missing_ok=True)
    return seed


# --- the public key file handed to the central team -------------------------------------------------------------


def public_key_file_text(public: str) -> str:
    """What "Save my signing key for the central team" writes: the key line, its fingerprint and one sentence."""
    return f"{public}\nfingerprint: {fingerprint(public)}\n\n{PUBLIC_FILE_NOTE}\n"


def read_public_key_file(path: str | Path) -> str:
    """The public key in a file saved by `public_key_file_text` (or any text holding one key line);
    SignatureError if it can't be read or holds no key, or the secret key instead."""
    try:
        with open(path, "rb") as f:
            text = f.read(MAX_KEY_FILE).decode("utf-8", errors="replace")
    except OSError:
        raise SignatureError(f"{Path(path).name} can't be read, so no key was added.") from None
    if SECRET_PREFIX in text:
        raise SignatureError(f"{Path(path).name} is a facilitator's secret signing key: ask them for the public key "
                             "file instead, and tell them to keep this one private.")
    found = [w for line in text.splitlines() for w in line.split() if w.startswith(PUBLIC_PREFIX)]
    if len(set(found)) != 1:
        raise SignatureError(f"{Path(path).name} does not hold one Café Desk signing key (a line starting with "
                             f"{PUBLIC_PREFIX.rstrip(':')}).")
    parse_public(found[0])
    return found[0]


# --- signatures ---------------------------------------------------------------------------------------------------


def signature_file(manifest: bytes, seed: bytes) -> bytes:
    """manifest.sig: the signer's public key and the Ed25519 signature of the exact bytes of manifest.json."""
    from nacl.signing import SigningKey

    signed = SigningKey(seed).sign(manifest)
    body = {"format": SIGNATURE_FORMAT, "version": 1, "algorithm": "ed25519", "public_key": public_of(seed),
            "signature": _b64(signed.signature)}
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("ascii")


def verify_signature(manifest: bytes, signature: bytes) -> str:
    """The public key that signed these exact manifest bytes; SignatureError if manifest.sig is not in the expected
    shape or the signature does not match."""
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    try:
        body = json.loads(signature.decode("ascii")) if len(signature) <= MAX_KEY_FILE else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        body = None
    if not isinstance(body, dict) or body.get("format") != SIGNATURE_FORMAT or body.get("algorithm") != "ed25519":
        raise SignatureError("This café file's signature is not in the expected shape, so it was not opened.")
    public = body.get("public_key")
    raw_sig = _unb64(body.get("signature"), 64) if isinstance(body.get("signature"), str) else None
    try:
        key = parse_public(public if isinstance(public, str) else "")
    except SignatureError:
        key = None
    if key is None or raw_sig is None:
        raise SignatureError("This café file's signature is not in the expected shape, so it was not opened.")
    try:
        VerifyKey(key).verify(manifest, raw_sig)
    except (BadSignatureError, ValueError):
        raise SignatureError("This café file's signature does not match its contents (it was changed after it was "
                             "signed), so it was not opened.") from None
    return public_text(key)  # the one spelling every list and comparison uses
