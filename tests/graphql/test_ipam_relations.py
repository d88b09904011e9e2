"""IPAM's generic relations as unions (assigned_object, scope, parent, interface): one
query per level and member type whatever the number of rows, and members a user may not
view read as null. Also tenants' holdings listed from the tenant."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Site
from ipam.models import VRF, FHRPGroup, FHRPGroupAssignment, IPAddress, Prefix, Service
from tenancy.models import Tenant
from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from tests.graphql.conftest import data
from virtualization.models import VirtualMachine, VMInterface

ADDRESSES = """{ ip_address_list {
    address
    assigned_object {
        __typename
        ... on InterfaceType { name device { name site { slug } } }
        ... on VMInterfaceType { name virtual_machine { name } }
        ... on FHRPGroupType { protocol group_id }
    }
} }"""


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="DC1", slug="dc1")


@pytest.fixture
def device(site: Site) -> Device:
    manufacturer = Manufacturer.objects.create(name="Acme", slug="acme")
    device_type = DeviceType.objects.create(manufacturer=manufacturer, model="X1", slug="x1")
    role = DeviceRole.objects.create(name="Router", slug="router")
    return Device.objects.create(name="r1", site=site, device_type=device_type, role=role)


def add_addresses(device: Device, first: int, count: int) -> None:
    """`count` addresses each on a new interface, a VM interface and an FHRP group."""
    vm = VirtualMachine.objects.create(name=f"vm{first}")
    for n in range(first, first + count):
        interface = Interface.objects.create(device=device, name=f"et{n}", type="1000base-t")
        vm_interface = VMInterface.objects.create(virtual_machine=vm, name=f"eth{n}")
        group = FHRPGroup.objects.create(protocol="vrrp2", group_id=n)
        for octet, target in ((1, interface), (2, vm_interface), (3, group)):
            IPAddress.objects.create(address=f"10.{octet}.0.{n}/24", assigned_object=target)


def run(client: APIClient, query: str) -> tuple[int, dict[str, Any]]:
    with CaptureQueriesContext(connection) as captured:
        result = data(client, query)
    return len(captured.captured_queries), result


def test_assigned_object_union_costs_the_same_for_3_and_300_addresses(
    api: APIClient, device: Device
) -> None:
    add_addresses(device, 1, 1)
    data(api, ADDRESSES)  # the token's last_used and the content types are cached first
    one, result = run(api, ADDRESSES)
    assert result["ip_address_list"] == [
        {
            "address": "10.1.0.1/24",
            "assigned_object": {
                "__typename": "InterfaceType",
                "name": "et1",
                "device": {"name": "r1", "site": {"slug": "dc1"}},
            },
        },
        {
            "address": "10.2.0.1/24",
            "assigned_object": {
                "__typename": "VMInterfaceType",
                "name": "eth1",
                "virtual_machine": {"name": "vm1"},
            },
        },
        {
            "address": "10.3.0.1/24",
            "assigned_object": {"__typename": "FHRPGroupType", "protocol": "vrrp2", "group_id": 1},
        },
    ]

    add_addresses(device, 2, 99)
    many, result = run(api, ADDRESSES)
    assert len(result["ip_address_list"]) == 300
    assert many == one


def test_hidden_assigned_objects_read_as_null(device: Device) -> None:
    add_addresses(device, 1, 1)
    client = client_for(
        make_token(
            user_with_permissions("ip", ["ipam.view_ipaddress", "virtualization.view_vminterface"])
        )
    )
    query = ADDRESSES.replace("name virtual_machine { name }", "name")
    result = data(client, query)["ip_address_list"]
    assert [item["assigned_object"] for item in result] == [
        None,
        {"__typename": "VMInterfaceType", "name": "eth1"},
        None,
    ]


def test_prefix_scope_and_service_parent_and_fhrp_interface(
    api: APIClient, site: Site, device: Device
) -> None:
    Prefix.objects.create(prefix="10.9.0.0/16", scope=site)
    service = Service.objects.create(name="ssh", protocol="tcp", ports=[22], parent=device)
    interface = Interface.objects.create(device=device, name="et0", type="1000base-t")
    group = FHRPGroup.objects.create(protocol="vrrp3", group_id=7)
    FHRPGroupAssignment.objects.create(group=group, interface=interface, priority=100)

    result = data(
        api,
        """query($service: ID!) {
             prefix_list { prefix scope { __typename ... on SiteType { slug } } }
             service(id: $service) { name parent { ... on DeviceType { name } } }
             fhrp_group_list { group_id assignments { priority
               interface { ... on InterfaceType { name device { name } } } } } }""",
        service=service.pk,
    )
    assert result == {
        "prefix_list": [
            {"prefix": "10.9.0.0/16", "scope": {"__typename": "SiteType", "slug": "dc1"}}
        ],
        "service": {"name": "ssh", "parent": {"name": "r1"}},
        "fhrp_group_list": [
            {
                "group_id": 7,
                "assignments": [
                    {"priority": 100, "interface": {"name": "et0", "device": {"name": "r1"}}}
                ],
            }
        ],
    }


def test_tenant_lists_its_holdings(api: APIClient, site: Site) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    site.tenant = tenant
    site.save()
    VRF.objects.create(name="red", tenant=tenant)
    Prefix.objects.create(prefix="10.8.0.0/16", tenant=tenant, status="active")
    Prefix.objects.create(prefix="10.7.0.0/16", tenant=tenant, status="reserved")

    result = data(
        api,
        """{ tenant_list { name sites { slug } vrfs { name }
             prefixes(filters: {status: {exact: STATUS_ACTIVE}}) { prefix } } }""",
    )
    assert result == {
        "tenant_list": [
            {
                "name": "Acme",
                "sites": [{"slug": "dc1"}],
                "vrfs": [{"name": "red"}],
                "prefixes": [{"prefix": "10.8.0.0/16"}],
            }
        ]
    }
