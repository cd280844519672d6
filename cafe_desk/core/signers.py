"""Facilitators' signing keys as the central desk shows them: who a key is, whether it is known or revoked, and which
key signed each imported café, under the short code it has here and the one it had on the facilitator's laptop."""

from __future__ import annotations

from dataclasses import dataclass

KNOWN, REVOKED, UNLISTED = "known", "revoked", "unlisted"
NBSP = "\u00a0"
STANDING = {KNOWN: "on the list", REVOKED: "revoked", UNLISTED: "not on the list"}
#: the questions an import may ask: a file from another key than the café's, replacing a café that came unsigned,
#: replacing a café with its newer export
NEW_SIGNER, UNSIGNED_CAFE, REPLACE = "new signer", "unsigned café", "replace"
#: the question of a file locked with a passphrase: which passphrase opens it
LOCKED = "locked"
#: whether who sent an imported café could be checked, as the data exports say it for each of its rows
SENDER_SIGNED, SENDER_UNLISTED = "signed", "signed by a key not on the list"
SENDER_REVOKED, SENDER_UNSIGNED = "signer revoked", "unsigned"


def compact(fingerprint: str) -> str:
    """A fingerprint as typed or pasted, without spaces and in lower case ("1a2b3c4d5e6f7a8b")."""
    return "".join(fingerprint.split()).lower()


@dataclass(frozen=True)
class Signer:
    """One facilitator's public signing key: on the central desk's list (known or revoked) or only seen on a café."""

    public_key: str
    fingerprint: str
    name: str = ""
    state: str = UNLISTED
    cafes: tuple[str, ...] = ()  # titles of the imported cafés it signed

    def label(self) -> str:
        """"Anna, Perth (1a2b 3c4d 5e6f 7a8b)", with "revoked" or "not on the list" after it where so."""
        who = f"{self.name} ({self.fingerprint})" if self.name else self.fingerprint
        if self.state == REVOKED:
            return f"{who}, revoked"
        if self.state == UNLISTED:
            return f"{who}, not on the list"
        return who

    def key_name(self) -> str:
        """Whose key it is, for a sentence: "Anna, Perth's key (1a2b 3c4d 5e6f 7a8b)" or "the key 1a2b 3c4d …"."""
        return f"{self.name}'s key ({self.fingerprint})" if self.name else f"the key {self.fingerprint}"

    def line(self) -> str:
        """The key on a line of its own, never broken inside the fingerprint: "Anna, Perth — 1a2b 3c4d 5e6f 7a8b
        (on the list)"."""
        unbroken = self.fingerprint.replace(" ", NBSP)
        who = f"{self.name} — {unbroken}" if self.name else unbroken
        return f"{who} ({STANDING.get(self.state, self.state)})"


@dataclass(frozen=True)
class CafeSigner:
    """An imported café and the key that signed its export (None: it came unsigned)."""

    cafe_id: str
    short_code: str
    title: str
    date: str
    signer: Signer | None
    source_code: str = ""  # its short code on the facilitator's laptop ("" if its file did not say)

    def codes(self) -> str:
        """"HUPZ99 (RSQUYJ on the facilitator's laptop)", or the code here alone."""
        return codes_at_desk(self.short_code, self.source_code)

    def label(self) -> str:
        """"signed by Anna (1a2b 3c4d 5e6f 7a8b)" or "unsigned: who sent it can't be checked"."""
        return f"signed by {self.signer.label()}" if self.signer else "unsigned: who sent it can't be checked"


def codes_at_desk(short_code: str, source_code: str) -> str:
    """An imported café's short code here, with the one it had on the facilitator's laptop where that differs:
    "HUPZ99 (RSQUYJ on the facilitator's laptop)", so a receipt or a phone call can be matched to the café."""
    if source_code and source_code != short_code:
        return f"{short_code} ({source_code} on the facilitator's laptop)"
    return short_code


def sender_check(signer_key: str | None, states: dict[str, str]) -> str:
    """How far an imported café's sender is checked, from the key that signed it (None: unsigned) and the states of
    the keys on the desk's list: SENDER_SIGNED (a key on the list), SENDER_UNLISTED, SENDER_REVOKED or
    SENDER_UNSIGNED."""
    if not signer_key:
        return SENDER_UNSIGNED
    state = states.get(signer_key, UNLISTED)
    return SENDER_REVOKED if state == REVOKED else SENDER_SIGNED if state == KNOWN else SENDER_UNLISTED
