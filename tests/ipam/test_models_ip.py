"""Model behaviour of prefixes, ranges and addresses (outside the API)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from netaddr import IPNetwork

from dcim.models import Location, Region, Site
from ipam.models import IPAddress, IPRange, Prefix
from ipam.models.ip import range_size, scope_ancestry


def test_saving_a_prefix_caches_its_scope_ancestry(location: Location) -> None:
    site = location.site
    prefix = Prefix.objects.create(prefix="10.0.0.0/8", scope=location)
    assert (prefix._region_id, prefix._site_group_id, prefix._site_id, prefix._location_id) == (
        site.region_id,
        site.group_id,
        site.pk,
        location.pk,
    )
    prefix.scope = None
    prefix.save()
    prefix.refresh_from_db()
    assert (prefix._region_id, prefix._site_id, prefix._location_id) == (None, None, None)


def test_scope_ancestry_of_each_type(location: Location) -> None:
    site = location.site
    assert scope_ancestry(site.region) == (site.region_id, None, None, None)
    assert scope_ancestry(site.group) == (None, site.group_id, None, None)
    assert scope_ancestry(site) == (site.region_id, site.group_id, site.pk, None)
    bare = Site.objects.create(name="Bare", slug="bare")
    assert scope_ancestry(bare) == (None, None, bare.pk, None)
    assert scope_ancestry(None) == (None, None, None, None)


def test_range_size_is_kept_on_save(db: None) -> None:
    ip_range = IPRange.objects.create(start_address="10.0.0.1/24", end_address="10.0.0.254/24")
    assert ip_range.size == 254
    ip_range.end_address = "10.0.0.10/24"
    ip_range.save()
    ip_range.refresh_from_db()
    assert ip_range.size == 10


def test_range_size_helper() -> None:
    assert range_size("2001:db8::/64", "2001:db8::ffff/64") == 65536
    assert range_size(None, "10.0.0.1/24") == 0


def test_range_name_is_compact() -> None:
    def name(start: str, end: str) -> str:
        return IPRange(start_address=IPNetwork(start), end_address=IPNetwork(end)).name

    assert name("10.0.0.1/24", "10.0.0.9/24") == "10.0.0.1-9/24"
    assert name("10.0.0.250/23", "10.0.1.5/23") == "10.0.0.250-1.5/23"
    assert name("10.0.0.1/8", "11.0.0.1/8") == "10.0.0.1-11.0.0.1/8"
    assert name("2001:db8::1/64", "2001:db8::ff/64") == "2001:db8::1-ff/64"


def test_address_dns_name_is_lowercased_on_save(db: None) -> None:
    address = IPAddress.objects.create(address="10.0.0.1/24", dns_name="Host.Example.NET")
    address.refresh_from_db()
    assert address.dns_name == "host.example.net"


def test_address_uniqueness_in_full_clean(db: None) -> None:
    IPAddress.objects.create(address="10.0.0.1/24", role="vrrp")
    shared = IPAddress(address="10.0.0.1/25", role="hsrp")
    shared.full_clean()
    alone = IPAddress(address="10.0.0.1/32")
    with pytest.raises(ValidationError) as error:
        alone.full_clean()
    assert error.value.message_dict == {
        "address": ["Duplicate IP address found in global table: 10.0.0.1/24"]
    }


def test_prefix_clean_clears_nothing_but_host_bits(db: None) -> None:
    prefix = Prefix(prefix="192.0.2.77/24")
    prefix.full_clean()
    assert str(prefix.prefix) == "192.0.2.0/24"


def test_moving_a_site_or_location_refreshes_the_cached_ancestry(location: Location) -> None:
    site = location.site
    at_site = Prefix.objects.create(prefix="10.1.0.0/16", scope=site)
    at_location = Prefix.objects.create(prefix="10.2.0.0/16", scope=location)
    elsewhere = Site.objects.create(name="DC2", slug="dc2")
    region = Region.objects.create(name="France", slug="france")

    site.region = region
    site.group = None
    site.save()
    for prefix in (at_site, at_location):
        prefix.refresh_from_db()
        assert (prefix._region_id, prefix._site_group_id) == (region.pk, None)

    location.site = elsewhere
    location.save()
    at_location.refresh_from_db()
    assert (at_location._site_id, at_location._region_id) == (elsewhere.pk, None)
    at_site.refresh_from_db()
    assert at_site._site_id == site.pk


def test_deleting_an_ancestor_region_or_group_keeps_the_prefixes(location: Location) -> None:
    site = location.site
    prefix = Prefix.objects.create(prefix="10.1.0.0/16", scope=site)
    site.region.delete()
    site.group.delete()
    prefix.refresh_from_db()
    assert (prefix._region_id, prefix._site_group_id, prefix._site_id) == (None, None, site.pk)
