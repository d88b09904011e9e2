"""How objects look on the wire (facts §1.4, §3.1-§3.4)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site
from extras.models import Tag
from tenancy.models import Tenant, TenantGroup

SITES = "/api/dcim/sites/"
DATETIME_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@pytest.fixture
def full_site(db: None) -> Site:
    parent = Region.objects.create(name="Europe", slug="europe")
    region = Region.objects.create(name="France", slug="france", parent=parent)
    Region.objects.create(name="Paris", slug="paris", parent=region)
    group = TenantGroup.objects.create(name="Customers", slug="customers")
    tenant = Tenant.objects.create(name="Acme", slug="acme", group=group)
    site = Site.objects.create(
        name="Paris 1",
        slug="paris-1",
        region=region,
        tenant=tenant,
        latitude=Decimal("48.856600"),
        longitude=Decimal("2.352200"),
    )
    Site.objects.create(name="Paris 2", slug="paris-2", region=region)
    return site


def test_common_fields_are_absolute(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    assert body["id"] == full_site.pk
    assert body["url"] == f"http://testserver/api/dcim/sites/{full_site.pk}/"
    assert body["display_url"] == f"http://testserver/dcim/sites/{full_site.pk}/"
    assert body["display"] == "Paris 1"


def test_urls_honour_forwarded_host_and_proto(api: APIClient, full_site: Site) -> None:
    response = api.get(
        SITES, HTTP_X_FORWARDED_HOST="nb.example:8443", HTTP_X_FORWARDED_PROTO="https"
    )
    body = response.json()
    site = body["results"][0]
    assert site["url"] == f"https://nb.example:8443/api/dcim/sites/{full_site.pk}/"
    assert site["display_url"] == f"https://nb.example:8443/dcim/sites/{full_site.pk}/"
    assert site["region"]["url"].startswith("https://nb.example:8443/api/dcim/regions/")


def test_nested_urls_resolve(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    for key in ("region", "tenant"):
        nested = api.get(body[key]["url"])
        assert nested.status_code == 200
        assert nested.json()["id"] == body[key]["id"]


def test_choice_fields_are_value_and_label(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    assert body["status"] == {"value": "active", "label": "Active"}


def test_choice_is_written_as_its_raw_value(api: APIClient, full_site: Site) -> None:
    response = api.patch(f"{SITES}{full_site.pk}/", {"status": "planned"}, format="json")
    assert response.json()["status"] == {"value": "planned", "label": "Planned"}


def test_decimals_are_json_numbers(api: APIClient, full_site: Site) -> None:
    raw = api.get(f"{SITES}{full_site.pk}/").content.decode()
    body = json.loads(raw)
    assert body["latitude"] == 48.8566
    assert isinstance(body["latitude"], float)
    assert '"longitude":2.3522' in raw


def test_null_decimal_is_null(api: APIClient, full_site: Site) -> None:
    other = Site.objects.get(slug="paris-2")
    body = api.get(f"{SITES}{other.pk}/").json()
    assert body["latitude"] is None and body["tenant"] is None


def test_datetimes_are_iso_with_z(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    assert DATETIME_Z.match(body["created"]), body["created"]
    assert DATETIME_Z.match(body["last_updated"]), body["last_updated"]


def test_empty_strings_stay_strings(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    assert body["description"] == "" and body["comments"] == "" and body["facility"] == ""
    assert body["time_zone"] is None


def test_nested_foreign_key_shapes(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/").json()
    region = body["region"]
    assert list(region) == [
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
        "site_count",
        "_depth",
    ]
    assert region["_depth"] == 1
    assert region["site_count"] == 2
    tenant = body["tenant"]
    assert list(tenant) == ["id", "url", "display", "name", "slug", "description"]


def test_nested_shapes_are_the_same_in_lists(api: APIClient, full_site: Site) -> None:
    listed = api.get(SITES, {"id": full_site.pk}).json()["results"][0]
    detail = api.get(f"{SITES}{full_site.pk}/").json()
    assert listed == detail


def test_tree_parent_shape(api: APIClient, full_site: Site) -> None:
    paris = Region.objects.get(slug="paris")
    body = api.get(f"/api/dcim/regions/{paris.pk}/").json()
    assert body["_depth"] == 2
    assert list(body["parent"]) == ["id", "url", "display_url", "display", "name", "slug", "_depth"]
    assert body["parent"]["_depth"] == 1
    assert body["parent"]["slug"] == "france"


def test_tenant_group_nested_in_tenant(api: APIClient, full_site: Site) -> None:
    tenant = Tenant.objects.get(slug="acme")
    group = api.get(f"/api/tenancy/tenants/{tenant.pk}/").json()["group"]
    assert list(group) == [
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
        "tenant_count",
        "_depth",
    ]
    assert group["tenant_count"] == 1 and group["_depth"] == 0


def test_location_nested_in_location(api: APIClient, full_site: Site) -> None:
    top = Location.objects.create(name="Building", slug="building", site=full_site)
    room = Location.objects.create(name="Room", slug="room", site=full_site, parent=top)
    body = api.get(f"/api/dcim/locations/{room.pk}/").json()
    assert body["_depth"] == 1
    assert body["parent"]["_depth"] == 0
    assert body["site"]["slug"] == "paris-1"


def test_tags_shape(api: APIClient, full_site: Site) -> None:
    tag = Tag.objects.create(name="Core", slug="core", color="ff0000")
    api.patch(f"{SITES}{full_site.pk}/", {"tags": [tag.pk]}, format="json")
    body = api.get(f"{SITES}{full_site.pk}/").json()
    assert body["tags"] == [
        {
            "id": tag.pk,
            "url": f"http://testserver/api/extras/tags/{tag.pk}/",
            "display_url": f"http://testserver/extras/tags/{tag.pk}/",
            "display": "Core",
            "name": "Core",
            "slug": "core",
            "color": "ff0000",
        }
    ]


@pytest.mark.parametrize("value", ["true", "false", "0", "1", "anything"])
def test_any_non_empty_brief_value_selects_brief(
    api: APIClient, full_site: Site, value: str
) -> None:
    body = api.get(SITES, {"brief": value, "ordering": "name"}).json()
    assert list(body["results"][0]) == ["id", "url", "display", "name", "description", "slug"]


def test_empty_brief_is_the_full_shape(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/", {"brief": ""}).json()
    assert "display_url" in body and "tags" in body


def test_brief_detail(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/", {"brief": "1"}).json()
    assert list(body) == ["id", "url", "display", "name", "description", "slug"]


def test_brief_region_list_keeps_counts(api: APIClient, full_site: Site) -> None:
    body = api.get("/api/dcim/regions/", {"brief": 1, "slug": "france"}).json()
    assert body["results"][0]["site_count"] == 2
    assert body["results"][0]["_depth"] == 1


def test_fields_selects_and_ignores_unknown(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/", {"fields": "name, status,nope,region"}).json()
    assert list(body) == ["name", "status", "region"]
    assert body["region"]["slug"] == "france"


def test_fields_wins_over_omit(api: APIClient, full_site: Site) -> None:
    body = api.get(f"{SITES}{full_site.pk}/", {"fields": "id,name", "omit": "name"}).json()
    assert list(body) == ["id", "name"]


def test_omit_removes_fields(api: APIClient, full_site: Site) -> None:
    body = api.get(SITES, {"omit": "tags,custom_fields,region"}).json()["results"][0]
    assert "tags" not in body and "custom_fields" not in body and "region" not in body
    assert "name" in body


def test_fields_do_not_apply_to_write_responses(api: APIClient, full_site: Site) -> None:
    response = api.patch(f"{SITES}{full_site.pk}/?fields=id", {"description": "x"}, format="json")
    assert response.json()["description"] == "x"
    assert "display_url" in response.json()


def test_create_response_is_the_full_shape_with_headers(api: APIClient, db: None) -> None:
    response = api.post(SITES, {"name": "New", "slug": "new"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert response.headers["Location"] == body["url"]
    assert response.headers["ETag"].startswith('W/"')
    assert body["status"] == {"value": "active", "label": "Active"}
    assert body["tags"] == [] and body["custom_fields"] == {}


def test_bulk_create_keeps_request_order(api: APIClient, db: None) -> None:
    payload = [{"name": f"S{n}", "slug": f"s{n}"} for n in (3, 1, 2)]
    response = api.post(SITES, payload, format="json")
    assert response.status_code == 201
    assert [item["name"] for item in response.json()] == ["S3", "S1", "S2"]


def test_tenant_group_parent_shape(api: APIClient, db: None) -> None:
    top = TenantGroup.objects.create(name="Top", slug="top")
    child = TenantGroup.objects.create(name="Child", slug="child", parent=top)
    body = api.get(f"/api/tenancy/tenant-groups/{child.pk}/").json()
    assert body["_depth"] == 1
    assert body["parent"] == {
        "id": top.pk,
        "url": f"http://testserver/api/tenancy/tenant-groups/{top.pk}/",
        "display_url": f"http://testserver/tenancy/tenant-groups/{top.pk}/",
        "display": "Top",
        "name": "Top",
        "slug": "top",
        "_depth": 0,
    }


def test_nested_objects_cost_fixed_queries_per_page(api: APIClient, full_site: Site) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get(SITES).status_code == 200
        return len(context.captured_queries)

    queries()  # warms per-process caches and records the token's use
    before = queries()
    group = TenantGroup.objects.create(name="More", slug="more")
    for n in range(6):
        region = Region.objects.create(name=f"R{n}", slug=f"r{n}")
        tenant = Tenant.objects.create(name=f"T{n}", slug=f"t{n}", group=group)
        Site.objects.create(name=f"S{n}", slug=f"s{n}", region=region, tenant=tenant)
    assert queries() == before
