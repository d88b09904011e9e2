"""Transaction-scoped advisory locks that serialise writes per piece of address space.

NetBox holds one lock per kind of allocation, so every allocation of IPs waits for
every other. Here the lock is per parent object: `pg_advisory_xact_lock(class, id)`
with the class below and the parent's id. Released at commit or rollback.

The rule, for a write or an allocation at a position (an address, a prefix, a range)
in a VRF:

- every prefix containing (or equal to) the position is locked: the deepest ones
  exclusively, the others shared;
- the VRF's root key is locked shared, or exclusively when no prefix contains the
  position (or when a new prefix would wrap existing ones);
- an IP address also takes the ranges holding it, shared; a range allocation takes
  its range exclusively and all containing prefixes shared.

So an allocation in a prefix (exclusive on it) waits for, and is waited on by, every
write inside it and every allocation in a prefix around or inside it (they hold it at
least shared), while allocations in sibling prefixes only share their common
ancestors and run in parallel. Two writes of the same address share their deepest
prefix, exclusively, so uniqueness checks see each other. All keys of a transaction
are taken in one statement in a fixed order, before any row lock, so lock waits can
not form a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.db import connection

from ipam.services.hierarchy import RANGES_AT, holding, per_position


class LockClass(IntEnum):
    PREFIX = 100200  # the address space of one prefix
    RANGE = 100210  # of one IP range
    VRF_ROOT = 100220  # of one VRF (0 = the global table), the ancestor of everything in it
    VLAN_GROUP = 100300
    ASN_RANGE = 100400


INT4 = 2**31  # ids wrap into the int4 key space; a collision only serialises more


@dataclass(frozen=True)
class Claim:
    """A position a write or allocation touches.

    `net`: the bare host of an address, the CIDR of a prefix, or for a range the
    smallest network holding both its ends.
    """

    vrf_id: int | None
    net: str
    is_address: bool = False  # also claim the ranges holding this address
    new_prefix: bool = False  # a prefix arriving here: may wrap existing prefixes
    range_id: int | None = None  # a range claimed exclusively (its own write or allocation)
    deepest_exclusive: bool = True  # False: every containing prefix shared (range allocation)


class KeySet:
    """Lock keys with their mode; asking for a key exclusively once makes it exclusive."""

    def __init__(self) -> None:
        self.modes: dict[tuple[int, int], bool] = {}

    def add(self, lock_class: LockClass, object_id: int, exclusive: bool) -> None:
        key = (int(lock_class), object_id % INT4)
        self.modes[key] = self.modes.get(key, False) or exclusive

    def acquire(self) -> None:
        """Take every key in one statement, ordered by (class, id)."""
        if not self.modes:
            return
        keys = sorted(self.modes)
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT CASE WHEN x THEN pg_advisory_xact_lock(k, i)
                              ELSE pg_advisory_xact_lock_shared(k, i) END
                   FROM (SELECT * FROM UNNEST(%s::int[], %s::int[], %s::bool[]) AS t(k, i, x)
                         ORDER BY k, i OFFSET 0) ordered""",
                [[k for k, _ in keys], [i for _, i in keys], [self.modes[key] for key in keys]],
            )
            cursor.fetchall()


def lock_space(claims: Iterable[Claim], extra: KeySet | None = None) -> None:
    """Lock the address space of these positions (see the module docstring)."""
    keys = extra or KeySet()
    claims = list(claims)
    if claims:
        _space_keys(claims, keys)
    keys.acquire()


def _space_keys(claims: list[Claim], keys: KeySet) -> None:
    chains = _containing_prefixes(claims)
    for index, claim in enumerate(claims):
        chain = chains.get(index, [])
        deepest = max((length for _, length in chain), default=None)
        keys.add(LockClass.VRF_ROOT, claim.vrf_id or 0, exclusive=deepest is None)
        for prefix_id, length in chain:
            keys.add(LockClass.PREFIX, prefix_id, claim.deepest_exclusive and length == deepest)
        if claim.range_id is not None:
            keys.add(LockClass.RANGE, claim.range_id, exclusive=True)
    addresses = [claim for claim in claims if claim.is_address]
    for range_id in _containing_ranges(addresses):
        keys.add(LockClass.RANGE, range_id, exclusive=False)
    for claim in _wrapping([claim for claim in claims if claim.new_prefix]):
        keys.add(LockClass.VRF_ROOT, claim.vrf_id or 0, exclusive=True)


def _arrays(claims: list[Claim]) -> list[list]:
    return [[claim.vrf_id or 0 for claim in claims], [claim.net for claim in claims]]


def _containing_prefixes(claims: list[Claim]) -> dict[int, list[tuple[int, int]]]:
    """Per claim index: (prefix id, mask length) of every prefix containing or equal to it."""
    with connection.cursor() as cursor:
        cursor.execute(
            per_position(
                "UNNEST(%s::bigint[], %s::inet[]) WITH ORDINALITY AS pos(vrf, net, idx)",
                "pos.idx - 1, t.id, MASKLEN(t.prefix)",
                "ipam_prefix p",
                f"COALESCE(p.vrf_id, 0) = pos.vrf AND {holding('p.prefix')}",
            ),
            _arrays(claims),
        )
        chains: dict[int, list[tuple[int, int]]] = {}
        for index, prefix_id, length in cursor.fetchall():
            chains.setdefault(index, []).append((prefix_id, length))
    return chains


def _containing_ranges(claims: list[Claim]) -> list[int]:
    if not claims:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT id FROM ({RANGES_AT}) x",
            dict(zip(("vrfs", "nets"), _arrays(claims), strict=True)),
        )
        return [row[0] for row in cursor.fetchall()]


def _wrapping(claims: list[Claim]) -> list[Claim]:
    """The new prefix positions that would hold existing prefixes of their VRF."""
    if not claims:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT pos.idx - 1
               FROM UNNEST(%s::bigint[], %s::inet[]) WITH ORDINALITY AS pos(vrf, net, idx)
               WHERE EXISTS (SELECT 1 FROM ipam_prefix p
                             WHERE COALESCE(p.vrf_id, 0) = pos.vrf AND p.prefix << pos.net)""",
            _arrays(claims),
        )
        return [claims[row[0]] for row in cursor.fetchall()]


def lock_objects(lock_class: LockClass, object_ids: Iterable[int | None]) -> None:
    """Exclusive locks on whole objects (VLAN groups, ASN ranges)."""
    keys = KeySet()
    for object_id in object_ids:
        if object_id is not None:
            keys.add(lock_class, object_id, exclusive=True)
    keys.acquire()
