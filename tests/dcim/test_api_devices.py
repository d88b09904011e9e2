"""The DCIM REST API for device types, racks, devices and virtual chassis: shapes,
side effects through the DCIM services, rules as 400s, filters and query-count guards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from netaddr import IPNetwork
from rest_framework.test import APIClient

from dcim.models import (
    Device,
    DeviceRole,
    DeviceType,
    FrontPortTemplate,
    Interface,
    InterfaceTemplate,
    Platform,
    PowerPortTemplate,
    Rack,
    RearPortTemplate,
    Site,
    VirtualChassis,
)
from extras.models import ConfigContext, Tag, TaggedItem
from ipam.models import IPAddress
from ipamcore.models import ObjectChange

DEVICES = "/api/dcim/devices/"


def with_ip(device: Device, address: str, name: str = "eth0") -> IPAddress:
    interface = Interface.objects.create(device=device, name=name, type="1000base-t")
    return IPAddress.objects.create(address=IPNetwork(address), assigned_object=interface)


def device_payload(device_type: DeviceType, role: DeviceRole, site: Site, **extra: Any) -> dict:
    return {"device_type": device_type.pk, "role": role.pk, "site": site.pk, **extra}


# --- shapes -------------------------------------------------------------------------------


def test_device_full_shape(api: APIClient, make_device: Any, rack: Rack) -> None:
    device = make_device("r1", rack=rack, position=Decimal(10), face="front")
    ip = with_ip(device, "192.0.2.10/24")
    device.primary_ip4 = ip
    device.save()

    data = api.get(f"{DEVICES}{device.pk}/").json()

    assert list(data)[:14] == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "device_type",
        "role",
        "tenant",
        "platform",
        "serial",
        "asset_tag",
        "site",
        "location",
        "rack",
    ]
    assert data["display"] == "r1"
    assert list(data["device_type"]) == [
        "id",
        "url",
        "display",
        "manufacturer",
        "model",
        "slug",
        "description",
        "device_count",
    ]
    assert data["device_type"]["device_count"] == 1
    assert list(data["role"]) == [
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
        "device_count",
        "virtualmachine_count",
        "_depth",
    ]
    assert list(data["rack"]) == ["id", "url", "display", "name", "description"]
    assert data["position"] == 10.0
    assert data["face"] == {"value": "front", "label": "Front"}
    assert data["primary_ip"] == data["primary_ip4"]
    assert list(data["primary_ip4"]) == [
        "id",
        "url",
        "display",
        "family",
        "address",
        "description",
        "dns_name",
        "nat_inside",
        "nat_outside",
    ]
    assert data["primary_ip4"]["address"] == "192.0.2.10/24"
    assert data["primary_ip6"] is None
    assert data["config_context"] == {}
    assert data["interface_count"] == 1
    assert data["console_port_count"] == 0


def test_config_context_is_merged_and_can_be_excluded(
    api: APIClient, make_device: Any, site: Site
) -> None:
    device = make_device("r1", local_context_data={"syslog": "192.0.2.9"})
    low = ConfigContext.objects.create(name="low", weight=100, data={"ntp": ["a"], "dns": "x"})
    high = ConfigContext.objects.create(name="high", weight=200, data={"ntp": ["b"]})
    high.sites.set([site])
    ConfigContext.objects.create(name="other site", data={"never": True}).sites.set(
        [Site.objects.create(name="DC2", slug="dc2")]
    )
    assert low.pk

    data = api.get(f"{DEVICES}{device.pk}/").json()
    assert data["config_context"] == {"ntp": ["b"], "dns": "x", "syslog": "192.0.2.9"}

    listed = api.get(DEVICES, {"exclude": "config_context"}).json()["results"][0]
    assert "config_context" not in listed and "local_context_data" in listed
    brief = api.get(DEVICES, {"brief": "1"}).json()["results"][0]
    assert list(brief) == ["id", "url", "display", "name", "description"]


def test_unnamed_device_display(api: APIClient, make_device: Any) -> None:
    device = make_device(None, asset_tag="A-1")
    data = api.get(f"{DEVICES}{device.pk}/").json()
    assert data["name"] is None
    assert data["display"] == "Juniper MX204 (A-1)"


def test_role_and_platform_trees(api: APIClient, make_device: Any) -> None:
    parent = DeviceRole.objects.create(name="Network", slug="network")
    child = DeviceRole.objects.create(name="Edge", slug="edge", parent=parent)
    make_device("r1", role=child)

    roles = {row["slug"]: row for row in api.get("/api/dcim/device-roles/").json()["results"]}
    assert roles["edge"]["parent"] == {
        "id": parent.pk,
        "url": f"http://testserver/api/dcim/device-roles/{parent.pk}/",
        "display_url": f"http://testserver/dcim/device-roles/{parent.pk}/",
        "display": "Network",
        "name": "Network",
    }
    assert roles["edge"]["_depth"] == 1
    # Counts include the devices of descendant roles.
    assert roles["network"]["device_count"] == 1

    platform = api.post(
        "/api/dcim/platforms/",
        {"name": "Junos", "slug": "junos", "manufacturer": {"slug": "juniper"}},
        format="json",
    )
    assert platform.status_code == 201, platform.json()
    assert platform.json()["manufacturer"]["slug"] == "juniper"
    assert platform.json()["_depth"] == 0


def test_device_type_counts(api: APIClient, device_type: DeviceType, make_device: Any) -> None:
    InterfaceTemplate.objects.create(
        device_type=device_type, name="et-0/0/0", type="100gbase-x-qsfp28"
    )
    make_device("r1")
    data = api.get(f"/api/dcim/device-types/{device_type.pk}/").json()
    assert data["device_count"] == 1
    assert data["interface_template_count"] == 1
    assert data["u_height"] == 1.0
    manufacturer = api.get(f"/api/dcim/manufacturers/{device_type.manufacturer_id}/").json()
    assert manufacturer["devicetype_count"] == 1


# --- components from templates ------------------------------------------------------------


@pytest.fixture
def templated_type(device_type: DeviceType) -> DeviceType:
    InterfaceTemplate.objects.create(device_type=device_type, name="eth0", type="1000base-t")
    InterfaceTemplate.objects.create(device_type=device_type, name="eth1", type="1000base-t")
    PowerPortTemplate.objects.create(device_type=device_type, name="PSU0")
    rear = RearPortTemplate.objects.create(
        device_type=device_type, name="R", type="8p8c", positions=1
    )
    FrontPortTemplate.objects.create(device_type=device_type, name="F", type="8p8c", rear_port=rear)
    return device_type


def test_create_instantiates_components(
    api: APIClient, templated_type: DeviceType, role: DeviceRole, site: Site
) -> None:
    response = api.post(
        DEVICES, device_payload(templated_type, role, site, name="r1"), format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["interface_count"] == 2
    assert data["power_port_count"] == 1
    assert data["front_port_count"] == data["rear_port_count"] == 1
    device = Device.objects.get(pk=data["id"])
    assert device.frontports.get().rear_port == device.rearports.get()
    assert ObjectChange.objects.filter(changed_object_type__model="interface").count() == 2


def test_bulk_create_instantiates_components_for_each_device(
    api: APIClient, templated_type: DeviceType, role: DeviceRole, site: Site
) -> None:
    payload = [device_payload(templated_type, role, site, name=f"r{n}") for n in range(3)]
    response = api.post(DEVICES, payload, format="json")
    assert response.status_code == 201, response.json()
    assert [item["interface_count"] for item in response.json()] == [2, 2, 2]
    assert Interface.objects.count() == 6


def test_delete_keeps_ip_addresses(api: APIClient, make_device: Any) -> None:
    device = make_device("r1")
    ip = with_ip(device, "192.0.2.10/24")
    device.primary_ip4 = ip
    device.save()

    assert api.delete(f"{DEVICES}{device.pk}/").status_code == 204

    ip.refresh_from_db()
    assert ip.assigned_object_id is None
    assert not Device.objects.exists() and not Interface.objects.exists()


def test_bulk_delete(api: APIClient, make_device: Any) -> None:
    devices = [make_device(f"r{n}") for n in range(2)]
    for device in devices:
        with_ip(device, f"192.0.2.{device.pk % 200 + 1}/24")
    response = api.delete(DEVICES, [{"id": d.pk} for d in devices], format="json")
    assert response.status_code == 204
    assert IPAddress.objects.count() == 2 and not Device.objects.exists()


# --- rules as 400s, nothing written -------------------------------------------------------


def test_primary_ip_must_be_on_the_device(api: APIClient, make_device: Any) -> None:
    device = make_device("r1")
    other = make_device("r2")
    ip = with_ip(other, "192.0.2.20/24")

    response = api.patch(f"{DEVICES}{device.pk}/", {"primary_ip4": ip.pk}, format="json")

    assert response.status_code == 400
    assert "primary_ip4" in response.json()
    assert "not assigned to this device" in response.json()["primary_ip4"][0]
    device.refresh_from_db()
    assert device.primary_ip4_id is None


def test_primary_ip_family_must_match(api: APIClient, make_device: Any) -> None:
    device = make_device("r1")
    ip = with_ip(device, "2001:db8::1/64")
    response = api.patch(f"{DEVICES}{device.pk}/", {"primary_ip4": ip.pk}, format="json")
    assert response.status_code == 400 and "primary_ip4" in response.json()
    ok = api.patch(f"{DEVICES}{device.pk}/", {"primary_ip6": ip.pk}, format="json")
    assert ok.status_code == 200
    assert ok.json()["primary_ip"]["address"] == "2001:db8::1/64"


def test_overlapping_rack_units(
    api: APIClient, make_device: Any, rack: Rack, device_type: DeviceType, role: DeviceRole
) -> None:
    make_device("r1", rack=rack, position=Decimal(10), face="front")
    payload = device_payload(
        device_type, role, rack.site, name="r2", rack=rack.pk, position=10, face="front"
    )

    response = api.post(DEVICES, payload, format="json")

    assert response.status_code == 400
    assert "position" in response.json()
    assert Device.objects.count() == 1


def test_bulk_create_with_one_bad_device_writes_nothing(
    api: APIClient, templated_type: DeviceType, role: DeviceRole, site: Site
) -> None:
    payload = [
        device_payload(templated_type, role, site, name="ok"),
        device_payload(templated_type, role, site, name="bad", face="front"),
    ]
    response = api.post(DEVICES, payload, format="json")
    assert response.status_code == 400
    assert response.json()[0] == {} and "face" in response.json()[1]
    assert not Device.objects.exists() and not Interface.objects.exists()


def test_bad_local_context_and_references(
    api: APIClient, device_type: DeviceType, role: DeviceRole, site: Site
) -> None:
    bad_context = api.post(
        DEVICES, device_payload(device_type, role, site, local_context_data=[1]), format="json"
    )
    assert bad_context.status_code == 400 and "local_context_data" in bad_context.json()
    missing = api.post(DEVICES, device_payload(device_type, role, site, rack=999999), format="json")
    assert missing.status_code == 400 and "rack" in missing.json()
    assert not Device.objects.exists()


# --- filters ------------------------------------------------------------------------------


def test_device_filters(api: APIClient, make_device: Any) -> None:
    parent = DeviceRole.objects.create(name="Network", slug="network")
    edge = DeviceRole.objects.create(name="Edge", slug="edge", parent=parent)
    r1 = make_device("Core-1", role=edge, serial="SN1")
    make_device("core-2")
    r1.primary_ip4 = with_ip(r1, "192.0.2.10/24")
    r1.save()

    def names(**params: Any) -> list[str]:
        response = api.get(DEVICES, params)
        assert response.status_code == 200, response.json()
        return sorted(row["name"] for row in response.json()["results"])

    assert names(name="core-1") == ["Core-1"]
    assert names(name=["core-1", "CORE-2"]) == ["Core-1", "core-2"]
    assert names(role="network") == ["Core-1"]
    assert names(role_id=parent.pk) == ["Core-1"]
    assert names(has_primary_ip="true") == ["Core-1"]
    assert names(has_primary_ip="false") == ["core-2"]
    assert names(q="192.0.2.10") == ["Core-1"]
    assert names(serial="sn1") == ["Core-1"]
    assert names(interfaces="true") == ["Core-1"]
    assert names(primary_ip4="192.0.2.10/24") == ["Core-1"]
    assert names(site="dc1", manufacturer="juniper") == ["Core-1", "core-2"]
    assert api.get(DEVICES, {"role": "nope"}).status_code == 400


def test_schema_lists_the_inventory_filters(api: APIClient) -> None:
    document = api.get("/api/schema/", {"format": "json"}).json()
    names = {p["name"] for p in document["paths"]["/api/dcim/devices/"]["get"]["parameters"]}
    for wanted in ("site", "role", "platform", "tenant", "status", "tag", "has_primary_ip"):
        assert wanted in names


# --- query-count guard --------------------------------------------------------------------


def test_device_list_queries_do_not_grow_with_the_page(
    api: APIClient, site: Site, device_type: DeviceType, role: DeviceRole
) -> None:
    """1,000 devices, each with an interface and a primary IP, and config contexts to
    merge: a page of 1,000 costs the queries of a page of one."""
    tag = Tag.objects.create(name="Core", slug="core")
    ConfigContext.objects.create(name="all", data={"ntp": ["192.0.2.1"]})
    ConfigContext.objects.create(name="site", data={"site": True}).sites.set([site])
    ConfigContext.objects.create(name="tagged", data={"tagged": True}).tags.set([tag])
    devices = Device.objects.bulk_create(
        Device(name=f"d{n}", site=site, device_type=device_type, role=role) for n in range(1000)
    )
    interfaces = Interface.objects.bulk_create(
        Interface(device=device, name="eth0", type="1000base-t") for device in devices
    )
    ips = IPAddress.objects.bulk_create(
        IPAddress(address=IPNetwork(f"10.{n // 250}.{n % 250}.1/24"), assigned_object=interface)
        for n, interface in enumerate(interfaces)
    )
    for device, ip in zip(devices, ips, strict=True):
        device.primary_ip4 = ip
    Device.objects.bulk_update(devices, ["primary_ip4"])

    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as context:
            response = api.get(DEVICES, {"limit": limit})
        assert response.status_code == 200
        rows = response.json()["results"]
        assert len(rows) == limit
        assert rows[0]["config_context"] == {"ntp": ["192.0.2.1"], "site": True}
        assert rows[0]["primary_ip"]["address"].startswith("10.")
        return len(context.captured_queries)

    queries(1)  # warm-up: the token's last-used stamp is written on the first request
    assert queries(1000) == queries(1)


# --- racks --------------------------------------------------------------------------------


def test_rack_shape_and_elevation(api: APIClient, rack: Rack, make_device: Any) -> None:
    device = make_device("r1", rack=rack, position=Decimal(41), face="front")
    data = api.get(f"/api/dcim/racks/{rack.pk}/").json()
    assert data["device_count"] == 1
    assert data["width"] == {"value": 19, "label": "19 inches"}
    assert data["status"] == {"value": "active", "label": "Active"}

    elevation = api.get(f"/api/dcim/racks/{rack.pk}/elevation/", {"limit": 0}).json()
    units = elevation["results"]
    assert elevation["count"] == 84  # 42 units in half-unit steps
    top = units[0]
    assert list(top) == ["id", "name", "face", "device", "occupied", "display"]
    assert top["id"] == 42.5 and top["name"] == "U42.5"
    occupied = [unit for unit in units if unit["occupied"]]
    assert [unit["name"] for unit in occupied] == ["U41.5", "U41"]
    assert occupied[0]["device"]["id"] == device.pk
    assert occupied[0]["face"] == {"value": "front", "label": "Front"}

    bad = api.get(f"/api/dcim/racks/{rack.pk}/elevation/", {"face": "side"})
    assert bad.status_code == 400 and "face" in bad.json()


def test_rack_in_another_site_location_is_a_400(api: APIClient, site: Site) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    location = api.post(
        "/api/dcim/locations/", {"name": "L", "slug": "l", "site": other.pk}, format="json"
    ).json()
    response = api.post(
        "/api/dcim/racks/",
        {"name": "R", "site": site.pk, "location": location["id"]},
        format="json",
    )
    assert response.status_code == 400 and "location" in response.json()


# --- virtual chassis ----------------------------------------------------------------------


def test_new_virtual_chassis_takes_its_master(api: APIClient, make_device: Any) -> None:
    device = make_device("sw1")
    response = api.post(
        "/api/dcim/virtual-chassis/", {"name": "stack", "master": device.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["member_count"] == 1
    assert list(data["master"]) == ["id", "url", "display_url", "display", "name"]
    device.refresh_from_db()
    assert device.virtual_chassis_id == data["id"] and device.vc_position == 1
    chassis = VirtualChassis.objects.get()
    assert api.get(f"{DEVICES}{device.pk}/").json()["virtual_chassis"]["master"]["id"] == (
        chassis.master_id
    )


# --- templates and config contexts ---------------------------------------------------------


def test_templates_filter_by_device_type(api: APIClient, templated_type: DeviceType) -> None:
    response = api.get("/api/dcim/interface-templates/", {"device_type_id": templated_type.pk})
    rows = response.json()["results"]
    assert [row["name"] for row in rows] == ["eth0", "eth1"]
    assert rows[0]["type"] == {"value": "1000base-t", "label": "1000BASE-T (1GE)"}
    front = api.get("/api/dcim/front-port-templates/").json()["results"][0]
    assert front["rear_port"]["name"] == "R"


def test_template_name_unique_per_device_type(api: APIClient, templated_type: DeviceType) -> None:
    response = api.post(
        "/api/dcim/interface-templates/",
        {"device_type": templated_type.pk, "name": "eth0", "type": "1000base-t"},
        format="json",
    )
    assert response.status_code == 400


def test_config_context_api(api: APIClient, site: Site) -> None:
    Tag.objects.create(name="Core", slug="core")
    response = api.post(
        "/api/extras/config-contexts/",
        {"name": "ntp", "sites": [site.pk], "tags": ["core"], "data": {"ntp": ["192.0.2.1"]}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["tags"] == ["core"]
    assert not TaggedItem.objects.exists()  # the context's own tag list, not tagging
    assert data["sites"][0]["slug"] == "dc1"
    assert data["weight"] == 1000
    assert api.get("/api/extras/config-contexts/", {"site_id": site.pk}).json()["count"] == 1
    assert api.get("/api/extras/config-contexts/", {"tag": "core"}).json()["count"] == 1

    not_object = api.post(
        "/api/extras/config-contexts/", {"name": "bad", "data": [1, 2]}, format="json"
    )
    assert not_object.status_code == 400 and "data" in not_object.json()


def test_platform_available_for_device_type(api: APIClient, device_type: DeviceType) -> None:
    Platform.objects.create(name="Junos", slug="junos", manufacturer=device_type.manufacturer)
    Platform.objects.create(name="Linux", slug="linux")
    other = api.post(
        "/api/dcim/manufacturers/", {"name": "Cisco", "slug": "cisco"}, format="json"
    ).json()
    Platform.objects.create(name="IOS", slug="ios", manufacturer_id=other["id"])
    rows = api.get("/api/dcim/platforms/", {"available_for_device_type": device_type.pk}).json()
    assert sorted(row["slug"] for row in rows["results"]) == ["junos", "linux"]


def test_location_counts_racks_and_devices(api: APIClient, site: Site, make_device: Any) -> None:
    parent = api.post(
        "/api/dcim/locations/", {"name": "Hall", "slug": "hall", "site": site.pk}, format="json"
    ).json()
    child = api.post(
        "/api/dcim/locations/",
        {"name": "Row", "slug": "row", "site": site.pk, "parent": parent["id"]},
        format="json",
    ).json()
    rack = Rack.objects.create(name="R9", site=site, location_id=child["id"])
    make_device("r1", rack=rack)

    data = api.get(f"/api/dcim/locations/{parent['id']}/").json()
    assert data["rack_count"] == 1 and data["device_count"] == 1
    brief = api.get("/api/dcim/locations/", {"brief": "1", "id": parent["id"]}).json()
    assert list(brief["results"][0]) == [
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
        "rack_count",
        "_depth",
    ]


def test_power_feed_shape(api: APIClient, site: Site, rack: Rack) -> None:
    panel = api.post("/api/dcim/power-panels/", {"name": "P1", "site": site.pk}, format="json")
    assert panel.status_code == 201, panel.json()
    response = api.post(
        "/api/dcim/power-feeds/",
        {
            "power_panel": panel.json()["id"],
            "rack": rack.pk,
            "name": "F1",
            "voltage": 230,
            "amperage": 32,
            "phase": "three-phase",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["cable"] is None and data["cable_end"] is None
    assert data["link_peers"] == [] and data["link_peers_type"] is None
    assert data["connected_endpoints"] is None
    assert data["_occupied"] is False
    assert api.get(f"/api/dcim/power-panels/{panel.json()['id']}/").json()["powerfeed_count"] == 1
    other_site = Site.objects.create(name="DC2", slug="dc2")
    other_panel = api.post(
        "/api/dcim/power-panels/", {"name": "P2", "site": other_site.pk}, format="json"
    ).json()
    bad = api.patch(
        f"/api/dcim/power-feeds/{data['id']}/", {"power_panel": other_panel["id"]}, format="json"
    )
    assert bad.status_code == 400 and "rack" in bad.json()
