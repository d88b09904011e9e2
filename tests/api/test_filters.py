"""Query-parameter filters on list endpoints (facts §7.2-§7.5)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from rest_framework.test import APIClient

from dcim.models import Region, Site, SiteGroup
from extras.models import Tag, TaggedItem
from tenancy.models import Tenant, TenantGroup
from users.models import User

SITES = "/api/dcim/sites/"


def tag(site: Site, *tags: Tag) -> None:
    content_type = ContentType.objects.get_for_model(Site)
    for item in tags:
        TaggedItem.objects.create(tag=item, content_type=content_type, object_id=site.pk)


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    europe = Region.objects.create(name="Europe", slug="europe")
    france = Region.objects.create(name="France", slug="france", parent=europe)
    asia = Region.objects.create(name="Asia", slug="asia")
    customers = TenantGroup.objects.create(name="Customers", slug="customers")
    vip = TenantGroup.objects.create(name="VIP", slug="vip", parent=customers)
    acme = Tenant.objects.create(name="Acme", slug="acme", group=vip)
    globex = Tenant.objects.create(name="Globex", slug="globex")
    core = Tag.objects.create(name="Core", slug="core")
    edge = Tag.objects.create(name="Edge", slug="edge")
    paris = Site.objects.create(
        name="Paris",
        slug="paris",
        region=france,
        tenant=acme,
        facility="PAR-1",
        latitude=Decimal("48.85"),
        description="Main hub",
    )
    berlin = Site.objects.create(
        name="Berlin", slug="berlin", region=europe, tenant=globex, status="planned"
    )
    tokyo = Site.objects.create(
        name="Tokyo", slug="tokyo", region=asia, latitude=Decimal("35.68"), status="retired"
    )
    lonely = Site.objects.create(name="Lonely", slug="lonely", facility="", description="")
    tag(paris, core, edge)
    tag(berlin, core)
    tag(tokyo, edge)
    return locals()


def names(api: APIClient, path: str = SITES, **params: Any) -> list[str]:
    response = api.get(path, params)
    assert response.status_code == 200, response.json()
    return sorted(item.get("name") or item.get("username") for item in response.json()["results"])


def error(api: APIClient, path: str = SITES, **params: Any) -> Any:
    response = api.get(path, params)
    assert response.status_code == 400, response.json()
    return response.json()


STRING_CASES = [
    ({"name": "Paris"}, ["Paris"]),
    ({"name": "paris"}, []),
    ({"name": ["Paris", "Tokyo"]}, ["Paris", "Tokyo"]),
    ({"name__n": "Paris"}, ["Berlin", "Lonely", "Tokyo"]),
    ({"name__n": ["Paris", "Tokyo"]}, ["Berlin", "Lonely"]),
    ({"name__ic": "ARI"}, ["Paris"]),
    ({"name__ic": ["ari", "kyo"]}, ["Paris", "Tokyo"]),
    ({"name__nic": "o"}, ["Berlin", "Paris"]),
    ({"name__isw": "to"}, ["Tokyo"]),
    ({"name__nisw": "to"}, ["Berlin", "Lonely", "Paris"]),
    ({"name__iew": "LIN"}, ["Berlin"]),
    ({"name__niew": "lin"}, ["Lonely", "Paris", "Tokyo"]),
    ({"name__ie": "BERLIN"}, ["Berlin"]),
    ({"name__nie": "berlin"}, ["Lonely", "Paris", "Tokyo"]),
    ({"name__regex": "^[PT]"}, ["Paris", "Tokyo"]),
    ({"name__iregex": "^[pt]"}, ["Paris", "Tokyo"]),
    ({"facility__empty": "true"}, ["Berlin", "Lonely", "Tokyo"]),
    ({"facility__empty": "false"}, ["Paris"]),
    ({"description__empty": "True"}, ["Berlin", "Lonely", "Tokyo"]),
    ({"description__ic": "hub"}, ["Paris"]),
    ({"slug": ["paris", "berlin"]}, ["Berlin", "Paris"]),
    ({"time_zone__empty": "true"}, ["Berlin", "Lonely", "Paris", "Tokyo"]),
]


@pytest.mark.parametrize(("params", "expected"), STRING_CASES, ids=repr)
def test_string_lookups(api: APIClient, world: dict, params: dict, expected: list) -> None:
    assert names(api, **params) == expected


def test_number_lookups(api: APIClient, world: dict) -> None:
    paris, tokyo = world["paris"].pk, world["tokyo"].pk
    assert names(api, id=paris) == ["Paris"]
    assert names(api, id=[paris, tokyo]) == ["Paris", "Tokyo"]
    assert names(api, id__n=paris) == ["Berlin", "Lonely", "Tokyo"]
    assert names(api, id__gt=paris, id__lt=tokyo) == ["Berlin"]
    assert names(api, id__gte=tokyo) == ["Lonely", "Tokyo"]
    assert names(api, id__lte=paris) == ["Paris"]


def test_decimal_lookups(api: APIClient, world: dict) -> None:
    assert names(api, latitude="48.85") == ["Paris"]
    assert names(api, latitude__gte=40) == ["Paris"]
    assert names(api, latitude__lt="40.5") == ["Tokyo"]
    assert names(api, latitude__empty="true") == ["Berlin", "Lonely"]
    assert names(api, latitude__n="48.85") == ["Berlin", "Lonely", "Tokyo"]


def test_datetime_lookups(api: APIClient, world: dict) -> None:
    yesterday = (timezone.now() - timedelta(days=1)).isoformat()
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert len(names(api, created__gte=yesterday)) == 4
    assert names(api, created__gt=tomorrow) == []
    assert len(names(api, last_updated__lte=tomorrow)) == 4
    assert names(api, created__empty="true") == []


def test_choice_filters(api: APIClient, world: dict) -> None:
    assert names(api, status="planned") == ["Berlin"]
    assert names(api, status=["planned", "retired"]) == ["Berlin", "Tokyo"]
    assert names(api, status__n="active") == ["Berlin", "Tokyo"]
    assert names(api, status__n=["active", "retired"]) == ["Berlin"]
    assert names(api, status__ic="plan") == ["Berlin"]
    assert names(api, status__isw="ret") == ["Tokyo"]


def test_foreign_key_filters(api: APIClient, world: dict) -> None:
    acme, globex = world["acme"].pk, world["globex"].pk
    assert names(api, tenant_id=acme) == ["Paris"]
    assert names(api, tenant_id=[acme, globex]) == ["Berlin", "Paris"]
    assert names(api, tenant="globex") == ["Berlin"]
    assert names(api, tenant=["globex", "acme"]) == ["Berlin", "Paris"]
    assert names(api, tenant_id__n=acme) == ["Berlin", "Lonely", "Tokyo"]
    assert names(api, tenant__n="acme") == ["Berlin", "Lonely", "Tokyo"]


def test_null_matches_unset_foreign_keys(api: APIClient, world: dict) -> None:
    assert names(api, tenant_id="null") == ["Lonely", "Tokyo"]
    assert names(api, tenant="null") == ["Lonely", "Tokyo"]
    assert names(api, tenant_id=["null", world["acme"].pk]) == ["Lonely", "Paris", "Tokyo"]
    assert names(api, region_id="null") == ["Lonely"]
    assert names(api, region="null") == ["Lonely"]


def test_tree_filters_include_descendants(api: APIClient, world: dict) -> None:
    assert names(api, region="europe") == ["Berlin", "Paris"]
    assert names(api, region_id=world["france"].pk) == ["Paris"]
    assert names(api, region=["france", "asia"]) == ["Paris", "Tokyo"]
    assert names(api, region__n="europe") == ["Lonely", "Tokyo"]
    assert names(api, region_id__n=world["asia"].pk) == ["Berlin", "Lonely", "Paris"]
    assert names(api, tenant_group="customers") == ["Paris"]
    assert names(api, tenant_group_id=world["vip"].pk) == ["Paris"]


def test_tree_node_filters(api: APIClient, world: dict) -> None:
    regions = "/api/dcim/regions/"
    assert names(api, regions, parent="europe") == ["France"]
    assert names(api, regions, parent_id=world["europe"].pk) == ["France"]
    assert names(api, regions, parent_id="null") == ["Asia", "Europe"]
    assert names(api, regions, ancestor="europe") == ["Europe", "France"]
    assert names(api, regions, ancestor_id=world["asia"].pk) == ["Asia"]


def test_tag_filters(api: APIClient, world: dict) -> None:
    core, edge = world["core"].pk, world["edge"].pk
    assert names(api, tag="core") == ["Berlin", "Paris"]
    assert names(api, tag=["core", "edge"]) == ["Paris"]
    assert names(api, tag__any=["core", "edge"]) == ["Berlin", "Paris", "Tokyo"]
    assert names(api, tag__n="core") == ["Lonely", "Tokyo"]
    assert names(api, tag__n=["core", "edge"]) == ["Lonely"]
    assert names(api, tag_id=[core, edge]) == ["Paris"]
    assert names(api, tag_id__any=[core, edge]) == ["Berlin", "Paris", "Tokyo"]
    assert names(api, tag_id__n=edge) == ["Berlin", "Lonely"]


def test_search(api: APIClient, world: dict) -> None:
    assert names(api, q="par") == ["Paris"]
    assert names(api, q="main HUB") == ["Paris"]
    assert names(api, q="PAR-1") == ["Paris"]
    assert names(api, q="") == ["Berlin", "Lonely", "Paris", "Tokyo"]
    assert names(api, q="   ") == ["Berlin", "Lonely", "Paris", "Tokyo"]
    assert names(api, "/api/tenancy/tenants/", q="glob") == ["Globex"]
    assert names(api, "/api/dcim/regions/", q="fra") == ["France"]


def test_filters_combine_with_and(api: APIClient, world: dict) -> None:
    assert names(api, region="europe", tag="edge") == ["Paris"]
    assert names(api, status="active", tenant_id="null") == ["Lonely"]


def test_unknown_parameters_are_ignored(api: APIClient, world: dict) -> None:
    assert names(api, nope="x", name__foo="bar", site_id=999, format="json") == [
        "Berlin",
        "Lonely",
        "Paris",
        "Tokyo",
    ]


def test_empty_values_are_ignored(api: APIClient, world: dict) -> None:
    assert len(names(api, name="", id="", status="", tenant_id="")) == 4


def not_a_choice(value: str) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


INVALID_CASES = [
    ({"status": "bogus"}, "status", not_a_choice("bogus")),
    ({"id": "abc"}, "id", "Enter a whole number."),
    ({"id__gte": "1.5"}, "id__gte", "Enter a whole number."),
    ({"latitude": "north"}, "latitude", "Enter a number."),
    ({"created__gte": "soon"}, "created__gte", "Enter a valid date/time."),
    ({"tenant": "nope"}, "tenant", not_a_choice("nope")),
    ({"tenant_id": "999999"}, "tenant_id", not_a_choice("999999")),
    ({"tenant_id": "abc"}, "tenant_id", "“abc” is not a valid value."),
    ({"region": "atlantis"}, "region", not_a_choice("atlantis")),
    ({"tag": "nope"}, "tag", not_a_choice("nope")),
    ({"name__regex": "(["}, "name__regex", "Enter a valid regular expression."),
    ({"name": "a\x00b"}, "name", "Null characters are not allowed."),
]


@pytest.mark.parametrize(("params", "key", "message"), INVALID_CASES, ids=repr)
def test_invalid_values_are_400(
    api: APIClient, world: dict, params: dict, key: str, message: str
) -> None:
    assert error(api, **params) == {key: [message]}


def test_several_invalid_parameters_are_all_reported(api: APIClient, world: dict) -> None:
    assert set(error(api, status="bogus", id="x")) == {"status", "id"}


@pytest.mark.parametrize("value", ["1", "yes", "maybe"])
def test_unrecognised_boolean_spellings_are_ignored(
    api: APIClient, world: dict, value: str
) -> None:
    User.objects.create_user("sleeper", password="x-password-1", is_active=False)
    assert names(api, "/api/users/users/", is_active=value) == ["admin", "sleeper"]


def test_boolean_filters(api: APIClient, world: dict) -> None:
    User.objects.create_user("sleeper", password="x-password-1", is_active=False)
    assert names(api, "/api/users/users/", is_active="false") == ["sleeper"]
    assert names(api, "/api/users/users/", is_active="True") == ["admin"]


def test_site_group_filters(api: APIClient, db: None) -> None:
    parent = SiteGroup.objects.create(name="All", slug="all")
    child = SiteGroup.objects.create(name="Child", slug="child", parent=parent)
    Site.objects.create(name="Grouped", slug="grouped", group=child)
    Site.objects.create(name="Loose", slug="loose")
    assert names(api, group="all") == ["Grouped"]
    assert names(api, group_id="null") == ["Loose"]
