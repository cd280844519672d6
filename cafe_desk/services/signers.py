"""The central desk's list of facilitators' signing keys: adding a key from the file a facilitator saved, revoking
one (its bundles are refused from then on) and taking a revoke back, and which key signed each imported café."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.core.errors import NotFoundError, UserError
from cafe_desk.core.signers import REVOKED, UNLISTED, CafeSigner, Signer
from cafe_desk.core.text import printable
from cafe_desk.export import signing
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import utc_now

MAX_NAME = 80


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class SignerService(ServiceBase):
    """Facilitators' keys known to the central desk: `services.signers`."""

    def signers(self) -> list[Signer]:
        """Every key on the list (known or revoked) and every other key that signed an imported café, each with the
        titles of the cafés it signed; named keys first."""
        with self.store.read():
            listed = self.store.known_signers()
            cafes = self.store.cafe_signers()
        brought: dict[str, list[str]] = {}
        for _id, _code, title, _date, key, _source in cafes:
            if key:
                brought.setdefault(key, []).append(title)
        found = [Signer(key, signing.fingerprint(key), name, state, tuple(brought.get(key, ())))
                 for key, name, state, _added, _revoked in listed]
        seen = {s.public_key for s in found}
        found += [Signer(key, signing.fingerprint(key), "", UNLISTED, tuple(titles))
                  for key, titles in sorted(brought.items()) if key not in seen]
        return sorted(found, key=lambda s: (not s.name, s.name.casefold(), s.fingerprint))

    def signer(self, public_key: str) -> Signer:
        """What the desk knows of one key (a key it never saw is "not on the list")."""
        return next((s for s in self.signers() if s.public_key == public_key),
                    Signer(public_key, signing.fingerprint(public_key)))

    def cafes(self) -> list[CafeSigner]:
        """Every imported café with the key that signed it (None: unsigned) and its short code on the facilitator's
        laptop, newest date first."""
        by_key = {s.public_key: s for s in self.signers()}
        with self.store.read():
            rows = self.store.cafe_signers()
        return [CafeSigner(cafe_id, code, title, date, by_key.get(key) if key else None, source)
                for cafe_id, code, title, date, key, source in rows]

    def is_revoked(self, public_key: str) -> bool:
        """Whether the desk revoked this key."""
        with self.store.read():
            return (self.store.known_signer(public_key) or ("", ""))[1] == REVOKED

    def read_file(self, path: str | Path) -> Signer:
        """What the desk knows of the key in a facilitator's public key file, without adding it (to show its
        fingerprint before asking whose it is). SignatureError (one plain line) if the file holds no key."""
        return self.signer(signing.read_public_key_file(path))

    def add_file(self, path: str | Path, name: str = "") -> Signer:
        """Put the key in a facilitator's public key file on the list as known, with a name to show for it
        (a revoked key added again is known again; without a name, a name it had is kept). SignatureError (one plain
        line) if the file holds no key."""
        public = signing.read_public_key_file(path)
        return self.add(public, name)

    def add(self, public_key: str, name: str = "") -> Signer:
        """Put a public key ("cafe-desk-signer:…") on the list as known, with its name (none: a name it had is
        kept); SignatureError if it is not a key."""
        public_key = signing.public_text(signing.parse_public(public_key))  # one spelling a key
        name = " ".join(printable(name).split())[:MAX_NAME]  # shown in lists and printed: visible characters only
        with self.store.transaction():
            self.store.add_signer(public_key, name, utc_now())
            self.store.audit(None, "add signer", "signer", public_key, name=name)
        return self.signer(public_key)

    def revoke(self, which: str) -> Signer:
        """Revoke the key given by its fingerprint (spaces optional), its start, or the whole key: bundles it signs are
        refused from now on; the cafés it signed stay. NotFoundError if no key matches, UserError if several do."""
        signer = self.find(which)
        if signer.state == REVOKED:
            raise UserError(f"{_capital(signer.key_name())} is already revoked.")
        with self.store.transaction():
            self.store.revoke_signer(signer.public_key, utc_now())
            self.store.audit(None, "revoke signer", "signer", signer.public_key, name=signer.name)
        return self.signer(signer.public_key)

    def unrevoke(self, which: str) -> Signer:
        """Take back the revoke of the key `which` names (as for `revoke`): files it signs come in again, and it keeps
        its name. NotFoundError if no key matches, UserError if several do or it is not revoked."""
        signer = self.find(which)
        if signer.state != REVOKED:
            raise UserError(f"{_capital(signer.key_name())} is not revoked, so there is nothing to take back.")
        with self.store.transaction():
            self.store.unrevoke_signer(signer.public_key)
            self.store.audit(None, "take back revoke", "signer", signer.public_key, name=signer.name)
        return self.signer(signer.public_key)

    def find(self, which: str) -> Signer:
        """The key on the list, or seen on a café, that `which` names (whole key, fingerprint or its start)."""
        wanted = "".join(which.split()).lower()
        if not wanted:
            raise UserError("Say which key: give its fingerprint (as shown by `cafe-desk signers`).")
        matches = [s for s in self.signers()
                   if s.public_key == which.strip() or s.fingerprint.replace(" ", "").startswith(wanted)]
        if not matches:
            raise NotFoundError(f"No facilitator's key here has the fingerprint {which.strip()!r}.")
        if len(matches) > 1:
            raise UserError(f"Several keys start with {which.strip()!r}; give more of the fingerprint.")
        return matches[0]

