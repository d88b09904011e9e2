"""Tenancy through GraphQL: filters in NetBox 4.5's syntax, nested relations both ways,
tags and custom fields, and permissions at every nesting level."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from extras.models import CustomField, Tag, TaggedItem
from tenancy.models import Tenant, TenantGroup
from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from tests.graphql.conftest import data, graphql


@pytest.fixture
def tree(db: None) -> dict[str, TenantGroup]:
    """world > europe > (france, spain); tenants a (france), b (spain), c (no group)."""
    world = TenantGroup.objects.create(name="World", slug="world")
    europe = TenantGroup.objects.create(name="Europe", slug="europe", parent=world)
    france = TenantGroup.objects.create(name="France", slug="france", parent=europe)
    spain = TenantGroup.objects.create(name="Spain", slug="spain", parent=europe)
    Tenant.objects.create(name="A", slug="a", group=france, description="first")
    Tenant.objects.create(name="B", slug="b", group=spain, description="second")
    Tenant.objects.create(name="C", slug="c")
    return {"world": world, "europe": europe, "france": france, "spain": spain}


def names(client: APIClient, filters: str, field: str = "tenant_list") -> list[str]:
    result = data(client, f"{{ {field}(filters: {filters}) {{ name }} }}")
    return [item["name"] for item in result[field]]


def test_string_and_id_lookups(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    a = Tenant.objects.get(slug="a")
    assert names(api, '{name: {exact: "A"}}') == ["A"]
    assert names(api, '{name: {i_exact: "b"}}') == ["B"]
    assert names(api, '{description: {i_contains: "SEC"}}') == ["B"]
    assert names(api, f"{{id: {{exact: {a.pk}}}}}") == ["A"]
    assert names(api, f"{{id: {{in_list: [{a.pk}]}}}}") == ["A"]
    assert names(api, f"{{id: {{gt: {a.pk}}}}}") == ["B", "C"]


def test_and_or_not(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    assert names(api, '{name: {exact: "A"}, OR: {name: {exact: "C"}}}') == ["A", "C"]
    assert names(api, '{NOT: {name: {exact: "A"}}}') == ["B", "C"]
    assert names(api, '{name: {starts_with: "A"}, AND: {slug: {exact: "b"}}}') == []


def test_related_object_filters(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    assert names(api, '{group: {slug: {exact: "france"}}}') == ["A"]
    assert names(api, '{group: {parent: {slug: {exact: "europe"}}}}') == ["A", "B"]


def test_tree_node_filters(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    world, europe, france = tree["world"].pk, tree["europe"].pk, tree["france"].pk
    assert names(api, f"{{group_id: {{id: {france}}}}}") == ["A"]
    assert names(api, f"{{group_id: {{id: {world}, match_type: DESCENDANTS}}}}") == ["A", "B"]
    assert names(api, f"{{group_id: {{id: {france}, match_type: SIBLINGS}}}}") == ["B"]
    assert names(
        api, f"{{parent_id: {{id: {europe}, match_type: CHILDREN}}}}", "tenant_group_list"
    ) == ["France", "Spain"]
    assert names(
        api, f"{{parent_id: {{id: {france}, match_type: ANCESTORS}}}}", "tenant_group_list"
    ) == ["Europe", "World"]
    assert names(api, f"{{parent_id: {{id: {europe}}}}}", "tenant_group_list") == [
        "France",
        "Spain",
    ]
    assert names(
        api, f"{{parent_id: {{id: {france}, match_type: PARENT}}}}", "tenant_group_list"
    ) == ["Europe"]


def test_nested_relations_both_ways(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    result = data(
        api,
        """{ tenant_group_list(filters: {slug: {exact: "europe"}}) {
              name _depth parent { name _depth }
              children(filters: {slug: {exact: "spain"}}) { name tenants { name group { name } } }
        } }""",
    )
    assert result == {
        "tenant_group_list": [
            {
                "name": "Europe",
                "_depth": 1,
                "parent": {"name": "World", "_depth": 0},
                "children": [
                    {"name": "Spain", "tenants": [{"name": "B", "group": {"name": "Spain"}}]}
                ],
            }
        ]
    }


def test_tags_and_custom_fields(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    field = CustomField.objects.create(name="contract", type="text")
    field.object_types.set([ContentType.objects.get_for_model(Tenant)])
    a = Tenant.objects.get(slug="a")
    a.custom_field_data = {"contract": "gold-17"}
    a.save()
    gold = Tag.objects.create(name="Gold", slug="gold")
    TaggedItem.objects.create(
        tag=gold, content_type=ContentType.objects.get_for_model(a), object_id=a.pk
    )

    result = data(
        api,
        '{ tenant_list(filters: {slug: {in_list: ["a", "b"]}}) '
        "{ name custom_fields tags { slug } } }",
    )
    assert result["tenant_list"] == [
        {"name": "A", "custom_fields": {"contract": "gold-17"}, "tags": [{"slug": "gold"}]},
        {"name": "B", "custom_fields": {"contract": None}, "tags": []},
    ]
    assert names(api, '{tags: {slug: {exact: "gold"}}}') == ["A"]
    cf = '{custom_field_data: {path: "contract", lookup: {string_lookup: {starts_with: "gold"}}}}'
    assert names(api, cf) == ["A"]


def test_invalid_filter_value_is_an_error(api: APIClient, tree: dict[str, TenantGroup]) -> None:
    body = graphql(api, '{ tenant_list(filters: {id: {exact: "x"}}) { name } }')
    assert body["errors"]
    body = graphql(
        api,
        '{ tenant_list(filters: {custom_field_data: {path: "a b", '
        'lookup: {string_lookup: {exact: "x"}}}}) { name } }',
    )
    assert "Invalid JSON path" in body["errors"][0]["message"]


def test_pagination(api: APIClient, tree: dict[str, TenantGroup], settings: object) -> None:
    result = data(api, "{ tenant_list(pagination: {offset: 1, limit: 1}) { name } }")
    assert result == {"tenant_list": [{"name": "B"}]}
    settings.STRAWBERRY_DJANGO = {  # type: ignore[attr-defined]
        "DEFAULT_PK_FIELD_NAME": "id",
        "PAGINATION_DEFAULT_LIMIT": 2,
        "PAGINATION_MAX_LIMIT": 2,
    }
    assert len(data(api, "{ tenant_list { name } }")["tenant_list"]) == 2
    assert len(data(api, "{ tenant_list(pagination: {limit: 50}) { name } }")["tenant_list"]) == 2


def test_permissions_apply_at_every_level(tree: dict[str, TenantGroup]) -> None:
    Tag.objects.create(name="Gold", slug="gold")
    a = Tenant.objects.get(slug="a")
    TaggedItem.objects.create(
        tag=Tag.objects.get(), content_type=ContentType.objects.get_for_model(a), object_id=a.pk
    )
    tenants_only = client_for(make_token(user_with_permissions("t", ["tenancy.view_tenant"])))
    groups_only = client_for(make_token(user_with_permissions("g", ["tenancy.view_tenantgroup"])))

    seen = data(
        tenants_only,
        '{ tenant_list(filters: {slug: {exact: "a"}}) { name group { name } tags { slug } } }',
    )
    assert seen == {"tenant_list": [{"name": "A", "group": None, "tags": []}]}
    assert data(tenants_only, "{ tenant_group_list { name } }") == {"tenant_group_list": []}

    seen = data(
        groups_only,
        '{ tenant_group_list(filters: {slug: {exact: "france"}}) '
        "{ name tenants { name } parent { name } } }",
    )
    assert seen == {
        "tenant_group_list": [{"name": "France", "tenants": [], "parent": {"name": "Europe"}}]
    }
    assert data(groups_only, "{ tenant_list { name } }") == {"tenant_list": []}
