"""API roots, status and OPTIONS metadata (facts §1.1, §4.1, §10.5)."""

from __future__ import annotations

import platform

import django
from rest_framework.test import APIClient

from dcim.models import Site

ROOT_KEYS = [
    "circuits",
    "core",
    "dcim",
    "extras",
    "ipam",
    "plugins",
    "status",
    "tenancy",
    "users",
    "virtualization",
    "vpn",
    "wireless",
]


def test_api_root(api: APIClient) -> None:
    body = api.get("/api/").json()
    assert sorted(body) == ROOT_KEYS
    assert body["dcim"] == "http://testserver/api/dcim/"
    assert body["status"] == "http://testserver/api/status/"


def test_api_root_honours_forwarded_host(api: APIClient) -> None:
    body = api.get(
        "/api/", HTTP_X_FORWARDED_HOST="nb.example", HTTP_X_FORWARDED_PROTO="https"
    ).json()
    assert body["tenancy"] == "https://nb.example/api/tenancy/"


def test_app_roots_list_their_endpoints(api: APIClient) -> None:
    dcim = api.get("/api/dcim/").json()
    assert list(dcim) == sorted(dcim)
    assert {"locations", "regions", "site-groups", "sites"} <= set(dcim)
    assert dcim["sites"] == "http://testserver/api/dcim/sites/"
    users = api.get("/api/users/").json()
    assert {"groups", "tokens", "users"} <= set(users)
    assert users["tokens/provision"] == "http://testserver/api/users/tokens/provision/"
    extras = api.get("/api/extras/").json()
    assert {"custom-field-choice-sets", "custom-fields", "tags"} <= set(extras)


def test_every_listed_endpoint_answers(api: APIClient) -> None:
    for app in ("dcim", "extras", "tenancy", "users"):
        for name, url in api.get(f"/api/{app}/").json().items():
            if name == "tokens/provision":
                continue
            response = api.get(url)
            assert response.status_code == 200, url
            assert set(response.json()) == {"count", "next", "previous", "results"}, url


def test_status(api: APIClient) -> None:
    body = api.get("/api/status/").json()
    assert body["netbox-version"] == "4.6.8"
    assert body["netbox-full-version"].startswith("4.6.8")
    assert body["django-version"] == django.get_version()
    assert body["python-version"] == platform.python_version()
    assert body["hostname"]
    assert isinstance(body["installed_apps"], dict)
    assert body["installed_apps"]["djangorestframework"]
    assert body["plugins"] == {}
    assert isinstance(body["rq-workers-running"], int)


def test_status_hostname_setting(api: APIClient, settings: object) -> None:
    settings.HOSTNAME = "ipam-1.example"  # type: ignore[attr-defined]
    assert api.get("/api/status/").json()["hostname"] == "ipam-1.example"


def test_options_on_a_list_describes_post(api: APIClient) -> None:
    response = api.options("/api/dcim/sites/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Site List"
    assert "application/json" in body["renders"] and "application/json" in body["parses"]
    post = body["actions"]["POST"]
    assert post["status"]["choices"][:2] == [
        {"value": "planned", "display_name": "Planned"},
        {"value": "staging", "display_name": "Staging"},
    ]
    assert post["status"]["required"] is False and post["status"]["read_only"] is False
    assert post["name"]["required"] is True and post["name"]["max_length"] == 100
    assert post["id"]["read_only"] is True
    assert "choices" not in post["tenant"]


def test_options_on_a_detail_describes_put(api: APIClient, site: Site) -> None:
    body = api.options(f"/api/dcim/sites/{site.pk}/").json()
    assert list(body["actions"]) == ["PUT"]


def test_options_for_integer_choices(api: APIClient) -> None:
    post = api.options("/api/extras/custom-fields/").json()["actions"]["POST"]
    assert {"value": "text", "display_name": "Text"} in post["type"]["choices"]


def test_options_without_credentials_is_403(anonymous: APIClient, db: None) -> None:
    assert anonymous.options("/api/dcim/sites/").status_code == 403


def test_head_works(api: APIClient, site: Site) -> None:
    response = api.head("/api/dcim/sites/")
    assert response.status_code == 200
    assert response.content == b""
