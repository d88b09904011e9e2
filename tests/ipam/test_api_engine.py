"""Hierarchy, utilization and address rules kept by the IPAM viewsets on every kind of
write (single, list, bulk PATCH, DELETE, bulk DELETE), read back over the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from extras.models import EventRule, Webhook, WebhookDelivery
from ipam.models import VLAN, VRF, IPAddress, IPRange, Prefix, VLANGroup

pytestmark = pytest.mark.django_db

PREFIXES = "/api/ipam/prefixes/"
IPS = "/api/ipam/ip-addresses/"
RANGES = "/api/ipam/ip-ranges/"


def create(api: APIClient, path: str, body: Any) -> Any:
    response = api.post(path, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def tree(api: APIClient) -> dict[str, tuple[int, int, float]]:
    rows = api.get(PREFIXES, {"limit": 0}).json()["results"]
    return {row["prefix"]: (row["_depth"], row["children"], row["utilization"]) for row in rows}


def test_prefix_writes_keep_depth_children_and_utilization(api: APIClient) -> None:
    create(api, PREFIXES, {"prefix": "10.0.0.0/16", "status": "container"})
    created = create(api, PREFIXES, [{"prefix": "10.0.0.0/17"}, {"prefix": "10.0.0.0/24"}])
    assert tree(api) == {
        "10.0.0.0/16": (0, 2, 50.0),
        "10.0.0.0/17": (1, 1, 0.0),
        "10.0.0.0/24": (2, 0, 0.0),
    }
    # Move the /17 out from between the /16 and the /24.
    moved = api.patch(f"{PREFIXES}{created[0]['id']}/", {"prefix": "10.0.128.0/17"}, format="json")
    assert moved.json()["_depth"] == 1
    assert tree(api) == {
        "10.0.0.0/16": (0, 2, 50.39),  # a /17 and a /24
        "10.0.0.0/24": (1, 0, 0.0),
        "10.0.128.0/17": (1, 0, 0.0),
    }
    api.delete(f"{PREFIXES}{created[0]['id']}/")
    assert tree(api) == {"10.0.0.0/16": (0, 1, 0.39), "10.0.0.0/24": (1, 0, 0.0)}


def test_bulk_patch_and_bulk_delete_of_prefixes(api: APIClient) -> None:
    parent = create(api, PREFIXES, {"prefix": "10.0.0.0/16", "status": "container"})
    kids = create(api, PREFIXES, [{"prefix": f"10.0.{n}.0/24"} for n in range(4)])
    patched = api.patch(
        PREFIXES,
        [
            {"id": kids[0]["id"], "prefix": "10.0.0.0/17"},
            {"id": kids[1]["id"], "mark_utilized": True},
        ],
        format="json",
    )
    assert patched.status_code == 200
    assert tree(api)["10.0.0.0/16"] == (0, 4, 50.0)
    assert tree(api)["10.0.1.0/24"] == (2, 0, 100.0)
    api.delete(PREFIXES, [{"id": kid["id"]} for kid in kids[:3]], format="json")
    assert tree(api)["10.0.0.0/16"] == (0, 1, 0.39)
    assert api.get(f"{PREFIXES}{parent['id']}/").json()["children"] == 1


def test_ip_writes_keep_prefix_and_range_utilization(api: APIClient) -> None:
    prefix = create(api, PREFIXES, {"prefix": "192.0.2.0/29"})  # 6 usable
    ip_range = create(api, RANGES, {"start_address": "192.0.2.1/29", "end_address": "192.0.2.4/29"})
    ips = create(api, IPS, [{"address": "192.0.2.1/29"}, {"address": "192.0.2.2/29"}])
    single = create(api, IPS, {"address": "192.0.2.6/29"})

    def utilization() -> tuple[float, float]:
        return (
            api.get(f"{PREFIXES}{prefix['id']}/").json()["utilization"],
            api.get(f"{RANGES}{ip_range['id']}/").json()["utilization"],
        )

    assert utilization() == (50.0, 50.0)
    api.patch(f"{IPS}{single['id']}/", {"address": "198.51.100.1/24"}, format="json")
    assert utilization() == (33.33, 50.0)
    api.patch(IPS, [{"id": ips[0]["id"], "address": "192.0.2.3/29"}], format="json")
    assert utilization() == (33.33, 50.0)
    api.delete(f"{IPS}{ips[1]['id']}/")
    assert utilization() == (16.67, 25.0)
    api.delete(IPS, [{"id": ips[0]["id"]}], format="json")
    assert utilization() == (0.0, 0.0)
    api.patch(f"{RANGES}{ip_range['id']}/", {"mark_utilized": True}, format="json")
    assert utilization() == (66.67, 100.0)  # the range's 4 addresses count as used


def test_vlan_writes_keep_group_utilization(api: APIClient) -> None:
    group = create(
        api, "/api/ipam/vlan-groups/", {"name": "g", "slug": "g", "vid_ranges": [[1, 8]]}
    )
    vlans = create(
        api, "/api/ipam/vlans/", [{"vid": n, "name": f"v{n}", "group": group["id"]} for n in (1, 2)]
    )

    def utilization() -> str:
        return api.get(f"/api/ipam/vlan-groups/{group['id']}/").json()["utilization"]

    assert utilization() == "25"
    api.patch(f"/api/ipam/vlans/{vlans[0]['id']}/", {"group": None}, format="json")
    assert utilization() == "12.5"
    api.patch(f"/api/ipam/vlan-groups/{group['id']}/", {"vid_ranges": [[1, 2]]}, format="json")
    assert utilization() == "50"
    api.delete("/api/ipam/vlans/", [{"id": vlans[1]["id"]}], format="json")
    assert utilization() == "0"


def test_utilization_filters_and_ordering(api: APIClient) -> None:
    full = create(api, PREFIXES, {"prefix": "10.0.0.0/30"})
    half = create(api, PREFIXES, {"prefix": "10.0.1.0/30"})
    empty = create(api, PREFIXES, {"prefix": "10.0.2.0/30"})
    create(api, IPS, [{"address": "10.0.0.1/30"}, {"address": "10.0.0.2/30"}])
    create(api, IPS, {"address": "10.0.1.1/30"})

    def ids(**params: Any) -> list[int]:
        return [row["id"] for row in api.get(PREFIXES, params).json()["results"]]

    assert ids(utilization__gte=80) == [full["id"]]
    assert ids(utilization__lt=50) == [empty["id"]]
    assert ids(utilization__lte=50, utilization__gt=0) == [half["id"]]
    assert ids(utilization=50) == [half["id"]]
    assert ids(ordering="-utilization") == [full["id"], half["id"], empty["id"]]
    assert ids(ordering="utilization,-prefix") == [empty["id"], half["id"], full["id"]]
    assert ids(ordering="nonsense") == [full["id"], half["id"], empty["id"]]
    bad = api.get(PREFIXES, {"utilization__gte": "lots"})
    assert bad.status_code == 400 and "utilization__gte" in bad.json()
    create(api, RANGES, {"start_address": "10.9.0.1/24", "end_address": "10.9.0.4/24"})
    ranges = api.get(RANGES, {"utilization__gte": 0, "ordering": "-utilization"})
    assert ranges.json()["count"] == 1
    group = create(api, "/api/ipam/vlan-groups/", {"name": "g", "slug": "g"})
    assert api.get("/api/ipam/vlan-groups/", {"utilization__lte": 1}).json()["count"] == 1
    assert (
        api.get("/api/ipam/vlan-groups/", {"ordering": "utilization"}).json()["results"][0]["id"]
        == group["id"]
    )


def test_bulk_create_of_500_ips_costs_a_fixed_number_of_queries(api: APIClient) -> None:
    create(api, PREFIXES, {"prefix": "10.0.0.0/16", "status": "container"})
    create(api, PREFIXES, [{"prefix": "10.0.0.0/23"}, {"prefix": "10.0.2.0/23"}])

    def post_ips(first: int, count: int) -> int:
        body = [
            {"address": f"10.0.{n // 250}.{n % 250 + 1}/23"} for n in range(first, first + count)
        ]
        with CaptureQueriesContext(connection) as queries:
            create(api, IPS, body)
        return len(queries.captured_queries)

    post_ips(0, 1)  # warms the per-process caches (content types)
    one, many = post_ips(1, 1), post_ips(2, 500)
    assert many == one <= 25
    assert IPAddress.objects.count() == 502
    assert Prefix.objects.get(prefix="10.0.0.0/23")._utilization > 0


def test_duplicate_addresses_in_one_batch_and_against_stored_ones(api: APIClient) -> None:
    create(api, IPS, {"address": "10.0.0.1/24"})
    response = api.post(
        IPS,
        [{"address": "10.0.0.2/24"}, {"address": "10.0.0.1/32"}, {"address": "10.0.0.2/25"}],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        {},
        {"address": ["Duplicate IP address found in global table: 10.0.0.1/24"]},
        {"address": ["Duplicate IP address found in global table: 10.0.0.2/24"]},
    ]
    assert IPAddress.objects.count() == 1
    single = api.post(IPS, {"address": "10.0.0.1/16"}, format="json")
    assert single.json() == {"address": ["Duplicate IP address found in global table: 10.0.0.1/24"]}


def test_shared_roles_vrfs_and_updates_of_the_same_address(api: APIClient) -> None:
    vip = create(api, IPS, {"address": "10.0.0.1/24", "role": "vip"})
    create(api, IPS, {"address": "10.0.0.1/24", "role": "anycast"})
    assert api.post(IPS, {"address": "10.0.0.1/24"}, format="json").status_code == 400
    loose = VRF.objects.create(name="loose", enforce_unique=False)
    create(api, IPS, [{"address": "10.0.0.1/24", "vrf": loose.pk}] * 2)
    strict = VRF.objects.create(name="strict", rd="1:1")
    duplicate = api.post(IPS, [{"address": "10.0.0.1/24", "vrf": strict.pk}] * 2, format="json")
    assert duplicate.json()[1] == {
        "address": ["Duplicate IP address found in VRF strict (1:1): 10.0.0.1/24"]
    }
    # Saving an address unchanged does not find itself a duplicate.
    assert api.patch(f"{IPS}{vip['id']}/", {"description": "x"}, format="json").status_code == 200


def test_no_new_address_inside_a_populated_range(api: APIClient) -> None:
    IPRange.objects.create(
        start_address="10.0.0.10/24", end_address="10.0.0.20/24", size=11, mark_populated=True
    )
    response = api.post(IPS, {"address": "10.0.0.15/24"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "address": ["Cannot create IP address 10.0.0.15/24 inside range 10.0.0.10-20/24."]
    }


def test_writes_outside_any_prefix_and_bad_input_do_not_fail_the_locks(api: APIClient) -> None:
    created = create(api, IPS, {"address": "203.0.113.7/24", "vrf": None})
    assert created["address"] == "203.0.113.7/24"
    assert api.post(IPS, {"address": "not-an-ip"}, format="json").status_code == 400
    assert (
        api.post(
            IPS, {"address": "10.0.0.1/24", "vrf": {"rd": "missing"}}, format="json"
        ).status_code
        == 400
    )
    assert api.post(IPS, {"address": 17}, format="json").status_code == 400
    assert (
        api.post(PREFIXES, {"prefix": "10.0.0.0/8", "vrf": True}, format="json").status_code == 400
    )
    assert api.patch(f"{IPS}{created['id']}/", {"address": None}, format="json").status_code == 400
    group = VLANGroup.objects.create(name="g", slug="g")
    vlan = VLAN.objects.create(vid=5, name="v", group=group)
    assert (
        api.patch(f"/api/ipam/vlans/{vlan.pk}/", {"group": "x"}, format="json").status_code == 400
    )


def test_schema_lists_the_available_endpoints(api: APIClient) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/ipam/prefixes/{id}/available-ips/",
        "/api/ipam/prefixes/{id}/available-prefixes/",
        "/api/ipam/ip-ranges/{id}/available-ips/",
        "/api/ipam/vlan-groups/{id}/available-vlans/",
        "/api/ipam/asn-ranges/{id}/available-asns/",
    ):
        assert set(schema["paths"][path]) >= {"get", "post"}
    parameters = {p["name"] for p in schema["paths"]["/api/ipam/prefixes/"]["get"]["parameters"]}
    assert {"utilization__gte", "ordering"} <= parameters


def test_odd_detail_urls_are_404s(api: APIClient) -> None:
    for path in (PREFIXES, IPS, RANGES, "/api/ipam/vlans/", "/api/ipam/asns/"):
        assert api.patch(f"{path}abc/", {}, format="json").status_code == 404
        assert api.delete(f"{path}999999/").status_code == 404


def test_events_carry_the_refreshed_hierarchy(api: APIClient) -> None:
    webhook = Webhook.objects.create(name="Receiver", payload_url="http://127.0.0.1:9/")
    rule = EventRule.objects.create(
        name="Prefixes",
        event_types=["object_created", "object_updated"],
        action_object_type=ContentType.objects.get_for_model(Webhook),
        action_object_id=webhook.pk,
    )
    rule.object_types.set([ContentType.objects.get_for_model(Prefix)])
    parent = create(api, PREFIXES, {"prefix": "10.0.0.0/16", "status": "container"})
    create(api, f"{PREFIXES}{parent['id']}/available-prefixes/", {"prefix_length": 17})
    api.patch(f"{PREFIXES}{parent['id']}/", {"status": "active"}, format="json")
    created, allocated, updated = WebhookDelivery.objects.order_by("pk")
    assert allocated.payload["data"]["_depth"] == 1
    assert updated.payload["data"]["children"] == 1
    assert created.payload["data"]["utilization"] == 0.0


def advisory_locks(queries: CaptureQueriesContext) -> int:
    return sum("pg_advisory_xact_lock" in query["sql"] for query in queries.captured_queries)


def test_updates_that_move_nothing_take_no_locks_and_keep_utilization(api: APIClient) -> None:
    create(api, PREFIXES, {"prefix": "10.9.0.0/24"})
    ips = [create(api, IPS, {"address": f"10.9.0.{n}/24"}) for n in (1, 2)]
    with CaptureQueriesContext(connection) as single:
        response = api.patch(f"{IPS}{ips[0]['id']}/", {"description": "x"}, format="json")
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as bulk:
        body = [{"id": ip["id"], "description": "y"} for ip in ips]
        assert api.patch(IPS, body, format="json").status_code == 200
    assert advisory_locks(single) == advisory_locks(bulk) == 0
    # A space field takes the lock and the engine runs: the address moves out of the /24.
    with CaptureQueriesContext(connection) as moving:
        response = api.patch(f"{IPS}{ips[0]['id']}/", {"address": "10.8.0.1/24"}, format="json")
    assert response.status_code == 200
    assert advisory_locks(moving) >= 1
    prefix = api.get(PREFIXES, {"prefix": "10.9.0.0/24"}).json()["results"][0]
    assert prefix["utilization"] == pytest.approx(100 / 254, abs=0.01)
