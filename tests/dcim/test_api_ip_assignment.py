"""Assigning IPs to interfaces in a list POST (the DCIM benchmark's write): the targets
are loaded once per type, not once per item, and bad items still get their 400."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Interface
from ipam.models import IPAddress

IPS = "/api/ipam/ip-addresses/"


def bodies(interfaces: list[Interface], first_host: int) -> list[dict[str, Any]]:
    return [
        {
            "address": f"192.0.2.{first_host + n}/24",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": interface.pk,
        }
        for n, interface in enumerate(interfaces)
    ]


def test_a_list_post_costs_the_same_queries_for_2_or_19_ips(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    device = make_device("r1")
    interfaces = [make_interface(device, f"ge-0/0/{n}") for n in range(22)]

    def queries(payload: list[dict[str, Any]]) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.post(IPS, payload, format="json")
        assert response.status_code == 201, response.json()
        return len(captured)

    api.get("/api/status/")  # the token's last-used stamp is written on the first request
    queries(bodies(interfaces[:1], 1))  # warm-up: per-process caches (content types, fields)
    small = queries(bodies(interfaces[1:3], 2))
    assert queries(bodies(interfaces[3:], 10)) == small
    ips = IPAddress.objects.filter(assigned_object_id__in=[i.pk for i in interfaces])
    assert ips.count() == 22
    assert all(ip.assigned_object_type.model == "interface" for ip in ips)


def test_a_missing_interface_in_a_list_is_a_400_on_its_item(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    good = make_interface(make_device("r1"), "ge-0/0/0")
    payload = bodies([good, good], 1)
    payload[1]["assigned_object_id"] = 999999
    payload.append({**payload[0], "address": "192.0.2.9/24", "assigned_object_type": "dcim.site"})

    response = api.post(IPS, payload, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert errors[0] == {}
    assert "assigned_object_id" in errors[1]
    assert "assigned_object_type" in errors[2]
    assert not IPAddress.objects.exists()


def test_a_list_post_of_devices_looks_up_each_named_object_once(
    api: APIClient, make_device: Any
) -> None:
    """Site, role and device type are read once per request, not once per device, and
    not again to check they exist (devices are still validated one after the other, as
    NetBox does: a name check and a savepoint each)."""
    template = make_device("template")
    body = {
        "device_type": template.device_type_id,
        "role": template.role_id,
        "site": template.site_id,
    }
    tables = ('FROM "dcim_site"', 'FROM "dcim_devicerole"', 'FROM "dcim_devicetype"')

    def lookups(names: list[str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.post(
                "/api/dcim/devices/", [{**body, "name": name} for name in names], format="json"
            )
        assert response.status_code == 201, response.json()
        return sum(
            1 for query in captured.captured_queries if any(t in query["sql"] for t in tables)
        )

    api.get("/api/status/")
    assert lookups([f"b{n}" for n in range(10)]) == lookups(["a1", "a2"])
    missing = api.post("/api/dcim/devices/", [{**body, "name": "c", "site": 999999}], format="json")
    assert missing.status_code == 400 and "site" in missing.json()[0]
