"""IP ranges and IP addresses over the REST API: shapes, validation and filters."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from ipam.models import VRF, IPAddress, IPRange, Role, RouteTarget
from tenancy.models import Tenant
from tests.ipam.conftest import ids, post

# Appendix A.4 of the facts file, without `owner` (owners are not modelled yet).
IPADDRESS_KEYS = [
    "id",
    "url",
    "display_url",
    "display",
    "family",
    "address",
    "vrf",
    "tenant",
    "status",
    "role",
    "assigned_object_type",
    "assigned_object_id",
    "assigned_object",
    "nat_inside",
    "nat_outside",
    "dns_name",
    "description",
    "comments",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
]


# --- IP ranges --------------------------------------------------------------------------


def test_range_shape_and_compact_display(api: APIClient) -> None:
    role = Role.objects.create(name="DHCP", slug="dhcp")
    created = post(
        api,
        "ip-ranges",
        {"start_address": "192.0.2.10/24", "end_address": "192.0.2.20/24", "role": role.pk},
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "family",
        "start_address",
        "end_address",
        "size",
        "vrf",
        "tenant",
        "status",
        "role",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "mark_populated",
        "mark_utilized",
        "utilization",  # beyond NetBox (issue 2, §4)
    ]
    assert created["display"] == "192.0.2.10-20/24"
    assert created["size"] == 11
    assert created["status"] == {"value": "active", "label": "Active"}
    assert created["role"]["slug"] == "dhcp"
    brief = api.get(created["url"], {"brief": "true"}).json()
    assert brief == {
        "id": created["id"],
        "url": created["url"],
        "display": "192.0.2.10-20/24",
        "family": {"value": 4, "label": "IPv4"},
        "start_address": "192.0.2.10/24",
        "end_address": "192.0.2.20/24",
        "description": "",
    }


def test_range_size_is_read_only(api: APIClient) -> None:
    created = post(
        api,
        "ip-ranges",
        {"start_address": "2001:db8::1/64", "end_address": "2001:db8::ff/64", "size": 5},
    )
    assert created["size"] == 255
    assert created["display"] == "2001:db8::1-ff/64"


@pytest.mark.parametrize(
    ("start", "end", "errors"),
    [
        (
            "192.0.2.1/24",
            "2001:db8::1/24",
            {"end_address": ["Starting and ending IP address versions must match"]},
        ),
        (
            "192.0.2.1/24",
            "192.0.2.9/25",
            {"end_address": ["Starting and ending IP address masks must match"]},
        ),
        (
            "192.0.2.9/24",
            "192.0.2.1/24",
            {
                "end_address": [
                    "Ending address must be greater than the starting address (192.0.2.9/24)"
                ]
            },
        ),
        (
            "2001:db8::/64",
            "2001:db8::1:0:0/64",
            {"__all__": ["Defined range exceeds maximum supported size (4294967295)"]},
        ),
        (
            "192.0.2.x/24",
            "192.0.2.9/24",
            {"start_address": ["Invalid IP address format: 192.0.2.x/24"]},
        ),
    ],
)
def test_range_validation(api: APIClient, start: str, end: str, errors: dict) -> None:
    response = api.post(
        "/api/ipam/ip-ranges/", {"start_address": start, "end_address": end}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == errors
    assert not IPRange.objects.exists()


def test_overlapping_ranges_are_rejected_per_vrf(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    post(api, "ip-ranges", {"start_address": "10.0.0.10/24", "end_address": "10.0.0.20/24"})
    response = api.post(
        "/api/ipam/ip-ranges/",
        {"start_address": "10.0.0.15/24", "end_address": "10.0.0.30/24"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "__all__": ["Defined addresses overlap with range 10.0.0.10-20/24 in global table"]
    }
    # The same addresses in another VRF are another space.
    post(
        api,
        "ip-ranges",
        {"start_address": "10.0.0.15/24", "end_address": "10.0.0.30/24", "vrf": vrf.pk},
    )


@pytest.fixture
def ranges(db: None) -> dict[str, IPRange]:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    role = Role.objects.create(name="DHCP", slug="dhcp")
    return {
        "low": IPRange.objects.create(
            start_address="10.0.0.10/24", end_address="10.0.0.20/24", role=role
        ),
        "high": IPRange.objects.create(
            start_address="10.0.1.100/24",
            end_address="10.0.1.200/24",
            mark_populated=True,
            status="reserved",
        ),
        "vrf": IPRange.objects.create(
            start_address="10.0.0.10/24", end_address="10.0.0.20/24", vrf=vrf
        ),
        "v6": IPRange.objects.create(
            start_address="2001:db8::10/64", end_address="2001:db8::20/64", description="Pool"
        ),
    }


def range_ids(ranges: dict[str, IPRange], *names: str) -> list[int]:
    return [ranges[name].pk for name in names]


def test_range_filters(api: APIClient, ranges: dict[str, IPRange]) -> None:
    assert ids(api, "ip-ranges", family=6) == range_ids(ranges, "v6")
    assert ids(api, "ip-ranges", start_address="10.0.1.100/24") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", start_address="10.0.1.100") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", start_address="10.0.1.100/16") == []
    assert ids(api, "ip-ranges", end_address="10.0.0.20") == range_ids(ranges, "low", "vrf")
    assert ids(api, "ip-ranges", contains="10.0.1.150") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", contains="10.0.0.12/30") == range_ids(ranges, "low", "vrf")
    assert ids(api, "ip-ranges", contains="10.0.0.0/24") == []
    assert ids(api, "ip-ranges", parent="10.0.1.0/24") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", parent="10.0.0.0/16") == range_ids(ranges, "low", "high", "vrf")
    assert ids(api, "ip-ranges", vrf_id="null", family=4) == range_ids(ranges, "low", "high")
    assert ids(api, "ip-ranges", vrf="65000:1") == range_ids(ranges, "vrf")
    assert ids(api, "ip-ranges", role="dhcp") == range_ids(ranges, "low")
    assert ids(api, "ip-ranges", role_id=ranges["low"].role_id) == range_ids(ranges, "low")
    assert ids(api, "ip-ranges", status="reserved") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", mark_populated="true") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", size=101) == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", size__lt=17) == range_ids(ranges, "low", "vrf")
    assert ids(api, "ip-ranges", q="pool") == range_ids(ranges, "v6")
    assert ids(api, "ip-ranges", q="10.0.1.") == range_ids(ranges, "high")
    assert ids(api, "ip-ranges", contains="garbage") == []


# --- IP addresses ---------------------------------------------------------------------


def test_address_full_shape_follows_netbox(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    created = post(
        api,
        "ip-addresses",
        {
            "address": "192.0.2.10/24",
            "vrf": {"rd": "65000:1"},
            "tenant": tenant.pk,
            "status": "reserved",
            "role": "loopback",
            "dns_name": "R1.Example.NET",
        },
    )
    data = api.get(created["url"]).json()
    assert list(data) == IPADDRESS_KEYS
    assert data["display"] == "192.0.2.10/24"
    assert data["family"] == {"value": 4, "label": "IPv4"}
    assert data["vrf"]["id"] == vrf.pk
    assert data["tenant"] == {
        "id": tenant.pk,
        "url": f"http://testserver/api/tenancy/tenants/{tenant.pk}/",
        "display": "Acme",
        "name": "Acme",
        "slug": "acme",
        "description": "",
    }
    assert data["status"] == {"value": "reserved", "label": "Reserved"}
    assert data["role"] == {"value": "loopback", "label": "Loopback"}
    assert [data[key] for key in ("assigned_object_type", "assigned_object_id")] == [None, None]
    assert data["assigned_object"] is None
    assert (data["nat_inside"], data["nat_outside"]) == (None, [])
    assert data["dns_name"] == "r1.example.net"


def test_address_keeps_host_bits_and_defaults_to_a_host_mask(api: APIClient) -> None:
    assert post(api, "ip-addresses", {"address": "10.1.2.3/16"})["address"] == "10.1.2.3/16"
    assert post(api, "ip-addresses", {"address": "10.9.9.9"})["address"] == "10.9.9.9/32"
    assert post(api, "ip-addresses", {"address": "2001:db8::1"})["address"] == "2001:db8::1/128"


@pytest.mark.parametrize(
    ("address", "errors"),
    [
        ("10.0.0.256/24", {"address": ["Invalid IP address format: 10.0.0.256/24"]}),
        ("", {"address": ["This field may not be blank."]}),
        (None, {"address": ["This field may not be null."]}),
        ([], {"address": ["Invalid IP address format: []"]}),
        ("0.0.0.0/0", {"address": ["Cannot create IP address with /0 mask."]}),
    ],
)
def test_address_validation(api: APIClient, address: object, errors: dict) -> None:
    response = api.post("/api/ipam/ip-addresses/", {"address": address}, format="json")
    assert response.status_code == 400
    assert response.json() == errors


def test_address_is_required(api: APIClient) -> None:
    response = api.post("/api/ipam/ip-addresses/", {"description": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"address": ["This field is required."]}


def test_duplicate_addresses_in_global_table(api: APIClient) -> None:
    post(api, "ip-addresses", {"address": "10.0.0.1/24"})
    # The host counts, not the mask.
    response = api.post("/api/ipam/ip-addresses/", {"address": "10.0.0.1/32"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "address": ["Duplicate IP address found in global table: 10.0.0.1/24"]
    }


@override_settings(ENFORCE_GLOBAL_UNIQUE=False)
def test_duplicate_addresses_allowed_when_global_uniqueness_is_off(api: APIClient) -> None:
    post(api, "ip-addresses", {"address": "10.0.0.1/24"})
    post(api, "ip-addresses", {"address": "10.0.0.1/24"})
    assert IPAddress.objects.count() == 2


def test_duplicate_addresses_per_vrf(api: APIClient) -> None:
    strict = VRF.objects.create(name="prod", rd="65000:1")
    loose = VRF.objects.create(name="lab", enforce_unique=False)
    post(api, "ip-addresses", {"address": "10.0.0.1/24", "vrf": strict.pk})
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.1/24", "vrf": strict.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "address": ["Duplicate IP address found in VRF prod (65000:1): 10.0.0.1/24"]
    }
    post(api, "ip-addresses", {"address": "10.0.0.1/24", "vrf": loose.pk})
    post(api, "ip-addresses", {"address": "10.0.0.1/24", "vrf": loose.pk})


@pytest.mark.parametrize("role", ["anycast", "vip", "vrrp", "hsrp", "glbp", "carp"])
def test_shared_roles_may_repeat_an_address(api: APIClient, role: str) -> None:
    post(api, "ip-addresses", {"address": "10.0.0.1/24", "role": role})
    post(api, "ip-addresses", {"address": "10.0.0.1/24", "role": "anycast"})
    assert IPAddress.objects.count() == 2


@pytest.mark.parametrize(("existing", "new"), [("", "vip"), ("vip", ""), ("loopback", "vrrp")])
def test_shared_role_exemption_needs_both_sides(api: APIClient, existing: str, new: str) -> None:
    IPAddress.objects.create(address="10.0.0.1/24", role=existing)
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.1/24", "role": new}, format="json"
    )
    assert response.status_code == 400
    assert "Duplicate IP address found in global table" in response.json()["address"][0]


def test_role_may_be_blank_or_null(api: APIClient) -> None:
    blank = post(api, "ip-addresses", {"address": "10.0.0.1/24", "role": ""})
    null = post(api, "ip-addresses", {"address": "10.0.0.2/24", "role": None})
    assert (blank["role"], null["role"]) == (None, None)
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.3/24", "role": "bogus"}, format="json"
    )
    assert response.json() == {"role": ['"bogus" is not a valid choice.']}


def test_no_new_address_inside_a_populated_range(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    IPRange.objects.create(
        start_address="10.0.0.10/24", end_address="10.0.0.20/24", mark_populated=True
    )
    IPRange.objects.create(start_address="10.0.0.30/24", end_address="10.0.0.40/24")
    response = api.post("/api/ipam/ip-addresses/", {"address": "10.0.0.15/24"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "address": ["Cannot create IP address 10.0.0.15/24 inside range 10.0.0.10-20/24."]
    }
    # Outside it, in a range not marked populated, or in another VRF: allowed.
    post(api, "ip-addresses", {"address": "10.0.0.21/24"})
    post(api, "ip-addresses", {"address": "10.0.0.35/24"})
    post(api, "ip-addresses", {"address": "10.0.0.15/24", "vrf": vrf.pk})


def test_existing_address_in_a_range_later_marked_populated_can_be_edited(
    api: APIClient,
) -> None:
    address = IPAddress.objects.create(address="10.0.0.15/24")
    IPRange.objects.create(
        start_address="10.0.0.10/24", end_address="10.0.0.20/24", mark_populated=True
    )
    response = api.patch(
        f"/api/ipam/ip-addresses/{address.pk}/", {"description": "kept"}, format="json"
    )
    assert response.status_code == 200


def test_slaac_only_for_ipv6(api: APIClient) -> None:
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.1/24", "status": "slaac"}, format="json"
    )
    assert response.json() == {"status": ["Only IPv6 addresses can be assigned SLAAC status"]}
    post(api, "ip-addresses", {"address": "2001:db8::1/64", "status": "slaac"})


def test_dns_name_validation(api: APIClient) -> None:
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.1/24", "dns_name": "bad name"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["dns_name"]
    post(api, "ip-addresses", {"address": "10.0.0.2/24", "dns_name": "*.example.net."})


def test_nat_inside_and_outside_use_the_nat_shape(api: APIClient) -> None:
    inside = post(api, "ip-addresses", {"address": "10.0.0.1/24"})
    outside = post(api, "ip-addresses", {"address": "198.51.100.1/24", "nat_inside": inside["id"]})
    nat = {
        "id": inside["id"],
        "url": inside["url"],
        "display_url": inside["display_url"],
        "display": "10.0.0.1/24",
        "family": 4,
        "address": "10.0.0.1/24",
    }
    assert outside["nat_inside"] == nat
    data = api.get(inside["url"]).json()
    assert data["nat_outside"] == [
        {
            "id": outside["id"],
            "url": outside["url"],
            "display_url": outside["display_url"],
            "display": "198.51.100.1/24",
            "family": 4,
            "address": "198.51.100.1/24",
        }
    ]
    # nat_outside is read-only.
    api.patch(inside["url"], {"nat_outside": []}, format="json")
    assert IPAddress.objects.get(pk=outside["id"]).nat_inside_id == inside["id"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"assigned_object_type": "dcim.interface", "assigned_object_id": 1},
            {"assigned_object_id": ["Related object not found using the provided value: 1."]},
        ),
        (
            {"assigned_object_type": "virtualization.vminterface", "assigned_object_id": 1},
            {"assigned_object_id": ["Related object not found using the provided value: 1."]},
        ),
        (
            {"assigned_object_type": "dcim.site", "assigned_object_id": 1},
            {"assigned_object_type": ["Invalid content type: dcim.site"]},
        ),
        ({"assigned_object_id": 1}, {"assigned_object_type": ["This field cannot be null."]}),
    ],
)
def test_assignment_to_a_missing_object_or_another_type_is_a_400(
    api: APIClient, body: dict, errors: dict
) -> None:
    response = api.post(
        "/api/ipam/ip-addresses/", {"address": "10.0.0.1/24", **body}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == errors


@pytest.mark.parametrize(
    "body",
    [
        {"assigned_object_type": "", "assigned_object_id": None},
        {"assigned_object_type": None, "assigned_object_id": None},
    ],
)
def test_unassigning_as_terraform_does(api: APIClient, body: dict) -> None:
    created = post(api, "ip-addresses", {"address": "10.0.0.1/24", **body})
    assert created["assigned_object"] is None
    patched = api.put(created["url"], {"address": "10.0.0.1/24", **body}, format="json")
    assert patched.status_code == 200
    assert patched.json()["assigned_object_type"] is None


# --- IP address filters ---------------------------------------------------------------


@pytest.fixture
def addresses(db: None) -> dict[str, IPAddress]:
    target = RouteTarget.objects.create(name="65000:100")
    hub = VRF.objects.create(name="hub", rd="65000:1")
    hub.import_targets.add(target)
    spoke = VRF.objects.create(name="spoke", rd="65000:2")
    spoke.export_targets.add(target)
    inside = IPAddress.objects.create(address="10.0.0.1/24", dns_name="gw.example.net")
    return {
        "inside": inside,
        "host": IPAddress.objects.create(address="10.0.0.1/32", vrf=hub, role="loopback"),
        "spoke": IPAddress.objects.create(
            address="10.0.1.5/25", vrf=spoke, status="reserved", description="Printer"
        ),
        "outside": IPAddress.objects.create(address="198.51.100.7/24", nat_inside=inside),
        "v6": IPAddress.objects.create(address="2001:db8::1/64"),
    }


def address_ids(addresses: dict[str, IPAddress], *names: str) -> list[int]:
    return [addresses[name].pk for name in names]


def test_filter_address_exact_or_host(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    assert ids(api, "ip-addresses", address="10.0.0.1/24") == address_ids(addresses, "inside")
    assert ids(api, "ip-addresses", address="10.0.0.1") == address_ids(addresses, "inside", "host")
    assert ids(api, "ip-addresses", address=["10.0.1.5", "2001:db8::1"]) == address_ids(
        addresses, "spoke", "v6"
    )
    assert ids(api, "ip-addresses", address="nonsense") == []


def test_filter_parent_ignores_the_mask(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    # 10.0.1.5/25 lies in 10.0.1.0/24 by its host, although its own network is wider.
    assert ids(api, "ip-addresses", parent="10.0.1.0/24") == address_ids(addresses, "spoke")
    assert ids(api, "ip-addresses", parent="10.0.0.0/16") == address_ids(
        addresses, "inside", "host", "spoke"
    )
    assert ids(api, "ip-addresses", parent=["10.0.1.0/24", "198.51.100.0/24"]) == address_ids(
        addresses, "spoke", "outside"
    )


def test_filter_family_and_mask_length(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    assert ids(api, "ip-addresses", family=6) == address_ids(addresses, "v6")
    assert ids(api, "ip-addresses", mask_length=24) == address_ids(addresses, "inside", "outside")
    assert ids(api, "ip-addresses", mask_length__gte=32) == address_ids(addresses, "host", "v6")
    assert ids(api, "ip-addresses", mask_length__lte=24, family=4) == address_ids(
        addresses, "inside", "outside"
    )


def test_filter_vrf_and_present_in_vrf(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    hub = addresses["host"].vrf
    assert ids(api, "ip-addresses", vrf_id=hub.pk) == address_ids(addresses, "host")
    assert ids(api, "ip-addresses", vrf="65000:2") == address_ids(addresses, "spoke")
    assert ids(api, "ip-addresses", vrf_id="null") == address_ids(
        addresses, "inside", "outside", "v6"
    )
    assert ids(api, "ip-addresses", present_in_vrf_id=hub.pk) == address_ids(
        addresses, "host", "spoke"
    )
    assert ids(api, "ip-addresses", present_in_vrf="65000:1") == address_ids(
        addresses, "host", "spoke"
    )


def test_filter_assignment(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    assert ids(api, "ip-addresses", assigned="true") == []
    assert len(ids(api, "ip-addresses", assigned="false")) == 5
    assert ids(api, "ip-addresses", assigned_to_interface="true") == []
    assert len(ids(api, "ip-addresses", assigned_to_interface="false")) == 5
    assert ids(api, "ip-addresses", assigned_object_type="dcim.interface") == []
    assert ids(api, "ip-addresses", assigned_object_id=1) == []


def test_filter_nat_status_role_dns_and_q(api: APIClient, addresses: dict[str, IPAddress]) -> None:
    inside = addresses["inside"]
    assert ids(api, "ip-addresses", nat_inside_id=inside.pk) == address_ids(addresses, "outside")
    assert ids(api, "ip-addresses", status="reserved") == address_ids(addresses, "spoke")
    assert ids(api, "ip-addresses", role="loopback") == address_ids(addresses, "host")
    assert ids(api, "ip-addresses", dns_name="gw.example.net") == address_ids(addresses, "inside")
    assert ids(api, "ip-addresses", dns_name__ic="example") == address_ids(addresses, "inside")
    assert ids(api, "ip-addresses", description__isw="print") == address_ids(addresses, "spoke")
    # q: DNS name or description contains, or the address starts with the value.
    assert ids(api, "ip-addresses", q="gw.") == address_ids(addresses, "inside")
    assert ids(api, "ip-addresses", q="printer") == address_ids(addresses, "spoke")
    assert ids(api, "ip-addresses", q="10.0.0") == address_ids(addresses, "inside", "host")
    assert ids(api, "ip-addresses", q="2001:") == address_ids(addresses, "v6")
    assert api.get("/api/ipam/ip-addresses/", {"role": "bogus"}).status_code == 400


def test_bulk_create_rejects_duplicates_inside_the_batch(api: APIClient) -> None:
    response = api.post(
        "/api/ipam/ip-addresses/",
        [
            {"address": "10.0.0.1/24", "role": "vip"},
            {"address": "10.0.0.1/32", "role": "anycast"},
            {"address": "10.0.0.1/24"},
            {"address": "10.0.0.2/24"},
        ],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        {},
        {},
        {"address": ["Duplicate IP address found in global table: 10.0.0.1/24"]},
        {},
    ]
    # Shared roles alone may repeat an address within a batch.
    shared = [{"address": "10.0.0.1/24", "role": "vrrp"}, {"address": "10.0.0.1/24", "role": "vip"}]
    assert api.post("/api/ipam/ip-addresses/", shared, format="json").status_code == 201


def test_tenancy_filters(api: APIClient) -> None:
    from tenancy.models import TenantGroup

    parent = TenantGroup.objects.create(name="Parent", slug="parent")
    child = TenantGroup.objects.create(name="Child", slug="child", parent=parent)
    tenant = Tenant.objects.create(name="Acme", slug="acme", group=child)
    owned = IPAddress.objects.create(address="10.0.0.1/24", tenant=tenant)
    unowned = IPAddress.objects.create(address="10.0.0.2/24")
    assert ids(api, "ip-addresses", tenant="acme") == [owned.pk]
    assert ids(api, "ip-addresses", tenant_id=tenant.pk) == [owned.pk]
    assert ids(api, "ip-addresses", tenant_group="parent") == [owned.pk]
    assert ids(api, "ip-addresses", tenant_group_id=child.pk) == [owned.pk]
    assert ids(api, "ip-addresses", tenant_id="null") == [unowned.pk]
