"""DCIM and virtualization through /graphql/: nested queries whose SQL count does not grow
with the rows, permissions at every nesting level, generic relations as unions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import (
    Cable,
    CableTermination,
    Device,
    DeviceRole,
    DeviceType,
    Interface,
    MACAddress,
    Manufacturer,
    Region,
    Site,
)
from extras.models import ConfigContext
from ipam.models import VRF, IPAddress
from tests.conftest import client_for, make_token
from tests.graphql.conftest import data
from users.models import User
from virtualization.models import Cluster, ClusterType, VirtualMachine, VMInterface


@pytest.fixture
def make_device(db: None) -> Any:
    """Devices at site DC1, model MX204 (Juniper), role Router."""
    site = Site.objects.create(name="DC1", slug="dc1")
    manufacturer = Manufacturer.objects.create(name="Juniper", slug="juniper")
    device_type = DeviceType.objects.create(manufacturer=manufacturer, model="MX204", slug="mx204")
    role = DeviceRole.objects.create(name="Router", slug="router")

    def make(name: str, **fields: Any) -> Device:
        fields.setdefault("site", site)
        return Device.objects.create(name=name, device_type=device_type, role=role, **fields)

    return make


NESTED_DEVICES = """
query {
  device_list {
    name
    site { name }
    role { name }
    interfaces {
      name
      ip_addresses { address vrf { name } }
    }
  }
}
"""


def add_devices(make_device: Any, vrf: VRF, first: int, count: int) -> None:
    """`count` devices, each with two interfaces holding one address in `vrf`."""
    for n in range(first, first + count):
        device = make_device(f"dev{n:03}")
        for port in (0, 1):
            interface = Interface.objects.create(
                device=device, name=f"et-{port}", type="10gbase-x-sfpp"
            )
            IPAddress.objects.create(
                address=f"10.{port}.{n // 256}.{n % 256}/16", vrf=vrf, assigned_object=interface
            )


def count_queries(client: APIClient, query: str) -> tuple[int, dict[str, Any]]:
    with CaptureQueriesContext(connection) as captured:
        result = data(client, query)
    return len(captured.captured_queries), result


def test_nested_device_query_costs_the_same_for_1_and_200_devices(
    api: APIClient, make_device: Any
) -> None:
    vrf = VRF.objects.create(name="blue")
    add_devices(make_device, vrf, 0, 1)
    # The token's first use of the minute records `last_used`: not part of the query's cost.
    data(api, "{ device_list { id } }")
    one, result = count_queries(api, NESTED_DEVICES)
    assert result["device_list"] == [
        {
            "name": "dev000",
            "site": {"name": "DC1"},
            "role": {"name": "Router"},
            "interfaces": [
                {
                    "name": "et-0",
                    "ip_addresses": [{"address": "10.0.0.0/16", "vrf": {"name": "blue"}}],
                },
                {
                    "name": "et-1",
                    "ip_addresses": [{"address": "10.1.0.0/16", "vrf": {"name": "blue"}}],
                },
            ],
        }
    ]

    add_devices(make_device, vrf, 1, 199)
    many, result = count_queries(api, NESTED_DEVICES)
    assert len(result["device_list"]) == 200
    assert result["device_list"][199]["interfaces"][1]["ip_addresses"] == [
        {"address": "10.1.0.199/16", "vrf": {"name": "blue"}}
    ]
    assert many == one == 7  # token, devices, sites, roles, interfaces, addresses, VRFs


def client_with(*codenames: str) -> APIClient:
    user = User.objects.create_user("viewer", password="viewer-password-123")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return client_for(make_token(user))


def test_user_without_interface_view_sees_devices_but_no_interfaces(make_device: Any) -> None:
    vrf = VRF.objects.create(name="blue")
    add_devices(make_device, vrf, 0, 2)
    client = client_with(
        "view_device", "view_site", "view_devicerole", "view_ipaddress", "view_vrf"
    )

    result = data(client, NESTED_DEVICES)

    assert [device["name"] for device in result["device_list"]] == ["dev000", "dev001"]
    assert [device["interfaces"] for device in result["device_list"]] == [[], []]
    assert data(client, "{ interface_list { id } }") == {"interface_list": []}


def test_user_without_site_view_gets_null_site_and_no_ips_without_ip_view(
    make_device: Any,
) -> None:
    vrf = VRF.objects.create(name="blue")
    add_devices(make_device, vrf, 0, 1)
    client = client_with("view_device", "view_devicerole", "view_interface")

    result = data(client, NESTED_DEVICES)

    # A hidden site reads as null; the device and everything else the user may see stay.
    assert result == {
        "device_list": [
            {
                "name": "dev000",
                "site": None,
                "role": {"name": "Router"},
                "interfaces": [
                    {"name": "et-0", "ip_addresses": []},
                    {"name": "et-1", "ip_addresses": []},
                ],
            }
        ]
    }


def test_device_filter_with_explicit_lookups_and_or(api: APIClient, make_device: Any) -> None:
    make_device("core1", status="active")
    make_device("core2", status="planned")
    make_device("edge1", status="offline")

    result = data(
        api,
        """{ device_list(filters: {status: {exact: STATUS_ACTIVE},
                                   OR: {name: {i_starts_with: "EDGE"}}}) { name status } }""",
    )

    assert result == {
        "device_list": [
            {"name": "core1", "status": "active"},
            {"name": "edge1", "status": "offline"},
        ]
    }


def test_device_by_id_with_reverse_sets_and_pagination(api: APIClient, make_device: Any) -> None:
    device = make_device("core1")
    for n in range(3):
        Interface.objects.create(device=device, name=f"xe-0/0/{n}", type="10gbase-x-sfpp")

    result = data(
        api,
        """query($id: ID!) { device(id: $id) {
             name device_type { model manufacturer { name } }
             interfaces(pagination: {limit: 2}, filters: {name: {ends_with: "/1"}}) { name }
             site { devices { name } }
           } }""",
        id=device.pk,
    )

    assert result == {
        "device": {
            "name": "core1",
            "device_type": {"model": "MX204", "manufacturer": {"name": "Juniper"}},
            "interfaces": [{"name": "xe-0/0/1"}],
            "site": {"devices": [{"name": "core1"}]},
        }
    }


def test_cable_terminations_are_a_union(api: APIClient, make_device: Any) -> None:
    device = make_device("core1")
    a = Interface.objects.create(device=device, name="a", type="1000base-t")
    b = Interface.objects.create(device=device, name="b", type="1000base-t")
    cable = Cable.objects.create(type="cat6", label="c1")
    CableTermination.objects.create(cable=cable, cable_end="A", termination=a)
    CableTermination.objects.create(cable=cable, cable_end="B", termination=b)

    result = data(
        api,
        """{ cable_list { label
             a_terminations { __typename ... on InterfaceType { name device { name } } }
             b_terminations { ... on InterfaceType { name } }
             terminations { cable_end termination { ... on InterfaceType { name } } } } }""",
    )

    assert result == {
        "cable_list": [
            {
                "label": "c1",
                "a_terminations": [
                    {"__typename": "InterfaceType", "name": "a", "device": {"name": "core1"}}
                ],
                "b_terminations": [{"name": "b"}],
                "terminations": [
                    {"cable_end": "A", "termination": {"name": "a"}},
                    {"cable_end": "B", "termination": {"name": "b"}},
                ],
            }
        ]
    }


def test_vm_interfaces_mac_assignment_and_cluster_scope(api: APIClient, make_device: Any) -> None:
    site = make_device("host1").site
    cluster = Cluster.objects.create(
        name="c1", type=ClusterType.objects.create(name="KVM", slug="kvm"), scope=site
    )
    vm = VirtualMachine.objects.create(name="vm1", cluster=cluster, site=site)
    vm_interface = VMInterface.objects.create(virtual_machine=vm, name="eth0")
    MACAddress.objects.create(mac_address="00:11:22:33:44:55", assigned_object=vm_interface)

    result = data(
        api,
        """{ virtual_machine_list { name cluster { name scope { ... on SiteType { slug } } }
                                    interfaces { name mac_addresses { mac_address } } }
             vm_interface_list(filters: {name: {exact: "eth0"}}) { virtual_machine { name } }
             mac_address_list {
               assigned_object { __typename ... on VMInterfaceType { name } } } }""",
    )

    assert result == {
        "virtual_machine_list": [
            {
                "name": "vm1",
                "cluster": {"name": "c1", "scope": {"slug": "dc1"}},
                "interfaces": [
                    {"name": "eth0", "mac_addresses": [{"mac_address": "00:11:22:33:44:55"}]}
                ],
            }
        ],
        "vm_interface_list": [{"virtual_machine": {"name": "vm1"}}],
        "mac_address_list": [
            {"assigned_object": {"__typename": "VMInterfaceType", "name": "eth0"}}
        ],
    }


def test_generic_member_hidden_from_user_resolves_to_null(make_device: Any) -> None:
    device = make_device("core1")
    interface = Interface.objects.create(device=device, name="a", type="1000base-t")
    MACAddress.objects.create(mac_address="00:11:22:33:44:55", assigned_object=interface)
    client = client_with("view_macaddress")

    result = data(client, "{ mac_address_list { mac_address assigned_object { __typename } } }")

    assert result == {
        "mac_address_list": [{"mac_address": "00:11:22:33:44:55", "assigned_object": None}]
    }


@pytest.mark.parametrize("field", ["device_list", "virtual_machine_list", "interface_list"])
def test_anonymous_lists_are_refused(anonymous: APIClient, field: str) -> None:
    response = anonymous.post("/graphql/", {"query": f"{{ {field} {{ id }} }}"}, format="json")
    assert response.status_code == 403


def test_unnamed_device_display_costs_no_query_per_row(api: APIClient, make_device: Any) -> None:
    first = make_device(None)
    data(api, "{ device_list { id } }")
    one, _ = count_queries(api, "{ device_list { display } }")
    for _ in range(4):
        make_device(None)

    many, result = count_queries(api, "{ device_list { display } }")

    assert {"display": f"Juniper MX204 ({first.pk})"} in result["device_list"]
    assert len(result["device_list"]) == 5
    assert many == one


def test_config_contexts_are_merged_per_batch_at_any_level(
    api: APIClient, make_device: Any
) -> None:
    first = make_device("r0", local_context_data={"local": 0})
    ConfigContext.objects.create(name="all", data={"ntp": ["192.0.2.1"]}, weight=10)
    routers = ConfigContext.objects.create(name="routers", data={"role": "router"}, weight=20)
    routers.roles.set([first.role])
    query = "{ device_list { name config_context } site_list { devices { config_context } } }"
    data(api, query)
    one, _ = count_queries(api, query)
    for n in range(1, 5):
        make_device(f"r{n}")

    many, result = count_queries(api, query)

    assert result["device_list"][0] == {
        "name": "r0",
        "config_context": {"ntp": ["192.0.2.1"], "role": "router", "local": 0},
    }
    assert result["site_list"][0]["devices"][4] == {
        "config_context": {"ntp": ["192.0.2.1"], "role": "router"}
    }
    assert many == one
    rest = api.get(f"/api/dcim/devices/{first.pk}/").json()
    assert rest["config_context"] == result["device_list"][0]["config_context"]


def test_tree_and_nested_filters(api: APIClient, make_device: Any) -> None:
    europe = Region.objects.create(name="Europe", slug="europe")
    germany = Region.objects.create(name="Germany", slug="germany", parent=europe)
    berlin = Site.objects.create(name="Berlin", slug="ber", region=germany)
    make_device("dc1-r1")
    make_device("ber-r1", site=berlin)

    by_region = data(
        api,
        """query($id: ID!) {
             device_list(filters: {region_id: {id: $id, match_type: DESCENDANTS}}) { name }
             site_list(filters: {region_id: {id: $id, match_type: SELF_AND_DESCENDANTS}}) {
               slug }
           }""",
        id=europe.pk,
    )
    by_site = data(api, '{ device_list(filters: {site: {slug: {exact: "dc1"}}}) { name } }')
    exact = data(
        api,
        "query($id: ID!) { site_list(filters: {region_id: {id: $id}}) { slug } }",
        id=europe.pk,
    )

    assert by_region == {"device_list": [{"name": "ber-r1"}], "site_list": [{"slug": "ber"}]}
    assert by_site == {"device_list": [{"name": "dc1-r1"}]}
    assert exact == {"site_list": []}


def test_dcim_doc_examples_run(api: APIClient, make_device: Any) -> None:
    """docs/graphql.md's DCIM and virtualization queries answer without errors."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "graphql.md").read_text()
    section = doc[doc.index("### DCIM and virtualization") :]
    examples = re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)
    device = make_device("r1")
    Interface.objects.create(device=device, name="et-0", type="10gbase-x-sfpp")
    Cluster.objects.create(
        name="c1", type=ClusterType.objects.create(name="KVM", slug="kvm"), scope=device.site
    )

    results = [data(api, query) for query in examples]

    assert len(results) == 3
    assert results[0]["device_list"][0]["interfaces"][0]["name"] == "et-0"
    assert results[2]["cluster_list"][0]["scope"] == {"slug": "dc1"}
