"""The address a QR code for phones carries (host and port): the rule that it can never be "This laptop only" nor
anywhere else phones can't be sent, however it is written (`core.phone_host` reads it as a browser would), the
fixed addresses operating systems give a laptop's own hotspot (so cards can be printed ahead, before the café is open
to phones), and the warning when phones now reach the laptop somewhere other than where its codes point.

Everything printed or shown with a QR code that phones scan goes through `phone_address`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.phone_host import HostReading, read_host
from cafe_desk.core.phone_host import is_loopback as is_loopback  # still named here for callers
from cafe_desk.core.text import printable

DEFAULT_PORT = 8000  # the same everywhere (Run page, printed cards, `serve`), so printed codes stay valid
MIN_PORT, MAX_PORT = 1024, 65535
LOOPBACK_NAME = "This laptop only"
CHOOSE_INSTEAD = "Choose the venue Wi-Fi or this laptop's own hotspot address."
QUOTED_AT_MOST = 40  # characters of what was given, quoted back in a refusal


def loopback_refused(printing: str = "the cards") -> str:
    """The one line that refuses to print `printing` for "This laptop only"."""
    return (f"Phones can't reach “{LOOPBACK_NAME}”. Choose the venue Wi-Fi or this laptop's own hotspot address to "
            f"print {printing}.")


LOOPBACK_REFUSED = loopback_refused()


@dataclass(frozen=True)
class Hotspot:
    """The address a laptop has on its own hotspot, as its operating system sets it unless someone changed it."""

    system: str
    feature: str
    host: str

    @property
    def label(self) -> str:
        """What a facilitator sees in a list of addresses."""
        return f"This laptop's own hotspot ({self.system} {self.feature}: {self.host})"


# Where each address comes from:
# - Windows: Mobile Hotspot shares through Internet Connection Sharing, which gives the sharing adapter 192.168.137.1
#   (/24); it can only be changed in the registry (SharedAccess\Parameters\ScopeAddress).
# - macOS: the InternetSharing(8) man page: shared interfaces are given 192.168.2.1 onwards (one /24 each), and
#   SharingNetworkNumberStart in com.apple.nat.plist can change that. The page dates from Mac OS X 10.6, when AirPort
#   got 10.0.2.1; later releases put the shared interfaces, Wi-Fi too, on one bridge (bridge100) at 192.168.2.1.
# - Linux: NetworkManager's "shared" IPv4 method (what its Wi-Fi hotspot uses) takes an address in 10.42.x.1/24 when
#   none is set, 10.42.0.1 for the first shared connection (NMSettingIP4Config, ipv4.method).
HOTSPOTS = (
    Hotspot("Windows", "Mobile Hotspot", "192.168.137.1"),
    Hotspot("macOS", "Internet Sharing", "192.168.2.1"),
    Hotspot("Linux", "Wi-Fi hotspot", "10.42.0.1"),
)


def hotspot_for_platform(platform: str) -> Hotspot:
    """The hotspot of the operating system named `platform` ("windows", "macos", "linux", as `platforms.CURRENT`
    names them; "win32" and "darwin" are read the same)."""
    if platform.startswith("win"):
        return HOTSPOTS[0]
    if platform in ("macos", "darwin"):
        return HOTSPOTS[1]
    return HOTSPOTS[2]


def hotspot_at(host: str) -> Hotspot | None:
    """The hotspot whose address is `host`, if it is one of them."""
    return next((h for h in HOTSPOTS if h.host == host), None)


@dataclass(frozen=True)
class PhoneAddress:
    """Where phones reach this laptop: a host (an IP address or a name) and a port."""

    host: str
    port: int

    def __str__(self) -> str:
        return f"{self._url_host}:{self.port}"

    @property
    def _url_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def is_loopback(self) -> bool:
        """Whether only this laptop can use it."""
        return is_loopback(self.host)

    @property
    def base_url(self) -> str:
        """http://host:port"""
        return f"http://{self._url_host}:{self.port}"

    def vote_url(self, token: str) -> str:
        """The vote page of the café whose link secret is `token`, as the phone server serves it."""
        return f"{self.base_url}/c/{token}/vote"

    def comment_url(self, token: str) -> str:
        """The comment page of the café whose link secret is `token`."""
        return f"{self.base_url}/c/{token}"

    def host_url(self, host_token: str) -> str:
        """The table host's page whose link secret is `host_token`."""
        return f"{self.base_url}/t/{host_token}"


def parse_address(text: str) -> PhoneAddress:
    """`host:port`, `[v6 address]:port` or a whole `http://…` link, read as a PhoneAddress; ValidationError with a
    plain line when it can't be read."""
    raw = (text or "").strip()
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        host, port = "", None
    if not host:
        raise ValidationError(unreadable(text))
    return PhoneAddress(host, port if port is not None else 80)


def unreadable(text: str) -> str:
    """The one line for `text` that can't be read as an address at all (quoted back only if short and visible)."""
    shown = printable(text or "").strip()
    quoted = f"“{shown}”" if shown and len(shown) <= QUOTED_AT_MOST else "That"
    return f"{quoted} isn't an address phones can use; choose one from the list."


def refusal(reading: HostReading, given: str, printing: str = "the cards") -> str:
    """The one plain line saying why phones can't be sent to `given` (read as `reading`), naming what to choose."""
    host = reading.host
    return {
        "loopback": loopback_refused(printing),
        "unusable": f"Phones can't be sent to {host}. {CHOOSE_INSTEAD}",
        "link-local": f"Phones can't count on reaching {host}, an address this laptop gave itself. {CHOOSE_INSTEAD}",
        "spelling": f"Phones would read that address as {host}. Write it as four plain numbers with dots, no "
                    "leading zeros.",
        "name": f"A name for this laptop can only have letters a–z, digits, hyphens and dots. {CHOOSE_INSTEAD}",
        "long": f"That name is too long for phones to use. {CHOOSE_INSTEAD}",
    }.get(reading.problem) or unreadable(given)


def reachable(host: str) -> bool:
    """Whether phones can be sent to `host` as it is written (its one plain spelling, not "This laptop only")."""
    reading = read_host(host)
    return not reading.problem and reading.host == host


def phone_address(address: PhoneAddress | str, printing: str = "the cards") -> PhoneAddress:
    """`address` if phones can reach it, for a QR code on `printing` ("the cards", "the poster", …), its host read
    as a phone's browser reads it and written its one plain way; ValidationError with one plain line if not (never
    "This laptop only" however it is written, nor an address no phone can be sent to, nor a name with characters
    other than letters, digits, hyphens and dots, nor a port outside 1024–65535)."""
    found = address if isinstance(address, PhoneAddress) else parse_address(address)
    if not found.host.strip().strip("[]"):
        raise ValidationError(f"Phones can't be sent to an empty address. {CHOOSE_INSTEAD}")
    reading = read_host(found.host)
    if reading.problem:
        raise ValidationError(refusal(reading, found.host, printing))
    if not MIN_PORT <= found.port <= MAX_PORT:
        raise ValidationError(f"Choose a port from {MIN_PORT} to {MAX_PORT} (Café Desk suggests {DEFAULT_PORT}).")
    return PhoneAddress(reading.host, found.port)


def address_warning(now: PhoneAddress | None, printed: PhoneAddress | None,
                    shown_before: PhoneAddress | None = None) -> str:
    """What to tell the facilitator when the café is open to phones at `now` but its printed cards point to
    `printed`, or (with no cards printed) phones scanned a code showing `shown_before` when it was last opened; ""
    when all agree (or the café isn't open). Printed cards come first: once `now` matches them, the cards work."""
    if now is None:
        return ""
    if printed is not None and printed != now:
        if now.is_loopback:
            return (f"The printed cards point to {printed}, but the café is open on “{LOOPBACK_NAME}”, which phones "
                    f"can't reach. Open on {printed}, or print the cards again.")
        if printed.host == now.host:
            return (f"The printed cards point to {printed}, but phones now reach this laptop at {now}. Open on port "
                    f"{printed.port} as printed, or print the cards again.")
        return (f"The printed cards point to {printed}, but phones now reach this laptop at {now}. Open on the "
                "printed address, or print the cards again.")
    if printed is None and shown_before is not None and shown_before != now:
        where = (f"the café is open on “{LOOPBACK_NAME}”, which phones can't reach" if now.is_loopback
                 else f"phones now reach this laptop at {now}")
        return (f"Phones that scanned the code earlier went to {shown_before}, but {where}. Open on "
                f"{shown_before} again, or ask people to scan the new code.")
    return ""


@dataclass(frozen=True)
class PrintChoice:
    """One address offered for printing QR codes: what the facilitator reads, the host, what kind of address it is
    ("open now", "laptop", "hotspot" or "printed before") and the port that goes with it (None: the port chosen
    beside the list)."""

    label: str
    host: str
    kind: str
    port: int | None = None


def print_choices(open_now: PhoneAddress | None, printed: PhoneAddress | None, laptop_hosts: Sequence[str],
                  platform: str) -> tuple[list[PrintChoice], int, int]:
    """(choices, index to select, port to start with) for printing QR codes: where the café is open now (unless
    "This laptop only"), this laptop's other current addresses, and each system's own hotspot address, this
    laptop's first. The address printed with last time is selected (and offered, if it is none of those); else
    where it is open now; else this laptop's own hotspot."""
    if open_now is not None and not reachable(open_now.host):
        open_now = None  # "This laptop only", or somewhere else no phone can be sent
    if printed is not None and not reachable(printed.host):
        printed = None
    choices: list[PrintChoice] = []
    if open_now is not None:
        choices.append(PrintChoice(f"Where phones reach this café now ({open_now})", open_now.host, "open now",
                                   open_now.port))
    offered = {c.host for c in choices} | {h.host for h in HOTSPOTS}
    for host in laptop_hosts:
        if host not in offered and reachable(host):
            choices.append(PrintChoice(f"This laptop's address on its network now ({host})", host, "laptop"))
            offered.add(host)
    own = hotspot_for_platform(platform)
    hotspots = [own, *(h for h in HOTSPOTS if h != own)]
    choices += [PrintChoice(h.label, h.host, "hotspot") for h in hotspots]
    port = open_now.port if open_now is not None else DEFAULT_PORT
    if printed is not None:
        if printed.host not in {c.host for c in choices}:
            choices.insert(0, PrintChoice(f"As the cards were printed last time ({printed})", printed.host,
                                          "printed before", printed.port))
        index = next(i for i, c in enumerate(choices) if c.host == printed.host)
        return choices, index, printed.port
    if open_now is not None:
        return choices, 0, port
    return choices, next(i for i, c in enumerate(choices) if c.host == own.host), port


def before_opening_note(printed: PhoneAddress | None, laptop_hosts: Sequence[str],
                        chosen: PhoneAddress | None = None) -> str:
    """Before the café is opened to phones: how to open it where its printed cards point, when this laptop doesn't
    have that address now or another address or port is `chosen` ("" when all is ready, or nothing was printed)."""
    if printed is None:
        return ""
    if printed.host in laptop_hosts:
        if chosen is None or chosen == printed:
            return ""
        return (f"The printed cards point to {printed}: choose {printed.host} under “Listen on” and port "
                f"{printed.port} before you open to phones.")
    hotspot = hotspot_at(printed.host)
    if hotspot is not None:
        return (f"The printed cards point to {printed}. Turn on this laptop's own hotspot ({hotspot.system} "
                f"{hotspot.feature}), then choose {printed.host} under “Listen on” and port {printed.port}.")
    return (f"The printed cards point to {printed}, which this laptop doesn't have now. Join the network they were "
            f"printed for, then choose {printed.host} under “Listen on”, or print the cards again.")
