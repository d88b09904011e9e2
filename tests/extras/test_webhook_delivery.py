"""Webhooks end to end: REST writes, the outbox, a real Redis, real RQ worker processes,
the sweeper process and a real HTTP receiver on 127.0.0.1. The fault tests break one
part at a time and check that no accepted write loses its event."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from typing import Any

from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import EventRule, Webhook, WebhookDelivery
from tests.background import Receiver, RedisServer, Services, wait_until


def subscribe(url: str, events: tuple[str, ...] = ("object_created",), **webhook: Any) -> Webhook:
    hook = Webhook.objects.create(name="Receiver", payload_url=url, **webhook)
    rule = EventRule.objects.create(
        name="Sites",
        event_types=list(events),
        action_object_type=ContentType.objects.get_for_model(Webhook),
        action_object_id=hook.pk,
    )
    rule.object_types.set([ContentType.objects.get_by_natural_key("dcim", "site")])
    return hook


def statuses() -> list[str]:
    return list(WebhookDelivery.objects.order_by("pk").values_list("status", flat=True))


def all_delivered(count: int) -> bool:
    return statuses() == ["delivered"] * count


def test_delivery_carries_payload_signature_and_headers(
    live: Services, receiver: Receiver, api: APIClient
) -> None:
    subscribe(
        f"{receiver.url}/hooks/{{{{ data.slug }}}}",
        secret="s3cret",
        additional_headers="X-Site: {{ data.name | header_safe }}\nX-Static: yes",
    )
    response = api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    assert response.status_code == 201
    wait_until(lambda: all_delivered(1), what="the delivery")

    [request] = receiver.requests
    payload = request.json()
    assert request.method == "POST" and request.path == "/hooks/dc1"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Site"] == "DC1" and request.headers["X-Static"] == "yes"
    expected = hmac.new(b"s3cret", request.body, hashlib.sha512).hexdigest()
    assert request.headers["X-Hook-Signature"] == expected
    assert request.headers["X-Event-ID"] == payload["event_id"]

    request_id = response.headers["X-Request-ID"]
    assert payload["event"] == "created"
    assert payload["object_type"] == "dcim.site"
    assert payload["username"] == "admin"
    assert payload["request_id"] == request_id
    assert payload["request"] == {
        "id": request_id,
        "method": "POST",
        "path": "/api/dcim/sites/",
        "user": "admin",
    }
    assert datetime.datetime.fromisoformat(payload["timestamp"])
    site_id = response.json()["id"]
    assert payload["data"]["url"] == f"/api/dcim/sites/{site_id}/"
    assert payload["data"]["status"] == {"value": "active", "label": "Active"}
    assert payload["snapshots"]["prechange"] is None
    assert payload["snapshots"]["postchange"]["name"] == "DC1"

    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.response_status) == (1, 200)
    assert str(delivery.event_id) == payload["event_id"]


def test_body_template_and_conditions_choose_what_is_sent(
    live: Services, receiver: Receiver, api: APIClient
) -> None:
    hook = subscribe(
        receiver.url,
        events=("object_created", "object_deleted"),
        http_content_type="text/plain",
        body_template="{{ event }} {{ data.name }} ({{ data.status.value }})",
    )
    EventRule.objects.filter(action_object_id=hook.pk).update(
        conditions={
            "and": [
                {"attr": "status.value", "value": "active"},
                {"attr": "name", "value": "^DC", "op": "regex"},
            ]
        }
    )
    sites = [
        {"name": "DC1", "slug": "dc1"},
        {"name": "DC2", "slug": "dc2", "status": "planned"},
        {"name": "LAB", "slug": "lab"},
    ]
    created = api.post("/api/dcim/sites/", sites, format="json")
    assert created.status_code == 201
    # Deliveries are decided in the write's transaction: only DC1 matched.
    assert WebhookDelivery.objects.count() == 1
    dc1 = Site.objects.get(slug="dc1")
    assert api.delete(f"/api/dcim/sites/{dc1.pk}/").status_code == 204
    wait_until(lambda: all_delivered(2), what="two deliveries")

    assert [r.body for r in receiver.requests] == [b"created DC1 (active)", b"deleted DC1 (active)"]
    assert receiver.requests[0].headers["Content-Type"] == "text/plain"
    assert "X-Hook-Signature" not in receiver.requests[0].headers


def test_receiver_failing_twice_is_retried_until_delivered(
    live: Services, receiver: Receiver, api: APIClient
) -> None:
    receiver.answer = lambda n: 503 if n < 2 else 200
    subscribe(receiver.url)
    api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    wait_until(lambda: all_delivered(1), what="delivery after two failures")

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3
    assert len(receiver.requests) == 3
    assert len(receiver.by_event()) == 1  # the same event each time


def test_receiver_down_past_the_limit_is_kept_as_failed_and_replayed(
    live: Services, api: APIClient
) -> None:
    receiver = Receiver()  # not started: connections are refused
    subscribe(receiver.url)
    api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    wait_until(lambda: statuses() == ["failed"], what="the delivery to fail")

    failed = api.get("/api/extras/webhook-deliveries/", {"status": "failed"}).json()
    assert failed["count"] == 1
    [delivery] = failed["results"]
    assert delivery["attempts"] == 3
    assert "ConnectionError" in delivery["last_error"]
    assert delivery["status"] == {"value": "failed", "label": "Failed"}

    receiver.start()
    try:
        replayed = api.post(f"/api/extras/webhook-deliveries/{delivery['id']}/replay/")
        assert replayed.status_code == 200
        assert replayed.json()["status"]["value"] == "pending"
        wait_until(lambda: all_delivered(1), what="the replayed delivery")
        assert list(receiver.by_event()) == [delivery["event_id"]]
        again = api.post(f"/api/extras/webhook-deliveries/{delivery['id']}/replay/")
        assert again.status_code == 200  # a delivered one may be sent again on request
    finally:
        receiver.stop()


def test_redis_down_while_writes_are_accepted_loses_nothing_and_keeps_order(
    live: Services, receiver: Receiver, redis_server: RedisServer, api: APIClient
) -> None:
    subscribe(receiver.url, events=("object_created", "object_updated"))
    created = api.post(
        "/api/dcim/sites/", [{"name": f"S{n}", "slug": f"s{n}"} for n in range(10)], format="json"
    )
    ids = [site["id"] for site in created.json()]
    wait_until(lambda: all_delivered(10), what="the creates")

    redis_server.stop()
    try:
        for version in range(10):
            for pk in ids:
                response = api.patch(
                    f"/api/dcim/sites/{pk}/", {"description": f"v{version}"}, format="json"
                )
                assert response.status_code == 200
        # Every write was accepted and its event kept, though none could be queued.
        assert WebhookDelivery.objects.filter(status="pending", queued_at=None).count() == 100
    finally:
        redis_server.start()

    wait_until(lambda: all_delivered(110), timeout=120, what="all 110 deliveries")
    seen: dict[int, list[str]] = {pk: [] for pk in ids}
    for event_id, requests in receiver.by_event().items():
        assert len({r.body for r in requests}) == 1, event_id  # duplicates are identical
    first_arrivals: set[str] = set()
    for request in receiver.requests:
        event_id = request.headers["X-Event-ID"]
        if event_id in first_arrivals:
            continue
        first_arrivals.add(event_id)
        data = request.json()["data"]
        seen[data["id"]].append(data["description"] or "created")
    expected = ["created", *(f"v{version}" for version in range(10))]
    assert all(sequence == expected for sequence in seen.values()), seen


def test_worker_killed_during_a_delivery_delivers_after_restart(
    live: Services, receiver: Receiver, api: APIClient
) -> None:
    receiver.hold = lambda n: n == 0  # the first request waits: the worker dies meanwhile
    subscribe(receiver.url)
    api.post("/api/dcim/sites/", {"name": "DC1", "slug": "dc1"}, format="json")
    wait_until(receiver.held.is_set, what="the receiver to get the request")
    live.kill_workers()
    receiver.release.set()
    assert statuses() != ["delivered"]

    live.start_workers(2)
    wait_until(lambda: all_delivered(1), what="the delivery after the restart")
    [(event_id, requests)] = receiver.by_event().items()
    assert len(requests) == 2  # one duplicate at most, carrying the same event id
    assert requests[0].body == requests[1].body
    assert WebhookDelivery.objects.get().attempts == 2
    assert str(WebhookDelivery.objects.get().event_id) == event_id


def test_status_counts_running_workers(live: Services, api: APIClient) -> None:
    def running() -> int:
        return api.get("/api/status/").json()["rq-workers-running"]

    live.stop()
    wait_until(lambda: running() == 0, what="no workers")
    live.start_workers(1)
    wait_until(lambda: running() == 1, what="one worker")
    live.start_sweeper()
