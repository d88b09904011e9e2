"""Services and FHRP groups over the REST API."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Site
from ipam.models import FHRPGroup, IPAddress, Service


@pytest.fixture
def device(db: None) -> Device:
    manufacturer = Manufacturer.objects.create(name="Acme", slug="acme")
    device_type = DeviceType.objects.create(manufacturer=manufacturer, model="X1", slug="x1")
    role = DeviceRole.objects.create(name="Server", slug="server")
    site = Site.objects.create(name="DC1", slug="dc1")
    return Device.objects.create(name="srv1", device_type=device_type, role=role, site=site)


def test_service_on_a_device(api: APIClient, device: Device) -> None:
    ip = IPAddress.objects.create(address="192.0.2.5/24")
    response = api.post(
        "/api/ipam/services/",
        {
            "parent_object_type": "dcim.device",
            "parent_object_id": device.pk,
            "name": "ssh",
            "protocol": "tcp",
            "ports": [22],
            "ipaddresses": [ip.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["display"] == "ssh (TCP/22)"
    assert data["parent"]["name"] == "srv1"
    assert data["ipaddresses"][0]["address"] == "192.0.2.5/24"

    def ids(query: str) -> list[int]:
        return [s["id"] for s in api.get(f"/api/ipam/services/?{query}").json()["results"]]

    assert ids("device=srv1") == [data["id"]]
    assert ids(f"device_id={device.pk}&port=22") == [data["id"]]
    assert ids("port=80") == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parent_object_id": 999999}, "parent_object_id"),
        ({"parent_object_type": "dcim.site"}, "parent_object_type"),
        ({"ports": [0]}, "ports"),
        ({"protocol": "icmp"}, "protocol"),
    ],
)
def test_service_bad_input(
    api: APIClient, device: Device, change: dict[str, Any], field: str
) -> None:
    body = {
        "parent_object_type": "dcim.device",
        "parent_object_id": device.pk,
        "name": "ssh",
        "protocol": "tcp",
        "ports": [22],
        **change,
    }
    response = api.post("/api/ipam/services/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Service.objects.exists()


def test_fhrp_group_and_assignment(api: APIClient, device: Device) -> None:
    interface = Interface.objects.create(device=device, name="eth0", type="1000base-t")
    group = api.post(
        "/api/ipam/fhrp-groups/", {"protocol": "vrrp2", "group_id": 10}, format="json"
    ).json()
    assert group["display"] == "VRRPv2: 10"
    vip = api.post(
        "/api/ipam/ip-addresses/",
        {
            "address": "192.0.2.1/24",
            "role": "vrrp",
            "assigned_object_type": "ipam.fhrpgroup",
            "assigned_object_id": group["id"],
        },
        format="json",
    )
    assert vip.status_code == 201, vip.json()
    assert vip.json()["assigned_object"]["group_id"] == 10

    assignment = api.post(
        "/api/ipam/fhrp-group-assignments/",
        {
            "group": group["id"],
            "interface_type": "dcim.interface",
            "interface_id": interface.pk,
            "priority": 200,
        },
        format="json",
    )
    assert assignment.status_code == 201, assignment.json()
    assert assignment.json()["interface"]["device"]["name"] == "srv1"
    listed = api.get(f"/api/ipam/fhrp-group-assignments/?device_id={device.pk}").json()
    assert listed["count"] == 1
    detail = api.get(f"/api/ipam/fhrp-groups/{group['id']}/").json()
    assert [ip["address"] for ip in detail["ip_addresses"]] == ["192.0.2.1/24"]
    counts = api.get(f"/api/dcim/interfaces/{interface.pk}/").json()
    assert counts["count_fhrp_groups"] == 1
    assert FHRPGroup.objects.get(pk=group["id"]).assignments.count() == 1
