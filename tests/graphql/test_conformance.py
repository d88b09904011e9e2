"""GraphQL checks run over every registered model that has a GraphQL type.

A model's type is found by NetBox's names (ipamcore.graphql.naming): `IPAddressType`,
queried as `ip_address(id:)` and `ip_address_list(filters:)`. For each one, objects are
created through the REST API and read back through the real `/graphql/` endpoint:
every scalar field and every related object's id must equal the REST representation.
A list of one object and a list of many cost the same number of queries, and a user
without the view permission sees nothing.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
    get_nullable_type,
)
from rest_framework.test import APIClient

from ipamcore import registry
from ipamcore.graphql.naming import snake_name, type_name
from ipamcore.graphql.schema import schema
from ipamcore.registry import ObjectType
from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from tests.graphql.conftest import data, graphql
from tests.prerequisites import create_prerequisites

GRAPHQL_SCHEMA = schema._schema
QUERY_FIELDS = GRAPHQL_SCHEMA.query_type.fields  # type: ignore[union-attr]

# Fields whose GraphQL value is deliberately not the REST value (NetBox differs the same way).
KNOWN_DIFFERENCES: dict[str, set[str]] = {}


def has_graphql(entry: ObjectType) -> bool:
    name = snake_name(entry.model)
    return (
        GRAPHQL_SCHEMA.get_type(type_name(entry.model)) is not None
        and name in QUERY_FIELDS
        and f"{name}_list" in QUERY_FIELDS
    )


ENTRIES = [e for e in registry.all_types() if e.examples is not None and has_graphql(e)]


def selection(entry: ObjectType) -> str:
    """Every scalar field, and `{ id }` of every related object, of the model's type."""
    graphql_type = GRAPHQL_SCHEMA.get_type(type_name(entry.model))
    assert isinstance(graphql_type, GraphQLObjectType)
    parts = []
    for name, field in graphql_type.fields.items():
        if any(arg.type.__class__.__name__ == "GraphQLNonNull" for arg in field.args.values()):
            continue
        inner = get_nullable_type(field.type)
        named = get_named_type(field.type)
        if isinstance(inner, GraphQLList) or isinstance(named, GraphQLUnionType):
            continue
        if isinstance(named, (GraphQLScalarType, GraphQLEnumType)):
            parts.append(name)
        elif isinstance(named, GraphQLObjectType) and "id" in named.fields:
            parts.append(f"{name} {{ id }}")
    return " ".join(parts)


def same(rest: Any, gql: Any) -> bool:
    """A GraphQL value equals the REST value, allowing for the two representations."""
    if isinstance(rest, dict) and set(rest) >= {"value", "label"} and not isinstance(gql, dict):
        rest = rest["value"]  # choices: {value, label} in REST, the raw value in GraphQL
    if rest is None and gql == "":
        return True  # a blank choice: null in REST, the raw stored value ("") in GraphQL
    if isinstance(gql, dict) and set(gql) == {"id"}:
        rest_id = rest["id"] if isinstance(rest, dict) else rest  # some REST fields are bare ids
        return rest_id is not None and str(rest_id) == gql["id"]
    if rest is None or gql is None:
        return rest is None and gql is None
    if isinstance(rest, str) and isinstance(gql, str) and rest.endswith("Z") and "T" in rest:
        parse = datetime.datetime.fromisoformat
        return parse(rest) == parse(gql)
    if isinstance(rest, (int, float)) and isinstance(gql, str) and not isinstance(rest, bool):
        return decimal.Decimal(str(rest)) == decimal.Decimal(gql)
    if isinstance(rest, int) and not isinstance(rest, bool) and isinstance(gql, str):
        return str(rest) == gql
    return bool(rest == gql)


def differences(entry: ObjectType, rest: dict[str, Any], gql: dict[str, Any]) -> list[str]:
    skip = KNOWN_DIFFERENCES.get(entry.label, set())
    return [
        f"{name}: REST {rest[name]!r} != GraphQL {value!r}"
        for name, value in gql.items()
        if name in rest and name not in skip and not same(rest[name], value)
    ]


def list_url(entry: ObjectType) -> str:
    return f"/api/{entry.app_label}/{entry.path}/"


def create(api: APIClient, entry: ObjectType, n: int) -> dict[str, Any]:
    response = api.post(list_url(entry), entry.examples(n), format="json")
    assert response.status_code == 201, response.json()
    detail: dict[str, Any] = api.get(response.json()["url"]).json()
    return detail


@pytest.fixture
def setup(db: None) -> None:
    create_prerequisites()


def test_some_models_are_covered() -> None:
    assert {"tenancy.tenant", "tenancy.tenantgroup"} <= {entry.label for entry in ENTRIES}


# Registered models GraphQL leaves out on purpose.
NO_GRAPHQL = {"users.token": "token secrets are managed through the REST API only"}


def test_every_registered_model_has_a_type_and_query_fields() -> None:
    missing = {entry.label for entry in registry.all_types() if not has_graphql(entry)}
    assert missing == set(NO_GRAPHQL)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_get_and_list_match_rest(api: APIClient, setup: None, entry: ObjectType) -> None:
    name = snake_name(entry.model)
    first = create(api, entry, 51)
    second = create(api, entry, 52)
    fields = selection(entry)

    got = data(api, f"query($id: ID!) {{ {name}(id: $id) {{ {fields} }} }}", id=second["id"])
    assert differences(entry, second, got[name]) == []

    listed = data(
        api,
        f"query($id: ID!) {{ {name}_list(filters: {{id: {{exact: $id}}}}) {{ {fields} }} }}",
        id=first["id"],
    )[f"{name}_list"]
    assert [item["id"] for item in listed] == [str(first["id"])]
    assert differences(entry, first, listed[0]) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_list_query_count_is_constant(api: APIClient, setup: None, entry: ObjectType) -> None:
    name = snake_name(entry.model)
    query = f"{{ {name}_list {{ {selection(entry)} }} }}"
    create(api, entry, 61)
    data(api, query)  # warm per-process caches (content types)
    with CaptureQueriesContext(connection) as one:
        data(api, query)
    for n in range(62, 66):
        create(api, entry, n)
    with CaptureQueriesContext(connection) as many:
        result = data(api, query)
    assert len(result[f"{name}_list"]) >= 5
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_view_permission_decides_visibility(api: APIClient, setup: None, entry: ObjectType) -> None:
    name = snake_name(entry.model)
    created = create(api, entry, 71)
    model = entry.model._meta
    blind = client_for(make_token(user_with_permissions("blind", [])))
    seeing = client_for(
        make_token(user_with_permissions("seeing", [f"{model.app_label}.view_{model.model_name}"]))
    )
    query = f"query($id: ID!) {{ {name}_list(filters: {{id: {{exact: $id}}}}) {{ id }} }}"

    assert data(blind, query, id=created["id"])[f"{name}_list"] == []
    hidden = graphql(blind, f"query($id: ID!) {{ {name}(id: $id) {{ id }} }}", id=created["id"])
    assert hidden["data"] is None and hidden["errors"]
    assert data(seeing, query, id=created["id"])[f"{name}_list"] == [{"id": str(created["id"])}]
