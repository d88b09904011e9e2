"""Filters add SELECT DISTINCT only when their path can repeat a row (a to-many hop):
DISTINCT over a page of wide rows sorts every selected column, which made the interface
list of a large site take seconds."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Site
from ipam.models import ASN, RIR
from ipamcore.filtersets import crosses_to_many


def list_sql(api: APIClient, path: str, params: dict[str, object]) -> tuple[list[int], str]:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, params)
    assert response.status_code == 200, response.json()
    rows = [row["id"] for row in response.json()["results"]]
    return rows, " ".join(query["sql"] for query in captured.captured_queries)


def test_crosses_to_many() -> None:
    assert not crosses_to_many(Interface, "device__site")
    assert not crosses_to_many(Interface, "device__site__slug")
    assert not crosses_to_many(Device, "status")
    assert crosses_to_many(Site, "asns__asn")
    assert crosses_to_many(Interface, "mac_addresses__mac_address")
    assert crosses_to_many(Device, "interfaces")


def test_foreign_key_and_choice_filters_select_no_distinct(api: APIClient) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    kind = DeviceType.objects.create(
        manufacturer=Manufacturer.objects.create(name="M", slug="m"), model="T", slug="t"
    )
    device = Device.objects.create(
        name="r1", site=site, device_type=kind, role=DeviceRole.objects.create(name="R", slug="r")
    )
    interface = Interface.objects.create(device=device, name="eth0", type="1000base-t")

    rows, sql = list_sql(api, "/api/dcim/interfaces/", {"site_id": site.pk, "device": "r1"})
    assert rows == [interface.pk] and "DISTINCT" not in sql
    rows, sql = list_sql(api, "/api/dcim/devices/", {"status": "active", "site": "dc1"})
    assert rows == [device.pk] and "DISTINCT" not in sql


def test_a_to_many_filter_still_returns_each_row_once(api: APIClient) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    rir = RIR.objects.create(name="RIR", slug="rir")
    asns = [ASN.objects.create(asn=64512 + n, rir=rir) for n in range(2)]
    site.asns.set(asns)

    rows, sql = list_sql(api, "/api/dcim/sites/", {"asn": [64512, 64513]})

    assert rows == [site.pk] and "DISTINCT" in sql
