"""Where phones reach this laptop, for everything printed or shown with a QR code: the address each café's cards were
printed with and its code last shown with (stored per café), the address it is open to phones on now, the addresses
to offer when printing, and the warning when phones would be sent somewhere the laptop isn't listening.

The address a café is open on now is kept by this registry, not stored: only the app's own registry opens the channel,
and a restarted app has no channel open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cafe_desk import platforms
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.phone_address import (
    PhoneAddress,
    PrintChoice,
    address_warning,
    before_opening_note,
    phone_address,
    print_choices,
)
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.store import Store


@dataclass(frozen=True)
class OpenChannel:
    """A café open to phones: where, and where its code was shown the time before (None: never, or loopback)."""

    address: PhoneAddress
    shown_before: PhoneAddress | None


def _stored(text: str) -> PhoneAddress | None:
    """A stored address, checked again by today's rule: one written by an older version, or changed in the file,
    that phones can't be sent to counts as none (and is never shown as it was stored)."""
    try:
        return phone_address(text) if text else None
    except ValidationError:
        return None


class PhoneAddressService(ServiceBase):
    def __init__(self, store: Store):
        super().__init__(store)
        self._open: dict[str, OpenChannel] = {}

    def check(self, address: PhoneAddress | str, printing: str = "the cards") -> PhoneAddress:
        """The rule for every QR code phones scan: `address` if phones can reach it, else ValidationError with one
        plain line naming what is printed (`printing`: "the cards", "the poster", …); never "This laptop only"."""
        return phone_address(address, printing)

    def printed(self, cafe_id: str) -> PhoneAddress | None:
        """The address the café's ballot cards were last printed with, or None."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            return _stored(self.store.qr_addresses(cafe.id)[0])

    def shown(self, cafe_id: str) -> PhoneAddress | None:
        """The address the café's comment-page code was last shown with (opened to phones), or None."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            return _stored(self.store.qr_addresses(cafe.id)[1])

    def opened(self, cafe_id: str, host: str, port: int) -> Changes:
        """The café is now open to phones at host:port, its QR code on the Run page and the presenter: remember it
        (with the audit log) unless it is "This laptop only" or elsewhere no phone can be sent, which no phone can
        have scanned."""
        cafe = self.cafe(cafe_id)
        address = PhoneAddress(host, port)
        self._open[cafe.id] = OpenChannel(address, self.shown(cafe.id))
        try:
            reachable = phone_address(address)
        except ValidationError:
            return Changes()
        with self.store.transaction():
            self.store.set_qr_shown_address(cafe.id, str(reachable))
            self.store.audit(cafe.id, "open to phones", "cafe", cafe.id, address=str(reachable))
        return Changes()

    def closed(self, cafe_id: str) -> None:
        """The café is no longer open to phones."""
        self._open.pop(cafe_id, None)

    def open_now(self, cafe_id: str) -> PhoneAddress | None:
        """Where the café is open to phones now, or None."""
        channel = self._open.get(cafe_id)
        return channel.address if channel else None

    def address_warning(self, cafe_id: str) -> str:
        """One plain line when the café is open to phones somewhere other than where its printed cards (or the code
        shown the time before) send them; "" when all agree or it isn't open."""
        channel = self._open.get(cafe_id)
        if channel is None:
            return ""
        try:
            printed = self.printed(cafe_id)
        except UserError:  # the café was deleted meanwhile
            return ""
        return address_warning(channel.address, printed, channel.shown_before)

    def print_choices(self, cafe_id: str, laptop_hosts: Sequence[str], platform: str = platforms.CURRENT.value
                      ) -> tuple[list[PrintChoice], int, int]:
        """What to offer for printing QR codes: (choices, the index to select, the port to start with). The
        choice made last time for this café comes first to mind, then where it is open now, then this laptop's
        own hotspot. `laptop_hosts` are this laptop's current addresses, read from its network interfaces."""
        return print_choices(self.open_now(cafe_id), self.printed(cafe_id), laptop_hosts, platform)

    def before_opening(self, cafe_id: str, laptop_hosts: Sequence[str], chosen: PhoneAddress | None = None) -> str:
        """Before the café is opened to phones: how to open it where its printed cards point — turning on this
        laptop's own hotspot, say, when none of `laptop_hosts` is that address, or choosing it when another address
        or port is `chosen`; "" when all is ready or nothing was printed."""
        return before_opening_note(self.printed(cafe_id), laptop_hosts, chosen)
