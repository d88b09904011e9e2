"""pynetbox end to end over DCIM and virtualization: the two hierarchies of the design,
Site → Rack → Device → Interface → IP and Cluster → VM → VM interface → IP."""

from __future__ import annotations

import pynetbox
import pytest

pytestmark = pytest.mark.live


def test_site_rack_devices_interfaces_ips_and_a_cable(nb: pynetbox.api) -> None:
    site = nb.dcim.sites.create(name="DC1", slug="dc1", status="active")
    rack = nb.dcim.racks.create(name="R1", site=site.id, status="active", u_height=42)
    vendor = nb.dcim.manufacturers.create(name="Acme", slug="acme")
    switch_type = nb.dcim.device_types.create(
        manufacturer=vendor.id, model="S48", slug="s48", u_height=1
    )
    for name in ("eth0", "eth1"):
        nb.dcim.interface_templates.create(device_type=switch_type.id, name=name, type="1000base-t")
    role = nb.dcim.device_roles.create(name="Leaf", slug="leaf", color="00ff00")
    devices = [
        nb.dcim.devices.create(
            name=f"leaf{n}",
            device_type=switch_type.id,
            role=role.id,
            site=site.id,
            rack=rack.id,
            position=n,
            face="front",
        )
        for n in (1, 3)
    ]

    interfaces = {
        device.name: {i.name: i for i in nb.dcim.interfaces.filter(device_id=device.id)}
        for device in devices
    }
    assert sorted(interfaces["leaf1"]) == ["eth0", "eth1"]

    for n, device in enumerate(devices, start=1):
        ip = nb.ipam.ip_addresses.create(
            address=f"192.0.2.{n}/24",
            assigned_object_type="dcim.interface",
            assigned_object_id=interfaces[device.name]["eth0"].id,
        )
        device.primary_ip4 = ip.id
        assert device.save()
    leaf1 = nb.dcim.devices.get(name="leaf1")
    assert leaf1.primary_ip4.address == "192.0.2.1/24"
    assert leaf1.primary_ip.address == "192.0.2.1/24"
    assert leaf1.rack.name == "R1"
    assert leaf1.site.slug == "dc1"
    assigned = nb.ipam.ip_addresses.get(address="192.0.2.2/24")
    assert assigned.assigned_object.device.name == "leaf3"
    assert nb.ipam.ip_addresses.count(device_id=devices[0].id) == 1

    cable = nb.dcim.cables.create(
        a_terminations=[
            {"object_type": "dcim.interface", "object_id": interfaces["leaf1"]["eth1"].id}
        ],
        b_terminations=[
            {"object_type": "dcim.interface", "object_id": interfaces["leaf3"]["eth1"].id}
        ],
        status="connected",
    )
    a_end = nb.dcim.interfaces.get(interfaces["leaf1"]["eth1"].id)
    assert a_end.cable.id == cable.id
    assert [peer.name for peer in a_end.link_peers] == ["eth1"]
    assert a_end.connected_endpoints[0].device.name == "leaf3"
    # pynetbox flattens the hops: near ends, cable, far ends.
    near, through, far = a_end.trace()
    assert [end.name for end in near] == ["eth1"]
    assert through.id == cable.id
    assert [(end.device.name, end.name) for end in far] == [("leaf3", "eth1")]


def test_cluster_vms_vm_interfaces_and_ips(nb: pynetbox.api) -> None:
    site = nb.dcim.sites.create(name="DC1", slug="dc1")
    kvm = nb.virtualization.cluster_types.create(name="KVM", slug="kvm")
    cluster = nb.virtualization.clusters.create(
        name="c1", type=kvm.id, scope_type="dcim.site", scope_id=site.id
    )
    for n in range(3):
        vm = nb.virtualization.virtual_machines.create(
            name=f"app{n}", cluster=cluster.id, vcpus=2, memory=2048, status="active"
        )
        iface = nb.virtualization.interfaces.create(virtual_machine=vm.id, name="eth0")
        ip = nb.ipam.ip_addresses.create(
            address=f"198.51.100.{n + 1}/24",
            assigned_object_type="virtualization.vminterface",
            assigned_object_id=iface.id,
        )
        vm.primary_ip4 = ip.id
        assert vm.save()

    app1 = nb.virtualization.virtual_machines.get(name="app1")
    assert app1.site.slug == "dc1"
    assert app1.cluster.name == "c1"
    assert app1.primary_ip.address == "198.51.100.2/24"
    assert app1.interface_count == 1
    assert app1.config_context == {}
    assert nb.virtualization.virtual_machines.count(cluster_id=cluster.id) == 3
    assert nb.virtualization.clusters.get(cluster.id).virtualmachine_count == 3
    iface = nb.virtualization.interfaces.get(virtual_machine_id=app1.id, name="eth0")
    assert iface.count_ipaddresses == 1
    ips = list(nb.ipam.ip_addresses.filter(vminterface_id=iface.id))
    assert [ip.address for ip in ips] == ["198.51.100.2/24"]
    assert ips[0].assigned_object.virtual_machine.name == "app1"

    # Deleting a VM keeps its address (un-assigned).
    assert app1.delete()
    kept = nb.ipam.ip_addresses.get(address="198.51.100.2/24")
    assert kept.assigned_object is None
