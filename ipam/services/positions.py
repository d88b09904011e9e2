"""Where IPAM objects sit in address space, for locks (Claim) and refreshes (Position)."""

from __future__ import annotations

from typing import Any

import netaddr

from ipam.fields import parse_network, require_network
from ipam.services.hierarchy import Position
from ipam.services.locking import Claim


def of_address(vrf_id: int | None, address: Any) -> Position:
    return Position(vrf_id, str(require_network(address).ip))


def of_prefix(vrf_id: int | None, prefix: Any) -> Position:
    return Position(vrf_id, str(require_network(prefix).cidr))


def of_range(vrf_id: int | None, start: Any, end: Any) -> Position:
    # Any prefix holding both ends holds the smallest network spanning them.
    ends = [require_network(start).ip, require_network(end).ip]
    return Position(vrf_id, str(netaddr.spanning_cidr(ends)))


def of_instance(obj: Any) -> Position | None:
    """The position of a prefix, IP range or IP address instance (None if incomplete)."""
    if hasattr(obj, "prefix"):
        return of_prefix(obj.vrf_id, obj.prefix) if obj.prefix is not None else None
    if hasattr(obj, "start_address"):
        start, end = parse_network(obj.start_address), parse_network(obj.end_address)
        if start is None or end is None or start.version != end.version:
            return None
        return of_range(obj.vrf_id, start, end)
    return of_address(obj.vrf_id, obj.address) if obj.address is not None else None


def claim(position: Position, **flags: Any) -> Claim:
    return Claim(position.vrf_id, position.net, **flags)
