"""A VM sync in the style of the popular Proxmox-to-NetBox scripts, with plain
`requests`: look each VM up by name, create it when missing, ensure its interface
and address, set its primary IP. Run twice, the second run creates nothing."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from ipamcore.models import ObjectChange
from virtualization.models import Cluster, ClusterType, VirtualMachine, VMInterface

pytestmark = pytest.mark.live

# What the hypervisor reports.
HYPERVISOR_VMS = [
    {"name": "web01", "vcpus": 2, "memory": 2048, "mac": "52:54:00:00:00:01", "ip": "10.1.0.11/24"},
    {"name": "web02", "vcpus": 2, "memory": 2048, "mac": "52:54:00:00:00:02", "ip": "10.1.0.12/24"},
    {"name": "db01", "vcpus": 4, "memory": 8192, "mac": "52:54:00:00:00:03", "ip": "10.1.0.21/24"},
]


class NetBox:
    """The few calls such scripts make, counting the objects they create."""

    def __init__(self, url: str, token: str) -> None:
        self.url = f"{url}/api"
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        )
        self.created = 0

    def first(self, path: str, **params: Any) -> dict[str, Any] | None:
        response = self.session.get(f"{self.url}/{path}/", params=params, timeout=30)
        response.raise_for_status()
        results = response.json()["results"]
        return results[0] if results else None

    def create(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.session.post(f"{self.url}/{path}/", json=body, timeout=30)
        assert response.status_code == 201, response.text
        self.created += 1
        return response.json()  # type: ignore[no-any-return]

    def patch(self, path: str, pk: int, body: dict[str, Any]) -> dict[str, Any]:
        response = self.session.patch(f"{self.url}/{path}/{pk}/", json=body, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]


def sync_vm(nb: NetBox, cluster_id: int, spec: dict[str, Any]) -> None:
    vm = nb.first("virtualization/virtual-machines", name=spec["name"], cluster_id=cluster_id)
    if vm is None:
        vm = nb.create(
            "virtualization/virtual-machines",
            {
                "name": spec["name"],
                "cluster": cluster_id,
                "status": "active",
                "vcpus": spec["vcpus"],
                "memory": spec["memory"],
            },
        )
    iface = nb.first("virtualization/interfaces", virtual_machine_id=vm["id"], name="eth0")
    if iface is None:
        iface = nb.create(
            "virtualization/interfaces", {"virtual_machine": vm["id"], "name": "eth0"}
        )
    mac = nb.first("dcim/mac-addresses", mac_address=spec["mac"], vminterface_id=iface["id"])
    if mac is None:
        mac = nb.create(
            "dcim/mac-addresses",
            {
                "mac_address": spec["mac"],
                "assigned_object_type": "virtualization.vminterface",
                "assigned_object_id": iface["id"],
            },
        )
    if (iface.get("primary_mac_address") or {}).get("id") != mac["id"]:
        nb.patch("virtualization/interfaces", iface["id"], {"primary_mac_address": mac["id"]})
    ip = nb.first("ipam/ip-addresses", address=spec["ip"], vminterface_id=iface["id"])
    if ip is None:
        ip = nb.create(
            "ipam/ip-addresses",
            {
                "address": spec["ip"],
                "status": "active",
                "assigned_object_type": "virtualization.vminterface",
                "assigned_object_id": iface["id"],
            },
        )
    if (vm.get("primary_ip4") or {}).get("id") != ip["id"]:
        nb.patch("virtualization/virtual-machines", vm["id"], {"primary_ip4": ip["id"]})


def test_vm_sync_run_twice_creates_nothing_the_second_time(server_url: str, token: str) -> None:
    kvm = ClusterType.objects.create(name="Proxmox", slug="proxmox")
    cluster = Cluster.objects.create(name="pve1", type=kvm)

    first = NetBox(server_url, token)
    for spec in HYPERVISOR_VMS:
        sync_vm(first, cluster.pk, spec)
    changes_after_first = ObjectChange.objects.count()

    second = NetBox(server_url, token)
    for spec in HYPERVISOR_VMS:
        sync_vm(second, cluster.pk, spec)

    assert first.created == 12
    assert second.created == 0
    assert ObjectChange.objects.count() == changes_after_first
    assert VirtualMachine.objects.count() == 3
    assert VMInterface.objects.count() == 3
    db01 = VirtualMachine.objects.get(name="db01")
    assert str(db01.primary_ip4.address) == "10.1.0.21/24"
    assert db01.interfaces.get().primary_mac_address.mac_address == "52:54:00:00:00:03"
