"""The Idempotency-Key header of available-* POSTs.

The first successful allocation made with a key is stored with its response, in the
allocation's own transaction. A later POST with the same key (same user) gets that
response back instead of allocating again, as long as it is the same request (same
path and body) and the key is younger than IDEMPOTENCY_KEY_TTL seconds. Lookups run
after the parent's allocation lock is held, so a retry racing its own first attempt
waits for it and then finds its record.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from ipam.models import IdempotencyKey

MAX_KEY_LENGTH = 255


class KeyReused(Exception):
    """The key belongs to another request (another path or body)."""


@dataclass(frozen=True)
class Request:
    user_id: int | None
    key: str
    path: str
    fingerprint: str


def describe(user_id: int | None, key: str, path: str, body: Any) -> Request:
    encoded = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return Request(user_id, key, path, hashlib.sha256(encoded.encode()).hexdigest())


def _horizon() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL)


def replay(request: Request) -> IdempotencyKey | None:
    """The stored allocation for this key, if any; KeyReused if it was another request."""
    record = IdempotencyKey.objects.filter(
        user=request.user_id, key=request.key, created__gte=_horizon()
    ).first()
    if record is None:
        return None
    if (record.path, record.fingerprint) != (request.path, request.fingerprint):
        raise KeyReused(request.key)
    return record


def remember(request: Request, status_code: int, body: str) -> None:
    """Store a successful allocation's response; expired keys are dropped on the way."""
    IdempotencyKey.objects.filter(created__lt=_horizon()).delete()
    IdempotencyKey.objects.filter(user=request.user_id, key=request.key).delete()
    IdempotencyKey.objects.create(
        user_id=request.user_id,
        key=request.key,
        path=request.path,
        fingerprint=request.fingerprint,
        status_code=status_code,
        response=body,
    )
