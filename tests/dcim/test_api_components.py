"""Interfaces and other components over the REST API: shapes, cabling state, trace,
deletes through the services, IP assignment, and the bad-input rules of issue 3."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Cable, CableTermination, Device, FrontPort, Interface, RearPort, Site
from ipam.models import VLAN, IPAddress
from ipamcore.models import ObjectChange

INTERFACES = "/api/dcim/interfaces/"
CABLES = "/api/dcim/cables/"
IPS = "/api/ipam/ip-addresses/"

# Appendix A.3 of the facts file, without the models not built yet (VDCs, modules,
# wireless, L2VPN, VLAN translation, owners).
INTERFACE_KEYS = [
    "id",
    "url",
    "display_url",
    "display",
    "device",
    "name",
    "label",
    "type",
    "enabled",
    "parent",
    "bridge",
    "bridge_interfaces",
    "lag",
    "mtu",
    "mac_address",
    "primary_mac_address",
    "mac_addresses",
    "speed",
    "duplex",
    "wwn",
    "mgmt_only",
    "description",
    "mode",
    "poe_mode",
    "poe_type",
    "untagged_vlan",
    "tagged_vlans",
    "qinq_svlan",
    "vrf",
    "mark_connected",
    "cable",
    "cable_end",
    "link_peers",
    "link_peers_type",
    "connected_endpoints",
    "connected_endpoints_type",
    "connected_endpoints_reachable",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
    "count_ipaddresses",
    "count_fhrp_groups",
    "_occupied",
]
NESTED_INTERFACE_KEYS = [
    "id",
    "url",
    "display",
    "device",
    "name",
    "description",
    "cable",
    "_occupied",
]


def terms(*interfaces: Interface) -> list[dict[str, Any]]:
    return [{"object_type": "dcim.interface", "object_id": i.pk} for i in interfaces]


def cable_between(api: APIClient, a: Interface, b: Interface, **fields: Any) -> dict[str, Any]:
    body = {"a_terminations": terms(a), "b_terminations": terms(b), **fields}
    response = api.post(CABLES, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def pair(make_device: Any, make_interface: Any) -> tuple[Interface, Interface]:
    r1, sw1 = make_device("r1"), make_device("sw1")
    return make_interface(r1, "xe-0/0/0"), make_interface(sw1, "et-1/0/1")


def test_interface_shape(api: APIClient, pair: tuple[Interface, Interface]) -> None:
    a, b = pair
    cable = cable_between(api, a, b, type="cat6")
    IPAddress.objects.create(address="192.0.2.10/24", assigned_object=a)

    data = api.get(f"{INTERFACES}{a.pk}/").json()
    assert list(data) == INTERFACE_KEYS
    assert data["device"] == {
        "id": a.device_id,
        "url": f"http://testserver/api/dcim/devices/{a.device_id}/",
        "display": "r1",
        "name": "r1",
        "description": "",
    }
    assert data["type"] == {"value": "1000base-t", "label": "1000BASE-T (1GE)"}
    assert data["cable"]["id"] == cable["id"] and data["cable"]["display"] == f"#{cable['id']}"
    assert data["cable_end"] == "A"
    assert data["link_peers_type"] == "dcim.interface"
    assert [peer["id"] for peer in data["link_peers"]] == [b.pk]
    assert data["link_peers"][0]["device"]["name"] == "sw1"
    assert data["link_peers"][0]["_occupied"] is True
    assert data["connected_endpoints_type"] == "dcim.interface"
    assert [end["id"] for end in data["connected_endpoints"]] == [b.pk]
    assert data["connected_endpoints_reachable"] is True
    assert data["count_ipaddresses"] == 1
    assert data["_occupied"] is True

    brief = api.get(f"{INTERFACES}{a.pk}/?brief=1").json()
    assert list(brief) == NESTED_INTERFACE_KEYS


def test_uncabled_interface_state(api: APIClient, make_device: Any, make_interface: Any) -> None:
    interface = make_interface(make_device("r1"), "ge-0/0/1")
    data = api.get(f"{INTERFACES}{interface.pk}/").json()
    assert data["cable"] is None and data["cable_end"] is None
    assert data["link_peers"] == [] and data["link_peers_type"] is None
    assert data["connected_endpoints"] is None and data["connected_endpoints_type"] is None
    assert data["connected_endpoints_reachable"] is False


def test_ip_assigned_object_shape(api: APIClient, pair: tuple[Interface, Interface]) -> None:
    a, _ = pair
    response = api.post(
        IPS,
        {
            "address": "192.0.2.10/24",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": a.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assigned = response.json()["assigned_object"]
    assert list(assigned) == NESTED_INTERFACE_KEYS
    assert assigned["device"]["name"] == "r1"


def test_ip_on_missing_interface_is_400(api: APIClient) -> None:
    body = {
        "address": "192.0.2.10/24",
        "assigned_object_type": "dcim.interface",
        "assigned_object_id": 999999,
    }
    response = api.post(IPS, body, format="json")
    assert response.status_code == 400
    assert "assigned_object_id" in response.json()
    assert not IPAddress.objects.filter(address="192.0.2.10/24").exists()


def test_vlan_from_another_site_is_400(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    interface = make_interface(make_device("r1"), "ge-0/0/1")
    elsewhere = Site.objects.create(name="DC2", slug="dc2")
    vlan = VLAN.objects.create(vid=100, name="remote", site=elsewhere)
    url = f"{INTERFACES}{interface.pk}/"

    response = api.patch(url, {"mode": "access", "untagged_vlan": vlan.pk}, format="json")
    assert response.status_code == 400
    assert "untagged_vlan" in response.json()

    response = api.patch(url, {"mode": "tagged", "tagged_vlans": [vlan.pk]}, format="json")
    assert response.status_code == 400
    assert "tagged_vlans" in response.json()
    interface.refresh_from_db()
    assert interface.mode == "" and not interface.tagged_vlans.exists()


def test_tagged_vlans_need_a_tagged_mode(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    interface = make_interface(make_device("r1"), "ge-0/0/1")
    vlan = VLAN.objects.create(vid=200, name="users")
    url = f"{INTERFACES}{interface.pk}/"
    response = api.patch(url, {"tagged_vlans": [vlan.pk]}, format="json")
    assert response.status_code == 400 and "tagged_vlans" in response.json()

    response = api.patch(url, {"mode": "tagged", "tagged_vlans": [vlan.pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert [v["vid"] for v in response.json()["tagged_vlans"]] == [200]

    response = api.patch(url, {"mode": None}, format="json")
    assert response.status_code == 200
    assert response.json()["mode"] is None and response.json()["tagged_vlans"] == []


def test_cable_shape_and_terminations(api: APIClient, pair: tuple[Interface, Interface]) -> None:
    a, b = pair
    cable = cable_between(api, a, b, type="cat6", color="ff0000", length=2, length_unit="m")
    assert cable["type"] == "cat6" and cable["color"] == "ff0000"
    assert cable["status"] == {"value": "connected", "label": "Connected"}
    assert cable["a_terminations"][0]["object_type"] == "dcim.interface"
    assert cable["a_terminations"][0]["object_id"] == a.pk
    assert cable["a_terminations"][0]["object"]["name"] == "xe-0/0/0"
    assert cable["b_terminations"][0]["object"]["device"]["name"] == "sw1"
    assert ObjectChange.objects.filter(changed_object_id=cable["id"], action="create").exists()

    rows = api.get(f"/api/dcim/cable-terminations/?cable={cable['id']}").json()
    assert rows["count"] == 2
    assert {row["cable_end"] for row in rows["results"]} == {"A", "B"}
    assert rows["results"][0]["termination"]["id"] in (a.pk, b.pk)

    listed = api.get(f"{CABLES}?device=r1").json()
    assert [c["id"] for c in listed["results"]] == [cable["id"]]
    assert api.get(f"{CABLES}?interface_id={b.pk}").json()["count"] == 1


def test_cable_rules_are_400s(
    api: APIClient, pair: tuple[Interface, Interface], make_interface: Any
) -> None:
    a, b = pair
    cable_between(api, a, b)
    third = make_interface(a.device, "xe-0/0/2")
    before = Cable.objects.count()

    # An end already on another cable.
    response = api.post(
        CABLES, {"a_terminations": terms(third), "b_terminations": terms(b)}, format="json"
    )
    assert response.status_code == 400
    assert "b_terminations" in response.json()

    # Both ends are required on create.
    response = api.post(CABLES, {"a_terminations": terms(third)}, format="json")
    assert response.status_code == 400 and "b_terminations" in response.json()

    # A missing end object.
    body = {
        "a_terminations": terms(third),
        "b_terminations": [{"object_type": "dcim.interface", "object_id": 999999}],
    }
    response = api.post(CABLES, body, format="json")
    assert response.status_code == 400 and "b_terminations" in response.json()

    # A type cables cannot attach to.
    body["b_terminations"] = [{"object_type": "dcim.site", "object_id": a.device.site_id}]
    response = api.post(CABLES, body, format="json")
    assert response.status_code == 400 and "b_terminations" in response.json()

    assert Cable.objects.count() == before
    third.refresh_from_db()
    assert third.cable_id is None


def test_cable_bulk_create_with_a_shared_end_writes_nothing(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    device = make_device("r1")
    a, b, c = (make_interface(device, f"ge-0/0/{n}") for n in range(3))
    body = [
        {"a_terminations": terms(a), "b_terminations": terms(b)},
        {"a_terminations": terms(c), "b_terminations": terms(b)},
    ]
    response = api.post(CABLES, body, format="json")
    assert response.status_code == 400
    assert not Cable.objects.exists() and not CableTermination.objects.exists()


def test_cable_update_and_delete(
    api: APIClient, pair: tuple[Interface, Interface], make_interface: Any
) -> None:
    a, b = pair
    cable = cable_between(api, a, b)
    other = make_interface(b.device, "et-1/0/2")
    response = api.patch(
        f"{CABLES}{cable['id']}/",
        {"b_terminations": terms(other), "label": "uplink"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["b_terminations"][0]["object_id"] == other.pk
    b.refresh_from_db()
    assert b.cable_id is None
    peers = api.get(f"{INTERFACES}{a.pk}/").json()["link_peers"]
    assert [peer["id"] for peer in peers] == [other.pk]

    assert api.delete(f"{CABLES}{cable['id']}/").status_code == 204
    a.refresh_from_db()
    other.refresh_from_db()
    assert a.cable_id is None and other.cable_id is None
    assert api.get(f"{INTERFACES}{a.pk}/").json()["connected_endpoints"] is None


def test_trace_and_paths(api: APIClient, make_device: Any, make_interface: Any) -> None:
    r1, patch, sw1 = make_device("r1"), make_device("patch"), make_device("sw1")
    a, z = make_interface(r1, "ge-0/0/0"), make_interface(sw1, "ge-0/0/0")
    rear = RearPort.objects.create(device=patch, name="rear1", type="8p8c")
    front = FrontPort.objects.create(device=patch, name="front1", type="8p8c", rear_port=rear)
    api.post(
        CABLES,
        {
            "a_terminations": terms(a),
            "b_terminations": [{"object_type": "dcim.frontport", "object_id": front.pk}],
        },
        format="json",
    )
    api.post(
        CABLES,
        {
            "a_terminations": [{"object_type": "dcim.rearport", "object_id": rear.pk}],
            "b_terminations": terms(z),
        },
        format="json",
    )

    hops = api.get(f"{INTERFACES}{a.pk}/trace/").json()
    assert len(hops) == 2
    near, cable, far = hops[0]
    assert [obj["id"] for obj in near] == [a.pk]
    assert cable["status"] == "connected" and "display_url" in cable
    assert [obj["name"] for obj in far] == ["front1"]
    assert [obj["id"] for obj in hops[1][2]] == [z.pk]

    data = api.get(f"{INTERFACES}{a.pk}/").json()
    assert [end["id"] for end in data["connected_endpoints"]] == [z.pk]

    paths = api.get(f"/api/dcim/front-ports/{front.pk}/paths/").json()
    assert len(paths) == 2
    assert all(path["is_complete"] and path["is_active"] for path in paths)
    assert {path["path"][0][0]["id"] for path in paths} == {a.pk, z.pk}


def test_interface_delete_keeps_ips(api: APIClient, pair: tuple[Interface, Interface]) -> None:
    a, b = pair
    cable_between(api, a, b)
    ip = IPAddress.objects.create(address="192.0.2.10/24", assigned_object=a)
    assert api.delete(f"{INTERFACES}{a.pk}/").status_code == 204
    ip.refresh_from_db()
    assert ip.assigned_object_id is None
    b.refresh_from_db()
    assert b.cable_id is not None  # the cable stays, its A end is gone
    assert api.get(f"{INTERFACES}{b.pk}/").json()["connected_endpoints"] is None


def test_mac_addresses(api: APIClient, make_device: Any, make_interface: Any) -> None:
    interface = make_interface(make_device("r1"), "ge-0/0/0")
    response = api.post(
        "/api/dcim/mac-addresses/",
        {
            "mac_address": "00:11:22:aa:bb:cc",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": interface.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    mac = response.json()
    assert mac["mac_address"] == "00:11:22:AA:BB:CC"
    assert mac["assigned_object"]["name"] == "ge-0/0/0"

    response = api.patch(
        f"{INTERFACES}{interface.pk}/", {"primary_mac_address": mac["id"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["mac_address"] == "00:11:22:AA:BB:CC"
    assert [m["id"] for m in data["mac_addresses"]] == [mac["id"]]
    filtered = api.get("/api/dcim/mac-addresses/?device=r1&primary=true").json()
    assert filtered["count"] == 1
    assert api.get(f"{INTERFACES}?mac_address=00:11:22:AA:BB:CC").json()["count"] == 1


def test_interface_filters(api: APIClient, pair: tuple[Interface, Interface]) -> None:
    a, b = pair
    cable_between(api, a, b)
    virtual = Interface.objects.create(device=a.device, name="lo0", type="virtual")

    def names(query: str) -> list[str]:
        return [i["name"] for i in api.get(f"{INTERFACES}?{query}").json()["results"]]

    assert names("device=r1") == ["lo0", "xe-0/0/0"]
    assert names(f"device_id={a.device_id}&kind=virtual") == ["lo0"]
    assert names("device=r1&cabled=true") == ["xe-0/0/0"]
    assert names("device=r1&connected=false") == ["lo0"]
    assert names("device=r1&name__ic=xe") == ["xe-0/0/0"]
    assert names(f"site_id={a.device.site_id}&type=virtual") == [virtual.name]
    assert api.get(f"{INTERFACES}?device=nope").status_code == 400


def test_ip_filters_by_device_and_interface(
    api: APIClient, pair: tuple[Interface, Interface]
) -> None:
    a, b = pair
    on_a = IPAddress.objects.create(address="192.0.2.10/24", assigned_object=a)
    IPAddress.objects.create(address="192.0.2.20/24", assigned_object=b)
    IPAddress.objects.create(address="192.0.2.30/24")

    def ids(query: str) -> list[int]:
        return [ip["id"] for ip in api.get(f"{IPS}?{query}").json()["results"]]

    assert ids("device=r1") == [on_a.pk]
    assert ids(f"device_id={a.device_id}") == [on_a.pk]
    assert ids(f"interface_id={a.pk}") == [on_a.pk]
    assert ids("interface=xe-0/0/0") == [on_a.pk]
    assert len(ids("assigned_to_interface=true")) == 2
    assert len(ids("assigned=false")) == 1


def test_interface_list_queries_are_constant(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    def populate(count: int, prefix: str) -> None:
        device, peer = make_device(f"{prefix}-r"), make_device(f"{prefix}-s")
        for n in range(count):
            a = make_interface(device, f"ge-0/0/{n}")
            b = make_interface(peer, f"ge-0/0/{n}")
            cable_between(api, a, b)
            IPAddress.objects.create(address=f"10.{n}.0.1/24", assigned_object=a)

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"{INTERFACES}?{query}").status_code == 200
        return len(captured)

    populate(1, "small")
    small, small_all = queries("device=small-r"), queries("limit=100")
    populate(15, "big")
    assert queries("device=big-r") == small
    assert queries("limit=100") == small_all


def test_components_of_other_kinds(api: APIClient, make_device: Any) -> None:
    device = make_device("pdu")
    port = api.post(
        "/api/dcim/power-ports/",
        {"device": device.pk, "name": "PSU1", "type": "iec-60320-c14", "maximum_draw": 100},
        format="json",
    ).json()
    outlet = api.post(
        "/api/dcim/power-outlets/",
        {"device": device.pk, "name": "out1", "power_port": port["id"], "feed_leg": None},
        format="json",
    )
    assert outlet.status_code == 201, outlet.json()
    assert outlet.json()["power_port"]["id"] == port["id"]
    assert outlet.json()["feed_leg"] is None

    response = api.post(
        "/api/dcim/power-ports/",
        {"device": device.pk, "name": "PSU2", "maximum_draw": 100, "allocated_draw": 200},
        format="json",
    )
    assert response.status_code == 400 and "allocated_draw" in response.json()

    console = api.post(
        "/api/dcim/console-ports/",
        {"device": device.pk, "name": "con", "type": "rj-45", "speed": 115200},
        format="json",
    )
    assert console.json()["speed"] == {"value": 115200, "label": "115.2 kbps"}
    assert Device.objects.get(pk=device.pk).powerports.count() == 1
