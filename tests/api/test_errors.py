"""Error statuses and bodies (facts §1.1, §4.1, §4.5, §6)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Site
from tenancy.models import Tenant

SITES = "/api/dcim/sites/"


def detail(site: Site) -> str:
    return f"{SITES}{site.pk}/"


def raw(api: APIClient, method: str, path: str, body: str, **extra: Any) -> Any:
    return getattr(api, method)(path, body, content_type="application/json", **extra)


@pytest.mark.parametrize("body", ['{"name": ', "{'name': 'x'}", "not json", "[1,", '{"a": NaN}'])
def test_malformed_json_is_400(api: APIClient, db: None, body: str) -> None:
    response = raw(api, "post", SITES, body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


@pytest.mark.parametrize("body", ['"text"', "5", "true", "null"])
def test_non_object_body_on_create_is_400(api: APIClient, db: None, body: str) -> None:
    response = raw(api, "post", SITES, body)
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "[]", "null"])
def test_non_object_body_on_update_is_400(api: APIClient, site: Site, body: str) -> None:
    response = raw(api, "patch", detail(site), body)
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_unsupported_media_type_is_415(api: APIClient, db: None) -> None:
    response = api.post(SITES, "name=x", content_type="text/plain")
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/plain" in request.'}


def test_unknown_id_is_404(api: APIClient, db: None) -> None:
    response = api.get(f"{SITES}999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Site matches the given query."}


@pytest.mark.parametrize("pk", ["abc", "9" * 30, "-1", "1e3"])
def test_odd_ids_are_404(api: APIClient, db: None, pk: str) -> None:
    for method in ("get", "patch", "delete"):
        response = getattr(api, method)(f"{SITES}{pk}/", {}, format="json")
        assert response.status_code == 404, (method, pk)


def test_write_to_unknown_id_is_404(api: APIClient, db: None) -> None:
    response = api.patch(f"{SITES}999999/", {"name": "x"}, format="json")
    assert response.json() == {"detail": "No Site matches the given query."}


@pytest.mark.parametrize("path", ["/api/dcim/nothing-here/", "/api/dcim/sites/1.5/", "/api/x"])
def test_unknown_api_path_is_a_json_404(api: APIClient, db: None, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_unknown_ui_path_is_an_html_404(api: APIClient, db: None) -> None:
    response = api.get("/nothing-here/")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


def test_method_not_allowed(api: APIClient, site: Site) -> None:
    response = api.post(detail(site), {}, format="json")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}
    status = api.put("/api/status/", {}, format="json")
    assert (status.status_code, status.json()) == (405, {"detail": 'Method "PUT" not allowed.'})


def test_protected_delete_is_409(api: APIClient, db: None) -> None:
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    site = Site.objects.create(name="Site A", slug="site-a", tenant=tenant)
    response = api.delete(f"/api/tenancy/tenants/{tenant.pk}/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": f"Unable to delete object. 1 dependent objects were found: Site A ({site.pk})"
    }
    assert Tenant.objects.filter(pk=tenant.pk).exists()


def test_protected_bulk_delete_deletes_nothing(api: APIClient, db: None) -> None:
    free = Tenant.objects.create(name="Free", slug="free")
    used = Tenant.objects.create(name="Used", slug="used")
    Site.objects.create(name="Site A", slug="site-a", tenant=used)
    body = [{"id": free.pk}, {"id": used.pk}]
    response = api.delete("/api/tenancy/tenants/", body, format="json")
    assert response.status_code == 409
    assert Tenant.objects.count() == 2


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_method_without_trailing_slash_is_404(
    api: APIClient, site: Site, method: str
) -> None:
    response = getattr(api, method)(SITES.rstrip("/"), {"name": "x"}, format="json")
    assert response.status_code == 404
    assert response.headers["API-Version"] == "4.6"
    detail_response = getattr(api, method)(detail(site).rstrip("/"), {}, format="json")
    assert detail_response.status_code == 404
    assert Site.objects.get().name == "Site A"


def test_get_without_trailing_slash_redirects(api: APIClient, site: Site) -> None:
    response = api.get("/api/dcim/sites", {"limit": 1})
    assert response.status_code == 301
    assert response.headers["Location"] == "/api/dcim/sites/?limit=1"


def test_bulk_update_and_delete_need_ids(api: APIClient, site: Site) -> None:
    for method in ("patch", "put", "delete"):
        response = getattr(api, method)(
            SITES, [{"id": site.pk, "name": "x"}, {"name": "no id"}], format="json"
        )
        assert response.status_code == 400, method
        assert response.json() == [{}, {"id": ["This field is required."]}]
    bad = api.patch(SITES, [{"id": "abc"}, "text", {"id": None}], format="json")
    assert bad.json() == [
        {"id": ["A valid integer is required."]},
        {"id": ["This field is required."]},
        {"id": ["This field is required."]},
    ]
    assert Site.objects.get().name == "Site A"


@pytest.mark.parametrize("body", ['{"id": 1}', '"text"', "null"])
def test_bulk_write_without_a_list_is_400(api: APIClient, site: Site, body: str) -> None:
    response = raw(api, "patch", SITES, body)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Expected a list of objects with an id."]}


def test_bulk_update_skips_unknown_ids(api: APIClient, site: Site) -> None:
    body = [{"id": site.pk, "description": "seen"}, {"id": 999999, "description": "x"}]
    response = api.patch(SITES, body, format="json")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [site.pk]
    assert Site.objects.get().description == "seen"


def test_bulk_update_accepts_numeric_string_ids(api: APIClient, site: Site) -> None:
    response = api.patch(SITES, [{"id": str(site.pk), "description": "d"}], format="json")
    assert response.status_code == 200
    assert response.json()[0]["description"] == "d"


def test_bulk_delete_skips_unknown_ids(api: APIClient, site: Site) -> None:
    response = api.delete(SITES, [{"id": site.pk}, {"id": 999999}], format="json")
    assert response.status_code == 204
    assert response.content == b""
    assert not Site.objects.exists()


def test_bulk_update_errors_are_per_item_and_roll_back(api: APIClient, site: Site) -> None:
    other = Site.objects.create(name="Other", slug="other")
    body = [{"id": site.pk, "description": "ok"}, {"id": other.pk, "status": "bogus"}]
    response = api.patch(SITES, body, format="json")
    assert response.status_code == 400
    assert response.json() == [{}, {"status": ['"bogus" is not a valid choice.']}]
    assert Site.objects.get(pk=site.pk).description == ""


def test_bulk_put_needs_complete_objects(api: APIClient, site: Site) -> None:
    response = api.put(SITES, [{"id": site.pk, "name": "Renamed"}], format="json")
    assert response.status_code == 400
    assert response.json() == [{"slug": ["This field is required."]}]


def test_etag_on_reads_and_writes(api: APIClient, site: Site) -> None:
    read = api.get(detail(site))
    assert read.headers["ETag"] == f'W/"{site.last_updated.isoformat()}"'
    written = api.patch(detail(site), {"description": "x"}, format="json")
    assert (
        written.headers["ETag"].startswith('W/"')
        and written.headers["ETag"] != read.headers["ETag"]
    )


def test_if_match_current_etag_succeeds(api: APIClient, site: Site) -> None:
    tag = api.get(detail(site)).headers["ETag"]
    response = api.patch(detail(site), {"description": "x"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200
    listed = api.patch(
        detail(site),
        {"description": "y"},
        format="json",
        HTTP_IF_MATCH=f'W/"other", {response.headers["ETag"]}',
    )
    assert listed.status_code == 200
    star = api.delete(detail(site), HTTP_IF_MATCH="*")
    assert star.status_code == 204


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_if_match_stale_etag_is_412(api: APIClient, site: Site, method: str) -> None:
    current = api.get(detail(site)).headers["ETag"]
    body = {"name": "Renamed", "slug": "renamed"}
    response = getattr(api, method)(
        detail(site), body, format="json", HTTP_IF_MATCH='W/"2000-01-01T00:00:00+00:00"'
    )
    assert response.status_code == 412
    assert response.json() == {"detail": "Precondition failed."}
    assert response.headers["ETag"] == current
    assert Site.objects.get().name == "Site A"


def test_unsupported_api_version_is_406(api: APIClient, db: None) -> None:
    response = api.get(SITES, HTTP_ACCEPT="application/json; version=3.0")
    assert response.status_code == 406
    assert api.get(SITES, HTTP_ACCEPT="application/json; version=4.6").status_code == 200


def test_indent_accept_parameter_pretty_prints(api: APIClient, site: Site) -> None:
    response = api.get(detail(site), HTTP_ACCEPT="application/json; indent=4")
    assert response.status_code == 200
    assert response.content.startswith(b'{\n  "id"')
