"""The real Ansible dynamic inventory: `ansible-inventory --list` with the
netbox.netbox.nb_inventory plugin (bundled by PyPI `ansible`) against a live server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from netaddr import IPNetwork

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Site
from extras.models import ConfigContext, Tag
from ipam.models import IPAddress
from virtualization.models import Cluster, ClusterType, VirtualMachine, VMInterface

pytestmark = pytest.mark.live

ANSIBLE_INVENTORY = Path(sys.executable).parent / "ansible-inventory"


def run_inventory(server_url: str, token: str, workdir: Path) -> dict[str, Any]:
    config = workdir / "netbox_inventory.yml"
    config.write_text(
        "plugin: netbox.netbox.nb_inventory\n"
        f"api_endpoint: {server_url}\n"
        "token:\n"
        "  type: Bearer\n"
        f"  value: {token}\n"
        "validate_certs: false\n"
        "config_context: true\n"
        "group_by:\n"
        "  - device_roles\n"
        "  - sites\n"
        "  - tags\n"
        "query_filters:\n"
        "  - status: active\n"
    )
    env = {
        **os.environ,
        "HOME": str(workdir),
        "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"),
        "ANSIBLE_INVENTORY_ENABLED": "netbox.netbox.nb_inventory",
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true",
        "ANSIBLE_NOCOLOR": "1",
    }
    result = subprocess.run(
        [str(ANSIBLE_INVENTORY), "-i", str(config), "--list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return plain(json.loads(result.stdout))  # type: ignore[no-any-return]


def plain(value: Any) -> Any:
    """The inventory with Ansible's "unsafe" string markers ({"__ansible_unsafe": s})
    replaced by the strings themselves."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def device(name: str, site: Site, role: DeviceRole, status: str, address: str) -> Device:
    vendor, _ = Manufacturer.objects.get_or_create(name="Acme", slug="acme")
    kind, _ = DeviceType.objects.get_or_create(manufacturer=vendor, model="S48", slug="s48")
    host = Device.objects.create(name=name, device_type=kind, role=role, site=site, status=status)
    iface = Interface.objects.create(device=host, name="mgmt0", type="1000base-t")
    host.primary_ip4 = IPAddress.objects.create(address=IPNetwork(address), assigned_object=iface)
    host.save()
    return host


def test_inventory_groups_active_devices_and_vms(
    server_url: str, token: str, tmp_path: Path
) -> None:
    dc1 = Site.objects.create(name="DC1", slug="dc1")
    dc2 = Site.objects.create(name="DC2", slug="dc2")
    leaf = DeviceRole.objects.create(name="Leaf", slug="leaf")
    app = DeviceRole.objects.create(name="App", slug="app")
    prod = Tag.objects.create(name="Prod", slug="prod")
    leaf1 = device("leaf1", dc1, leaf, "active", "192.0.2.1/24")
    device("leaf2", dc2, leaf, "active", "192.0.2.2/24")
    device("old", dc1, leaf, "offline", "192.0.2.3/24")
    leaf1.tagged_items.create(tag=prod)
    cluster = Cluster.objects.create(
        name="c1", type=ClusterType.objects.create(name="KVM", slug="kvm"), scope=dc1
    )
    vm = VirtualMachine.objects.create(name="app01", cluster=cluster, site=dc1, role=app)
    vm_if = VMInterface.objects.create(virtual_machine=vm, name="eth0")
    vm.primary_ip4 = IPAddress.objects.create(
        address=IPNetwork("198.51.100.5/24"), assigned_object=vm_if
    )
    vm.save()
    vm.tagged_items.create(tag=prod)
    context = ConfigContext.objects.create(name="ntp", data={"ntp": ["10.0.0.1"]})
    context.sites.set([dc1])

    inventory = run_inventory(server_url, token, tmp_path)

    hostvars = inventory["_meta"]["hostvars"]
    assert sorted(hostvars) == ["app01", "leaf1", "leaf2"]
    assert hostvars["leaf1"]["ansible_host"] == "192.0.2.1"
    assert hostvars["app01"]["ansible_host"] == "198.51.100.5"
    # The plugin wraps the merged context in a list (unless flatten_config_context).
    assert hostvars["leaf1"]["config_context"] == [{"ntp": ["10.0.0.1"]}]
    assert hostvars["app01"]["config_context"] == [{"ntp": ["10.0.0.1"]}]
    assert hostvars["leaf2"]["config_context"] == [{}]

    def members(group: str) -> list[str]:
        return sorted(inventory.get(group, {}).get("hosts", []))

    assert members("sites_dc1") == ["app01", "leaf1"]
    assert members("sites_dc2") == ["leaf2"]
    assert members("device_roles_leaf") == ["leaf1", "leaf2"]
    assert members("device_roles_app") == ["app01"]
    assert members("tags_prod") == ["app01", "leaf1"]
