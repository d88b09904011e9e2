"""Free space computed in SQL (ipam.querysets) and picked by ipam.services.allocation."""

from __future__ import annotations

import netaddr
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipam import netmath
from ipam.models import ASN, RIR, VLAN, VRF, ASNRange, IPAddress, IPRange, Prefix, VLANGroup
from ipam.models.vlans import NumericRange
from ipam.services import allocation

pytestmark = pytest.mark.django_db


def texts(values: list[int], family: int = 4) -> list[str]:
    return [netmath.to_text(value, family) for value in values]


def ips(*specs: str, vrf: VRF | None = None) -> None:
    IPAddress.objects.bulk_create([IPAddress(address=spec, vrf=vrf) for spec in specs])


def test_free_ips_skip_used_hosts_network_and_broadcast() -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/29")
    ips("10.0.0.0/29", "10.0.0.1/29", "10.0.0.3/32", "10.0.0.4/24")
    assert texts(allocation.free_ips(prefix, 10)) == ["10.0.0.2", "10.0.0.5", "10.0.0.6"]
    assert texts(allocation.free_ips(prefix, 2)) == ["10.0.0.2", "10.0.0.5"]


def test_free_ips_of_pools_and_point_to_point() -> None:
    pool = Prefix.objects.create(prefix="10.0.0.0/30", is_pool=True)
    p2p = Prefix.objects.create(prefix="10.0.1.0/31")
    assert texts(allocation.free_ips(pool, 10)) == ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"]
    assert texts(allocation.free_ips(p2p, 10)) == ["10.0.1.0", "10.0.1.1"]


def test_free_ips_skip_populated_ranges_and_other_vrfs() -> None:
    red = VRF.objects.create(name="red")
    prefix = Prefix.objects.create(prefix="10.0.0.0/28")
    IPRange.objects.create(
        start_address="10.0.0.2/28", end_address="10.0.0.5/28", mark_populated=True, size=4
    )
    ips("10.0.0.1/28", vrf=red)
    assert texts(allocation.free_ips(prefix, 3)) == ["10.0.0.1", "10.0.0.6", "10.0.0.7"]


def test_populated_ranges_swallowing_many_gaps() -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/24")
    IPRange.objects.create(
        start_address="10.0.0.1/24", end_address="10.0.0.120/24", mark_populated=True, size=120
    )
    ips(*(f"10.0.0.{n}/24" for n in range(2, 120, 2)))  # older addresses inside the range
    assert texts(allocation.free_ips(prefix, 3)) == ["10.0.0.121", "10.0.0.122", "10.0.0.123"]


def test_a_global_container_counts_addresses_of_every_vrf() -> None:
    red = VRF.objects.create(name="red")
    container = Prefix.objects.create(prefix="10.0.0.0/29", status="container")
    ips("10.0.0.1/29", vrf=red)
    assert texts(allocation.free_ips(container, 2)) == ["10.0.0.2", "10.0.0.3"]


def test_ipv6_skips_the_subnet_router_anycast_address() -> None:
    prefix = Prefix.objects.create(prefix="2001:db8::/64")
    ips("2001:db8::1/64")
    assert texts(allocation.free_ips(prefix, 2), 6) == ["2001:db8::2", "2001:db8::3"]


def test_ipv6_48_with_10000_addresses() -> None:
    prefix = Prefix.objects.create(prefix="2001:db8:1::/48")
    base = int(netaddr.IPAddress("2001:db8:1::"))
    taken = [base + n for n in range(1, 10_001)] + [base + 10_003]
    IPAddress.objects.bulk_create(
        [IPAddress(address=f"{netaddr.IPAddress(value, 6)}/64") for value in taken]
    )
    with CaptureQueriesContext(connection) as queries:
        free = allocation.free_ips(prefix, 50)
    # Populated ranges, the gaps, and the highest address (for the gap after it).
    assert len(queries.captured_queries) == 3
    assert texts(free[:3], 6) == ["2001:db8:1::2711", "2001:db8:1::2712", "2001:db8:1::2714"]
    assert len(free) == 50


def test_free_ips_of_a_range() -> None:
    ip_range = IPRange.objects.create(
        start_address="192.0.2.10/24", end_address="192.0.2.14/24", size=5
    )
    ips("192.0.2.10/24", "192.0.2.12/32", "192.0.2.20/24")
    assert texts(allocation.free_ips(ip_range, 10)) == ["192.0.2.11", "192.0.2.13", "192.0.2.14"]
    ip_range.mark_populated = True
    assert allocation.free_ips(ip_range, 10) == []


def test_free_ips_at_the_top_of_the_address_space() -> None:
    prefix = Prefix.objects.create(prefix="255.255.255.252/30", is_pool=True)
    ips("255.255.255.255/30")
    assert texts(allocation.free_ips(prefix, 5)) == [
        "255.255.255.252",
        "255.255.255.253",
        "255.255.255.254",
    ]
    ips("255.255.255.252/30")
    assert texts(allocation.free_ips(prefix, 5)) == ["255.255.255.253", "255.255.255.254"]


def test_free_prefixes_and_first_fit() -> None:
    parent = Prefix.objects.create(prefix="10.0.0.0/22")
    Prefix.objects.create(prefix="10.0.1.0/24")
    Prefix.objects.create(prefix="10.0.0.0/26")
    Prefix.objects.create(prefix="10.0.3.0/25", vrf=VRF.objects.create(name="elsewhere"))
    assert [str(p) for p in allocation.free_prefixes(parent)] == [
        "10.0.0.64/26",
        "10.0.0.128/25",
        "10.0.2.0/23",
    ]
    picked = allocation.pick_prefixes(parent, [25, 24, 26, 24])
    assert [str(p) for p in picked or []] == [
        "10.0.0.128/25",
        "10.0.2.0/24",
        "10.0.0.64/26",
        "10.0.3.0/24",
    ]
    assert allocation.pick_prefixes(parent, [23, 23]) is None


def test_free_vids_and_asns() -> None:
    group = VLANGroup.objects.create(
        name="g", slug="g", vid_ranges=[NumericRange(100, 104), NumericRange(10, 13)]
    )
    VLAN.objects.bulk_create([VLAN(group=group, vid=v, name=f"v{v}") for v in (10, 12, 100)])
    assert allocation.free_vids(group, 4) == [11, 101, 102, 103]
    rir = RIR.objects.create(name="r", slug="r")
    asn_range = ASNRange.objects.create(name="a", slug="a", rir=rir, start=65000, end=65003)
    ASN.objects.create(asn=65001, rir=rir)
    assert allocation.free_asns(asn_range, 5) == [65000, 65002, 65003]
