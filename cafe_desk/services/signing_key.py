"""This laptop's signing key: made on first export in the data folder (readable by this account only), it signs
every bundle, and its public key is what the facilitator gives the central team."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.export import signing
from cafe_desk.services.base import ServiceBase


class SigningKeyService(ServiceBase):
    """The facilitator's own signing key: `services.signing_key`."""

    @property
    def key_path(self) -> Path:
        """Where the key file is: beside the data file."""
        return self.store.data_dir / signing.KEY_FILE

    def secret(self) -> bytes:
        """The secret key, made (and saved) the first time it is needed; SignatureError if the file can't be used."""
        return signing.load_or_create_key(self.key_path)

    def public_key(self) -> str:
        """The public key ("cafe-desk-signer:…"), making the key pair if there is none yet."""
        return signing.public_of(self.secret())

    def fingerprint(self) -> str:
        """The public key's short fingerprint ("1a2b 3c4d 5e6f 7a8b") to read out to the central team."""
        return signing.fingerprint(self.public_key())

    def save_public_key(self, path: str | Path) -> str:
        """Write the public key file for the central team to `path` and return the fingerprint; OSError if it can't
        be written."""
        public = self.public_key()
        Path(path).write_text(signing.public_key_file_text(public), encoding="utf-8")
        return signing.fingerprint(public)
