"""RIRs, roles, route targets, VRFs and aggregates over the REST API, and the IPAM
counts other object types show."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import ASN, RIR, VLAN, VRF, Aggregate, IPAddress, Prefix, Role, RouteTarget
from tenancy.models import Tenant
from tests.ipam.conftest import attempt, ids, post

# --- RIRs and roles -------------------------------------------------------------------


def test_rir_shape_and_aggregate_count(api: APIClient, rir: RIR) -> None:
    Aggregate.objects.create(prefix="10.0.0.0/8", rir=rir)
    Aggregate.objects.create(prefix="172.16.0.0/12", rir=rir)
    data = api.get(f"/api/ipam/rirs/{rir.pk}/").json()
    assert list(data) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "slug",
        "is_private",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "aggregate_count",
    ]
    assert (data["is_private"], data["aggregate_count"]) == (True, 2)
    brief = api.get(f"/api/ipam/rirs/{rir.pk}/", {"brief": "1"}).json()
    assert brief == {
        "id": rir.pk,
        "url": f"http://testserver/api/ipam/rirs/{rir.pk}/",
        "display": "RFC 1918",
        "name": "RFC 1918",
        "slug": "rfc1918",
        "description": "",
        "aggregate_count": 2,
    }
    # Nested (in an aggregate) the count is dropped.
    aggregate = api.get("/api/ipam/aggregates/").json()["results"][0]
    assert list(aggregate["rir"]) == ["id", "url", "display", "name", "slug", "description"]


def test_rir_filters(api: APIClient, rir: RIR) -> None:
    public = RIR.objects.create(name="RIPE", slug="ripe", description="Europe")
    assert ids(api, "rirs", is_private="false") == [public.pk]
    assert ids(api, "rirs", slug="rfc1918") == [rir.pk]
    assert ids(api, "rirs", name__ic="rip") == [public.pk]
    assert ids(api, "rirs", q="europe") == [public.pk]
    assert ids(api, "rirs", q="rfc") == [rir.pk]


def test_rir_names_are_unique(api: APIClient, rir: RIR) -> None:
    response = attempt(api, "rirs", {"name": "RFC 1918", "slug": "other"})
    assert response.status_code == 400
    assert response.json() == {"name": ["RIR with this name already exists."]}


def test_role_shape_counts_and_ordering(api: APIClient, rir: RIR) -> None:
    heavy = post(api, "roles", {"name": "Access", "slug": "access", "weight": 2000})
    light = post(api, "roles", {"name": "Core", "slug": "core", "weight": 10})
    role = Role.objects.get(pk=light["id"])
    Prefix.objects.create(prefix="10.0.0.0/8", role=role)
    VLAN.objects.create(vid=10, name="v", role=role)
    VLAN.objects.create(vid=11, name="w", role=role)
    ASN.objects.create(asn=65001, rir=rir, role=role)
    data = api.get(light["url"]).json()
    assert list(data)[-3:] == ["prefix_count", "vlan_count", "asn_count"]
    assert (data["prefix_count"], data["vlan_count"], data["asn_count"]) == (1, 2, 1)
    assert data["weight"] == 10
    brief = api.get("/api/ipam/roles/", {"brief": "1"}).json()["results"]
    # Ordered by weight, then name.
    assert [row["id"] for row in brief] == [light["id"], heavy["id"]]
    assert list(brief[0]) == [
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
        "prefix_count",
        "vlan_count",
        "asn_count",
    ]
    prefix = api.get("/api/ipam/prefixes/").json()["results"][0]
    assert list(prefix["role"]) == ["id", "url", "display", "name", "slug", "description"]


def test_role_filters(api: APIClient) -> None:
    first = Role.objects.create(name="Core", slug="core", weight=10)
    second = Role.objects.create(name="Edge", slug="edge", weight=20, description="Border")
    assert ids(api, "roles", weight=20) == [second.pk]
    assert ids(api, "roles", weight__lt=20) == [first.pk]
    assert ids(api, "roles", slug="core") == [first.pk]
    assert ids(api, "roles", q="border") == [second.pk]


# --- route targets and VRFs -------------------------------------------------------------


def test_route_target_shape(api: APIClient) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    created = post(api, "route-targets", {"name": "65000:100", "tenant": tenant.pk})
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "tenant",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
    ]
    assert created["display"] == "65000:100"
    response = attempt(api, "route-targets", {"name": "65000:100"})
    assert response.json() == {"name": ["route target with this name already exists."]}


def test_vrf_shape_with_full_route_targets(api: APIClient) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    target = RouteTarget.objects.create(name="65000:100", tenant=tenant, description="hub")
    created = post(
        api,
        "vrfs",
        {"name": "prod", "rd": "65000:1", "import_targets": [target.pk], "export_targets": []},
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "rd",
        "tenant",
        "enforce_unique",
        "description",
        "comments",
        "import_targets",
        "export_targets",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "ipaddress_count",
        "prefix_count",
    ]
    assert created["display"] == "prod (65000:1)"
    assert created["enforce_unique"] is True
    # Route targets are listed in their full representation.
    (imported,) = created["import_targets"]
    assert list(imported) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "tenant",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
    ]
    assert imported["tenant"]["slug"] == "acme"
    assert created["export_targets"] == []


def test_vrf_counts_and_brief(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    Prefix.objects.create(prefix="10.0.0.0/8", vrf=vrf)
    IPAddress.objects.create(address="10.0.0.1/8", vrf=vrf)
    IPAddress.objects.create(address="10.0.0.2/8", vrf=vrf)
    data = api.get(f"/api/ipam/vrfs/{vrf.pk}/").json()
    assert (data["ipaddress_count"], data["prefix_count"]) == (2, 1)
    brief = api.get(f"/api/ipam/vrfs/{vrf.pk}/", {"brief": "1"}).json()
    assert list(brief) == ["id", "url", "display", "name", "rd", "description", "prefix_count"]
    assert brief["prefix_count"] == 1


def test_vrf_without_rd(api: APIClient) -> None:
    first = post(api, "vrfs", {"name": "lab", "rd": ""})
    second = post(api, "vrfs", {"name": "lab", "rd": None})
    assert (first["rd"], second["rd"], first["display"]) == (None, None, "lab")
    response = attempt(api, "vrfs", {"name": "dup", "rd": "65000:1"})
    assert response.status_code == 201
    response = attempt(api, "vrfs", {"name": "dup2", "rd": "65000:1"})
    assert response.json() == {"rd": ["VRF with this RD already exists."]}


def test_vrf_and_route_target_filters(api: APIClient) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    red = RouteTarget.objects.create(name="65000:1")
    blue = RouteTarget.objects.create(name="65000:2")
    importer = VRF.objects.create(name="importer", rd="1:1", tenant=tenant)
    importer.import_targets.add(red)
    exporter = VRF.objects.create(name="exporter", rd="1:2", enforce_unique=False)
    exporter.export_targets.add(red, blue)
    assert ids(api, "vrfs", import_target="65000:1") == [importer.pk]
    assert ids(api, "vrfs", import_target_id=red.pk) == [importer.pk]
    assert ids(api, "vrfs", export_target="65000:2") == [exporter.pk]
    assert ids(api, "vrfs", export_target_id=[red.pk, blue.pk]) == [exporter.pk]
    assert ids(api, "vrfs", enforce_unique="false") == [exporter.pk]
    assert ids(api, "vrfs", rd="1:1") == [importer.pk]
    assert ids(api, "vrfs", tenant="acme") == [importer.pk]
    assert ids(api, "vrfs", tenant_id="null") == [exporter.pk]
    assert ids(api, "vrfs", q="1:2") == [exporter.pk]
    assert ids(api, "route-targets", importing_vrf="1:1") == [red.pk]
    assert ids(api, "route-targets", importing_vrf_id=importer.pk) == [red.pk]
    assert ids(api, "route-targets", exporting_vrf="1:2") == [red.pk, blue.pk]
    assert ids(api, "route-targets", exporting_vrf_id=exporter.pk) == [red.pk, blue.pk]
    assert ids(api, "route-targets", q="65000:2") == [blue.pk]
    assert api.get("/api/ipam/vrfs/", {"import_target": "9:9"}).status_code == 400


# --- aggregates -------------------------------------------------------------------------


def test_aggregate_shape(api: APIClient, rir: RIR) -> None:
    created = post(
        api,
        "aggregates",
        {"prefix": "10.0.0.0/8", "rir": {"slug": "rfc1918"}, "date_added": "2024-01-31"},
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "family",
        "prefix",
        "rir",
        "tenant",
        "date_added",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
    ]
    assert created["family"] == {"value": 4, "label": "IPv4"}
    assert created["date_added"] == "2024-01-31"
    brief = api.get(created["url"], {"brief": "1"}).json()
    assert list(brief) == ["id", "url", "display", "family", "prefix", "description"]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("0.0.0.0/0", "Cannot create aggregate with /0 mask."),
        (
            "10.1.0.0/16",
            "Aggregates cannot overlap. 10.1.0.0/16 is already covered by an existing "
            "aggregate (10.0.0.0/8).",
        ),
        (
            "10.0.0.0/8",
            "Aggregates cannot overlap. 10.0.0.0/8 is already covered by an existing "
            "aggregate (10.0.0.0/8).",
        ),
        (
            "8.0.0.0/5",
            "Aggregates cannot overlap. 8.0.0.0/5 covers an existing aggregate (10.0.0.0/8).",
        ),
        ("10.0.0.0/40", "Invalid IP address format: 10.0.0.0/40"),
    ],
)
def test_aggregate_validation(api: APIClient, rir: RIR, prefix: str, message: str) -> None:
    Aggregate.objects.create(prefix="10.0.0.0/8", rir=rir)
    response = attempt(api, "aggregates", {"prefix": prefix, "rir": rir.pk})
    assert response.status_code == 400
    assert response.json() == {"prefix": [message]}


def test_aggregate_can_be_updated_in_place(api: APIClient, rir: RIR) -> None:
    aggregate = Aggregate.objects.create(prefix="10.0.0.0/8", rir=rir)
    response = api.patch(
        f"/api/ipam/aggregates/{aggregate.pk}/", {"prefix": "10.0.0.0/7"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["prefix"] == "10.0.0.0/7"


def test_aggregate_requires_a_rir(api: APIClient) -> None:
    response = attempt(api, "aggregates", {"prefix": "10.0.0.0/8"})
    assert response.json() == {"rir": ["This field is required."]}


def test_aggregate_filters(api: APIClient, rir: RIR) -> None:
    other = RIR.objects.create(name="ARIN", slug="arin")
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    private = Aggregate.objects.create(prefix="10.0.0.0/8", rir=rir, description="Private")
    public = Aggregate.objects.create(
        prefix="192.0.2.0/24", rir=other, tenant=tenant, date_added="2024-05-01"
    )
    v6 = Aggregate.objects.create(prefix="2001:db8::/32", rir=other)
    assert ids(api, "aggregates", family=6) == [v6.pk]
    assert ids(api, "aggregates", prefix="192.0.2.0/24") == [public.pk]
    assert ids(api, "aggregates", rir="arin") == [public.pk, v6.pk]
    assert ids(api, "aggregates", rir_id=rir.pk) == [private.pk]
    assert ids(api, "aggregates", tenant="acme") == [public.pk]
    assert ids(api, "aggregates", date_added__gte="2024-01-01") == [public.pk]
    assert ids(api, "aggregates", date_added__empty="true") == [private.pk, v6.pk]
    assert ids(api, "aggregates", q="private") == [private.pk]
    assert ids(api, "aggregates", q="192.0") == [public.pk]
    assert ids(api, "aggregates", q="10.20.30.40") == [private.pk]


# --- counts on other object types -------------------------------------------------------


def test_tenant_counts(api: APIClient) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    Prefix.objects.create(prefix="10.0.0.0/8", tenant=tenant)
    IPAddress.objects.create(address="10.0.0.1/8", tenant=tenant)
    VLAN.objects.create(vid=1, name="v", tenant=tenant)
    VRF.objects.create(name="a", tenant=tenant)
    VRF.objects.create(name="b", tenant=tenant)
    Site.objects.create(name="DC1", slug="dc1", tenant=tenant)
    data = api.get(f"/api/tenancy/tenants/{tenant.pk}/").json()
    assert list(data)[-5:] == [
        "ipaddress_count",
        "prefix_count",
        "site_count",
        "vlan_count",
        "vrf_count",
    ]
    assert [data[key] for key in list(data)[-5:]] == [1, 1, 1, 1, 2]


def test_site_and_tree_prefix_counts(api: APIClient, location: Location) -> None:
    site = location.site
    europe = Region.objects.get(slug="europe")
    Prefix.objects.create(prefix="10.1.0.0/16", scope=location)
    Prefix.objects.create(prefix="10.2.0.0/16", scope=site)
    Prefix.objects.create(prefix="10.3.0.0/16", scope=site.region)
    Prefix.objects.create(prefix="10.4.0.0/16", scope=europe)
    VLAN.objects.create(vid=1, name="v", site=site)

    site_data = api.get(f"/api/dcim/sites/{site.pk}/").json()
    assert (site_data["prefix_count"], site_data["vlan_count"]) == (2, 1)
    assert site_data["asns"] == []
    location_data = api.get(f"/api/dcim/locations/{location.pk}/").json()
    assert location_data["prefix_count"] == 1
    # Regions count the prefixes of their whole subtree.
    regions = {row["slug"]: row for row in api.get("/api/dcim/regions/").json()["results"]}
    assert (regions["europe"]["prefix_count"], regions["germany"]["prefix_count"]) == (4, 3)
    group = api.get(f"/api/dcim/site-groups/{SiteGroup.objects.get().pk}/").json()
    assert group["prefix_count"] == 2


def test_blocked_bulk_delete_changes_nothing(api: APIClient) -> None:
    free = VRF.objects.create(name="free")
    used = VRF.objects.create(name="used")
    Prefix.objects.create(prefix="10.0.0.0/8", vrf=used)
    response = api.delete("/api/ipam/vrfs/", [{"id": free.pk}, {"id": used.pk}], format="json")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Unable to delete object. 1 dependent objects")
    # The first delete ran before the second failed; the whole request is rolled back.
    assert VRF.objects.filter(pk__in=[free.pk, used.pk]).count() == 2


def test_ipam_root_lists_every_endpoint(api: APIClient) -> None:
    root = api.get("/api/ipam/").json()
    assert set(root) >= {
        "aggregates",
        "asn-ranges",
        "asns",
        "ip-addresses",
        "ip-ranges",
        "prefixes",
        "rirs",
        "roles",
        "route-targets",
        "vlan-groups",
        "vlans",
        "vrfs",
    }
    assert root["ip-addresses"] == "http://testserver/api/ipam/ip-addresses/"
