"""Custom field values on objects (facts §3.6, §9.33)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import CustomField, CustomFieldChoiceSet
from tenancy.models import Tenant

SITES = "/api/dcim/sites/"


def define(name: str, type: str = "text", **options: Any) -> CustomField:
    field = CustomField(name=name, type=type, **options)
    field.full_clean()
    field.save()
    field.object_types.set([ContentType.objects.get_for_model(Site)])
    return field


@pytest.fixture
def colours(db: None) -> CustomFieldChoiceSet:
    return CustomFieldChoiceSet.objects.create(
        name="Colours", extra_choices=[["red", "Red"], ["blue", "Blue"]]
    )


def post_site(api: APIClient, custom_fields: Any, **fields: Any) -> Any:
    body = {"name": "N", "slug": "n", "custom_fields": custom_fields, **fields}
    return api.post(SITES, body, format="json")


def test_every_defined_field_is_present(api: APIClient, site: Site) -> None:
    define("rack_count", "integer")
    define("notes")
    body = api.get(f"{SITES}{site.pk}/").json()
    assert body["custom_fields"] == {"notes": None, "rack_count": None}


def test_fields_of_other_models_are_absent(api: APIClient, site: Site) -> None:
    other = CustomField.objects.create(name="tenant_only")
    other.object_types.set([ContentType.objects.get_for_model(Tenant)])
    assert api.get(f"{SITES}{site.pk}/").json()["custom_fields"] == {}


def test_defaults_apply_on_create(api: APIClient, db: None) -> None:
    define("owner_team", default="netops")
    define("floors", "integer", default=3)
    define("spare", "boolean")
    response = post_site(api, {"floors": 5})
    assert response.status_code == 201, response.json()
    assert response.json()["custom_fields"] == {"floors": 5, "owner_team": "netops", "spare": None}


def test_defaults_apply_when_custom_fields_are_omitted(api: APIClient, db: None) -> None:
    define("owner_team", default="netops")
    response = api.post(SITES, {"name": "N", "slug": "n"}, format="json")
    assert response.json()["custom_fields"] == {"owner_team": "netops"}


def test_bulk_create_applies_defaults(api: APIClient, db: None) -> None:
    define("owner_team", default="netops")
    payload = [{"name": "A", "slug": "a"}, {"name": "B", "slug": "b"}]
    response = api.post(SITES, payload, format="json")
    assert [item["custom_fields"] for item in response.json()] == [{"owner_team": "netops"}] * 2


@pytest.mark.parametrize("method", ["patch", "put"])
def test_updates_merge(api: APIClient, db: None, method: str) -> None:
    define("a")
    define("b")
    created = post_site(api, {"a": "one", "b": "two"}).json()
    body = {"name": "N", "slug": "n", "custom_fields": {"b": "three"}}
    response = getattr(api, method)(created["url"], body, format="json")
    assert response.status_code == 200
    assert response.json()["custom_fields"] == {"a": "one", "b": "three"}


def test_update_without_custom_fields_keeps_them(api: APIClient, db: None) -> None:
    define("a")
    created = post_site(api, {"a": "one"}).json()
    response = api.patch(created["url"], {"description": "d"}, format="json")
    assert response.json()["custom_fields"] == {"a": "one"}


def test_null_clears_a_value(api: APIClient, db: None) -> None:
    define("a")
    created = post_site(api, {"a": "one"}).json()
    response = api.patch(created["url"], {"custom_fields": {"a": None}}, format="json")
    assert response.json()["custom_fields"] == {"a": None}


def test_unknown_field_is_400(api: APIClient, db: None) -> None:
    define("a")
    response = post_site(api, {"a": "x", "nope": 1})
    assert response.status_code == 400
    assert response.json() == {
        "custom_fields": {"nope": ["Custom field 'nope' does not exist for this object type."]}
    }
    assert not Site.objects.exists()


@pytest.mark.parametrize("value", [[], "text", 5, True])
def test_non_dict_is_400(api: APIClient, db: None, value: Any) -> None:
    response = post_site(api, value)
    assert response.status_code == 400
    assert response.json() == {
        "custom_fields": [
            "Invalid data format. Custom field data must be passed as a dictionary mapping "
            "field names to their values."
        ]
    }


def test_required_field_without_value_is_400(api: APIClient, db: None) -> None:
    define("asset", required=True)
    response = post_site(api, {})
    assert response.status_code == 400
    assert response.json() == {"custom_fields": {"asset": ["Required field cannot be empty."]}}
    assert post_site(api, {"asset": "A1"}).status_code == 201


def test_required_field_with_default_needs_no_value(api: APIClient, db: None) -> None:
    define("asset", required=True, default="unknown")
    assert post_site(api, {}).json()["custom_fields"] == {"asset": "unknown"}


def test_required_field_cannot_be_cleared(api: APIClient, db: None) -> None:
    define("asset", required=True)
    created = post_site(api, {"asset": "A1"}).json()
    response = api.patch(created["url"], {"custom_fields": {"asset": ""}}, format="json")
    assert response.status_code == 400


VALID_VALUES = [
    ("text", {}, "hello", "hello"),
    ("longtext", {}, "line 1\nline 2", "line 1\nline 2"),
    ("integer", {}, 42, 42),
    ("integer", {"validation_minimum": 1, "validation_maximum": 10}, 10, 10),
    ("decimal", {}, 1.25, 1.25),
    ("decimal", {}, "2.50", 2.5),
    ("boolean", {}, False, False),
    ("boolean", {}, 1, True),
    ("date", {}, "2026-01-31", "2026-01-31"),
    ("date", {}, "20260131", "2026-01-31"),
    ("datetime", {}, "2026-01-31T10:20:30+00:00", "2026-01-31T10:20:30+00:00"),
    ("url", {}, "https://example.com/x", "https://example.com/x"),
    ("json", {}, {"a": [1, 2, {"b": None}]}, {"a": [1, 2, {"b": None}]}),
    ("json", {}, [1, "two"], [1, "two"]),
    ("text", {"validation_regex": "^[A-Z]+$"}, "ABC", "ABC"),
]


@pytest.mark.parametrize(("type", "options", "value", "stored"), VALID_VALUES, ids=repr)
def test_valid_values(
    api: APIClient, db: None, type: str, options: dict, value: Any, stored: Any
) -> None:
    define("f", type, **options)
    response = post_site(api, {"f": value})
    assert response.status_code == 201, response.json()
    assert response.json()["custom_fields"] == {"f": stored}
    assert api.get(response.json()["url"]).json()["custom_fields"] == {"f": stored}


INVALID_VALUES = [
    ("text", {}, 5),
    ("text", {}, ["a"]),
    ("text", {}, "bad\x00text"),
    ("text", {"validation_regex": "^[A-Z]+$"}, "abc"),
    ("integer", {}, "5"),
    ("integer", {}, 1.5),
    ("integer", {}, True),
    ("integer", {"validation_minimum": 1, "validation_maximum": 10}, 11),
    ("integer", {"validation_minimum": 1}, 0),
    ("decimal", {}, "abc"),
    ("decimal", {}, True),
    ("decimal", {}, [1]),
    ("boolean", {}, "true"),
    ("boolean", {}, 2),
    ("date", {}, "31/01/2026"),
    ("date", {}, 20260131),
    ("datetime", {}, "yesterday"),
    ("url", {}, "not a url"),
    ("json", {}, {"k": "\x00"}),
    ("multiobject", {}, "1"),
]


@pytest.mark.parametrize(("type", "options", "value"), INVALID_VALUES, ids=repr)
def test_invalid_values_are_400(
    api: APIClient, db: None, type: str, options: dict, value: Any
) -> None:
    if type == "multiobject":
        options = {"related_object_type": ContentType.objects.get_for_model(Tenant)}
    define("f", type, **options)
    response = post_site(api, {"f": value})
    assert response.status_code == 400, response.json()
    errors = response.json()["custom_fields"]
    assert list(errors) == ["f"] and isinstance(errors["f"], list) and errors["f"]
    assert not Site.objects.exists()


def test_decimal_overflow_is_400(api: APIClient, db: None) -> None:
    define("f", "decimal")
    body = '{"name": "N", "slug": "n", "custom_fields": {"f": 1e400}}'
    response = api.post(SITES, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"custom_fields": {"f": ["Value must be a decimal."]}}


def test_select_values(api: APIClient, colours: CustomFieldChoiceSet) -> None:
    define("colour", "select", choice_set=colours)
    assert post_site(api, {"colour": "red"}).json()["custom_fields"] == {"colour": "red"}
    response = post_site(api, {"colour": "green"}, name="M", slug="m")
    assert response.json() == {"custom_fields": {"colour": ["Invalid choice (green)."]}}


def test_multiselect_values(api: APIClient, colours: CustomFieldChoiceSet) -> None:
    define("colours", "multiselect", choice_set=colours)
    body = post_site(api, {"colours": ["red", "blue"]}).json()
    assert body["custom_fields"] == {"colours": ["red", "blue"]}
    assert post_site(api, {"colours": "red"}, name="M", slug="m").status_code == 400
    assert post_site(api, {"colours": ["pink"]}, name="M", slug="m").status_code == 400


@pytest.fixture
def tenants(db: None) -> list[Tenant]:
    return [Tenant.objects.create(name=f"T{n}", slug=f"t{n}") for n in (1, 2)]


def tenant_type() -> ContentType:
    return ContentType.objects.get_for_model(Tenant)


@pytest.mark.parametrize("reference", ["id", "dict", "id-dict"])
def test_object_values(api: APIClient, tenants: list[Tenant], reference: str) -> None:
    define("owner", "object", related_object_type=tenant_type())
    value = {"id": tenants[1].pk, "dict": {"slug": "t2"}, "id-dict": {"id": tenants[1].pk}}
    response = post_site(api, {"owner": value[reference]})
    assert response.status_code == 201, response.json()
    owner = response.json()["custom_fields"]["owner"]
    assert owner == {
        "id": tenants[1].pk,
        "url": f"http://testserver/api/tenancy/tenants/{tenants[1].pk}/",
        "display": "T2",
        "name": "T2",
        "slug": "t2",
        "description": "",
    }
    site = Site.objects.get()
    assert site.custom_field_data == {"owner": tenants[1].pk}


def test_object_value_must_exist(api: APIClient, tenants: list[Tenant]) -> None:
    define("owner", "object", related_object_type=tenant_type())
    response = post_site(api, {"owner": 999999})
    assert response.status_code == 400
    message = "Related object not found using the provided numeric ID: 999999"
    assert response.json() == {"custom_fields": {"owner": [message]}}
    assert post_site(api, {"owner": {"slug": "nope"}}).status_code == 400
    assert post_site(api, {"owner": True}).status_code == 400


def test_multiobject_values(api: APIClient, tenants: list[Tenant]) -> None:
    define("owners", "multiobject", related_object_type=tenant_type())
    response = post_site(api, {"owners": [tenants[0].pk, {"slug": "t2"}]})
    assert response.status_code == 201, response.json()
    owners = response.json()["custom_fields"]["owners"]
    assert [owner["slug"] for owner in owners] == ["t1", "t2"]
    missing = post_site(api, {"owners": [tenants[0].pk, 999999]}, name="M", slug="m")
    assert missing.status_code == 400


def test_deleted_object_reads_as_null(api: APIClient, tenants: list[Tenant]) -> None:
    define("owner", "object", related_object_type=tenant_type())
    created = post_site(api, {"owner": tenants[0].pk}).json()
    tenants[0].delete()
    assert api.get(created["url"]).json()["custom_fields"] == {"owner": None}


def test_object_fields_cost_fixed_queries_per_page(api: APIClient, tenants: list[Tenant]) -> None:
    define("owner", "object", related_object_type=tenant_type())
    define("owners", "multiobject", related_object_type=tenant_type())
    post_site(api, {"owner": tenants[0].pk, "owners": [tenants[1].pk]})

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert api.get(SITES).status_code == 200
        return len(context.captured_queries)

    one = queries()
    for n in range(5):
        value = {"owner": tenants[n % 2].pk, "owners": [t.pk for t in tenants]}
        post_site(api, value, name=f"S{n}", slug=f"s{n}")
    assert queries() == one


def test_unique_values(api: APIClient, db: None) -> None:
    define("serial", unique=True)
    first = post_site(api, {"serial": "X1"})
    assert first.status_code == 201
    duplicate = post_site(api, {"serial": "X1"}, name="M", slug="m")
    assert duplicate.status_code == 400
    assert duplicate.json() == {
        "custom_fields": {"serial": ["Custom field 'serial' must have a unique value."]}
    }
    same_object = api.patch(first.json()["url"], {"custom_fields": {"serial": "X1"}}, format="json")
    assert same_object.status_code == 200


def test_bulk_update_merges_per_object(api: APIClient, db: None) -> None:
    define("a")
    define("b")
    first = post_site(api, {"a": "1", "b": "1"}).json()
    second = post_site(api, {"a": "2", "b": "2"}, name="M", slug="m").json()
    payload = [
        {"id": first["id"], "custom_fields": {"a": "x"}},
        {"id": second["id"], "custom_fields": {"b": "y"}},
    ]
    response = api.patch(SITES, payload, format="json")
    assert [item["custom_fields"] for item in response.json()] == [
        {"a": "x", "b": "1"},
        {"a": "2", "b": "y"},
    ]


def test_custom_field_definition_validation(api: APIClient, colours: CustomFieldChoiceSet) -> None:
    url = "/api/extras/custom-fields/"
    cases = [
        ({"name": "bad name"}, "name"),
        ({"name": "double__under"}, "name"),
        ({"name": "sel", "type": "select"}, "choice_set"),
        ({"name": "obj", "type": "object"}, "related_object_type"),
        ({"name": "num", "type": "integer", "default": "x"}, "default"),
        ({"name": "rx", "validation_regex": "(["}, "validation_regex"),
        ({"name": "nt", "object_types": ["dcim.nope"]}, "object_types"),
        ({"name": "bt", "type": "colour"}, "type"),
    ]
    for body, key in cases:
        response = api.post(url, {"object_types": ["dcim.site"], **body}, format="json")
        assert response.status_code == 400, body
        assert key in response.json(), (body, response.json())


def test_custom_field_type_cannot_change(api: APIClient, db: None) -> None:
    field = define("f")
    url = f"/api/extras/custom-fields/{field.pk}/"
    response = api.patch(url, {"type": "integer"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"type": ["Changing the type of custom fields is not supported."]}


def test_custom_field_representation(api: APIClient, colours: CustomFieldChoiceSet) -> None:
    field = define("colour", "select", choice_set=colours, default="red")
    body = api.get(f"/api/extras/custom-fields/{field.pk}/").json()
    assert body["object_types"] == ["dcim.site"]
    assert body["type"] == {"value": "select", "label": "Selection"}
    assert body["data_type"] == "string"
    assert body["filter_logic"] == {"value": "loose", "label": "Loose"}
    assert body["default"] == "red"
    assert body["choice_set"]["name"] == "Colours"
    assert body["choice_set"]["choices_count"] == 2
