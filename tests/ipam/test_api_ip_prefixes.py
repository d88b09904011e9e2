"""Prefixes over the REST API: shape, validation, the generic scope and every filter."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import VLAN, VRF, Prefix, Role, RouteTarget, VLANGroup
from tests.ipam.conftest import ids, post

# Appendix A.5 of the facts file, without `owner` (owners are not modelled yet).
PREFIX_KEYS = [
    "id",
    "url",
    "display_url",
    "display",
    "family",
    "prefix",
    "vrf",
    "scope_type",
    "scope_id",
    "scope",
    "tenant",
    "vlan",
    "status",
    "role",
    "is_pool",
    "mark_utilized",
    "description",
    "comments",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
    "children",
    "_depth",
    "utilization",  # beyond NetBox: the percent its UI shows (issue 2, §4)
]


def test_full_shape_follows_netbox(api: APIClient, site: Site) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    role = Role.objects.create(name="Infra", slug="infra")
    body = {
        "prefix": "10.1.0.0/16",
        "vrf": vrf.pk,
        "scope_type": "dcim.site",
        "scope_id": site.pk,
        "status": "container",
        "role": {"slug": "infra"},
    }
    created = post(api, "prefixes", body)

    data = api.get(created["url"]).json()
    assert list(data) == PREFIX_KEYS
    assert data["display"] == "10.1.0.0/16"
    assert data["family"] == {"value": 4, "label": "IPv4"}
    assert data["vrf"] == {
        "id": vrf.pk,
        "url": f"http://testserver/api/ipam/vrfs/{vrf.pk}/",
        "display": "prod (65000:1)",
        "name": "prod",
        "rd": "65000:1",
        "description": "",
    }
    assert data["scope"] == {
        "id": site.pk,
        "url": f"http://testserver/api/dcim/sites/{site.pk}/",
        "display": "DC1",
        "name": "DC1",
        "description": "",
        "slug": "dc1",
    }
    assert data["role"] == {
        "id": role.pk,
        "url": f"http://testserver/api/ipam/roles/{role.pk}/",
        "display": "Infra",
        "name": "Infra",
        "slug": "infra",
        "description": "",
    }
    assert data["status"] == {"value": "container", "label": "Container"}
    assert (data["children"], data["_depth"]) == (0, 0)


def test_brief_shape(api: APIClient) -> None:
    created = post(api, "prefixes", {"prefix": "2001:db8::/32"})
    brief = api.get(created["url"], {"brief": "1"}).json()
    assert brief == {
        "id": created["id"],
        "url": created["url"],
        "display": "2001:db8::/32",
        "family": {"value": 6, "label": "IPv6"},
        "prefix": "2001:db8::/32",
        "description": "",
        "_depth": 0,
    }


def test_children_and_depth_come_from_the_hierarchy_columns(api: APIClient) -> None:
    prefix = Prefix.objects.create(prefix="10.0.0.0/8")
    Prefix.objects.filter(pk=prefix.pk).update(_children=3, _depth=1)
    data = api.get(f"/api/ipam/prefixes/{prefix.pk}/").json()
    assert (data["children"], data["_depth"]) == (3, 1)
    # Read-only: written values are ignored, and a write that moves nothing in the
    # address space leaves the engine's columns as they are.
    api.patch(f"/api/ipam/prefixes/{prefix.pk}/", {"children": 9, "_depth": 9}, format="json")
    prefix.refresh_from_db()
    assert (prefix._children, prefix._depth) == (3, 1)
    # A write that sends a space field recomputes them (a lone prefix: no children, no
    # parents).
    api.patch(f"/api/ipam/prefixes/{prefix.pk}/", {"status": "active"}, format="json")
    prefix.refresh_from_db()
    assert (prefix._children, prefix._depth) == (0, 0)


def test_host_bits_are_cleared_not_rejected(api: APIClient) -> None:
    created = post(api, "prefixes", {"prefix": "10.1.2.3/16"})
    assert created["prefix"] == "10.1.0.0/16"


@pytest.mark.parametrize("value", ["10.0.0.300/24", "10.0.0.0/33", "not-an-ip", "10.0.0.0/"])
def test_invalid_cidr_is_a_400_on_the_field(api: APIClient, value: str) -> None:
    response = api.post("/api/ipam/prefixes/", {"prefix": value}, format="json")
    assert response.status_code == 400
    assert response.json() == {"prefix": [f"Invalid IP address format: {value}"]}
    assert not Prefix.objects.exists()


def test_non_string_prefix_is_a_400(api: APIClient) -> None:
    response = api.post("/api/ipam/prefixes/", {"prefix": 10}, format="json")
    assert response.status_code == 400
    assert response.json() == {"prefix": ["Invalid IP address format: 10"]}


def test_zero_mask_is_rejected(api: APIClient) -> None:
    response = api.post("/api/ipam/prefixes/", {"prefix": "0.0.0.0/0"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"prefix": ["Cannot create prefix with /0 mask."]}


def test_duplicate_in_global_table_is_rejected(api: APIClient) -> None:
    post(api, "prefixes", {"prefix": "10.0.0.0/24"})
    response = api.post("/api/ipam/prefixes/", {"prefix": "10.0.0.0/24"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"prefix": ["Duplicate prefix found in global table: 10.0.0.0/24"]}


@override_settings(ENFORCE_GLOBAL_UNIQUE=False)
def test_duplicates_allowed_in_global_table_when_not_enforced(api: APIClient) -> None:
    post(api, "prefixes", {"prefix": "10.0.0.0/24"})
    post(api, "prefixes", {"prefix": "10.0.0.0/24"})
    assert Prefix.objects.count() == 2


def test_duplicate_in_enforcing_vrf_is_rejected(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    post(api, "prefixes", {"prefix": "10.0.0.0/24", "vrf": vrf.pk})
    post(api, "prefixes", {"prefix": "10.0.0.0/24"})  # the global table is another space
    response = api.post(
        "/api/ipam/prefixes/", {"prefix": "10.0.0.0/24", "vrf": vrf.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "prefix": ["Duplicate prefix found in VRF prod (65000:1): 10.0.0.0/24"]
    }


def test_duplicates_allowed_in_non_enforcing_vrf(api: APIClient) -> None:
    vrf = VRF.objects.create(name="lab", enforce_unique=False)
    post(api, "prefixes", {"prefix": "10.0.0.0/24", "vrf": vrf.pk})
    post(api, "prefixes", {"prefix": "10.0.0.0/24", "vrf": vrf.pk})
    assert Prefix.objects.filter(vrf=vrf).count() == 2


def test_bulk_create_checks_duplicates_against_existing_rows(api: APIClient) -> None:
    post(api, "prefixes", {"prefix": "10.0.0.0/24"})
    response = api.post(
        "/api/ipam/prefixes/",
        [{"prefix": "10.0.1.0/24"}, {"prefix": "10.0.0.0/24"}],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        {},
        {"prefix": ["Duplicate prefix found in global table: 10.0.0.0/24"]},
    ]
    assert Prefix.objects.count() == 1


def test_unknown_related_id_is_a_400(api: APIClient) -> None:
    response = api.post(
        "/api/ipam/prefixes/", {"prefix": "10.0.0.0/24", "vrf": 999999}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "vrf": ["Related object not found using the provided numeric ID: 999999"]
    }


# --- the generic scope ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"scope_type": "dcim.device", "scope_id": 1},
            {"scope_type": ["Invalid content type: dcim.device"]},
        ),
        (
            {"scope_type": "ipam.vrf", "scope_id": 1},
            {"scope_type": ["Invalid content type: ipam.vrf"]},
        ),
        (
            {"scope_type": "site", "scope_id": 1},
            {
                "scope_type": [
                    "Invalid value. Specify a content type as '<app_label>.<model_name>'."
                ]
            },
        ),
        ({"scope_type": "dcim.site"}, {"scope_id": ["This field cannot be null."]}),
        ({"scope_id": 5}, {"scope_type": ["This field cannot be null."]}),
        (
            {"scope_type": "dcim.site", "scope_id": 999999},
            {"scope_id": ["Related object not found using the provided value: 999999."]},
        ),
        (
            {"scope_type": "dcim.site", "scope_id": 2**70},
            {"scope_id": ["Ensure this value is less than or equal to 9223372036854775807."]},
        ),
        (
            {"scope_type": "dcim.site", "scope_id": "abc"},
            {"scope_id": ["A valid integer is required."]},
        ),
    ],
)
def test_bad_scope_is_a_400_naming_the_field(
    api: APIClient, body: dict[str, object], errors: dict[str, list[str]]
) -> None:
    response = api.post("/api/ipam/prefixes/", {"prefix": "10.0.0.0/24", **body}, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert not Prefix.objects.exists()


def test_scope_fills_the_cached_ancestry(api: APIClient, location: Location) -> None:
    site = location.site
    created = post(
        api,
        "prefixes",
        {"prefix": "10.0.0.0/24", "scope_type": "dcim.location", "scope_id": location.pk},
    )
    prefix = Prefix.objects.get(pk=created["id"])
    assert (prefix._region_id, prefix._site_group_id, prefix._site_id, prefix._location_id) == (
        site.region_id,
        site.group_id,
        site.pk,
        location.pk,
    )
    assert created["scope"]["display"] == "Hall 1"
    assert created["scope"]["_depth"] == 0

    # Another scope replaces the whole ancestry.
    region = site.region
    patched = api.patch(created["url"], {"scope_type": "dcim.region", "scope_id": region.pk})
    assert patched.status_code == 200, patched.json()
    prefix.refresh_from_db()
    assert (prefix._region_id, prefix._site_group_id, prefix._site_id, prefix._location_id) == (
        region.pk,
        None,
        None,
        None,
    )
    assert patched.json()["scope"]["slug"] == "germany"


def test_patching_only_the_scope_id_keeps_the_type(api: APIClient, site: Site) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    created = post(
        api, "prefixes", {"prefix": "10.0.0.0/24", "scope_type": "dcim.site", "scope_id": site.pk}
    )
    patched = api.patch(created["url"], {"scope_id": other.pk}, format="json").json()
    assert (patched["scope_type"], patched["scope_id"]) == ("dcim.site", other.pk)
    assert Prefix.objects.get(pk=created["id"])._site_id == other.pk


@pytest.mark.parametrize(
    "body",
    [
        {"scope_type": None, "scope_id": None},
        {"scope_type": ""},
        {"scope_type": None},
        {"scope_id": None},
    ],
)
def test_clearing_the_scope(api: APIClient, site: Site, body: dict[str, object]) -> None:
    created = post(
        api, "prefixes", {"prefix": "10.0.0.0/24", "scope_type": "dcim.site", "scope_id": site.pk}
    )
    patched = api.patch(created["url"], body, format="json")
    assert patched.status_code == 200, patched.json()
    assert [patched.json()[key] for key in ("scope_type", "scope_id", "scope")] == [None] * 3
    prefix = Prefix.objects.get(pk=created["id"])
    assert (prefix._region_id, prefix._site_id) == (None, None)


def test_list_of_prefixes_with_mixed_scopes(api: APIClient, location: Location) -> None:
    site = location.site
    for index, (scope_type, scope) in enumerate(
        [
            ("dcim.region", site.region),
            ("dcim.sitegroup", site.group),
            ("dcim.site", site),
            ("dcim.location", location),
        ]
    ):
        post(
            api,
            "prefixes",
            {"prefix": f"10.{index}.0.0/16", "scope_type": scope_type, "scope_id": scope.pk},
        )
    rows = api.get("/api/ipam/prefixes/").json()["results"]
    assert [row["scope"]["display"] for row in rows] == ["Germany", "DCs", "DC1", "Hall 1"]
    # Tree scopes carry their depth; the region is one level below Europe.
    assert rows[0]["scope"]["_depth"] == 1


# --- filters ----------------------------------------------------------------------------


@pytest.fixture
def tree(db: None) -> dict[str, Prefix]:
    names = ["10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24", "10.2.0.0/16", "2001:db8::/32"]
    return {name: Prefix.objects.create(prefix=name) for name in names}


def pks(tree: dict[str, Prefix], *names: str) -> list[int]:
    return [tree[name].pk for name in names]


def test_filter_prefix_exact(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", prefix="10.1.0.0/16") == pks(tree, "10.1.0.0/16")
    # Host bits in the filter value are cleared like on write.
    assert ids(api, "prefixes", prefix="10.1.2.3/16") == pks(tree, "10.1.0.0/16")


def test_filter_within(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", within="10.0.0.0/8") == pks(
        tree, "10.1.0.0/16", "10.1.1.0/24", "10.2.0.0/16"
    )
    assert ids(api, "prefixes", within="10.1.0.0/16") == pks(tree, "10.1.1.0/24")


def test_filter_within_include(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", within_include="10.1.0.0/16") == pks(
        tree, "10.1.0.0/16", "10.1.1.0/24"
    )


def test_filter_contains_network_or_address(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", contains="10.1.1.0/24") == pks(
        tree, "10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24"
    )
    assert ids(api, "prefixes", contains="10.2.3.4") == pks(tree, "10.0.0.0/8", "10.2.0.0/16")
    assert ids(api, "prefixes", contains="2001:db8::1") == pks(tree, "2001:db8::/32")


def test_ip_filters_take_several_values(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", within=["10.1.0.0/16", "10.2.0.0/15"]) == pks(
        tree, "10.1.1.0/24", "10.2.0.0/16"
    )


@pytest.mark.parametrize("param", ["within", "within_include", "contains", "prefix"])
def test_ip_filters_with_garbage_match_nothing(
    api: APIClient, tree: dict[str, Prefix], param: str
) -> None:
    response = api.get("/api/ipam/prefixes/", {param: "not-a-network"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_filter_family(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", family=6) == pks(tree, "2001:db8::/32")
    assert len(ids(api, "prefixes", family=4)) == 4
    assert api.get("/api/ipam/prefixes/", {"family": "x"}).status_code == 400


def test_filter_mask_length(api: APIClient, tree: dict[str, Prefix]) -> None:
    assert ids(api, "prefixes", mask_length=16) == pks(tree, "10.1.0.0/16", "10.2.0.0/16")
    assert ids(api, "prefixes", mask_length=[8, 24]) == pks(tree, "10.0.0.0/8", "10.1.1.0/24")
    assert ids(api, "prefixes", mask_length__gte=24) == pks(tree, "10.1.1.0/24", "2001:db8::/32")
    assert ids(api, "prefixes", mask_length__lte=8) == pks(tree, "10.0.0.0/8")
    assert ids(api, "prefixes", mask_length__gte=16, mask_length__lte=16) == pks(
        tree, "10.1.0.0/16", "10.2.0.0/16"
    )


def test_filter_depth_and_children(api: APIClient, tree: dict[str, Prefix]) -> None:
    Prefix.objects.filter(pk=tree["10.0.0.0/8"].pk).update(_children=3)
    Prefix.objects.filter(pk=tree["10.1.1.0/24"].pk).update(_depth=2)
    assert ids(api, "prefixes", children__gte=1) == pks(tree, "10.0.0.0/8")
    assert ids(api, "prefixes", depth=2) == pks(tree, "10.1.1.0/24")
    assert len(ids(api, "prefixes", depth__lt=2)) == 4


def test_filter_vrf(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    global_prefix = Prefix.objects.create(prefix="10.0.0.0/8")
    vrf_prefix = Prefix.objects.create(prefix="10.0.0.0/8", vrf=vrf)
    assert ids(api, "prefixes", vrf_id=vrf.pk) == [vrf_prefix.pk]
    assert ids(api, "prefixes", vrf="65000:1") == [vrf_prefix.pk]
    assert ids(api, "prefixes", vrf_id="null") == [global_prefix.pk]
    assert ids(api, "prefixes", vrf="null") == [global_prefix.pk]
    assert ids(api, "prefixes", vrf_id__n=vrf.pk) == [global_prefix.pk]
    assert api.get("/api/ipam/prefixes/", {"vrf_id": 999999}).status_code == 400


def test_filter_present_in_vrf(api: APIClient) -> None:
    target = RouteTarget.objects.create(name="65000:100")
    hub = VRF.objects.create(name="hub", rd="65000:1")
    hub.import_targets.add(target)
    spoke = VRF.objects.create(name="spoke", rd="65000:2")
    spoke.export_targets.add(target)
    other = VRF.objects.create(name="other", rd="65000:3")
    in_hub = Prefix.objects.create(prefix="10.1.0.0/16", vrf=hub)
    in_spoke = Prefix.objects.create(prefix="10.2.0.0/16", vrf=spoke)
    Prefix.objects.create(prefix="10.3.0.0/16", vrf=other)
    Prefix.objects.create(prefix="10.4.0.0/16")
    assert ids(api, "prefixes", present_in_vrf_id=hub.pk) == [in_hub.pk, in_spoke.pk]
    assert ids(api, "prefixes", present_in_vrf="65000:1") == [in_hub.pk, in_spoke.pk]
    assert ids(api, "prefixes", present_in_vrf_id=spoke.pk) == [in_spoke.pk]
    assert api.get("/api/ipam/prefixes/", {"present_in_vrf": "nope"}).status_code == 400


def test_scope_filters_match_through_the_cached_ancestry(
    api: APIClient, location: Location
) -> None:
    site = location.site
    other_site = Site.objects.create(name="DC2", slug="dc2")
    at_location = Prefix.objects.create(prefix="10.1.0.0/16", scope=location)
    at_site = Prefix.objects.create(prefix="10.2.0.0/16", scope=site)
    at_region = Prefix.objects.create(prefix="10.3.0.0/16", scope=site.region)
    at_group = Prefix.objects.create(prefix="10.4.0.0/16", scope=site.group)
    elsewhere = Prefix.objects.create(prefix="10.5.0.0/16", scope=other_site)
    Prefix.objects.create(prefix="10.6.0.0/16")
    europe = Region.objects.get(slug="europe")

    assert ids(api, "prefixes", site_id=site.pk) == [at_location.pk, at_site.pk]
    assert ids(api, "prefixes", site="dc1") == [at_location.pk, at_site.pk]
    assert ids(api, "prefixes", location_id=location.pk) == [at_location.pk]
    assert ids(api, "prefixes", location="hall-1") == [at_location.pk]
    # A region filter includes descendant regions.
    expected = [at_location.pk, at_site.pk, at_region.pk]
    assert ids(api, "prefixes", region_id=europe.pk) == expected
    assert ids(api, "prefixes", region="europe") == expected
    group = SiteGroup.objects.get(slug="dcs")
    assert ids(api, "prefixes", site_group_id=group.pk) == [
        at_location.pk,
        at_site.pk,
        at_group.pk,
    ]
    assert ids(api, "prefixes", site_group="dcs") == [at_location.pk, at_site.pk, at_group.pk]
    assert ids(api, "prefixes", scope_type="dcim.site") == [at_site.pk, elsewhere.pk]
    assert ids(api, "prefixes", scope_type=["dcim.location", "dcim.region"]) == [
        at_location.pk,
        at_region.pk,
    ]
    assert ids(api, "prefixes", scope_type="dcim.site", scope_id=site.pk) == [at_site.pk]


def test_filter_vlan_role_status_and_flags(api: APIClient) -> None:
    group = VLANGroup.objects.create(name="G1", slug="g1")
    vlan = VLAN.objects.create(vid=100, name="users", group=group)
    role = Role.objects.create(name="Infra", slug="infra")
    first = Prefix.objects.create(prefix="10.1.0.0/16", vlan=vlan, status="reserved")
    second = Prefix.objects.create(prefix="10.2.0.0/16", role=role, is_pool=True)
    third = Prefix.objects.create(prefix="10.3.0.0/16", mark_utilized=True, description="Core")
    assert ids(api, "prefixes", vlan_id=vlan.pk) == [first.pk]
    assert ids(api, "prefixes", vlan_vid=100) == [first.pk]
    assert ids(api, "prefixes", vlan_group_id=group.pk) == [first.pk]
    assert ids(api, "prefixes", vlan_group="g1") == [first.pk]
    assert ids(api, "prefixes", role_id=role.pk) == [second.pk]
    assert ids(api, "prefixes", role="infra") == [second.pk]
    assert ids(api, "prefixes", status="reserved") == [first.pk]
    assert ids(api, "prefixes", status__n="reserved") == [second.pk, third.pk]
    assert ids(api, "prefixes", is_pool="true") == [second.pk]
    assert ids(api, "prefixes", mark_utilized="true") == [third.pk]
    assert ids(api, "prefixes", description__ic="cor") == [third.pk]
    assert api.get("/api/ipam/prefixes/", {"status": "bogus"}).status_code == 400


def test_filter_q(api: APIClient, tree: dict[str, Prefix]) -> None:
    Prefix.objects.filter(pk=tree["10.2.0.0/16"].pk).update(description="Backbone")
    # Description, the prefix's text, or prefixes containing the value.
    assert ids(api, "prefixes", q="backbone") == pks(tree, "10.2.0.0/16")
    assert ids(api, "prefixes", q="10.1.") == pks(tree, "10.1.0.0/16", "10.1.1.0/24")
    assert ids(api, "prefixes", q="10.1.1.7") == pks(
        tree, "10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24"
    )
    assert ids(api, "prefixes", q="2001:db8") == pks(tree, "2001:db8::/32")
    assert len(ids(api, "prefixes", q=" ")) == 5


def test_bulk_create_rejects_duplicates_inside_the_batch(api: APIClient) -> None:
    vrf = VRF.objects.create(name="prod", rd="65000:1")
    lab = VRF.objects.create(name="lab", enforce_unique=False)
    response = api.post(
        "/api/ipam/prefixes/",
        [
            {"prefix": "10.0.0.0/24"},
            {"prefix": "10.0.0.0/24", "vrf": vrf.pk},
            {"prefix": "10.0.0.5/24"},
            {"prefix": "10.0.0.0/24", "vrf": lab.pk},
            {"prefix": "10.0.0.0/24", "vrf": lab.pk},
        ],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        {},
        {},
        {"prefix": ["Duplicate prefix found in global table: 10.0.0.0/24"]},
        {},
        {},
    ]
    assert not Prefix.objects.exists()


def test_mixed_scopes_cost_one_query_per_scope_type(api: APIClient, location: Location) -> None:
    site = location.site
    scopes = [site.region, site.group, site, location]

    def add_prefixes(first_octet: int) -> None:
        for index, scope in enumerate(scopes):
            Prefix.objects.create(prefix=f"{first_octet}.{index}.0.0/16", scope=scope)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get("/api/ipam/prefixes/", {"limit": 100}).status_code == 200
        return len(context.captured_queries)

    add_prefixes(10)
    count_queries()  # warms the content-type cache
    baseline = count_queries()
    add_prefixes(11)
    add_prefixes(12)
    assert count_queries() == baseline
