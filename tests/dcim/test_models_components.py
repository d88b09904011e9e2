"""Components: created from templates, interface mode/VLAN rules, LAG/parent/bridge rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dcim.models import (
    ConsolePortTemplate,
    Device,
    DeviceType,
    FrontPort,
    FrontPortTemplate,
    Interface,
    InterfaceTemplate,
    MACAddress,
    PowerOutlet,
    PowerOutletTemplate,
    PowerPortTemplate,
    RearPortTemplate,
    Site,
    VirtualChassis,
)
from dcim.services import instantiate_components
from ipam.models import VLAN
from ipamcore.models import ObjectChange


@pytest.fixture
def templated_type(device_type: DeviceType) -> DeviceType:
    """A device type with one template of every kind, linked where components link."""
    for n in range(1, 5):
        InterfaceTemplate.objects.create(
            device_type=device_type, name=f"et-0/0/{n}", type="10gbase-x-sfpp"
        )
    bridge = InterfaceTemplate.objects.create(device_type=device_type, name="br0", type="bridge")
    InterfaceTemplate.objects.create(
        device_type=device_type, name="et-0/0/10", type="10gbase-x-sfpp", bridge=bridge
    )
    ConsolePortTemplate.objects.create(device_type=device_type, name="con", type="rj-45")
    psu = PowerPortTemplate.objects.create(device_type=device_type, name="PSU0", maximum_draw=650)
    PowerOutletTemplate.objects.create(device_type=device_type, name="out1", power_port=psu)
    rear = RearPortTemplate.objects.create(
        device_type=device_type, name="rear", type="mpo", positions=2
    )
    for position in (1, 2):
        FrontPortTemplate.objects.create(
            device_type=device_type, name=f"front{position}", type="lc", rear_port=rear,
            rear_port_position=position,
        )  # fmt: skip
    return device_type


def devices(
    site: Site, device_type: DeviceType, role: Any, count: int, prefix: str
) -> list[Device]:
    made = [
        Device(name=f"{prefix}{n}", site=site, device_type=device_type, role=role)
        for n in range(count)
    ]
    Device.objects.bulk_create(made)
    return made


def test_components_come_from_the_device_type(
    templated_type: DeviceType, site: Site, role: Any
) -> None:
    (device,) = devices(site, templated_type, role, 1, "r")
    instantiate_components([device])
    names = list(device.interfaces.values_list("name", flat=True))
    assert names == ["br0", "et-0/0/1", "et-0/0/2", "et-0/0/3", "et-0/0/4", "et-0/0/10"]
    assert device.interfaces.get(name="et-0/0/10").bridge == device.interfaces.get(name="br0")
    assert device.consoleports.get().type == "rj-45"
    outlet = PowerOutlet.objects.get(device=device)
    assert outlet.power_port == device.powerports.get(name="PSU0")
    assert outlet.power_port.maximum_draw == 650
    fronts = FrontPort.objects.filter(device=device).order_by("name")
    assert [(f.name, f.rear_port.name, f.rear_port_position) for f in fronts] == [
        ("front1", "rear", 1),
        ("front2", "rear", 2),
    ]
    logged = ObjectChange.objects.filter(action="create", related_object_id=device.pk)
    assert logged.count() == 6 + 1 + 1 + 1 + 1 + 2


def test_components_are_created_set_based(
    templated_type: DeviceType, site: Site, role: Any
) -> None:
    one = devices(site, templated_type, role, 1, "a")
    ten = devices(site, templated_type, role, 10, "b")
    with CaptureQueriesContext(connection) as single:
        instantiate_components(one)
    with CaptureQueriesContext(connection) as many:
        instantiate_components(ten)
    assert len(many) == len(single)
    assert Interface.objects.filter(device__in=ten).count() == 60


def test_interfaces_sort_naturally(make_device: Any, make_interface: Any) -> None:
    device = make_device("r1")
    for name in ("eth10", "eth2", "eth1"):
        make_interface(device, name)
    assert list(device.interfaces.values_list("name", flat=True)) == ["eth1", "eth2", "eth10"]


def test_component_names_are_unique_per_device(make_device: Any, make_interface: Any) -> None:
    device = make_device("r1")
    make_interface(device, "eth0")
    with pytest.raises(ValidationError):
        make_interface(device, "eth0")


# --- 802.1Q mode and VLANs -----------------------------------------------------------


def test_untagged_vlan_needs_a_mode(make_device: Any, make_interface: Any) -> None:
    vlan = VLAN.objects.create(vid=100, name="mgmt")
    with pytest.raises(ValidationError) as error:
        make_interface(make_device("r1"), "eth0", untagged_vlan=vlan)
    assert error.value.message_dict == {
        "untagged_vlan": ["Interface mode does not support untagged vlan"]
    }


def test_untagged_vlan_must_be_global_or_in_the_device_site(
    make_device: Any, make_interface: Any, site: Site
) -> None:
    device = make_device("r1")
    local = VLAN.objects.create(vid=10, name="local", site=site)
    shared = VLAN.objects.create(vid=20, name="global")
    foreign = VLAN.objects.create(
        vid=30, name="far", site=Site.objects.create(name="DC2", slug="dc2")
    )
    make_interface(device, "eth0", mode="access", untagged_vlan=local)
    make_interface(device, "eth1", mode="access", untagged_vlan=shared)
    with pytest.raises(ValidationError) as error:
        make_interface(device, "eth2", mode="access", untagged_vlan=foreign)
    assert error.value.message_dict == {
        "untagged_vlan": [
            "The untagged VLAN (far (30)) must belong to the same site as the interface's "
            "parent device, or it must be global."
        ]
    }


def test_tagged_vlans_only_in_tagged_mode_and_from_the_site(
    make_device: Any, make_interface: Any, site: Site
) -> None:
    interface = make_interface(make_device("r1"), "eth0", mode="access")
    vlans = [VLAN.objects.create(vid=vid, name=f"v{vid}") for vid in (10, 20)]
    with pytest.raises(ValidationError) as error:
        interface.set_tagged_vlans(vlans)
    assert error.value.message_dict == {
        "tagged_vlans": ["Interface mode does not support tagged vlans"]
    }
    for mode in ("access", "tagged-all", ""):
        with pytest.raises(ValidationError):
            interface.validate_tagged_vlans(vlans, mode=mode)

    interface.mode = "tagged"
    interface.save()
    interface.set_tagged_vlans(vlans)
    assert set(interface.tagged_vlans.all()) == set(vlans)
    foreign = VLAN.objects.create(
        vid=30, name="far", site=Site.objects.create(name="DC2", slug="dc2")
    )
    with pytest.raises(ValidationError) as error:
        interface.set_tagged_vlans([*vlans, foreign])
    assert error.value.message_dict == {
        "tagged_vlans": [
            "VLAN far (30) must belong to the same site as the interface's parent device, or it "
            "must be global."
        ]
    }
    assert interface.tagged_vlans.count() == 2  # nothing written


def test_leaving_tagged_mode_drops_the_vlans(make_device: Any, make_interface: Any) -> None:
    vlan = VLAN.objects.create(vid=10, name="v10")
    interface = make_interface(make_device("r1"), "eth0", mode="tagged", untagged_vlan=vlan)
    interface.set_tagged_vlans([vlan])
    interface.mode = "access"
    interface.save()
    assert interface.tagged_vlans.count() == 0
    interface.mode = ""
    interface.save()
    interface.refresh_from_db()
    assert interface.untagged_vlan is None


def test_service_vlan_only_in_q_in_q_mode(make_device: Any, make_interface: Any) -> None:
    svlan = VLAN.objects.create(vid=100, name="svc", qinq_role="svlan")
    with pytest.raises(ValidationError) as error:
        make_interface(make_device("r1"), "eth0", mode="tagged", qinq_svlan=svlan)
    assert list(error.value.message_dict) == ["qinq_svlan"]
    make_interface(Device.objects.get(name="r1"), "eth1", mode="q-in-q", qinq_svlan=svlan)


# --- LAG, parent and bridge ----------------------------------------------------------


def test_lag_members_on_the_same_device(make_device: Any, make_interface: Any) -> None:
    r1, r2 = make_device("r1"), make_device("r2")
    lag = make_interface(r1, "ae0", type="lag")
    make_interface(r1, "et-0/0/0", lag=lag)
    with pytest.raises(ValidationError) as error:
        make_interface(r2, "et-0/0/0", lag=lag)
    assert error.value.message_dict == {
        "lag": ["The selected LAG interface (ae0) belongs to a different device (r1)."]
    }
    with pytest.raises(ValidationError) as error:
        make_interface(r1, "et-0/0/1", lag=make_interface(r1, "et-0/0/9"))
    assert list(error.value.message_dict) == ["lag"]
    with pytest.raises(ValidationError) as error:
        make_interface(r1, "vlan10", type="virtual", lag=lag)
    assert error.value.message_dict == {
        "lag": ["Virtual interfaces cannot have a parent LAG interface."]
    }


def test_lag_members_across_a_virtual_chassis(make_device: Any, make_interface: Any) -> None:
    chassis = VirtualChassis.objects.create(name="stack")
    r1 = make_device("r1", virtual_chassis=chassis, vc_position=1)
    r2 = make_device("r2", virtual_chassis=chassis, vc_position=2)
    outsider = make_device("r3")
    lag = make_interface(r1, "ae0", type="lag")
    make_interface(r2, "et-1/0/0", lag=lag)
    foreign_lag = make_interface(outsider, "ae1", type="lag")
    with pytest.raises(ValidationError) as error:
        make_interface(r2, "et-1/0/1", lag=foreign_lag)
    assert error.value.message_dict == {
        "lag": [
            "The selected LAG interface (ae1) belongs to r3, which is not part of virtual "
            "chassis stack."
        ]
    }


def test_parent_and_bridge_on_the_same_device(make_device: Any, make_interface: Any) -> None:
    r1, r2 = make_device("r1"), make_device("r2")
    physical = make_interface(r1, "eth0")
    make_interface(r1, "eth0.10", type="virtual", parent=physical)
    with pytest.raises(ValidationError) as error:
        make_interface(r2, "eth0.10", type="virtual", parent=physical)
    assert error.value.message_dict == {
        "parent": ["The selected parent interface (eth0) belongs to a different device (r1)."]
    }
    physical.parent = physical
    with pytest.raises(ValidationError) as error:
        physical.full_clean()
    assert error.value.message_dict == {"parent": ["An interface cannot be its own parent."]}
    with pytest.raises(ValidationError) as error:
        make_interface(r2, "br0", type="bridge", bridge=physical)
    assert list(error.value.message_dict) == ["bridge"]


def test_primary_mac_must_belong_to_the_interface(make_device: Any, make_interface: Any) -> None:
    device = make_device("r1")
    eth0, eth1 = make_interface(device, "eth0"), make_interface(device, "eth1")
    mac = MACAddress(mac_address="00:11:22:aa:bb:cc", assigned_object=eth0)
    mac.full_clean()
    mac.save()
    assert mac.mac_address == "00:11:22:AA:BB:CC"
    eth1.primary_mac_address = mac
    with pytest.raises(ValidationError) as error:
        eth1.full_clean()
    assert error.value.message_dict == {
        "primary_mac_address": ["MAC address 00:11:22:AA:BB:CC is not assigned to this interface."]
    }
    eth0.primary_mac_address = mac
    eth0.full_clean()
    eth0.save()
    # The primary MAC cannot be moved away while it is primary.
    mac.assigned_object = eth1
    with pytest.raises(ValidationError) as error:
        mac.full_clean()
    assert list(error.value.message_dict) == ["assigned_object_id"]


def test_an_unassigned_mac_chosen_as_primary_is_assigned(
    make_device: Any, make_interface: Any
) -> None:
    mac = MACAddress.objects.create(mac_address="00:11:22:33:44:55")
    eth0 = make_interface(make_device("r1"), "eth0", primary_mac_address=mac)
    mac.refresh_from_db()
    assert mac.assigned_object == eth0


def test_cabled_port_cannot_be_marked_connected(make_device: Any, make_interface: Any) -> None:
    interface = make_interface(make_device("r1"), "vlan10", type="virtual")
    interface.mark_connected = True
    with pytest.raises(ValidationError) as error:
        interface.full_clean()
    assert error.value.message_dict == {
        "mark_connected": ["Virtual interfaces cannot be marked as connected."]
    }
