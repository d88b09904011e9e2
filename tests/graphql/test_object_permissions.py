"""Object permissions with constraints (issue 5) through GraphQL: a user allowed only one
tenant's prefixes and addresses sees exactly those, at the root and nested."""

from __future__ import annotations

from typing import Any

import pytest

from ipam.models import IPAddress, Prefix
from tenancy.models import Tenant
from tests.graphql.conftest import data, graphql
from tests.users.conftest import client_of, grant, plain_user


@pytest.fixture
def holdings(db: None) -> dict[str, Any]:
    one = Tenant.objects.create(name="One", slug="one")
    two = Tenant.objects.create(name="Two", slug="two")
    return {
        "one": one,
        "two": two,
        "prefix_two": Prefix.objects.create(prefix="10.2.0.0/24", tenant=two),
        "prefix_one": Prefix.objects.create(prefix="10.1.0.0/24", tenant=one),
        "ip_one": IPAddress.objects.create(address="10.1.0.1/24", tenant=one),
        "ip_two": IPAddress.objects.create(address="10.2.0.1/24", tenant=two),
    }


def test_constrained_user_sees_only_permitted_objects_at_every_level(
    holdings: dict[str, Any],
) -> None:
    user = plain_user("alice")
    grant(
        user,
        types=["ipam.prefix", "ipam.ipaddress"],
        actions=["view"],
        constraints={"tenant__slug": "one"},
    )
    grant(user, types=["tenancy.tenant"], actions=["view"])
    client = client_of(user)

    assert data(client, "{ prefix_list { prefix } ip_address_list { address } }") == {
        "prefix_list": [{"prefix": "10.1.0.0/24"}],
        "ip_address_list": [{"address": "10.1.0.1/24"}],
    }
    nested = data(
        client,
        "{ tenant_list { slug prefixes { prefix } ip_addresses { address tenant { slug } } } }",
    )["tenant_list"]
    assert sorted(nested, key=lambda t: t["slug"]) == [
        {
            "slug": "one",
            "prefixes": [{"prefix": "10.1.0.0/24"}],
            "ip_addresses": [{"address": "10.1.0.1/24", "tenant": {"slug": "one"}}],
        },
        {"slug": "two", "prefixes": [], "ip_addresses": []},
    ]
    hidden = graphql(
        client, "query($id: ID!) { prefix(id: $id) { prefix } }", id=holdings["prefix_two"].pk
    )
    assert hidden["data"] is None and hidden["errors"]


def test_a_list_constraint_is_an_or(holdings: dict[str, Any]) -> None:
    user = plain_user("bob")
    grant(
        user,
        types=["ipam.prefix"],
        actions=["view"],
        constraints=[{"tenant__slug": "one"}, {"prefix": "10.2.0.0/24"}],
    )
    seen = data(client_of(user), "{ prefix_list { prefix } }")["prefix_list"]
    assert sorted(p["prefix"] for p in seen) == ["10.1.0.0/24", "10.2.0.0/24"]


def test_user_token_of_a_user_without_permissions_sees_nothing(holdings: dict[str, Any]) -> None:
    client = client_of(plain_user("carol"))
    assert data(client, "{ prefix_list { prefix } }") == {"prefix_list": []}
