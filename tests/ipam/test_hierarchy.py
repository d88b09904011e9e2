"""Cached hierarchy and utilization (ipam.services.hierarchy), written through the ORM
and refreshed the way the API does it; values read back from the database."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipam.models import VLAN, VRF, IPAddress, IPRange, Prefix, VLANGroup
from ipam.models.vlans import NumericRange
from ipam.services import hierarchy, positions

pytestmark = pytest.mark.django_db


def add_prefixes(*specs: str, vrf: VRF | None = None, **fields: Any) -> list[Prefix]:
    created = Prefix.objects.bulk_create([Prefix(prefix=spec, vrf=vrf, **fields) for spec in specs])
    hierarchy.refresh_after_prefix_write(
        [], [positions.of_instance(p) for p in created], [p.pk for p in created]
    )
    return created


def add_ips(*specs: str, vrf: VRF | None = None, **fields: Any) -> list[IPAddress]:
    created = IPAddress.objects.bulk_create(
        [IPAddress(address=spec, vrf=vrf, **fields) for spec in specs]
    )
    hierarchy.refresh_after_ip_write([positions.of_instance(ip) for ip in created])
    return created


def add_range(start: str, end: str, vrf: VRF | None = None, **fields: Any) -> IPRange:
    ip_range = IPRange(start_address=start, end_address=end, vrf=vrf, **fields)
    ip_range.full_clean()
    ip_range.save()
    hierarchy.refresh_after_range_write([ip_range.pk], [positions.of_instance(ip_range)])
    return ip_range


def state(prefix: str, vrf: VRF | None = None) -> tuple[int, int, Decimal]:
    p = Prefix.objects.get(prefix=prefix, vrf=vrf)
    return p._depth, p._children, p._utilization


def test_depth_and_children_of_a_new_hierarchy() -> None:
    add_prefixes("10.0.0.0/8", status="container")
    add_prefixes("10.1.0.0/16", "10.2.0.0/16", status="container")
    add_prefixes("10.1.1.0/24", "10.1.2.0/24")
    assert state("10.0.0.0/8")[:2] == (0, 4)
    assert state("10.1.0.0/16")[:2] == (1, 2)
    assert state("10.2.0.0/16")[:2] == (1, 0)
    assert state("10.1.1.0/24")[:2] == (2, 0)


def test_inserting_a_prefix_in_the_middle_deepens_its_descendants() -> None:
    add_prefixes("10.0.0.0/8", "10.1.1.0/24", "10.1.2.0/24")
    assert state("10.1.1.0/24")[:2] == (1, 0)
    add_prefixes("10.1.0.0/16")
    assert state("10.1.1.0/24")[:2] == (2, 0)
    assert state("10.1.0.0/16")[:2] == (1, 2)
    assert state("10.0.0.0/8")[:2] == (0, 3)


def test_deleting_and_moving_prefixes() -> None:
    _, middle, _ = add_prefixes("10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24")
    old = positions.of_instance(middle)
    middle.delete()
    hierarchy.refresh_after_prefix_write([old], [], [])
    assert state("10.1.1.0/24")[:2] == (1, 0)
    assert state("10.0.0.0/8")[:2] == (0, 1)

    leaf = Prefix.objects.get(prefix="10.1.1.0/24")
    old = positions.of_instance(leaf)
    leaf.prefix = "192.168.0.0/24"
    leaf.save()
    hierarchy.refresh_after_prefix_write([old], [positions.of_instance(leaf)], [leaf.pk])
    assert state("10.0.0.0/8")[:2] == (0, 0)
    assert state("192.168.0.0/24")[:2] == (0, 0)


def test_duplicates_count_once_for_depth_and_each_for_children() -> None:
    add_prefixes("10.0.0.0/8", "10.0.0.0/8", "10.1.0.0/16")
    assert Prefix.objects.filter(prefix="10.0.0.0/8").values_list("_children", flat=True)[0] == 1
    assert state("10.1.0.0/16")[0] == 1
    add_prefixes("10.1.2.0/24", "10.1.2.0/24")
    assert state("10.1.0.0/16")[1] == 2


def test_depth_follows_distinct_parent_values() -> None:
    first, _ = add_prefixes("10.0.0.0/8", "10.1.0.0/16")
    (second,) = add_prefixes("10.0.0.0/8")  # a duplicate parent value: no deeper
    assert state("10.1.0.0/16")[0] == 1
    for duplicate, depth in ((first, 1), (second, 0)):
        old = positions.of_instance(duplicate)
        duplicate.delete()
        hierarchy.refresh_after_prefix_write([old], [], [])
        assert state("10.1.0.0/16")[0] == depth


def test_a_bulk_write_holding_its_own_parents() -> None:
    add_prefixes("10.0.0.0/8", status="container")
    add_prefixes("10.1.0.0/16", "10.1.1.0/24", "10.1.1.0/25", status="container")
    assert state("10.0.0.0/8")[:2] == (0, 3)
    assert state("10.1.1.0/25")[:2] == (3, 0)
    assert state("10.1.0.0/16") == (1, 2, Decimal("0.39"))


def test_hierarchy_stays_inside_a_vrf() -> None:
    red = VRF.objects.create(name="red")
    add_prefixes("10.0.0.0/8", status="container")
    add_prefixes("10.1.0.0/16", vrf=red)
    assert state("10.0.0.0/8")[:2] == (0, 0)
    assert state("10.1.0.0/16", red)[:2] == (0, 0)


def test_container_utilization_is_the_share_covered_by_children() -> None:
    add_prefixes("10.0.0.0/16", status="container")
    add_prefixes("10.0.0.0/18", "10.0.64.0/18", "10.0.0.0/24")  # the /24 is inside a /18
    assert state("10.0.0.0/16")[2] == Decimal("50.00")
    add_prefixes("10.0.128.0/17", status="container")
    assert state("10.0.0.0/16")[2] == Decimal("100.00")
    assert state("10.0.128.0/17")[2] == Decimal("0.00")


def test_ip_utilization_of_a_prefix_and_its_ranges() -> None:
    add_prefixes("10.0.0.0/24")
    add_ips("10.0.0.1/24", "10.0.0.2/24", "10.0.0.2/32")  # one host twice
    assert state("10.0.0.0/24")[2] == Decimal("0.79")  # 2 / 254
    add_range("10.0.0.10/24", "10.0.0.19/24", mark_utilized=True)
    add_ips("10.0.0.12/24")  # inside the utilized range: counted once
    assert state("10.0.0.0/24")[2] == Decimal("4.72")  # 12 / 254
    ip_range = IPRange.objects.get()
    assert ip_range._utilization == Decimal("100.00")


def test_pool_and_small_prefixes_count_every_address() -> None:
    add_prefixes("10.0.0.0/30", is_pool=True)
    add_prefixes("10.0.1.0/31")
    add_ips("10.0.0.1/30", "10.0.1.0/31")
    assert state("10.0.0.0/30")[2] == Decimal("25.00")
    assert state("10.0.1.0/31")[2] == Decimal("50.00")


def test_ip_changes_refresh_every_containing_prefix_and_range() -> None:
    add_prefixes("10.0.0.0/16", "10.0.0.0/24")
    add_range("10.0.0.1/24", "10.0.0.4/24")
    (ip,) = add_ips("10.0.0.1/24")
    assert state("10.0.0.0/24")[2] == Decimal("0.39")
    assert IPRange.objects.get()._utilization == Decimal("25.00")
    old = positions.of_instance(ip)
    ip.address = "10.0.5.5/16"
    ip.save()
    hierarchy.refresh_after_ip_write([old, positions.of_instance(ip)])
    assert state("10.0.0.0/24")[2] == Decimal("0.00")
    assert IPRange.objects.get()._utilization == Decimal("0.00")
    assert state("10.0.0.0/16")[2] == Decimal("0.00")  # 1 / 65534 rounds to 0.00


def test_mark_utilized_and_populated() -> None:
    add_prefixes("10.0.0.0/24", mark_utilized=True)
    assert state("10.0.0.0/24")[2] == Decimal("100.00")
    populated = add_range("10.9.0.1/24", "10.9.0.100/24", mark_populated=True)
    assert IPRange.objects.get(pk=populated.pk)._utilization == Decimal("100.00")


def test_ipv6_utilization_has_no_reserved_addresses() -> None:
    add_prefixes("2001:db8::/126")
    add_ips("2001:db8::1/126")
    assert state("2001:db8::/126")[2] == Decimal("25.00")


def test_vlan_group_utilization() -> None:
    group = VLANGroup.objects.create(
        name="g", slug="g", vid_ranges=[NumericRange(1, 5), NumericRange(100, 104)]
    )
    VLAN.objects.bulk_create([VLAN(group=group, vid=vid, name=f"v{vid}") for vid in (1, 2, 100)])
    hierarchy.refresh_vlan_groups([group.pk])
    group.refresh_from_db()
    assert group._utilization == Decimal("37.50")  # 3 of 8


def test_refresh_cost_does_not_grow_with_the_batch() -> None:
    add_prefixes("10.0.0.0/8", status="container")
    add_prefixes(*(f"10.0.{n}.0/24" for n in range(3)))
    small = IPAddress.objects.bulk_create([IPAddress(address="10.0.0.1/24")])
    with CaptureQueriesContext(connection) as one:
        hierarchy.refresh_after_ip_write([positions.of_instance(ip) for ip in small])
    batch = IPAddress.objects.bulk_create(
        [IPAddress(address=f"10.0.{n % 3}.{n // 3 + 2}/24") for n in range(500)]
    )
    with CaptureQueriesContext(connection) as many:
        hierarchy.refresh_after_ip_write([positions.of_instance(ip) for ip in batch])
    assert len(many.captured_queries) == len(one.captured_queries) == 2
    assert state("10.0.1.0/24")[2] == Decimal("65.75")  # 167 / 254


def test_rebuild_all_matches_incremental_refreshes() -> None:
    add_prefixes("10.0.0.0/16", status="container")
    add_prefixes("10.0.0.0/24", "10.0.1.0/24")
    add_ips("10.0.0.1/24", "10.0.1.1/24")
    before = list(Prefix.objects.values_list("prefix", "_depth", "_children", "_utilization"))
    Prefix.objects.update(_depth=9, _children=9, _utilization=9)
    hierarchy.rebuild_all()
    after = list(Prefix.objects.values_list("prefix", "_depth", "_children", "_utilization"))
    assert after == before


def test_rebuild_command() -> None:
    add_prefixes("10.0.0.0/16", "10.0.0.0/24")
    Prefix.objects.update(_depth=5, _children=5)
    call_command("rebuild_ipam_hierarchy", stdout=StringIO())
    assert state("10.0.0.0/16")[:2] == (0, 1)
    assert state("10.0.0.0/24")[:2] == (1, 0)
