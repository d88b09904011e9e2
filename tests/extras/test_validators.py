"""CUSTOM_VALIDATORS and PROTECTION_RULES (NetBox's format) on every REST write path."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.checks import run_checks
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site
from extras.validators import CustomValidator
from ipamcore.models import ObjectChange


class UpperCaseNames(CustomValidator):
    """A class validator, named in the configuration by its dotted path."""

    def validate(self, instance: Any, request: Any) -> None:
        if instance.name != instance.name.upper():
            self.fail("Site names must be upper case.", field="name")
        if instance.facility == "forbidden":
            self.fail("This facility is closed.")


CLASS_PATH = f"{__name__}.UpperCaseNames"


def post_site(api: APIClient, **fields: Any) -> Any:
    return api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1", **fields}, format="json")


def test_rule_failure_on_create_is_a_400_and_nothing_is_written(
    api: APIClient, settings: Any
) -> None:
    settings.CUSTOM_VALIDATORS = {"dcim.site": [{"description": {"min_length": 5}}]}
    response = post_site(api, description="abc")
    assert response.status_code == 400
    assert response.json() == {
        "__all__": [
            "Custom validation failed for description: "
            "['Ensure this value has at least 5 characters (it has 3).']"
        ]
    }
    assert not Site.objects.exists() and not ObjectChange.objects.exists()
    assert post_site(api, description="abcde").status_code == 201


def test_the_ip_address_example_with_sites(api: APIClient, settings: Any) -> None:
    # docs/validators.md: {"ipam.ipaddress": [{"description": {"required": True}}]}
    settings.CUSTOM_VALIDATORS = {"dcim.Site": [{"description": {"required": True}}]}
    response = post_site(api)
    assert response.status_code == 400
    assert response.json()["__all__"] == [
        "Custom validation failed for description: ['This field must not be empty.']"
    ]
    assert post_site(api, description="Frankfurt DC").status_code == 201


def test_bulk_create_reports_per_item_and_writes_nothing(api: APIClient, settings: Any) -> None:
    settings.CUSTOM_VALIDATORS = {"dcim.site": [{"facility": {"regex": "^F[0-9]+$"}}]}
    payload = [
        {"name": "A", "slug": "a", "facility": "F1"},
        {"name": "B", "slug": "b", "facility": "X"},
    ]
    response = api.post("/api/dcim/sites/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors[0] == {} and "facility" in errors[1]["__all__"][0]
    assert not Site.objects.exists()


def test_updates_single_and_bulk_are_validated(api: APIClient, settings: Any) -> None:
    sites = [Site.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(2)]
    settings.CUSTOM_VALIDATORS = {"dcim.site": [{"status": {"neq": "retired"}}]}
    single = api.patch(f"/api/dcim/sites/{sites[0].pk}/", {"status": "retired"}, format="json")
    assert single.status_code == 400
    assert single.json()["__all__"] == [
        "Custom validation failed for status: ['Ensure this value does not equal retired.']"
    ]
    bulk = api.patch(
        "/api/dcim/sites/",
        [{"id": sites[0].pk, "status": "planned"}, {"id": sites[1].pk, "status": "retired"}],
        format="json",
    )
    assert bulk.status_code == 400 and bulk.json()[0] == {}
    assert list(Site.objects.values_list("status", flat=True)) == ["active", "active"]


def test_class_validator_fails_on_a_field_or_on_all(api: APIClient, settings: Any) -> None:
    settings.CUSTOM_VALIDATORS = {"dcim.site": [CLASS_PATH]}
    lower = post_site(api, name="dc1")
    assert lower.status_code == 400
    assert lower.json() == {"name": ["Site names must be upper case."]}
    closed = post_site(api, facility="forbidden")
    assert closed.json() == {"__all__": ["This facility is closed."]}
    bulk = api.post("/api/dcim/sites/", [{"name": "ok", "slug": "ok"}], format="json")
    assert bulk.json() == [{"name": ["Site names must be upper case."]}]
    assert post_site(api).status_code == 201


def test_rules_follow_relations_and_the_request(api: APIClient, settings: Any) -> None:
    eu = Region.objects.create(name="EU", slug="eu")
    settings.CUSTOM_VALIDATORS = {
        "dcim.site": [
            {"region.slug": {"eq": "eu"}},
            {"request.user.username": {"eq": "admin"}, "tenant": {"prohibited": True}},
        ]
    }
    outside = post_site(api)  # no region: region.slug is unset
    assert outside.json()["__all__"] == [
        "Custom validation failed for region.slug: ['Ensure this value is equal to eu.']"
    ]
    assert post_site(api, region=eu.pk).status_code == 201


def test_unknown_attribute_is_reported(api: APIClient, settings: Any) -> None:
    settings.CUSTOM_VALIDATORS = {"dcim.site": [{"colour": {"required": True}}]}
    assert post_site(api).json() == {"__all__": ['Invalid attribute "colour" for Site']}


def test_protection_rules_refuse_deletes(api: APIClient, settings: Any) -> None:
    active = Site.objects.create(name="Active", slug="active")
    retired = Site.objects.create(name="Old", slug="old", status="decommissioning")
    settings.PROTECTION_RULES = {"dcim.site": [{"status": {"eq": "decommissioning"}}]}
    response = api.delete(f"/api/dcim/sites/{active.pk}/")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Deletion is prevented by a protection rule: Custom validation failed for "
        "status: ['Ensure this value is equal to decommissioning.']"
    }
    bulk = api.delete("/api/dcim/sites/", [{"id": retired.pk}, {"id": active.pk}], format="json")
    assert bulk.status_code == 400
    assert Site.objects.count() == 2 and not ObjectChange.objects.exists()
    assert api.delete(f"/api/dcim/sites/{retired.pk}/").status_code == 204


def test_protection_rules_apply_to_cascaded_objects(api: APIClient, settings: Any) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    Location.objects.create(name="Hall", slug="hall", site=site, description="keep")
    settings.PROTECTION_RULES = {"dcim.location": [{"description": {"prohibited": True}}]}
    response = api.delete(f"/api/dcim/sites/{site.pk}/")
    assert response.status_code == 400
    assert "protection rule" in response.json()["detail"]
    assert Site.objects.exists() and Location.objects.exists()


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"dcim.site": [{"name": {"longest": 3}}]}, "Unknown validation rule"),
        ({"dcim.site": ["no.such.Validator"]}, "no.such"),
        ({"dcim.nothing": []}, "is not a model"),
        ({"dcim.site": {"name": {}}}, "must be a list"),
    ],
)
def test_bad_configuration_stops_the_start(settings: Any, rules: Any, message: str) -> None:
    settings.CUSTOM_VALIDATORS = rules
    errors = [e.msg for e in run_checks() if e.id in ("ipamcore.E005", "ipamcore.E006")]
    assert any(message in error for error in errors), errors
