"""Events into the webhook outbox, in the transaction of the change.

The changelog calls `record()` for every batch it writes. When no enabled event rule
subscribes to the batch's object type and event type this costs one small query.
Otherwise the objects are serialized once (their REST representation, with relative
URLs), each rule's conditions are evaluated, and one outbox row per event and
webhook is inserted with a single INSERT. After commit the rows are handed to RQ
(extras.webhooks); a change that rolls back takes its rows with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import partial
from typing import Any

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from extras.choices import EventRuleActionChoices
from extras.models import EventRule, WebhookDelivery
from ipamcore import registry
from ipamcore.api.queries import optimize
from ipamcore.api.renderers import default as json_default
from ipamcore.changelog import ChangeContext, current_context

# The `event` value of the payload for each event type.
PAYLOAD_EVENTS = {
    "object_created": "created",
    "object_updated": "updated",
    "object_deleted": "deleted",
    "job_started": "job_started",
    "job_completed": "job_ended",
    "job_failed": "job_ended",
    "job_errored": "job_ended",
}


def subscribed_rules(content_type: ContentType, event_type: str) -> list[EventRule]:
    return list(
        EventRule.objects.filter(
            enabled=True,
            action_type=EventRuleActionChoices.WEBHOOK,
            object_types=content_type,
            event_types__contains=[event_type],
        ).order_by("pk")
    )


def record(
    event_type: str,
    instances: Sequence[models.Model],
    prechange: dict[Any, Any],
    postchange: dict[Any, Any],
) -> None:
    """Write the outbox rows for one batch of same-typed objects."""
    if not instances:
        return
    model = type(instances[0])
    entry = registry.find(model)
    if entry is None:
        return
    content_type = ContentType.objects.get_for_model(model)
    rules = subscribed_rules(content_type, event_type)
    if not rules:
        return
    data = represent(entry, instances)
    context = current_context()
    deliveries: list[WebhookDelivery] = []
    for instance in instances:
        if instance.pk not in data:
            continue
        matched = matching_rules(rules, data[instance.pk])
        if not matched:
            continue
        snapshots = {
            "prechange": prechange.get(instance.pk),
            "postchange": postchange.get(instance.pk),
        }
        payload = build_payload(event_type, content_type, data[instance.pk], snapshots, context)
        deliveries.extend(
            WebhookDelivery(
                event_id=payload["event_id"],
                event_type=event_type,
                object_type=content_type,
                object_id=instance.pk,
                webhook_id=rule.action_object_id,  # type: ignore[misc]  # validated: set
                event_rule=rule,
                payload=payload,
            )
            for rule in matched
        )
    if deliveries:
        WebhookDelivery.objects.bulk_create(deliveries)
        from extras.webhooks import hand_over

        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(partial(hand_over, ids), robust=True)


def matching_rules(rules: list[EventRule], data: dict[str, Any]) -> list[EventRule]:
    """The rules whose conditions hold, one per webhook (two rules never send one event twice)."""
    matched: dict[Any, EventRule] = {}
    for rule in rules:
        if rule.action_object_id not in matched and rule.matches(data):
            matched[rule.action_object_id] = rule
    return list(matched.values())


def represent(entry: registry.ObjectType, instances: Sequence[models.Model]) -> dict[Any, Any]:
    """REST representations by pk, as JSON values: no request, so URLs are relative."""
    serializer = entry.serializer(context={})
    queryset = optimize(entry.get_queryset(), serializer)
    objects = list(queryset.filter(pk__in=[obj.pk for obj in instances]))
    rendered = entry.serializer(objects, many=True, context={}).data
    # The API's own JSON encoding, so payload values read exactly like API responses.
    as_json = orjson.loads(
        orjson.dumps(list(rendered), default=json_default, option=orjson.OPT_UTC_Z)
    )
    return {obj.pk: item for obj, item in zip(objects, as_json, strict=True)}


def build_payload(
    event_type: str,
    content_type: ContentType,
    data: dict[str, Any],
    snapshots: dict[str, Any],
    context: ChangeContext,
) -> dict[str, Any]:
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    username = user.get_username() if user is not None else ""
    payload: dict[str, Any] = {
        "event": PAYLOAD_EVENTS[event_type],
        "timestamp": timezone.now().isoformat(),
        "object_type": f"{content_type.app_label}.{content_type.model}",
        "username": username,
        "request_id": str(context.request_id),
        "data": data,
    }
    request = context.request
    if request is not None:
        payload["request"] = {
            "id": str(context.request_id),
            "method": request.method,
            "path": request.path,
            "user": username,
        }
    payload["snapshots"] = snapshots
    # Stable across retries and replays: receivers drop duplicates by it (also X-Event-ID).
    payload["event_id"] = str(uuid.uuid4())
    return payload
