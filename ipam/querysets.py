"""Free space as queries: what is occupied inside a parent, read in address order.

Gaps between occupied addresses are found by PostgreSQL itself (a window over the
hosts in index order, stopped by LIMIT), so asking for the first 50 free addresses of
an IPv6 /48 holding 10,000 addresses reads at most those rows and returns at most 51
gaps: nothing proportional to the size of the space is ever built. The few populated
IP ranges of a prefix are cut out of those gaps in Python (ipam.netmath), which keeps
the window on one table and one index.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection

from ipam import netmath
from ipam.choices import PrefixStatusChoices
from ipam.fields import require_network
from ipam.netmath import Interval

HOST = "CAST(HOST({x}) AS INET)"

# Gaps before each occupied interval (rows of s, e), in order: `prev` is the furthest end
# seen so far. CASE keeps inet arithmetic from running past the ends of the space.
GAPS = """
    SELECT CASE WHEN prev IS NULL THEN %(lo)s::inet ELSE prev + 1 END AS first, s - 1 AS last
    FROM (SELECT s, MAX(e) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                 AS prev
          FROM ({occupied}) occ) walk
    WHERE CASE WHEN prev IS NULL THEN s > %(lo)s::inet
               WHEN s <= prev THEN FALSE
               ELSE s - 1 > prev END
    ORDER BY s
    {limit}"""

IP_HOST = HOST.format(x="i.address")


def _ip_rows(vrf_condition: str) -> str:
    return f"""SELECT {IP_HOST} AS s, {IP_HOST} AS e FROM ipam_ipaddress i
        WHERE {vrf_condition} AND {IP_HOST} >= %(lo)s::inet AND {IP_HOST} <= %(hi)s::inet"""


def _last_ip(vrf_condition: str) -> str:
    # The highest address in the span: one step of a backward index scan.
    return f"{_ip_rows(vrf_condition)} ORDER BY {IP_HOST} DESC LIMIT 1"


def _interval(first: str, last: str) -> Interval:
    return netmath.to_int(first)[0], netmath.to_int(last)[0]


def _gaps(
    occupied: str, last_end_sql: str, params: dict[str, Any], limit: int | None
) -> tuple[list[Interval], bool]:
    """Free intervals of [lo, hi] around `occupied`, ascending, and whether that is all
    of them (False when `limit` cut the list)."""
    limit_sql = "LIMIT %(limit)s" if limit is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(GAPS.format(occupied=occupied, limit=limit_sql), {**params, "limit": limit})
        gaps = [_interval(first, last) for first, last in cursor.fetchall()]
        if limit is not None and len(gaps) >= limit:
            return gaps, False
        cursor.execute(last_end_sql, params)
        row = cursor.fetchone()
    last_end = row[-1] if row else None
    hi = netmath.to_int(params["hi"])[0]
    if last_end is None:
        gaps.append((netmath.to_int(params["lo"])[0], hi))
    elif (end := netmath.to_int(last_end)[0]) < hi:
        gaps.append((end + 1, hi))
    return gaps, True


def _ip_gaps(
    vrf_condition: str, params: dict[str, Any], limit: int | None
) -> tuple[list[Interval], bool]:
    return _gaps(_ip_rows(vrf_condition), _last_ip(vrf_condition), params, limit)


def prefix_ip_gaps(prefix: Any, count: int) -> list[Interval]:
    """Free addresses of a prefix's usable span, as intervals holding at least `count`
    addresses when there are that many: not held by an IP address of its VRF (any VRF
    for a global container) nor by a populated range inside it."""
    network = require_network(prefix.prefix)
    family = network.version
    span = netmath.usable_span(int(network.network), network.prefixlen, family, prefix.is_pool)
    if span is None:
        return []
    global_container = prefix.vrf_id is None and prefix.status == PrefixStatusChoices.CONTAINER
    condition = "TRUE" if global_container else "COALESCE(i.vrf_id, 0) = %(vrf)s"
    params = {
        "lo": netmath.to_text(span[0], family),
        "hi": netmath.to_text(span[1], family),
        "vrf": prefix.vrf_id or 0,
    }
    populated = populated_ranges(prefix, network)
    fetch = count + len(populated)
    while True:
        gaps, complete = _ip_gaps(condition, params, fetch)
        free = [part for gap in gaps for part in netmath.free_intervals(gap, populated)]
        if complete or sum(end - start + 1 for start, end in free) >= count:
            return free
        fetch *= 4  # the ranges swallowed more gaps than expected: read further


def populated_ranges(prefix: Any, network: Any) -> list[Interval]:
    """Populated IP ranges inside a prefix (its VRF), as sorted intervals."""
    first, last = netmath.network_span(int(network.network), network.prefixlen, network.version)
    start, end = HOST.format(x="r.start_address"), HOST.format(x="r.end_address")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT {start}, {end} FROM ipam_iprange r
                WHERE r.mark_populated AND COALESCE(r.vrf_id, 0) = %s
                  AND {start} >= %s::inet AND {end} <= %s::inet
                ORDER BY {start}""",
            [
                prefix.vrf_id or 0,
                netmath.to_text(first, network.version),
                netmath.to_text(last, network.version),
            ],
        )
        return [_interval(s, e) for s, e in cursor.fetchall()]


def range_ip_gaps(ip_range: Any, count: int) -> list[Interval]:
    """Free addresses of an IP range: not held by an IP address of its VRF."""
    if ip_range.mark_populated:
        return []
    params = {
        "lo": str(require_network(ip_range.start_address).ip),
        "hi": str(require_network(ip_range.end_address).ip),
        "vrf": ip_range.vrf_id or 0,
    }
    return _ip_gaps("COALESCE(i.vrf_id, 0) = %(vrf)s", params, count)[0]


def child_prefix_gaps(prefix: Any) -> list[Interval]:
    """A prefix's space not covered by prefixes inside it (its VRF, or any VRF for a
    global container), as intervals."""
    network = require_network(prefix.prefix)
    family = network.version
    first, last = netmath.network_span(int(network.network), network.prefixlen, family)
    global_container = prefix.vrf_id is None and prefix.status == PrefixStatusChoices.CONTAINER
    vrf_condition = "TRUE" if global_container else "COALESCE(c.vrf_id, 0) = %(vrf)s"
    children = f"""SELECT {HOST.format(x="c.prefix")} AS s,
                          CAST(HOST(BROADCAST(c.prefix)) AS INET) AS e
        FROM ipam_prefix c WHERE {vrf_condition} AND c.prefix << %(net)s::cidr"""
    params = {
        "lo": netmath.to_text(first, family),
        "hi": netmath.to_text(last, family),
        "vrf": prefix.vrf_id or 0,
        "net": str(network.cidr),
    }
    # Children nest: the furthest end is not the end of the last start.
    return _gaps(children, f"SELECT MAX(e) FROM ({children}) occ", params, None)[0]


def used_numbers(sql: str, params: list[Any]) -> Iterator[int]:
    """Sorted integers from a one-column query (VLAN IDs, AS numbers)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for (value,) in cursor.fetchall():
            yield int(value)


def used_vids(group_id: int) -> list[int]:
    return list(
        used_numbers(
            "SELECT DISTINCT vid FROM ipam_vlan WHERE group_id = %s ORDER BY vid", [group_id]
        )
    )


def used_asns(first: int, last: int) -> list[int]:
    return list(
        used_numbers(
            "SELECT asn FROM ipam_asn WHERE asn BETWEEN %s AND %s ORDER BY asn", [first, last]
        )
    )
