"""Cached hierarchy and utilization, kept on write in the writer's transaction.

Prefix `_depth` (distinct parent prefixes in the same VRF), `_children` (prefixes
nested inside at any depth, same VRF) and `_utilization` (percent, as NetBox's UI
computes it), IP range and VLAN group `_utilization`: each write calls one of the
`refresh_*` functions below with the positions it changed (old and new), and they
recompute the affected rows in a few set-based statements, whatever the batch size.

Concurrency: rows whose aggregates depend on other rows are first locked
(`SELECT … FOR UPDATE`, ordered by id) in a statement of their own, and recomputed
by the next statement. In READ COMMITTED every statement takes a new snapshot, so
when two transactions touch the same ancestor, the one that locks it second waits
for the first to commit and then counts both changes. Writes whose positions
overlap are serialised before this by the advisory locks of ipam.services.locking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection

# --- SQL pieces ---------------------------------------------------------------------

VRF_KEY = "COALESCE({t}.vrf_id, 0)"


def _pct(used: str, size: str) -> str:
    """Percent with two decimals, capped at 100 (netmath.utilization in SQL)."""
    return f"LEAST(100, ROUND(({used})::numeric * 100 / NULLIF({size}, 0), 2))"


def _size(net: str) -> str:
    return f"POWER(2::numeric, CASE FAMILY({net}) WHEN 4 THEN 32 ELSE 128 END - MASKLEN({net}))"


HOST = "CAST(HOST({x}) AS INET)"
LAST = "CAST(HOST(BROADCAST({x})) AS INET)"

# Addresses of a prefix's VRF inside it, counted once per host, not inside a
# mark_utilized range (those count whole, below).
PREFIX_IPS = f"""(
    SELECT COUNT(DISTINCT {HOST.format(x="i.address")}) FROM ipam_ipaddress i
    WHERE {VRF_KEY.format(t="i")} = {VRF_KEY.format(t="p")}
      AND {HOST.format(x="i.address")} >= {HOST.format(x="p.prefix")}
      AND {HOST.format(x="i.address")} <= {LAST.format(x="p.prefix")}
      AND NOT EXISTS (
        SELECT 1 FROM ipam_iprange u
        WHERE u.mark_utilized AND {VRF_KEY.format(t="u")} = {VRF_KEY.format(t="p")}
          AND {HOST.format(x="u.start_address")} >= {HOST.format(x="p.prefix")}
          AND {HOST.format(x="u.end_address")} <= {LAST.format(x="p.prefix")}
          AND {HOST.format(x="i.address")} BETWEEN {HOST.format(x="u.start_address")}
              AND {HOST.format(x="u.end_address")}))"""

PREFIX_RANGES = f"""(
    SELECT COALESCE(SUM(u.size), 0) FROM ipam_iprange u
    WHERE u.mark_utilized AND {VRF_KEY.format(t="u")} = {VRF_KEY.format(t="p")}
      AND {HOST.format(x="u.start_address")} >= {HOST.format(x="p.prefix")}
      AND {HOST.format(x="u.end_address")} <= {LAST.format(x="p.prefix")})"""

# `c.prefix << p.prefix` written as the btree range it is (inet order: a network, then
# everything inside it, up to its last address as a host), so the btree indexes on
# (VRF key, prefix) and (VRF key, depth, prefix) serve it; the planner does not derive
# that range itself when p is a row of an outer query.
INSIDE = "{c} > {p} AND {c} <= CAST(HOST(BROADCAST({p})) AS INET)"

# A container's children cover the union of its direct children (depth one below).
PREFIX_COVERED = f"""(
    SELECT COALESCE(SUM({_size("d.prefix")}), 0) FROM (
        SELECT DISTINCT c.prefix FROM ipam_prefix c
        WHERE {VRF_KEY.format(t="c")} = {VRF_KEY.format(t="p")}
          AND c._depth = p._depth + 1 AND {INSIDE.format(c="c.prefix", p="p.prefix")}) d)"""

PREFIX_USABLE = f"""(CASE WHEN FAMILY(p.prefix) = 4 AND MASKLEN(p.prefix) < 31 AND NOT p.is_pool
    THEN {_size("p.prefix")} - 2 ELSE {_size("p.prefix")} END)"""

PREFIX_IP_UTILIZATION = _pct(f"{PREFIX_IPS} + {PREFIX_RANGES}", PREFIX_USABLE)

PREFIX_UTILIZATION = f"""CASE
    WHEN p.mark_utilized THEN 100
    WHEN p.status = 'container' THEN {_pct(PREFIX_COVERED, _size("p.prefix"))}
    ELSE {PREFIX_IP_UTILIZATION}
END"""

PREFIX_CHILDREN = f"""(
    SELECT COUNT(*) FROM ipam_prefix c
    WHERE {VRF_KEY.format(t="c")} = {VRF_KEY.format(t="p")}
      AND {INSIDE.format(c="c.prefix", p="p.prefix")})"""

PREFIX_DEPTH = f"""(
    SELECT COUNT(DISTINCT a.prefix) FROM ipam_prefix a
    WHERE {VRF_KEY.format(t="a")} = {VRF_KEY.format(t="p")} AND a.prefix >> p.prefix)"""

RANGE_IPS = f"""(
    SELECT COUNT(DISTINCT {HOST.format(x="i.address")}) FROM ipam_ipaddress i
    WHERE {VRF_KEY.format(t="i")} = {VRF_KEY.format(t="r")}
      AND {HOST.format(x="i.address")} >= {HOST.format(x="r.start_address")}
      AND {HOST.format(x="i.address")} <= {HOST.format(x="r.end_address")})"""

RANGE_UTILIZATION = f"""CASE
    WHEN r.mark_utilized OR r.mark_populated THEN 100
    ELSE {_pct(RANGE_IPS, "r.size")}
END"""

VLANGROUP_UTILIZATION = _pct(
    "(SELECT COUNT(*) FROM ipam_vlan v WHERE v.group_id = g.id)",
    "(SELECT SUM(UPPER(x) - LOWER(x)) FROM UNNEST(g.vid_ranges) x)",
)

# Positions: parallel arrays of VRF keys (0 = global table) and networks/addresses.
POSITIONS = "UNNEST(%(vrfs)s::bigint[], %(nets)s::inet[]) AS pos(vrf, net)"


def per_position(positions: str, select: str, table: str, where: str) -> str:
    """Rows of `table` matching `where` for each position, probed one position at a time
    through the indexes. (Joined as a whole, the planner hashes on the VRF key and tests
    the network operator on every pair: 500 addresses against 100,000 prefixes took
    seconds. A LATERAL subquery fenced by OFFSET 0 keeps it a loop of index probes.)"""
    return f"""SELECT {select} FROM {positions}
        CROSS JOIN LATERAL (SELECT * FROM {table} WHERE {where} OFFSET 0) AS t"""


def holding(prefix: str, strict: bool = False) -> str:
    """`prefix >>= pos.net` (`>>` when strict) as btree equality probes, one per shorter
    mask: exact, and cheaper than SP-GiST, whose `>>=` scans hand back many candidates to
    recheck when a parent holds thousands of children."""
    longest = "MASKLEN(pos.net) - 1" if strict else "MASKLEN(pos.net)"
    return f"""{prefix} = ANY(ARRAY(
        SELECT NETWORK(SET_MASKLEN(pos.net, bits)) FROM GENERATE_SERIES(0, {longest}) bits))"""


# Prefixes containing or equal to each position, and inside or equal to it (btree range).
ANCESTORS = per_position(
    POSITIONS,
    "t.id",
    "ipam_prefix p",
    f"{VRF_KEY.format(t='p')} = pos.vrf AND {holding('p.prefix')}",
)
DESCENDANTS = per_position(
    POSITIONS,
    "t.id",
    "ipam_prefix p",
    f"{VRF_KEY.format(t='p')} = pos.vrf AND p.prefix >= pos.net"
    " AND p.prefix <= CAST(HOST(BROADCAST(pos.net)) AS INET)",
)
# IP positions are bare hosts; ranges containing them (same VRF).
RANGES_AT = per_position(
    POSITIONS,
    "t.id",
    "ipam_iprange r",
    f"{VRF_KEY.format(t='r')} = pos.vrf AND {HOST.format(x='r.start_address')} <= pos.net"
    f" AND {HOST.format(x='r.end_address')} >= pos.net",
)


def _lock(table: str, ids_sql: str) -> str:
    return f"""SELECT COUNT(*) FROM (SELECT id FROM {table} WHERE id IN ({ids_sql})
        ORDER BY id FOR UPDATE) locked"""


def _update_prefixes(ids_sql: str) -> str:
    # Few rows (a write's ancestors): each is recomputed by correlated subqueries.
    return f"""
    UPDATE ipam_prefix p SET (_children, _utilization) = (
        SELECT {PREFIX_CHILDREN}, {PREFIX_UTILIZATION})
    WHERE p.id IN ({ids_sql})"""


def _update_depths(ids_sql: str) -> str:
    # Possibly many rows (a new container's descendants): only changed ones are written.
    return f"""
    UPDATE ipam_prefix p SET _depth = {PREFIX_DEPTH}
    WHERE p.id IN ({ids_sql}) AND p._depth <> {PREFIX_DEPTH}"""


def _update_ranges(ids_sql: str) -> str:
    return f"""
    UPDATE ipam_iprange r SET _utilization = {RANGE_UTILIZATION} WHERE r.id IN ({ids_sql})"""


def _update_vlangroups(ids_sql: str) -> str:
    return f"""
    UPDATE ipam_vlangroup g SET _utilization = COALESCE({VLANGROUP_UTILIZATION}, 0)
    WHERE g.id IN ({ids_sql})"""


# --- positions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where an object sits: its VRF (None = global table) and network or address.

    For an IP address, `net` is the bare host ("10.0.0.5"); for a prefix its CIDR; for
    an IP range the smallest network holding both ends (any prefix containing the range
    contains that network).
    """

    vrf_id: int | None
    net: str


def _params(positions: Iterable[Position]) -> dict[str, list]:
    unique = sorted({(p.vrf_id or 0, p.net) for p in positions})
    return {"vrfs": [vrf for vrf, _ in unique], "nets": [net for _, net in unique]}


def _run(statements: list[str], params: dict) -> None:
    if not params.get("nets") and not params.get("ids"):
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)


# --- refreshes, one per kind of write ----------------------------------------------------


def refresh_after_prefix_write(
    removed: Iterable[Position], added: Iterable[Position], written_ids: Iterable[int]
) -> None:
    """Prefixes left `removed` positions and arrived at `added` ones (an update is both);
    `written_ids` are the prefixes written that still exist.

    Everything moves by deltas, exact and independent of how many rows lie around the
    write: the written prefixes are recomputed whole; a prefix value that appeared in
    (or vanished from) its VRF deepens (or raises) every prefix inside it by one;
    ancestors' `_children` move by the prefixes that arrived inside them minus those
    that left, and container ancestors recount the share their direct children cover.
    """
    removed, added = list(removed), list(added)
    written = sorted(set(written_ids))
    if not removed and not added and not written:
        return
    with connection.cursor() as cursor:
        # Depths first: containers find their direct children by depth.
        _shift_descendant_depths(cursor, removed, added, written)
        cursor.execute(_update_depths("SELECT UNNEST(%(written)s::bigint[])"), {"written": written})
        deltas = _ancestor_deltas(cursor, removed, added, written)
        cursor.execute(
            _update_prefixes("SELECT UNNEST(%(written)s::bigint[])"), {"written": written}
        )
        cursor.execute(UPDATE_ANCESTORS, {"ids": list(deltas), "deltas": list(deltas.values())})


def _shift_descendant_depths(
    cursor: Any, removed: list[Position], added: list[Position], written: list[int]
) -> None:
    """Depth counts distinct parent values: only a value that is new to its VRF, or gone
    from it, changes the depth of the prefixes inside it."""
    balance: dict[tuple[int, str], int] = {}
    for sign, positions in ((-1, removed), (1, added)):
        for position in positions:
            key = (position.vrf_id or 0, position.net)
            balance[key] = balance.get(key, 0) + sign
    keys = sorted(balance)
    cursor.execute(
        f"""SELECT (SELECT COUNT(*) FROM ipam_prefix p
                    WHERE {VRF_KEY.format(t="p")} = pos.vrf AND p.prefix = pos.net)
            FROM UNNEST(%s::bigint[], %s::inet[]) WITH ORDINALITY AS pos(vrf, net, idx)
            ORDER BY pos.idx""",
        [[vrf for vrf, _ in keys], [net for _, net in keys]],
    )
    shifts = []
    for key, (after,) in zip(keys, cursor.fetchall(), strict=True):
        before = after - balance[key]
        shift = (after > 0) - (before > 0)
        if shift:
            shifts.append((*key, shift))
    if not shifts:
        return
    inside = per_position(
        "UNNEST(%s::bigint[], %s::inet[], %s::int[]) AS pos(vrf, net, shift)",
        "t.id, pos.shift",
        "ipam_prefix c",
        f"{VRF_KEY.format(t='c')} = pos.vrf AND {INSIDE.format(c='c.prefix', p='pos.net')}",
    )
    cursor.execute(
        f"""UPDATE ipam_prefix p SET _depth = p._depth + d.shift
            FROM (SELECT x.id, SUM(x.shift) AS shift
                  FROM ({inside}) x
                  WHERE NOT x.id = ANY(%s::bigint[])
                  GROUP BY x.id) d
            WHERE p.id = d.id AND d.shift <> 0""",
        [[v for v, _, _ in shifts], [n for _, n, _ in shifts], [s for _, _, s in shifts], written],
    )


def _ancestor_deltas(
    cursor: Any, removed: list[Position], added: list[Position], written: list[int]
) -> dict[int, int]:
    """Lock the ancestors (not the written prefixes) and count, for each, the prefixes
    that arrived strictly inside it minus those that left."""
    signed = [(p, -1) for p in removed] + [(p, 1) for p in added]
    ancestors = per_position(
        "UNNEST(%(vrfs)s::bigint[], %(nets)s::inet[], %(signs)s::int[]) AS pos(vrf, net, sign)",
        "t.id, pos.sign",
        "ipam_prefix a",
        f"{VRF_KEY.format(t='a')} = pos.vrf AND {holding('a.prefix', strict=True)}",
    )
    cursor.execute(
        f"""SELECT p.id, x.sign FROM ipam_prefix p JOIN ({ancestors}) x ON p.id = x.id
            WHERE NOT p.id = ANY(%(written)s::bigint[])
            ORDER BY p.id FOR UPDATE OF p""",
        {
            "vrfs": [position.vrf_id or 0 for position, _ in signed],
            "nets": [position.net for position, _ in signed],
            "signs": [sign for _, sign in signed],
            "written": written,
        },
    )
    deltas: dict[int, int] = {}
    for prefix_id, sign in cursor.fetchall():
        deltas[prefix_id] = deltas.get(prefix_id, 0) + sign
    return deltas


UPDATE_ANCESTORS = f"""
    UPDATE ipam_prefix p SET
        _children = p._children + d.delta,
        _utilization = CASE WHEN p.status = 'container' AND NOT p.mark_utilized
                            THEN {_pct(PREFIX_COVERED, _size("p.prefix"))}
                            ELSE p._utilization END
    FROM UNNEST(%(ids)s::bigint[], %(deltas)s::int[]) AS d(id, delta)
    WHERE p.id = d.id"""


def refresh_after_ip_write(positions: Iterable[Position]) -> None:
    """IP addresses were created, changed or deleted at these hosts (old and new).

    Containers count child prefixes, not addresses, and mark_utilized prefixes are
    full anyway: only the other prefixes holding the hosts change, and the ranges.
    """
    prefixes = f"""SELECT id FROM ipam_prefix p WHERE id IN ({ANCESTORS})
        AND p.status <> 'container' AND NOT p.mark_utilized"""
    _run(
        [
            f"SELECT ({_lock('ipam_prefix', prefixes)}), ({_lock('ipam_iprange', RANGES_AT)})",
            f"""WITH prefixes AS (
                    UPDATE ipam_prefix p SET _utilization = {PREFIX_IP_UTILIZATION}
                    WHERE p.id IN ({prefixes}) RETURNING 1),
                ranges AS (
                    UPDATE ipam_iprange r SET _utilization = {RANGE_UTILIZATION}
                    WHERE r.id IN ({RANGES_AT}) RETURNING 1)
                SELECT (SELECT COUNT(*) FROM prefixes), (SELECT COUNT(*) FROM ranges)""",
        ],
        _params(positions),
    )


def refresh_after_range_write(range_ids: Iterable[int], positions: Iterable[Position]) -> None:
    """IP ranges were created, changed or deleted; `positions` span them (old and new)."""
    params = {**_params(positions), "ids": sorted(set(range_ids))}
    containing = (
        f"SELECT id FROM ipam_prefix p WHERE id IN ({ANCESTORS}) AND p.status <> 'container'"
    )
    _run(
        [
            _lock("ipam_prefix", containing),
            _update_prefixes(containing),
            _update_ranges("SELECT UNNEST(%(ids)s::bigint[])"),
        ],
        params,
    )


def refresh_vlan_groups(group_ids: Iterable[int | None]) -> None:
    """VLANs moved in or out of these groups, or the groups' VID ranges changed."""
    ids = sorted({gid for gid in group_ids if gid is not None})
    if not ids:
        return
    selected = "SELECT UNNEST(%(ids)s::bigint[])"
    _run([_lock("ipam_vlangroup", selected), _update_vlangroups(selected)], {"ids": ids})


def rebuild_all() -> None:
    """Recompute every cached column from scratch (after bulk SQL imports or repairs)."""
    everything = "SELECT id FROM ipam_prefix"
    with connection.cursor() as cursor:
        cursor.execute(_update_depths(everything))
        cursor.execute(_update_prefixes(everything))
        cursor.execute(_update_ranges("SELECT id FROM ipam_iprange"))
        cursor.execute(_update_vlangroups("SELECT id FROM ipam_vlangroup"))
