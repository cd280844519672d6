"""Votes cast from phones: one ballot per phone (a random cookie token) or per printed one-time code, and the
printed ballot cards that carry the codes.

Only a salted hash of the token or code is stored, never the token itself, and never exported.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cafe_desk.core.ballots import clean_ballot
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import Cancelled, UserError, ValidationError
from cafe_desk.core.model import Ballot
from cafe_desk.core.phone_address import PhoneAddress, phone_address
from cafe_desk.platforms import replace_file
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.channel import ChannelService
from cafe_desk.services.comments import CafeEnded
from cafe_desk.services.files import write_beside

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_CODES = 2000
VOTING_NOT_YET_OPEN = "Voting hasn't opened yet. Please come back when the facilitator says voting is open."
CODES_ONLY = "Voting at this café uses the printed ballot cards: please type the code from your card."
VOTING_CLOSED = "Voting has closed. Thank you — your earlier vote, if you cast one, is counted."


def voter_hash(salt: str, key: str) -> str:
    """The stored stand-in for a voter's key: a salted SHA-256, so no cookie or code is kept as typed."""
    return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()


def new_voter_token() -> str:
    """A fresh random token for a phone's voter cookie."""
    return secrets.token_urlsafe(16)


def normalise_code(code: str) -> str:
    """A ballot code as typed, in capitals with anything but letters and digits left out ("ab-12 cd" -> "AB12CD")."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def new_codes(count: int) -> list[str]:
    """`count` fresh one-time codes (not stored)."""
    return ["".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)]


def _unsaved(target: Path, exc: OSError) -> UserError:
    return UserError(f"The cards couldn't be saved to {target} ({exc.strerror or exc}), so no codes were kept; "
                     "please choose another folder and print them again.")


class BallotService(ServiceBase):
    @property
    def channel(self) -> ChannelService:
        """The channel service on the same store (settings and salt of the café's phone pages)."""
        return ChannelService(self.store)

    def _voter(self, cafe_id: str, key: str, *, is_code: bool) -> str:
        settings = self.channel.settings(cafe_id)
        salt = self.channel.salt(cafe_id)
        if settings.ballot_rule == "code" and not is_code:
            raise ValidationError(CODES_ONLY)
        if is_code:
            key = normalise_code(key)
            with self.store.read():
                known = self.store.ballot_code_exists(cafe_id, voter_hash(salt, key))
            if not known:
                raise ValidationError("That ballot code isn't one of this café's cards; please check it and "
                                      "try again.")
        return voter_hash(salt, key)

    def current(self, cafe_id: str, key: str, *, is_code: bool = False) -> Ballot | None:
        """The ballot this phone or card cast before, if any (so the page can show and change it)."""
        try:
            hashed = self._voter(cafe_id, key, is_code=is_code)
        except ValidationError:
            return None
        with self.store.read():
            return self.store.get_ballot(cafe_id, hashed)

    def cast(self, cafe_id: str, key: str, choices: dict[str, object], *, is_code: bool = False
             ) -> tuple[Ballot, Changes]:
        """Cast or change this voter's ballot while voting is open."""
        cafe = self.cafe(cafe_id)
        if cafe.is_closed:
            raise CafeEnded("This café has ended. Thank you for taking part.")
        settings = self.channel.settings(cafe.id)
        if settings.voting_not_yet_open:
            raise ValidationError(VOTING_NOT_YET_OPEN)
        if not settings.voting_open:
            raise ValidationError(VOTING_CLOSED)
        with self.store.read():
            outcomes = [o.id for o in self.store.list_items("outcome", cafe.id)]
        clean = clean_ballot(cafe.vote_method, cafe.dots_per_person, outcomes, choices)
        hashed = self._voter(cafe.id, key, is_code=is_code)
        with self.store.transaction():
            # the desk may have closed voting or the café on its own connection since the checks above
            now = self.store.get_cafe(cafe.id)
            if now is None or now.is_closed:
                raise CafeEnded("This café has ended. Thank you for taking part.")
            settings_now = self.store.channel_settings(cafe.id)
            if not settings_now.get("voting_open"):
                raise ValidationError(VOTING_CLOSED)
            if settings_now.get("ballot_rule") == "code" and not is_code:  # switched to printed cards meanwhile
                raise ValidationError(CODES_ONLY)
            ballot = self.store.save_ballot(cafe.id, hashed, clean)
        return ballot, Changes(votes=True)

    def ballots(self, cafe_id: str) -> list[Ballot]:
        """Every phone or card ballot cast in the café."""
        with self.store.read():
            return self.store.list_ballots(cafe_id)

    def issue_codes(self, cafe_id: str, count: int) -> list[str]:
        """New one-time ballot codes, stored at once. Only their hashes are kept: the codes must be printed now
        (`print_cards` does both, keeping the codes only once their cards are saved)."""
        cafe = self._can_issue(cafe_id, count)
        codes = new_codes(count)
        with self.store.transaction():
            self._store_codes(cafe.id, codes)
        return codes

    def print_cards(self, cafe_id: str, count: int, target: str | Path, address: PhoneAddress | str, *,
                    cancelled: Callable[[], bool] = lambda: False,
                    progress: Callable[[int, int], None] = lambda done, total: None) -> Path:
        """Issue `count` one-time codes and save their cards as a PDF at `target`; returns `target`. Each card's QR
        code opens the vote page at `address` (host:port, where phones will reach this laptop), which the café
        remembers as where its cards point; it may be printed ahead, before the café is open to phones.

        All or nothing: the PDF is written in full beside `target` first, then the codes are stored in one
        transaction and the file moved into place before it commits. Raises ValidationError (one plain line) for an
        address phones can't reach ("This laptop only"), Cancelled once `cancelled()` turns true before the end (no
        codes kept, no file), and UserError with a plain line if the file can't be saved (no codes kept either)."""
        from cafe_desk.reports.ballot_cards import ballot_cards_pdf

        address = phone_address(address)
        cafe = self._can_issue(cafe_id, count)
        target = Path(target)
        if not target.parent.is_dir():
            raise UserError(f"The folder {target.parent} isn't there; please choose another one.")
        vote_url = address.vote_url(self.channel.settings(cafe.id).token)
        codes = new_codes(count)

        def page_done(done: int, total: int) -> None:
            progress(done, total + 1)  # the last step is storing the codes
            if cancelled():
                raise Cancelled("Printing cancelled; no cards were saved and no codes were kept.")

        data = ballot_cards_pdf(codes, vote_url, cafe.title, on_page=page_done)
        try:
            temp = write_beside(target, data)
        except OSError as exc:
            raise _unsaved(target, exc) from None
        moved = False
        try:
            if cancelled():
                raise Cancelled("Printing cancelled; no cards were saved and no codes were kept.")
            with self.store.transaction():
                self._store_codes(cafe.id, codes, address=str(address))
                self.store.set_qr_printed_address(cafe.id, str(address))
                replace_file(temp, target)  # inside the transaction: if the move fails, no code is kept
                moved = True
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(target if moved else temp)  # moved but not committed: those cards would not work
            if isinstance(exc, OSError):
                raise _unsaved(target, exc) from None
            raise
        progress(1, 1)
        return target

    def _can_issue(self, cafe_id: str, count: int):
        cafe = self.writable(cafe_id)
        if not 1 <= count <= MAX_CODES:
            raise ValidationError(f"Print between 1 and {MAX_CODES} ballot cards at a time.")
        return cafe

    def _store_codes(self, cafe_id: str, codes: list[str], **detail) -> None:
        salt = self.channel.salt(cafe_id)
        self.store.add_ballot_codes(cafe_id, [voter_hash(salt, c) for c in codes])
        self.store.audit(cafe_id, "issue codes", "cafe", cafe_id, count=len(codes), **detail)

