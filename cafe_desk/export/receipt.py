"""The `.cafe-receipt` format: the central desk's small note that one export arrived whole, written and read back.

A receipt is a small JSON file naming the export (its UUID), the café it came from (the café id written in the
bundle's manifest), the SHA-256 of the encrypted bundle exactly as it arrived, the manifest's record count per file,
the café's title, when it was imported and (version 2) its `proof`: the one-off secret from inside the encrypted
manifest, which only someone who decrypted the bundle can know (the laptop keeps only its SHA-256).
`read_receipt` refuses anything that is not exactly that, with one plain line saying why; nothing here touches a
database or a screen.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cafe_desk.core import json_input
from cafe_desk.core.errors import UserError
from cafe_desk.core.exports import RECEIPT_SUFFIX

FORMAT = "cafe-desk-receipt"
VERSION = 2  # 2: the receipt carries the bundle's secret as proof it was decrypted
SUFFIX = RECEIPT_SUFFIX
MAX_BYTES = 64 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
SECRET = re.compile(r"[0-9a-f]{64}")

NOT_A_RECEIPT = "This file is not a Café Desk receipt."
UNREADABLE = "This file can't be read as a Café Desk receipt (it is not receipt text)."
TOO_BIG = "This file is too big to be a Café Desk receipt (a receipt is under 64 KB), so it was not opened."


class ReceiptError(UserError):
    """A receipt that can't be read or used; `str(err)` is one plain line saying why."""


@dataclass(frozen=True)
class Receipt:
    """What the central desk confirms it holds: one export of one café, byte for byte."""

    export_id: str
    cafe_id: str
    bundle_sha256: str
    counts: dict[str, int] = field(default_factory=dict)
    title: str = ""
    imported_at: str = ""
    proof: str = ""  # the receipt secret from the bundle's manifest ("" if the bundle had none)

    @property
    def notes(self) -> int:
        """How many notes and comments the export held."""
        return self.counts.get("notes.jsonl", 0)

    def to_bytes(self) -> bytes:
        """The receipt file's contents: readable, deterministic JSON ending in a newline."""
        data = {"format": FORMAT, "version": VERSION, "export_id": self.export_id, "cafe_id": self.cafe_id,
                "bundle_sha256": self.bundle_sha256, "counts": dict(sorted(self.counts.items())),
                "title": self.title, "imported_at": self.imported_at, "proof": self.proof or None}
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def secret_hash(secret: str) -> str:
    """The SHA-256 (hex) of a receipt secret: what the laptop keeps instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def manifest_secret(manifest: Mapping) -> str:
    """The receipt secret a bundle's manifest carries ("" for a version 1 bundle, which has none)."""
    secret = manifest.get("receipt_secret") if isinstance(manifest, Mapping) else None
    return secret if isinstance(secret, str) and SECRET.fullmatch(secret) else ""


def manifest_counts(manifest: Mapping) -> dict[str, int]:
    """The record count of every file a bundle's manifest lists ({"notes.jsonl": 12, …})."""
    files = manifest.get("files") if isinstance(manifest, Mapping) else None
    if not isinstance(files, Mapping):
        return {}
    return {name: entry["count"] for name, entry in sorted(files.items())
            if isinstance(entry, Mapping) and isinstance(entry.get("count"), int)}


def _missing(name: str) -> ReceiptError:
    return ReceiptError(f"This receipt is incomplete: “{name}” is missing or not as expected, so it can't be used.")


def _text(data: dict, name: str, *, allow_empty: bool = False) -> str:
    value = data.get(name)
    if not isinstance(value, str) or (not value.strip() and not allow_empty) or len(value) > 1000:
        raise _missing(name)
    return value


def parse_receipt(data: bytes) -> Receipt:
    """The receipt in `data`; ReceiptError (one line) if it is too big, not JSON, of another format or version,
    or any field is missing or of the wrong kind."""
    if len(data) > MAX_BYTES:
        raise ReceiptError(TOO_BIG)
    try:
        parsed = json_input.loads(data)
    except ValueError:
        raise ReceiptError(UNREADABLE) from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise ReceiptError(NOT_A_RECEIPT)
    version = parsed.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _missing("version")
    if version > VERSION:
        raise ReceiptError(f"This receipt was made by a newer Café Desk (receipt version {version}); please update "
                           "Café Desk to read it.")
    sha = _text(parsed, "bundle_sha256")
    if not SHA256.fullmatch(sha):
        raise _missing("bundle_sha256")
    counts = parsed.get("counts")
    if not isinstance(counts, dict) or not counts or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            for k, v in counts.items()):
        raise _missing("counts")
    proof = parsed.get("proof")
    if version >= 2 and proof is not None and not (isinstance(proof, str) and SECRET.fullmatch(proof)):
        raise _missing("proof")
    return Receipt(export_id=_text(parsed, "export_id"), cafe_id=_text(parsed, "cafe_id"), bundle_sha256=sha,
                   counts=dict(counts), title=_text(parsed, "title", allow_empty=True),
                   imported_at=_text(parsed, "imported_at"), proof=proof if version >= 2 and proof else "")


def read_receipt(path: str | Path) -> Receipt:
    """The receipt in the file at `path`; ReceiptError (one line) if it can't be read or is not a good receipt.
    Never reads more than a receipt's largest size."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ReceiptError("This is a folder, not a receipt file.") from None
    except OSError:
        raise ReceiptError("This receipt file can't be read (it may be missing, or its permissions may not allow "
                           "it).") from None
    return parse_receipt(data)
