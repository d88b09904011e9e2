"""Allocation from available space: what is free, and who may take it.

Callers lock the parent first (`lock_parent`), then ask what is free: the answer is
computed after the lock is held, so concurrent callers never get the same address,
prefix, VLAN ID or AS number. The locks are per parent object (see
ipam.services.locking), so allocations in different prefixes run in parallel.
"""

from __future__ import annotations

from typing import Any

import netaddr

from ipam import netmath, querysets
from ipam.fields import require_network
from ipam.models import ASNRange, IPRange, Prefix, VLANGroup
from ipam.models.vlans import inclusive
from ipam.services import positions
from ipam.services.locking import LockClass, lock_objects, lock_space


def lock_parent(parent: Any) -> None:
    """Serialise allocations from this parent with every write inside it."""
    if isinstance(parent, Prefix):
        lock_space([positions.claim(positions.of_prefix(parent.vrf_id, parent.prefix))])
    elif isinstance(parent, IPRange):
        where = positions.of_range(parent.vrf_id, parent.start_address, parent.end_address)
        lock_space([positions.claim(where, range_id=parent.pk, deepest_exclusive=False)])
    elif isinstance(parent, VLANGroup):
        lock_objects(LockClass.VLAN_GROUP, [parent.pk])
    elif isinstance(parent, ASNRange):
        lock_objects(LockClass.ASN_RANGE, [parent.pk])
    else:
        raise TypeError(f"Nothing is allocated from {type(parent).__name__}")


def parent_mask(parent: Prefix | IPRange) -> int:
    """The mask length an allocated address gets unless the caller asks for another."""
    return _network(parent).prefixlen


def family_of(parent: Prefix | IPRange) -> int:
    return _network(parent).version


def _network(parent: Prefix | IPRange) -> netaddr.IPNetwork:
    value = parent.prefix if isinstance(parent, Prefix) else parent.start_address
    return require_network(value)


def free_ips(parent: Prefix | IPRange, count: int) -> list[int]:
    """The first `count` free host addresses of a prefix or range, as integers."""
    if count <= 0:
        return []
    if isinstance(parent, Prefix):
        gaps = querysets.prefix_ip_gaps(parent, count)
    else:
        gaps = querysets.range_ip_gaps(parent, count)
    return netmath.first_free(gaps, count)


def free_prefixes(prefix: Prefix) -> list[netaddr.IPNetwork]:
    """The parent's space minus its child prefixes, as the fewest CIDR blocks, ascending."""
    family = family_of(prefix)
    blocks = netmath.free_blocks(querysets.child_prefix_gaps(prefix), family)
    return [netaddr.IPNetwork(f"{netmath.to_text(net, family)}/{length}") for net, length in blocks]


def pick_prefixes(prefix: Prefix, lengths: list[int]) -> list[netaddr.IPNetwork] | None:
    """First-fit, in request order; None when one of the lengths does not fit."""
    family = family_of(prefix)
    blocks = netmath.allocate_prefixes(querysets.child_prefix_gaps(prefix), lengths, family)
    if blocks is None:
        return None
    return [netaddr.IPNetwork(f"{netmath.to_text(net, family)}/{length}") for net, length in blocks]


def free_vids(group: VLANGroup, count: int) -> list[int]:
    """The lowest unused VLAN IDs inside the group's VID ranges."""
    spans = inclusive(group.vid_ranges)
    return netmath.first_free(netmath.free_in_spans(spans, querysets.used_vids(group.pk)), count)


def free_asns(asn_range: ASNRange, count: int) -> list[int]:
    """The lowest AS numbers of the range not held by any ASN."""
    span = (asn_range.start, asn_range.end)
    used = querysets.used_asns(asn_range.start, asn_range.end)
    return netmath.first_free(netmath.free_in_spans([span], used), count)
