"""The OpenAPI document at /api/schema/ (facts §10.6): complete filter lists and a truthful
description of responses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.contrib.contenttypes.models import ContentType
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient
from werkzeug.test import Client

import ipamcore
from dcim.models import Region, Site
from extras.models import CustomField, CustomFieldChoiceSet, Tag
from ipamcore import registry
from ipamcore.registry import ObjectType
from tenancy.models import Tenant, TenantGroup
from tests.conftest import make_token
from tests.prerequisites import create_prerequisites
from users.models import User

STANDARD_LIST_PARAMETERS = {"limit", "offset", "start", "ordering", "q", "brief", "fields", "omit"}
ENTRIES = [entry for entry in registry.all_types() if entry.examples is not None]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The document, generated once for the module (as /api/schema/ serves it)."""
    generated = SchemaGenerator(api_version=ipamcore.API_VERSION).get_schema(public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))  # type: ignore[no-any-return]


def list_path(entry: ObjectType) -> str:
    return f"/api/{entry.app_label}/{entry.path}/"


def parameters(schema: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    return {p["name"]: p for p in schema["paths"][path][method].get("parameters", [])}


def component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return schema["components"]["schemas"][name]  # type: ignore[no-any-return]


def test_document(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "4.6.8"
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }


def test_schema_is_public_and_json_or_yaml(
    anonymous: APIClient, db: None, schema: dict[str, Any]
) -> None:
    served = anonymous.get("/api/schema/", {"format": "json"})
    assert served.status_code == 200
    assert served.json() == schema
    yaml = anonymous.get("/api/schema/")
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi: 3.")
    assert anonymous.get("/api/schema/swagger-ui/").status_code == 200


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_every_filter_is_listed(schema: dict[str, Any], entry: ObjectType) -> None:
    listed = set(parameters(schema, list_path(entry)))
    filters = set(entry.filterset.base_filters)
    assert filters - listed == set()
    assert STANDARD_LIST_PARAMETERS - listed == set()


def test_generated_lookup_variants_are_listed(schema: dict[str, Any]) -> None:
    listed = parameters(schema, "/api/dcim/sites/")
    expected = {
        "name__ic",
        "name__nic",
        "name__isw",
        "name__nisw",
        "name__iew",
        "name__niew",
        "name__ie",
        "name__nie",
        "name__n",
        "name__empty",
        "name__regex",
        "name__iregex",
        "id__gte",
        "id__lt",
        "latitude__gt",
        "created__lte",
        "status__n",
        "tenant_id__n",
        "region__n",
        "tag__n",
        "tag__any",
        "tag_id__any",
    }
    assert expected - set(listed) == set()


def test_filter_parameter_types(schema: dict[str, Any]) -> None:
    listed = parameters(schema, "/api/dcim/sites/")
    assert listed["id"]["schema"] == {"type": "array", "items": {"type": "integer"}}
    assert listed["id"]["explode"] is True and listed["id"]["style"] == "form"
    assert listed["name"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert listed["latitude"]["schema"]["items"] == {"type": "number"}
    assert listed["created"]["schema"]["items"] == {"type": "string", "format": "date-time"}
    assert listed["tenant_id"]["schema"]["items"] == {"type": "integer"}
    assert listed["tenant"]["schema"]["items"] == {"type": "string"}
    assert listed["tag"]["schema"]["items"] == {"type": "string"}
    assert listed["name__empty"]["schema"] == {"type": "boolean"}
    assert set(listed["status"]["schema"]["items"]["enum"]) == {
        "planned",
        "staging",
        "active",
        "decommissioning",
        "retired",
    }
    regions = parameters(schema, "/api/dcim/regions/")
    assert regions["ancestor"]["schema"]["items"] == {"type": "string"}
    assert regions["ancestor_id"]["schema"]["items"] == {"type": "integer"}


def test_reads_take_brief_fields_and_omit(schema: dict[str, Any]) -> None:
    detail = parameters(schema, "/api/dcim/sites/{id}/")
    assert {"brief", "fields", "omit"} <= set(detail)
    assert "brief" not in parameters(schema, "/api/dcim/sites/{id}/", "patch")


def test_choice_fields(schema: dict[str, Any]) -> None:
    status = component(schema, "Site")["properties"]["status"]
    assert status["type"] == "object"
    assert status["required"] == ["value", "label"]
    assert status["properties"]["label"] == {"type": "string"}
    assert "nullable" not in status
    request_status = component(schema, "SiteRequest")["properties"]["status"]
    assert "enum" in request_status or "$ref" in str(request_status)


def test_related_objects(schema: dict[str, Any]) -> None:
    site = component(schema, "Site")["properties"]
    assert site["tenant"] == {
        "allOf": [{"$ref": "#/components/schemas/BriefTenant"}],
        "nullable": True,
    }
    assert set(component(schema, "BriefTenant")["properties"]) == {
        "id",
        "url",
        "display",
        "name",
        "slug",
        "description",
    }
    assert component(schema, "Location")["properties"]["site"] == {
        "$ref": "#/components/schemas/BriefSite"
    }
    request = component(schema, "SiteRequest")["properties"]["tenant"]
    assert request["nullable"] is True
    assert request["oneOf"][0] == {"type": "integer"}
    tags = component(schema, "Site")["properties"]["tags"]
    assert tags == {"type": "array", "items": {"$ref": "#/components/schemas/BriefTag"}}


def test_nullable_fields(schema: dict[str, Any]) -> None:
    site = component(schema, "Site")["properties"]
    assert site["latitude"]["nullable"] is True
    assert site["latitude"]["type"] == "number"
    assert site["time_zone"]["nullable"] is True
    assert "nullable" not in site["description"]
    assert site["created"]["format"] == "date-time"


def test_required_lists_only_name_fields_always_present(schema: dict[str, Any]) -> None:
    site = set(component(schema, "Site")["required"])
    assert {"id", "url", "display", "display_url", "name", "slug"} <= site
    # Annotated by the site queryset: always present in a site's own responses.
    assert {"prefix_count", "vlan_count"} <= site
    region = set(component(schema, "Region")["required"])
    assert {"site_count", "_depth"} <= region
    assert {"site_count", "_depth"} <= set(component(schema, "BriefRegion")["required"])


def test_paginated_envelope(schema: dict[str, Any]) -> None:
    ok = schema["paths"]["/api/dcim/sites/"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PaginatedSiteList"
    }
    envelope = component(schema, "PaginatedSiteList")
    assert envelope["required"] == ["count", "results"]
    assert envelope["properties"]["count"] == {"type": "integer", "nullable": True}
    assert envelope["properties"]["next"]["nullable"] is True
    assert envelope["properties"]["results"]["items"] == {"$ref": "#/components/schemas/Site"}


def test_writes_on_list_urls(schema: dict[str, Any]) -> None:
    operations = schema["paths"]["/api/dcim/sites/"]
    ids = {method: operation["operationId"] for method, operation in operations.items()}
    assert ids == {
        "get": "dcim_sites_list",
        "post": "dcim_sites_create",
        "put": "dcim_sites_bulk_update",
        "patch": "dcim_sites_bulk_partial_update",
        "delete": "dcim_sites_bulk_destroy",
    }
    create = operations["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert create["oneOf"][0] == {"$ref": "#/components/schemas/SiteRequest"}
    assert create["oneOf"][1]["type"] == "array"
    bulk_patch = operations["patch"]["requestBody"]["content"]["application/json"]["schema"]
    assert bulk_patch["type"] == "array"
    assert bulk_patch["items"]["allOf"][0] == {"$ref": "#/components/schemas/PatchedSiteRequest"}
    assert bulk_patch["items"]["allOf"][1]["required"] == ["id"]
    updated = operations["patch"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert updated == {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}
    assert "content" not in operations["delete"]["responses"]["204"]


def test_detail_operations(schema: dict[str, Any]) -> None:
    operations = schema["paths"]["/api/dcim/sites/{id}/"]
    ids = {method: operation["operationId"] for method, operation in operations.items()}
    assert ids == {
        "get": "dcim_sites_retrieve",
        "put": "dcim_sites_update",
        "patch": "dcim_sites_partial_update",
        "delete": "dcim_sites_destroy",
    }
    assert operations["get"]["parameters"][-1]["name"] == "omit" or "omit" in str(operations)


def test_error_responses(schema: dict[str, Any]) -> None:
    def codes(path: str, method: str) -> set[str]:
        return set(schema["paths"][path][method]["responses"])

    assert codes("/api/dcim/sites/", "get") == {"200", "400", "403"}
    assert codes("/api/dcim/sites/{id}/", "get") == {"200", "403", "404"}
    assert codes("/api/dcim/sites/{id}/", "patch") == {"200", "400", "403", "404", "412"}
    assert {"409", "404", "412"} <= codes("/api/dcim/sites/{id}/", "delete")
    assert codes("/api/users/tokens/provision/", "post") == {"201", "400", "403"}
    error = component(schema, "Error")
    assert error["required"] == ["detail"]
    assert len(component(schema, "ValidationError")["oneOf"]) == 2


def test_special_endpoints(schema: dict[str, Any]) -> None:
    status = schema["paths"]["/api/status/"]["get"]["responses"]["200"]
    status_schema = status["content"]["application/json"]["schema"]
    assert "netbox-version" in status_schema["required"]
    provision = schema["paths"]["/api/users/tokens/provision/"]["post"]
    assert provision["security"] == [{}]
    created = provision["responses"]["201"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/Token"}
    check = schema["paths"]["/api/authentication-check/"]["get"]["responses"]["200"]
    assert check["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/User"}


def test_request_bodies_are_json_only(schema: dict[str, Any]) -> None:
    body = schema["paths"]["/api/dcim/sites/{id}/"]["put"]["requestBody"]
    assert list(body["content"]) == ["application/json"]


# --- real responses validated against the document -------------------------------------


@pytest.fixture
def populated(admin_user: User) -> dict[str, Any]:
    """Objects with every optional relation set, which random fuzzing rarely produces."""
    create_prerequisites()
    parent = Region.objects.create(name="Europe", slug="europe")
    region = Region.objects.create(name="France", slug="france", parent=parent)
    group = TenantGroup.objects.create(name="Customers", slug="customers")
    tenant = Tenant.objects.create(name="Acme", slug="acme", group=group)
    choices = CustomFieldChoiceSet.objects.create(name="C", extra_choices=[["a", "A"]])
    site_type = ContentType.objects.get_for_model(Site)
    for name, type_, extra in [
        ("text", "text", {}),
        ("number", "integer", {}),
        ("choice", "select", {"choice_set": choices}),
        ("owner", "object", {"related_object_type": ContentType.objects.get_for_model(Tenant)}),
    ]:
        field = CustomField.objects.create(name=name, type=type_, **extra)
        field.object_types.set([site_type])
    site = Site.objects.create(
        name="Paris",
        slug="paris",
        region=region,
        tenant=tenant,
        latitude="48.8",
        time_zone="Europe/Paris",
        custom_field_data={"text": "x", "number": 3, "choice": "a", "owner": tenant.pk},
    )
    tag = Tag.objects.create(name="Core", slug="core")
    site.tagged_items.create(tag=tag)
    return {"site": site, "token": make_token(admin_user)}


def test_real_responses_match_the_document(
    populated: dict[str, Any], wsgi_application: Any
) -> None:
    headers = {"Authorization": f"Bearer {populated['token'].header_value}"}
    document = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_application, headers=headers
    )
    # One client throughout: Django's test client would reconnect the signal that closes
    # the database connection after each request.
    client = Client(wsgi_application)
    mismatches = []
    for entry in ENTRIES:
        created = client.post(list_path(entry), json=entry.examples(90), headers=headers)
        assert created.status_code == 201, created.json
        detail_path = list_path(entry) + "{id}/"
        checks = [
            (list_path(entry), "POST", created),
            (list_path(entry), "GET", client.get(list_path(entry), headers=headers)),
            (
                detail_path,
                "GET",
                client.get(f"{list_path(entry)}{created.json['id']}/", headers=headers),
            ),
        ]
        for template, method, response in checks:
            assert response.status_code in (200, 201), (template, response.get_data()[:800])
            try:
                document[template][method].validate_response(response)
            except (Exception, BaseExceptionGroup) as exc:  # collect all mismatches
                parts = getattr(exc, "exceptions", [exc])
                mismatches.extend(f"{method} {template}: {str(p)[:160]!r}" for p in parts)
    assert mismatches == [], "\n".join(sorted(set(mismatches)))
    site = client.get(f"/api/dcim/sites/{populated['site'].pk}/", headers=headers)
    assert site.json["region"]["_depth"] == 1
    document["/api/dcim/sites/{id}/"]["GET"].validate_response(site)


def test_committed_document_matches_the_code(schema: dict[str, Any]) -> None:
    """docs/openapi.json is what client authors and reviewers read: CI fails when the code
    serves another document. `make schema` writes it anew."""
    committed = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())
    if committed != schema:
        changed = sorted(
            path
            for path in {*committed["paths"], *schema["paths"]}
            if committed["paths"].get(path) != schema["paths"].get(path)
        )
        pytest.fail(f"docs/openapi.json is out of date (run `make schema`); paths: {changed[:10]}")
