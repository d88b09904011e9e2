"""Free space as queries: the occupied intervals inside a parent, read in address order.

Gaps between occupied addresses are found by PostgreSQL itself (a window over the
hosts in index order, stopped by LIMIT), so asking for the first 50 free addresses of
an IPv6 /48 holding 10,000 addresses reads those rows once and returns at most 51
gaps: nothing proportional to the size of the space is ever built. The integer
arithmetic on the result lives in ipam.netmath.
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

# Gaps before each occupied interval, in order: `prev` is the furthest end seen so far.
# CASE keeps inet arithmetic from running past the ends of the address space.
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

LAST_END = "SELECT MAX(e) FROM ({occupied}) occ"


def _ip_rows(vrf_condition: str) -> str:
    host = HOST.format(x="i.address")
    return f"""SELECT {host} AS s, {host} AS e FROM ipam_ipaddress i
        WHERE {vrf_condition} AND {host} >= %(lo)s::inet AND {host} <= %(hi)s::inet"""


POPULATED_RANGES = f"""SELECT {HOST.format(x="r.start_address")} AS s,
                              {HOST.format(x="r.end_address")} AS e
    FROM ipam_iprange r
    WHERE r.mark_populated AND COALESCE(r.vrf_id, 0) = %(vrf)s
      AND {HOST.format(x="r.start_address")} >= %(net_first)s::inet
      AND {HOST.format(x="r.end_address")} <= %(net_last)s::inet
      AND {HOST.format(x="r.end_address")} >= %(lo)s::inet
      AND {HOST.format(x="r.start_address")} <= %(hi)s::inet"""


def _gaps(occupied: str, params: dict[str, Any], limit: int | None) -> list[Interval]:
    """Free intervals of [lo, hi] around `occupied` (rows of s, e), ascending."""
    limit_sql = "LIMIT %(limit)s" if limit is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(GAPS.format(occupied=occupied, limit=limit_sql), {**params, "limit": limit})
        gaps = [_interval(first, last) for first, last in cursor.fetchall()]
        if limit is not None and len(gaps) >= limit:
            return gaps
        cursor.execute(LAST_END.format(occupied=occupied), params)
        last_end = cursor.fetchone()[0]
    hi = netmath.to_int(params["hi"])[0]
    if last_end is None:
        gaps.append((netmath.to_int(params["lo"])[0], hi))
    elif (end := netmath.to_int(last_end)[0]) < hi:
        gaps.append((end + 1, hi))
    return gaps


def _interval(first: str, last: str) -> Interval:
    return netmath.to_int(first)[0], netmath.to_int(last)[0]


def prefix_ip_gaps(prefix: Any, limit: int | None) -> list[Interval]:
    """Free addresses of a prefix's usable span, as intervals: not held by an IP address
    of its VRF (any VRF for a global container) nor by a populated range inside it."""
    network = require_network(prefix.prefix)
    family = network.version
    span = netmath.usable_span(int(network.network), network.prefixlen, family, prefix.is_pool)
    if span is None:
        return []
    first, last = netmath.network_span(int(network.network), network.prefixlen, family)
    global_container = prefix.vrf_id is None and prefix.status == PrefixStatusChoices.CONTAINER
    ips = _ip_rows("TRUE" if global_container else "COALESCE(i.vrf_id, 0) = %(vrf)s")
    params = {
        "lo": netmath.to_text(span[0], family),
        "hi": netmath.to_text(span[1], family),
        "net_first": netmath.to_text(first, family),
        "net_last": netmath.to_text(last, family),
        "vrf": prefix.vrf_id or 0,
    }
    return _gaps(f"{ips} UNION ALL {POPULATED_RANGES}", params, limit)


def range_ip_gaps(ip_range: Any, limit: int | None) -> list[Interval]:
    """Free addresses of an IP range: not held by an IP address of its VRF."""
    if ip_range.mark_populated:
        return []
    params = {
        "lo": str(require_network(ip_range.start_address).ip),
        "hi": str(require_network(ip_range.end_address).ip),
        "vrf": ip_range.vrf_id or 0,
    }
    return _gaps(_ip_rows("COALESCE(i.vrf_id, 0) = %(vrf)s"), params, limit)


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
    return _gaps(children, params, None)


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
