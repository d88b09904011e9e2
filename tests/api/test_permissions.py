"""Who may do what (facts §2.1-§2.2): model permissions, read-only tokens, LOGIN_REQUIRED."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Site
from tenancy.models import Tenant
from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from users.models import User

SITES = "/api/dcim/sites/"
DENIED = {"detail": "You do not have permission to perform this action."}
NO_CREDENTIALS = {"detail": "Authentication credentials were not provided."}


@pytest.fixture
def read_only(admin_user: User) -> APIClient:
    return client_for(make_token(admin_user, write_enabled=False))


def test_read_only_token_may_read(read_only: APIClient, site: Site) -> None:
    response = read_only.get(SITES)
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", SITES, {"name": "New", "slug": "new"}),
        ("post", SITES, [{"name": "New", "slug": "new"}]),
        ("put", "{detail}", {"name": "Renamed", "slug": "renamed"}),
        ("patch", "{detail}", {"name": "Renamed"}),
        ("delete", "{detail}", None),
        ("patch", SITES, [{"id": "{id}", "name": "Renamed"}]),
        ("put", SITES, [{"id": "{id}", "name": "Renamed", "slug": "renamed"}]),
        ("delete", SITES, [{"id": "{id}"}]),
    ],
)
def test_read_only_token_cannot_write(
    read_only: APIClient, site: Site, method: str, path: str, body: Any
) -> None:
    detail = f"{SITES}{site.pk}/"
    if isinstance(body, list):
        body = [{**item, "id": site.pk} if "id" in item else item for item in body]
    response = getattr(read_only, method)(path.format(detail=detail), body, format="json")
    assert response.status_code == 403
    assert response.json() == DENIED
    assert list(Site.objects.values_list("name", flat=True)) == ["Site A"]


def test_view_permission_allows_reading_only(viewer: APIClient, site: Site) -> None:
    assert viewer.get(SITES).status_code == 200
    assert viewer.get(f"{SITES}{site.pk}/").status_code == 200
    writes = [
        viewer.post(SITES, {"name": "New", "slug": "new"}, format="json"),
        viewer.patch(f"{SITES}{site.pk}/", {"name": "Renamed"}, format="json"),
        viewer.put(f"{SITES}{site.pk}/", {"name": "Renamed", "slug": "x"}, format="json"),
        viewer.delete(f"{SITES}{site.pk}/"),
        viewer.delete(SITES, [{"id": site.pk}], format="json"),
    ]
    assert [response.status_code for response in writes] == [403] * 5
    assert all(response.json() == DENIED for response in writes)
    assert list(Site.objects.values_list("name", flat=True)) == ["Site A"]


def test_view_permission_on_one_model_does_not_cover_another(viewer: APIClient) -> None:
    response = viewer.get("/api/tenancy/tenants/")
    assert response.status_code == 403
    assert response.json() == DENIED


def test_options_without_add_permission_lists_no_actions(viewer: APIClient) -> None:
    response = viewer.options(SITES)
    assert response.status_code == 200
    assert "actions" not in response.json()


def test_add_permission_allows_creating(db: None) -> None:
    user = user_with_permissions("creator", ["dcim.view_site", "dcim.add_site"])
    client = client_for(make_token(user))
    response = client.post(SITES, {"name": "New", "slug": "new"}, format="json")
    assert response.status_code == 201, response.json()
    assert client.patch(response.json()["url"], {"name": "x"}, format="json").status_code == 403


def test_anonymous_is_refused_when_login_is_required(anonymous: APIClient, site: Site) -> None:
    for path in ("/api/", "/api/dcim/", "/api/status/", SITES, f"{SITES}{site.pk}/"):
        response = anonymous.get(path)
        assert (response.status_code, response.json()) == (403, NO_CREDENTIALS), path


def test_exempt_models_are_readable_without_login(
    anonymous: APIClient, site: Site, settings: Any
) -> None:
    settings.LOGIN_REQUIRED = False
    settings.EXEMPT_VIEW_PERMISSIONS = ["dcim.site"]
    assert anonymous.get(SITES).json()["count"] == 1
    assert anonymous.get(f"{SITES}{site.pk}/").status_code == 200
    assert anonymous.get("/api/").status_code == 200
    assert anonymous.get("/api/status/").status_code == 200
    tenants = anonymous.get("/api/tenancy/tenants/")
    assert (tenants.status_code, tenants.json()) == (403, NO_CREDENTIALS)
    created = anonymous.post(SITES, {"name": "Anon", "slug": "anon"}, format="json")
    assert (created.status_code, created.json()) == (403, NO_CREDENTIALS)
    assert Site.objects.count() == 1


def test_exempt_wildcard_covers_every_model(db: None, anonymous: APIClient, settings: Any) -> None:
    settings.LOGIN_REQUIRED = False
    settings.EXEMPT_VIEW_PERMISSIONS = ["*"]
    Tenant.objects.create(name="T", slug="t")
    assert anonymous.get("/api/tenancy/tenants/").json()["count"] == 1


def test_exempt_models_still_need_login_when_it_is_required(
    anonymous: APIClient, site: Site, settings: Any
) -> None:
    settings.EXEMPT_VIEW_PERMISSIONS = ["dcim.site"]
    assert anonymous.get(SITES).status_code == 403


def test_exemption_lets_a_user_without_view_permission_read(db: None, settings: Any) -> None:
    settings.EXEMPT_VIEW_PERMISSIONS = ["dcim.site"]
    client = client_for(make_token(user_with_permissions("plain", [])))
    assert client.get(SITES).status_code == 200
    assert client.get("/api/tenancy/tenants/").status_code == 403
