"""The address a request comes from, as far as this server can trust it.

Token `allowed_ips` and the login rate limits ask for it. A forwarding header is
only believed when the connection itself comes from one of TRUSTED_PROXIES: any
client can send `X-Forwarded-For: 10.0.0.1`, so believing it from anyone would let
it pick its own address. With `X-Forwarded-For` every proxy appends the address it
received the request from, so the list is read from the right, skipping our own
proxies; the first address that is not one of them is the client. Anything to its
left was written by the client and is ignored.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse(value: str) -> Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: Address | None) -> bool:
    if address is None:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )


def header_key(name: str) -> str:
    return "HTTP_" + name.strip().upper().replace("-", "_")


def client_address(request: Any) -> str | None:
    """The client's address as text (None without one); `request` is Django's or DRF's."""
    meta = request.META
    peer = str(meta.get("REMOTE_ADDR", "") or "")
    if not is_trusted_proxy(parse(peer)) or not settings.CLIENT_IP_HEADER:
        return peer or None
    forwarded = str(meta.get(header_key(settings.CLIENT_IP_HEADER), "") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return peer or None
    for hop in reversed(hops):
        if not is_trusted_proxy(parse(hop)):
            return hop
    # Every hop is one of our proxies: the leftmost is where the request started.
    return hops[0]
