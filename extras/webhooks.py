"""Webhook delivery: outbox rows (extras.models.WebhookDelivery) sent by RQ workers.

Life of a delivery (docs/webhooks.md):

    pending --claim--> sending --2xx--> delivered
       ^                  |--connection error, timeout, 408, 429, 5xx--> pending (later)
       |                  |                   ...or failed after WEBHOOK_MAX_ATTEMPTS
       |                  '--other answer, bad template--> failed
       '--replay (API) / lease expired (worker died mid-send)--'

Rows reach the queue three ways: after the commit that wrote them (`hand_over`),
from the delivery before them in the same stream once it finishes, and from the
sweeper (`sweep`), which hands over whatever is due and not known to be queued
(Redis was down, a retry came due, a job was lost) and takes back deliveries whose
worker died. A job only sends when it can claim its row, so extra jobs are harmless.

Order: a stream is one webhook and one object. A delivery is sent only when no
earlier delivery of its stream is pending or sending.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from redis.exceptions import RedisError
from rq import Queue

import ipamcore
from extras.choices import DeliveryStatusChoices as Status
from extras.models import WebhookDelivery
from ipamcore.queueing import get_queue

logger = logging.getLogger("ipamcore.webhooks")

# Deliveries sent by one RQ job (see deliver_many).
DELIVERIES_PER_JOB = 20
# Answers worth trying again: the receiver is overloaded, restarting or timed out.
RETRYABLE_STATUSES = frozenset({408, 429})
ERROR_LENGTH = 1000

# --- templates -----------------------------------------------------------------------


def header_safe(value: Any) -> str:
    """A value fit for a header line: no line breaks that could start another header."""
    return str(value).replace("\r", "").replace("\n", "")


def template_environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment()
    environment.filters["header_safe"] = header_safe
    return environment


def render(template: str, context: dict[str, Any]) -> str:
    return template_environment().from_string(template).render(**context)


@dataclass
class OutgoingRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes


def build_request(delivery: WebhookDelivery) -> OutgoingRequest:
    """The HTTP request for a delivery; raises TemplateError or ValueError if unusable."""
    webhook = delivery.webhook
    context = delivery.payload
    if webhook.body_template:
        body = render(webhook.body_template, context).encode()
    else:
        body = json.dumps(context).encode()
    headers = {
        "Content-Type": webhook.http_content_type,
        "User-Agent": f"ipamcore/{ipamcore.VERSION}",
        "X-Event-ID": str(delivery.event_id),
    }
    headers.update(parse_headers(render(webhook.additional_headers, context)))
    if webhook.secret:
        headers["X-Hook-Signature"] = signature(webhook.secret, body)
    url = render(webhook.payload_url, context).strip()
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"The payload URL is not an HTTP(S) URL: {url[:200]!r}")
    return OutgoingRequest(webhook.http_method, url, headers, body)


def parse_headers(text: str) -> dict[str, str]:
    headers = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, separator, value = line.partition(":")
        if not separator or not name.strip():
            raise ValueError(f"Invalid header line (expected 'Name: value'): {line[:200]!r}")
        headers[name.strip()] = value.strip()
    return headers


def signature(secret: str, body: bytes) -> str:
    """X-Hook-Signature: the hex HMAC-SHA512 of the exact body bytes."""
    return hmac.new(secret.encode(), body, hashlib.sha512).hexdigest()


# --- sending -------------------------------------------------------------------------


@dataclass
class Outcome:
    delivered: bool
    retryable: bool
    status: int | None = None
    error: str = ""


_session: requests.Session | None = None


def http_session() -> requests.Session:
    """One session per process: the deliveries of a job reuse their connections."""
    global _session
    if _session is None:
        _session = requests.Session()
        # Connections are shared, cookies are not: one receiver's cookie never goes out again.
        _session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    return _session


def send(delivery: WebhookDelivery) -> Outcome:
    try:
        outgoing = build_request(delivery)
    except (TemplateError, ValueError) as exc:
        return Outcome(False, False, error=f"Cannot build the request: {exc}")
    webhook = delivery.webhook
    verify: bool | str = webhook.ssl_verification
    if webhook.ssl_verification and webhook.ca_file_path:
        verify = webhook.ca_file_path
    try:
        response = http_session().request(
            outgoing.method,
            outgoing.url,
            headers=outgoing.headers,
            data=outgoing.body,
            timeout=settings.WEBHOOK_TIMEOUT,
            verify=verify,
            allow_redirects=False,
        )
    except (requests.RequestException, OSError) as exc:
        return Outcome(False, True, error=f"{type(exc).__name__}: {exc}")
    if 200 <= response.status_code < 300:
        return Outcome(True, False, response.status_code)
    retryable = response.status_code >= 500 or response.status_code in RETRYABLE_STATUSES
    error = f"HTTP {response.status_code}: {response.text[:500]}"
    return Outcome(False, retryable, response.status_code, error)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: WEBHOOK_RETRY_DELAY, doubled per attempt, capped."""
    seconds = settings.WEBHOOK_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.WEBHOOK_RETRY_MAX_DELAY))


# --- the job -------------------------------------------------------------------------


def deliver_many(delivery_ids: list[int]) -> None:
    """The RQ job: a few deliveries, one after the other. Batching spreads the cost of a
    job (a fork and a database connection) over several deliveries; small batches keep
    every worker busy."""
    for delivery_id in delivery_ids:
        try:
            deliver(delivery_id)
        except Exception:  # one broken delivery must not hold up the rest of the batch
            # It stays claimed; the sweeper takes it back when its lease runs out.
            logger.exception("Webhook delivery %s stopped with an error", delivery_id)


def deliver(delivery_id: int) -> None:
    """Send one delivery if it is due and first in its stream."""
    delivery = claim(delivery_id)
    if delivery is None:
        return
    outcome = send(delivery)
    finish(delivery, outcome)
    hand_over(next_in_stream(delivery))


def open_before(delivery_id: Any) -> Exists:
    """An earlier pending or sending delivery of the same stream exists."""
    return Exists(
        WebhookDelivery.objects.filter(
            webhook_id=OuterRef("webhook_id"),
            object_type_id=OuterRef("object_type_id"),
            object_id=OuterRef("object_id"),
            status__in=WebhookDelivery.OPEN,
            pk__lt=delivery_id,
        )
    )


def claim(delivery_id: int) -> WebhookDelivery | None:
    """Mark the delivery as being sent by this worker, or None if it must not be sent now."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_related("webhook")
            .select_for_update(of=("self",))
            .filter(pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now)
            .annotate(blocked=open_before(OuterRef("pk")))
            .first()
        )
        if delivery is None:
            return None
        if delivery.blocked:
            # Its predecessor hands it over when done; until then no job is queued for it.
            WebhookDelivery.objects.filter(pk=delivery.pk).update(queued_at=None)
            return None
        delivery.status = Status.SENDING
        delivery.attempts += 1
        delivery.claimed_at = now
        delivery.queued_at = None
        delivery.save(update_fields=["status", "attempts", "claimed_at", "queued_at"])
    return delivery


def finish(delivery: WebhookDelivery, outcome: Outcome) -> None:
    now = timezone.now()
    changes: dict[str, Any] = {"response_status": outcome.status, "last_error": outcome.error}
    if outcome.delivered:
        changes.update(status=Status.DELIVERED, finished_at=now, last_error="")
    elif outcome.retryable and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        changes.update(status=Status.PENDING, next_attempt_at=now + retry_delay(delivery.attempts))
    else:
        changes.update(status=Status.FAILED, finished_at=now)
    # Only if still ours: the sweeper may have taken it back after a very slow send.
    WebhookDelivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, claimed_at=delivery.claimed_at
    ).update(**changes)
    if not outcome.delivered:
        logger.warning("Webhook delivery %s failed: %s", delivery.pk, outcome.error)


def next_in_stream(delivery: WebhookDelivery) -> list[int]:
    successor = (
        WebhookDelivery.objects.filter(
            webhook_id=delivery.webhook_id,
            object_type_id=delivery.object_type_id,
            object_id=delivery.object_id,
            status=Status.PENDING,
            pk__gt=delivery.pk,
            next_attempt_at__lte=timezone.now(),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return [successor] if successor is not None else []


# --- handing rows to RQ ----------------------------------------------------------------


def hand_over(ids: Iterable[int]) -> bool:
    """Queue a job per delivery id; False (and nothing marked) if Redis is unreachable."""
    ids = list(ids)
    if not ids:
        return True
    chunks = [
        ids[start : start + DELIVERIES_PER_JOB] for start in range(0, len(ids), DELIVERIES_PER_JOB)
    ]
    jobs = [
        Queue.prepare_data(
            deliver_many,
            args=(chunk,),
            timeout=int(len(chunk) * (settings.WEBHOOK_TIMEOUT + 5)) + 30,
            result_ttl=0,
            failure_ttl=86400,
            description=f"webhook deliveries {chunk[0]}..{chunk[-1]}",
        )
        for chunk in chunks
    ]
    # Marked first, so a job that runs at once and finds its stream busy can clear the mark.
    pending = WebhookDelivery.objects.filter(pk__in=ids, status=Status.PENDING)
    pending.update(queued_at=timezone.now())
    try:
        get_queue(settings.WEBHOOK_QUEUE).enqueue_many(jobs)
    except RedisError as exc:
        pending.update(queued_at=None)
        logger.warning("Redis unreachable, %d deliveries left to the sweeper: %s", len(ids), exc)
        return False
    return True


def replay(ids: Iterable[int]) -> int:
    """Send finished deliveries again, with a fresh attempt budget (after commit)."""
    ids = list(
        WebhookDelivery.objects.filter(
            pk__in=list(ids), status__in=(Status.DELIVERED, Status.FAILED)
        ).values_list("pk", flat=True)
    )
    WebhookDelivery.objects.filter(pk__in=ids).update(
        status=Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        queued_at=None,
        claimed_at=None,
        finished_at=None,
    )
    transaction.on_commit(lambda: hand_over(ids), robust=True)
    return len(ids)


# --- the sweeper ---------------------------------------------------------------------


def reclaim_abandoned() -> int:
    """Deliveries whose worker died mid-send (lease expired) go back to pending, or fail
    if that was their last attempt. The receiver may have got them: at-least-once."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.WEBHOOK_LEASE)
    abandoned = WebhookDelivery.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff)
    error = "The worker stopped during the delivery (it may have reached the receiver)."
    failed = abandoned.filter(attempts__gte=settings.WEBHOOK_MAX_ATTEMPTS).update(
        status=Status.FAILED, finished_at=timezone.now(), last_error=error
    )
    retried = abandoned.update(
        status=Status.PENDING, next_attempt_at=timezone.now(), queued_at=None, last_error=error
    )
    return failed + retried


def due_heads(limit: int) -> list[int]:
    """Pending deliveries that are due, first in their stream, and not known to be queued."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.WEBHOOK_REQUEUE_AFTER)
    return list(
        WebhookDelivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
        .exclude(open_before(OuterRef("pk")))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(batch: int = 1000) -> int:
    """One pass: take back abandoned deliveries, hand over what is due. Returns the number
    handed over (0 when Redis is unreachable: the next pass tries again)."""
    reclaim_abandoned()
    total = 0
    while ids := due_heads(batch):
        if not hand_over(ids):
            break
        total += len(ids)
        if len(ids) < batch:
            break
    return total
