"""Issue 3's behaviour rules over REST that the model tests check below the API: a
site with devices is protected (409), a primary IP cannot be un-assigned (400, also in
Terraform's `"assigned_object_type": ""` form), and a power feed is a path endpoint
(trace, and deletes that free its cable end)."""

from __future__ import annotations

from typing import Any

from netaddr import IPNetwork
from rest_framework.test import APIClient

from dcim.models import CablePath, CableTermination, Device, PowerFeed, PowerPanel, PowerPort, Site
from ipam.models import IPAddress


def test_deleting_a_site_with_devices_is_a_409(
    api: APIClient, site: Site, make_device: Any
) -> None:
    device = make_device("r1")

    response = api.delete(f"/api/dcim/sites/{site.pk}/")

    assert response.status_code == 409
    assert "detail" in response.json()
    assert Site.objects.filter(pk=site.pk).exists() and Device.objects.filter(pk=device.pk).exists()


def test_unassigning_a_primary_ip_is_a_400(
    api: APIClient, make_device: Any, make_interface: Any
) -> None:
    device = make_device("r1")
    interface = make_interface(device, "eth0")
    ip = IPAddress.objects.create(address=IPNetwork("192.0.2.1/24"), assigned_object=interface)
    device.primary_ip4 = ip
    device.save()
    url = f"/api/ipam/ip-addresses/{ip.pk}/"

    for body in (
        {"assigned_object_type": None, "assigned_object_id": None},
        # Terraform's PUT unassigns with an empty type string.
        {"address": "192.0.2.1/24", "assigned_object_type": "", "assigned_object_id": None},
    ):
        response = api.patch(url, body, format="json")
        assert response.status_code == 400
        assert "assigned_object_id" in response.json()
        assert "primary" in response.json()["assigned_object_id"][0]

    ip.refresh_from_db()
    device.refresh_from_db()
    assert ip.assigned_object_id == interface.pk and device.primary_ip4_id == ip.pk


def feed_to_port(api: APIClient, site: Site, device: Device) -> tuple[PowerFeed, PowerPort]:
    panel = PowerPanel.objects.create(site=site, name="P1")
    feed = PowerFeed.objects.create(power_panel=panel, name="F1")
    port = PowerPort.objects.create(device=device, name="PSU1", type="iec-60320-c14")
    body = {
        "a_terminations": [{"object_type": "dcim.powerport", "object_id": port.pk}],
        "b_terminations": [{"object_type": "dcim.powerfeed", "object_id": feed.pk}],
    }
    response = api.post("/api/dcim/cables/", body, format="json")
    assert response.status_code == 201, response.json()
    return feed, port


def test_power_feed_trace(api: APIClient, site: Site, make_device: Any) -> None:
    feed, port = feed_to_port(api, site, make_device("r1"))

    hops = api.get(f"/api/dcim/power-feeds/{feed.pk}/trace/").json()

    assert len(hops) == 1
    near, cable, far = hops[0]
    assert [obj["name"] for obj in near] == ["F1"]
    assert cable["status"] == "connected"
    assert [obj["id"] for obj in far] == [port.pk]
    data = api.get(f"/api/dcim/power-feeds/{feed.pk}/").json()
    assert data["connected_endpoints_type"] == "dcim.powerport"
    assert [end["id"] for end in data["connected_endpoints"]] == [port.pk]


def test_deleting_a_cabled_power_feed_frees_the_far_end(
    api: APIClient, site: Site, make_device: Any
) -> None:
    feed, port = feed_to_port(api, site, make_device("r1"))

    assert api.delete(f"/api/dcim/power-feeds/{feed.pk}/").status_code == 204

    assert not CableTermination.objects.filter(termination_id=feed.pk, cable_end="B").exists()
    data = api.get(f"/api/dcim/power-ports/{port.pk}/").json()
    assert data["connected_endpoints"] is None or data["connected_endpoints"] == []
    assert not CablePath.objects.filter(origin_id=feed.pk).exists()


def test_site_counts_its_devices_racks_and_vms(
    api: APIClient, site: Site, make_device: Any
) -> None:
    from dcim.models import Rack
    from virtualization.models import VirtualMachine

    make_device("r1")
    make_device("r2")
    Rack.objects.create(name="R1", site=site)
    VirtualMachine.objects.create(name="vm1", site=site)

    data = api.get(f"/api/dcim/sites/{site.pk}/").json()

    assert list(data)[-5:] == [
        "device_count",
        "prefix_count",
        "rack_count",
        "virtualmachine_count",
        "vlan_count",
    ]
    assert (data["device_count"], data["rack_count"], data["virtualmachine_count"]) == (2, 1, 1)
