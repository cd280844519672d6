"""The central team's age X25519 keys: making an identity file, reading it back, and checking public keys."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from cafe_desk.core.errors import UserError
from cafe_desk.platforms import binary_flag

if TYPE_CHECKING:
    import pyrage

SECRET_PREFIX = "AGE-SECRET-KEY-1"
PUBLIC_PREFIX = "age1"
MAX_IDENTITY_FILE = 64 * 1024


class BadKey(UserError):
    """A key file or public key that can't be used; the message says why, in one line."""


def new_identity() -> tuple[str, str]:
    """A fresh X25519 identity: (secret "AGE-SECRET-KEY-1…", public "age1…")."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def identity_file_text(secret: str, public: str, created: dt.datetime | None = None) -> str:
    """The identity in the file format `age-keygen` writes and `age -d -i FILE` reads."""
    created = created or dt.datetime.now(dt.UTC).replace(microsecond=0)
    return f"# created: {created.isoformat().replace('+00:00', 'Z')}\n# public key: {public}\n{secret}\n"


def write_identity(path: str | Path) -> str:
    """Create `path` (mode 0600) holding a new identity and return its public key. Never overwrites a file."""
    path = Path(path)
    secret, public = new_identity()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | binary_flag(), 0o600)
    except FileExistsError:
        raise BadKey(f"{path} already exists, so it was left as it is. Choose another file name.") from None
    except FileNotFoundError:
        raise BadKey(f"The folder for {path} does not exist.") from None
    except PermissionError:
        raise BadKey(f"This account may not create {path}.") from None
    with os.fdopen(fd, "w", encoding="ascii", newline="\n") as out:
        out.write(identity_file_text(secret, public))
    return public


def read_identity(path: str | Path) -> pyrage.x25519.Identity:
    """The identity in an age identity file (comment lines allowed); a plain BadKey if it can't be read."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_IDENTITY_FILE + 1)
    except FileNotFoundError:
        raise BadKey(f"There is no key file at {path}.") from None
    except IsADirectoryError:
        raise BadKey(f"{path} is a folder, not a key file.") from None
    except OSError:
        raise BadKey(f"The key file {path} can't be read (check its permissions).") from None
    try:
        text = raw.decode("ascii") if len(raw) <= MAX_IDENTITY_FILE else ""
    except UnicodeDecodeError:
        text = ""
    keys = [line.strip() for line in text.splitlines() if line.strip().startswith(SECRET_PREFIX)]
    if len(keys) == 1:
        import pyrage

        try:
            return pyrage.x25519.Identity.from_str(keys[0])
        except pyrage.IdentityError:
            pass
    raise BadKey(f"{path} is not a key file: it should hold one line starting with {SECRET_PREFIX}.")


def parse_recipient(text: str) -> pyrage.x25519.Recipient:
    """The public key in `text` ("age1…", spaces around allowed); a plain BadKey if it is not one."""
    cleaned = (text or "").strip()
    if cleaned.startswith(PUBLIC_PREFIX):
        import pyrage

        try:
            return pyrage.x25519.Recipient.from_str(cleaned)
        except pyrage.RecipientError:
            pass
    raise BadKey("That doesn't look like a public key: it should start with age1…")
