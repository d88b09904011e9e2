"""Devices: primary IPs, deletion that keeps IPs, placement rules, display."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from netaddr import IPNetwork

from dcim.models import (
    Device,
    Interface,
    Location,
    Manufacturer,
    Platform,
    Site,
    VirtualChassis,
)
from dcim.services import assign_chassis_master, delete_devices
from ipam.models import IPAddress
from ipamcore.models import ObjectChange


def ip(address: str, interface: Any = None, **fields: Any) -> IPAddress:
    return IPAddress.objects.create(address=IPNetwork(address), assigned_object=interface, **fields)


def test_primary_ip_must_be_assigned_to_the_device(make_device: Any, make_interface: Any) -> None:
    r1, r2 = make_device("r1"), make_device("r2")
    mine = ip("192.0.2.1/24", make_interface(r1, "eth0"))
    theirs = ip("192.0.2.2/24", make_interface(r2, "eth0"))
    loose = ip("192.0.2.3/24")
    r1.primary_ip4 = mine
    r1.full_clean()
    r1.save()
    for other in (theirs, loose):
        r1.primary_ip4 = other
        with pytest.raises(ValidationError) as error:
            r1.full_clean()
        assert error.value.message_dict == {
            "primary_ip4": [
                f"The specified IP address ({other.address}) is not assigned to this device."
            ]
        }


def test_primary_ip_family_must_match_the_field(make_device: Any, make_interface: Any) -> None:
    r1 = make_device("r1")
    v6 = ip("2001:db8::1/64", make_interface(r1, "eth0"))
    r1.primary_ip4 = v6
    with pytest.raises(ValidationError) as error:
        r1.full_clean()
    assert error.value.message_dict == {"primary_ip4": ["2001:db8::1/64 is not an IPv4 address."]}
    r1.primary_ip4, r1.primary_ip6 = None, v6
    r1.full_clean()


def test_primary_ip_may_be_the_nat_outside_of_an_assigned_ip(
    make_device: Any, make_interface: Any
) -> None:
    r1 = make_device("r1")
    inside = ip("10.0.0.1/24", make_interface(r1, "eth0"))
    outside = ip("198.51.100.1/32", nat_inside=inside)
    r1.primary_ip4 = outside
    r1.full_clean()


def test_primary_ip_may_sit_on_another_chassis_member(
    make_device: Any, make_interface: Any
) -> None:
    chassis = VirtualChassis.objects.create(name="stack")
    r1 = make_device("r1", virtual_chassis=chassis, vc_position=1)
    r2 = make_device("r2", virtual_chassis=chassis, vc_position=2)
    r1.primary_ip4 = ip("192.0.2.9/24", make_interface(r2, "vme0"))
    r1.full_clean()


def test_oob_ip_must_be_assigned_to_the_device(make_device: Any) -> None:
    r1 = make_device("r1")
    r1.oob_ip = ip("192.0.2.50/24")
    with pytest.raises(ValidationError) as error:
        r1.full_clean()
    assert list(error.value.message_dict) == ["oob_ip"]


def test_deleting_a_device_unassigns_its_ips_and_clears_primary_references(
    make_device: Any, make_interface: Any
) -> None:
    chassis = VirtualChassis.objects.create(name="stack")
    r1 = make_device("r1", virtual_chassis=chassis, vc_position=1)
    r2 = make_device("r2", virtual_chassis=chassis, vc_position=2)
    eth0 = make_interface(r1, "eth0")
    own = ip("192.0.2.1/24", eth0)
    shared = ip("192.0.2.2/24", make_interface(r1, "vme0"))
    r1.primary_ip4 = own
    r1.save()
    r2.primary_ip4 = shared  # r2's management address lives on r1's interface
    r2.save()
    interface_ids = list(r1.interfaces.values_list("pk", flat=True))
    r1_id = r1.pk

    delete_devices([r1], message="decommission")

    assert not Device.objects.filter(name="r1").exists()
    assert not Interface.objects.filter(pk__in=interface_ids).exists()
    for address in (own, shared):
        address.refresh_from_db()
        assert (address.assigned_object_type_id, address.assigned_object_id) == (None, None)
    r2.refresh_from_db()
    assert r2.primary_ip4 is None
    changes = ObjectChange.objects.filter(message="decommission")
    assert changes.filter(action="update", changed_object_id=own.pk).exists()
    assert changes.filter(action="update", changed_object_id=r2.pk).exists()
    assert changes.filter(action="delete", changed_object_id=eth0.pk).exists()
    assert changes.filter(action="delete", changed_object_id=r1_id).exists()


def test_deleting_a_site_with_devices_is_refused(make_device: Any, site: Site) -> None:
    make_device("r1")
    with pytest.raises(ProtectedError):
        site.delete()
    assert Site.objects.filter(pk=site.pk).exists()


def test_location_and_rack_must_be_in_the_site(make_device: Any, site: Site) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    hall = Location.objects.create(name="Hall", slug="hall", site=other)
    with pytest.raises(ValidationError) as error:
        make_device("r1", location=hall)
    assert error.value.message_dict == {"location": ["Location Hall does not belong to site DC1."]}


def test_platform_must_suit_the_device_type(make_device: Any) -> None:
    cisco = Manufacturer.objects.create(name="Cisco", slug="cisco")
    ios = Platform.objects.create(name="IOS", slug="ios", manufacturer=cisco)
    with pytest.raises(ValidationError) as error:
        make_device("r1", platform=ios)
    assert error.value.message_dict == {
        "platform": [
            "The assigned platform is limited to Cisco device types, but this device's type "
            "belongs to Juniper."
        ]
    }
    make_device("r2", platform=Platform.objects.create(name="Linux", slug="linux"))


def test_platform_names_are_unique_per_manufacturer(manufacturer: Manufacturer) -> None:
    Platform.objects.create(name="Junos", slug="junos", manufacturer=manufacturer)
    other = Manufacturer.objects.create(name="Other", slug="other")
    Platform(name="Junos", slug="junos", manufacturer=other).full_clean()
    with pytest.raises(ValidationError):
        Platform(name="Junos", slug="junos", manufacturer=manufacturer).full_clean()


def test_device_names_are_unique_per_site_ignoring_case(make_device: Any) -> None:
    make_device("Router1")
    with pytest.raises(ValidationError) as error:
        make_device("router1")
    assert error.value.messages == ["Device name must be unique per site."]
    make_device(None)
    make_device(None)  # unnamed devices never clash


def test_local_context_data_must_be_an_object(make_device: Any) -> None:
    with pytest.raises(ValidationError) as error:
        make_device("r1", local_context_data=[1, 2])
    assert error.value.message_dict == {
        "local_context_data": ['JSON data must be in object form. Example: {"foo": 123}']
    }


def test_display(make_device: Any) -> None:
    assert str(make_device("r1")) == "r1"
    assert str(make_device("r2", asset_tag="A-7")) == "r2 (A-7)"
    unnamed = make_device(None)
    assert str(unnamed) == f"Juniper MX204 ({unnamed.pk})"
    chassis = VirtualChassis.objects.create(name="stack")
    assert str(make_device(None, virtual_chassis=chassis, vc_position=3)) == "stack:3"


def test_chassis_members_need_a_position_and_the_master_joins(make_device: Any) -> None:
    chassis = VirtualChassis.objects.create(name="stack")
    with pytest.raises(ValidationError) as error:
        make_device("r1", virtual_chassis=chassis)
    assert list(error.value.message_dict) == ["vc_position"]
    master = make_device("r2")
    second = VirtualChassis.objects.create(name="stack2", master=master)
    assign_chassis_master(second)
    master.refresh_from_db()
    assert (master.virtual_chassis, master.vc_position) == (second, 1)
    second.full_clean()
    second.master = make_device("r3")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert list(error.value.message_dict) == ["master"]


def test_deleting_an_interface_keeps_its_ips_and_clears_the_primary(
    make_device: Any, make_interface: Any
) -> None:
    from dcim.services import delete_components

    r1 = make_device("r1")
    eth0 = make_interface(r1, "eth0")
    address = ip("192.0.2.1/24", eth0)
    r1.primary_ip4 = address
    r1.save()
    delete_components([eth0])
    address.refresh_from_db()
    r1.refresh_from_db()
    assert (address.assigned_object_id, r1.primary_ip4) == (None, None)
    assert not r1.interfaces.exists()
