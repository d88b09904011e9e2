"""IP addresses assigned to interfaces: which moves are refused, which addresses fit,
and the services and FHRP groups that hang off them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from netaddr import IPNetwork

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Site
from ipam.models import FHRPGroup, FHRPGroupAssignment, IPAddress, Service
from virtualization.models import Cluster, ClusterType, VirtualMachine, VMInterface

PRIMARY_MESSAGE = (
    "Cannot reassign IP address while it is designated as the primary IP for the parent object"
)


@pytest.fixture
def device(db: None) -> Device:
    return build_device("r1")


def build_device(name: str) -> Device:
    site, _ = Site.objects.get_or_create(name="DC1", slug="dc1")
    maker, _ = Manufacturer.objects.get_or_create(name="Juniper", slug="juniper")
    kind, _ = DeviceType.objects.get_or_create(manufacturer=maker, model="MX204", slug="mx204")
    role, _ = DeviceRole.objects.get_or_create(name="Router", slug="router")
    return Device.objects.create(name=name, site=site, device_type=kind, role=role)


def interface(device: Device, name: str) -> Interface:
    return Interface.objects.create(device=device, name=name, type="1000base-t")


def address(value: str, assigned: Any = None) -> IPAddress:
    ip = IPAddress(address=IPNetwork(value), assigned_object=assigned)
    ip.full_clean()
    ip.save()
    return ip


def make_primary(holder: Any, ip: IPAddress) -> None:
    holder.primary_ip4 = ip
    holder.full_clean()
    holder.save()


def test_unassigning_a_primary_ip_is_refused(device: Device) -> None:
    ip = address("192.0.2.1/24", interface(device, "eth0"))
    make_primary(device, ip)
    ip.assigned_object = None
    with pytest.raises(ValidationError) as error:
        ip.full_clean()
    assert error.value.message_dict == {"assigned_object_id": [PRIMARY_MESSAGE]}


def test_a_primary_ip_cannot_move_to_another_device(device: Device) -> None:
    ip = address("192.0.2.1/24", interface(device, "eth0"))
    make_primary(device, ip)
    ip.assigned_object = interface(build_device("r2"), "eth0")
    with pytest.raises(ValidationError) as error:
        ip.full_clean()
    assert error.value.message_dict == {"assigned_object_id": [PRIMARY_MESSAGE]}


def test_a_primary_ip_may_move_between_interfaces_of_its_device(device: Device) -> None:
    ip = address("192.0.2.1/24", interface(device, "eth0"))
    make_primary(device, ip)
    ip.assigned_object = interface(device, "eth1")
    ip.full_clean()
    ip.save()


def test_an_oob_ip_cannot_be_unassigned(device: Device) -> None:
    ip = address("192.0.2.1/24", interface(device, "fxp0"))
    device.oob_ip = ip
    device.full_clean()
    device.save()
    ip.assigned_object = None
    with pytest.raises(ValidationError) as error:
        ip.full_clean()
    assert error.value.message_dict == {
        "assigned_object_id": [
            "Cannot reassign OOB IP address while it is designated as the OOB IP for the parent "
            "object"
        ]
    }


def test_a_vm_primary_ip_cannot_be_unassigned(db: None) -> None:
    cluster = Cluster.objects.create(
        name="c1", type=ClusterType.objects.create(name="KVM", slug="kvm")
    )
    vm = VirtualMachine.objects.create(name="app01", cluster=cluster)
    ip = address("192.0.2.10/24", VMInterface.objects.create(virtual_machine=vm, name="eth0"))
    make_primary(vm, ip)
    ip.assigned_object = None
    with pytest.raises(ValidationError) as error:
        ip.full_clean()
    assert error.value.message_dict == {"assigned_object_id": [PRIMARY_MESSAGE]}


def test_ips_that_are_not_primary_move_freely(device: Device) -> None:
    ip = address("192.0.2.1/24", interface(device, "eth0"))
    ip.assigned_object = None
    ip.full_clean()


NETWORK_ID = "is a network ID, which may not be assigned to an interface."
BROADCAST = "is a broadcast address, which may not be assigned to an interface."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("192.0.2.0/24", f"192.0.2.0/24 {NETWORK_ID}"),
        ("192.0.2.255/24", f"192.0.2.255/24 {BROADCAST}"),
        ("2001:db8::/64", f"2001:db8::/64 {NETWORK_ID}"),
    ],
)
def test_network_and_broadcast_addresses_cannot_be_assigned(
    device: Device, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        address(value, interface(device, "eth0"))
    assert error.value.message_dict == {"address": [message]}
    address(value)  # unassigned: fine
    address("198.51.100.0/31", interface(device, "eth1"))  # point-to-point: fine


def test_only_interfaces_and_fhrp_groups_take_ips(device: Device) -> None:
    ip = IPAddress(
        address=IPNetwork("192.0.2.1/24"),
        assigned_object_type=ContentType.objects.get_for_model(Device),
        assigned_object_id=device.pk,
    )
    with pytest.raises(ValidationError) as error:
        ip.full_clean()
    assert error.value.message_dict == {
        "assigned_object_type": ["Invalid content type: dcim.device"]
    }


def test_ips_reach_their_interface_through_the_generic_relation(device: Device) -> None:
    eth0 = interface(device, "eth0")
    ip = address("192.0.2.1/24", eth0)
    assert list(eth0.ip_addresses.all()) == [ip]
    assert list(IPAddress.objects.filter(interface__device=device)) == [ip]


def test_service_display_and_parent(device: Device) -> None:
    service = Service(parent=device, name="web", protocol="tcp", ports=[443, 80, 81])
    service.full_clean()
    service.save()
    assert str(service) == "web (TCP/80-81,443)"
    assert list(device.services.all()) == [service]
    service.ports = [0]
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert list(error.value.message_dict) == ["ports"]


def test_service_parent_type_is_checked(device: Device) -> None:
    service = Service(parent=interface(device, "eth0"), name="x", protocol="udp", ports=[53])
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert error.value.message_dict == {
        "parent_object_type": ["Invalid content type: dcim.interface"]
    }


def test_fhrp_group_with_an_address_and_interface_assignments(device: Device) -> None:
    group = FHRPGroup.objects.create(protocol="vrrp2", group_id=10, name="gw")
    assert str(group) == "gw (VRRPv2: 10)"
    vip = address("192.0.2.254/24", group)
    assert list(group.ip_addresses.all()) == [vip]
    eth0 = interface(device, "eth0")
    assignment = FHRPGroupAssignment(group=group, interface=eth0, priority=200)
    assignment.full_clean()
    assignment.save()
    assert list(eth0.fhrp_group_assignments.all()) == [assignment]
    duplicate = FHRPGroupAssignment(group=group, interface=eth0, priority=100)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
