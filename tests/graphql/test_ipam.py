"""IPAM through GraphQL: the prefix hierarchy fields (beyond NetBox), free space of a
prefix, the IP filters, and permissions on nested IPAM relations."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from tests.graphql.conftest import data


def post(api: APIClient, path: str, payload: dict[str, Any]) -> dict[str, Any]:
    response = api.post(f"/api/ipam/{path}/", payload, format="json")
    assert response.status_code == 201, response.json()
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def space(api: APIClient) -> dict[str, Any]:
    """VRF red: 10.0.0.0/24 > 10.0.0.0/26 > 10.0.0.1/26 and 10.0.0.2/26; 2001:db8::/64 global."""
    vrf = post(api, "vrfs", {"name": "red", "rd": "65000:1"})
    outer = post(api, "prefixes", {"prefix": "10.0.0.0/24", "vrf": vrf["id"]})
    inner = post(api, "prefixes", {"prefix": "10.0.0.0/26", "vrf": vrf["id"]})
    for address in ("10.0.0.1/26", "10.0.0.2/26"):
        post(api, "ip-addresses", {"address": address, "vrf": vrf["id"], "dns_name": "h.example"})
    v6 = post(api, "prefixes", {"prefix": "2001:db8::/64"})
    return {"vrf": vrf, "outer": outer, "inner": inner, "v6": v6}


def test_prefix_hierarchy_fields_match_rest(api: APIClient, space: dict[str, Any]) -> None:
    result = data(
        api,
        "query($vrf: ID!) { prefix_list(filters: {vrf_id: {exact: $vrf}}) "
        "{ prefix family { value label } _depth children utilization } }",
        vrf=space["vrf"]["id"],
    )
    assert result["prefix_list"] == [
        {
            "prefix": "10.0.0.0/24",
            "family": {"value": 4, "label": "IPv4"},
            "_depth": 0,
            "children": 1,
            "utilization": api.get(space["outer"]["url"]).json()["utilization"],
        },
        {
            "prefix": "10.0.0.0/26",
            "family": {"value": 4, "label": "IPv4"},
            "_depth": 1,
            "children": 0,
            "utilization": api.get(space["inner"]["url"]).json()["utilization"],
        },
    ]
    assert [item["utilization"] for item in result["prefix_list"]] == [0.79, 3.23]


def test_available_ips_and_prefixes(api: APIClient, space: dict[str, Any]) -> None:
    query = """query($id: ID!) { prefix(id: $id) {
        available_ips(limit: 3) { family address }
        available_prefixes { prefix }
    } }"""
    result = data(api, query, id=space["outer"]["id"])["prefix"]
    rest_ips = api.get(f"{space['outer']['url']}available-ips/", {"limit": 3}).json()
    assert [ip["address"] for ip in result["available_ips"]] == [ip["address"] for ip in rest_ips]
    assert result["available_ips"][0] == {"family": 4, "address": "10.0.0.3/24"}
    assert result["available_prefixes"] == [
        {"prefix": "10.0.0.64/26"},
        {"prefix": "10.0.0.128/25"},
    ]


def test_ip_filters(api: APIClient, space: dict[str, Any]) -> None:
    def addresses(filters: str) -> list[str]:
        result = data(api, f"{{ ip_address_list(filters: {filters}) {{ address }} }}")
        return [item["address"] for item in result["ip_address_list"]]

    assert addresses('{parent: ["10.0.0.0/30"]}') == ["10.0.0.1/26", "10.0.0.2/26"]
    assert addresses('{address: ["10.0.0.2"]}') == ["10.0.0.2/26"]
    assert addresses("{family: {exact: FAMILY_6}}") == []
    assert addresses("{mask_length: {gte: 26}, status: {exact: STATUS_ACTIVE}}") == [
        "10.0.0.1/26",
        "10.0.0.2/26",
    ]
    assert addresses('{dns_name: {ends_with: "example"}, NOT: {address: ["10.0.0.1"]}}') == [
        "10.0.0.2/26"
    ]

    def prefixes(filters: str) -> list[str]:
        result = data(api, f"{{ prefix_list(filters: {filters}) {{ prefix }} }}")
        return [item["prefix"] for item in result["prefix_list"]]

    assert prefixes('{contains: ["10.0.0.70"]}') == ["10.0.0.0/24"]
    assert prefixes('{within: "10.0.0.0/24"}') == ["10.0.0.0/26"]
    assert prefixes('{within_include: "10.0.0.0/24"}') == ["10.0.0.0/24", "10.0.0.0/26"]
    assert prefixes("{family: {exact: FAMILY_6}}") == ["2001:db8::/64"]
    assert prefixes("{_depth: {exact: 1}}") == ["10.0.0.0/26"]
    assert prefixes("{utilization: {gt: 1}}") == ["10.0.0.0/26"]


def test_nested_ipam_relations_respect_permissions(api: APIClient, space: dict[str, Any]) -> None:
    query = "{ vrf_list { name prefixes { prefix } ip_addresses { address vrf { name } } } }"
    everything = data(api, query)["vrf_list"]
    assert [len(everything[0]["prefixes"]), len(everything[0]["ip_addresses"])] == [2, 2]

    vrfs_and_ips = client_for(
        make_token(user_with_permissions("v", ["ipam.view_vrf", "ipam.view_ipaddress"]))
    )
    seen = data(vrfs_and_ips, query)["vrf_list"]
    assert seen == [
        {
            "name": "red",
            "prefixes": [],
            "ip_addresses": [
                {"address": "10.0.0.1/26", "vrf": {"name": "red"}},
                {"address": "10.0.0.2/26", "vrf": {"name": "red"}},
            ],
        }
    ]
    ips_only = client_for(make_token(user_with_permissions("i", ["ipam.view_ipaddress"])))
    seen = data(ips_only, "{ ip_address_list { address vrf { name } } }")["ip_address_list"]
    assert seen == [
        {"address": "10.0.0.1/26", "vrf": None},
        {"address": "10.0.0.2/26", "vrf": None},
    ]
