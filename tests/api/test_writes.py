"""Write semantics (facts §4.1-§4.3): related objects, empty values, unknown keys, trimming."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Region, Site
from tenancy.models import Tenant, TenantGroup

SITES = "/api/dcim/sites/"
NOT_FOUND_ID = "Related object not found using the provided numeric ID: {}"
UNRECOGNIZED = (
    "Related objects must be referenced by numeric ID or by dictionary of attributes. "
    "Received an unrecognized value: {}"
)


@pytest.fixture
def tenant(db: None) -> Tenant:
    group = TenantGroup.objects.create(name="Customers", slug="customers")
    return Tenant.objects.create(name="Acme", slug="acme", group=group)


def post_site(api: APIClient, **fields: Any) -> Any:
    return api.post(SITES, {"name": "New", "slug": "new", **fields}, format="json")


def test_foreign_key_by_id(api: APIClient, tenant: Tenant) -> None:
    response = post_site(api, tenant=tenant.pk)
    assert response.status_code == 201
    assert response.json()["tenant"]["id"] == tenant.pk


def test_foreign_key_by_numeric_string(api: APIClient, tenant: Tenant) -> None:
    response = post_site(api, tenant=str(tenant.pk))
    assert response.status_code == 201
    assert response.json()["tenant"]["id"] == tenant.pk


def test_foreign_key_by_attributes(api: APIClient, tenant: Tenant) -> None:
    response = post_site(api, tenant={"slug": "acme"})
    assert response.status_code == 201
    assert response.json()["tenant"]["slug"] == "acme"


def test_foreign_key_by_nested_attributes(api: APIClient, tenant: Tenant) -> None:
    response = post_site(api, tenant={"name": "Acme", "group": {"slug": "customers"}})
    assert response.status_code == 201, response.json()
    assert response.json()["tenant"]["id"] == tenant.pk


def test_foreign_key_by_id_dict(api: APIClient, tenant: Tenant) -> None:
    assert post_site(api, tenant={"id": tenant.pk}).json()["tenant"]["id"] == tenant.pk


@pytest.mark.parametrize("value", [None, ""])
def test_foreign_key_cleared_by_null_or_empty_string(
    api: APIClient, tenant: Tenant, value: Any
) -> None:
    site = Site.objects.create(name="S", slug="s", tenant=tenant)
    response = api.patch(f"{SITES}{site.pk}/", {"tenant": value}, format="json")
    assert response.status_code == 200
    assert response.json()["tenant"] is None


def test_unknown_id_is_400(api: APIClient, db: None) -> None:
    response = post_site(api, tenant=987654)
    assert response.status_code == 400
    assert response.json() == {"tenant": [NOT_FOUND_ID.format(987654)]}
    assert not Site.objects.exists()


def test_huge_id_is_400(api: APIClient, db: None) -> None:
    response = post_site(api, tenant=10**30)
    assert response.status_code == 400
    assert response.json() == {"tenant": [NOT_FOUND_ID.format(10**30)]}


def test_no_attribute_match_is_400(api: APIClient, tenant: Tenant) -> None:
    response = post_site(api, tenant={"slug": "nope"})
    assert response.status_code == 400
    assert response.json() == {
        "tenant": ["Related object not found using the provided attributes: {'slug': 'nope'}"]
    }


def test_multiple_attribute_matches_is_400(api: APIClient, tenant: Tenant) -> None:
    other_group = TenantGroup.objects.create(name="Partners", slug="partners")
    Tenant.objects.create(name="Acme", slug="acme", group=other_group)
    response = post_site(api, tenant={"name": "Acme"})
    assert response.status_code == 400
    assert response.json() == {
        "tenant": ["Multiple objects match the provided attributes: {'name': 'Acme'}"]
    }


@pytest.mark.parametrize(
    "attributes",
    [{"nonexistent_field": 1}, {"id": "abc"}, {"group": {"id": "x"}}, {"name__in": 5}],
)
def test_bad_attribute_lookup_is_400(api: APIClient, tenant: Tenant, attributes: Any) -> None:
    response = post_site(api, tenant=attributes)
    assert response.status_code == 400
    assert list(response.json()) == ["tenant"]


@pytest.mark.parametrize(
    "value", ["abc", [1], True, 1.5, "1.5", {"slug": "\x00"}, "\x00"], ids=repr
)
def test_unrecognized_reference_is_400(api: APIClient, tenant: Tenant, value: Any) -> None:
    response = post_site(api, tenant=value)
    assert response.status_code == 400
    assert list(response.json()) == ["tenant"]
    assert not Site.objects.exists()


def test_unrecognized_reference_message(api: APIClient, db: None) -> None:
    response = post_site(api, tenant="abc")
    assert response.json() == {"tenant": [UNRECOGNIZED.format("abc")]}


def test_unknown_and_read_only_keys_are_ignored(api: APIClient, db: None) -> None:
    response = post_site(api, id=999, display="nope", url="x", prefix="10.0.0.0/8", colour="red")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"] != 999 and body["display"] == "New"


def test_strings_are_trimmed(api: APIClient, db: None) -> None:
    response = api.post(
        SITES, {"name": "  Padded  ", "slug": "padded", "description": " "}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["name"] == "Padded"
    assert response.json()["description"] == ""


def test_blank_required_string_is_400(api: APIClient, db: None) -> None:
    response = api.post(SITES, {"name": "   ", "slug": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"name": ["This field may not be blank."]}


def test_missing_required_fields_are_400(api: APIClient, db: None) -> None:
    response = api.post(SITES, {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "name": ["This field is required."],
        "slug": ["This field is required."],
    }


def test_null_for_a_non_nullable_field_is_400(api: APIClient, site: Site) -> None:
    response = api.patch(f"{SITES}{site.pk}/", {"name": None}, format="json")
    assert response.json() == {"name": ["This field may not be null."]}


def test_too_long_string_is_400(api: APIClient, db: None) -> None:
    response = post_site(api, description="x" * 201)
    message = "Ensure this field has no more than 200 characters."
    assert response.json() == {"description": [message]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", {"a": 1}),
        ("name", ["a"]),
        ("latitude", "north"),
        ("latitude", 1234.5),
        ("latitude", [1]),
        ("status", "bogus"),
        ("status", {"value": "active"}),
        ("status", ["active"]),
        ("slug", "not a slug!"),
        ("time_zone", "Mars/Olympus"),
        ("tags", "core"),
        ("tags", [None]),
        ("custom_fields", []),
        ("name", "bad\x00name"),
    ],
    ids=repr,
)
def test_wrong_value_types_are_400(api: APIClient, db: None, field: str, value: Any) -> None:
    response = post_site(api, **{field: value})
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Site.objects.exists()


def test_choice_messages(api: APIClient, db: None) -> None:
    assert post_site(api, status="bogus").json() == {"status": ['"bogus" is not a valid choice.']}
    assert post_site(api, status={"value": "active"}).json() == {
        "status": [
            'Value must be passed directly (e.g. "foo": 123); do not use a dictionary or list.'
        ]
    }


def test_numbers_given_as_strings_are_accepted(api: APIClient, db: None) -> None:
    response = post_site(api, latitude="12.5")
    assert response.status_code == 201
    assert response.json()["latitude"] == 12.5


def test_duplicate_unique_field_is_400(api: APIClient, site: Site) -> None:
    response = api.post(SITES, {"name": "Site A", "slug": "site-a"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "name": ["site with this name already exists."],
        "slug": ["site with this slug already exists."],
    }


def test_conditional_unique_constraint_is_400(api: APIClient, tenant: Tenant) -> None:
    Tenant.objects.create(name="Solo", slug="solo")
    response = api.post("/api/tenancy/tenants/", {"name": "Solo", "slug": "solo-2"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"__all__": ["Tenant name must be unique per group."]}


def test_model_clean_errors_are_keyed_by_field(api: APIClient, db: None) -> None:
    parent = Region.objects.create(name="P", slug="p")
    child = Region.objects.create(name="C", slug="c", parent=parent)
    response = api.patch(f"/api/dcim/regions/{parent.pk}/", {"parent": child.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["Cannot assign self or child as parent."]}


def test_put_requires_every_required_field(api: APIClient, site: Site) -> None:
    response = api.put(f"{SITES}{site.pk}/", {"name": "Only name"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"slug": ["This field is required."]}


def test_put_replaces(api: APIClient, site: Site) -> None:
    response = api.put(f"{SITES}{site.pk}/", {"name": "Renamed", "slug": "renamed"}, format="json")
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["slug"]) == ("Renamed", "renamed")


def test_patch_validates_against_the_merged_object(api: APIClient, db: None) -> None:
    region = Region.objects.create(name="R", slug="r")
    other = Region.objects.create(name="O", slug="o")
    response = api.patch(f"/api/dcim/regions/{other.pk}/", {"name": "R"}, format="json")
    assert response.status_code == 400, "two root regions may not share a name"
    assert Region.objects.get(pk=other.pk).name == "O"
    assert region.name == "R"


def test_a_failed_bulk_create_writes_nothing(api: APIClient, db: None) -> None:
    payload = [{"name": "A", "slug": "a"}, {"name": "B", "slug": "b", "status": "bogus"}]
    response = api.post(SITES, payload, format="json")
    assert response.status_code == 400
    assert response.json() == [{}, {"status": ['"bogus" is not a valid choice.']}]
    assert not Site.objects.exists()


def test_bulk_create_duplicates_inside_one_request_are_400(api: APIClient, db: None) -> None:
    payload = [{"name": "A", "slug": "a"}, {"name": "A", "slug": "a"}]
    response = api.post(SITES, payload, format="json")
    assert response.status_code == 400, response.json()
    assert not Site.objects.exists()


def test_changelog_message_is_accepted(api: APIClient, site: Site) -> None:
    response = api.patch(
        f"{SITES}{site.pk}/", {"description": "d", "changelog_message": "why"}, format="json"
    )
    assert response.status_code == 200
    assert "changelog_message" not in response.json()
