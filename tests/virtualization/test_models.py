"""Clusters, virtual machines, VM interfaces and virtual disks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from netaddr import IPNetwork

from dcim.models import Device, DeviceRole, DeviceType, Location, Manufacturer, Region, Site
from ipam.models import VLAN, IPAddress
from ipamcore.models import ObjectChange
from virtualization.models import Cluster, ClusterType, VirtualDisk, VirtualMachine, VMInterface
from virtualization.services import delete_virtual_machines, refresh_disk_totals


@pytest.fixture
def site(db: None) -> Site:
    region = Region.objects.create(name="Europe", slug="europe")
    return Site.objects.create(name="DC1", slug="dc1", region=region)


@pytest.fixture
def cluster(site: Site) -> Cluster:
    kvm = ClusterType.objects.create(name="KVM", slug="kvm")
    return Cluster.objects.create(name="c1", type=kvm, scope=site)


def vm(name: str, **fields: Any) -> VirtualMachine:
    machine = VirtualMachine(name=name, **fields)
    machine.full_clean()
    machine.save()
    return machine


def vm_interface(machine: VirtualMachine, name: str, **fields: Any) -> VMInterface:
    interface = VMInterface(virtual_machine=machine, name=name, **fields)
    interface.full_clean()
    interface.save()
    return interface


def ip(address: str, assigned: Any = None) -> IPAddress:
    return IPAddress.objects.create(address=IPNetwork(address), assigned_object=assigned)


def test_cluster_scope_caches_its_ancestry(site: Site) -> None:
    hall = Location.objects.create(name="Hall", slug="hall", site=site)
    cluster = Cluster(
        name="c2", type=ClusterType.objects.create(name="ESXi", slug="esxi"), scope=hall
    )
    cluster.full_clean()
    cluster.save()
    assert (cluster._region_id, cluster._site_id, cluster._location_id) == (
        site.region_id,
        site.pk,
        hall.pk,
    )


def test_cluster_scope_type_is_checked(site: Site) -> None:
    cluster = Cluster(name="c2", type=ClusterType.objects.create(name="ESXi", slug="esxi"))
    cluster.scope = ClusterType.objects.get()
    with pytest.raises(ValidationError) as error:
        cluster.full_clean()
    assert error.value.message_dict == {
        "scope_type": ["Invalid content type: virtualization.clustertype"]
    }


def test_cluster_names_are_unique_per_site(cluster: Cluster, site: Site) -> None:
    duplicate = Cluster(name="c1", type=cluster.type, scope=site)
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_vm_takes_its_site_from_the_cluster(cluster: Cluster, site: Site) -> None:
    assert vm("app01", cluster=cluster).site == site


def test_vm_needs_a_site_cluster_or_device(db: None) -> None:
    with pytest.raises(ValidationError) as error:
        vm("lost")
    assert error.value.messages == [
        "A virtual machine must be assigned to a site, cluster, or device."
    ]


def test_vm_cluster_must_be_in_its_site(cluster: Cluster) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    with pytest.raises(ValidationError) as error:
        vm("app01", cluster=cluster, site=other)
    assert error.value.message_dict == {
        "cluster": ["The selected cluster (c1) is not assigned to this site (DC2)."]
    }


def test_vm_host_device_must_be_in_the_cluster(cluster: Cluster, site: Site) -> None:
    maker = Manufacturer.objects.create(name="Dell", slug="dell")
    host = Device.objects.create(
        name="host1",
        site=site,
        device_type=DeviceType.objects.create(manufacturer=maker, model="R650", slug="r650"),
        role=DeviceRole.objects.create(name="Host", slug="host"),
    )
    with pytest.raises(ValidationError) as error:
        vm("app01", cluster=cluster, device=host)
    assert error.value.message_dict == {
        "device": ["The selected device (host1) is not assigned to this cluster (c1)."]
    }
    host.cluster = cluster
    host.save()
    with pytest.raises(ValidationError) as error:
        vm("app02", device=host)
    assert error.value.message_dict == {
        "cluster": ["Must specify a cluster when assigning a host device."]
    }
    assert vm("app03", cluster=cluster, device=host).site == site


def test_vm_names_are_unique_per_cluster_ignoring_case(cluster: Cluster) -> None:
    vm("App01", cluster=cluster)
    with pytest.raises(ValidationError) as error:
        vm("app01", cluster=cluster)
    assert error.value.messages == ["Virtual machine name must be unique per cluster."]


def test_vm_primary_ip_must_be_on_its_interfaces(cluster: Cluster) -> None:
    app01, app02 = vm("app01", cluster=cluster), vm("app02", cluster=cluster)
    mine = ip("192.0.2.10/24", vm_interface(app01, "eth0"))
    theirs = ip("192.0.2.11/24", vm_interface(app02, "eth0"))
    app01.primary_ip4 = mine
    app01.full_clean()
    app01.save()
    app01.primary_ip4 = theirs
    with pytest.raises(ValidationError) as error:
        app01.full_clean()
    assert error.value.message_dict == {
        "primary_ip4": ["The specified IP address (192.0.2.11/24) is not assigned to this VM."]
    }
    app01.primary_ip4, app01.primary_ip6 = None, mine
    with pytest.raises(ValidationError) as error:
        app01.full_clean()
    assert error.value.message_dict == {"primary_ip6": ["192.0.2.10/24 is not an IPv6 address."]}


def test_vm_disk_is_the_sum_of_its_virtual_disks(cluster: Cluster) -> None:
    app01 = vm("app01", cluster=cluster, disk=1000)
    VirtualDisk.objects.create(virtual_machine=app01, name="sda", size=20480)
    VirtualDisk.objects.create(virtual_machine=app01, name="sdb", size=10240)
    app01.refresh_from_db()
    assert app01.disk == 30720
    app01.disk = 5
    with pytest.raises(ValidationError) as error:
        app01.full_clean()
    assert error.value.message_dict == {
        "disk": [
            "The specified disk size (5) must match the aggregate size of assigned virtual "
            "disks (30720)."
        ]
    }
    VirtualDisk.objects.filter(name="sdb").delete()
    refresh_disk_totals([app01.pk])
    app01.refresh_from_db()
    assert app01.disk == 20480


def test_vm_interface_rules(cluster: Cluster, site: Site) -> None:
    app01, app02 = vm("app01", cluster=cluster), vm("app02", cluster=cluster)
    eth0 = vm_interface(app01, "eth0")
    with pytest.raises(ValidationError) as error:
        vm_interface(app02, "eth0.10", parent=eth0)
    assert error.value.message_dict == {
        "parent": [
            "The selected parent interface (eth0) belongs to a different virtual machine (app01)."
        ]
    }
    far = VLAN.objects.create(vid=5, name="far", site=Site.objects.create(name="DC2", slug="dc2"))
    with pytest.raises(ValidationError) as error:
        vm_interface(app01, "eth1", mode="access", untagged_vlan=far)
    assert error.value.message_dict == {
        "untagged_vlan": [
            "The untagged VLAN (far (5)) must belong to the same site as the interface's parent "
            "virtual machine, or it must be global."
        ]
    }
    local = VLAN.objects.create(vid=6, name="local", site=site)
    trunk = vm_interface(app01, "eth2", mode="tagged")
    trunk.set_tagged_vlans([local])
    with pytest.raises(ValidationError):
        trunk.set_tagged_vlans([far])
    assert list(app01.interfaces.values_list("name", flat=True)) == ["eth0", "eth2"]


def test_deleting_a_vm_unassigns_its_ips(cluster: Cluster) -> None:
    app01 = vm("app01", cluster=cluster)
    address = ip("192.0.2.10/24", vm_interface(app01, "eth0"))
    app01.primary_ip4 = address
    app01.save()
    vm_id = app01.pk
    delete_virtual_machines([app01])
    address.refresh_from_db()
    assert address.assigned_object_id is None
    assert not VirtualMachine.objects.filter(pk=vm_id).exists()
    assert ObjectChange.objects.filter(action="update", changed_object_id=address.pk).exists()


def test_cluster_follows_its_site_into_another_region(cluster: Cluster, site: Site) -> None:
    americas = Region.objects.create(name="Americas", slug="americas")
    site.region = americas
    site.save()
    cluster.refresh_from_db()
    assert cluster._region_id == americas.pk
    americas.delete()
    cluster.refresh_from_db()
    assert (cluster._region_id, cluster._site_id) == (None, site.pk)
