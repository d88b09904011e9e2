"""Response headers on every response (facts §1.3)."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.test import APIClient

from dcim.models import Site


def request_id(response: object) -> uuid.UUID:
    return uuid.UUID(response.headers["X-Request-ID"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path", ["/api/", "/api/dcim/sites/", "/api/status/", "/api/nowhere/", "/api/dcim/sites"]
)
def test_api_responses_carry_both_headers(api: APIClient, path: str) -> None:
    response = api.get(path)
    assert request_id(response).version == 4
    assert response.headers["API-Version"] == "4.6"


def test_api_errors_carry_both_headers(anonymous: APIClient, db: None) -> None:
    response = anonymous.get("/api/dcim/sites/")
    assert response.status_code == 403
    assert request_id(response)
    assert response.headers["API-Version"] == "4.6"
    post = anonymous.post("/api", {})
    assert post.headers["API-Version"] == "4.6"


@pytest.mark.parametrize("path", ["/admin/login/", "/nowhere/", "/static/missing.css"])
def test_non_api_responses_carry_a_request_id_only(
    anonymous: APIClient, db: None, path: str
) -> None:
    response = anonymous.get(path)
    assert request_id(response)
    assert "API-Version" not in response.headers


def test_request_id_is_new_per_request_and_ignores_the_client(api: APIClient) -> None:
    sent = str(uuid.uuid4())
    first = api.get("/api/", HTTP_X_REQUEST_ID=sent)
    second = api.get("/api/")
    assert first.headers["X-Request-ID"] != sent
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_write_responses_carry_the_request_id(api: APIClient, db: None) -> None:
    response = api.post("/api/dcim/sites/", {"name": "S", "slug": "s"}, format="json")
    assert response.status_code == 201
    assert request_id(response)
    assert response.headers["Location"] == response.json()["url"]


def test_delete_response_is_empty_with_headers(api: APIClient, site: Site) -> None:
    response = api.delete(f"/api/dcim/sites/{site.pk}/")
    assert response.status_code == 204
    assert response.content == b""
    assert request_id(response) and response.headers["API-Version"] == "4.6"


def test_json_content_type(api: APIClient, site: Site) -> None:
    response = api.get("/api/dcim/sites/")
    assert response.headers["Content-Type"] == "application/json"
