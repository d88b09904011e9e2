"""VLAN groups and VLANs over the REST API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import VLAN, Prefix, Role, VLANGroup
from tenancy.models import Tenant
from tests.ipam.conftest import attempt, ids, post

# --- VLAN groups -------------------------------------------------------------------------


def test_group_shape(api: APIClient, site: Site) -> None:
    created = post(
        api,
        "vlan-groups",
        {
            "name": "Campus",
            "slug": "campus",
            "scope_type": "dcim.site",
            "scope_id": site.pk,
            "vid_ranges": [[100, 199], [300, 300]],
        },
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "slug",
        "scope_type",
        "scope_id",
        "scope",
        "vid_ranges",
        "total_vlan_ids",
        "tenant",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "vlan_count",
        "utilization",  # facts §9.24: a string such as "12.5"
    ]
    assert created["utilization"] == "0"
    assert created["vid_ranges"] == [[100, 199], [300, 300]]
    assert created["total_vlan_ids"] == 101
    assert created["scope"]["slug"] == "dc1"
    brief = api.get(created["url"], {"brief": "1"}).json()
    assert brief == {
        "id": created["id"],
        "url": created["url"],
        "display": "Campus",
        "name": "Campus",
        "slug": "campus",
        "description": "",
        "vlan_count": 0,
    }


def test_group_defaults_to_every_vid(api: APIClient) -> None:
    created = post(api, "vlan-groups", {"name": "Global", "slug": "global"})
    assert created["vid_ranges"] == [[1, 4094]]
    assert created["total_vlan_ids"] == 4094
    assert (created["scope_type"], created["scope_id"], created["scope"]) == (None, None, None)


@pytest.mark.parametrize(
    ("vid_ranges", "message"),
    [
        ([[1, 2, 3]], "Ranges must be specified in the form (lower, upper)."),
        ([5], "Ranges must be specified in the form (lower, upper)."),
        ([["1", 5]], "Range boundaries must be defined as integers."),
        ([[1.5, 5]], "Range boundaries must be defined as integers."),
        ([[0, 10]], "Starting VLAN ID in range (0) cannot be less than 1"),
        ([[10, 4095]], "Ending VLAN ID in range (4095) cannot exceed 4094"),
        (
            [[20, 10]],
            "Ending VLAN ID in range must be greater than or equal to the starting VLAN ID (20-10)",
        ),
        ([[1, 100], [50, 150]], "Ranges cannot overlap."),
    ],
)
def test_group_vid_range_errors(api: APIClient, vid_ranges: list, message: str) -> None:
    response = attempt(
        api,
        "vlan-groups",
        {"name": "G", "slug": "g", "vid_ranges": vid_ranges},
    )
    assert response.status_code == 400
    assert response.json() == {"vid_ranges": [message]}


def test_group_vid_ranges_must_be_a_list(api: APIClient) -> None:
    response = attempt(api, "vlan-groups", {"name": "G", "slug": "g", "vid_ranges": "1-10"})
    assert response.status_code == 400
    assert list(response.json()) == ["vid_ranges"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"scope_type": "dcim.rack", "scope_id": 1},
            {"scope_id": ["Related object not found using the provided value: 1."]},
        ),
        (
            {"scope_type": "virtualization.cluster", "scope_id": 1},
            {"scope_id": ["Related object not found using the provided value: 1."]},
        ),
        (
            {"scope_type": "ipam.prefix", "scope_id": 1},
            {"scope_type": ["Invalid content type: ipam.prefix"]},
        ),
        ({"scope_type": "dcim.region"}, {"scope_id": ["This field cannot be null."]}),
    ],
)
def test_group_scope_errors(api: APIClient, body: dict, errors: dict) -> None:
    response = attempt(api, "vlan-groups", {"name": "G", "slug": "g", **body})
    assert response.status_code == 400
    assert response.json() == errors


def test_group_names_are_unique_per_scope(api: APIClient, site: Site) -> None:
    scoped = {"scope_type": "dcim.site", "scope_id": site.pk}
    post(api, "vlan-groups", {"name": "G", "slug": "g", **scoped})
    response = attempt(api, "vlan-groups", {"name": "G", "slug": "g", **scoped})
    assert response.status_code == 400
    other = Site.objects.create(name="DC2", slug="dc2")
    post(
        api,
        "vlan-groups",
        {"name": "G", "slug": "g", "scope_type": "dcim.site", "scope_id": other.pk},
    )


@pytest.fixture
def groups(location: Location) -> dict[str, VLANGroup]:
    site = location.site
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    return {
        "region": VLANGroup.objects.create(name="R", slug="r", scope=site.region),
        "group": VLANGroup.objects.create(name="SG", slug="sg", scope=site.group),
        "site": VLANGroup.objects.create(
            name="S", slug="s", scope=site, vid_ranges=[range_of(100, 199)], tenant=tenant
        ),
        "location": VLANGroup.objects.create(name="L", slug="l", scope=location),
        "global": VLANGroup.objects.create(name="Z", slug="z", description="Everywhere"),
    }


def range_of(lower: int, upper: int) -> object:
    from django.db.backends.postgresql.psycopg_any import NumericRange

    return NumericRange(lower, upper + 1)


def group_ids(groups: dict[str, VLANGroup], *names: str) -> list[int]:
    return [groups[name].pk for name in names]


def test_group_filters(api: APIClient, groups: dict[str, VLANGroup]) -> None:
    site = groups["site"].scope
    europe = Region.objects.get(slug="europe")
    assert ids(api, "vlan-groups", site=site.pk) == group_ids(groups, "site")
    assert ids(api, "vlan-groups", region=site.region_id) == group_ids(groups, "region")
    # Exact scope only: the parent region has no group of its own.
    assert ids(api, "vlan-groups", region=europe.pk) == []
    assert ids(api, "vlan-groups", site_group=SiteGroup.objects.get().pk) == group_ids(
        groups, "group"
    )
    location = groups["location"].scope
    assert ids(api, "vlan-groups", location=location.pk) == group_ids(groups, "location")
    assert ids(api, "vlan-groups", scope_type="dcim.site") == group_ids(groups, "site")
    assert ids(api, "vlan-groups", scope_type="dcim.site", scope_id=site.pk) == group_ids(
        groups, "site"
    )
    # Ordered by name: L, R, S, SG, Z.
    assert ids(api, "vlan-groups", contains_vid=150) == group_ids(
        groups, "location", "region", "site", "group", "global"
    )
    assert ids(api, "vlan-groups", contains_vid=250) == group_ids(
        groups, "location", "region", "group", "global"
    )
    assert ids(api, "vlan-groups", contains_vid=5000) == []
    assert ids(api, "vlan-groups", total_vlan_ids=100) == group_ids(groups, "site")
    assert ids(api, "vlan-groups", total_vlan_ids__gt=100) == group_ids(
        groups, "location", "region", "group", "global"
    )
    assert ids(api, "vlan-groups", tenant="acme") == group_ids(groups, "site")
    assert ids(api, "vlan-groups", q="everywhere") == group_ids(groups, "global")
    assert ids(api, "vlan-groups", slug="s") == group_ids(groups, "site")


def test_group_vlan_count(api: APIClient) -> None:
    group = VLANGroup.objects.create(name="G", slug="g")
    VLAN.objects.create(group=group, vid=1, name="a")
    VLAN.objects.create(group=group, vid=2, name="b")
    data = api.get(f"/api/ipam/vlan-groups/{group.pk}/").json()
    assert data["vlan_count"] == 2


# --- VLANs ------------------------------------------------------------------------------


def test_vlan_shape(api: APIClient, site: Site) -> None:
    role = Role.objects.create(name="Users", slug="users")
    svlan = post(api, "vlans", {"vid": 1000, "name": "Service", "qinq_role": "svlan"})
    created = post(
        api,
        "vlans",
        {
            "vid": 100,
            "name": "users",
            "site": site.pk,
            "role": role.pk,
            "qinq_role": "cvlan",
            "qinq_svlan": svlan["id"],
        },
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "site",
        "group",
        "vid",
        "name",
        "tenant",
        "status",
        "role",
        "description",
        "qinq_role",
        "qinq_svlan",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "prefix_count",
    ]
    assert created["display"] == "users (100)"
    assert created["site"] == {
        "id": site.pk,
        "url": f"http://testserver/api/dcim/sites/{site.pk}/",
        "display": "DC1",
        "name": "DC1",
        "description": "",
        "slug": "dc1",
    }
    assert created["qinq_role"] == {"value": "cvlan", "label": "Customer"}
    assert created["qinq_svlan"] == {
        "id": svlan["id"],
        "url": svlan["url"],
        "display": "Service (1000)",
        "vid": 1000,
        "name": "Service",
        "description": "",
    }
    assert created["prefix_count"] == 0
    Prefix.objects.create(prefix="10.0.0.0/24", vlan_id=created["id"])
    assert api.get(created["url"]).json()["prefix_count"] == 1


def test_vlan_vid_must_be_in_the_group_ranges(api: APIClient) -> None:
    group = VLANGroup.objects.create(
        name="G", slug="g", vid_ranges=[range_of(100, 199), range_of(300, 399)]
    )
    post(api, "vlans", {"vid": 150, "name": "ok", "group": group.pk})
    response = attempt(api, "vlans", {"vid": 250, "name": "x", "group": group.pk})
    assert response.status_code == 400
    assert response.json() == {
        "vid": ["VID must be in ranges 100-199, 300-399 for VLANs in group G"]
    }


@pytest.mark.parametrize("vid", [0, 4095])
def test_vlan_vid_bounds(api: APIClient, vid: int) -> None:
    response = attempt(api, "vlans", {"vid": vid, "name": "x"})
    assert response.status_code == 400
    assert list(response.json()) == ["vid"]


def test_vlan_unique_within_group(api: APIClient) -> None:
    group = VLANGroup.objects.create(name="G", slug="g")
    post(api, "vlans", {"vid": 10, "name": "a", "group": group.pk})
    response = attempt(api, "vlans", {"vid": 10, "name": "b", "group": group.pk})
    assert response.status_code == 400
    assert response.json() == {"__all__": ["VLAN ID must be unique within its group."]}


def test_vlan_site_must_match_a_site_scoped_group(api: APIClient, site: Site) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    group = VLANGroup.objects.create(name="G", slug="g", scope=site)
    post(api, "vlans", {"vid": 10, "name": "a", "group": group.pk, "site": site.pk})
    response = attempt(
        api,
        "vlans",
        {"vid": 11, "name": "b", "group": group.pk, "site": other.pk},
    )
    assert response.status_code == 400
    assert response.json() == {
        "__all__": ["VLAN is assigned to group G (scope: DC1); cannot also assign to site DC2."]
    }


def test_vlan_qinq_rules(api: APIClient) -> None:
    svlan = post(api, "vlans", {"vid": 1000, "name": "S", "qinq_role": "svlan"})
    response = attempt(api, "vlans", {"vid": 1, "name": "c", "qinq_role": "cvlan"})
    assert response.json() == {
        "qinq_role": ["A Q-in-Q customer VLAN must be assigned to a service VLAN."]
    }
    response = attempt(api, "vlans", {"vid": 1, "name": "c", "qinq_svlan": svlan["id"]})
    assert response.json() == {
        "qinq_svlan": ["Only Q-in-Q customer VLANs maybe assigned to a service VLAN."]
    }
    response = attempt(api, "vlans", {"vid": 1, "name": "c", "qinq_role": "bogus"})
    assert response.json() == {"qinq_role": ['"bogus" is not a valid choice.']}


@pytest.fixture
def vlans(groups: dict[str, VLANGroup]) -> dict[str, VLAN]:
    site = groups["site"].scope
    other = Site.objects.create(name="DC2", slug="dc2")
    role = Role.objects.create(name="Users", slug="users")
    svlan = VLAN.objects.create(vid=2000, name="svc", qinq_role="svlan")
    return {
        "global": VLAN.objects.create(vid=10, name="global"),
        "at_site": VLAN.objects.create(vid=20, name="at-site", site=site, role=role),
        "site_group": VLAN.objects.create(vid=110, name="site-group", group=groups["site"]),
        "region_group": VLAN.objects.create(vid=30, name="region-group", group=groups["region"]),
        "elsewhere": VLAN.objects.create(vid=40, name="elsewhere", site=other, status="reserved"),
        "svlan": svlan,
        "cvlan": VLAN.objects.create(
            vid=50, name="customer", qinq_role="cvlan", qinq_svlan=svlan, description="Tenant"
        ),
    }


def vlan_ids(vlans: dict[str, VLAN], *names: str) -> list[int]:
    return sorted(vlans[name].pk for name in names)


def sorted_ids(api: APIClient, **params: object) -> list[int]:
    return sorted(ids(api, "vlans", **params))


def test_vlan_filters(api: APIClient, vlans: dict[str, VLAN]) -> None:
    site = vlans["at_site"].site
    europe = Region.objects.get(slug="europe")
    group = vlans["site_group"].group
    assert sorted_ids(api, site_id=site.pk) == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, site="dc2") == vlan_ids(vlans, "elsewhere")
    assert sorted_ids(api, region_id=europe.pk) == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, region="germany") == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, site_group="dcs") == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, site_group_id=site.group_id) == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, group_id=group.pk) == vlan_ids(vlans, "site_group")
    assert sorted_ids(api, group="s") == vlan_ids(vlans, "site_group")
    assert sorted_ids(api, role="users") == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, role_id=vlans["at_site"].role_id) == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, status="reserved") == vlan_ids(vlans, "elsewhere")
    assert sorted_ids(api, qinq_role="cvlan") == vlan_ids(vlans, "cvlan")
    assert sorted_ids(api, qinq_svlan_id=vlans["svlan"].pk) == vlan_ids(vlans, "cvlan")
    assert sorted_ids(api, qinq_svlan_vid=2000) == vlan_ids(vlans, "cvlan")
    assert sorted_ids(api, vid=110) == vlan_ids(vlans, "site_group")
    assert sorted_ids(api, vid__gte=100) == vlan_ids(vlans, "site_group", "svlan")
    assert sorted_ids(api, name__isw="region") == vlan_ids(vlans, "region_group")
    # q: name, description or the exact VID.
    assert sorted_ids(api, q="tenant") == vlan_ids(vlans, "cvlan")
    assert sorted_ids(api, q="20") == vlan_ids(vlans, "at_site")
    assert sorted_ids(api, q="glob") == vlan_ids(vlans, "global")


def test_vlans_available_at_site(api: APIClient, vlans: dict[str, VLAN]) -> None:
    site = vlans["at_site"].site
    # Global VLANs, the site's own, and those of groups scoped to the site or its region.
    assert sorted_ids(api, available_at_site=site.pk) == vlan_ids(
        vlans, "global", "at_site", "site_group", "region_group", "svlan", "cvlan"
    )
    other = vlans["elsewhere"].site
    assert sorted_ids(api, available_at_site=other.pk) == vlan_ids(
        vlans, "global", "elsewhere", "svlan", "cvlan"
    )
    assert api.get("/api/ipam/vlans/", {"available_at_site": 999999}).status_code == 400


def test_bulk_create_rejects_constraint_clashes_inside_the_batch(api: APIClient) -> None:
    group = VLANGroup.objects.create(name="G", slug="g")
    response = api.post(
        "/api/ipam/vlans/",
        [
            {"vid": 5, "name": "a", "group": group.pk},
            {"vid": 5, "name": "b", "group": group.pk},
            {"vid": 5, "name": "b"},
            {"vid": 5, "name": "b"},
        ],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        {},
        {"__all__": ["VLAN ID must be unique within its group."]},
        {},
        {},
    ]
    assert not VLAN.objects.exists()
