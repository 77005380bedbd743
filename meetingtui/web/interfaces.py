"""The network addresses the chair's page can listen on: this computer's IPv4 addresses.

The secretary picks the one on the room's network (the tablet's Wi-Fi); 127.0.0.1 comes
first and reaches this computer only. IPv6 and link-local (169.254.x.x) addresses are left
out: a tablet reaches a laptop in a meeting room by its IPv4 address, and a QR code of an
IPv6 address is long. `meetingtui serve --host` takes any address all the same.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class Interface:
    name: str  # "wlan0"
    address: str  # "192.168.1.20"

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.address).is_loopback

    @property
    def label(self) -> str:
        where = "kun denne computer" if self.loopback else f"netværk {self.name}"
        return f"{self.address}  ({where})"


def interfaces() -> list[Interface]:
    """Up interfaces' IPv4 addresses, loopback first, then by name."""
    stats = psutil.net_if_stats()
    found = []
    for name, addresses in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(address.address)
            if ip.is_link_local or ip.is_unspecified:
                continue
            found.append(Interface(name, address.address))
    found.sort(key=lambda interface: (not interface.loopback, interface.name, interface.address))
    if not any(interface.loopback for interface in found):
        found.insert(0, Interface("lo", "127.0.0.1"))
    return found
