"""Journal entries: NetBox's endpoint, attached to any primary object."""

from __future__ import annotations

from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import JournalEntry
from ipamcore.models import ObjectChange
from users.models import User


def test_entry_is_written_by_the_caller_and_read_back(api: APIClient, admin_user: User) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    response = api.post(
        "/api/extras/journal-entries/",
        {
            "assigned_object_type": "dcim.site",
            "assigned_object_id": site.pk,
            "kind": "danger",
            "comments": "Power outage in hall 2",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    entry = response.json()
    assert entry["created_by"] == admin_user.pk
    assert entry["kind"] == {"value": "danger", "label": "Danger"}
    assert entry["assigned_object"]["name"] == "DC1"
    assert entry["display"].endswith("(Danger)") and len(entry["display"]) == len(
        "2026-01-01 12:00 (Danger)"
    )
    other = User.objects.create(username="other")
    changed = api.patch(entry["url"], {"created_by": other.pk, "kind": "info"}, format="json")
    assert changed.json()["created_by"] == admin_user.pk  # fixed once written

    listed = api.get(
        "/api/extras/journal-entries/",
        {"assigned_object_type": "dcim.site", "created_by": "admin", "q": "outage"},
    ).json()
    assert [e["id"] for e in listed["results"]] == [entry["id"]]
    assert api.get("/api/extras/journal-entries/", {"kind": "danger"}).json()["count"] == 0


def test_entries_need_an_existing_journaled_object(api: APIClient) -> None:
    missing = api.post(
        "/api/extras/journal-entries/",
        {"assigned_object_type": "dcim.site", "assigned_object_id": 999, "comments": "x"},
        format="json",
    )
    assert missing.status_code == 400
    assert missing.json() == {"__all__": ["Invalid assigned_object: dcim.site ID 999"]}
    unjournaled = api.post(
        "/api/extras/journal-entries/",
        {"assigned_object_type": "users.user", "assigned_object_id": 1, "comments": "x"},
        format="json",
    )
    assert "assigned_object_type" in unjournaled.json()


def test_entries_go_with_their_object(api: APIClient) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    JournalEntry.objects.create(assigned_object=site, comments="note")
    response = api.delete(f"/api/dcim/sites/{site.pk}/")
    assert response.status_code == 204
    assert not JournalEntry.objects.exists()
    logged = ObjectChange.objects.filter(request_id=response.headers["X-Request-ID"])
    assert sorted(c.changed_object_type.model for c in logged) == ["journalentry", "site"]
