"""The `.cafe` bundle format: files → ZIP in memory → age encryption, and back, verifying everything on the way in.

`with_manifest` lists the files, `sign` adds the facilitator's signature of the manifest (manifest.sig, format
version 2; export/signing.py), `pack` builds the ZIP (deflated, fixed timestamps, names sorted, so the same files give
the same bytes), `seal` encrypts it to X25519 recipients or a passphrase, and `open_signed` decrypts and checks a
bundle before returning its manifest, files and signer: size and entry limits, plain entry names, a known format
version, a version 2 manifest's signature, and every file present with the SHA-256 and record count its manifest
gives. A version 1 bundle has no signature: it opens with no signer ("unsigned"). The plaintext stays in memory;
nothing is written to disk here.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pyrage

from cafe_desk import __version__
from cafe_desk.core.errors import UserError
from cafe_desk.export import signing
from cafe_desk.export.keys import parse_recipient

FORMAT = "cafe-desk-bundle"
VERSION = 2  # 2: the manifest is signed (manifest.sig) and carries the receipt secret
SIGNED_FROM = 2
MANIFEST = "manifest.json"
SIGNATURE = signing.SIGNATURE
AGE_HEADER = b"age-encryption.org/v1\n"
MAX_ENTRIES = 64
MAX_TOTAL_BYTES = 32 * 1024 * 1024  # unpacked: ~15× the largest real café; reading one peaks near 0.6 GB
MAX_RATIO = 200
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")

NOT_A_BUNDLE = ("This is not a café file from Café Desk (it may be damaged, or another kind of file): ask the "
                "facilitator to send it again.")
WRONG_KEY = ("This café file was made for a different central key: check the facilitator used your public key, "
             "or import it with the key file it was made for.")
WRONG_PASSPHRASE = "That passphrase does not open this file."
DAMAGED = "This file is damaged or incomplete, so it can't be opened."


class BundleError(UserError):
    """A bundle that can't be made or opened; `str(err)` is one plain line saying why."""


@dataclass(frozen=True)
class Opened:
    """A bundle decrypted and verified: its manifest, its other files, and who signed it."""

    manifest: dict
    files: dict[str, bytes]
    signer: str | None  # the signer's public key ("cafe-desk-signer:…"); None for an unsigned (version 1) bundle
    records: dict[str, list] = field(default_factory=dict)  # each .jsonl file's objects, as read to count them


def dumps(value: object) -> bytes:
    """Deterministic JSON (sorted keys, UTF-8 kept readable), ending in a newline."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dumps_lines(rows: Iterable[Mapping]) -> bytes:
    """JSON lines: one deterministic object a line."""
    return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _parse(name: str, data: bytes) -> object:
    """The JSON in a .json file, or the objects of a .jsonl file; BundleError if it is not in the expected shape."""
    if not name.endswith((".json", ".jsonl")):
        return data
    try:
        text = data.decode("utf-8")
        if name.endswith(".jsonl"):
            rows = _objects_per_line(text)
            if rows is not None:
                return rows
            rows, lines = [], text.split("\n")  # not splitlines(): U+2028 may sit inside a JSON string
            if lines[-1] == "":
                lines.pop()
            for number, line in enumerate(lines, 1):
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError):  # not JSON, a number too long, or nested too deep
                    row = None
                if not isinstance(row, dict):
                    raise BundleError(f"{name} line {number} is not in the expected shape.")
                rows.append(row)
            return rows
        return json.loads(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise BundleError(f"{name} is not in the expected shape.") from None


_scan_once = json.JSONDecoder().scan_once  # json.loads's own scanner, without its per-call wrapping


def _objects_per_line(text: str) -> list[dict] | None:
    """The objects of a .jsonl text whose every line is exactly one JSON object, as the app writes them (what
    `json.loads` of each line would give, read in one pass: it runs once an item); None for any other text, which
    the line-by-line reading then reads or refuses with its own message."""
    rows, pos, end = [], 0, len(text)
    while pos < end:
        if text[pos] != "{":
            return None
        try:
            row, pos = _scan_once(text, pos)
        except (StopIteration, ValueError, RecursionError):
            return None
        if pos < end and text[pos] != "\n":
            return None
        rows.append(row)
        pos += 1
    return rows


def record_count(name: str, data: bytes) -> int:
    """Records in a file: lines of a .jsonl, items of a JSON list, 1 for a JSON object or any other file."""
    parsed = _parse(name, data)
    return len(parsed) if isinstance(parsed, list) else 1


def with_manifest(files: Mapping[str, bytes], **meta: object) -> dict[str, bytes]:
    """`files` plus manifest.json: format, version, app version, `meta`, and each file's SHA-256 and count."""
    listing = {name: {"sha256": hashlib.sha256(data).hexdigest(), "count": record_count(name, data)}
               for name, data in files.items()}
    manifest = {**meta, "format": FORMAT, "version": VERSION, "app_version": __version__, "files": listing}
    return {**files, MANIFEST: dumps(manifest)}


def sign(files: Mapping[str, bytes], seed: bytes) -> dict[str, bytes]:
    """`files` (manifest included) plus manifest.sig: the signature of the manifest's exact bytes by `seed`."""
    return {**files, SIGNATURE: signing.signature_file(files[MANIFEST], seed)}


def pack(files: Mapping[str, bytes]) -> bytes:
    """A ZIP of `files` built in memory: deflated, names sorted, fixed timestamps (same files → same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return out.getvalue()


def seal(zip_bytes: bytes, recipients: Iterable[str] = (), passphrase: str | None = None) -> bytes:
    """`zip_bytes` encrypted with age to every recipient ("age1…"), or to `passphrase` (slow: scrypt, ~2 s)."""
    if passphrase is not None:
        if not passphrase:
            raise BundleError("The passphrase is empty; please choose one.")
        return pyrage.passphrase.encrypt(zip_bytes, passphrase)
    keys = [parse_recipient(r) if isinstance(r, str) else r for r in recipients]
    if not keys:
        raise BundleError("Give at least one public key (age1…) or a passphrase to encrypt the café file to.")
    return pyrage.encrypt(zip_bytes, keys)


def _decrypt(data: bytes, identities: Iterable, passphrase: str | None) -> bytes:
    if not data.startswith(AGE_HEADER):
        raise BundleError(NOT_A_BUNDLE)
    try:
        if passphrase is not None:
            return pyrage.passphrase.decrypt(data, passphrase)
        return pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError as exc:
        reason = str(exc)
        if "No matching keys" in reason:
            raise BundleError(WRONG_KEY) from None
        if passphrase is not None and "Decryption failed" in reason:
            raise BundleError(WRONG_PASSPHRASE) from None
        raise BundleError(DAMAGED) from None


def _read_zip(zip_bytes: bytes, max_entries: int, max_total: int, max_ratio: float) -> dict[str, bytes]:
    """The entries of a ZIP, after the entry-count, name, size and ratio checks; read in memory."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except (zipfile.BadZipFile, ValueError):
        raise BundleError(NOT_A_BUNDLE) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > max_entries:
            raise BundleError(f"This café file holds {len(infos)} files, more than the {max_entries} a café file may "
                              "hold, so it was not opened.")
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if not SAFE_NAME.fullmatch(name) or ".." in name:
                raise BundleError(f"This café file holds a file with an unsafe name ({name[:60]!r}), so it was not "
                                  "opened.")
            if name in seen:
                raise BundleError(f"This café file holds {name} twice, so it was not opened.")
            seen.add(name)
        total = sum(i.file_size for i in infos)
        if total > max_total:
            raise BundleError(f"This café file would unpack to more than {max_total // 2**20} MB, so it was not "
                              "opened.")
        for info in infos:
            if info.file_size > max_ratio * max(info.compress_size, 1):
                raise BundleError(f"{info.filename} unpacks to far more than its packed size, so it was not opened.")
        try:
            return {i.filename: zf.read(i) for i in infos}
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
            raise BundleError(DAMAGED) from None


def _manifest(files: dict[str, bytes]) -> dict:
    if MANIFEST not in files:
        raise BundleError(NOT_A_BUNDLE)
    try:
        manifest = json.loads(files[MANIFEST].decode("utf-8"))
    except (ValueError, RecursionError):
        raise BundleError(NOT_A_BUNDLE) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(NOT_A_BUNDLE)
    version = manifest.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BundleError(NOT_A_BUNDLE)
    if version > VERSION:
        raise BundleError(f"This café file was made by a newer Café Desk (format version {version}): update Café "
                          "Desk on this computer, then import it again.")
    listing = manifest.get("files")
    if not isinstance(listing, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("sha256"), str) and isinstance(v.get("count"), int)
            for v in listing.values()):
        raise BundleError("This café file's list of contents is not in the expected shape: ask the facilitator to send "
                          "it again.")
    return manifest


def _signer(manifest: dict, files: dict[str, bytes]) -> str | None:
    """Who signed a version 2 manifest (its signature checked); None for version 1, which has no signature."""
    if manifest["version"] < SIGNED_FROM:
        if SIGNATURE in files:
            raise BundleError(f"This café file holds a file its list of contents doesn't name ({SIGNATURE}).")
        return None
    if SIGNATURE not in files:
        raise BundleError("This café file's signature is missing, so it was not opened.")
    try:
        return signing.verify_signature(files[MANIFEST], files[SIGNATURE])
    except signing.SignatureError as exc:
        raise BundleError(str(exc)) from None


def verify_signed(files: dict[str, bytes]) -> Opened:
    """The bundle once its signature (version 2) and every file match the manifest; BundleError at the first
    mismatch."""
    manifest = _manifest(files)
    signer = _signer(manifest, files)
    listing = manifest["files"]
    data = {name: body for name, body in files.items() if name not in (MANIFEST, SIGNATURE)}
    records: dict[str, list] = {}
    for name in sorted(listing):
        if name not in data:
            raise BundleError(f"This café file is incomplete ({name} is missing): ask the facilitator to send it "
                              "again.")
    for name in sorted(data):
        if name not in listing:
            raise BundleError(f"This café file holds a file its list of contents doesn't name ({name}).")
        if hashlib.sha256(data[name]).hexdigest() != listing[name]["sha256"]:
            raise BundleError(f"{name} does not match its checksum, so the café file was not opened: ask the "
                              "facilitator to send it again.")
        parsed = _parse(name, data[name])
        count = len(parsed) if isinstance(parsed, list) else 1
        if name.endswith(".jsonl"):
            records[name] = parsed
        if count != listing[name]["count"]:
            raise BundleError(f"{name} holds {count} records but the café file's list of contents says "
                              f"{listing[name]['count']}, so it was not opened.")
    return Opened(manifest, data, signer, records)


def verify(files: dict[str, bytes]) -> tuple[dict, dict[str, bytes]]:
    """(manifest, the other files) once the signature and every file match the manifest (see `verify_signed`)."""
    opened = verify_signed(files)
    return opened.manifest, opened.files


def open_signed(data: bytes, identities: Iterable = (), passphrase: str | None = None, *,
                max_entries: int = MAX_ENTRIES, max_total: int = MAX_TOTAL_BYTES,
                max_ratio: float = MAX_RATIO, inspect: Callable[[dict[str, bytes]], None] | None = None) -> Opened:
    """Decrypt and verify a bundle: its manifest, its files (without the manifest and signature) and its signer.
    BundleError says what is wrong. `inspect(files)` sees the unpacked files before any is parsed, and raises
    BundleError to refuse them."""
    zip_bytes = _decrypt(bytes(data), identities, passphrase)
    files = _read_zip(zip_bytes, max_entries, max_total, max_ratio)
    if inspect is not None:
        inspect(files)
    return verify_signed(files)


def open_bundle(data: bytes, identities: Iterable = (), passphrase: str | None = None, *,
                max_entries: int = MAX_ENTRIES, max_total: int = MAX_TOTAL_BYTES,
                max_ratio: float = MAX_RATIO,
                inspect: Callable[[dict[str, bytes]], None] | None = None) -> tuple[dict, dict[str, bytes]]:
    """Decrypt and verify a bundle; (manifest, {name: bytes} without the manifest). BundleError says what is wrong.
    `inspect(files)` sees the unpacked files before any is parsed, and raises BundleError to refuse them."""
    opened = open_signed(data, identities, passphrase, max_entries=max_entries, max_total=max_total,
                         max_ratio=max_ratio, inspect=inspect)
    return opened.manifest, opened.files
