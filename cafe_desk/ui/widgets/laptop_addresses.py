"""This laptop's IPv4 addresses, read from its network interfaces (never by connecting out), as choices for where
phones reach it: private ones first, then "This laptop only"."""

from __future__ import annotations

import ipaddress

from cafe_desk.core.phone_address import LOOPBACK_NAME

LOOPBACK = "127.0.0.1"
LOOPBACK_LABEL = f"{LOOPBACK_NAME} ({LOOPBACK})"


def listen_addresses() -> list[tuple[str, str]]:
    """(label, address) for every IPv4 address of this laptop's network interfaces, private ones first, then
    "This laptop only". Read from the interfaces themselves, never by connecting out."""
    from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

    found: list[ipaddress.IPv4Address] = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol or address.isLoopback():
            continue
        ip = ipaddress.IPv4Address(address.toString())
        if ip not in found and not ip.is_unspecified and not ip.is_multicast:
            found.append(ip)
    found.sort(key=lambda ip: (0 if ip.is_private and not ip.is_link_local else 1 if not ip.is_link_local else 2,
                               int(ip)))
    choices = []
    for ip in found:
        kind = "link-local" if ip.is_link_local else "local network" if ip.is_private else "public network"
        choices.append((f"{ip} ({kind})", str(ip)))
    choices.append((LOOPBACK_LABEL, LOOPBACK))
    return choices
