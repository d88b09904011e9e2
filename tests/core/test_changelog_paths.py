"""Changelog rows for the write paths tests/core/test_changelog.py does not cover."""

from __future__ import annotations

from rest_framework.test import APIClient

from dcim.models import Site
from ipamcore.models import ObjectChange


def changes_for(response) -> list[ObjectChange]:  # type: ignore[no-untyped-def]
    return list(
        ObjectChange.objects.filter(request_id=response.headers["X-Request-ID"]).order_by("pk")
    )


def test_put_single_and_bulk(api: APIClient) -> None:
    sites = [Site.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(2)]
    single = api.put(
        f"/api/dcim/sites/{sites[0].pk}/",
        {"name": "S0", "slug": "s0", "facility": "F0", "changelog_message": "put"},
        format="json",
    )
    assert single.status_code == 200
    [change] = changes_for(single)
    assert (change.action, change.message) == ("update", "put")
    assert change.postchange_data["facility"] == "F0"

    bulk = api.put(
        "/api/dcim/sites/",
        [{"id": s.pk, "name": s.name, "slug": s.slug, "facility": "F9"} for s in sites],
        format="json",
    )
    assert bulk.status_code == 200
    assert [(c.changed_object_id, c.action) for c in changes_for(bulk)] == [
        (sites[0].pk, "update"),
        (sites[1].pk, "update"),
    ]


def test_event_rule_and_webhook_writes_are_logged(api: APIClient) -> None:
    hook = api.post(
        "/api/extras/webhooks/", {"name": "Hook", "payload_url": "https://h/"}, format="json"
    )
    [change] = changes_for(hook)
    assert change.changed_object_type.model == "webhook"
    assert change.postchange_data["payload_url"] == "https://h/"
    rule = api.post(
        "/api/extras/event-rules/",
        {
            "name": "Rule",
            "object_types": ["dcim.site"],
            "event_types": ["object_created"],
            "action_object_type": "extras.webhook",
            "action_object_id": hook.json()["id"],
        },
        format="json",
    )
    assert rule.status_code == 201, rule.json()
    [change] = changes_for(rule)
    assert change.postchange_data["event_types"] == ["object_created"]
    # Deleting the webhook takes its rules along, and logs both.
    deleted = api.delete(hook.json()["url"])
    assert sorted(c.changed_object_type.model for c in changes_for(deleted)) == [
        "eventrule",
        "webhook",
    ]
