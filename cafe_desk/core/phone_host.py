"""How a phone's browser reads the host of a link printed or shown for it, and whether phones on the café's network
can be sent there: the host read the browser's way (percent escapes, full-width digits, ideographic dots, the
shortened, octal and hex ways of writing an IPv4 address, IPv4 addresses inside IPv6 ones), then judged.

`read_host` names what is wrong, not how to say it: `phone_address` words each refusal."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

#: names that only ever mean the laptop itself (besides everything under .localhost), as systems' hosts files spell them
LOCALHOST_NAMES = frozenset({"localhost", "localhost.localdomain", "localhost6", "localhost6.localdomain6",
                             "ip6-localhost", "ip6-loopback"})
MAX_NAME = 253  # RFC 1035, written without the final dot
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")  # RFC 1123: letters, digits, hyphens inside
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})  # the full stops IDNA reads as dots
_IPV4_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")
_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
_EMBEDDING = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("::ffff:0:0/96"),  # IPv4-compatible, mapped
              ipaddress.IPv6Network("64:ff9b::/96"))  # NAT64 (RFC 6052): the IPv4 address is the last 32 bits
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: where the IPv4 address sits depends on the site

#: what `read_host` found wrong: nothing, this laptop only, an address no phone can be sent to, one this laptop gave
#: itself, an IPv4 address written some other way than four plain numbers, a name with other characters, a name too
#: long, or nothing a browser can read as a host at all
PROBLEMS = ("", "loopback", "unusable", "link-local", "spelling", "name", "long", "unreadable")


@dataclass(frozen=True)
class HostReading:
    """A host as a browser reads it: `host` in its one plain spelling ("" if it has none) and `problem` (one of
    PROBLEMS; "" when phones can be sent there)."""

    host: str
    problem: str = ""


def browser_host(host: str) -> str:
    """`host` as a browser reads it before anything else: brackets off, percent escapes decoded, compatibility
    forms folded (NFKC: full-width digits become digits), ideographic full stops read as dots, lower case."""
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return unicodedata.normalize("NFKC", unquote(text)).translate(_DOTS).lower()


def _ipv4_number(part: str) -> int | None:
    """One part of an IPv4 address as a browser reads it (WHATWG URL): 0x… hex, 0… octal, else decimal."""
    if not part.isascii() or not _IPV4_NUMBER.fullmatch(part):
        return None
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part[1:], 8) if set(part) <= set("01234567") else None
    return int(part)


def _ends_in_number(text: str) -> bool:
    """Whether a browser reads `text` as an IPv4 address (WHATWG URL "ends in a number"), not a name."""
    parts = text.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    return (last.isascii() and last.isdigit()) or _ipv4_number(last) is not None


def _browser_ipv4(text: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a browser reads `text` as (127.1, 0x7f000001, 0177.0.0.1 and 2130706433 are all
    127.0.0.1), or None where a browser refuses the link."""
    parts = text.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    numbers = [_ipv4_number(p) for p in parts]
    if len(parts) > 4 or any(n is None for n in numbers):
        return None
    *first, last = numbers
    if any(n > 255 for n in first) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(first):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _ipv4_problem(ip: ipaddress.IPv4Address) -> str:
    if ip.is_loopback:
        return "loopback"
    if ip in _THIS_NETWORK or ip.is_multicast or ip.is_reserved or ip == ipaddress.IPv4Address("255.255.255.255"):
        return "unusable"
    if ip.is_link_local:
        return "link-local"
    return ""


def _read_ipv6(text: str) -> HostReading:
    try:
        ip = ipaddress.IPv6Address(text)
    except ValueError:
        return HostReading("", "unreadable")
    if ip.scope_id:  # fe80::1%eth0: browsers don't take an interface in a link
        return HostReading("", "unreadable")
    host = str(ip)
    if ip.is_loopback:
        return HostReading(host, "loopback")
    if ip.is_unspecified:
        return HostReading(host, "unusable")
    inside = next((ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) for net in _EMBEDDING if ip in net), None)
    if inside is not None:  # the IPv4 address it carries decides; written plainly, it is that address
        problem = _ipv4_problem(inside)
        return HostReading(str(inside), problem or "spelling")
    if ip in _LOCAL_NAT64 or ip.is_multicast or ip.is_reserved:
        return HostReading(host, "unusable")
    if ip.is_link_local:
        return HostReading(host, "link-local")
    return HostReading(host)


def read_host(host: str) -> HostReading:
    """`host` (a name, an IPv4 address, an IPv6 address with or without brackets) as a phone's browser reads it, and
    what stops phones being sent there, if anything."""
    if len(host) > 4 * MAX_NAME:  # not worth reading further
        return HostReading("", "long")
    text = browser_host(host)
    as_given = host.strip().strip("[]").lower()  # what the facilitator sees: printed only if a browser reads the same
    if not text:
        return HostReading("", "unreadable")
    if ":" in text:
        return _read_ipv6(text)
    if _ends_in_number(text):
        ip = _browser_ipv4(text)
        if ip is None:
            return HostReading("", "unreadable")
        problem = _ipv4_problem(ip)
        return HostReading(str(ip), problem or ("spelling" if as_given != str(ip) else ""))
    name = text[:-1] if text.endswith(".") else text
    if name in LOCALHOST_NAMES or name.endswith(".localhost"):
        return HostReading(name, "loopback")
    if len(name) > MAX_NAME:
        return HostReading("", "long")
    if as_given.removesuffix(".") != name or not all(_LABEL.fullmatch(label) for label in name.split(".")):
        return HostReading("", "name")
    return HostReading(name)


def is_loopback(host: str) -> bool:
    """Whether a browser given `host` only ever reaches this laptop itself: 127.x.x.x however it is written, ::1,
    IPv4-in-IPv6 forms of those, localhost and its kin, names under .localhost."""
    return read_host(host).problem == "loopback"
