"""The virtualization REST API: shapes, rules, filters and query-count guards."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from netaddr import IPNetwork
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import ConfigContext, Tag
from ipam.models import VLAN, IPAddress
from virtualization.models import Cluster, ClusterType, VirtualDisk, VirtualMachine, VMInterface

VMS = "/api/virtualization/virtual-machines/"
INTERFACES = "/api/virtualization/interfaces/"
CLUSTERS = "/api/virtualization/clusters/"


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="DC1", slug="dc1")


@pytest.fixture
def cluster(site: Site) -> Cluster:
    kvm = ClusterType.objects.create(name="KVM", slug="kvm")
    return Cluster.objects.create(name="c1", type=kvm, scope=site)


def make_vm(name: str, cluster: Cluster, **fields: Any) -> VirtualMachine:
    return VirtualMachine.objects.create(
        name=name, cluster=cluster, site_id=cluster._site_id, **fields
    )


def with_ip(vm: VirtualMachine, address: str, interface: str = "eth0") -> IPAddress:
    iface = VMInterface.objects.create(virtual_machine=vm, name=interface)
    return IPAddress.objects.create(address=IPNetwork(address), assigned_object=iface)


def test_vm_full_shape(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster, vcpus=2, memory=4096)
    ip = with_ip(vm, "192.0.2.10/24")
    VirtualDisk.objects.create(virtual_machine=vm, name="root", size=40960)
    vm.refresh_from_db()
    vm.primary_ip4 = ip
    vm.save()

    data = api.get(f"{VMS}{vm.pk}/").json()

    assert list(data)[:8] == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "role",
        "status",
        "start_on_boot",
    ]
    assert data["status"] == {"value": "active", "label": "Active"}
    assert data["site"]["slug"] == "dc1"
    assert set(data["cluster"]) == {"id", "url", "display", "name", "description"}
    assert data["vcpus"] == 2.0
    assert data["disk"] == 40960
    assert (data["interface_count"], data["virtual_disk_count"]) == (1, 1)
    assert data["primary_ip4"]["address"] == "192.0.2.10/24"
    assert data["primary_ip4"]["family"] == {"value": 4, "label": "IPv4"}
    assert data["primary_ip4"]["nat_inside"] is None
    assert data["primary_ip4"]["nat_outside"] == []
    assert data["primary_ip"]["id"] == ip.pk
    assert data["config_context"] == {}


def test_config_context_is_merged_and_can_be_excluded(api: APIClient, cluster: Cluster) -> None:
    make_vm("app01", cluster, local_context_data={"ntp": {"server": "local"}})
    make_vm("app02", cluster)
    scoped = ConfigContext.objects.create(
        name="cluster", weight=100, data={"ntp": {"server": "10.0.0.1", "prefer": True}}
    )
    scoped.clusters.set([cluster])
    ConfigContext.objects.create(name="everywhere", weight=50, data={"dns": "1.1.1.1"})

    results = api.get(VMS).json()["results"]

    assert results[0]["config_context"] == {
        "dns": "1.1.1.1",
        "ntp": {"server": "local", "prefer": True},
    }
    assert results[1]["config_context"] == {
        "dns": "1.1.1.1",
        "ntp": {"server": "10.0.0.1", "prefer": True},
    }
    excluded = api.get(VMS, {"exclude": "config_context"}).json()["results"]
    assert all("config_context" not in row for row in excluded)
    assert "config_context" not in api.get(VMS, {"brief": 1}).json()["results"][0]


def test_primary_ip_not_on_the_vm_is_refused(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster)
    other = with_ip(make_vm("app02", cluster), "192.0.2.20/24")

    response = api.patch(f"{VMS}{vm.pk}/", {"primary_ip4": other.pk}, format="json")

    assert response.status_code == 400
    assert "primary_ip4" in response.json()
    vm.refresh_from_db()
    assert vm.primary_ip4 is None


def test_vm_needs_a_site_cluster_or_device(api: APIClient, db: None) -> None:
    response = api.post(VMS, {"name": "nowhere"}, format="json")

    assert response.status_code == 400
    assert not VirtualMachine.objects.exists()


def test_vm_site_is_filled_from_the_cluster(api: APIClient, cluster: Cluster) -> None:
    response = api.post(VMS, {"name": "app01", "cluster": cluster.pk}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["site"]["id"] == cluster._site_id


def test_deleting_a_vm_keeps_its_ips(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster)
    ip = with_ip(vm, "192.0.2.10/24")
    vm.primary_ip4 = ip
    vm.save()

    assert api.delete(f"{VMS}{vm.pk}/").status_code == 204

    ip.refresh_from_db()
    assert ip.assigned_object_id is None
    assert not VMInterface.objects.exists()


def test_bulk_delete_of_vms_keeps_their_ips(api: APIClient, cluster: Cluster) -> None:
    vms = [make_vm(f"app{n}", cluster) for n in range(3)]
    ips = [with_ip(vm, f"192.0.2.{n + 1}/24") for n, vm in enumerate(vms)]

    response = api.delete(VMS, [{"id": vm.pk} for vm in vms], format="json")

    assert response.status_code == 204
    assert IPAddress.objects.filter(pk__in=[ip.pk for ip in ips]).count() == 3
    assert not VirtualMachine.objects.exists()


def test_vm_filters(api: APIClient, cluster: Cluster) -> None:
    other = Cluster.objects.create(name="c2", type=cluster.type)
    one = make_vm("App01", cluster, status="planned")
    two = VirtualMachine.objects.create(name="app02", cluster=other, site=None)
    ip = with_ip(one, "192.0.2.10/24")
    one.primary_ip4 = ip
    one.save()
    Tag.objects.create(name="Web", slug="web")

    def names(**params: Any) -> list[str]:
        response = api.get(VMS, params)
        assert response.status_code == 200, response.json()
        return [row["name"] for row in response.json()["results"]]

    assert names(cluster_id=[cluster.pk, other.pk]) == ["App01", "app02"]
    assert names(name="app01") == ["App01"]
    assert names(site="dc1") == ["App01"]
    assert names(cluster="c2") == ["app02"]
    assert names(cluster_type="kvm") == ["App01", "app02"]
    assert names(status="planned") == ["App01"]
    assert names(has_primary_ip="true") == ["App01"]
    assert names(has_primary_ip="false") == ["app02"]
    assert names(primary_ip4="192.0.2.10") == ["App01"]
    assert names(q="192.0.2.10") == ["App01"]
    assert names(interface_count=1) == ["App01"]
    assert names(local_context_data="false") == ["App01", "app02"]
    assert api.get(VMS, {"site": "nowhere"}).status_code == 400
    assert two.pk


def test_vm_interface_shape_and_filters(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster)
    with_ip(vm, "192.0.2.10/24")
    VMInterface.objects.create(virtual_machine=make_vm("app02", cluster), name="eth0")

    response = api.get(INTERFACES, {"virtual_machine_id": vm.pk})

    assert response.json()["count"] == 1
    row = response.json()["results"][0]
    assert row["virtual_machine"]["name"] == "app01"
    assert row["count_ipaddresses"] == 1
    assert row["mode"] is None
    assert row["mac_address"] is None
    assert row["mac_addresses"] == []
    assert api.get(INTERFACES, {"virtual_machine": "app02"}).json()["count"] == 1
    assert api.get(INTERFACES, {"cluster_id": cluster.pk}).json()["count"] == 2


def test_tagged_vlans_need_tagged_mode(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster)
    vlan = VLAN.objects.create(vid=10, name="ten")

    refused = api.post(
        INTERFACES,
        {"virtual_machine": vm.pk, "name": "eth0", "tagged_vlans": [vlan.pk]},
        format="json",
    )
    accepted = api.post(
        INTERFACES,
        {"virtual_machine": vm.pk, "name": "eth0", "mode": "tagged", "tagged_vlans": [vlan.pk]},
        format="json",
    )

    assert refused.status_code == 400
    assert "tagged_vlans" in refused.json()
    assert accepted.status_code == 201, accepted.json()
    assert [v["id"] for v in accepted.json()["tagged_vlans"]] == [vlan.pk]


def test_vlan_from_another_site_is_refused(api: APIClient, cluster: Cluster) -> None:
    vm = make_vm("app01", cluster)
    elsewhere = Site.objects.create(name="DC2", slug="dc2")
    vlan = VLAN.objects.create(vid=20, name="twenty", site=elsewhere)

    response = api.post(
        INTERFACES,
        {"virtual_machine": vm.pk, "name": "eth0", "mode": "access", "untagged_vlan": vlan.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "untagged_vlan" in response.json()
    assert not VMInterface.objects.exists()


def test_cluster_counts_and_scope(api: APIClient, cluster: Cluster) -> None:
    make_vm("app01", cluster, vcpus=2, memory=1024)
    make_vm("app02", cluster, vcpus=1.5, memory=512)

    data = api.get(f"{CLUSTERS}{cluster.pk}/").json()

    assert data["scope_type"] == "dcim.site"
    assert data["scope"]["slug"] == "dc1"
    assert data["virtualmachine_count"] == 2
    assert data["allocated_vcpus"] == 3.5
    assert data["allocated_memory"] == 1536
    assert api.get(CLUSTERS, {"site": "dc1"}).json()["count"] == 1
    assert api.get(CLUSTERS, {"type": "kvm"}).json()["count"] == 1


def test_cluster_scope_type_outside_the_allowed_set_is_refused(
    api: APIClient, cluster: Cluster
) -> None:
    response = api.post(
        CLUSTERS,
        {"name": "c9", "type": cluster.type_id, "scope_type": "ipam.vlan", "scope_id": 1},
        format="json",
    )

    assert response.status_code == 400
    assert "scope_type" in response.json()


def queries_for(api: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    return len(captured)


def populate(cluster: Cluster, start: int, count: int) -> None:
    tag = Tag.objects.get_or_create(name="Web", slug="web")[0]
    for n in range(start, start + count):
        vm = make_vm(f"vm{n}", cluster, local_context_data={"n": n})
        ip = with_ip(vm, f"10.0.{n // 250}.{n % 250 + 1}/16")
        ip.nat_inside = None
        vm.primary_ip4 = ip
        vm.save()
        vm.tagged_items.create(tag=tag)
        VirtualDisk.objects.create(virtual_machine=vm, name="root", size=1000)


def test_vm_and_vm_interface_lists_cost_fixed_queries(api: APIClient, cluster: Cluster) -> None:
    context = ConfigContext.objects.create(name="cluster", data={"a": 1})
    context.clusters.set([cluster])
    populate(cluster, 0, 1)
    queries_for(api, VMS)  # the first request of a token also records its use
    few_vms, few_interfaces = queries_for(api, VMS), queries_for(api, INTERFACES)
    populate(cluster, 1, 20)

    assert queries_for(api, VMS) == few_vms
    assert queries_for(api, INTERFACES) == few_interfaces
