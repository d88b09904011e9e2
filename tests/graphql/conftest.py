"""Helpers for GraphQL tests: queries go through the real `/graphql/` endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.conftest import client_for, make_token
from users.models import User


def graphql(client: APIClient, query: str, **variables: Any) -> dict[str, Any]:
    """The response body of a POST to /graphql/ (asserting HTTP 200)."""
    response = client.post("/graphql/", {"query": query, "variables": variables}, format="json")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def data(client: APIClient, query: str, **variables: Any) -> dict[str, Any]:
    """The `data` of a query that must succeed."""
    body = graphql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


@pytest.fixture
def nobody(db: None) -> APIClient:
    """A client whose user holds no permission at all."""
    user = User.objects.create_user("nobody", password="nobody-password-123")
    return client_for(make_token(user))
