"""Issue 3's filters over REST: the ones the facts file lists that were still missing,
the chunked id queries the Ansible inventory sends, and the OpenAPI document listing
every filter the issue names (nb_inventory drops the ones the schema does not list)."""

from __future__ import annotations

from typing import Any

import pytest
from netaddr import IPNetwork
from rest_framework.test import APIClient

from dcim.models import (
    DeviceType,
    Interface,
    InterfaceTemplate,
    Manufacturer,
    VirtualChassis,
)
from extras.models import Tag
from ipam.models import IPAddress, Service
from tenancy.models import Tenant, TenantGroup
from virtualization.models import (
    Cluster,
    ClusterType,
    VirtualDisk,
    VirtualMachine,
    VMInterface,
)


def ids(api: APIClient, path: str, params: dict[str, Any]) -> list[int]:
    response = api.get(path, params)
    assert response.status_code == 200, response.json()
    return sorted(row["id"] for row in response.json()["results"])


def test_device_component_count_filters(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    two, none = make_device("two"), make_device("none")
    make_interface(two, "ge-0/0/0")
    make_interface(two, "ge-0/0/1")

    assert ids(api, "/api/dcim/devices/", {"interface_count": 2}) == [two.pk]
    assert ids(api, "/api/dcim/devices/", {"interface_count__lt": 1}) == [none.pk]
    assert ids(api, "/api/dcim/devices/", {"console_port_count": 0}) == [two.pk, none.pk]
    response = api.get("/api/dcim/devices/", {"interface_count": "many"})
    assert response.status_code == 400 and "interface_count" in response.json()


def test_device_type_count_filters(
    api: APIClient, manufacturer: Manufacturer, make_device: Any, device_type: DeviceType
) -> None:
    spare = DeviceType.objects.create(manufacturer=manufacturer, model="Spare", slug="spare")
    InterfaceTemplate.objects.create(device_type=spare, name="eth0", type="1000base-t")
    make_device("r1")

    path = "/api/dcim/device-types/"
    assert ids(api, path, {"device_count": 1}) == [device_type.pk]
    assert ids(api, path, {"device_count__gte": 0}) == sorted([device_type.pk, spare.pk])
    assert ids(api, path, {"interface_template_count__gt": 0}) == [spare.pk]


def test_interfaces_of_a_chassis_member_or_its_master(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    master, member = make_device("sw1"), make_device("sw2")
    chassis = VirtualChassis.objects.create(name="stack", master=master)
    for position, device in enumerate((master, member), start=1):
        device.virtual_chassis, device.vc_position = chassis, position
        device.save()
    on_master, on_member = make_interface(master, "ge-1/0/0"), make_interface(member, "ge-2/0/0")
    both = sorted([on_master.pk, on_member.pk])

    path = "/api/dcim/interfaces/"
    assert ids(api, path, {"virtual_chassis_member": "sw2"}) == both
    assert ids(api, path, {"virtual_chassis_member_or_master": "sw1"}) == both
    assert ids(api, path, {"virtual_chassis_member_or_master_id": master.pk}) == both
    # A member that is not the master sees only its own interfaces.
    assert ids(api, path, {"virtual_chassis_member_or_master": "sw2"}) == [on_member.pk]
    assert ids(api, path, {"virtual_chassis_member_or_master": "nobody"}) == []


def test_cable_profile_and_tenant_group_filters(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    device = make_device("r1")
    a, b, c, d = (make_interface(device, f"ge-0/0/{n}") for n in range(4))
    group = TenantGroup.objects.create(name="Customers", slug="customers")
    tenant = Tenant.objects.create(name="Acme", slug="acme", group=group)

    def cable(x: Interface, y: Interface, **fields: Any) -> int:
        body = {
            "a_terminations": [{"object_type": "dcim.interface", "object_id": x.pk}],
            "b_terminations": [{"object_type": "dcim.interface", "object_id": y.pk}],
            **fields,
        }
        response = api.post("/api/dcim/cables/", body, format="json")
        assert response.status_code == 201, response.json()
        return int(response.json()["id"])

    trunk = cable(a, b, profile="trunk-2c1p", tenant=tenant.pk)
    plain = cable(c, d)

    path = "/api/dcim/cables/"
    assert ids(api, path, {"profile": "trunk-2c1p"}) == [trunk]
    assert ids(api, path, {"tenant_group": "customers"}) == [trunk]
    assert ids(api, path, {"tenant_group_id": group.pk}) == [trunk]
    assert ids(api, path, {"tenant_group_id": "null"}) == [plain]
    response = api.get(path, {"profile": "no-such-profile"})
    assert response.status_code == 400 and "profile" in response.json()


@pytest.fixture
def inventory(make_device: Any, make_interface: Any) -> dict[str, Any]:
    """Two devices and two VMs, each with an interface, an IP, a service and (VMs) a disk."""
    cluster = Cluster.objects.create(name="c1", type=ClusterType.objects.create(name="K", slug="k"))
    world: dict[str, Any] = {"devices": [], "vms": [], "interfaces": [], "vm_interfaces": []}
    world["ips"], world["services"], world["disks"] = [], [], []
    for n in range(2):
        device = make_device(f"r{n}")
        interface = make_interface(device, "eth0")
        vm = VirtualMachine.objects.create(name=f"vm{n}", cluster=cluster)
        vm_interface = VMInterface.objects.create(virtual_machine=vm, name="eth0")
        world["devices"].append(device)
        world["vms"].append(vm)
        world["interfaces"].append(interface)
        world["vm_interfaces"].append(vm_interface)
        for holder, assigned, n_ip in ((device, interface, 1), (vm, vm_interface, 2)):
            world["ips"].append(
                IPAddress.objects.create(
                    address=IPNetwork(f"192.0.{n_ip}.{n + 1}/24"), assigned_object=assigned
                )
            )
            world["services"].append(
                Service.objects.create(parent=holder, name="ssh", protocol="tcp", ports=[22])
            )
        world["disks"].append(VirtualDisk.objects.create(virtual_machine=vm, name="d", size=10))
    return world


def test_inventory_chunked_id_filters_or_their_values(
    api: APIClient, inventory: dict[str, Any]
) -> None:
    """nb_inventory (fetch_all: false) repeats one id parameter per host in one URL."""

    def pks(key: str) -> list[int]:
        return sorted(obj.pk for obj in inventory[key])

    devices, vms = pks("devices"), pks("vms")
    assert ids(api, "/api/dcim/interfaces/", {"device_id": devices}) == pks("interfaces")
    assert ids(api, "/api/virtualization/interfaces/", {"virtual_machine_id": vms}) == pks(
        "vm_interfaces"
    )
    on_devices = sorted(
        ip.pk for ip in inventory["ips"] if ip.assigned_object_type.model == "interface"
    )
    on_vms = sorted(ip.pk for ip in inventory["ips"] if ip.pk not in on_devices)
    assert ids(api, "/api/ipam/ip-addresses/", {"device_id": devices}) == on_devices
    assert ids(api, "/api/ipam/ip-addresses/", {"virtual_machine_id": vms}) == on_vms
    assert ids(api, "/api/ipam/ip-addresses/", {"assigned_to_interface": "true"}) == pks("ips")
    assert ids(api, "/api/ipam/ip-addresses/", {"interface_id": pks("interfaces")}) == on_devices
    assert ids(api, "/api/ipam/ip-addresses/", {"vminterface_id": pks("vm_interfaces")}) == on_vms
    assert ids(api, "/api/ipam/services/", {"parent_object_id": [*devices, *vms]}) == pks(
        "services"
    )
    assert ids(api, "/api/virtualization/virtual-disks/", {"virtual_machine_id": vms}) == pks(
        "disks"
    )


def test_device_and_vm_filters_the_issue_names(
    api: APIClient, inventory: dict[str, Any], make_interface: Any
) -> None:
    """`cluster_id`, `tag` and `mac_address` on devices and VMs (the rest have their own
    tests in test_api_devices / virtualization/test_api)."""
    r0, r1 = inventory["devices"]
    vm0, _ = inventory["vms"]
    r1.cluster = vm0.cluster
    r1.save()
    Tag.objects.create(name="Edge", slug="edge")
    for path in (f"/api/dcim/devices/{r0.pk}/", f"/api/virtualization/virtual-machines/{vm0.pk}/"):
        response = api.patch(path, {"tags": [{"slug": "edge"}]}, format="json")
        assert response.status_code == 200, response.json()
    for holder, assigned_type, assigned_id in (
        ("device", "dcim.interface", inventory["interfaces"][0].pk),
        ("vm", "virtualization.vminterface", inventory["vm_interfaces"][0].pk),
    ):
        response = api.post(
            "/api/dcim/mac-addresses/",
            {
                "mac_address": "00:11:22:33:44:55" if holder == "device" else "00:11:22:33:44:66",
                "assigned_object_type": assigned_type,
                "assigned_object_id": assigned_id,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()

    devices, vms = "/api/dcim/devices/", "/api/virtualization/virtual-machines/"
    assert ids(api, devices, {"cluster_id": vm0.cluster_id}) == [r1.pk]
    assert ids(api, devices, {"tag": "edge"}) == [r0.pk]
    assert ids(api, devices, {"mac_address": "00:11:22:33:44:55"}) == [r0.pk]
    assert ids(api, vms, {"tag": "edge"}) == [vm0.pk]
    assert ids(api, vms, {"mac_address": "00:11:22:33:44:66"}) == [vm0.pk]
    assert api.get(devices, {"tag": "missing"}).status_code == 400
    assert api.get(devices, {"cluster_id": 999999}).status_code == 400


# The filters issue 3 names, per list path: nb_inventory reads the first two paths'
# parameters from /api/schema/ and drops query filters it does not find there.
SCHEMA_FILTERS = {
    "/api/dcim/devices/": (
        "q",
        "site",
        "site_id",
        "role",
        "role_id",
        "status",
        "tag",
        "cluster_id",
        "mac_address",
        "platform",
        "tenant",
        "has_primary_ip",
        "interface_count",
    ),
    "/api/virtualization/virtual-machines/": (
        "q",
        "site",
        "role",
        "status",
        "tag",
        "cluster_id",
        "mac_address",
        "platform",
        "tenant",
        "has_primary_ip",
    ),
    "/api/dcim/interfaces/": (
        "device_id",
        "virtual_chassis_member_id",
        "virtual_chassis_member_or_master_id",
        "mac_address",
    ),
    "/api/virtualization/interfaces/": ("virtual_machine_id", "mac_address"),
    "/api/ipam/ip-addresses/": (
        "device_id",
        "virtual_machine_id",
        "interface_id",
        "vminterface_id",
        "assigned_to_interface",
    ),
    "/api/ipam/services/": ("parent_object_id", "device_id", "virtual_machine_id"),
    "/api/virtualization/virtual-disks/": ("virtual_machine_id",),
    "/api/dcim/cables/": ("profile", "tenant_group_id", "device_id"),
    "/api/dcim/device-types/": ("device_count", "interface_template_count"),
}


def test_schema_lists_the_filters_the_issue_names(api: APIClient) -> None:
    document = api.get("/api/schema/", {"format": "json"}).json()
    for path, wanted in SCHEMA_FILTERS.items():
        names = {param["name"] for param in document["paths"][path]["get"]["parameters"]}
        missing = sorted(set(wanted) - names)
        assert not missing, f"{path} does not list {missing}"
