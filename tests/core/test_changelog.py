"""Every write records its changes in the same transaction, attributed to the request."""

from __future__ import annotations

import uuid

from django.core.management import call_command
from rest_framework.test import APIClient

from dcim.models import Region, Site
from extras.models import Tag
from ipamcore.changelog import change_context, record_creates
from ipamcore.models import ObjectChange


def changes_for(response) -> list[ObjectChange]:  # type: ignore[no-untyped-def]
    request_id = response.headers["X-Request-ID"]
    return list(ObjectChange.objects.filter(request_id=request_id).order_by("pk"))


def test_create_records_snapshot_user_and_request_id(api: APIClient, admin_user) -> None:  # type: ignore[no-untyped-def]
    Tag.objects.create(name="Core", slug="core")
    response = api.post(
        "/api/dcim/sites/",
        {"name": "DC1", "slug": "dc1", "tags": [{"slug": "core"}], "changelog_message": "new DC"},
        format="json",
    )
    assert response.status_code == 201
    [change] = changes_for(response)
    assert change.action == "create"
    assert change.changed_object_id == response.json()["id"]
    assert change.user == admin_user and change.user_name == "admin"
    assert change.message == "new DC"
    assert change.object_repr == "DC1"
    assert change.prechange_data is None
    assert change.postchange_data["name"] == "DC1"
    assert change.postchange_data["status"] == "active"
    assert change.postchange_data["tags"] == ["Core"]
    assert "last_updated" not in change.postchange_data


def test_bulk_create_records_one_row_per_object(api: APIClient) -> None:
    payload = [{"name": f"R{n}", "slug": f"r{n}"} for n in range(5)]
    response = api.post("/api/dcim/regions/", payload, format="json")
    assert response.status_code == 201
    changes = changes_for(response)
    assert [c.object_repr for c in changes] == [f"R{n}" for n in range(5)]
    assert {c.action for c in changes} == {"create"}


def test_update_records_before_and_after(api: APIClient) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    response = api.patch(f"/api/dcim/sites/{site.pk}/", {"description": "main"}, format="json")
    assert response.status_code == 200
    [change] = changes_for(response)
    assert change.action == "update"
    assert change.prechange_data["description"] == ""
    assert change.postchange_data["description"] == "main"


def test_update_that_changes_nothing_records_nothing(api: APIClient) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    response = api.patch(f"/api/dcim/sites/{site.pk}/", {"name": "DC1"}, format="json")
    assert response.status_code == 200
    assert changes_for(response) == []


def test_bulk_update_and_delete(api: APIClient) -> None:
    sites = [Site.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(3)]
    patch = api.patch(
        "/api/dcim/sites/", [{"id": s.pk, "facility": "F"} for s in sites], format="json"
    )
    assert [c.action for c in changes_for(patch)] == ["update"] * 3
    delete = api.delete(
        "/api/dcim/sites/",
        [{"id": sites[0].pk, "changelog_message": "gone"}, {"id": sites[1].pk}],
        format="json",
    )
    assert delete.status_code == 204
    changes = changes_for(delete)
    assert sorted(c.changed_object_id for c in changes) == sorted([sites[0].pk, sites[1].pk])
    assert {c.message for c in changes} == {"gone", ""}
    assert all(c.postchange_data is None and c.prechange_data for c in changes)


def test_delete_records_cascaded_objects(api: APIClient) -> None:
    parent = Region.objects.create(name="EU", slug="eu")
    Region.objects.create(name="DE", slug="de", parent=parent)
    response = api.delete(f"/api/dcim/regions/{parent.pk}/")
    assert response.status_code == 204
    assert sorted(c.object_repr for c in changes_for(response)) == ["DE", "EU"]


def test_failed_request_records_nothing(api: APIClient) -> None:
    before = ObjectChange.objects.count()
    response = api.post(
        "/api/dcim/sites/", [{"name": "A", "slug": "a"}, {"name": "", "slug": "b"}], format="json"
    )
    assert response.status_code == 400
    assert ObjectChange.objects.count() == before
    assert not Site.objects.exists()


def test_object_changes_endpoint_and_request_filters(api: APIClient) -> None:
    response = api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    request_id = response.headers["X-Request-ID"]
    listed = api.get("/api/core/object-changes/", {"request_id": request_id}).json()
    assert listed["count"] == 1
    change = listed["results"][0]
    assert change["action"] == {"value": "create", "label": "Created"}
    assert change["changed_object_type"] == "dcim.site"
    assert change["changed_object"]["name"] == "DC1"
    assert change["request_id"] == request_id
    found = api.get("/api/dcim/sites/", {"created_by_request": request_id}).json()
    assert [s["name"] for s in found["results"]] == ["DC1"]
    assert api.get("/api/dcim/sites/", {"updated_by_request": request_id}).json()["count"] == 0
    assert api.post("/api/core/object-changes/", {}, format="json").status_code == 405


def test_change_context_outside_requests(db: None) -> None:
    request_id = uuid.uuid4()
    with change_context(request_id=request_id):
        site = Site.objects.create(name="Scripted", slug="scripted")
        record_creates([site], ["by a job"])
    change = ObjectChange.objects.get(request_id=request_id)
    assert change.user is None and change.message == "by a job"
    call_command("check")  # the model and its registry entry are consistent
