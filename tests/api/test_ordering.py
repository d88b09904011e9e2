"""`?ordering=` and default orderings (facts §5.4)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Region, Site
from extras.models import Tag
from tenancy.models import Tenant, TenantGroup

SITES = "/api/dcim/sites/"


@pytest.fixture
def sites(db: None) -> list[Site]:
    return [
        Site.objects.create(name="Bravo", slug="bravo", facility="2", status="planned"),
        Site.objects.create(name="Alpha", slug="alpha", facility="2", status="active"),
        Site.objects.create(name="Charlie", slug="charlie", facility="1", status="retired"),
    ]


def names(api: APIClient, path: str = SITES, **params: Any) -> list[str]:
    response = api.get(path, params)
    assert response.status_code == 200, response.json()
    return [item["name"] for item in response.json()["results"]]


def test_default_ordering_by_name(api: APIClient, sites: list[Site]) -> None:
    assert names(api) == ["Alpha", "Bravo", "Charlie"]


def test_ordering_ascending_and_descending(api: APIClient, sites: list[Site]) -> None:
    assert names(api, ordering="name") == ["Alpha", "Bravo", "Charlie"]
    assert names(api, ordering="-name") == ["Charlie", "Bravo", "Alpha"]


def test_ordering_by_several_terms(api: APIClient, sites: list[Site]) -> None:
    assert names(api, ordering="facility,-name") == ["Charlie", "Bravo", "Alpha"]
    assert names(api, ordering="-facility, name") == ["Alpha", "Bravo", "Charlie"]


def test_ordering_by_a_choice_field(api: APIClient, sites: list[Site]) -> None:
    assert names(api, ordering="status") == ["Alpha", "Bravo", "Charlie"]


def test_ties_are_broken_by_id(api: APIClient, db: None) -> None:
    created = [Site.objects.create(name=f"S{n}", slug=f"s{n}", facility="same") for n in range(6)]
    ids = [item["id"] for item in api.get(SITES, {"ordering": "facility"}).json()["results"]]
    assert ids == sorted(site.pk for site in created)
    reverse = api.get(SITES, {"ordering": "-id"}).json()["results"]
    assert [item["id"] for item in reverse] == sorted(ids, reverse=True)


IGNORED = ["nope", "-nope", "display", "url", "tags", "name__len", "", ",", "--name"]


@pytest.mark.parametrize("ordering", [*IGNORED, "changelog_message"])
def test_invalid_terms_are_ignored(api: APIClient, sites: list[Site], ordering: str) -> None:
    assert names(api, ordering=ordering) == ["Alpha", "Bravo", "Charlie"]


def test_valid_terms_survive_invalid_ones(api: APIClient, sites: list[Site]) -> None:
    assert names(api, ordering="nope,-name") == ["Charlie", "Bravo", "Alpha"]


def test_ordering_by_a_related_object(api: APIClient, db: None) -> None:
    zed = Tenant.objects.create(name="Zed", slug="zed")
    abe = Tenant.objects.create(name="Abe", slug="abe")
    Site.objects.create(name="One", slug="one", tenant=zed)
    Site.objects.create(name="Two", slug="two", tenant=abe)
    assert names(api, ordering="tenant") == ["Two", "One"]


def test_ordering_by_annotations(api: APIClient, db: None) -> None:
    busy = Region.objects.create(name="Busy", slug="busy")
    Region.objects.create(name="Quiet", slug="quiet")
    child = Region.objects.create(name="Child", slug="child", parent=busy)
    Site.objects.create(name="S1", slug="s1", region=busy)
    Site.objects.create(name="S2", slug="s2", region=child)
    regions = "/api/dcim/regions/"
    assert names(api, regions, ordering="-site_count") == ["Busy", "Child", "Quiet"]
    assert names(api, regions, ordering="-_depth,name") == ["Child", "Busy", "Quiet"]


def test_counted_querysets_keep_their_default_ordering(api: APIClient, db: None) -> None:
    # Django drops Meta.ordering from GROUP BY queries; tags are still weight, then name.
    Tag.objects.create(name="Zeta", slug="zeta", weight=10)
    Tag.objects.create(name="Alpha", slug="alpha")
    Tag.objects.create(name="Beta", slug="beta")
    assert names(api, "/api/extras/tags/") == ["Zeta", "Alpha", "Beta"]
    assert names(api, "/api/extras/tags/", ordering="-name") == ["Zeta", "Beta", "Alpha"]


def test_tenants_order_by_name_then_id(api: APIClient, db: None) -> None:
    first = TenantGroup.objects.create(name="G1", slug="g1")
    second = TenantGroup.objects.create(name="G2", slug="g2")
    later = Tenant.objects.create(name="Same", slug="same-2", group=second)
    earlier = Tenant.objects.create(name="Same", slug="same-1", group=first)
    body = api.get("/api/tenancy/tenants/").json()["results"]
    assert [item["id"] for item in body] == [later.pk, earlier.pk]


def test_ordering_applies_to_brief_lists(api: APIClient, sites: list[Site]) -> None:
    assert names(api, ordering="-name", brief=1) == ["Charlie", "Bravo", "Alpha"]
