"""cf_<name> filters (facts §7.6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import CustomField, CustomFieldChoiceSet
from tenancy.models import Tenant

SITES = "/api/dcim/sites/"


def define(name: str, type: str = "text", **options: Any) -> CustomField:
    field = CustomField.objects.create(name=name, type=type, **options)
    field.object_types.set([ContentType.objects.get_for_model(Site)])
    return field


def make_site(name: str, **values: Any) -> Site:
    return Site.objects.create(name=name, slug=name.lower(), custom_field_data=values)


def names(api: APIClient, **params: Any) -> list[str]:
    response = api.get(SITES, {**params, "ordering": "name"})
    assert response.status_code == 200, response.json()
    return [site["name"] for site in response.json()["results"]]


def test_text_filter_is_loose_by_default(api: APIClient, db: None) -> None:
    define("team")
    make_site("A", team="Network Ops")
    make_site("B", team="Facilities")
    make_site("C")
    assert names(api, cf_team="net") == ["A"]
    assert names(api, cf_team=["ops", "facil"]) == ["A", "B"]


def test_text_filter_exact_logic(api: APIClient, db: None) -> None:
    define("team", filter_logic="exact")
    make_site("A", team="Network Ops")
    make_site("B", team="Network")
    assert names(api, cf_team="Network") == ["B"]
    assert names(api, cf_team="net") == []


def test_disabled_filter_is_ignored(api: APIClient, db: None) -> None:
    define("team", filter_logic="disabled")
    make_site("A", team="x")
    make_site("B", team="y")
    assert names(api, cf_team="x") == ["A", "B"]


def test_text_lookup_suffixes(api: APIClient, db: None) -> None:
    define("team")
    make_site("A", team="Network Ops")
    make_site("B", team="Facilities")
    make_site("C")
    assert names(api, cf_team__n="Facilities") == ["A", "C"]
    assert names(api, cf_team__ic="OPS") == ["A"]
    assert names(api, cf_team__nic="ops") == ["B", "C"]
    assert names(api, cf_team__isw="net") == ["A"]
    assert names(api, cf_team__iew="ties") == ["B"]
    assert names(api, cf_team__ie="facilities") == ["B"]
    assert names(api, cf_team__regex="^N.*s$") == ["A"]
    assert names(api, cf_team__iregex="^f") == ["B"]


def test_null_matches_missing_and_json_null(api: APIClient, db: None) -> None:
    define("team")
    make_site("A", team="x")
    make_site("B", team=None)
    make_site("C")
    assert names(api, cf_team="null") == ["B", "C"]
    assert names(api, cf_team=["null", "x"]) == ["A", "B", "C"]


def test_empty(api: APIClient, db: None) -> None:
    define("team")
    make_site("A", team="x")
    make_site("B", team="")
    make_site("C", team=None)
    make_site("D")
    assert names(api, cf_team__empty="true") == ["B", "C", "D"]
    assert names(api, cf_team__empty="false") == ["A"]
    assert names(api, cf_team__empty="maybe") == ["A", "B", "C", "D"]


def test_integer_filters(api: APIClient, db: None) -> None:
    define("floors", "integer")
    make_site("A", floors=1)
    make_site("B", floors=5)
    make_site("C", floors=10)
    make_site("D")
    assert names(api, cf_floors=5) == ["B"]
    assert names(api, cf_floors=[1, 10]) == ["A", "C"]
    assert names(api, cf_floors__gte=5) == ["B", "C"]
    assert names(api, cf_floors__lt=5) == ["A"]
    assert names(api, cf_floors__lte=5, cf_floors__gt=1) == ["B"]
    assert names(api, cf_floors__n=5) == ["A", "C", "D"]
    assert names(api, cf_floors="null") == ["D"]


def test_invalid_integer_is_400(api: APIClient, db: None) -> None:
    define("floors", "integer")
    response = api.get(SITES, {"cf_floors": "many"})
    assert response.status_code == 400
    assert response.json() == {"cf_floors": ["Enter a whole number."]}
    assert api.get(SITES, {"cf_floors__gte": "x"}).status_code == 400


def test_decimal_filters(api: APIClient, db: None) -> None:
    define("power", "decimal")
    make_site("A", power=1.5)
    make_site("B", power=12.25)
    assert names(api, cf_power="1.5") == ["A"]
    assert names(api, cf_power__gt="2") == ["B"]
    assert api.get(SITES, {"cf_power": "high"}).status_code == 400


def test_date_filters(api: APIClient, db: None) -> None:
    define("opened", "date")
    make_site("A", opened="2024-01-31")
    make_site("B", opened="2025-06-01")
    assert names(api, cf_opened="2024-01-31") == ["A"]
    assert names(api, cf_opened__gte="2025-01-01") == ["B"]
    assert names(api, cf_opened__lt="2025-01-01") == ["A"]
    assert api.get(SITES, {"cf_opened": "last year"}).json() == {
        "cf_opened": ["Enter a valid date."]
    }


def test_boolean_filter(api: APIClient, db: None) -> None:
    define("staffed", "boolean")
    make_site("A", staffed=True)
    make_site("B", staffed=False)
    make_site("C")
    assert names(api, cf_staffed="true") == ["A"]
    assert names(api, cf_staffed="False") == ["B"]
    assert names(api, cf_staffed="null") == ["C"]


def test_select_and_multiselect_filters(api: APIClient, db: None) -> None:
    choices = CustomFieldChoiceSet.objects.create(
        name="C", extra_choices=[["red", "Red"], ["blue", "Blue"], ["reddish", "Reddish"]]
    )
    define("colour", "select", choice_set=choices)
    define("colours", "multiselect", choice_set=choices)
    make_site("A", colour="red", colours=["red", "blue"])
    make_site("B", colour="reddish", colours=["reddish"])
    assert names(api, cf_colour="red") == ["A"]
    assert names(api, cf_colour__isw="red") == ["A", "B"]
    assert names(api, cf_colours="blue") == ["A"]
    assert names(api, cf_colours="red") == ["A"]
    assert names(api, cf_colours__n="red") == ["B"]


def test_object_and_multiobject_filters(api: APIClient, db: None) -> None:
    tenant_type = ContentType.objects.get_for_model(Tenant)
    define("owner", "object", related_object_type=tenant_type)
    define("owners", "multiobject", related_object_type=tenant_type)
    make_site("A", owner=1, owners=[1, 2])
    make_site("B", owner=2, owners=[2])
    assert names(api, cf_owner=2) == ["B"]
    assert names(api, cf_owners=1) == ["A"]
    assert names(api, cf_owners=2) == ["A", "B"]
    assert api.get(SITES, {"cf_owner": "x"}).status_code == 400


def test_filters_of_unknown_custom_fields_are_ignored(api: APIClient, db: None) -> None:
    make_site("A")
    assert names(api, cf_nope="x", cf_=1, cf_nope__gte=3) == ["A"]


def test_invalid_regex_is_400(api: APIClient, db: None) -> None:
    define("team")
    response = api.get(SITES, {"cf_team__regex": "(["})
    assert response.status_code == 400
    assert response.json() == {"cf_team__regex": ["Enter a valid regular expression."]}


def test_custom_field_filters_on_other_models(api: APIClient, db: None) -> None:
    field = CustomField.objects.create(name="code")
    field.object_types.set([ContentType.objects.get_for_model(Tenant)])
    Tenant.objects.create(name="T1", slug="t1", custom_field_data={"code": "abc"})
    Tenant.objects.create(name="T2", slug="t2", custom_field_data={"code": "xyz"})
    response = api.get("/api/tenancy/tenants/", {"cf_code": "ab"}).json()
    assert [tenant["name"] for tenant in response["results"]] == ["T1"]


@pytest.mark.parametrize("value", ["\x00", "a\x00b"])
def test_nul_in_filter_value_is_400(api: APIClient, db: None, value: str) -> None:
    define("team")
    assert api.get(SITES, {"cf_team": value}).status_code == 400


def test_negated_null_keeps_only_objects_with_values(api: APIClient, db: None) -> None:
    define("team")
    make_site("A", team="x")
    make_site("B", team=None)
    make_site("C")
    assert names(api, cf_team__n="null") == ["A"]
    assert names(api, cf_team__n=["null", "x"]) == []
