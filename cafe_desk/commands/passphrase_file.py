"""Reading a passphrase from a file, as `--passphrase-file F` gives it to `export` and `import`."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.core.errors import UserError


def read_passphrase(path: str) -> str:
    """The passphrase in the file at `path` (its last line break left off); UserError if it can't be read."""
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        raise UserError(f"The passphrase file {path} can't be read.") from None
