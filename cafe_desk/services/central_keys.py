"""The central team's key pair: which key file imports use (its path, never its contents), making one, and the
public key handed to facilitators."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.export import keys
from cafe_desk.services.base import ServiceBase

KEY_PATH_STATE = "central.key_path"
KEY_FILE_NAME = "central.key"  # what the Keys box and `cafe-desk keygen --out DATA/central.key` call it
PUBLIC_KEY_NOTE = ("Facilitators: paste this public key (the line starting with age1) into “Export for the central "
                   "team”, or open this file there, so only the central team can open your café's file.")


class CentralKeys(ServiceBase):
    """Remembers where the central team's key file is and reads its public key: `services.central_keys`."""

    def key_path(self) -> str | None:
        """The key file chosen for imports, or None if none was chosen yet."""
        with self.store.read():
            return self.store.get_state(KEY_PATH_STATE) or None

    def key_file_in_data_folder(self) -> str | None:
        """The key file named central.key in the data folder (where `keygen` may have been told to write it), or
        None if there is no such file; whether it holds a key is checked when it is used."""
        path = self.store.data_dir / KEY_FILE_NAME
        return str(path) if path.is_file() else None

    def remember_key_path(self, path: str | Path) -> None:
        """Use the key file at `path` for imports from now on."""
        with self.store.transaction():
            self.store.set_state(KEY_PATH_STATE, str(Path(path)))

    def create_key_file(self, path: str | Path) -> str:
        """Write a new key file at `path` (readable by this account only; never overwrites) and return its public
        key; BadKey (a plain UserError) if it can't be written. Use `remember_key_path` to import with it."""
        return keys.write_identity(path)

    def public_key(self, path: str | Path) -> str:
        """The public key (age1…) of the key file at `path`; BadKey (a plain UserError) if it is not a key file."""
        return str(keys.read_identity(path).to_public())

    def save_public_key(self, public: str, path: str | Path) -> None:
        """Write `public` with one plain sentence for the facilitator to a text file; OSError if it can't be."""
        Path(path).write_text(public_key_file_text(public), encoding="utf-8")


def public_key_file_text(public: str) -> str:
    """What "Save public key as a file…" writes: the age1 line and one plain sentence for the facilitator."""
    return f"{public}\n\n{PUBLIC_KEY_NOTE}\n"
