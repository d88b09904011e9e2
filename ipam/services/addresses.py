"""Rules for IP addresses that need other rows, checked for a whole batch at once.

Uniqueness follows NetBox: in the global table when ENFORCE_GLOBAL_UNIQUE, and in a
VRF with enforce_unique, an address (its host, whatever the mask) may exist once,
unless both it and its duplicate have one of the roles that may share an address
(anycast, VIP, VRRP, HSRP, GLBP, CARP). And no address may sit inside an IP range
marked populated. One query per rule for the whole batch; run under the advisory
locks of ipam.services.locking so that concurrent writers see each other.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import netaddr
from django.conf import settings
from django.db import connection

from ipam.choices import NON_UNIQUE_IP_ROLES


def vrf_label(vrf: Any) -> str:
    return f"VRF {vrf}" if vrf is not None else "global table"


def enforces_unique(vrf: Any) -> bool:
    return bool(settings.ENFORCE_GLOBAL_UNIQUE if vrf is None else vrf.enforce_unique)


def conflicts(role_a: str | None, role_b: str | None) -> bool:
    return not (role_a in NON_UNIQUE_IP_ROLES and role_b in NON_UNIQUE_IP_ROLES)


def address_errors(ips: list[Any]) -> list[dict[str, list[str]]]:
    """Per IP (unsaved or changed instances): {} or {"address": [message]}."""
    errors: list[dict[str, list[str]]] = [{} for _ in ips]
    for index, message in {**_populated_ranges(ips), **_duplicates(ips)}.items():
        errors[index] = {"address": [message]}
    return errors


def _duplicates(ips: list[Any]) -> dict[int, str]:
    from ipam.models import VRF

    vrfs = VRF.objects.in_bulk({ip.vrf_id for ip in ips if ip.vrf_id})
    checked = [
        (index, ip)
        for index, ip in enumerate(ips)
        if ip.address and enforces_unique(vrfs.get(ip.vrf_id))
    ]
    if not checked:
        return {}
    stored = _stored_duplicates(checked, {ip.pk for ip in ips if ip.pk})
    found: dict[int, str] = {}
    seen: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    for index, ip in checked:
        key = (ip.vrf_id or 0, int(ip.address.ip))
        earlier = [*stored.get(key, []), *seen[key]]
        clash = next((other for other in earlier if conflicts(ip.role, other[1])), None)
        if clash is not None:
            table = vrf_label(vrfs.get(ip.vrf_id))
            found[index] = f"Duplicate IP address found in {table}: {clash[0]}"
        seen[key].append((str(ip.address), ip.role))
    return found


def _stored_duplicates(
    checked: list[tuple[int, Any]], excluded: set[int]
) -> dict[tuple[int, int], list[tuple[str, str]]]:
    """Stored addresses sharing a host with the checked ones, except rows being rewritten."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT pos.vrf, pos.host, i.address, i.role
               FROM (SELECT DISTINCT * FROM UNNEST(%s::bigint[], %s::inet[]) AS t(vrf, host)) pos
               JOIN ipam_ipaddress i ON COALESCE(i.vrf_id, 0) = pos.vrf
                AND CAST(HOST(i.address) AS INET) = pos.host
               WHERE NOT i.id = ANY(%s::bigint[])
               ORDER BY i.address, i.id""",
            [
                [ip.vrf_id or 0 for _, ip in checked],
                [str(ip.address.ip) for _, ip in checked],
                sorted(excluded),
            ],
        )
        stored: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
        for vrf, host, address, role in cursor.fetchall():
            stored[(vrf, int(netaddr.IPAddress(host.split("/")[0])))].append((address, role))
    return stored


def _populated_ranges(ips: list[Any]) -> dict[int, str]:
    from ipam.models import IPRange

    # Only new addresses: an existing one inside a range marked later stays editable.
    positioned = [(index, ip) for index, ip in enumerate(ips) if ip.address and ip.pk is None]
    if not positioned:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT pos.idx - 1, r.id
               FROM UNNEST(%s::bigint[], %s::inet[]) WITH ORDINALITY AS pos(vrf, host, idx)
               JOIN ipam_iprange r ON r.mark_populated AND COALESCE(r.vrf_id, 0) = pos.vrf
                AND pos.host BETWEEN CAST(HOST(r.start_address) AS INET)
                                 AND CAST(HOST(r.end_address) AS INET)""",
            [
                [ip.vrf_id or 0 for _, ip in positioned],
                [str(ip.address.ip) for _, ip in positioned],
            ],
        )
        hits = {positioned[index][0]: range_id for index, range_id in cursor.fetchall()}
    ranges = IPRange.objects.in_bulk(set(hits.values()))
    return {
        index: f"Cannot create IP address {ips[index].address} inside range {ranges[range_id]}."
        for index, range_id in hits.items()
    }
