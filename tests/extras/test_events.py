"""The outbox: which writes produce deliveries, in their transaction, and how the
delivery state machine orders and recovers them (no worker processes here)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from dcim.models import Site
from extras import webhooks
from extras.models import EventRule, Webhook, WebhookDelivery

SITE_TYPE = ("dcim", "site")


def make_rule(
    name: str = "Sites", events: tuple[str, ...] = ("object_created",), **fields: Any
) -> EventRule:
    webhook, _ = Webhook.objects.get_or_create(
        name=fields.pop("webhook_name", "Receiver"),
        defaults={"payload_url": "http://127.0.0.1:9/"},
    )
    rule = EventRule.objects.create(
        name=name,
        event_types=list(events),
        action_object_type=ContentType.objects.get_for_model(Webhook),
        action_object_id=webhook.pk,
        **fields,
    )
    rule.object_types.set([ContentType.objects.get_by_natural_key(*SITE_TYPE)])
    return rule


def insert_count(queries: CaptureQueriesContext, table: str) -> int:
    return sum(q["sql"].startswith(f'INSERT INTO "{table}"') for q in queries.captured_queries)


def test_writes_without_subscribed_rules_write_no_outbox_rows(api: APIClient) -> None:
    make_rule(events=("object_deleted",))  # another event type
    make_rule(name="Off", enabled=False)
    payload = [{"name": f"S{n}", "slug": f"s{n}"} for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        assert api.post("/api/dcim/sites/", payload, format="json").status_code == 201
    assert insert_count(queries, "extras_webhookdelivery") == 0
    rule_lookups = [q for q in queries.captured_queries if 'FROM "extras_eventrule"' in q["sql"]]
    assert len(rule_lookups) == 1  # one small query per batch, whatever its size
    assert not WebhookDelivery.objects.exists()


def test_bulk_write_with_a_subscribed_rule_is_one_insert(api: APIClient) -> None:
    make_rule()
    payload = [{"name": f"S{n}", "slug": f"s{n}"} for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        response = api.post("/api/dcim/sites/", payload, format="json")
    assert insert_count(queries, "extras_webhookdelivery") == 1
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [d.object_id for d in deliveries] == [site["id"] for site in response.json()]
    assert len({d.event_id for d in deliveries}) == 20
    assert {d.status for d in deliveries} == {"pending"}
    first = deliveries[0].payload
    assert first["event"] == "created" and first["data"]["name"] == "S0"
    assert first["data"]["display_url"] == f"/dcim/sites/{first['data']['id']}/"


def test_failed_request_writes_no_outbox_rows(api: APIClient) -> None:
    make_rule()
    payload = [{"name": "A", "slug": "a"}, {"name": "", "slug": "b"}]
    assert api.post("/api/dcim/sites/", payload, format="json").status_code == 400
    assert not WebhookDelivery.objects.exists()


def test_update_and_delete_events_carry_snapshots(api: APIClient) -> None:
    make_rule(events=("object_updated", "object_deleted"))
    site = Site.objects.create(name="DC1", slug="dc1")
    api.patch(f"/api/dcim/sites/{site.pk}/", {"description": "main"}, format="json")
    api.patch(f"/api/dcim/sites/{site.pk}/", {"description": "main"}, format="json")  # no-op
    api.delete("/api/dcim/sites/", [{"id": site.pk}], format="json")
    update, delete = WebhookDelivery.objects.order_by("pk")
    assert update.payload["event"] == "updated"
    assert update.payload["snapshots"]["prechange"]["description"] == ""
    assert update.payload["snapshots"]["postchange"]["description"] == "main"
    assert delete.payload["event"] == "deleted"
    assert delete.payload["data"]["description"] == "main"  # the object as it was
    assert delete.payload["snapshots"]["postchange"] is None


def test_two_rules_for_one_webhook_send_one_delivery(api: APIClient) -> None:
    make_rule()
    make_rule(name="Also sites")
    api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    assert WebhookDelivery.objects.count() == 1


def test_commands_record_events_with_their_context(db: None) -> None:
    from ipamcore.changelog import change_context, record_creates

    make_rule()
    request_id = uuid.uuid4()
    with change_context(request_id=request_id):
        site = Site.objects.create(name="Scripted", slug="scripted")
        record_creates([site])
    payload = WebhookDelivery.objects.get().payload
    assert payload["request_id"] == str(request_id)
    assert payload["username"] == "" and "request" not in payload


# --- the delivery state machine --------------------------------------------------------


def pending(site: Site, count: int) -> list[WebhookDelivery]:
    webhook, _ = Webhook.objects.get_or_create(name="W", defaults={"payload_url": "http://x/"})
    content_type = ContentType.objects.get_for_model(Site)
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            event_id=uuid.uuid4(),
            event_type="object_updated",
            object_type=content_type,
            object_id=site.pk,
            webhook=webhook,
            payload={"n": n},
        )
        for n in range(count)
    )


def test_a_delivery_waits_for_the_earlier_ones_of_its_object(db: None) -> None:
    first, second = pending(Site.objects.create(name="A", slug="a"), 2)
    other = pending(Site.objects.create(name="B", slug="b"), 1)[0]
    assert webhooks.due_heads(100) == [first.pk, other.pk]
    assert webhooks.claim(second.pk) is None  # blocked by `first`
    claimed = webhooks.claim(first.pk)
    assert claimed is not None and claimed.status == "sending" and claimed.attempts == 1
    assert webhooks.claim(first.pk) is None  # one claimant only
    assert webhooks.claim(second.pk) is None  # still blocked while `first` is sending
    webhooks.finish(claimed, webhooks.Outcome(delivered=True, retryable=False, status=204))
    assert webhooks.next_in_stream(claimed) == [second.pk]
    assert webhooks.claim(second.pk) is not None


@pytest.mark.parametrize(
    ("outcome", "attempts", "status"),
    [
        (webhooks.Outcome(False, True, 503, "HTTP 503"), 1, "pending"),
        (webhooks.Outcome(False, True, None, "ConnectionError"), 3, "failed"),
        (webhooks.Outcome(False, False, 404, "HTTP 404"), 1, "failed"),
    ],
)
def test_failures_retry_until_the_limit(
    db: None, settings: Any, outcome: webhooks.Outcome, attempts: int, status: str
) -> None:
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    [delivery] = pending(Site.objects.create(name="A", slug="a"), 1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=attempts - 1)
    claimed = webhooks.claim(delivery.pk)
    assert claimed is not None
    webhooks.finish(claimed, outcome)
    claimed.refresh_from_db()
    assert (claimed.status, claimed.attempts, claimed.last_error) == (
        status,
        attempts,
        outcome.error,
    )
    if status == "pending":
        assert claimed.next_attempt_at > timezone.now()
        assert webhooks.claim(delivery.pk) is None  # not due yet


def test_backoff_doubles_up_to_the_cap(settings: Any) -> None:
    settings.WEBHOOK_RETRY_DELAY = 10
    settings.WEBHOOK_RETRY_MAX_DELAY = 60
    delays = [webhooks.retry_delay(n).total_seconds() for n in range(1, 6)]
    assert delays == [10, 20, 40, 60, 60]


def test_sweeper_takes_back_deliveries_whose_worker_died(db: None, settings: Any) -> None:
    settings.WEBHOOK_LEASE = 60
    [delivery] = pending(Site.objects.create(name="A", slug="a"), 1)
    claimed = webhooks.claim(delivery.pk)
    assert claimed is not None
    assert webhooks.reclaim_abandoned() == 0  # its lease is still running
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    assert webhooks.reclaim_abandoned() == 1
    delivery.refresh_from_db()
    assert delivery.status == "pending" and "worker stopped" in delivery.last_error
    assert webhooks.due_heads(10) == [delivery.pk]


def test_templates_render_in_a_sandbox(db: None) -> None:
    [delivery] = pending(Site.objects.create(name="A", slug="a"), 1)
    delivery.webhook.body_template = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    outcome = webhooks.send(delivery)
    assert not outcome.delivered and not outcome.retryable
    assert "unsafe" in outcome.error
    delivery.webhook.body_template = ""
    delivery.webhook.additional_headers = "X-Injected: a\nnot a header"
    outcome = webhooks.send(delivery)
    assert not outcome.retryable and "Invalid header line" in outcome.error


# --- the API ---------------------------------------------------------------------------


def rule_payload(webhook: Webhook, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Rule",
        "object_types": ["dcim.site"],
        "event_types": ["object_created"],
        "action_type": "webhook",
        "action_object_type": "extras.webhook",
        "action_object_id": webhook.pk,
        **changes,
    }


def test_event_rule_and_webhook_wire_format(api: APIClient) -> None:
    hook = api.post(
        "/api/extras/webhooks/",
        {"name": "Hook", "payload_url": "https://h.example/{{ data.id }}", "http_method": "PATCH"},
        format="json",
    ).json()
    assert hook["http_method"] == "PATCH"  # a plain value, not {value,label}
    assert hook["http_content_type"] == "application/json" and hook["ssl_verification"] is True
    webhook = Webhook.objects.get(pk=hook["id"])
    rule = api.post("/api/extras/event-rules/", rule_payload(webhook), format="json").json()
    assert rule["event_types"] == ["object_created"]
    assert rule["action_type"] == {"value": "webhook", "label": "Webhook"}
    assert rule["action_object"]["name"] == "Hook"
    assert rule["object_types"] == ["dcim.site"]
    found = api.get("/api/extras/event-rules/", {"event_type": "object_created"}).json()
    assert found["count"] == 1
    assert api.get("/api/extras/event-rules/", {"object_type": "dcim.region"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"conditions": {"attr": "name", "value": "x", "op": "gt"}}, "conditions"),
        ({"conditions": {"and": "nope"}}, "conditions"),
        ({"action_object_id": 999999}, "action_object_id"),
        ({"action_type": "script"}, "action_type"),
        ({"action_object_type": "dcim.site"}, "action_object_type"),
        ({"event_types": ["object_exploded"]}, "event_types"),
        ({"event_types": []}, "event_types"),
    ],
)
def test_bad_event_rules_are_400(api: APIClient, changes: dict[str, Any], field: str) -> None:
    webhook = Webhook.objects.create(name="Hook", payload_url="https://h.example/")
    response = api.post("/api/extras/event-rules/", rule_payload(webhook, **changes), format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body_template": "{% if %}"}, "body_template"),
        ({"payload_url": "https://h/{{ x"}, "payload_url"),
        ({"ssl_verification": False, "ca_file_path": "/etc/ca.pem"}, "ca_file_path"),
        ({"http_method": "FETCH"}, "http_method"),
    ],
)
def test_bad_webhooks_are_400(api: APIClient, changes: dict[str, Any], field: str) -> None:
    payload = {"name": "Hook", "payload_url": "https://h.example/", **changes}
    response = api.post("/api/extras/webhooks/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_deliveries_are_read_only_and_replay_only_finished_ones(api: APIClient) -> None:
    [delivery] = pending(Site.objects.create(name="A", slug="a"), 1)
    assert api.post("/api/extras/webhook-deliveries/", {}, format="json").status_code == 405
    url = f"/api/extras/webhook-deliveries/{delivery.pk}/"
    assert api.delete(url).status_code == 405
    assert api.post(f"{url}replay/").status_code == 409  # still pending
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=3)
    response = api.post(f"{url}replay/")
    assert response.status_code == 200
    assert (response.json()["status"]["value"], response.json()["attempts"]) == ("pending", 0)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed")
    many = api.post("/api/extras/webhook-deliveries/replay/", [{"id": delivery.pk}], format="json")
    assert many.json() == {"replayed": 1}
    listed = api.get("/api/extras/webhook-deliveries/", {"webhook": "W"}).json()
    assert listed["results"][0]["webhook"]["name"] == "W"
