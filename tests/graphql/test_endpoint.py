"""The `/graphql/` endpoint: authentication as the REST API's, GraphiQL, and the limits
that keep one request from taking the server down."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tenancy.models import Tenant
from tests.conftest import make_token
from tests.graphql.conftest import data, graphql
from users.models import User

QUERY = "{ tenant_list { name } }"


@pytest.fixture
def tenant(db: None) -> Tenant:
    return Tenant.objects.create(name="Acme", slug="acme")


def post(client: Client, query: str = QUERY, **headers: str) -> object:
    return client.post(
        "/graphql/", {"query": query}, content_type="application/json", headers=headers
    )


def test_v2_token(api: APIClient, tenant: Tenant) -> None:
    assert data(api, QUERY) == {"tenant_list": [{"name": "Acme"}]}


def test_v1_token(admin_user: User, tenant: Tenant) -> None:
    token = make_token(admin_user, version=1)
    response = post(Client(), Authorization=f"Token {token.plaintext}")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.json()["data"] == {"tenant_list": [{"name": "Acme"}]}  # type: ignore[attr-defined]


def test_token_clients_need_no_csrf_token(admin_user: User, tenant: Tenant) -> None:
    client = Client(enforce_csrf_checks=True)
    token = make_token(admin_user)
    response = post(client, Authorization=f"Bearer {token.header_value}")
    assert response.status_code == 200  # type: ignore[attr-defined]


def test_invalid_token_is_403_plain_text(db: None) -> None:
    response = post(Client(), Authorization="Bearer nbt_abcdefghijkl.wrong")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/plain")  # type: ignore[index]
    assert response.content == b"Invalid v2 token"  # type: ignore[attr-defined]


def test_session_post_needs_the_csrf_token(admin_user: User, tenant: Tenant) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    refused = post(client)
    assert refused.status_code == 403  # type: ignore[attr-defined]
    assert refused.content.startswith(b"CSRF Failed")  # type: ignore[attr-defined]

    client.get("/graphql/", headers={"Accept": "text/html"})  # sets the CSRF cookie
    accepted = post(client, **{"X-CSRFToken": client.cookies["csrftoken"].value})
    assert accepted.status_code == 200  # type: ignore[attr-defined]
    assert accepted.json()["data"] == {"tenant_list": [{"name": "Acme"}]}  # type: ignore[attr-defined]


def test_session_get_query(admin_user: User, tenant: Tenant) -> None:
    client = Client()
    client.force_login(admin_user)
    response = client.get("/graphql/", {"query": QUERY})
    assert response.json()["data"] == {"tenant_list": [{"name": "Acme"}]}


def test_anonymous_is_refused_when_login_is_required(db: None) -> None:
    response = post(Client())
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response.content == b"No credentials provided."  # type: ignore[attr-defined]


def test_anonymous_browser_is_sent_to_login(db: None) -> None:
    response = Client().get("/graphql/", headers={"Accept": "text/html"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/graphql/")


def test_anonymous_without_login_required_sees_exempt_models_only(
    tenant: Tenant, settings: object
) -> None:
    settings.LOGIN_REQUIRED = False  # type: ignore[attr-defined]
    settings.EXEMPT_VIEW_PERMISSIONS = ["tenancy.tenant"]  # type: ignore[attr-defined]
    response = post(Client(), "{ tenant_list { name } tenant_group_list { name } }")
    assert response.json()["data"] == {  # type: ignore[attr-defined]
        "tenant_list": [{"name": "Acme"}],
        "tenant_group_list": [],
    }


def test_graphiql_for_browsers(admin_user: User) -> None:
    client = Client()
    client.force_login(admin_user)
    response = client.get("/graphql/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()


def test_disabled(api: APIClient, settings: object) -> None:
    settings.GRAPHQL_ENABLED = False  # type: ignore[attr-defined]
    response = api.post("/graphql/", {"query": QUERY}, format="json")
    assert response.status_code == 404
    assert response.content == b"The GraphQL API is not enabled."


def test_there_are_no_mutations(api: APIClient) -> None:
    body = graphql(api, 'mutation { tenant_create(name: "x") { id } }')
    assert body["errors"]


def test_too_deep_is_an_error(api: APIClient, settings: object) -> None:
    settings.GRAPHQL_MAX_QUERY_DEPTH = 3  # type: ignore[attr-defined]
    deep = "{ tenant_list { group { parent { parent { name } } } } }"
    body = graphql(api, deep)
    assert body["data"] is None
    assert body["errors"][0]["message"] == "'anonymous' exceeds maximum operation depth of 3"
    assert "errors" not in graphql(api, "{ tenant_list { group { parent { name } } } }")


def test_too_many_aliases_is_an_error(api: APIClient, settings: object) -> None:
    settings.GRAPHQL_MAX_ALIASES = 2  # type: ignore[attr-defined]
    body = graphql(api, "{ a: tenant_list { name } b: tenant_list { name } c: tenant_list { id } }")
    assert body["data"] is None
    assert body["errors"][0]["message"] == "3 aliases found. Allowed: 2"


def test_too_costly_document_is_an_error(api: APIClient, settings: object) -> None:
    settings.GRAPHQL_MAX_TOKENS = 20  # type: ignore[attr-defined]
    fields = " ".join(["name slug description comments"] * 5)
    body = graphql(api, f"{{ tenant_list {{ {fields} }} }}")
    assert body["data"] is None
    assert "more than 20 tokens" in body["errors"][0]["message"]


def test_introspection_is_not_limited_by_depth(api: APIClient, settings: object) -> None:
    settings.GRAPHQL_MAX_QUERY_DEPTH = 2  # type: ignore[attr-defined]
    query = "{ __schema { types { name fields { name type { name ofType { name } } } } } }"
    assert "errors" not in graphql(api, query)


def test_no_secrets_in_the_schema() -> None:
    from ipamcore.graphql.schema import schema

    user_fields = set(schema._schema.get_type("UserType").fields)  # type: ignore[union-attr]
    webhook_fields = set(schema._schema.get_type("WebhookType").fields)  # type: ignore[union-attr]
    assert "password" not in user_fields
    assert "secret" not in webhook_fields
    assert schema._schema.get_type("TokenType") is None
    root = set(schema._schema.query_type.fields)  # type: ignore[union-attr]
    assert not {name for name in root if "token" in name}
