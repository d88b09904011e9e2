"""The available-* endpoints over the API (facts §10, Appendix A.8)."""

from __future__ import annotations

from typing import Any

import netaddr
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ipam.models import (
    ASN,
    RIR,
    VLAN,
    VRF,
    ASNRange,
    IdempotencyKey,
    IPAddress,
    IPRange,
    Prefix,
    VLANGroup,
)
from ipam.models.vlans import NumericRange
from ipam.services import hierarchy
from tests.conftest import client_for, make_token
from users.models import User

pytestmark = pytest.mark.django_db


def url(parent: Any, what: str) -> str:
    path = {Prefix: "prefixes", IPRange: "ip-ranges", VLANGroup: "vlan-groups"}.get(
        type(parent), "asn-ranges"
    )
    return f"/api/ipam/{path}/{parent.pk}/{what}/"


def post(api: APIClient, target: str, body: Any, **headers: str) -> Any:
    return api.post(target, body, format="json", headers=headers)


# --- available-ips -------------------------------------------------------------------------


def test_get_available_ips_is_a_plain_array(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    prefix = Prefix.objects.create(prefix="10.1.0.0/29", vrf=vrf)
    IPAddress.objects.create(address="10.1.0.2/29", vrf=vrf)
    response = api.get(url(prefix, "available-ips"))
    assert response.status_code == 200
    data = response.json()
    assert [item["address"] for item in data] == [
        "10.1.0.1/29",
        "10.1.0.3/29",
        "10.1.0.4/29",
        "10.1.0.5/29",
        "10.1.0.6/29",
    ]
    assert data[0]["family"] == 4
    assert data[0]["vrf"]["id"] == vrf.pk and data[0]["vrf"]["rd"] == "65000:1"


def test_get_limit_semantics(api: APIClient, settings: Any) -> None:
    settings.MAX_PAGE_SIZE = 100
    prefix = Prefix.objects.create(prefix="10.0.0.0/16")
    target = url(prefix, "available-ips")
    assert len(api.get(target).json()) == 50
    assert len(api.get(target, {"limit": 3}).json()) == 3
    assert len(api.get(target, {"limit": 0}).json()) == 100
    assert len(api.get(target, {"limit": 5000}).json()) == 100
    assert len(api.get(target, {"limit": "x"}).json()) == 50


def test_post_single_object_and_list(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    prefix = Prefix.objects.create(prefix="10.1.0.0/16", vrf=vrf)
    one = post(api, url(prefix, "available-ips"), {"description": "a", "vrf": None})
    assert one.status_code == 201
    assert one.json()["address"] == "10.1.0.1/16"
    assert one.json()["vrf"]["id"] == vrf.pk  # the parent's VRF overrides the client's
    assert one.json()["description"] == "a"
    many = post(
        api,
        url(prefix, "available-ips"),
        [{"description": "b"}, {"description": "c", "prefix_length": 32}],
    )
    assert many.status_code == 201
    assert [(ip["address"], ip["description"]) for ip in many.json()] == [
        ("10.1.0.2/16", "b"),
        ("10.1.0.3/32", "c"),
    ]
    assert IPAddress.objects.filter(vrf=vrf).count() == 3


def test_post_empty_body_and_unknown_keys(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="192.0.2.0/24")
    response = post(
        api, url(prefix, "available-ips"), {"prefix": "ignored", "address": "1.1.1.1/8"}
    )
    assert response.status_code == 201
    assert response.json()["address"] == "192.0.2.1/24"


def test_post_prefix_length_errors(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.1.0.0/16")
    target = url(prefix, "available-ips")
    short = post(api, target, {"prefix_length": 8})
    assert short.status_code == 400
    assert short.json() == [
        {
            "prefix_length": [
                "Prefix length must be greater than or equal to the parent mask length (16)"
            ]
        }
    ]
    long = post(api, target, [{}, {"prefix_length": 33}])
    assert long.json() == [{}, {"prefix_length": ["Invalid prefix length (33) for IPv4"]}]
    bad = post(api, target, [{"prefix_length": "x"}, "nope"])
    assert bad.json()[0] == {"prefix_length": ["A valid integer is required."]}
    assert "non_field_errors" in bad.json()[1]
    assert not IPAddress.objects.exists()


def test_post_409_when_space_runs_out(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/30")
    target = url(prefix, "available-ips")
    too_many = post(api, target, [{}, {}, {}])
    assert too_many.status_code == 409
    assert too_many.json() == {
        "detail": "Insufficient resources are available to satisfy the request"
    }
    assert not IPAddress.objects.exists()
    assert post(api, target, [{}, {}]).status_code == 201
    assert post(api, target, {}).status_code == 409


def test_post_validates_with_the_ip_serializer(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/24")
    response = post(api, url(prefix, "available-ips"), {"status": "bogus"})
    assert response.status_code == 400
    assert response.json() == {"status": ['"bogus" is not a valid choice.']}
    listed = post(api, url(prefix, "available-ips"), [{}, {"status": "bogus"}])
    assert listed.status_code == 400
    assert listed.json()[0] == {} and "status" in listed.json()[1]
    assert not IPAddress.objects.exists()


def test_ip_range_available_ips(api: APIClient) -> None:
    ip_range = IPRange.objects.create(
        start_address="192.0.2.10/24", end_address="192.0.2.12/24", size=3
    )
    IPAddress.objects.create(address="192.0.2.10/24")
    assert [item["address"] for item in api.get(url(ip_range, "available-ips")).json()] == [
        "192.0.2.11/24",
        "192.0.2.12/24",
    ]
    created = post(api, url(ip_range, "available-ips"), [{}, {}])
    assert [ip["address"] for ip in created.json()] == ["192.0.2.11/24", "192.0.2.12/24"]
    assert post(api, url(ip_range, "available-ips"), {}).status_code == 409
    ip_range.refresh_from_db()
    assert float(ip_range._utilization) == 100.0


def test_ipv6_48_with_10000_addresses(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="2001:db8:1::/48")
    base = int(netaddr.IPAddress("2001:db8:1::"))
    IPAddress.objects.bulk_create(
        IPAddress(address=f"{netaddr.IPAddress(base + n, 6)}/64") for n in range(1, 10_001)
    )
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url(prefix, "available-ips"), {"limit": 3})
    assert [item["address"] for item in response.json()] == [
        "2001:db8:1::2711/48",
        "2001:db8:1::2712/48",
        "2001:db8:1::2713/48",
    ]
    fixed = len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        api.get(url(Prefix.objects.create(prefix="192.0.2.0/24"), "available-ips"), {"limit": 3})
    assert len(queries.captured_queries) <= fixed  # no query per address, whatever the size
    created = post(api, url(prefix, "available-ips"), {})
    assert created.json()["address"] == "2001:db8:1::2711/48"


# --- available-prefixes ---------------------------------------------------------------------


def test_available_prefixes_get_and_first_fit(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    parent = Prefix.objects.create(prefix="10.1.0.0/16", vrf=vrf, status="container")
    Prefix.objects.create(prefix="10.1.0.0/24", vrf=vrf)
    Prefix.objects.create(prefix="10.1.4.0/22", vrf=vrf)
    Prefix.objects.create(prefix="10.1.1.0/24")  # another VRF: not a child
    hierarchy.rebuild_all()  # rows made without the API, as after a bulk SQL import
    listed = api.get(url(parent, "available-prefixes"), {"limit": 1}).json()
    assert [item["prefix"] for item in listed] == [  # limit is ignored here
        "10.1.1.0/24",
        "10.1.2.0/23",
        "10.1.8.0/21",
        "10.1.16.0/20",
        "10.1.32.0/19",
        "10.1.64.0/18",
        "10.1.128.0/17",
    ]
    assert listed[0] == {
        "family": 4,
        "prefix": "10.1.1.0/24",
        "vrf": {
            "id": vrf.pk,
            "url": f"http://testserver/api/ipam/vrfs/{vrf.pk}/",
            "display": "prod (65000:1)",
            "name": "prod",
            "rd": "65000:1",
            "description": "",
        },
    }
    created = post(
        api, url(parent, "available-prefixes"), {"prefix_length": 24, "status": "reserved"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["prefix"], body["vrf"]["id"], body["status"]["value"]) == (
        "10.1.1.0/24",
        vrf.pk,
        "reserved",
    )
    assert (body["_depth"], body["children"]) == (1, 0)
    listed = post(
        api, url(parent, "available-prefixes"), [{"prefix_length": 23}, {"prefix_length": 25}]
    )
    assert [p["prefix"] for p in listed.json()] == ["10.1.2.0/23", "10.1.8.0/25"]
    parent.refresh_from_db()
    assert parent._children == 5


def test_available_prefixes_errors(api: APIClient) -> None:
    parent = Prefix.objects.create(prefix="10.0.0.0/24")
    target = url(parent, "available-prefixes")
    assert post(api, target, {}).json() == [{"prefix_length": "this field can not be missing"}]
    assert post(api, target, {"prefix_length": "24"}).json() == [
        {"prefix_length": "this field must be int type"}
    ]
    assert post(api, target, [{"prefix_length": 25}, {"prefix_length": 33}]).json() == [
        {},
        {"prefix_length": "Invalid prefix length (33) for IPv4"},
    ]
    v6 = Prefix.objects.create(prefix="2001:db8::/32")
    assert post(api, url(v6, "available-prefixes"), {"prefix_length": 129}).json() == [
        {"prefix_length": "Invalid prefix length (129) for IPv6"}
    ]
    assert post(api, target, {"prefix_length": 23}).status_code == 409
    assert post(api, target, [{"prefix_length": 25}] * 3).status_code == 409
    assert Prefix.objects.count() == 2


# --- available-vlans and available-asns --------------------------------------------------------


def test_available_vlans(api: APIClient) -> None:
    group = VLANGroup.objects.create(
        name="g1", slug="g1", vid_ranges=[NumericRange(1, 4), NumericRange(100, 102)]
    )
    VLAN.objects.create(group=group, vid=1, name="one")
    listed = api.get(url(group, "available-vlans"), {"limit": 2}).json()
    assert listed == [
        {
            "vid": 2,
            "group": {
                "id": group.pk,
                "url": f"http://testserver/api/ipam/vlan-groups/{group.pk}/",
                "display": "g1",
                "name": "g1",
                "slug": "g1",
                "description": "",
            },
        },
        {"vid": 3, "group": listed[0]["group"]},
    ]
    created = post(api, url(group, "available-vlans"), [{"name": "a"}, {"name": "b"}])
    assert [(v["vid"], v["group"]["id"]) for v in created.json()] == [(2, group.pk), (3, group.pk)]
    assert post(api, url(group, "available-vlans"), {}).json() == [
        {"name": ["This field is required."]}
    ]
    assert post(api, url(group, "available-vlans"), {"name": "c"}).json()["vid"] == 100
    group.refresh_from_db()
    assert str(group._utilization) == "80.00"  # 4 of 5 (1-3 and 100-101)
    assert api.get(f"/api/ipam/vlan-groups/{group.pk}/").json()["utilization"] == "80"
    too_many = post(
        api, url(group, "available-vlans"), [{"name": "d"}, {"name": "e"}, {"name": "f"}]
    )
    assert too_many.status_code == 409


def test_available_asns(api: APIClient) -> None:
    rir = RIR.objects.create(name="ARIN", slug="arin")
    asn_range = ASNRange.objects.create(name="r", slug="r", rir=rir, start=65000, end=65002)
    ASN.objects.create(asn=65000, rir=rir)
    listed = api.get(url(asn_range, "available-asns")).json()
    assert [item["asn"] for item in listed] == [65001, 65002]
    assert listed[0]["rir"]["slug"] == "arin"
    created = post(api, url(asn_range, "available-asns"), {"description": "x", "rir": 99})
    assert created.status_code == 201
    assert (created.json()["asn"], created.json()["rir"]["id"]) == (65001, rir.pk)
    assert post(api, url(asn_range, "available-asns"), [{}, {}]).status_code == 409


# --- permissions and visibility -----------------------------------------------------------------


def user_with(*codenames: str) -> APIClient:
    user = User.objects.create_user("-".join(codenames), password="limited-password-1")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return client_for(make_token(user))


def test_get_needs_view_on_the_child_and_post_add(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/24")
    prefixes_only = user_with("view_prefix")
    assert prefixes_only.get(url(prefix, "available-ips")).status_code == 403
    assert prefixes_only.get(url(prefix, "available-prefixes")).status_code == 200
    viewer = user_with("view_prefix", "view_ipaddress")
    assert viewer.get(url(prefix, "available-ips")).status_code == 200
    assert post(viewer, url(prefix, "available-ips"), {}).status_code == 403
    adder = user_with("view_prefix", "add_ipaddress")
    assert post(adder, url(prefix, "available-ips"), {}).status_code == 201
    assert post(adder, url(prefix, "available-prefixes"), {"prefix_length": 25}).status_code == 403


def test_query_parameters_are_not_filters_of_the_parent(api: APIClient) -> None:
    rir = RIR.objects.create(name="ARIN", slug="arin")
    asn_range = ASNRange.objects.create(name="r", slug="r", rir=rir, start=65000, end=65001)
    prefix = Prefix.objects.create(prefix="10.0.0.0/30")
    assert api.get(url(asn_range, "available-asns"), {"start": "x", "limit": 1}).json() == [
        {"rir": api.get(url(asn_range, "available-asns")).json()[0]["rir"], "asn": 65000}
    ]
    assert len(api.get(url(prefix, "available-ips"), {"q": "nothing", "limit": "-1"}).json()) == 2


def test_unknown_parent_is_404(api: APIClient) -> None:
    response = api.get("/api/ipam/prefixes/999999/available-ips/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Prefix matches the given query."}
    assert post(api, "/api/ipam/vlan-groups/999999/available-vlans/", {}).status_code == 404


# --- Idempotency-Key ------------------------------------------------------------------------------


def test_idempotency_key_returns_the_first_allocation(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/24")
    first = post(
        api, url(prefix, "available-ips"), [{"description": "x"}], **{"Idempotency-Key": "k1"}
    )
    again = post(
        api, url(prefix, "available-ips"), [{"description": "x"}], **{"Idempotency-Key": "k1"}
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert IPAddress.objects.count() == 1
    other = post(
        api, url(prefix, "available-ips"), [{"description": "x"}], **{"Idempotency-Key": "k2"}
    )
    assert other.json()[0]["address"] == "10.0.0.2/24"
    reused = post(
        api, url(prefix, "available-ips"), [{"description": "y"}], **{"Idempotency-Key": "k1"}
    )
    assert reused.status_code == 422
    assert IdempotencyKey.objects.count() == 2


def test_failed_allocations_are_not_remembered(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/31")
    headers = {"Idempotency-Key": "retry-me"}
    assert post(api, url(prefix, "available-ips"), [{}] * 3, **headers).status_code == 409
    assert not IdempotencyKey.objects.exists()
    # Failed requests change nothing, so the same key may try again.
    assert post(api, url(prefix, "available-ips"), [{}] * 2, **headers).status_code == 201
