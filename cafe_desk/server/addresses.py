"""The laptop's own network addresses, read from its interfaces (never by connecting anywhere), to offer as
choices for the phone page: private LAN addresses first, loopback last; and the address phones are given for a server
listening on one of them, or on all."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
from collections.abc import Callable

from cafe_desk import platforms
from cafe_desk.core.errors import UserError

SIOCGIFADDR = 0x8915  # Linux: an interface's IPv4 address


def _linux_addresses() -> list[str]:
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            with contextlib.suppress(OSError):
                reply = fcntl.ioctl(sock.fileno(), SIOCGIFADDR, request)
                found.append(socket.inet_ntoa(reply[20:24]))
    return found


def _hostname_addresses() -> list[str]:
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
        return [info[4][0] for info in infos]
    return []


def rank(address: str) -> tuple[int, tuple[int, ...]]:
    """Sort key: private LAN addresses first, then other addresses, then link-local, then loopback."""
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        group = 3
    elif ip.is_link_local:
        group = 2
    elif ip.is_private:
        group = 0
    else:
        group = 1
    return group, tuple(ip.packed)


def lan_addresses(include_loopback: bool = True) -> list[str]:
    """The laptop's IPv4 addresses, best choice for phones first; ["127.0.0.1"] at least when loopback is wanted."""
    found: list[str] = []
    if platforms.reads_interfaces_by_ioctl():
        with contextlib.suppress(OSError, ImportError):
            found = _linux_addresses()
    if not [a for a in found if not ipaddress.ip_address(a).is_loopback]:
        found += _hostname_addresses()
    unique = sorted({a for a in found if include_loopback or not ipaddress.ip_address(a).is_loopback}, key=rank)
    if include_loopback and "127.0.0.1" not in unique:
        unique.append("127.0.0.1")
    return unique


def best_address() -> str:
    """The address a phone on the same network is most likely to reach (127.0.0.1 when there is no network)."""
    return lan_addresses()[0]


def listen_host(text: str) -> str:
    """`--host` as an address to listen on, in its one plain form ("[::]" → "::", "localhost" → "127.0.0.1");
    UserError (one line) for anything else — "0", "0x0", "127.1" or "*" would be read differently by different parts
    of the system, and the links printed for them would not open."""
    given = text.strip()
    if given.lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(given[1:-1] if given.startswith("[") and given.endswith("]") else given)
    except ValueError:
        raise UserError("Give --host as an address written in full, such as 127.0.0.1 (this laptop only), the "
                        "laptop's address on the venue's Wi-Fi, or 0.0.0.0 (every address).") from None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped if mapped is not None else address)


def listens_everywhere(host: str) -> bool:
    """Whether listening on `host` means on every address of the laptop ("0.0.0.0", "::" or none given)."""
    if not host:
        return True
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """`host` as it is written in a link: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def phone_base_url(host: str, port: int, best: Callable[[], str] = best_address) -> str:
    """http://address:port for phones to open, for a server listening on `host`: when that is every address, the
    laptop's best one (`best()`), since no phone can open 0.0.0.0 or [::]."""
    shown = best() if listens_everywhere(host) else host
    return f"http://{url_host(shown)}:{port}"
